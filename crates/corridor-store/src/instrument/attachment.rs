//! Evidence documents and signed copies attached to a step or a version. The owner side attaches; the file is
//! stored once per content; the attachment takes the record's visibility, so a download is allowed exactly
//! when the record may be seen.

use crate::access::{Audited, inherit_parties, inherit_restricted_to, visible};
use crate::directory::{Named, Table, access_view, editable};
use crate::entity::{attachment, file, instrument_step, instrument_version};
use crate::{Store, StoreError};
use corridor_core::attachment::Upload;
use corridor_core::ids::AttachmentId;
use corridor_core::instrument::view::AttachmentView;
use corridor_core::view::Ref;
use corridor_core::{Actor, Viewer};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

impl Named for AttachmentView {
    fn refs(&mut self) -> Vec<(Table, &mut Ref)> {
        vec![(Table::Parties, &mut self.access.owner_party)]
    }
}

/// The owner, organisation and visibility of the record being attached to, which must be the actor's to edit.
async fn target(
    tx: &crate::audit::WriteTx,
    entity: &str,
    id: &str,
) -> Result<(String, Option<String>, String, &'static str), StoreError> {
    match entity {
        "instrument_step" => {
            let m = editable::<instrument_step::Entity>(tx, id).await?;
            Ok((
                m.owner_party_id,
                m.owner_organisation_id,
                m.visibility,
                instrument_step::Entity::ENTITY,
            ))
        }
        "instrument_version" => {
            let m = editable::<instrument_version::Entity>(tx, id).await?;
            Ok((
                m.owner_party_id,
                m.owner_organisation_id,
                m.visibility,
                instrument_version::Entity::ENTITY,
            ))
        }
        _ => Err(StoreError::invalid(
            "entity",
            "attach files to an instrument_step or an instrument_version",
        )),
    }
}

/// Stores a file's content once under its SHA-256 (a second upload of the same bytes adds nothing); returns
/// its size.
pub(crate) async fn put_file(
    conn: &impl sea_orm::ConnectionTrait,
    upload: &Upload,
    bytes: Vec<u8>,
) -> Result<i64, StoreError> {
    let size = i64::try_from(bytes.len()).unwrap_or(i64::MAX);
    if file::Entity::find_by_id(upload.sha256.clone())
        .one(conn)
        .await?
        .is_none()
    {
        let row = file::ActiveModel {
            sha256: Set(upload.sha256.clone()),
            media_type: Set(upload.media_type.clone()),
            size: Set(size),
            content: Set(bytes),
            created_at: Set(corridor_core::now()),
        };
        file::Entity::insert(row)
            .exec_without_returning(conn)
            .await?;
    }
    Ok(size)
}

impl Store {
    /// Attaches a checked upload to a step or a version of the actor's side.
    #[crate::boxed]
    pub async fn attach(
        &self,
        actor: &Actor,
        id: AttachmentId,
        entity: &str,
        entity_id: &str,
        upload: &Upload,
        bytes: Vec<u8>,
    ) -> Result<AttachmentView, StoreError> {
        let mut tx = self.write(actor).await?;
        let (owner, org, visibility, kind) = target(&tx, entity, entity_id).await?;
        let size = put_file(&tx.txn, upload, bytes).await?;
        let now = corridor_core::now();
        let row = attachment::ActiveModel {
            id: Set(id.to_string()),
            entity: Set(kind.to_owned()),
            entity_id: Set(entity_id.to_owned()),
            sha256: Set(upload.sha256.clone()),
            filename: Set(upload.filename.clone()),
            media_type: Set(upload.media_type.clone()),
            size: Set(size),
            owner_party_id: Set(owner),
            owner_organisation_id: Set(org),
            visibility: Set(visibility.clone()),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        };
        let written = attachment::Entity::insert(row)
            .exec_with_returning(&tx.txn)
            .await?;
        if visibility == "restricted" {
            let child = id.to_string();
            inherit_restricted_to(
                &tx.txn,
                (kind, entity_id),
                (attachment::Entity::ENTITY, &child),
            )
            .await?;
        }
        inherit_parties(
            &tx,
            (kind, entity_id),
            (attachment::Entity::ENTITY, &written.id),
        )
        .await?;
        let model = tx.log::<attachment::Entity>(written, "attached").await?;
        tx.commit().await?;
        self.attachment_views(&actor.viewer(), vec![model])
            .await
            .map(|mut v| v.remove(0))
    }

    /// The attachments of records of one instrument's steps and versions that the viewer may see.
    #[crate::boxed]
    pub async fn attachments(
        &self,
        viewer: &Viewer,
        entity_ids: &[String],
    ) -> Result<Vec<AttachmentView>, StoreError> {
        if entity_ids.is_empty() {
            return Ok(Vec::new());
        }
        let rows = attachment::Entity::find()
            .filter(attachment::Column::EntityId.is_in(entity_ids.to_vec()))
            .filter(visible(viewer, "attachments", "attachment"))
            .order_by_asc(attachment::Column::CreatedAt)
            .all(&self.db)
            .await?;
        self.attachment_views(viewer, rows).await
    }

    /// The files attached to an instrument's steps and versions that the viewer may see.
    #[crate::boxed]
    pub async fn instrument_attachments(
        &self,
        viewer: &Viewer,
        instrument_id: &str,
    ) -> Result<Vec<AttachmentView>, StoreError> {
        let mut ids: Vec<String> = self
            .instrument_steps(viewer, instrument_id)
            .await?
            .into_iter()
            .map(|x| x.id)
            .collect();
        ids.extend(
            self.instrument_versions(viewer, instrument_id)
                .await?
                .into_iter()
                .map(|v| v.id),
        );
        self.attachments(viewer, &ids).await
    }

    /// An attachment's content, when the viewer may see it; otherwise not found, like a missing one.
    #[crate::boxed]
    pub async fn download(
        &self,
        viewer: &Viewer,
        id: &str,
    ) -> Result<(AttachmentView, Vec<u8>), StoreError> {
        let m = attachment::Entity::find_visible(viewer, id)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound {
                entity: "attachment",
            })?;
        let content = file::Entity::find_by_id(m.sha256.clone())
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound {
                entity: "attachment",
            })?
            .content;
        let view = self.attachment_views(viewer, vec![m]).await?.remove(0);
        Ok((view, content))
    }

    async fn attachment_views(
        &self,
        viewer: &Viewer,
        rows: Vec<attachment::Model>,
    ) -> Result<Vec<AttachmentView>, StoreError> {
        let mut views = Vec::with_capacity(rows.len());
        for m in rows {
            let access = access_view::<attachment::Entity>(
                &self.db,
                viewer,
                &m,
                m.version,
                m.created_at,
                m.updated_at,
            )
            .await?;
            views.push(AttachmentView {
                id: m.id,
                entity: m.entity,
                entity_id: m.entity_id,
                filename: m.filename,
                media_type: m.media_type,
                size: m.size,
                sha256: m.sha256,
                access,
            });
        }
        self.fill_names(viewer, &mut views).await?;
        Ok(views)
    }
}
