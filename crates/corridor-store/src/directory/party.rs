//! Parties: created and renamed by the system or an administrator; visible to everyone.

use super::{Named, Table, access_view, check_version, parse_id};
use crate::access::{Audited, visible};
use crate::entity::party;
use crate::{Store, StoreError};
use corridor_core::directory::NewParty;
use corridor_core::ids::PartyId;
use corridor_core::view::{PartyView, Ref};
use corridor_core::{Actor, Role, Viewer};
use sea_orm::{ActiveModelTrait, EntityTrait, QueryFilter, QueryOrder, Set};

impl Named for PartyView {
    fn refs(&mut self) -> Vec<(Table, &mut Ref)> {
        vec![(Table::Parties, &mut self.access.owner_party)]
    }
}

/// Only the system (command line) and administrators manage the list of parties.
fn may_manage_parties(actor: &Actor) -> Result<(), StoreError> {
    match actor {
        Actor::System => Ok(()),
        Actor::User(u) if u.role == Role::Admin => Ok(()),
        Actor::User(_) => Err(StoreError::Forbidden(
            "only an administrator manages the parties".into(),
        )),
    }
}

impl Store {
    /// Adds a party to the framework. A party owns its own record, which is public.
    #[crate::boxed]
    pub async fn create_party(
        &self,
        actor: &Actor,
        id: PartyId,
        new: &NewParty,
    ) -> Result<PartyView, StoreError> {
        may_manage_parties(actor)?;
        let mut tx = self.write(actor).await?;
        let now = corridor_core::now();
        let row = party::ActiveModel {
            id: Set(id.to_string()),
            code: Set(new.code.clone()),
            name: Set(new.name.clone()),
            short_name: Set(new.short_name.clone()),
            joined_on: Set(new.joined_on),
            standing: Set(new.standing.as_str().to_owned()),
            owner_party_id: Set(id.to_string()),
            owner_organisation_id: Set(None),
            visibility: Set("public".into()),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        };
        let written = party::Entity::insert(row)
            .exec_with_returning(&tx.txn)
            .await?;
        let model = tx.log::<party::Entity>(written, "created").await?;
        tx.commit().await?;
        self.party_names.clear();
        self.party_view(&actor.viewer(), model).await
    }

    /// Changes a party's names, code or date of joining; an administrator changes only their own party.
    #[crate::boxed]
    pub async fn update_party(
        &self,
        actor: &Actor,
        id: &str,
        new: &NewParty,
    ) -> Result<PartyView, StoreError> {
        may_manage_parties(actor)?;
        let mut tx = self.write(actor).await?;
        let current = super::editable::<party::Entity>(&tx, id).await?;
        check_version("party", new.expected_version, current.version)?;
        let version = current.version + 1;
        let mut row: party::ActiveModel = current.into();
        row.code = Set(new.code.clone());
        row.name = Set(new.name.clone());
        row.short_name = Set(new.short_name.clone());
        row.joined_on = Set(new.joined_on);
        row.standing = Set(new.standing.as_str().to_owned());
        row.version = Set(version);
        row.updated_at = Set(corridor_core::now());
        let written = row.update(&tx.txn).await?;
        let model = tx.log::<party::Entity>(written, "updated").await?;
        tx.commit().await?;
        self.party_names.clear();
        self.party_view(&actor.viewer(), model).await
    }

    /// One party.
    #[crate::boxed]
    pub async fn party(&self, viewer: &Viewer, id: &str) -> Result<PartyView, StoreError> {
        let id: PartyId = parse_id("party", id)?;
        let model = party::Entity::find_visible(viewer, &id.to_string())
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound { entity: "party" })?;
        self.party_view(viewer, model).await
    }

    /// Every party the viewer may see, by name (a framework has a handful).
    #[crate::boxed]
    pub async fn parties(&self, viewer: &Viewer) -> Result<Vec<PartyView>, StoreError> {
        let rows = party::Entity::find()
            .filter(visible(viewer, "parties", "party"))
            .order_by_asc(party::Column::Name)
            .all(&self.db)
            .await?;
        let mut views = Vec::with_capacity(rows.len());
        for m in rows {
            views.push(self.party_view_unnamed(viewer, m).await?);
        }
        self.fill_names(viewer, &mut views).await?;
        Ok(views)
    }

    async fn party_view(&self, viewer: &Viewer, m: party::Model) -> Result<PartyView, StoreError> {
        let mut v = [self.party_view_unnamed(viewer, m).await?];
        self.fill_names(viewer, &mut v).await?;
        let [v] = v;
        Ok(v)
    }

    async fn party_view_unnamed(
        &self,
        viewer: &Viewer,
        m: party::Model,
    ) -> Result<PartyView, StoreError> {
        let access = access_view::<party::Entity>(
            &self.db,
            viewer,
            &m,
            m.version,
            m.created_at,
            m.updated_at,
        )
        .await?;
        Ok(PartyView {
            id: m.id,
            code: m.code,
            name: m.name,
            short_name: m.short_name,
            joined_on: m.joined_on.map(corridor_core::dates::format_date),
            standing: m.standing.clone(),
            access,
        })
    }
}
