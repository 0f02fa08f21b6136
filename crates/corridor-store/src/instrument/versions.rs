//! Versions of an instrument's text. The author side writes a draft, which only it sees; sharing freezes it and
//! shows it to the other parties; a shared version can be marked the agreed text. Comparing two versions gives
//! the redline in one language.

use crate::access::{Audited, inherit_parties, visible};
use crate::directory::{Named, Table, access_view, editable, unnamed};
use crate::entity::{instrument, instrument_version};
use crate::meeting::parse_json_ids;
use crate::{Store, StoreError};
use corridor_core::ids::InstrumentVersionId;
use corridor_core::instrument::diff::{Comparison, compare};
use corridor_core::instrument::text::{Clause, stale_translation};
use corridor_core::instrument::view::VersionView;
use corridor_core::instrument::{NewVersion, VersionStatus};
use corridor_core::language::Language;
use corridor_core::view::Ref;
use corridor_core::{Actor, Viewer};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use std::collections::BTreeMap;

impl Named for VersionView {
    fn refs(&mut self) -> Vec<(Table, &mut Ref)> {
        vec![
            (Table::Parties, &mut self.access.owner_party),
            (Table::Parties, &mut self.author_party),
        ]
    }
}

fn clauses_of(m: &instrument_version::Model) -> Vec<Clause> {
    serde_json::from_str(&m.clauses).unwrap_or_default()
}

fn status_of(m: &instrument_version::Model) -> VersionStatus {
    m.status.parse().unwrap_or(VersionStatus::Draft)
}

/// Per language, the clauses of `new` whose translation was left behind by a change of the English since
/// `older`.
fn stale(older: Option<&instrument_version::Model>, new: &[Clause]) -> String {
    let mut map = BTreeMap::new();
    if let Some(o) = older {
        for lang in [Language::Zh, Language::Ur] {
            let keys = stale_translation(&clauses_of(o), new, lang);
            if !keys.is_empty() {
                map.insert(lang.code().to_owned(), keys);
            }
        }
    }
    serde_json::to_string(&map).unwrap_or_else(|_| "{}".into())
}

impl Store {
    /// Writes a new draft version (the author side, which must be a party); it starts as its author's own.
    #[crate::boxed]
    pub async fn add_version(
        &self,
        actor: &Actor,
        id: InstrumentVersionId,
        instrument_id: &str,
        new: &NewVersion,
    ) -> Result<VersionView, StoreError> {
        let mut tx = self.write(actor).await?;
        let viewer = actor.viewer();
        let inst = instrument::Entity::find_visible(&viewer, instrument_id)
            .one(&tx.txn)
            .await?
            .ok_or(StoreError::NotFound {
                entity: "instrument",
            })?;
        let owner = crate::meeting::user_owner(actor)?;
        let parties = parse_json_ids(&inst.party_ids);
        if !parties.contains(&owner.party) {
            return Err(StoreError::Forbidden(
                "only a party to the instrument writes its text".into(),
            ));
        }
        if let Some(a) = new.author_party_id
            && a.to_string() != owner.party
        {
            return Err(StoreError::invalid(
                "author_party_id",
                "a side writes its own versions: the author is your own party",
            ));
        }
        let previous = instrument_version::Entity::find()
            .filter(instrument_version::Column::InstrumentId.eq(inst.id.as_str()))
            .order_by_desc(instrument_version::Column::Number)
            .one(&tx.txn)
            .await?;
        let number = previous.as_ref().map_or(1, |p| p.number + 1);
        let now = corridor_core::now();
        let row = instrument_version::ActiveModel {
            id: Set(id.to_string()),
            instrument_id: Set(inst.id.clone()),
            number: Set(number),
            label: Set(new.label.clone()),
            author_party_id: Set(owner.party.clone()),
            dated_on: Set(new.dated_on),
            status: Set(VersionStatus::Draft.as_str().to_owned()),
            clauses: Set(serde_json::to_string(&new.clauses).unwrap_or_else(|_| "[]".into())),
            authentic: Set(
                serde_json::to_string(&new.authentic).unwrap_or_else(|_| "[\"en\"]".into())
            ),
            stale: Set(stale(previous.as_ref(), &new.clauses)),
            owner_party_id: Set(owner.party),
            owner_organisation_id: Set(owner.organisation),
            visibility: Set("party".into()),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        };
        let written = instrument_version::Entity::insert(row)
            .exec_with_returning(&tx.txn)
            .await?;
        inherit_parties(
            &tx,
            (instrument::Entity::ENTITY, &written.instrument_id),
            (instrument_version::Entity::ENTITY, &written.id),
        )
        .await?;
        let model = tx
            .log::<instrument_version::Entity>(written, "drafted")
            .await?;
        tx.commit().await?;
        self.instrument_version_views(&viewer, vec![model])
            .await
            .map(|mut v| v.remove(0))
    }

