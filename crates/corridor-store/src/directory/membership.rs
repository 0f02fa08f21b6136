//! Memberships: who holds which role in which organisation, on whose behalf, and when.

use super::{
    Named, Owner, Table, access_view, check_version, editable, parse_id, require_visible,
    store_access, unnamed,
};
use crate::access::{Audited, visible};
use crate::entity::{membership, organisation, person};
use crate::page::finish;
use crate::{Page, Paged, Store, StoreError};
use corridor_core::directory::NewMembership;
use corridor_core::ids::MembershipId;
use corridor_core::view::{MembershipView, Ref};
use corridor_core::{Actor, Viewer};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

/// Which memberships a list shows.
#[derive(Clone, Debug, Default)]
pub struct MembershipFilter {
    /// Only this person's.
    pub person_id: Option<String>,
    /// Only in this organisation.
    pub organisation_id: Option<String>,
    /// Only those that end within this many days from today.
    pub ending_within_days: Option<i64>,
}

impl Named for MembershipView {
    fn refs(&mut self) -> Vec<(Table, &mut Ref)> {
        let mut r = vec![
            (Table::People, &mut self.person),
            (Table::Organisations, &mut self.organisation),
            (Table::Parties, &mut self.access.owner_party),
        ];
        r.extend(
            self.on_behalf_of
                .as_mut()
                .map(|o| (Table::Organisations, o)),
        );
        r.extend(
            self.access
                .restricted_to
                .iter_mut()
                .map(|p| (Table::People, p)),
        );
        r
    }
}

fn fill(row: &mut membership::ActiveModel, new: &NewMembership) {
    row.person_id = Set(new.person_id.to_string());
    row.organisation_id = Set(new.organisation_id.to_string());
    row.role = Set(new.role.clone());
    row.on_behalf_of_id = Set(new.on_behalf_of_id.map(|o| o.to_string()));
    row.starts_on = Set(new.starts_on);
    row.ends_on = Set(new.ends_on);
    row.visibility = Set(new.access.visibility.to_string());
}

/// The person and organisations must exist and be visible; returns the organisation's party.
async fn check_references(
    conn: &impl ConnectionTrait,
    viewer: &Viewer,
    new: &NewMembership,
) -> Result<String, StoreError> {
    require_visible::<person::Entity>(conn, viewer, &new.person_id.to_string(), "person_id")
        .await?;
    let org = require_visible::<organisation::Entity>(
        conn,
        viewer,
        &new.organisation_id.to_string(),
        "organisation_id",
    )
    .await?;
    if let Some(o) = new.on_behalf_of_id {
        require_visible::<organisation::Entity>(conn, viewer, &o.to_string(), "on_behalf_of_id")
            .await?;
    }
    Ok(org.party_id)
}

impl Store {
    /// Records a membership with the id `id`.
    #[crate::boxed]
    pub async fn create_membership(
        &self,
        actor: &Actor,
        id: MembershipId,
        new: &NewMembership,
    ) -> Result<MembershipView, StoreError> {
        let mut tx = self.write(actor).await?;
        let viewer = actor.viewer();
        let org_party = check_references(&tx.txn, &viewer, new).await?;
        let owner = Owner::for_new(actor, parse_id("party", &org_party)?)?;
        let now = corridor_core::now();
        let mut row = membership::ActiveModel {
            id: Set(id.to_string()),
            owner_party_id: Set(owner.party),
            owner_organisation_id: Set(owner.organisation),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        };
        fill(&mut row, new);
        let written = membership::Entity::insert(row)
            .exec_with_returning(&tx.txn)
            .await?;
        store_access(
            &tx,
            membership::Entity::ENTITY,
            &id.to_string(),
            &new.access,
            false,
        )
        .await?;
        let model = tx.log::<membership::Entity>(written, "created").await?;
        tx.commit().await?;
        self.membership_views(&viewer, vec![model])
            .await
            .map(|mut v| v.remove(0))
    }

