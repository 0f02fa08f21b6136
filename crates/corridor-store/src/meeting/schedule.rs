//! Meetings: their particulars, their agenda started from the body's template, and their lifecycle.

use super::{json_ids, parse_json_ids, user_owner};
use crate::access::{Audited, visible};
use crate::audit::WriteTx;
use crate::directory::{
    Named, Table, access_view, check_version, editable, parse_id, party_ref, require_visible,
    store_access, unnamed,
};
use crate::entity::{agenda_item, body, meeting, person};
use crate::page::{finish, parse_time_cursor, time_cursor};
use crate::{Page, Paged, Store, StoreError};
use corridor_core::dates::format_rfc3339;
use corridor_core::ids::{AgendaItemId, MeetingId};
use corridor_core::input::Access;
use corridor_core::meeting::schedule::in_zone;
use corridor_core::meeting::view::MeetingView;
use corridor_core::meeting::{MeetingAction, MeetingState, NewMeeting};
use corridor_core::view::Ref;
use corridor_core::{Actor, Viewer, Visibility};
use sea_orm::sea_query::Condition;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

impl Named for MeetingView {
    fn refs(&mut self) -> Vec<(Table, &mut Ref)> {
        let mut r = vec![
            (Table::Bodies, &mut self.body),
            (Table::Parties, &mut self.host_party),
            (Table::Parties, &mut self.access.owner_party),
        ];
        r.extend(self.co_chairs.iter_mut().map(|c| (Table::People, c)));
        r
    }
}

/// The body must be visible and the co-chairs visible people of different parties.
async fn check_references(
    conn: &impl ConnectionTrait,
    viewer: &Viewer,
    new: &NewMeeting,
) -> Result<body::Model, StoreError> {
    let body =
        require_visible::<body::Entity>(conn, viewer, &new.body_id.to_string(), "body_id").await?;
    let mut parties = Vec::new();
    for chair in &new.co_chair_ids {
        let p = require_visible::<person::Entity>(conn, viewer, &chair.to_string(), "co_chair_ids")
            .await?;
        if parties.contains(&p.party_id) {
            return Err(StoreError::invalid(
                "co_chair_ids",
                format!(
                    "{} and another co-chair serve the same party; name one co-chair per party",
                    p.full_name
                ),
            ));
        }
        parties.push(p.party_id);
    }
    Ok(body)
}

fn fill(row: &mut meeting::ActiveModel, new: &NewMeeting) {
    row.body_id = Set(new.body_id.to_string());
    row.number = Set(new.number);
    row.title = Set(new.title.clone());
    row.kind = Set(new.kind.clone());
    row.modality = Set(new.modality.as_str().to_owned());
    row.venue = Set(new.venue.clone());
    row.city = Set(new.city.clone());
    row.video_link = Set(new.video_link.clone());
    row.time_zone = Set(new.time_zone.clone());
    row.starts_at = Set(new.starts_at);
    row.ends_at = Set(new.ends_at);
    row.host_party_id = Set(new.host_party_id.to_string());
    row.co_chair_ids = Set(json_ids(&new.co_chair_ids));
    row.visibility = Set(new.access.visibility.to_string());
}

impl Store {
    /// Creates a meeting in draft, with an agenda started from its body's standing template.
    #[crate::boxed]
    pub async fn create_meeting(
        &self,
        actor: &Actor,
        id: MeetingId,
        new: &NewMeeting,
    ) -> Result<MeetingView, StoreError> {
        let mut tx = self.write(actor).await?;
        let viewer = actor.viewer();
        let body = check_references(&tx.txn, &viewer, new).await?;
        let owner = user_owner(actor)?;
        let now = corridor_core::now();
        let mut row = meeting::ActiveModel {
            id: Set(id.to_string()),
            state: Set(MeetingState::Draft.as_str().to_owned()),
            owner_party_id: Set(owner.party.clone()),
            owner_organisation_id: Set(owner.organisation.clone()),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        };
        fill(&mut row, new);
        let insert = meeting::Entity::insert(row)
            .exec_with_returning(&tx.txn)
            .await;
        let written = self
            .name_missing(insert, &[party_ref(new.host_party_id)])
            .await?;
        store_access(
            &tx,
            meeting::Entity::ENTITY,
            &id.to_string(),
            &new.access,
            false,
        )
        .await?;
        let model = tx.log::<meeting::Entity>(written, "created").await?;
        for (i, title) in body
            .agenda_template
            .lines()
            .filter(|l| !l.trim().is_empty())
            .enumerate()
        {
            template_item(&mut tx, &model, &new.access, i as i32 + 1, title.trim()).await?;
        }
        tx.commit().await?;
        self.meeting_views(&viewer, vec![model])
            .await
            .map(|mut v| v.remove(0))
    }

