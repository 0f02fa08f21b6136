//! Creating, changing, reading and listing organisations.

use super::{
    Named, Owner, Table, access_view, check_version, editable, parse_id, party_ref,
    require_visible, store_access, unnamed,
};
use crate::access::{Audited, visible};
use crate::audit::WriteTx;
use crate::entity::organisation;
use crate::page::{by_name, finish, name_cursor};
use crate::{Page, Paged, Store, StoreError};
use corridor_core::directory::{NewOrganisation, OrganisationKind};
use corridor_core::ids::OrganisationId;
use corridor_core::view::{OrganisationView, Ref};
use corridor_core::{Actor, Viewer};
use sea_orm::sea_query::{Condition, Expr, ExprTrait, Func};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

/// Which organisations a list shows.
#[derive(Clone, Debug, Default)]
pub struct OrganisationFilter {
    /// Only this party's.
    pub party_id: Option<String>,
    /// Only this kind.
    pub kind: Option<OrganisationKind>,
    /// Only children of this organisation.
    pub parent_id: Option<String>,
    /// Name or short name contains this text (any case).
    pub q: Option<String>,
}

impl Named for OrganisationView {
    fn refs(&mut self) -> Vec<(Table, &mut Ref)> {
        let mut r = vec![
            (Table::Parties, &mut self.party),
            (Table::Parties, &mut self.access.owner_party),
        ];
        r.extend(self.parent.as_mut().map(|o| (Table::Organisations, o)));
        r.extend(
            self.access
                .restricted_to
                .iter_mut()
                .map(|p| (Table::People, p)),
        );
        r
    }
}

/// `LOWER(column) LIKE %text%`, with the text's wildcards escaped.
pub(crate) fn contains(column: impl sea_orm::sea_query::IntoColumnRef, text: &str) -> Condition {
    let escaped = text
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    Condition::all().add(
        Expr::expr(Func::lower(Expr::col(column)))
            .like(sea_orm::sea_query::LikeExpr::new(format!("%{escaped}%")).escape('\\')),
    )
}

impl Store {
    /// Creates an organisation with the id `id`.
    #[crate::boxed]
    pub async fn create_organisation(
        &self,
        actor: &Actor,
        id: OrganisationId,
        new: &NewOrganisation,
    ) -> Result<OrganisationView, StoreError> {
        let mut tx = self.write(actor).await?;
        let viewer = actor.viewer();
        check_references(&tx.txn, &viewer, new, None).await?;
        let written = insert_organisation(&mut tx, id, new).await;
        let model = self
            .name_missing(written, &[party_ref(new.party_id)])
            .await?;
        tx.commit().await?;
        self.organisation_view(&viewer, model).await
    }

    /// Changes an organisation.
    #[crate::boxed]
    pub async fn update_organisation(
        &self,
        actor: &Actor,
        id: &str,
        new: &NewOrganisation,
    ) -> Result<OrganisationView, StoreError> {
        let mut tx = self.write(actor).await?;
        let viewer = actor.viewer();
        let current = editable::<organisation::Entity>(&tx, id).await?;
        check_version("organisation", new.expected_version, current.version)?;
        check_references(&tx.txn, &viewer, new, Some(id)).await?;
        let written = update_organisation_in(&mut tx, current, new).await;
        let model = self
            .name_missing(written, &[party_ref(new.party_id)])
            .await?;
        tx.commit().await?;
        self.organisation_view(&viewer, model).await
    }

    /// One organisation, if the viewer may see it.
    #[crate::boxed]
    pub async fn organisation(
        &self,
        viewer: &Viewer,
        id: &str,
    ) -> Result<OrganisationView, StoreError> {
        let id: OrganisationId = parse_id("organisation", id)?;
        let model = organisation::Entity::find_visible(viewer, &id.to_string())
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound {
                entity: "organisation",
            })?;
        self.organisation_view(viewer, model).await
    }

    /// The organisations the viewer may see, by name.
    #[crate::boxed]
    pub async fn organisations(
        &self,
        viewer: &Viewer,
        filter: &OrganisationFilter,
        page: &Page,
    ) -> Result<Paged<OrganisationView>, StoreError> {
        use organisation::Column as C;
        let size = page.size();
        let mut q =
            organisation::Entity::find().filter(visible(viewer, "organisations", "organisation"));
        if let Some(p) = &filter.party_id {
            q = q.filter(C::PartyId.eq(p.as_str()));
        }
        if let Some(k) = filter.kind {
            q = q.filter(C::Kind.eq(k.as_str()));
        }
        if let Some(p) = &filter.parent_id {
            q = q.filter(C::ParentId.eq(p.as_str()));
        }
        if let Some(text) = filter.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            q = q.filter(
                Condition::any()
                    .add(contains(("organisations", "name"), text))
                    .add(contains(("organisations", "short_name"), text)),
            );
        }
        let rows = by_name(q, C::Name, C::Id, page).all(&self.db).await?;
        let paged = finish(rows, size, |m| name_cursor(&m.name, &m.id), |m| m);
        let mut items = Vec::with_capacity(paged.items.len());
        for m in paged.items {
            items.push(self.organisation_view_unnamed(viewer, m).await?);
        }
        self.fill_names(viewer, &mut items).await?;
        Ok(Paged {
            items,
            next: paged.next,
        })
    }

    async fn organisation_view(
        &self,
        viewer: &Viewer,
        m: organisation::Model,
    ) -> Result<OrganisationView, StoreError> {
        let mut v = [self.organisation_view_unnamed(viewer, m).await?];
        self.fill_names(viewer, &mut v).await?;
        let [v] = v;
        Ok(v)
    }

    async fn organisation_view_unnamed(
        &self,
        viewer: &Viewer,
        m: organisation::Model,
    ) -> Result<OrganisationView, StoreError> {
        let access = access_view::<organisation::Entity>(
            &self.db,
            viewer,
            &m,
            m.version,
            m.created_at,
            m.updated_at,
        )
        .await?;
        let kind: Option<OrganisationKind> = m.kind.parse().ok();
        Ok(OrganisationView {
            kind_label: kind
                .map(|k| k.label().to_owned())
                .unwrap_or_else(|| m.kind.clone()),
            party: unnamed(&m.party_id),
            parent: m.parent_id.as_deref().map(unnamed),
            id: m.id,
            name: m.name,
            short_name: m.short_name,
            kind: m.kind,
            website: m.website,
            access,
        })
    }
}

