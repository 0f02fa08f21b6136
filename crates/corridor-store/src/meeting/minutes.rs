//! Agreed minutes between two parties: the host side writes the minutes of each agenda item, circulates a
//! frozen version, the counterpart proposes redlines and finishes its review, the host accepts or rejects each,
//! agreeing freezes the agreed version, and each co-chair signs its hash after re-entering their password.

use super::parse_json_ids;
use crate::access::Audited;
use crate::audit::WriteTx;
use crate::directory::editable;
use crate::entity::{
    agenda_item, body, meeting, minutes_entry, minutes_redline, minutes_version, person,
    register_item,
};
use crate::{Store, StoreError};
use corridor_core::Actor;
use corridor_core::ids::MinutesVersionId;
use corridor_core::input::{self, limit};
use corridor_core::language::{Language, Translations};
use corridor_core::meeting::MeetingState;
use corridor_core::meeting::minutes::{VersionStatus, content_hash};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde_json::{Value, json};

pub(super) fn conflict(message: impl Into<String>) -> StoreError {
    StoreError::conflict(message)
}

pub(super) fn text(field: &str, value: &str) -> Result<String, StoreError> {
    input::required_long_text(field, Some(value), limit::TEXT)
        .map_err(|e| StoreError::invalid(&e.field, e.message))
}

/// What a write changes in one item's minutes.
pub(super) enum EntryChange {
    /// The host writes the English text and its translations.
    All(String, Translations),
    /// An accepted redline replaces the text in one language.
    One(Language, String),
}

impl EntryChange {
    fn apply(self, text: &mut String, translations: &mut String) {
        match self {
            EntryChange::All(en, tr) => {
                *text = en;
                *translations = tr.to_json();
            }
            EntryChange::One(Language::En, en) => *text = en,
            EntryChange::One(lang, t) => {
                let mut tr = Translations::from_json(translations);
                tr.set(lang, Some(t));
                *translations = tr.to_json();
            }
        }
    }
}

/// Writes one item's minutes inside `tx`, reopening agreed minutes.
pub(super) async fn write_entry(
    tx: &mut WriteTx,
    agenda_item_id: &str,
    change: EntryChange,
) -> Result<(), StoreError> {
    let item = agenda_item::Entity::find_visible(&tx.actor().viewer(), agenda_item_id)
        .one(&tx.txn)
        .await?
        .ok_or_else(|| {
            StoreError::invalid(
                "agenda_item_id",
                format!("there is no agenda item with id {agenda_item_id}"),
            )
        })?;
    let m = editable::<meeting::Entity>(tx, &item.meeting_id).await?;
    let state = state_of(&m);
    if !matches!(
        state,
        MeetingState::InSession
            | MeetingState::Concluded
            | MeetingState::MinutesAgreed
            | MeetingState::MinutesSigned
    ) {
        return Err(conflict(format!(
            "minutes are written once the meeting is in session; this one is {}",
            state.label().to_lowercase()
        )));
    }
    if matches!(
        state,
        MeetingState::MinutesAgreed | MeetingState::MinutesSigned
    ) {
        move_meeting(tx, m.clone(), MeetingState::Concluded, "minutes_reopened").await?;
    }
    let existing = minutes_entry::Entity::find()
        .filter(minutes_entry::Column::AgendaItemId.eq(item.id.as_str()))
        .one(&tx.txn)
        .await?;
    let now = corridor_core::now();
    let written = match existing {
        Some(e) => {
            let version = e.version + 1;
            let (mut text, mut translations) = (e.text.clone(), e.translations.clone());
            change.apply(&mut text, &mut translations);
            let mut row: minutes_entry::ActiveModel = e.into();
            row.text = Set(text);
            row.translations = Set(translations);
            row.version = Set(version);
            row.updated_at = Set(now);
            row.update(&tx.txn).await?
        }
        None => {
            let (mut text, mut translations) = (String::new(), "{}".to_owned());
            change.apply(&mut text, &mut translations);
            let row = minutes_entry::ActiveModel {
                id: Set(corridor_core::ids::MinutesEntryId::new().to_string()),
                meeting_id: Set(m.id.clone()),
                agenda_item_id: Set(item.id.clone()),
                text: Set(text),
                translations: Set(translations),
                owner_party_id: Set(m.owner_party_id.clone()),
                owner_organisation_id: Set(m.owner_organisation_id.clone()),
                visibility: Set(item.visibility.clone()),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
            };
            minutes_entry::Entity::insert(row)
                .exec_with_returning(&tx.txn)
                .await?
        }
    };
    tx.log::<minutes_entry::Entity>(written, "written").await?;
    Ok(())
}

/// The meeting's state, parsed.
pub(super) fn state_of(m: &meeting::Model) -> MeetingState {
    m.state.parse().unwrap_or(MeetingState::Draft)
}

