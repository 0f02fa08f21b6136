//! Reading the minutes: the current text per agenda item, every version with its redlines and signatures,
//! who still has to sign, and the signed record that verifies offline.

use super::parse_json_ids;
use crate::access::{Audited, visible};
use crate::directory::unnamed;
use crate::entity::{meeting, minutes_entry, minutes_redline, minutes_signature, minutes_version};
use crate::{Store, StoreError};
use corridor_core::Viewer;
use corridor_core::language::Translations;
use corridor_core::meeting::minutes::{
    RECORD_FORMAT, RecordSignature, SignedRecord, VersionStatus, key_fingerprint,
};
use corridor_core::meeting::view::{
    MinutesEntryView, MinutesVersionView, MinutesView, RedlineView, SignatureView,
};
use corridor_core::view::Ref;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::Value;

/// "signed by Pakistan, pending Ying Xiong" and the like.
fn signature_state(agreed: Option<&MinutesVersionView>, pending: &[Ref]) -> String {
    let Some(v) = agreed else {
        return "not agreed yet".to_owned();
    };
    let signed: Vec<String> = v
        .signatures
        .iter()
        .map(|s| s.party.name.clone().unwrap_or_default())
        .collect();
    let pending: Vec<String> = pending
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

impl Store {
    /// A meeting's versions, newest first, with the redlines and signatures the viewer may see (unnamed).
    async fn version_views(
        &self,
        viewer: &Viewer,
        meeting_id: &str,
    ) -> Result<Vec<MinutesVersionView>, StoreError> {
        let versions = minutes_version::Entity::find()
            .filter(minutes_version::Column::MeetingId.eq(meeting_id))
            .filter(visible(viewer, "minutes_versions", "minutes_version"))
            .order_by_desc(minutes_version::Column::Number)
            .all(&self.db)
            .await?;
        let mut views = Vec::with_capacity(versions.len());
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
                        language: r.language,
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
        Ok(views)
    }

    /// The minutes as the viewer may see them.
    #[crate::boxed]
    pub async fn minutes(
        &self,
        viewer: &Viewer,
        meeting_id: &str,
    ) -> Result<MinutesView, StoreError> {
        let m = meeting::Entity::find_visible(viewer, meeting_id)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound { entity: "meeting" })?;
        let written = minutes_entry::Entity::find()
            .filter(minutes_entry::Column::MeetingId.eq(m.id.as_str()))
            .filter(visible(viewer, "minutes_entries", "minutes_entry"))
            .all(&self.db)
            .await?;
        let entries = self
            .agenda(viewer, &m.id)
            .await?
            .into_iter()
            .map(|a| {
                let entry = written.iter().find(|e| e.agenda_item_id == a.id);
                let tr = entry
                    .map(|e| Translations::from_json(&e.translations))
                    .unwrap_or_default();
                MinutesEntryView {
                    text: entry.map(|e| e.text.clone()).unwrap_or_default(),
                    text_zh: tr.zh,
                    text_ur: tr.ur,
                    agenda_item_id: a.id,
                    position: a.position,
                    title: a.title,
                    title_zh: a.title_zh,
                }
            })
            .collect();
        let mut versions = self.version_views(viewer, &m.id).await?;
        let chairs = parse_json_ids(&m.co_chair_ids);
        let mut host = unnamed(&m.owner_party_id);
        let mut refs: Vec<&mut Ref> = vec![&mut host];
        for v in &mut versions {
            refs.extend(v.reviewed_by.as_mut());
            refs.extend(v.redlines.iter_mut().map(|r| &mut r.author_party));
            refs.extend(
                v.signatures
                    .iter_mut()
                    .flat_map(|s| [&mut s.party, &mut s.person]),
            );
        }
        let mut ids: Vec<String> = refs.iter().map(|r| r.id.clone()).collect();
        ids.extend(chairs.iter().cloned());
        let names = self.names(viewer, &ids).await?;
        for r in refs {
            r.name = names.get(&r.id).cloned();
        }
        let agreed = versions
            .first()
            .filter(|v| v.status == VersionStatus::Agreed.as_str());
        let signed: Vec<&str> = agreed
            .map(|v| v.signatures.iter().map(|s| s.person.id.as_str()).collect())
            .unwrap_or_default();
        let pending_signers: Vec<Ref> = match agreed {
            Some(_) => chairs
                .iter()
                .filter(|c| !signed.contains(&c.as_str()))
                .map(|c| Ref {
                    id: c.clone(),
                    name: names.get(c).cloned(),
                })
                .collect(),
            None => vec![],
        };
        let signature_state = signature_state(agreed, &pending_signers);
        Ok(MinutesView {
            meeting_id: m.id,
            host_party: host,
            entries,
            versions,
            pending_signers,
            signature_state,
        })
    }

    /// A version's frozen content, if the viewer may see it.
    #[crate::boxed]
    pub async fn minutes_content(
        &self,
        viewer: &Viewer,
        version_id: &str,
    ) -> Result<Value, StoreError> {
        let v = minutes_version::Entity::find_visible(viewer, version_id)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound {
                entity: "minutes version",
            })?;
        serde_json::from_str(&v.content)
            .map_err(|_| StoreError::Config("stored minutes are not JSON".into()))
    }

    /// The latest agreed version with its signatures, as a record that verifies offline.
    #[crate::boxed]
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
