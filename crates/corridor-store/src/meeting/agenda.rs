//! Agenda items: added and changed by the side that owns the meeting, read by everyone who sees the meeting.

use crate::access::{Audited, visible};
use crate::directory::{
    Named, Table, access_view, check_version, editable, parse_id, require_visible, store_access,
    unnamed,
};
use crate::entity::{agenda_item, meeting, person};
use crate::{Store, StoreError};
use corridor_core::ids::{AgendaItemId, MeetingId};
use corridor_core::language::Translations;
use corridor_core::links::RecordLink;
use corridor_core::meeting::NewAgendaItem;
use corridor_core::meeting::view::AgendaItemView;
use corridor_core::view::Ref;
use corridor_core::{Actor, Viewer};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

impl Named for AgendaItemView {
    fn refs(&mut self) -> Vec<(Table, &mut Ref)> {
        let mut r = vec![(Table::Parties, &mut self.access.owner_party)];
        r.extend(self.lead_party.as_mut().map(|p| (Table::Parties, p)));
        r.extend(self.presenter.as_mut().map(|p| (Table::People, p)));
        r
    }
}

/// The presenter and linked records must be visible, and a parent item must be on the same meeting.
async fn check_references(
    conn: &impl ConnectionTrait,
    viewer: &Viewer,
    new: &NewAgendaItem,
    id: Option<&str>,
) -> Result<(), StoreError> {
    super::links::check_links(conn, viewer, &new.links).await?;
    if let Some(p) = new.presenter_id {
        require_visible::<person::Entity>(conn, viewer, &p.to_string(), "presenter_id").await?;
    }
    if let Some(parent) = new.parent_id {
        let parent =
            require_visible::<agenda_item::Entity>(conn, viewer, &parent.to_string(), "parent_id")
                .await?;
        if parent.meeting_id != new.meeting_id.to_string()
            || Some(parent.id.as_str()) == id
            || parent.parent_id.is_some()
        {
            return Err(StoreError::invalid(
                "parent_id",
                "a sub-item belongs under a top-level item of the same meeting",
            ));
        }
    }
    Ok(())
}

fn fill(row: &mut agenda_item::ActiveModel, new: &NewAgendaItem) {
    row.title = Set(new.title.clone());
    row.translations = Set(new.title_translations.to_json());
    row.links = Set(RecordLink::to_json(&new.links));
    row.parent_id = Set(new.parent_id.map(|p| p.to_string()));
    row.lead_party_id = Set(new.lead_party_id.map(|p| p.to_string()));
    row.presenter_id = Set(new.presenter_id.map(|p| p.to_string()));
    row.duration_minutes = Set(new.duration_minutes);
    row.visibility = Set(new.access.visibility.to_string());
}

impl Store {
    /// Adds an item to a meeting's agenda (at the end unless a position is given).
    #[crate::boxed]
    pub async fn add_agenda_item(
        &self,
        actor: &Actor,
        id: AgendaItemId,
        new: &NewAgendaItem,
    ) -> Result<AgendaItemView, StoreError> {
        let mut tx = self.write(actor).await?;
        let viewer = actor.viewer();
        let m = editable::<meeting::Entity>(&tx, &new.meeting_id.to_string())
            .await
            .map_err(|e| match e {
                StoreError::NotFound { .. } => StoreError::invalid(
                    "meeting_id",
                    format!("there is no meeting with id {}", new.meeting_id),
                ),
                other => other,
            })?;
        check_references(&tx.txn, &viewer, new, None).await?;
        let last: Option<i32> = agenda_item::Entity::find()
            .select_only()
            .column_as(agenda_item::Column::Position.max(), "last")
            .filter(agenda_item::Column::MeetingId.eq(m.id.as_str()))
            .into_tuple()
            .one(&tx.txn)
            .await?
            .flatten();
        let now = corridor_core::now();
        let mut row = agenda_item::ActiveModel {
            id: Set(id.to_string()),
            meeting_id: Set(m.id.clone()),
            position: Set(new.position.unwrap_or(last.unwrap_or(0) + 1)),
            item_kind: Set("item".into()),
            owner_party_id: Set(m.owner_party_id.clone()),
            owner_organisation_id: Set(m.owner_organisation_id.clone()),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        };
        fill(&mut row, new);
        let insert = agenda_item::Entity::insert(row)
            .exec_with_returning(&tx.txn)
            .await;
        let lead = new
            .lead_party_id
            .map(|p| vec![crate::directory::party_ref(p)])
            .unwrap_or_default();
        let written = self.name_missing(insert, &lead).await?;
        store_access(
            &tx,
            agenda_item::Entity::ENTITY,
            &id.to_string(),
            &new.access,
            false,
        )
        .await?;
        let model = tx.log::<agenda_item::Entity>(written, "created").await?;
        tx.commit().await?;
        self.agenda_views(&viewer, vec![model])
            .await
            .map(|mut v| v.remove(0))
    }