    /// Changes a meeting's particulars (not its state).
    #[crate::boxed]
    pub async fn update_meeting(
        &self,
        actor: &Actor,
        id: &str,
        new: &NewMeeting,
    ) -> Result<MeetingView, StoreError> {
        let mut tx = self.write(actor).await?;
        let viewer = actor.viewer();
        let current = editable::<meeting::Entity>(&tx, id).await?;
        check_version("meeting", new.expected_version, current.version)?;
        check_references(&tx.txn, &viewer, new).await?;
        let (version, was_restricted) = (current.version + 1, current.visibility == "restricted");
        let mut row: meeting::ActiveModel = current.into();
        fill(&mut row, new);
        row.version = Set(version);
        row.updated_at = Set(corridor_core::now());
        let update = row.update(&tx.txn).await;
        let written = self
            .name_missing(update, &[party_ref(new.host_party_id)])
            .await?;
        store_access(
            &tx,
            meeting::Entity::ENTITY,
            id,
            &new.access,
            was_restricted,
        )
        .await?;
        let model = tx.log::<meeting::Entity>(written, "updated").await?;
        tx.commit().await?;
        self.meeting_views(&viewer, vec![model])
            .await
            .map(|mut v| v.remove(0))
    }

    /// Moves a meeting through its lifecycle; the rule is `MeetingState::apply`.
    #[crate::boxed]
    pub async fn change_meeting_state(
        &self,
        actor: &Actor,
        id: &str,
        action: MeetingAction,
    ) -> Result<MeetingView, StoreError> {
        let mut tx = self.write(actor).await?;
        let current = editable::<meeting::Entity>(&tx, id).await?;
        let state: MeetingState = current.state.parse().map_err(StoreError::Config)?;
        let next = state.apply(action).map_err(|m| StoreError::Conflict {
            field: Some("action".into()),
            message: m,
        })?;
        let version = current.version + 1;
        let mut row: meeting::ActiveModel = current.into();
        row.state = Set(next.as_str().to_owned());
        row.version = Set(version);
        row.updated_at = Set(corridor_core::now());
        let written = row.update(&tx.txn).await?;
        let model = tx.log::<meeting::Entity>(written, action.as_str()).await?;
        tx.commit().await?;
        self.meeting_views(&actor.viewer(), vec![model])
            .await
            .map(|mut v| v.remove(0))
    }

