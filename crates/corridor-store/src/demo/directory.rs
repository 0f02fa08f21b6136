//! The demo directory: the two parties, the organisations at the working group's table, the people named in
//! the seed scenario, and one secretariat officer and one administrator account per side.

use super::{DEMO_PASSWORD, DemoLogin, DemoReport};
use crate::access::Audited;
use crate::entity::{membership, organisation, party, person};
use crate::{Store, StoreError};
use corridor_core::directory::*;
use corridor_core::ids::{MembershipId, OrganisationId, PartyId, PersonId, UserId};
use corridor_core::{Actor, Role};

async fn exists<E: Audited>(store: &Store, id: &str) -> Result<bool, StoreError> {
    Ok(E::find_id(id).one(store.connection()).await?.is_some())
}

fn invalid(e: corridor_core::ValidationErrors) -> StoreError {
    StoreError::Invalid(e)
}

/// (key, code, full name, short name, joined on)
const PARTIES: [(&str, &str, &str, &str, &str); 2] = [
    (
        "pk",
        "PK",
        "Islamic Republic of Pakistan",
        "Pakistan",
        "2018-01-01",
    ),
    (
        "cn",
        "CN",
        "People's Republic of China",
        "China",
        "2018-01-01",
    ),
];

/// (key, party, name, short name, kind, parent key, website, visibility)
const ORGANISATIONS: &[(&str, &str, &str, &str, &str, &str, &str, &str)] = &[
    (
        "boi",
        "pk",
        "Board of Investment",
        "BoI",
        "investment_board",
        "",
        "https://invest.gov.pk",
        "public",
    ),
    (
        "pmu",
        "pk",
        "Project Management Unit on Industrial Cooperation",
        "PMU-IC",
        "project_unit",
        "boi",
        "",
        "shared",
    ),
    (
        "boi-legal",
        "pk",
        "BoI Legal Wing",
        "",
        "project_unit",
        "boi",
        "",
        "party",
    ),
    (
        "planning",
        "pk",
        "Ministry of Planning, Development and Special Initiatives",
        "Planning Commission",
        "planning_commission",
        "",
        "https://www.pc.gov.pk",
        "public",
    ),
    (
        "moip",
        "pk",
        "Ministry of Industries and Production",
        "MoIP",
        "ministry",
        "",
        "",
        "shared",
    ),
    (
        "mofa-pk",
        "pk",
        "Ministry of Foreign Affairs",
        "MoFA",
        "ministry",
        "",
        "",
        "shared",
    ),
    (
        "punjab",
        "pk",
        "Government of the Punjab",
        "Punjab",
        "provincial_government",
        "",
        "",
        "shared",
    ),
    (
        "sindh",
        "pk",
        "Government of Sindh",
        "Sindh",
        "provincial_government",
        "",
        "",
        "shared",
    ),
    (
        "kp",
        "pk",
        "Government of Khyber Pakhtunkhwa",
        "Khyber Pakhtunkhwa",
        "provincial_government",
        "",
        "",
        "shared",
    ),
    (
        "balochistan",
        "pk",
        "Government of Balochistan",
        "Balochistan",
        "provincial_government",
        "",
        "",
        "shared",
    ),
    (
        "embassy-pk",
        "pk",
        "Embassy of Pakistan in Beijing",
        "",
        "embassy",
        "mofa-pk",
        "",
        "shared",
    ),
    (
        "kpezdmc",
        "pk",
        "Khyber Pakhtunkhwa Economic Zones Development and Management Company",
        "KPEZDMC",
        "zone_authority",
        "kp",
        "",
        "shared",
    ),
    (
        "fiedmc",
        "pk",
        "Faisalabad Industrial Estate Development and Management Company",
        "FIEDMC",
        "zone_authority",
        "punjab",
        "",
        "shared",
    ),
    (
        "psm",
        "pk",
        "Pakistan Steel Mills Corporation",
        "PSM",
        "state_enterprise",
        "moip",
        "",
        "shared",
    ),
    (
        "ndrc",
        "cn",
        "National Development and Reform Commission",
        "NDRC",
        "planning_commission",
        "",
        "https://en.ndrc.gov.cn",
        "public",
    ),
    (
        "ciecc",
        "cn",
        "China International Engineering Consulting Corporation",
        "CIECC",
        "consultancy",
        "",
        "",
        "shared",
    ),
    (
        "embassy-cn",
        "cn",
        "Embassy of the People's Republic of China in Pakistan",
        "",
        "embassy",
        "",
        "",
        "shared",
    ),
    (
        "jiangsu",
        "cn",
        "Jiangsu Provincial Development and Reform Commission",
        "Jiangsu DRC",
        "provincial_government",
        "",
        "",
        "shared",
    ),
    (
        "zhejiang",
        "cn",
        "Zhejiang Provincial Development and Reform Commission",
        "Zhejiang DRC",
        "provincial_government",
        "",
        "",
        "shared",
    ),
    (
        "shandong",
        "cn",
        "Shandong Provincial Development and Reform Commission",
        "Shandong DRC",
        "provincial_government",
        "",
        "",
        "shared",
    ),
    (
        "guangdong",
        "cn",
        "Guangdong Provincial Development and Reform Commission",
        "Guangdong DRC",
        "provincial_government",
        "",
        "",
        "shared",
    ),
];