    /// Changes an agenda item.
    #[crate::boxed]
    pub async fn update_agenda_item(
        &self,
        actor: &Actor,
        id: &str,
        new: &NewAgendaItem,
    ) -> Result<AgendaItemView, StoreError> {
        let mut tx = self.write(actor).await?;
        let viewer = actor.viewer();
        let current = editable::<agenda_item::Entity>(&tx, id).await?;
        if current.meeting_id != new.meeting_id.to_string() {
            return Err(StoreError::invalid(
                "meeting_id",
                "an agenda item cannot move to another meeting",
            ));
        }
        check_version("agenda item", new.expected_version, current.version)?;
        check_references(&tx.txn, &viewer, new, Some(id)).await?;
        let (version, was_restricted) = (current.version + 1, current.visibility == "restricted");
        let position = new.position.unwrap_or(current.position);
        let mut row: agenda_item::ActiveModel = current.into();
        fill(&mut row, new);
        row.position = Set(position);
        row.version = Set(version);
        row.updated_at = Set(corridor_core::now());
        let update = row.update(&tx.txn).await;
        let lead = new
            .lead_party_id
            .map(|p| vec![crate::directory::party_ref(p)])
            .unwrap_or_default();
        let written = self.name_missing(update, &lead).await?;
        store_access(
            &tx,
            agenda_item::Entity::ENTITY,
            id,
            &new.access,
            was_restricted,
        )
        .await?;
        let model = tx.log::<agenda_item::Entity>(written, "updated").await?;
        tx.commit().await?;
        self.agenda_views(&viewer, vec![model])
            .await
            .map(|mut v| v.remove(0))
    }

    /// One agenda item.
    #[crate::boxed]
    pub async fn agenda_item(
        &self,
        viewer: &Viewer,
        id: &str,
    ) -> Result<AgendaItemView, StoreError> {
        let id: AgendaItemId = parse_id("agenda_item", id)?;
        let model = agenda_item::Entity::find_visible(viewer, &id.to_string())
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound {
                entity: "agenda item",
            })?;
        self.agenda_views(viewer, vec![model])
            .await
            .map(|mut v| v.remove(0))
    }

    /// A meeting's agenda in order (the meeting must be visible).
    #[crate::boxed]
    pub async fn agenda(
        &self,
        viewer: &Viewer,
        meeting_id: &str,
    ) -> Result<Vec<AgendaItemView>, StoreError> {
        let id: MeetingId = parse_id("meeting", meeting_id)?;
        meeting::Entity::find_visible(viewer, &id.to_string())
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound { entity: "meeting" })?;
        let rows = agenda_item::Entity::find()
            .filter(agenda_item::Column::MeetingId.eq(id.to_string()))
            .filter(visible(viewer, "agenda_items", "agenda_item"))
            .order_by_asc(agenda_item::Column::Position)
            .order_by_asc(agenda_item::Column::CreatedAt)
            .all(&self.db)
            .await?;
        self.agenda_views(viewer, rows).await
    }

    async fn agenda_views(
        &self,
        viewer: &Viewer,
        rows: Vec<agenda_item::Model>,
    ) -> Result<Vec<AgendaItemView>, StoreError> {
        let mut views = Vec::with_capacity(rows.len());
        for m in rows {
            let access = access_view::<agenda_item::Entity>(
                &self.db,
                viewer,
                &m,
                m.version,
                m.created_at,
                m.updated_at,
            )
            .await?;
            let tr = Translations::from_json(&m.translations);
            let links = self.link_views(viewer, &m.links).await?;
            views.push(AgendaItemView {
                links,
                lead_party: m.lead_party_id.as_deref().map(unnamed),
                presenter: m.presenter_id.as_deref().map(unnamed),
                id: m.id,
                meeting_id: m.meeting_id,
                parent_id: m.parent_id,
                position: m.position,
                title: m.title,
                title_zh: tr.zh,
                title_ur: tr.ur,
                item_kind: m.item_kind,
                duration_minutes: m.duration_minutes,
                access,
            });
        }
        self.fill_names(viewer, &mut views).await?;
        Ok(views)
    }
}