/// The latest version of a meeting's minutes.
pub(super) async fn latest(
    conn: &impl ConnectionTrait,
    meeting_id: &str,
) -> Result<Option<minutes_version::Model>, StoreError> {
    Ok(minutes_version::Entity::find()
        .filter(minutes_version::Column::MeetingId.eq(meeting_id))
        .order_by_desc(minutes_version::Column::Number)
        .one(conn)
        .await?)
}

/// The joint record of a meeting as it stands: particulars, co-chairs, the minutes of each shared agenda item
/// and the shared outcomes. Party-internal items and outcomes never enter the joint minutes.
async fn content(
    conn: &impl ConnectionTrait,
    m: &meeting::Model,
    number: i32,
) -> Result<Value, StoreError> {
    let joint = |vis: &str| matches!(vis, "shared" | "public");
    let body = body::Entity::find_id(&m.body_id)
        .one(conn)
        .await?
        .map(|b| b.name)
        .unwrap_or_default();
    let mut chairs = Vec::new();
    for id in parse_json_ids(&m.co_chair_ids) {
        if let Some(p) = person::Entity::find_id(&id).one(conn).await? {
            chairs.push(json!({"person_id": p.id, "name": p.full_name, "party_id": p.party_id}));
        }
    }
    let mut languages = std::collections::BTreeSet::from([Language::En]);
    let entries = minutes_entry::Entity::find()
        .filter(minutes_entry::Column::MeetingId.eq(m.id.as_str()))
        .all(conn)
        .await?;
    let items: Vec<Value> = agenda_item::Entity::find()
        .filter(agenda_item::Column::MeetingId.eq(m.id.as_str()))
        .order_by_asc(agenda_item::Column::Position)
        .all(conn)
        .await?
        .into_iter()
        .filter(|a| joint(&a.visibility))
        .map(|a| {
            let title = Translations::from_json(&a.translations);
            languages.extend(title.languages());
            let minutes = entries.iter().find(|e| e.agenda_item_id == a.id).map_or_else(
                || json!({"en": ""}),
                |e| {
                    let tr = Translations::from_json(&e.translations);
                    languages.extend(tr.languages());
                    tr.with_english(&e.text)
                },
            );
            json!({"agenda_item_id": a.id, "position": a.position, "title": title.with_english(&a.title), "minutes": minutes})
        })
        .collect();
    let outcomes: Vec<Value> = register_item::Entity::find()
        .filter(register_item::Column::MeetingId.eq(m.id.as_str()))
        .order_by_asc(register_item::Column::CreatedAt)
        .all(conn)
        .await?
        .into_iter()
        .filter(|o| joint(&o.visibility))
        .map(|o| {
            let tr = Translations::from_json(&o.translations);
            languages.extend(tr.languages());
            json!({"id": o.id, "kind": o.kind, "text": tr.with_english(&o.text), "lead_organisation_ids": parse_json_ids(&o.lead_organisation_ids), "due_on": o.due_on.map(corridor_core::dates::format_date)})
        })
        .collect();
    Ok(json!({
        "meeting": {
            "id": m.id, "body": body, "number": m.number, "title": m.title, "modality": m.modality,
            "starts_at": corridor_core::dates::format_rfc3339(m.starts_at), "ends_at": corridor_core::dates::format_rfc3339(m.ends_at),
            "time_zone": m.time_zone, "host_party_id": m.host_party_id,
        },
        "co_chairs": chairs,
        "items": items,
        "outcomes": outcomes,
        "version": number,
        "languages": languages.iter().map(|l| l.code()).collect::<Vec<_>>(),
    }))
}

