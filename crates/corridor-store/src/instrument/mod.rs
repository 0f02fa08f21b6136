//! Instruments: who they bind, what they stand to, and where they stand. Versions of their text live in
//! `versions.rs`, the steps of their life in `steps.rs`.

mod accession;
mod attachment;
pub(crate) use attachment::put_file;
mod consultation;
mod opening;
mod steps;
mod versions;

use crate::access::{Audited, visible};
use crate::directory::{
    Named, Table, access_view, check_version, editable, parse_id, require_visible, store_access,
    unnamed,
};
use crate::entity::{body, instrument, party};
use crate::meeting::{json_ids, parse_json_ids, user_owner};
use crate::page::{by_name, finish, name_cursor};
use crate::{Page, Paged, Store, StoreError};
use corridor_core::ids::InstrumentId;
use corridor_core::instrument::view::{InstrumentView, LineageView};
use corridor_core::instrument::{InstrumentKind, NewInstrument};
use corridor_core::language::Translations;
use corridor_core::view::Ref;
use corridor_core::{Actor, Viewer};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

impl Named for InstrumentView {
    fn refs(&mut self) -> Vec<(Table, &mut Ref)> {
        let mut r = vec![(Table::Parties, &mut self.access.owner_party)];
        r.extend(self.parties.iter_mut().map(|p| (Table::Parties, p)));
        r.extend(self.body.as_mut().map(|b| (Table::Bodies, b)));
        r
    }
}

/// Which instruments a list shows.
#[derive(Clone, Debug, Default)]
pub struct InstrumentFilter {
    /// Of this kind.
    pub kind: Option<InstrumentKind>,
    /// With this party.
    pub party_id: Option<String>,
    /// At this stage (`draft`, `shared`, `accepted`, `signed`, `in_force`, `terminated`).
    pub stage: Option<String>,
}

/// Parties, body and earlier instruments must be visible; the writer's side must be a party.
async fn check_references(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    new: &NewInstrument,
    id: &str,
) -> Result<(), StoreError> {
    let viewer = actor.viewer();
    for p in &new.party_ids {
        require_visible::<party::Entity>(conn, &viewer, &p.to_string(), "party_ids").await?;
    }
    if let Some(u) = actor.user()
        && !new.party_ids.contains(&u.party_id)
    {
        return Err(StoreError::invalid(
            "party_ids",
            "your own party must be one of the instrument's parties",
        ));
    }
    if let Some(b) = new.body_id {
        require_visible::<body::Entity>(conn, &viewer, &b.to_string(), "body_id").await?;
    }
    for (_, earlier) in &new.lineage {
        if earlier.to_string() == id {
            return Err(StoreError::invalid(
                "lineage",
                "an instrument cannot stand to itself",
            ));
        }
        require_visible::<instrument::Entity>(conn, &viewer, &earlier.to_string(), "lineage")
            .await?;
    }
    Ok(())
}

fn lineage_json(new: &NewInstrument) -> String {
    serde_json::to_string(
        &new.lineage
            .iter()
            .map(|(rel, id)| format!("{}:{id}", rel.as_str()))
            .collect::<Vec<_>>(),
    )
    .unwrap_or_else(|_| "[]".into())
}

fn fill(row: &mut instrument::ActiveModel, new: &NewInstrument) {
    row.kind = Set(new.kind.as_str().to_owned());
    row.title = Set(new.title.clone());
    row.translations = Set(new.title_translations.to_json());
    row.party_ids = Set(json_ids(&new.party_ids));
    row.body_id = Set(new.body_id.map(|b| b.to_string()));
    row.umbrella = Set(new.umbrella);
    row.open_to_accession = Set(new.open_to_accession);
    row.lineage = Set(lineage_json(new));
    row.visibility = Set(new.access.visibility.to_string());
}

impl Store {
    /// Records an instrument; the writer's side owns it and must be one of its parties.
    #[crate::boxed]
    pub async fn create_instrument(
        &self,
        actor: &Actor,
        id: InstrumentId,
        new: &NewInstrument,
    ) -> Result<InstrumentView, StoreError> {
        let mut tx = self.write(actor).await?;
        check_references(&tx.txn, actor, new, &id.to_string()).await?;
        let owner = user_owner(actor)?;
        let now = corridor_core::now();
        let mut row = instrument::ActiveModel {
            id: Set(id.to_string()),
            owner_party_id: Set(owner.party),
            owner_organisation_id: Set(owner.organisation),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        };
        fill(&mut row, new);
        let written = instrument::Entity::insert(row)
            .exec_with_returning(&tx.txn)
            .await?;
        store_access(
            &tx,
            instrument::Entity::ENTITY,
            &id.to_string(),
            &new.access,
            false,
        )
        .await?;
        let model = tx.log::<instrument::Entity>(written, "created").await?;
        tx.commit().await?;
        self.instrument_views(&actor.viewer(), vec![model])
            .await
            .map(|mut v| v.remove(0))
    }

