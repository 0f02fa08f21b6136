//! A small two-party world for the store tests.

use corridor_core::directory::{
    NewOrganisation, NewParty, NewPerson, NewUser, OrganisationInput, PartyInput, PersonInput,
    UserInput,
};
use corridor_core::ids::{OrganisationId, PartyId, PersonId, UserId};
use corridor_core::{Actor, Role};
use corridor_store::Store;

pub struct World {
    pub pk: PartyId,
    pub cn: PartyId,
    pub boi: OrganisationId,
    pub ndrc: OrganisationId,
    pub pk_admin: Actor,
    pub pk_sec: Actor,
    pub pk_contrib: Actor,
    pub pk_obs: Actor,
    pub cn_admin: Actor,
    pub cn_sec: Actor,
    pub cn_obs: Actor,
}

pub async fn party(store: &Store, code: &str, name: &str) -> PartyId {
    party_with_standing(store, code, name, "member").await
}

/// A party that is not a member of the framework: it sees shared records only of instruments it joined.
pub async fn third_party(store: &Store, code: &str, name: &str) -> PartyId {
    party_with_standing(store, code, name, "third_party").await
}

async fn party_with_standing(store: &Store, code: &str, name: &str, standing: &str) -> PartyId {
    let id = PartyId::new();
    let new = NewParty::try_from(&PartyInput {
        code: Some(code.into()),
        name: Some(format!("Republic of {name}")),
        short_name: Some(name.into()),
        standing: Some(standing.into()),
        ..Default::default()
    })
    .unwrap();
    store.create_party(&Actor::System, id, &new).await.unwrap();
    id
}

pub fn org_input(name: &str, party: PartyId, visibility: &str) -> OrganisationInput {
    OrganisationInput {
        name: Some(name.into()),
        kind: Some("ministry".into()),
        party_id: Some(party.to_string()),
        visibility: Some(visibility.into()),
        ..Default::default()
    }
}

pub async fn org(
    store: &Store,
    actor: &Actor,
    name: &str,
    party: PartyId,
    visibility: &str,
) -> OrganisationId {
    let id = OrganisationId::new();
    let new = NewOrganisation::try_from(&org_input(name, party, visibility)).unwrap();
    store.create_organisation(actor, id, &new).await.unwrap();
    id
}

pub async fn person(
    store: &Store,
    actor: &Actor,
    name: &str,
    party: PartyId,
    visibility: &str,
) -> PersonId {
    let id = PersonId::new();
    let new = NewPerson::try_from(&PersonInput {
        full_name: Some(name.into()),
        party_id: Some(party.to_string()),
        visibility: Some(visibility.into()),
        ..Default::default()
    })
    .unwrap();
    store.create_person(actor, id, &new).await.unwrap();
    id
}

/// A person with an account; returns the actor the account signs in as.
pub async fn account(
    store: &Store,
    username: &str,
    party: PartyId,
    org: Option<OrganisationId>,
    role: Role,
) -> Actor {
    let person_id = person(store, &Actor::System, username, party, "shared").await;
    let new = NewUser::try_from(&UserInput {
        username: Some(username.into()),
        person_id: Some(person_id.to_string()),
        organisation_id: org.map(|o| o.to_string()),
        role: Some(role.as_str().into()),
        password: Some("correct horse battery staple".into()),
    })
    .unwrap();
    let user_id = UserId::new();
    store
        .create_user(&Actor::System, user_id, &new)
        .await
        .unwrap();
    let actor = store.actor_of(username).await.unwrap();
    let u = actor.user().unwrap();
    assert_eq!(
        (
            u.user_id,
            u.person_id,
            u.party_id,
            u.organisation_id,
            u.role
        ),
        (user_id, person_id, party, org, role)
    );
    actor
}

pub async fn world(store: &Store) -> World {
    let pk = party(store, "PK", "Pakistan").await;
    let cn = party(store, "CN", "China").await;
    let boi = org(store, &Actor::System, "Board of Investment", pk, "shared").await;
    let ndrc = org(
        store,
        &Actor::System,
        "National Development and Reform Commission",
        cn,
        "shared",
    )
    .await;
    World {
        pk,
        cn,
        boi,
        ndrc,
        pk_admin: account(store, "pk.admin", pk, Some(boi), Role::Admin).await,
        pk_sec: account(store, "pk.sec", pk, Some(boi), Role::Secretariat).await,
        pk_contrib: account(store, "pk.contrib", pk, Some(boi), Role::Contributor).await,
        pk_obs: account(store, "pk.obs", pk, Some(boi), Role::Observer).await,
        cn_admin: account(store, "cn.admin", cn, Some(ndrc), Role::Admin).await,
        cn_sec: account(store, "cn.sec", cn, Some(ndrc), Role::Secretariat).await,
        cn_obs: account(store, "cn.obs", cn, Some(ndrc), Role::Observer).await,
    }
}

/// How many events the log holds.
pub async fn event_count(store: &Store) -> usize {
    store
        .events(
            &corridor_core::Viewer::System,
            &corridor_store::Page::first(500),
        )
        .await
        .unwrap()
        .items
        .len()
}