/// (key, party, full name, native name, title, visibility)
const PEOPLE: &[(&str, &str, &str, &str, &str, &str)] = &[
    (
        "khashih",
        "pk",
        "Khashih-ur-Rehman",
        "",
        "Additional Secretary and Executive Director General, BoI",
        "public",
    ),
    (
        "asim",
        "pk",
        "Asim Ayub",
        "",
        "Project Director, PMU on Industrial Cooperation",
        "public",
    ),
    (
        "fareena",
        "pk",
        "Fareena Mazhar",
        "",
        "Secretary, BoI",
        "public",
    ),
    (
        "azfar",
        "pk",
        "Muhammad Azfar Ahsan",
        "",
        "Chairman, BoI",
        "public",
    ),
    (
        "ying",
        "cn",
        "Ying Xiong",
        "",
        "Director General, NDRC",
        "public",
    ),
    (
        "he",
        "cn",
        "He Lifeng",
        "何立峰",
        "Chairman, NDRC",
        "public",
    ),
    (
        "pk-officer",
        "pk",
        "Amna Tariq",
        "",
        "Secretariat officer, PMU (illustrative demo account)",
        "shared",
    ),
    (
        "pk-admin",
        "pk",
        "Bilal Hussain",
        "",
        "Systems administrator, BoI (illustrative demo account)",
        "shared",
    ),
    (
        "pk-legal",
        "pk",
        "Saima Rauf",
        "",
        "Legal adviser on the Framework Agreement, BoI (illustrative)",
        "party",
    ),
    (
        "cn-officer",
        "cn",
        "Li Na",
        "李娜",
        "Secretariat officer, NDRC (illustrative demo account)",
        "shared",
    ),
    (
        "cn-admin",
        "cn",
        "Zhou Jian",
        "周健",
        "Systems administrator, NDRC (illustrative demo account)",
        "shared",
    ),
    (
        "cn-desk",
        "cn",
        "Wang Fang",
        "王芳",
        "Pakistan desk officer, NDRC (illustrative)",
        "party",
    ),
];

/// (key, person, organisation, role, on behalf of, starts on, ends on, visibility)
const MEMBERSHIPS: &[(&str, &str, &str, &str, &str, &str, &str, &str)] = &[
    (
        "khashih-boi",
        "khashih",
        "boi",
        "Additional Secretary and Executive Director General; co-chair of the working group's 5th meeting",
        "",
        "",
        "",
        "public",
    ),
    (
        "asim-pmu",
        "asim",
        "pmu",
        "Project Director",
        "boi",
        "",
        "",
        "public",
    ),
    (
        "fareena-boi",
        "fareena",
        "boi",
        "Secretary; co-chair of the working group's 6th meeting",
        "",
        "",
        "",
        "public",
    ),
    (
        "azfar-boi",
        "azfar",
        "boi",
        "Chairman; signed the Framework Agreement on 4 February 2022",
        "",
        "",
        "",
        "public",
    ),
    (
        "ying-ndrc",
        "ying",
        "ndrc",
        "Director General; co-chair of the working group",
        "",
        "",
        "",
        "public",
    ),
    (
        "he-ndrc",
        "he",
        "ndrc",
        "Chairman; signed the Framework Agreement on 4 February 2022",
        "",
        "",
        "",
        "public",
    ),
    (
        "officer-pmu",
        "pk-officer",
        "pmu",
        "Secretariat officer",
        "boi",
        "2020-01-01",
        "",
        "shared",
    ),
    (
        "legal-boi",
        "pk-legal",
        "boi-legal",
        "Legal vetting of the draft Framework Agreement",
        "",
        "2020-06-01",
        "2020-10-31",
        "party",
    ),
    (
        "officer-ndrc",
        "cn-officer",
        "ndrc",
        "Secretariat officer",
        "",
        "2020-01-01",
        "",
        "shared",
    ),
    (
        "desk-ndrc",
        "cn-desk",
        "ndrc",
        "Desk officer for Pakistan",
        "",
        "2019-01-01",
        "",
        "party",
    ),
];

