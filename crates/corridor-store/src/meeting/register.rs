//! The register: outcomes recorded at meetings, reviewed at later ones, open ones carried into the next
//! meeting's matters arising.

use super::{json_ids, parse_json_ids};
use crate::access::{Audited, visible};
use crate::directory::{
    Named, Table, access_view, check_version, editable, parse_id, require_visible, store_access,
    unnamed,
};
use crate::entity::{agenda_item, meeting, organisation, register_item, review};
use crate::{Store, StoreError};
use corridor_core::ids::{RegisterItemId, ReviewId};
use corridor_core::language::Translations;
use corridor_core::links::RecordLink;
use corridor_core::meeting::register::is_overdue;
use corridor_core::meeting::view::{RegisterItemView, ReviewView};
use corridor_core::meeting::{NewOutcome, NewReview, OutcomeStatus};
use corridor_core::view::Ref;
use corridor_core::{Actor, Viewer};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

impl Named for RegisterItemView {
    fn refs(&mut self) -> Vec<(Table, &mut Ref)> {
        let mut r = vec![
            (Table::Bodies, &mut self.body),
            (Table::Meetings, &mut self.meeting),
            (Table::Parties, &mut self.access.owner_party),
        ];
        r.extend(self.leads.iter_mut().map(|l| (Table::Organisations, l)));
        r
    }
}

impl Named for ReviewView {
    fn refs(&mut self) -> Vec<(Table, &mut Ref)> {
        let mut r = vec![(Table::Parties, &mut self.access.owner_party)];
        r.extend(self.meeting.as_mut().map(|m| (Table::Meetings, m)));
        r
    }
}

/// Lead organisations and linked records must be visible, one lead per party; the agenda item must be on
/// the meeting.
pub(crate) async fn check_references(
    conn: &impl ConnectionTrait,
    viewer: &Viewer,
    new: &NewOutcome,
) -> Result<(), StoreError> {
    super::links::check_links(conn, viewer, &new.links).await?;
    let mut parties = Vec::new();
    for org in &new.lead_organisation_ids {
        let o = require_visible::<organisation::Entity>(
            conn,
            viewer,
            &org.to_string(),
            "lead_organisation_ids",
        )
        .await?;
        if parties.contains(&o.party_id) {
            return Err(StoreError::invalid(
                "lead_organisation_ids",
                "name one lead organisation per party",
            ));
        }
        parties.push(o.party_id);
    }
    if let Some(item) = new.agenda_item_id {
        let a = require_visible::<agenda_item::Entity>(
            conn,
            viewer,
            &item.to_string(),
            "agenda_item_id",
        )
        .await?;
        if a.meeting_id != new.meeting_id.to_string() {
            return Err(StoreError::invalid(
                "agenda_item_id",
                "this agenda item belongs to another meeting",
            ));
        }
    }
    Ok(())
}

fn fill(row: &mut register_item::ActiveModel, new: &NewOutcome) {
    row.agenda_item_id = Set(new.agenda_item_id.map(|a| a.to_string()));
    row.kind = Set(new.kind.as_str().to_owned());
    row.text = Set(new.text.clone());
    row.translations = Set(new.text_translations.to_json());
    row.links = Set(RecordLink::to_json(&new.links));
    row.lead_organisation_ids = Set(json_ids(&new.lead_organisation_ids));
    row.due_on = Set(new.due_on);
    row.status = Set(new.status.as_str().to_owned());
    row.visibility = Set(new.access.visibility.to_string());
}

