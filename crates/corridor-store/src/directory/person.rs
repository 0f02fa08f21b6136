//! Creating, changing, reading and listing people.

use super::organisation::contains;
use super::{
    Named, Owner, Table, access_view, check_version, editable, parse_id, party_ref, store_access,
    unnamed,
};
use crate::access::{Audited, visible};
use crate::audit::WriteTx;
use crate::entity::person;
use crate::page::{by_name, finish, name_cursor};
use crate::{Page, Paged, Store, StoreError};
use corridor_core::directory::NewPerson;
use corridor_core::ids::PersonId;
use corridor_core::view::{PersonView, Ref};
use corridor_core::{Actor, Viewer};
use sea_orm::sea_query::Condition;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

/// Which people a list shows.
#[derive(Clone, Debug, Default)]
pub struct PersonFilter {
    /// Only this party's.
    pub party_id: Option<String>,
    /// Name, title or e-mail contains this text (any case).
    pub q: Option<String>,
}

impl Named for PersonView {
    fn refs(&mut self) -> Vec<(Table, &mut Ref)> {
        let mut r = vec![
            (Table::Parties, &mut self.party),
            (Table::Parties, &mut self.access.owner_party),
        ];
        r.extend(
            self.access
                .restricted_to
                .iter_mut()
                .map(|p| (Table::People, p)),
        );
        r
    }
}

fn fill(row: &mut person::ActiveModel, new: &NewPerson) {
    row.full_name = Set(new.full_name.clone());
    row.native_name = Set(new.native_name.clone());
    row.title = Set(new.title.clone());
    row.email = Set(new.email.clone());
    row.phone = Set(new.phone.clone());
    row.party_id = Set(new.party_id.to_string());
    row.visibility = Set(new.access.visibility.to_string());
}

/// Writes a new person, who may see them and the event, in `tx`.
pub(crate) async fn insert_person(
    tx: &mut WriteTx,
    id: PersonId,
    new: &NewPerson,
) -> Result<person::Model, StoreError> {
    let owner = Owner::for_new(tx.actor(), new.party_id)?;
    let now = corridor_core::now();
    let mut row = person::ActiveModel {
        id: Set(id.to_string()),
        owner_party_id: Set(owner.party),
        owner_organisation_id: Set(owner.organisation),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    fill(&mut row, new);
    let written = person::Entity::insert(row)
        .exec_with_returning(&tx.txn)
        .await?;
    store_access(
        tx,
        person::Entity::ENTITY,
        &id.to_string(),
        &new.access,
        false,
    )
    .await?;
    tx.log::<person::Entity>(written, "created").await
}

/// Changes `current` (which the actor may edit, at the version expected) in `tx`.
pub(crate) async fn update_person_in(
    tx: &mut WriteTx,
    current: person::Model,
    new: &NewPerson,
) -> Result<person::Model, StoreError> {
    let id = current.id.clone();
    let version = current.version + 1;
    let was_restricted = current.visibility == "restricted";
    let mut row: person::ActiveModel = current.into();
    fill(&mut row, new);
    row.version = Set(version);
    row.updated_at = Set(corridor_core::now());
    let written = row.update(&tx.txn).await?;
    store_access(tx, person::Entity::ENTITY, &id, &new.access, was_restricted).await?;
    tx.log::<person::Entity>(written, "updated").await
}

impl Store {
    /// Creates a person with the id `id`.
    #[crate::boxed]
    pub async fn create_person(
        &self,
        actor: &Actor,
        id: PersonId,
        new: &NewPerson,
    ) -> Result<PersonView, StoreError> {
        let mut tx = self.write(actor).await?;
        let written = insert_person(&mut tx, id, new).await;
        let model = self
            .name_missing(written, &[party_ref(new.party_id)])
            .await?;
        tx.commit().await?;
        self.person_view(&actor.viewer(), model).await
    }

    /// Changes a person.
    #[crate::boxed]
    pub async fn update_person(
        &self,
        actor: &Actor,
        id: &str,
        new: &NewPerson,
    ) -> Result<PersonView, StoreError> {
        let mut tx = self.write(actor).await?;
        let current = editable::<person::Entity>(&tx, id).await?;
        check_version("person", new.expected_version, current.version)?;
        let written = update_person_in(&mut tx, current, new).await;
        let model = self
            .name_missing(written, &[party_ref(new.party_id)])
            .await?;
        tx.commit().await?;
        self.person_view(&actor.viewer(), model).await
    }

    /// One person, if the viewer may see them.
    #[crate::boxed]
    pub async fn person(&self, viewer: &Viewer, id: &str) -> Result<PersonView, StoreError> {
        let id: PersonId = parse_id("person", id)?;
        let model = person::Entity::find_visible(viewer, &id.to_string())
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound { entity: "person" })?;
        self.person_view(viewer, model).await
    }

    /// The people the viewer may see, by name.
    #[crate::boxed]
    pub async fn people(
        &self,
        viewer: &Viewer,
        filter: &PersonFilter,
        page: &Page,
    ) -> Result<Paged<PersonView>, StoreError> {
        use person::Column as C;
        let size = page.size();
        let mut q = person::Entity::find().filter(visible(viewer, "people", "person"));
        if let Some(p) = &filter.party_id {
            q = q.filter(C::PartyId.eq(p.as_str()));
        }
        if let Some(text) = filter.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            q = q.filter(
                Condition::any()
                    .add(contains(("people", "full_name"), text))
                    .add(contains(("people", "native_name"), text))
                    .add(contains(("people", "title"), text))
                    .add(contains(("people", "email"), text)),
            );
        }
        let rows = by_name(q, C::FullName, C::Id, page).all(&self.db).await?;
        let paged = finish(rows, size, |m| name_cursor(&m.full_name, &m.id), |m| m);
        let mut items = Vec::with_capacity(paged.items.len());
        for m in paged.items {
            items.push(self.person_view_unnamed(viewer, m).await?);
        }
        self.fill_names(viewer, &mut items).await?;
        Ok(Paged {
            items,
            next: paged.next,
        })
    }

    async fn person_view(
        &self,
        viewer: &Viewer,
        m: person::Model,
    ) -> Result<PersonView, StoreError> {
        let mut v = [self.person_view_unnamed(viewer, m).await?];
        self.fill_names(viewer, &mut v).await?;
        let [v] = v;
        Ok(v)
    }

    async fn person_view_unnamed(
        &self,
        viewer: &Viewer,
        m: person::Model,
    ) -> Result<PersonView, StoreError> {
        let access = access_view::<person::Entity>(
            &self.db,
            viewer,
            &m,
            m.version,
            m.created_at,
            m.updated_at,
        )
        .await?;
        Ok(PersonView {
            party: unnamed(&m.party_id),
            id: m.id,
            full_name: m.full_name,
            native_name: m.native_name,
            title: m.title,
            email: m.email,
            phone: m.phone,
            access,
        })
    }
}
