//! Organisations and people from a spreadsheet (`sheets.rs` does the checking and the one transaction): a
//! record is matched by its id, a row without one makes a new record of the party its `party_id` names.

use super::organisation::{check_references, insert_organisation, update_organisation_in};
use super::person::{insert_person, update_person_in};
use crate::access::{restricted_to, visible};
use crate::audit::WriteTx;
use crate::entity::{organisation, party, person};
use crate::sheets::{SheetKind, label};
use crate::{Store, StoreError};
use corridor_core::directory::sheet::{
    apply_organisation, apply_person, organisation_changes, person_changes,
};
use corridor_core::directory::{NewOrganisation, NewPerson, OrganisationInput, PersonInput};
use corridor_core::ids::{OrganisationId, PartyId, PersonId};
use corridor_core::sheet::{ImportReport, SheetRow};
use corridor_core::{Actor, ValidationErrors};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

struct Organisations;
struct People;

/// The party a row names must exist; parties are public, so existing is being visible.
async fn party_exists(tx: &WriteTx, id: PartyId) -> Result<(), StoreError> {
    match party::Entity::find_by_id(id.to_string())
        .one(&tx.txn)
        .await?
    {
        Some(_) => Ok(()),
        None => Err(StoreError::invalid(
            "party_id",
            format!("there is no party with id {id}"),
        )),
    }
}

/// The people named on a stored restricted record, which the sheet does not carry and keeps.
async fn named(tx: &WriteTx, entity: &str, id: &str) -> Result<Vec<String>, StoreError> {
    restricted_to(&tx.txn, entity, id).await
}

impl SheetKind for Organisations {
    type Entity = organisation::Entity;
    type Input = OrganisationInput;
    type New = NewOrganisation;
    const NOUN: &'static str = "organisation";

    fn blank() -> OrganisationInput {
        OrganisationInput {
            visibility: Some("shared".into()),
            ..Default::default()
        }
    }

    fn apply(before: OrganisationInput, row: &SheetRow) -> OrganisationInput {
        apply_organisation(before, row)
    }

    fn changes(b: &OrganisationInput, a: &OrganisationInput) -> Vec<(String, String, String)> {
        organisation_changes(b, a)
    }

    fn validate(input: &OrganisationInput) -> Result<NewOrganisation, ValidationErrors> {
        NewOrganisation::try_from(input)
    }

    fn label(new: &NewOrganisation) -> String {
        label(&new.name)
    }

    fn version(m: &organisation::Model) -> i64 {
        m.version
    }

    async fn input_of(
        tx: &WriteTx,
        m: &organisation::Model,
    ) -> Result<OrganisationInput, StoreError> {
        Ok(OrganisationInput {
            name: Some(m.name.clone()),
            short_name: m.short_name.clone(),
            kind: Some(m.kind.clone()),
            party_id: Some(m.party_id.clone()),
            parent_id: m.parent_id.clone(),
            website: m.website.clone(),
            visibility: Some(m.visibility.clone()),
            restricted_to: named(tx, "organisation", &m.id).await?,
            version: Some(m.version),
        })
    }

    async fn check(
        tx: &mut WriteTx,
        new: &NewOrganisation,
        current: Option<&organisation::Model>,
    ) -> Result<(), StoreError> {
        party_exists(tx, new.party_id).await?;
        let viewer = tx.actor().viewer();
        let id = current.map(|m| m.id.as_str());
        check_references(&tx.txn, &viewer, new, id).await?;
        // Only among what the importer may see: a clash with the other side's internal organisation must
        // not tell them it exists.
        let same_name = organisation::Entity::find()
            .filter(visible(&viewer, "organisations", "organisation"))
            .filter(organisation::Column::PartyId.eq(new.party_id.to_string()))
            .filter(organisation::Column::Name.eq(new.name.as_str()))
            .filter(organisation::Column::Id.ne(id.unwrap_or_default()))
            .one(&tx.txn)
            .await?;
        match same_name {
            Some(_) => Err(StoreError::invalid(
                "name",
                "this party already has an organisation of this name",
            )),
            None => Ok(()),
        }
    }