    /// Moves a version on: `shared` freezes a draft and shows it to the other parties; `agreed_text` marks a
    /// shared version as the text both sides agreed, and supersedes the other shared ones.
    #[crate::boxed]
    pub async fn set_version_status(
        &self,
        actor: &Actor,
        version_id: &str,
        to: VersionStatus,
    ) -> Result<VersionView, StoreError> {
        let mut tx = self.write(actor).await?;
        let current = editable::<instrument_version::Entity>(&tx, version_id).await?;
        let from = status_of(&current);
        match (from, to) {
            (VersionStatus::Draft, VersionStatus::Shared)
            | (VersionStatus::Shared, VersionStatus::AgreedText) => {}
            _ => {
                return Err(StoreError::conflict(format!(
                    "a {} version cannot become {}; drafts are shared, and a shared version becomes the agreed text",
                    from.label().to_lowercase(),
                    to.label().to_lowercase()
                )));
            }
        }
        if to == VersionStatus::AgreedText {
            // The side's own earlier shared versions are superseded here; the other side's records are its own
            // to change, and read as superseded beside an agreed text (see `instrument_version_views`).
            let others = instrument_version::Entity::find()
                .filter(instrument_version::Column::InstrumentId.eq(current.instrument_id.as_str()))
                .filter(instrument_version::Column::Status.eq(VersionStatus::Shared.as_str()))
                .filter(
                    instrument_version::Column::OwnerPartyId.eq(current.owner_party_id.as_str()),
                )
                .filter(instrument_version::Column::Id.ne(current.id.as_str()))
                .all(&tx.txn)
                .await?;
            for o in others {
                let version = o.version + 1;
                let mut row: instrument_version::ActiveModel = o.into();
                row.status = Set(VersionStatus::Superseded.as_str().to_owned());
                row.version = Set(version);
                row.updated_at = Set(corridor_core::now());
                let written = row.update(&tx.txn).await?;
                tx.log::<instrument_version::Entity>(written, "superseded")
                    .await?;
            }
        }
        let version = current.version + 1;
        let instrument_id = current.instrument_id.clone();
        let mut row: instrument_version::ActiveModel = current.into();
        row.status = Set(to.as_str().to_owned());
        if to == VersionStatus::Shared {
            // Shared with every party; with everyone when the instrument itself is public.
            let inst = instrument::Entity::find_id(&instrument_id)
                .one(&tx.txn)
                .await?;
            let public = inst.is_some_and(|i| i.visibility == "public");
            row.visibility = Set(if public { "public" } else { "shared" }.into());
        }
        row.version = Set(version);
        row.updated_at = Set(corridor_core::now());
        let written = row.update(&tx.txn).await?;
        let model = tx
            .log::<instrument_version::Entity>(written, to.as_str())
            .await?;
        tx.commit().await?;
        self.instrument_version_views(&actor.viewer(), vec![model])
            .await
            .map(|mut v| v.remove(0))
    }

    /// Confirms the translation into `language` of a version: its stale clauses were checked against the new
    /// English and stand.
    #[crate::boxed]
    pub async fn confirm_translation(
        &self,
        actor: &Actor,
        version_id: &str,
        language: &str,
    ) -> Result<VersionView, StoreError> {
        let lang: Language = language
            .parse()
            .map_err(|e: String| StoreError::invalid("language", e))?;
        let mut tx = self.write(actor).await?;
        let current = editable::<instrument_version::Entity>(&tx, version_id).await?;
        let mut map: BTreeMap<String, Vec<String>> =
            serde_json::from_str(&current.stale).unwrap_or_default();
        if map.remove(lang.code()).is_none() {
            return Err(StoreError::conflict(format!(
                "nothing of the {} text is stale",
                lang.label()
            )));
        }
        let version = current.version + 1;
        let mut row: instrument_version::ActiveModel = current.into();
        row.stale = Set(serde_json::to_string(&map).unwrap_or_else(|_| "{}".into()));
        row.version = Set(version);
        row.updated_at = Set(corridor_core::now());
        let written = row.update(&tx.txn).await?;
        let model = tx
            .log::<instrument_version::Entity>(written, "translation_confirmed")
            .await?;
        tx.commit().await?;
        self.instrument_version_views(&actor.viewer(), vec![model])
            .await
            .map(|mut v| v.remove(0))
    }

