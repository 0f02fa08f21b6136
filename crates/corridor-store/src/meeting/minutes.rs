//! Agreed minutes between two parties: the host side writes the minutes of each agenda item, circulates a
//! frozen version, the counterpart proposes redlines and finishes its review, the host accepts or rejects each,
//! agreeing freezes the agreed version, and each co-chair signs its hash after re-entering their password.

use super::{parse_json_ids, signing};
use crate::access::{Audited, visible};
use crate::audit::WriteTx;
use crate::directory::{editable, unnamed};
use crate::entity::{
    agenda_item, body, meeting, minutes_entry, minutes_redline, minutes_signature, minutes_version,
    person, register_item,
};
use crate::{Store, StoreError};
use corridor_core::ids::{MinutesVersionId, RedlineId, SignatureId};
use corridor_core::input::{self, limit};
use corridor_core::meeting::MeetingState;
use corridor_core::meeting::minutes::{
    RECORD_FORMAT, RecordSignature, SignedRecord, VersionStatus, content_hash, key_fingerprint,
};
use corridor_core::meeting::view::{
    MinutesEntryView, MinutesVersionView, MinutesView, RedlineView, SignatureView,
};
use corridor_core::view::Ref;
use corridor_core::{Actor, Viewer};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde_json::{Value, json};

fn conflict(message: impl Into<String>) -> StoreError {
    StoreError::Conflict {
        field: None,
        message: message.into(),
    }
}

fn text(field: &str, value: &str) -> Result<String, StoreError> {
    input::required_long_text(field, Some(value), limit::TEXT)
        .map_err(|e| StoreError::invalid(&e.field, e.message))
}

