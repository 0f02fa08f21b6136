//! Loads `directory.toml`: the two parties, the organisations at the working group's table, the people named
//! in the seed scenario, and one secretariat officer and one administrator account per side.

use super::{DEMO_PASSWORD, DemoLogin, DemoReport, key, missing};
use crate::entity::{membership, organisation, party, person};
use crate::{Store, StoreError};
use corridor_core::directory::*;
use corridor_core::ids::{MembershipId, OrganisationId, PartyId, PersonId, UserId};
use corridor_core::{Actor, Role};
use serde::Deserialize;

/// The file, as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Directory {
    party: Vec<Keyed<PartyInput>>,
    organisation: Vec<Keyed<OrgRow>>,
    person: Vec<Keyed<PersonRow>>,
    membership: Vec<Keyed<MembershipRow>>,
    account: Vec<AccountRow>,
}

/// A record with its stable key.
#[derive(Deserialize)]
struct Keyed<T> {
    key: String,
    #[serde(flatten)]
    row: T,
}

#[derive(Deserialize)]
struct OrgRow {
    party: String,
    name: String,
    short_name: Option<String>,
    kind: String,
    parent: Option<String>,
    website: Option<String>,
    visibility: String,
}

#[derive(Deserialize)]
struct PersonRow {
    party: String,
    full_name: String,
    native_name: Option<String>,
    title: Option<String>,
    #[serde(default)]
    email: Option<String>,
    visibility: String,
}

#[derive(Deserialize)]
struct MembershipRow {
    person: String,
    organisation: String,
    role: String,
    on_behalf_of: Option<String>,
    starts_on: Option<String>,
    ends_on: Option<String>,
    visibility: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AccountRow {
    username: String,
    person: String,
    organisation: String,
    role: Role,
    /// The clock the account reads meeting times in.
    time_zone: String,
}

fn party_id(k: &str) -> String {
    PartyId::from_key(&key("party", k)).to_string()
}
fn org_id(k: &str) -> String {
    OrganisationId::from_key(&key("organisation", k)).to_string()
}
fn person_id(k: &str) -> String {
    PersonId::from_key(&key("person", k)).to_string()
}

pub(super) async fn load(store: &Store, report: &mut DemoReport) -> Result<(), StoreError> {
    let d: Directory = toml::from_str(include_str!("directory.toml"))
        .map_err(|e| StoreError::Config(format!("the demo directory is malformed: {e}")))?;
    let sys = Actor::System;
    for p in &d.party {
        let id = PartyId::from_key(&key("party", &p.key));
        if missing::<party::Entity>(store, &id.to_string()).await? {
            store
                .create_party(&sys, id, &NewParty::try_from(&p.row)?)
                .await?;
            report.created += 1;
        }
    }
    for o in &d.organisation {
        let id = OrganisationId::from_key(&key("organisation", &o.key));
        if missing::<organisation::Entity>(store, &id.to_string()).await? {
            let r = &o.row;
            let input = OrganisationInput {
                name: Some(r.name.clone()),
                short_name: r.short_name.clone(),
                kind: Some(r.kind.clone()),
                party_id: Some(party_id(&r.party)),
                parent_id: r.parent.as_deref().map(org_id),
                website: r.website.clone(),
                visibility: Some(r.visibility.clone()),
                ..Default::default()
            };
            store
                .create_organisation(&sys, id, &NewOrganisation::try_from(&input)?)
                .await?;
            report.created += 1;
        }
    }
    load_people(store, &d, report).await?;
    load_accounts(store, &d, report).await
}

async fn load_people(
    store: &Store,
    d: &Directory,
    report: &mut DemoReport,
) -> Result<(), StoreError> {
    let sys = Actor::System;
    for p in &d.person {
        let id = PersonId::from_key(&key("person", &p.key));
        if missing::<person::Entity>(store, &id.to_string()).await? {
            let r = &p.row;
            let input = PersonInput {
                full_name: Some(r.full_name.clone()),
                native_name: r.native_name.clone(),
                title: r.title.clone(),
                email: r.email.clone(),
                party_id: Some(party_id(&r.party)),
                visibility: Some(r.visibility.clone()),
                ..Default::default()
            };
            store
                .create_person(&sys, id, &NewPerson::try_from(&input)?)
                .await?;
            report.created += 1;
        }
    }
    for m in &d.membership {
        let id = MembershipId::from_key(&key("membership", &m.key));
        if missing::<membership::Entity>(store, &id.to_string()).await? {
            let r = &m.row;
            let input = MembershipInput {
                person_id: Some(person_id(&r.person)),
                organisation_id: Some(org_id(&r.organisation)),
                role: Some(r.role.clone()),
                on_behalf_of_id: r.on_behalf_of.as_deref().map(org_id),
                starts_on: r.starts_on.clone(),
                ends_on: r.ends_on.clone(),
                visibility: Some(r.visibility.clone()),
                ..Default::default()
            };
            store
                .create_membership(&sys, id, &NewMembership::try_from(&input)?)
                .await?;
            report.created += 1;
        }
    }
    Ok(())
}

async fn load_accounts(
    store: &Store,
    d: &Directory,
    report: &mut DemoReport,
) -> Result<(), StoreError> {
    for a in &d.account {
        if matches!(
            store.user_by_username(&a.username).await,
            Err(StoreError::NotFound { .. })
        ) {
            let input = UserInput {
                username: Some(a.username.clone()),
                person_id: Some(person_id(&a.person)),
                organisation_id: Some(org_id(&a.organisation)),
                role: Some(a.role.as_str().to_owned()),
                password: Some(DEMO_PASSWORD.to_owned()),
            };
            let id = UserId::from_key(&key("user", &a.username));
            store
                .create_user(&Actor::System, id, &NewUser::try_from(&input)?)
                .await?;
            let holder = store.actor_of(&a.username).await?;
            store.set_time_zone(&holder, Some(&a.time_zone)).await?;
            report.created += 1;
        }
        let user = store.user_by_username(&a.username).await?;
        report.logins.push(DemoLogin {
            username: a.username.clone(),
            password: DEMO_PASSWORD.to_owned(),
            role: a.role,
            party: user.party.name.unwrap_or_default(),
        });
    }
    Ok(())
}