/// Writes a new organisation, who may see it and its event, in `tx`; its references are checked already.
pub(crate) async fn insert_organisation(
    tx: &mut WriteTx,
    id: OrganisationId,
    new: &NewOrganisation,
) -> Result<organisation::Model, StoreError> {
    let owner = Owner::for_new(tx.actor(), new.party_id)?;
    let now = corridor_core::now();
    let row = organisation::ActiveModel {
        id: Set(id.to_string()),
        name: Set(new.name.clone()),
        short_name: Set(new.short_name.clone()),
        kind: Set(new.kind.to_string()),
        party_id: Set(new.party_id.to_string()),
        parent_id: Set(new.parent_id.map(|p| p.to_string())),
        website: Set(new.website.clone()),
        owner_party_id: Set(owner.party),
        owner_organisation_id: Set(owner.organisation),
        visibility: Set(new.access.visibility.to_string()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    };
    let written = organisation::Entity::insert(row)
        .exec_with_returning(&tx.txn)
        .await?;
    let entity = organisation::Entity::ENTITY;
    store_access(tx, entity, &id.to_string(), &new.access, false).await?;
    tx.log::<organisation::Entity>(written, "created").await
}

/// Changes `current` (which the actor may edit, at the version expected) in `tx`; references are checked.
pub(crate) async fn update_organisation_in(
    tx: &mut WriteTx,
    current: organisation::Model,
    new: &NewOrganisation,
) -> Result<organisation::Model, StoreError> {
    let id = current.id.clone();
    let version = current.version + 1;
    let was_restricted = current.visibility == "restricted";
    let mut row: organisation::ActiveModel = current.into();
    row.name = Set(new.name.clone());
    row.short_name = Set(new.short_name.clone());
    row.kind = Set(new.kind.to_string());
    row.party_id = Set(new.party_id.to_string());
    row.parent_id = Set(new.parent_id.map(|p| p.to_string()));
    row.website = Set(new.website.clone());
    row.visibility = Set(new.access.visibility.to_string());
    row.version = Set(version);
    row.updated_at = Set(corridor_core::now());
    let written = row.update(&tx.txn).await?;
    let entity = organisation::Entity::ENTITY;
    store_access(tx, entity, &id, &new.access, was_restricted).await?;
    tx.log::<organisation::Entity>(written, "updated").await
}

/// The party and parent must exist and be visible, and the parent chain must not loop back to `id`.
pub(crate) async fn check_references(
    conn: &impl ConnectionTrait,
    viewer: &Viewer,
    new: &NewOrganisation,
    id: Option<&str>,
) -> Result<(), StoreError> {
    let Some(parent) = new.parent_id else {
        return Ok(());
    };
    if let Some(id) = id {
        new.check_parent(id.parse().map_err(|_| StoreError::NotFound {
            entity: "organisation",
        })?)
        .map_err(|e| StoreError::invalid(&e.field, e.message))?;
    }
    let mut next = Some(
        require_visible::<organisation::Entity>(conn, viewer, &parent.to_string(), "parent_id")
            .await?,
    );
    let mut depth = 0;
    while let Some(org) = next {
        if Some(org.id.as_str()) == id {
            return Err(StoreError::invalid(
                "parent_id",
                "this parent is itself part of the organisation; the hierarchy cannot loop",
            ));
        }
        depth += 1;
        if depth > 32 {
            return Err(StoreError::invalid(
                "parent_id",
                "the hierarchy is deeper than 32 levels",
            ));
        }
        next = match org.parent_id {
            Some(p) => organisation::Entity::find_id(&p).one(conn).await?,
            None => None,
        };
    }
    Ok(())
}