/// Writes one item's minutes inside `tx`, reopening agreed minutes.
async fn write_entry(
    tx: &mut WriteTx,
    agenda_item_id: &str,
    minutes: String,
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
            let mut row: minutes_entry::ActiveModel = e.into();
            row.text = Set(minutes);
            row.version = Set(version);
            row.updated_at = Set(now);
            row.update(&tx.txn).await?
        }
        None => {
            let row = minutes_entry::ActiveModel {
                id: Set(corridor_core::ids::AgendaItemId::new().to_string()),
                meeting_id: Set(m.id.clone()),
                agenda_item_id: Set(item.id.clone()),
                text: Set(minutes),
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
fn state_of(m: &meeting::Model) -> MeetingState {
    m.state.parse().unwrap_or(MeetingState::Draft)
}

/// The latest version of a meeting's minutes.
async fn latest(
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
            let minutes = entries.iter().find(|e| e.agenda_item_id == a.id).map(|e| e.text.clone()).unwrap_or_default();
            json!({"agenda_item_id": a.id, "position": a.position, "title": {"en": a.title}, "minutes": {"en": minutes}})
        })
        .collect();
    let outcomes: Vec<Value> = register_item::Entity::find()
        .filter(register_item::Column::MeetingId.eq(m.id.as_str()))
        .order_by_asc(register_item::Column::CreatedAt)
        .all(conn)
        .await?
        .into_iter()
        .filter(|o| joint(&o.visibility))
        .map(|o| json!({"id": o.id, "kind": o.kind, "text": {"en": o.text}, "lead_organisation_ids": parse_json_ids(&o.lead_organisation_ids), "due_on": o.due_on.map(corridor_core::dates::format_date)}))
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
        "languages": ["en"],
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
async fn move_meeting(
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
fn counterpart(actor: &Actor, m: &meeting::Model) -> Result<(), StoreError> {
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
    pub async fn write_minutes(
        &self,
        actor: &Actor,
        agenda_item_id: &str,
        minutes: &str,
    ) -> Result<(), StoreError> {
        let minutes = text("text", minutes)?;
        let mut tx = self.write(actor).await?;
        write_entry(&mut tx, agenda_item_id, minutes).await?;
        tx.commit().await
    }

    /// Freezes the current minutes as a version and sends it to the counterpart for review (host side).
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

    /// The counterpart proposes new text for one item's minutes in the circulated version.
    pub async fn propose_redline(
        &self,
        actor: &Actor,
        version_id: &str,
        agenda_item_id: &str,
        proposed: &str,
    ) -> Result<(), StoreError> {
        let proposed = text("proposed_text", proposed)?;
        let mut tx = self.write(actor).await?;
        let v = minutes_version::Entity::find_visible(&actor.viewer(), version_id)
            .one(&tx.txn)
            .await?
            .ok_or(StoreError::NotFound {
                entity: "minutes version",
            })?;
        let m = meeting::Entity::find_id(&v.meeting_id)
            .one(&tx.txn)
            .await?
            .ok_or(StoreError::NotFound { entity: "meeting" })?;
        counterpart(actor, &m)?;
        let current = latest(&tx.txn, &m.id).await?.map(|l| l.id);
        if v.status != VersionStatus::Circulated.as_str()
            || current.as_deref() != Some(v.id.as_str())
        {
            return Err(conflict(
                "redlines are proposed on the version now in circulation",
            ));
        }
        let item = agenda_item::Entity::find_visible(&actor.viewer(), agenda_item_id)
            .one(&tx.txn)
            .await?;
        if item.as_ref().is_none_or(|i| i.meeting_id != m.id) {
            return Err(StoreError::invalid(
                "agenda_item_id",
                "this agenda item is not on the meeting",
            ));
        }
        let u = actor
            .user()
            .map(|u| {
                (
                    u.party_id.to_string(),
                    u.organisation_id.map(|o| o.to_string()),
                )
            })
            .unwrap_or_default();
        let now = corridor_core::now();
        let row = minutes_redline::ActiveModel {
            id: Set(RedlineId::new().to_string()),
            version_id: Set(v.id.clone()),
            agenda_item_id: Set(agenda_item_id.to_owned()),
            proposed_text: Set(proposed),
            status: Set("proposed".into()),
            reason: Set(None),
            owner_party_id: Set(u.0),
            owner_organisation_id: Set(u.1),
            visibility: Set(v.visibility.clone()),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        };
        let written = minutes_redline::Entity::insert(row)
            .exec_with_returning(&tx.txn)
            .await?;
        tx.log::<minutes_redline::Entity>(written, "proposed")
            .await?;
        tx.commit().await
    }

    /// The counterpart says it has finished reviewing the circulated version (with or without redlines).
    pub async fn finish_review(&self, actor: &Actor, version_id: &str) -> Result<(), StoreError> {
        let mut tx = self.write(actor).await?;
        let v = minutes_version::Entity::find_visible(&actor.viewer(), version_id)
            .one(&tx.txn)
            .await?
            .ok_or(StoreError::NotFound {
                entity: "minutes version",
            })?;
        let m = meeting::Entity::find_id(&v.meeting_id)
            .one(&tx.txn)
            .await?
            .ok_or(StoreError::NotFound { entity: "meeting" })?;
        counterpart(actor, &m)?;
        if v.status != VersionStatus::Circulated.as_str() {
            return Err(conflict("only the version in circulation is reviewed"));
        }
        let version = v.version + 1;
        let mut row: minutes_version::ActiveModel = v.into();
        row.reviewed_by_party_id = Set(actor.party().map(|p| p.to_string()));
        row.version = Set(version);
        row.updated_at = Set(corridor_core::now());
        let written = row.update(&tx.txn).await?;
        tx.log::<minutes_version::Entity>(written, "reviewed")
            .await?;
        tx.commit().await
    }

    /// The host accepts a redline (its text replaces the item's minutes) or rejects it with a reason.
    pub async fn decide_redline(
        &self,
        actor: &Actor,
        redline_id: &str,
        accept: bool,
        reason: Option<&str>,
    ) -> Result<(), StoreError> {
        let reason = input::optional_long_text("reason", reason, limit::TEXT)
            .map_err(|e| StoreError::invalid(&e.field, e.message))?;
        if !accept && reason.is_none() {
            return Err(StoreError::invalid(
                "reason",
                "say why the redline is rejected",
            ));
        }
        let mut tx = self.write(actor).await?;
        let r = minutes_redline::Entity::find_visible(&actor.viewer(), redline_id)
            .one(&tx.txn)
            .await?
            .ok_or(StoreError::NotFound { entity: "redline" })?;
        let v = minutes_version::Entity::find_id(&r.version_id)
            .one(&tx.txn)
            .await?
            .ok_or(StoreError::NotFound {
                entity: "minutes version",
            })?;
        editable::<meeting::Entity>(&tx, &v.meeting_id).await?;
        if r.status != "proposed" {
            return Err(conflict(format!("this redline was already {}", r.status)));
        }
        let (item, proposed) = (r.agenda_item_id.clone(), r.proposed_text.clone());
        let version = r.version + 1;
        let mut row: minutes_redline::ActiveModel = r.into();
        row.status = Set(if accept { "accepted" } else { "rejected" }.into());
        row.reason = Set(reason);
        row.version = Set(version);
        row.updated_at = Set(corridor_core::now());
        let written = row.update(&tx.txn).await?;
        tx.log::<minutes_redline::Entity>(written, if accept { "accepted" } else { "rejected" })
            .await?;
        if accept {
            write_entry(&mut tx, &item, proposed).await?;
        }
        tx.commit().await
    }

    /// The host agrees the minutes: the counterpart must have finished reviewing the version in circulation
    /// and no redline may be pending. Freezes the agreed version, which the co-chairs then sign.
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

    /// A co-chair signs the agreed version after re-entering their password. When every co-chair's party has
    /// signed, the meeting's minutes are signed.
    pub async fn sign_minutes(
        &self,
        actor: &Actor,
        meeting_id: &str,
        password: &str,
    ) -> Result<(), StoreError> {
        let Some(user) = actor.user() else {
            return Err(StoreError::Forbidden(
                "minutes are signed by a co-chair in person".into(),
            ));
        };
        if self.authenticate(&user.username, password).await.is_err() {
            return Err(StoreError::invalid("password", "is not your password"));
        }
        let mut tx = self.write(actor).await?;
        let m = meeting::Entity::find_visible(&actor.viewer(), meeting_id)
            .one(&tx.txn)
            .await?
            .ok_or(StoreError::NotFound { entity: "meeting" })?;
        if state_of(&m) != MeetingState::MinutesAgreed {
            return Err(conflict(format!(
                "only agreed minutes are signed; these are not agreed (the meeting is {})",
                state_of(&m).label().to_lowercase()
            )));
        }
        let chairs = parse_json_ids(&m.co_chair_ids);
        if !chairs.contains(&user.person_id.to_string()) {
            return Err(StoreError::Forbidden(
                "only the meeting's co-chairs sign its minutes".into(),
            ));
        }
        let v = latest(&tx.txn, &m.id)
            .await?
            .filter(|v| v.status == VersionStatus::Agreed.as_str());
        let Some(v) = v else {
            return Err(conflict(
                "only agreed minutes are signed; these are not agreed",
            ));
        };
        let signed = minutes_signature::Entity::find()
            .filter(minutes_signature::Column::VersionId.eq(v.id.as_str()))
            .all(&tx.txn)
            .await?;
        if signed
            .iter()
            .any(|s| s.party_id == user.party_id.to_string())
        {
            return Err(conflict("your side has already signed this version"));
        }
        let digest = hex::decode(&v.content_hash)
            .map_err(|_| StoreError::Config("a stored hash is not hex".into()))?;
        let (public_key, signature) =
            signing::sign(&tx.txn, &user.person_id.to_string(), password, &digest).await?;
        let now = corridor_core::now();
        let row = minutes_signature::ActiveModel {
            id: Set(SignatureId::new().to_string()),
            version_id: Set(v.id.clone()),
            person_id: Set(user.person_id.to_string()),
            party_id: Set(user.party_id.to_string()),
            public_key: Set(public_key),
            signature: Set(signature),
            owner_party_id: Set(user.party_id.to_string()),
            owner_organisation_id: Set(None),
            visibility: Set(v.visibility.clone()),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        };
        let written = minutes_signature::Entity::insert(row)
            .exec_with_returning(&tx.txn)
            .await?;
        tx.log::<minutes_signature::Entity>(written, "signed")
            .await?;
        let mut parties = Vec::new();
        for c in &chairs {
            if let Some(p) = person::Entity::find_id(c).one(&tx.txn).await? {
                parties.push(p.party_id);
            }
        }
        let mut signed_parties: Vec<String> = signed.into_iter().map(|s| s.party_id).collect();
        signed_parties.push(user.party_id.to_string());
        if parties.iter().all(|p| signed_parties.contains(p)) {
            move_meeting(&mut tx, m, MeetingState::MinutesSigned, "minutes_signed").await?;
        }
        tx.commit().await
    }

    /// The minutes as the viewer may see them.
    pub async fn minutes(
        &self,
        viewer: &Viewer,
        meeting_id: &str,
    ) -> Result<MinutesView, StoreError> {
        let m = meeting::Entity::find_visible(viewer, meeting_id)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound { entity: "meeting" })?;
        let entries = minutes_entry::Entity::find()
            .filter(minutes_entry::Column::MeetingId.eq(m.id.as_str()))
            .filter(visible(viewer, "minutes_entries", "minutes_entry"))
            .all(&self.db)
            .await?;
        let agenda = self.agenda(viewer, &m.id).await?;
        let entries = agenda
            .iter()
            .map(|a| MinutesEntryView {
                agenda_item_id: a.id.clone(),
                position: a.position,
                title: a.title.clone(),
                text: entries
                    .iter()
                    .find(|e| e.agenda_item_id == a.id)
                    .map(|e| e.text.clone())
                    .unwrap_or_default(),
            })
            .collect();
        let versions = minutes_version::Entity::find()
            .filter(minutes_version::Column::MeetingId.eq(m.id.as_str()))
            .filter(visible(viewer, "minutes_versions", "minutes_version"))
            .order_by_desc(minutes_version::Column::Number)
            .all(&self.db)
            .await?;
        let mut views = Vec::with_capacity(versions.len());
        let mut ids = Vec::new();
        for v in versions {
            let redlines = minutes_redline::Entity::find()
                .filter(minutes_redline::Column::VersionId.eq(v.id.as_str()))
                .filter(visible(viewer, "minutes_redlines", "minutes_redline"))
                .order_by_asc(minutes_redline::Column::CreatedAt)
                .all(&self.db)
                .await?;
            let signatures = minutes_signature::Entity::find()
                .filter(minutes_signature::Column::VersionId.eq(v.id.as_str()))
                .filter(visible(viewer, "minutes_signatures", "minutes_signature"))
                .order_by_asc(minutes_signature::Column::CreatedAt)
                .all(&self.db)
                .await?;
            ids.extend(
                signatures
                    .iter()
                    .flat_map(|s| [s.party_id.clone(), s.person_id.clone()]),
            );
            ids.extend(redlines.iter().map(|r| r.owner_party_id.clone()));
            ids.extend(v.reviewed_by_party_id.clone());
            views.push(MinutesVersionView {
                id: v.id,
                number: v.number,
                status: v.status,
                hash: v.content_hash,
                reviewed_by: v.reviewed_by_party_id.as_deref().map(unnamed),
                redlines: redlines
                    .into_iter()
                    .map(|r| RedlineView {
                        author_party: unnamed(&r.owner_party_id),
                        id: r.id,
                        agenda_item_id: r.agenda_item_id,
                        proposed_text: r.proposed_text,
                        status: r.status,
                        reason: r.reason,
                    })
                    .collect(),
                signatures: signatures
                    .into_iter()
                    .map(|s| SignatureView {
                        party: unnamed(&s.party_id),
                        person: unnamed(&s.person_id),
                        fingerprint: key_fingerprint(&s.public_key),
                        signed_at: corridor_core::dates::format_rfc3339(s.created_at),
                    })
                    .collect(),
            });
        }
        let chairs = parse_json_ids(&m.co_chair_ids);
        ids.extend(chairs.iter().cloned());
        ids.push(m.owner_party_id.clone());
        let names = self.names(viewer, &ids).await?;
        let name = |r: &mut Ref| r.name = names.get(&r.id).cloned();
        for v in &mut views {
            v.reviewed_by.as_mut().map(name);
            v.redlines
                .iter_mut()
                .for_each(|r| name(&mut r.author_party));
            v.signatures.iter_mut().for_each(|s| {
                name(&mut s.party);
                name(&mut s.person);
            });
        }
        let agreed = views
            .first()
            .filter(|v| v.status == VersionStatus::Agreed.as_str());
        let signed_people: Vec<String> = agreed
            .map(|v| v.signatures.iter().map(|s| s.person.id.clone()).collect())
            .unwrap_or_default();
        let pending_signers: Vec<Ref> = if agreed.is_some() {
            chairs
                .iter()
                .filter(|c| !signed_people.contains(c))
                .map(|c| Ref {
                    id: c.clone(),
                    name: names.get(c).cloned(),
                })
                .collect()
        } else {
            vec![]
        };
        let signature_state = match agreed {
            None => "not agreed yet".to_owned(),
            Some(v) => {
                let signed: Vec<String> = v
                    .signatures
                    .iter()
                    .map(|s| s.party.name.clone().unwrap_or_default())
                    .collect();
                let pending: Vec<String> = pending_signers
                    .iter()
                    .map(|p| p.name.clone().unwrap_or_default())
                    .collect();
                match (signed.is_empty(), pending.is_empty()) {
                    (true, _) => format!("agreed; pending signature by {}", pending.join(" and ")),
                    (false, true) => format!("signed by {}", signed.join(" and ")),
                    (false, false) => format!(
                        "signed by {}, pending {}",
                        signed.join(" and "),
                        pending.join(" and ")
                    ),
                }
            }
        };
        let mut host = unnamed(&m.owner_party_id);
        name(&mut host);
        Ok(MinutesView {
            meeting_id: m.id,
            host_party: host,
            entries,
            versions: views,
            pending_signers,
            signature_state,
        })
    }

    /// The latest agreed version with its signatures, as a record that verifies offline.
    pub async fn signed_record(
        &self,
        viewer: &Viewer,
        meeting_id: &str,
    ) -> Result<SignedRecord, StoreError> {
        let m = meeting::Entity::find_visible(viewer, meeting_id)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound { entity: "meeting" })?;
        let v = minutes_version::Entity::find()
            .filter(minutes_version::Column::MeetingId.eq(m.id.as_str()))
            .filter(minutes_version::Column::Status.eq(VersionStatus::Agreed.as_str()))
            .filter(visible(viewer, "minutes_versions", "minutes_version"))
            .order_by_desc(minutes_version::Column::Number)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound {
                entity: "agreed minutes",
            })?;
        let sigs = minutes_signature::Entity::find()
            .filter(minutes_signature::Column::VersionId.eq(v.id.as_str()))
            .order_by_asc(minutes_signature::Column::CreatedAt)
            .all(&self.db)
            .await?;
        let ids: Vec<String> = sigs
            .iter()
            .flat_map(|s| [s.party_id.clone(), s.person_id.clone()])
            .collect();
        let names = self.names(&Viewer::System, &ids).await?;
        let content: Value = serde_json::from_str(&v.content)
            .map_err(|_| StoreError::Config("stored minutes are not JSON".into()))?;
        Ok(SignedRecord {
            format: RECORD_FORMAT.into(),
            content,
            hash: v.content_hash,
            signatures: sigs
                .into_iter()
                .map(|s| RecordSignature {
                    party_name: names.get(&s.party_id).cloned().unwrap_or_default(),
                    person_name: names.get(&s.person_id).cloned().unwrap_or_default(),
                    party_id: s.party_id,
                    person_id: s.person_id,
                    public_key: s.public_key,
                    signature: s.signature,
                    signed_at: corridor_core::dates::format_rfc3339(s.created_at),
                })
                .collect(),
        })
    }
}
