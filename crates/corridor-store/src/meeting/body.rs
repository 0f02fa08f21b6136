//! Joint bodies.

use crate::access::{Audited, visible};
use crate::directory::{
    Named, Table, access_view, check_version, editable, parse_id, require_visible, store_access,
    unnamed,
};
use crate::entity::{body, person};
use crate::{Store, StoreError};
use corridor_core::ids::BodyId;
use corridor_core::meeting::NewBody;
use corridor_core::meeting::view::{BodySide, BodyView};
use corridor_core::view::Ref;
use corridor_core::{Actor, Viewer};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

impl Named for BodyView {
    fn refs(&mut self) -> Vec<(Table, &mut Ref)> {
        let mut r = vec![(Table::Parties, &mut self.access.owner_party)];
        for side in &mut self.members {
            r.push((Table::Parties, &mut side.party));
            r.extend(side.members.iter_mut().map(|m| (Table::People, m)));
        }
        r.extend(self.parent.as_mut().map(|p| (Table::Bodies, p)));
        r
    }
}

/// Every member must be a person the actor may see.
async fn check_members(
    conn: &impl ConnectionTrait,
    viewer: &Viewer,
    new: &NewBody,
) -> Result<(), StoreError> {
    for p in &new.member_ids {
        require_visible::<person::Entity>(conn, viewer, &p.to_string(), "member_ids").await?;
    }
    Ok(())
}

impl Store {
    /// Creates a body.
    #[crate::boxed]
    pub async fn create_body(
        &self,
        actor: &Actor,
        id: BodyId,
        new: &NewBody,
    ) -> Result<BodyView, StoreError> {
        let mut tx = self.write(actor).await?;
        let viewer = actor.viewer();
        if let Some(p) = new.parent_id {
            require_visible::<body::Entity>(&tx.txn, &viewer, &p.to_string(), "parent_id").await?;
        }
        check_members(&tx.txn, &viewer, new).await?;
        let owner = super::user_owner(actor)?;
        let now = corridor_core::now();
        let row = body::ActiveModel {
            id: Set(id.to_string()),
            name: Set(new.name.clone()),
            short_name: Set(new.short_name.clone()),
            parent_id: Set(new.parent_id.map(|p| p.to_string())),
            agenda_template: Set(new.agenda_template.join("\n")),
            member_ids: Set(super::json_ids(&new.member_ids)),
            owner_party_id: Set(owner.party),
            owner_organisation_id: Set(owner.organisation),
            visibility: Set(new.access.visibility.to_string()),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        };
        let written = body::Entity::insert(row)
            .exec_with_returning(&tx.txn)
            .await?;
        store_access(
            &tx,
            body::Entity::ENTITY,
            &id.to_string(),
            &new.access,
            false,
        )
        .await?;
        let model = tx.log::<body::Entity>(written, "created").await?;
        tx.commit().await?;
        self.body_views(&viewer, vec![model])
            .await
            .map(|mut v| v.remove(0))
    }

    /// Changes a body.
    #[crate::boxed]
    pub async fn update_body(
        &self,
        actor: &Actor,
        id: &str,
        new: &NewBody,
    ) -> Result<BodyView, StoreError> {
        let mut tx = self.write(actor).await?;
        let viewer = actor.viewer();
        let current = editable::<body::Entity>(&tx, id).await?;
        check_version("body", new.expected_version, current.version)?;
        if let Some(p) = new.parent_id {
            if p.to_string() == id {
                return Err(StoreError::invalid(
                    "parent_id",
                    "a body cannot report to itself",
                ));
            }
            require_visible::<body::Entity>(&tx.txn, &viewer, &p.to_string(), "parent_id").await?;
        }
        check_members(&tx.txn, &viewer, new).await?;
        let (version, was_restricted) = (current.version + 1, current.visibility == "restricted");
        let mut row: body::ActiveModel = current.into();
        row.name = Set(new.name.clone());
        row.short_name = Set(new.short_name.clone());
        row.parent_id = Set(new.parent_id.map(|p| p.to_string()));
        row.agenda_template = Set(new.agenda_template.join("\n"));
        row.member_ids = Set(super::json_ids(&new.member_ids));
        row.visibility = Set(new.access.visibility.to_string());
        row.version = Set(version);
        row.updated_at = Set(corridor_core::now());
        let written = row.update(&tx.txn).await?;
        store_access(&tx, body::Entity::ENTITY, id, &new.access, was_restricted).await?;
        let model = tx.log::<body::Entity>(written, "updated").await?;
        tx.commit().await?;
        self.body_views(&viewer, vec![model])
            .await
            .map(|mut v| v.remove(0))
    }

    /// One body.
    #[crate::boxed]
    pub async fn body(&self, viewer: &Viewer, id: &str) -> Result<BodyView, StoreError> {
        let id: BodyId = parse_id("body", id)?;
        let model = body::Entity::find_visible(viewer, &id.to_string())
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound { entity: "body" })?;
        self.body_views(viewer, vec![model])
            .await
            .map(|mut v| v.remove(0))
    }

    /// The bodies the viewer may see, by name.
    #[crate::boxed]
    pub async fn bodies(&self, viewer: &Viewer) -> Result<Vec<BodyView>, StoreError> {
        let rows = body::Entity::find()
            .filter(visible(viewer, "bodies", "body"))
            .order_by_asc(body::Column::Name)
            .all(&self.db)
            .await?;
        self.body_views(viewer, rows).await
    }

    /// A body's members the viewer may see, grouped by their party; members hidden from the viewer are left
    /// out rather than shown under a side, which would tell something about them.
    async fn body_sides(
        &self,
        viewer: &Viewer,
        member_ids: &str,
    ) -> Result<Vec<BodySide>, StoreError> {
        let ids = super::parse_json_ids(member_ids);
        if ids.is_empty() {
            return Ok(vec![]);
        }
        let people = person::Entity::find()
            .filter(person::Column::Id.is_in(ids.clone()))
            .filter(visible(viewer, "people", "person"))
            .all(&self.db)
            .await?;
        let mut sides: Vec<BodySide> = Vec::new();
        for id in &ids {
            let Some(p) = people.iter().find(|p| &p.id == id) else {
                continue;
            };
            match sides.iter_mut().find(|s| s.party.id == p.party_id) {
                Some(side) => side.members.push(unnamed(&p.id)),
                None => sides.push(BodySide {
                    party: unnamed(&p.party_id),
                    members: vec![unnamed(&p.id)],
                }),
            }
        }
        Ok(sides)
    }

    async fn body_views(
        &self,
        viewer: &Viewer,
        rows: Vec<body::Model>,
    ) -> Result<Vec<BodyView>, StoreError> {
        let mut views = Vec::with_capacity(rows.len());
        for m in rows {
            let access = access_view::<body::Entity>(
                &self.db,
                viewer,
                &m,
                m.version,
                m.created_at,
                m.updated_at,
            )
            .await?;
            views.push(BodyView {
                parent: m.parent_id.as_deref().map(unnamed),
                agenda_template: m.agenda_template.lines().map(str::to_owned).collect(),
                members: self.body_sides(viewer, &m.member_ids).await?,
                id: m.id,
                name: m.name,
                short_name: m.short_name,
                access,
            });
        }
        self.fill_names(viewer, &mut views).await?;
        Ok(views)
    }
}