    /// One version.
    #[crate::boxed]
    pub async fn instrument_version(
        &self,
        viewer: &Viewer,
        id: &str,
    ) -> Result<VersionView, StoreError> {
        let m = instrument_version::Entity::find_visible(viewer, id)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound {
                entity: "instrument version",
            })?;
        self.instrument_version_views(viewer, vec![m])
            .await
            .map(|mut v| v.remove(0))
    }

    /// The versions of an instrument the viewer may see, oldest first.
    #[crate::boxed]
    pub async fn instrument_versions(
        &self,
        viewer: &Viewer,
        instrument_id: &str,
    ) -> Result<Vec<VersionView>, StoreError> {
        self.instrument(viewer, instrument_id).await?;
        let rows = instrument_version::Entity::find()
            .filter(instrument_version::Column::InstrumentId.eq(instrument_id))
            .filter(visible(viewer, "instrument_versions", "instrument_version"))
            .order_by_asc(instrument_version::Column::Number)
            .all(&self.db)
            .await?;
        self.instrument_version_views(viewer, rows).await
    }

    /// The redline from version `from` to version `to` in `language`; both must be versions of one instrument.
    #[crate::boxed]
    pub async fn compare_versions(
        &self,
        viewer: &Viewer,
        from: &str,
        to: &str,
        language: &str,
    ) -> Result<Comparison, StoreError> {
        let lang: Language = language
            .parse()
            .map_err(|e: String| StoreError::invalid("language", e))?;
        let find = |id: &str| instrument_version::Entity::find_visible(viewer, id).one(&self.db);
        let a = find(from).await?.ok_or_else(|| {
            StoreError::invalid("from", format!("there is no version with id {from}"))
        })?;
        let b = find(to).await?.ok_or_else(|| {
            StoreError::invalid("to", format!("there is no version with id {to}"))
        })?;
        if a.instrument_id != b.instrument_id {
            return Err(StoreError::invalid(
                "to",
                "a redline compares two versions of one instrument",
            ));
        }
        Ok(compare(&clauses_of(&a), &clauses_of(&b), lang))
    }

    /// Whether the instrument has a shared (or agreed) version, and an agreed one, among those `viewer` sees.
    pub(crate) async fn version_facts(
        &self,
        viewer: &Viewer,
        instrument_id: &str,
    ) -> Result<(bool, bool), StoreError> {
        let rows = instrument_version::Entity::find()
            .filter(instrument_version::Column::InstrumentId.eq(instrument_id))
            .filter(visible(viewer, "instrument_versions", "instrument_version"))
            .all(&self.db)
            .await?;
        let status: Vec<VersionStatus> = rows.iter().map(status_of).collect();
        Ok((
            status.iter().any(|s| s.is_frozen()),
            status.contains(&VersionStatus::AgreedText),
        ))
    }

    async fn instrument_version_views(
        &self,
        viewer: &Viewer,
        rows: Vec<instrument_version::Model>,
    ) -> Result<Vec<VersionView>, StoreError> {
        let mut views = Vec::with_capacity(rows.len());
        for m in rows {
            let superseded = m.status == VersionStatus::Shared.as_str()
                && instrument_version::Entity::find()
                    .filter(instrument_version::Column::InstrumentId.eq(m.instrument_id.as_str()))
                    .filter(
                        instrument_version::Column::Status.eq(VersionStatus::AgreedText.as_str()),
                    )
                    .filter(instrument_version::Column::Number.gt(m.number))
                    .filter(visible(viewer, "instrument_versions", "instrument_version"))
                    .one(&self.db)
                    .await?
                    .is_some();
            let access = access_view::<instrument_version::Entity>(
                &self.db,
                viewer,
                &m,
                m.version,
                m.created_at,
                m.updated_at,
            )
            .await?;
            views.push(VersionView {
                author_party: unnamed(&m.author_party_id),
                dated_on: corridor_core::dates::format_date(m.dated_on),
                authentic: serde_json::from_str(&m.authentic).unwrap_or_default(),
                stale: serde_json::from_str(&m.stale).unwrap_or_default(),
                clauses: clauses_of(&m),
                id: m.id,
                instrument_id: m.instrument_id,
                number: m.number,
                label: m.label,
                status: if superseded {
                    VersionStatus::Superseded.as_str().to_owned()
                } else {
                    m.status
                },
                access,
            });
        }
        self.fill_names(viewer, &mut views).await?;
        Ok(views)
    }
}