/// (username, person, organisation, role)
const ACCOUNTS: &[(&str, &str, &str, Role)] = &[
    ("pk.secretariat", "pk-officer", "pmu", Role::Secretariat),
    ("pk.admin", "pk-admin", "boi", Role::Admin),
    ("cn.secretariat", "cn-officer", "ndrc", Role::Secretariat),
    ("cn.admin", "cn-admin", "ndrc", Role::Admin),
];

fn key(kind: &str, k: &str) -> String {
    format!("demo/{kind}/{k}")
}

fn opt(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_owned())
}

pub(super) async fn load(store: &Store, report: &mut DemoReport) -> Result<(), StoreError> {
    let sys = Actor::System;
    let party_id = |k: &str| PartyId::from_key(&key("party", k));
    let org_id = |k: &str| OrganisationId::from_key(&key("organisation", k));
    let person_id = |k: &str| PersonId::from_key(&key("person", k));
    for (k, code, name, short, joined) in PARTIES {
        let id = party_id(k);
        if !exists::<party::Entity>(store, &id.to_string()).await? {
            let new = NewParty::try_from(&PartyInput {
                code: opt(code),
                name: opt(name),
                short_name: opt(short),
                joined_on: opt(joined),
                version: None,
            })
            .map_err(invalid)?;
            store.create_party(&sys, id, &new).await?;
            report.created += 1;
        }
    }
    for &(k, party, name, short, kind, parent, website, vis) in ORGANISATIONS {
        let id = org_id(k);
        if !exists::<organisation::Entity>(store, &id.to_string()).await? {
            let new = NewOrganisation::try_from(&OrganisationInput {
                name: opt(name),
                short_name: opt(short),
                kind: opt(kind),
                party_id: Some(party_id(party).to_string()),
                parent_id: opt(parent).map(|p| org_id(&p).to_string()),
                website: opt(website),
                visibility: opt(vis),
                ..Default::default()
            })
            .map_err(invalid)?;
            store.create_organisation(&sys, id, &new).await?;
            report.created += 1;
        }
    }
    for &(k, party, name, native, title, vis) in PEOPLE {
        let id = person_id(k);
        if !exists::<person::Entity>(store, &id.to_string()).await? {
            let new = NewPerson::try_from(&PersonInput {
                full_name: opt(name),
                native_name: opt(native),
                title: opt(title),
                party_id: Some(party_id(party).to_string()),
                visibility: opt(vis),
                ..Default::default()
            })
            .map_err(invalid)?;
            store.create_person(&sys, id, &new).await?;
            report.created += 1;
        }
    }
    for &(k, person, org, role, behalf, starts, ends, vis) in MEMBERSHIPS {
        let id = MembershipId::from_key(&key("membership", k));
        if !exists::<membership::Entity>(store, &id.to_string()).await? {
            let new = NewMembership::try_from(&MembershipInput {
                person_id: Some(person_id(person).to_string()),
                organisation_id: Some(org_id(org).to_string()),
                role: opt(role),
                on_behalf_of_id: opt(behalf).map(|b| org_id(&b).to_string()),
                starts_on: opt(starts),
                ends_on: opt(ends),
                visibility: opt(vis),
                ..Default::default()
            })
            .map_err(invalid)?;
            store.create_membership(&sys, id, &new).await?;
            report.created += 1;
        }
    }
    for &(username, person, org, role) in ACCOUNTS {
        if matches!(
            store.user_by_username(username).await,
            Err(StoreError::NotFound { .. })
        ) {
            let new = NewUser::try_from(&UserInput {
                username: opt(username),
                person_id: Some(person_id(person).to_string()),
                organisation_id: Some(org_id(org).to_string()),
                role: Some(role.as_str().to_owned()),
                password: opt(DEMO_PASSWORD),
            })
            .map_err(invalid)?;
            store
                .create_user(&sys, UserId::from_key(&key("user", username)), &new)
                .await?;
            report.created += 1;
        }
        let party = if username.starts_with("pk.") {
            "Pakistan"
        } else {
            "China"
        };
        report.logins.push(DemoLogin {
            username: username.to_owned(),
            password: DEMO_PASSWORD.to_owned(),
            role,
            party: party.to_owned(),
        });
    }
    Ok(())
}