    /// Changes an instrument's particulars (its owner side).
    #[crate::boxed]
    pub async fn update_instrument(
        &self,
        actor: &Actor,
        id: &str,
        new: &NewInstrument,
    ) -> Result<InstrumentView, StoreError> {
        let mut tx = self.write(actor).await?;
        let current = editable::<instrument::Entity>(&tx, id).await?;
        check_version("instrument", new.expected_version, current.version)?;
        check_references(&tx.txn, actor, new, id).await?;
        let (version, was_restricted) = (current.version + 1, current.visibility == "restricted");
        let mut row: instrument::ActiveModel = current.into();
        fill(&mut row, new);
        row.version = Set(version);
        row.updated_at = Set(corridor_core::now());
        let written = row.update(&tx.txn).await?;
        store_access(
            &tx,
            instrument::Entity::ENTITY,
            id,
            &new.access,
            was_restricted,
        )
        .await?;
        let model = tx.log::<instrument::Entity>(written, "updated").await?;
        tx.commit().await?;
        self.instrument_views(&actor.viewer(), vec![model])
            .await
            .map(|mut v| v.remove(0))
    }

    /// One instrument.
    #[crate::boxed]
    pub async fn instrument(
        &self,
        viewer: &Viewer,
        id: &str,
    ) -> Result<InstrumentView, StoreError> {
        let id: InstrumentId = parse_id("instrument", id)?;
        let model = instrument::Entity::find_visible(viewer, &id.to_string())
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound {
                entity: "instrument",
            })?;
        self.instrument_views(viewer, vec![model])
            .await
            .map(|mut v| v.remove(0))
    }

    /// The instruments the viewer may see, by title.
    #[crate::boxed]
    pub async fn instruments(
        &self,
        viewer: &Viewer,
        f: &InstrumentFilter,
        page: &Page,
    ) -> Result<Paged<InstrumentView>, StoreError> {
        use instrument::Column as C;
        let mut q = instrument::Entity::find().filter(visible(viewer, "instruments", "instrument"));
        if let Some(k) = f.kind {
            q = q.filter(C::Kind.eq(k.as_str()));
        }
        if let Some(p) = &f.party_id {
            q = q.filter(C::PartyIds.contains(p.as_str()));
        }
        let size = page.size();
        let Some(stage) = &f.stage else {
            let rows = by_name(q, C::Title, C::Id, page).all(&self.db).await?;
            let paged = finish(
                rows,
                size,
                |m: &instrument::Model| name_cursor(&m.title, &m.id),
                |m| m,
            );
            let items = self.instrument_views(viewer, paged.items).await?;
            return Ok(Paged {
                items,
                next: paged.next,
            });
        };
        // The stage comes from the steps the viewer may see, not a column: read on in name order until the
        // page is full, so a page is never cut short by rows of other stages.
        let mut items = Vec::new();
        let mut after = page.after.clone();
        loop {
            let chunk = Page {
                after: after.clone(),
                limit: Some(200),
            };
            let rows = by_name(q.clone(), C::Title, C::Id, &chunk)
                .all(&self.db)
                .await?;
            let more = rows.len() > 200;
            for m in rows.into_iter().take(200) {
                after = Some(name_cursor(&m.title, &m.id));
                if &self.stage(viewer, &m.id).await? == stage {
                    items.push(m);
                    if items.len() as u64 > size {
                        break;
                    }
                }
            }
            if items.len() as u64 > size || !more {
                break;
            }
        }
        let paged = finish(
            items,
            size,
            |m: &instrument::Model| name_cursor(&m.title, &m.id),
            |m| m,
        );
        let items = self.instrument_views(viewer, paged.items).await?;
        Ok(Paged {
            items,
            next: paged.next,
        })
    }

    async fn instrument_views(
        &self,
        viewer: &Viewer,
        rows: Vec<instrument::Model>,
    ) -> Result<Vec<InstrumentView>, StoreError> {
        let mut views = Vec::with_capacity(rows.len());
        for m in rows {
            let access = access_view::<instrument::Entity>(
                &self.db,
                viewer,
                &m,
                m.version,
                m.created_at,
                m.updated_at,
            )
            .await?;
            let tr = Translations::from_json(&m.translations);
            let mut lineage = Vec::new();
            for raw in parse_json_ids(&m.lineage) {
                let Some((relation, id)) = raw.split_once(':') else {
                    continue;
                };
                if let Some(earlier) = instrument::Entity::find_visible(viewer, id)
                    .one(&self.db)
                    .await?
                {
                    lineage.push(LineageView {
                        relation: relation.to_owned(),
                        instrument: Ref {
                            id: earlier.id,
                            name: Some(earlier.title),
                        },
                    });
                }
            }
            let stage = self.stage(viewer, &m.id).await?;
            views.push(InstrumentView {
                parties: parse_json_ids(&m.party_ids)
                    .iter()
                    .map(|p| unnamed(p))
                    .collect(),
                body: m.body_id.as_deref().map(unnamed),
                id: m.id,
                kind: m.kind,
                title: m.title,
                title_zh: tr.zh,
                title_ur: tr.ur,
                umbrella: m.umbrella,
                open_to_accession: m.open_to_accession,
                lineage,
                stage,
                access,
            });
        }
        self.fill_names(viewer, &mut views).await?;
        Ok(views)
    }
}