    /// One meeting.
    #[crate::boxed]
    pub async fn meeting(&self, viewer: &Viewer, id: &str) -> Result<MeetingView, StoreError> {
        let id: MeetingId = parse_id("meeting", id)?;
        let model = meeting::Entity::find_visible(viewer, &id.to_string())
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound { entity: "meeting" })?;
        self.meeting_views(viewer, vec![model])
            .await
            .map(|mut v| v.remove(0))
    }

    /// The meetings the viewer may see, newest first, optionally of one body.
    #[crate::boxed]
    pub async fn meetings(
        &self,
        viewer: &Viewer,
        body_id: Option<&str>,
        page: &Page,
    ) -> Result<Paged<MeetingView>, StoreError> {
        use meeting::Column as C;
        let mut q = meeting::Entity::find().filter(visible(viewer, "meetings", "meeting"));
        if let Some(b) = body_id {
            q = q.filter(C::BodyId.eq(b));
        }
        if let Some((at, id)) = page.after.as_deref().and_then(parse_time_cursor) {
            q = q.filter(
                Condition::any()
                    .add(C::StartsAt.lt(at))
                    .add(Condition::all().add(C::StartsAt.eq(at)).add(C::Id.lt(id))),
            );
        }
        let size = page.size();
        let rows = q
            .order_by_desc(C::StartsAt)
            .order_by_desc(C::Id)
            .limit(size + 1)
            .all(&self.db)
            .await?;
        let paged = finish(rows, size, |m| time_cursor(m.starts_at, &m.id), |m| m);
        let items = self.meeting_views(viewer, paged.items).await?;
        Ok(Paged {
            items,
            next: paged.next,
        })
    }

    pub(crate) async fn meeting_views(
        &self,
        viewer: &Viewer,
        rows: Vec<meeting::Model>,
    ) -> Result<Vec<MeetingView>, StoreError> {
        let mut views = Vec::with_capacity(rows.len());
        for m in rows {
            let access = access_view::<meeting::Entity>(
                &self.db,
                viewer,
                &m,
                m.version,
                m.created_at,
                m.updated_at,
            )
            .await?;
            let state: MeetingState = m.state.parse().unwrap_or(MeetingState::Draft);
            let actions = if access.can_edit {
                state
                    .actions()
                    .iter()
                    .map(|a| a.as_str().to_owned())
                    .collect()
            } else {
                vec![]
            };
            views.push(MeetingView {
                body: unnamed(&m.body_id),
                host_party: unnamed(&m.host_party_id),
                co_chairs: parse_json_ids(&m.co_chair_ids)
                    .iter()
                    .map(|p| unnamed(p))
                    .collect(),
                starts_local: in_zone(m.starts_at, &m.time_zone),
                ends_local: in_zone(m.ends_at, &m.time_zone),
                starts_at: format_rfc3339(m.starts_at),
                ends_at: format_rfc3339(m.ends_at),
                actions,
                id: m.id,
                number: m.number,
                title: m.title,
                kind: m.kind,
                modality: m.modality,
                venue: m.venue,
                city: m.city,
                video_link: m.video_link,
                time_zone: m.time_zone,
                state: m.state,
                access,
            });
        }
        self.fill_names(viewer, &mut views).await?;
        Ok(views)
    }
}

/// One standing item of the body's template on a new meeting's agenda, visible like the meeting.
async fn template_item(
    tx: &mut WriteTx,
    m: &meeting::Model,
    access: &Access,
    position: i32,
    title: &str,
) -> Result<(), StoreError> {
    let id = AgendaItemId::new().to_string();
    let kind = if title.to_lowercase().contains("matters arising") {
        "matters_arising"
    } else {
        "item"
    };
    let row = agenda_item::ActiveModel {
        id: Set(id.clone()),
        meeting_id: Set(m.id.clone()),
        parent_id: Set(None),
        position: Set(position),
        title: Set(title.to_owned()),
        translations: Set("{}".to_owned()),
        links: Set("[]".to_owned()),
        item_kind: Set(kind.to_owned()),
        lead_party_id: Set(None),
        presenter_id: Set(None),
        duration_minutes: Set(None),
        owner_party_id: Set(m.owner_party_id.clone()),
        owner_organisation_id: Set(m.owner_organisation_id.clone()),
        visibility: Set(m.visibility.clone()),
        version: Set(1),
        created_at: Set(m.created_at),
        updated_at: Set(m.created_at),
    };
    let written = agenda_item::Entity::insert(row)
        .exec_with_returning(&tx.txn)
        .await?;
    if access.visibility == Visibility::Restricted {
        crate::access::inherit_restricted_to(
            &tx.txn,
            (meeting::Entity::ENTITY, &m.id),
            (agenda_item::Entity::ENTITY, &id),
        )
        .await?;
    }
    tx.log::<agenda_item::Entity>(written, "created").await?;
    Ok(())
}