    async fn create(
        tx: &mut WriteTx,
        new: &NewOrganisation,
    ) -> Result<organisation::Model, StoreError> {
        insert_organisation(tx, OrganisationId::new(), new).await
    }

    async fn update(
        tx: &mut WriteTx,
        current: organisation::Model,
        new: &NewOrganisation,
    ) -> Result<organisation::Model, StoreError> {
        update_organisation_in(tx, current, new).await
    }
}

impl SheetKind for People {
    type Entity = person::Entity;
    type Input = PersonInput;
    type New = NewPerson;
    const NOUN: &'static str = "person";

    fn blank() -> PersonInput {
        PersonInput {
            visibility: Some("shared".into()),
            ..Default::default()
        }
    }

    fn apply(before: PersonInput, row: &SheetRow) -> PersonInput {
        apply_person(before, row)
    }

    fn changes(b: &PersonInput, a: &PersonInput) -> Vec<(String, String, String)> {
        person_changes(b, a)
    }

    fn validate(input: &PersonInput) -> Result<NewPerson, ValidationErrors> {
        NewPerson::try_from(input)
    }

    fn label(new: &NewPerson) -> String {
        label(&new.full_name)
    }

    fn version(m: &person::Model) -> i64 {
        m.version
    }

    async fn input_of(tx: &WriteTx, m: &person::Model) -> Result<PersonInput, StoreError> {
        Ok(PersonInput {
            full_name: Some(m.full_name.clone()),
            native_name: m.native_name.clone(),
            title: m.title.clone(),
            email: m.email.clone(),
            phone: m.phone.clone(),
            party_id: Some(m.party_id.clone()),
            visibility: Some(m.visibility.clone()),
            restricted_to: named(tx, "person", &m.id).await?,
            version: Some(m.version),
        })
    }

    async fn check(
        tx: &mut WriteTx,
        new: &NewPerson,
        current: Option<&person::Model>,
    ) -> Result<(), StoreError> {
        party_exists(tx, new.party_id).await?;
        let Some(email) = &new.email else {
            return Ok(());
        };
        let taken = person::Entity::find()
            .filter(person::Column::Email.eq(email.as_str()))
            .filter(person::Column::Id.ne(current.map_or("", |m| m.id.as_str())))
            .one(&tx.txn)
            .await?;
        match taken {
            Some(_) => Err(StoreError::invalid(
                "email",
                "another person already has this e-mail address",
            )),
            None => Ok(()),
        }
    }

    async fn create(tx: &mut WriteTx, new: &NewPerson) -> Result<person::Model, StoreError> {
        insert_person(tx, PersonId::new(), new).await
    }

    async fn update(
        tx: &mut WriteTx,
        current: person::Model,
        new: &NewPerson,
    ) -> Result<person::Model, StoreError> {
        update_person_in(tx, current, new).await
    }
}

impl Store {
    /// Checks `rows` of an organisations sheet and, when `apply` and no row is rejected, makes every change in
    /// one transaction.
    #[crate::boxed]
    pub async fn import_organisations(
        &self,
        actor: &Actor,
        rows: &[SheetRow],
        apply: bool,
    ) -> Result<ImportReport, StoreError> {
        self.import_sheet::<Organisations>(actor, rows, apply).await
    }

    /// Checks `rows` of a people sheet and, when `apply` and no row is rejected, makes every change in one
    /// transaction.
    #[crate::boxed]
    pub async fn import_people(
        &self,
        actor: &Actor,
        rows: &[SheetRow],
        apply: bool,
    ) -> Result<ImportReport, StoreError> {
        self.import_sheet::<People>(actor, rows, apply).await
    }
}