/// Inserts a version of the minutes with `status`, superseding the circulated one before it.
async fn freeze(
    tx: &mut WriteTx,
    m: &meeting::Model,
    status: VersionStatus,
) -> Result<minutes_version::Model, StoreError> {
    let previous = latest(&tx.txn, &m.id).await?;
    let number = previous.as_ref().map_or(1, |v| v.number + 1);
    if let Some(p) = previous.filter(|p| p.status == VersionStatus::Circulated.as_str()) {
        let version = p.version + 1;
        let mut row: minutes_version::ActiveModel = p.into();
        row.status = Set(VersionStatus::Superseded.as_str().into());
        row.version = Set(version);
        row.updated_at = Set(corridor_core::now());
        let written = row.update(&tx.txn).await?;
        tx.log::<minutes_version::Entity>(written, "superseded")
            .await?;
    }
    let content = content(&tx.txn, m, number).await?;
    let now = corridor_core::now();
    let row = minutes_version::ActiveModel {
        id: Set(MinutesVersionId::new().to_string()),
        meeting_id: Set(m.id.clone()),
        number: Set(number),
        status: Set(status.as_str().into()),
        content_hash: Set(content_hash(&content)),
        content: Set(corridor_core::audit::canonical_json(&content)),
        reviewed_by_party_id: Set(None),
        owner_party_id: Set(m.owner_party_id.clone()),
        owner_organisation_id: Set(m.owner_organisation_id.clone()),
        visibility: Set(m.visibility.clone()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    };
    let written = minutes_version::Entity::insert(row)
        .exec_with_returning(&tx.txn)
        .await?;
    tx.log::<minutes_version::Entity>(written, status.as_str())
        .await
}

/// Moves the meeting to `state`, logging it with `action`.
pub(super) async fn move_meeting(
    tx: &mut WriteTx,
    m: meeting::Model,
    state: MeetingState,
    action: &str,
) -> Result<meeting::Model, StoreError> {
    let version = m.version + 1;
    let mut row: meeting::ActiveModel = m.into();
    row.state = Set(state.as_str().into());
    row.version = Set(version);
    row.updated_at = Set(corridor_core::now());
    let written = row.update(&tx.txn).await?;
    tx.log::<meeting::Entity>(written, action).await
}

/// The counterpart: a signed-in user of a party other than the host, who may see the meeting.
pub(super) fn counterpart(actor: &Actor, m: &meeting::Model) -> Result<(), StoreError> {
    match actor.user() {
        Some(u)
            if u.party_id.to_string() != m.owner_party_id
                && u.role != corridor_core::Role::Observer =>
        {
            Ok(())
        }
        Some(_) => Err(StoreError::Forbidden(
            "redlines come from the counterpart's secretariat, not the host side or observers"
                .into(),
        )),
        None => Err(StoreError::Forbidden(
            "redlines are proposed by a signed-in user".into(),
        )),
    }
}

impl Store {
    /// Writes the minutes of one agenda item (host side). After agreement this reopens the minutes: the
    /// agreed version keeps its signatures and the next version starts without any.
    #[crate::boxed]
    pub async fn write_minutes(
        &self,
        actor: &Actor,
        agenda_item_id: &str,
        minutes: &str,
        translations: &Translations,
    ) -> Result<(), StoreError> {
        let minutes = text("text", minutes)?;
        let mut tx = self.write(actor).await?;
        let change = EntryChange::All(minutes, translations.clone());
        write_entry(&mut tx, agenda_item_id, change).await?;
        tx.commit().await
    }

    /// Freezes the current minutes as a version and sends it to the counterpart for review (host side).
    #[crate::boxed]
    pub async fn circulate_minutes(
        &self,
        actor: &Actor,
        meeting_id: &str,
    ) -> Result<(), StoreError> {
        let mut tx = self.write(actor).await?;
        let m = editable::<meeting::Entity>(&tx, meeting_id).await?;
        if state_of(&m) != MeetingState::Concluded {
            return Err(conflict(format!(
                "minutes are circulated after the meeting concluded; this one is {}",
                state_of(&m).label().to_lowercase()
            )));
        }
        freeze(&mut tx, &m, VersionStatus::Circulated).await?;
        tx.commit().await
    }

    /// The host agrees the minutes: the counterpart must have finished reviewing the version in circulation
    /// and no redline may be pending. Freezes the agreed version, which the co-chairs then sign.
    #[crate::boxed]
    pub async fn agree_minutes(&self, actor: &Actor, meeting_id: &str) -> Result<(), StoreError> {
        let mut tx = self.write(actor).await?;
        let m = editable::<meeting::Entity>(&tx, meeting_id).await?;
        if state_of(&m) != MeetingState::Concluded {
            return Err(conflict(format!(
                "minutes are agreed after the meeting concluded; this one is {}",
                state_of(&m).label().to_lowercase()
            )));
        }
        let circulated = latest(&tx.txn, &m.id)
            .await?
            .filter(|v| v.status == VersionStatus::Circulated.as_str());
        let Some(v) = circulated else {
            return Err(conflict(
                "circulate the minutes to the counterpart before agreeing them",
            ));
        };
        if v.reviewed_by_party_id.is_none() {
            return Err(conflict(
                "the counterpart has not finished reviewing the circulated minutes",
            ));
        }
        let pending = minutes_redline::Entity::find()
            .filter(minutes_redline::Column::VersionId.eq(v.id.as_str()))
            .filter(minutes_redline::Column::Status.eq("proposed"))
            .all(&tx.txn)
            .await?;
        if !pending.is_empty() {
            return Err(conflict(format!(
                "{} redline(s) still await a decision",
                pending.len()
            )));
        }
        freeze(&mut tx, &m, VersionStatus::Agreed).await?;
        move_meeting(&mut tx, m, MeetingState::MinutesAgreed, "minutes_agreed").await?;
        tx.commit().await
    }
}