    /// Changes a membership (a new role, an end date…).
    #[crate::boxed]
    pub async fn update_membership(
        &self,
        actor: &Actor,
        id: &str,
        new: &NewMembership,
    ) -> Result<MembershipView, StoreError> {
        let mut tx = self.write(actor).await?;
        let viewer = actor.viewer();
        let current = editable::<membership::Entity>(&tx, id).await?;
        check_version("membership", new.expected_version, current.version)?;
        check_references(&tx.txn, &viewer, new).await?;
        let version = current.version + 1;
        let was_restricted = current.visibility == "restricted";
        let mut row: membership::ActiveModel = current.into();
        fill(&mut row, new);
        row.version = Set(version);
        row.updated_at = Set(corridor_core::now());
        let written = row.update(&tx.txn).await?;
        store_access(
            &tx,
            membership::Entity::ENTITY,
            id,
            &new.access,
            was_restricted,
        )
        .await?;
        let model = tx.log::<membership::Entity>(written, "updated").await?;
        tx.commit().await?;
        self.membership_views(&viewer, vec![model])
            .await
            .map(|mut v| v.remove(0))
    }

    /// One membership, if the viewer may see it.
    #[crate::boxed]
    pub async fn membership(
        &self,
        viewer: &Viewer,
        id: &str,
    ) -> Result<MembershipView, StoreError> {
        let id: MembershipId = parse_id("membership", id)?;
        let model = membership::Entity::find_visible(viewer, &id.to_string())
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound {
                entity: "membership",
            })?;
        self.membership_views(viewer, vec![model])
            .await
            .map(|mut v| v.remove(0))
    }

    /// The memberships the viewer may see, oldest first.
    #[crate::boxed]
    pub async fn memberships(
        &self,
        viewer: &Viewer,
        filter: &MembershipFilter,
        page: &Page,
    ) -> Result<Paged<MembershipView>, StoreError> {
        use membership::Column as C;
        let size = page.size();
        let mut q = membership::Entity::find().filter(visible(viewer, "memberships", "membership"));
        if let Some(p) = &filter.person_id {
            q = q.filter(C::PersonId.eq(p.as_str()));
        }
        if let Some(o) = &filter.organisation_id {
            q = q.filter(C::OrganisationId.eq(o.as_str()));
        }
        if let Some(days) = filter.ending_within_days {
            let today = corridor_core::now().date();
            q = q
                .filter(C::EndsOn.gte(today))
                .filter(C::EndsOn.lte(today + time::Duration::days(days)));
        }
        if let Some(after) = &page.after {
            q = q.filter(C::Id.gt(after.as_str()));
        }
        let rows = q.order_by_asc(C::Id).limit(size + 1).all(&self.db).await?;
        let paged = finish(rows, size, |m| m.id.clone(), |m| m);
        let items = self.membership_views(viewer, paged.items).await?;
        Ok(Paged {
            items,
            next: paged.next,
        })
    }

    async fn membership_views(
        &self,
        viewer: &Viewer,
        rows: Vec<membership::Model>,
    ) -> Result<Vec<MembershipView>, StoreError> {
        let mut views = Vec::with_capacity(rows.len());
        for m in rows {
            let access = access_view::<membership::Entity>(
                &self.db,
                viewer,
                &m,
                m.version,
                m.created_at,
                m.updated_at,
            )
            .await?;
            views.push(MembershipView {
                person: unnamed(&m.person_id),
                organisation: unnamed(&m.organisation_id),
                on_behalf_of: m.on_behalf_of_id.as_deref().map(unnamed),
                starts_on: m.starts_on.map(corridor_core::dates::format_date),
                ends_on: m.ends_on.map(corridor_core::dates::format_date),
                id: m.id,
                role: m.role,
                access,
            });
        }
        self.fill_names(viewer, &mut views).await?;
        Ok(views)
    }
}
