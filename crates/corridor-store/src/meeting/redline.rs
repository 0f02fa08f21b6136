//! The counterpart's part of agreed minutes: redlines on the circulated version and the end of its review,
//! and the host's decision on each redline.

use super::minutes::{EntryChange, conflict, counterpart, latest, text, write_entry};
use crate::access::Audited;
use crate::directory::editable;
use crate::entity::{agenda_item, meeting, minutes_redline, minutes_version};
use crate::{Store, StoreError};
use corridor_core::Actor;
use corridor_core::ids::RedlineId;
use corridor_core::input::{self, limit};
use corridor_core::language::Language;
use corridor_core::meeting::minutes::VersionStatus;
use sea_orm::{ActiveModelTrait, EntityTrait, Set};

impl Store {
    /// The counterpart proposes new text for one item's minutes in the circulated version. Returns the
    /// meeting's id.
    #[crate::boxed]
    pub async fn propose_redline(
        &self,
        actor: &Actor,
        version_id: &str,
        agenda_item_id: &str,
        language: &str,
        proposed: &str,
    ) -> Result<String, StoreError> {
        let proposed = text("proposed_text", proposed)?;
        let language: Language = if language.trim().is_empty() {
            Language::En
        } else {
            language
                .parse()
                .map_err(|e: String| StoreError::invalid("language", e))?
        };
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
            language: Set(language.code().to_owned()),
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
        tx.commit().await?;
        Ok(m.id)
    }

    /// The counterpart says it has finished reviewing the circulated version (with or without redlines).
    /// Returns the meeting's id.
    #[crate::boxed]
    pub async fn finish_review(
        &self,
        actor: &Actor,
        version_id: &str,
    ) -> Result<String, StoreError> {
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
        tx.commit().await?;
        Ok(m.id)
    }

    /// The host accepts a redline (its text replaces the item's minutes) or rejects it with a reason.
    /// Returns the meeting's id.
    #[crate::boxed]
    pub async fn decide_redline(
        &self,
        actor: &Actor,
        redline_id: &str,
        accept: bool,
        reason: Option<&str>,
    ) -> Result<String, StoreError> {
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
        let meeting_id = editable::<meeting::Entity>(&tx, &v.meeting_id).await?.id;
        if r.status != "proposed" {
            return Err(conflict(format!("this redline was already {}", r.status)));
        }
        let (item, proposed) = (r.agenda_item_id.clone(), r.proposed_text.clone());
        let language: Language = r.language.parse().unwrap_or(Language::En);
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
            write_entry(&mut tx, &item, EntryChange::One(language, proposed)).await?;
        }
        tx.commit().await?;
        Ok(meeting_id)
    }
}
