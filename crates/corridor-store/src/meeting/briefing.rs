//! Briefing notes: each side's internal notes on agenda items, which the other side never sees.

use super::user_owner;
use crate::access::{Audited, visible};
use crate::directory::{Named, Table, access_view, require_visible, store_access};
use crate::entity::{agenda_item, briefing_note};
use crate::{Store, StoreError};
use corridor_core::ids::BriefingNoteId;
use corridor_core::meeting::NewBriefingNote;
use corridor_core::meeting::view::BriefingNoteView;
use corridor_core::view::Ref;
use corridor_core::{Actor, Viewer};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

impl Named for BriefingNoteView {
    fn refs(&mut self) -> Vec<(Table, &mut Ref)> {
        vec![(Table::Parties, &mut self.access.owner_party)]
    }
}

impl Store {
    /// Adds a briefing note for the author's own side.
    #[crate::boxed]
    pub async fn add_briefing_note(
        &self,
        actor: &Actor,
        id: BriefingNoteId,
        new: &NewBriefingNote,
    ) -> Result<BriefingNoteView, StoreError> {
        let mut tx = self.write(actor).await?;
        let viewer = actor.viewer();
        require_visible::<agenda_item::Entity>(
            &tx.txn,
            &viewer,
            &new.agenda_item_id.to_string(),
            "agenda_item_id",
        )
        .await?;
        let owner = user_owner(actor)?;
        let now = corridor_core::now();
        let row = briefing_note::ActiveModel {
            id: Set(id.to_string()),
            agenda_item_id: Set(new.agenda_item_id.to_string()),
            text: Set(new.text.clone()),
            owner_party_id: Set(owner.party),
            owner_organisation_id: Set(owner.organisation),
            visibility: Set(new.access.visibility.to_string()),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        };
        let written = briefing_note::Entity::insert(row)
            .exec_with_returning(&tx.txn)
            .await?;
        store_access(
            &tx,
            briefing_note::Entity::ENTITY,
            &id.to_string(),
            &new.access,
            false,
        )
        .await?;
        let model = tx.log::<briefing_note::Entity>(written, "created").await?;
        tx.commit().await?;
        self.briefing_views(&viewer, vec![model])
            .await
            .map(|mut v| v.remove(0))
    }

    /// The briefing notes on an agenda item that the viewer may see: their own side's only.
    #[crate::boxed]
    pub async fn briefing_notes(
        &self,
        viewer: &Viewer,
        agenda_item_id: &str,
    ) -> Result<Vec<BriefingNoteView>, StoreError> {
        let rows = briefing_note::Entity::find()
            .filter(briefing_note::Column::AgendaItemId.eq(agenda_item_id))
            .filter(visible(viewer, "briefing_notes", "briefing_note"))
            .order_by_asc(briefing_note::Column::CreatedAt)
            .all(&self.db)
            .await?;
        self.briefing_views(viewer, rows).await
    }

    async fn briefing_views(
        &self,
        viewer: &Viewer,
        rows: Vec<briefing_note::Model>,
    ) -> Result<Vec<BriefingNoteView>, StoreError> {
        let mut views = Vec::with_capacity(rows.len());
        for m in rows {
            let access = access_view::<briefing_note::Entity>(
                &self.db,
                viewer,
                &m,
                m.version,
                m.created_at,
                m.updated_at,
            )
            .await?;
            views.push(BriefingNoteView {
                id: m.id,
                agenda_item_id: m.agenda_item_id,
                text: m.text,
                access,
            });
        }
        self.fill_names(viewer, &mut views).await?;
        Ok(views)
    }
}