/// Writes an outcome of meeting `m` inside a transaction, after checking what it refers to; the outcome
/// belongs to the meeting's owner side. Used by `create_outcome` and by operations that produce outcomes
/// (accepting a study's report).
pub(crate) async fn insert_outcome(
    tx: &mut crate::audit::WriteTx,
    viewer: &Viewer,
    m: &meeting::Model,
    id: RegisterItemId,
    new: &NewOutcome,
) -> Result<register_item::Model, StoreError> {
    check_references(&tx.txn, viewer, new).await?;
    let now = corridor_core::now();
    let mut row = register_item::ActiveModel {
        id: Set(id.to_string()),
        body_id: Set(m.body_id.clone()),
        meeting_id: Set(m.id.clone()),
        owner_party_id: Set(m.owner_party_id.clone()),
        owner_organisation_id: Set(m.owner_organisation_id.clone()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    fill(&mut row, new);
    let written = register_item::Entity::insert(row)
        .exec_with_returning(&tx.txn)
        .await?;
    store_access(
        tx,
        register_item::Entity::ENTITY,
        &id.to_string(),
        &new.access,
        false,
    )
    .await?;
    tx.log::<register_item::Entity>(written, "created").await
}

/// Changes outcome `current` to `new` inside a transaction: the meeting stays, the version must match, the
/// references must be visible. Used by `update_outcome` and by the register's spreadsheet import.
pub(crate) async fn update_outcome_in(
    tx: &mut crate::audit::WriteTx,
    viewer: &Viewer,
    current: register_item::Model,
    new: &NewOutcome,
) -> Result<register_item::Model, StoreError> {
    let id = current.id.clone();
    let id = id.as_str();
    if current.meeting_id != new.meeting_id.to_string() {
        return Err(StoreError::invalid(
            "meeting_id",
            "an outcome stays with the meeting that produced it; review it at later meetings instead",
        ));
    }
    check_version("register item", new.expected_version, current.version)?;
    check_references(&tx.txn, viewer, new).await?;
    let (version, was_restricted) = (current.version + 1, current.visibility == "restricted");
    let mut row: register_item::ActiveModel = current.into();
    fill(&mut row, new);
    row.version = Set(version);
    row.updated_at = Set(corridor_core::now());
    let written = row.update(&tx.txn).await?;
    store_access(
        tx,
        register_item::Entity::ENTITY,
        id,
        &new.access,
        was_restricted,
    )
    .await?;
    tx.log::<register_item::Entity>(written, "updated").await
}

impl Store {
    /// Records an outcome of a meeting.
    #[crate::boxed]
    pub async fn create_outcome(
        &self,
        actor: &Actor,
        id: RegisterItemId,
        new: &NewOutcome,
    ) -> Result<RegisterItemView, StoreError> {
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
        let model = insert_outcome(&mut tx, &viewer, &m, id, new).await?;
        tx.commit().await?;
        self.register_views(&viewer, vec![model])
            .await
            .map(|mut v| v.remove(0))
    }

    /// Changes an outcome's text, leads, due date, status or visibility.
    #[crate::boxed]
    pub async fn update_outcome(
        &self,
        actor: &Actor,
        id: &str,
        new: &NewOutcome,
    ) -> Result<RegisterItemView, StoreError> {
        let mut tx = self.write(actor).await?;
        let viewer = actor.viewer();
        let current = editable::<register_item::Entity>(&tx, id).await?;
        let model = update_outcome_in(&mut tx, &viewer, current, new).await?;
        tx.commit().await?;
        self.register_views(&viewer, vec![model])
            .await
            .map(|mut v| v.remove(0))
    }

    /// Records a review of an item — at a later meeting of the same body, or between meetings — and moves the
    /// item to the reviewed status, in one transaction.
    #[crate::boxed]
    pub async fn review_item(
        &self,
        actor: &Actor,
        id: ReviewId,
        new: &NewReview,
    ) -> Result<ReviewView, StoreError> {
        let mut tx = self.write(actor).await?;
        let viewer = actor.viewer();
        let item = editable::<register_item::Entity>(&tx, &new.item_id.to_string()).await?;
        if let Some(m) = new.meeting_id {
            let m =
                require_visible::<meeting::Entity>(&tx.txn, &viewer, &m.to_string(), "meeting_id")
                    .await?;
            if m.body_id != item.body_id {
                return Err(StoreError::invalid(
                    "meeting_id",
                    "an item is reviewed at meetings of the body that recorded it",
                ));
            }
        }
        let now = corridor_core::now();
        let row = review::ActiveModel {
            id: Set(id.to_string()),
            item_id: Set(item.id.clone()),
            meeting_id: Set(new.meeting_id.map(|m| m.to_string())),
            status: Set(new.status.as_str().to_owned()),
            note: Set(new.note.clone()),
            owner_party_id: Set(item.owner_party_id.clone()),
            owner_organisation_id: Set(item.owner_organisation_id.clone()),
            visibility: Set(item.visibility.clone()),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        };
        let written = review::Entity::insert(row)
            .exec_with_returning(&tx.txn)
            .await?;
        if item.visibility == "restricted" {
            let child = id.to_string();
            let parent = (register_item::Entity::ENTITY, item.id.as_str());
            crate::access::inherit_restricted_to(&tx.txn, parent, (review::Entity::ENTITY, &child))
                .await?;
        }
        let review = tx.log::<review::Entity>(written, "created").await?;
        let version = item.version + 1;
        let mut row: register_item::ActiveModel = item.into();
        row.status = Set(new.status.as_str().to_owned());
        row.version = Set(version);
        row.updated_at = Set(now);
        let updated = row.update(&tx.txn).await?;
        tx.log::<register_item::Entity>(updated, "reviewed").await?;
        tx.commit().await?;
        self.review_views(&viewer, vec![review])
            .await
            .map(|mut v| v.remove(0))
    }

    /// One register item.
    #[crate::boxed]
    pub async fn register_item(
        &self,
        viewer: &Viewer,
        id: &str,
    ) -> Result<RegisterItemView, StoreError> {
        let id: RegisterItemId = parse_id("register_item", id)?;
        let model = register_item::Entity::find_visible(viewer, &id.to_string())
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound {
                entity: "register item",
            })?;
        self.register_views(viewer, vec![model])
            .await
            .map(|mut v| v.remove(0))
    }

    /// The reviews of an item, oldest first: its story meeting by meeting.
    #[crate::boxed]
    pub async fn reviews(
        &self,
        viewer: &Viewer,
        item_id: &str,
    ) -> Result<Vec<ReviewView>, StoreError> {
        self.register_item(viewer, item_id).await?;
        let rows = review::Entity::find()
            .filter(review::Column::ItemId.eq(item_id))
            .filter(visible(viewer, "register_reviews", "review"))
            .order_by_asc(review::Column::CreatedAt)
            .all(&self.db)
            .await?;
        self.review_views(viewer, rows).await
    }

    pub(super) async fn register_views(
        &self,
        viewer: &Viewer,
        rows: Vec<register_item::Model>,
    ) -> Result<Vec<RegisterItemView>, StoreError> {
        let today = corridor_core::now().date();
        let mut views = Vec::with_capacity(rows.len());
        for m in rows {
            let access = access_view::<register_item::Entity>(
                &self.db,
                viewer,
                &m,
                m.version,
                m.created_at,
                m.updated_at,
            )
            .await?;
            let status: OutcomeStatus = m.status.parse().unwrap_or(OutcomeStatus::Open);
            let tr = Translations::from_json(&m.translations);
            let links = self.link_views(viewer, &m.links).await?;
            views.push(RegisterItemView {
                links,
                body: unnamed(&m.body_id),
                meeting: unnamed(&m.meeting_id),
                leads: parse_json_ids(&m.lead_organisation_ids)
                    .iter()
                    .map(|o| unnamed(o))
                    .collect(),
                due_on: m.due_on.map(corridor_core::dates::format_date),
                overdue: is_overdue(status, m.due_on, today),
                id: m.id,
                agenda_item_id: m.agenda_item_id,
                kind: m.kind,
                text: m.text,
                text_zh: tr.zh,
                text_ur: tr.ur,
                status: m.status,
                access,
            });
        }
        self.fill_names(viewer, &mut views).await?;
        Ok(views)
    }

    async fn review_views(
        &self,
        viewer: &Viewer,
        rows: Vec<review::Model>,
    ) -> Result<Vec<ReviewView>, StoreError> {
        let mut views = Vec::with_capacity(rows.len());
        for m in rows {
            let access = access_view::<review::Entity>(
                &self.db,
                viewer,
                &m,
                m.version,
                m.created_at,
                m.updated_at,
            )
            .await?;
            views.push(ReviewView {
                meeting: m.meeting_id.as_deref().map(unnamed),
                id: m.id,
                item_id: m.item_id,
                status: m.status,
                note: m.note,
                access,
            });
        }
        self.fill_names(viewer, &mut views).await?;
        Ok(views)
    }
}
