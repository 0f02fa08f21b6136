//! The visibility matrix through HTTP (organisations, people, instruments, exchanges): every record route (API record, API history, HTML page, list pages
//! and API lists) for every kind of viewer against records of every visibility owned by each party. The answer
//! must follow `corridor_core::visibility::can_see` exactly: seen, or a 404 identical to a missing record's.

use crate::support::{Auth, TestApp, demo_id};
use axum::http::StatusCode;
use corridor_core::directory::{NewOrganisation, NewPerson, OrganisationInput, PersonInput};
use corridor_core::exchange::{ExchangeInput, NewExchange};
use corridor_core::ids::{ExchangeId, InstrumentId, OrganisationId, PersonId};
use corridor_core::instrument::{InstrumentInput, NewInstrument};
use corridor_core::visibility::can_see;
use corridor_core::{Actor, RecordMeta, Viewer, Visibility};
use corridor_store::testing::each_backend_demo;

struct Record {
    kind: &'static str,
    plural: &'static str,
    page: &'static str,
    id: String,
    name: String,
    meta: RecordMeta,
}

#[expect(
    clippy::too_many_lines,
    reason = "one record of each kind per party and visibility, side by side"
)]
async fn records(app: &TestApp) -> Vec<Record> {
    let s = &app.db.store;
    let named = s.user_by_username("pk.admin").await.unwrap().person.id;
    let mut out = Vec::new();
    for (author, party_key) in [("pk.secretariat", "pk"), ("cn.secretariat", "cn")] {
        let actor = Actor::User(s.authenticate(author, "corridor-demo").await.unwrap());
        let party = demo_id("party", party_key);
        for v in Visibility::ALL {
            let people: Vec<String> = if v == Visibility::Restricted {
                vec![named.clone()]
            } else {
                vec![]
            };
            let mut restricted: Vec<PersonId> = people.iter().map(|p| p.parse().unwrap()).collect();
            if v == Visibility::Restricted {
                restricted.push(actor.user().unwrap().person_id);
            }
            let meta = RecordMeta {
                owner_party: party.parse().unwrap(),
                owner_organisation: None,
                visibility: v,
                restricted_to: restricted,
                shared_with: vec![],
            };
            let name = format!("Matrix organisation {party_key} {v}");
            let input = OrganisationInput {
                name: Some(name.clone()),
                kind: Some("other".into()),
                party_id: Some(party.clone()),
                visibility: Some(v.to_string()),
                restricted_to: people.clone(),
                ..Default::default()
            };
            let id = OrganisationId::new();
            s.create_organisation(&actor, id, &NewOrganisation::try_from(&input).unwrap())
                .await
                .unwrap();
            out.push(Record {
                kind: "organisation",
                plural: "organisations",
                page: "organisations",
                id: id.to_string(),
                name,
                meta: meta.clone(),
            });
            let people_again = people.clone();
            let name = format!("Matrix person {party_key} {v}");
            let input = PersonInput {
                full_name: Some(name.clone()),
                party_id: Some(party.clone()),
                visibility: Some(v.to_string()),
                restricted_to: people,
                ..Default::default()
            };
            let id = PersonId::new();
            s.create_person(&actor, id, &NewPerson::try_from(&input).unwrap())
                .await
                .unwrap();
            out.push(Record {
                kind: "person",
                plural: "people",
                page: "people",
                id: id.to_string(),
                name,
                meta: meta.clone(),
            });
            let name = format!("Matrix instrument {party_key} {v}");
            let input = InstrumentInput {
                kind: Some("mou".into()),
                title: Some(name.clone()),
                party_ids: vec![demo_id("party", "pk"), demo_id("party", "cn")],
                visibility: Some(v.to_string()),
                restricted_to: people_again.clone(),
                ..Default::default()
            };
            let id = InstrumentId::new();
            s.create_instrument(&actor, id, &NewInstrument::try_from(&input).unwrap())
                .await
                .unwrap();
            out.push(Record {
                kind: "instrument",
                plural: "instruments",
                page: "instruments",
                id: id.to_string(),
                name,
                meta: meta.clone(),
            });
            let name = format!("Matrix exchange {party_key} {v}");
            let other = if party_key == "pk" { "cn" } else { "pk" };
            let input = ExchangeInput {
                title: Some(name.clone()),
                sending_party_id: Some(party.clone()),
                host_party_id: Some(demo_id("party", other)),
                starts_on: Some("2025-03-03".into()),
                ends_on: Some("2025-03-07".into()),
                visibility: Some(v.to_string()),
                restricted_to: people_again.clone(),
                ..Default::default()
            };
            let id = ExchangeId::new();
            s.create_exchange(&actor, id, &NewExchange::try_from(&input).unwrap())
                .await
                .unwrap();
            out.push(Record {
                kind: "exchange",
                plural: "exchanges",
                page: "exchanges",
                id: id.to_string(),
                name,
                meta,
            });
        }
    }
    out
}

#[tokio::test]
async fn every_route_answers_exactly_as_the_visibility_rule_says() {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        let records = records(&app).await;
        let mut viewers: Vec<(String, Viewer, Option<String>, Option<String>)> =
            vec![("anonymous".into(), Viewer::Anonymous, None, None)];
        for username in ["pk.secretariat", "pk.admin", "cn.secretariat", "cn.admin"] {
            let user = app
                .db
                .store
                .authenticate(username, "corridor-demo")
                .await
                .unwrap();
            let token = app.token(username).await;
            let (cookie, _) = app.sign_in(username).await;
            viewers.push((
                username.into(),
                Viewer::User(user),
                Some(token),
                Some(cookie),
            ));
        }
        let mut checked = 0;
        for (who, viewer, token, cookie) in &viewers {
            let api = token.as_deref().map_or(Auth::None, Auth::Bearer);
            let web = cookie.as_deref().map_or(Auth::None, Auth::Cookie);
            for (plural, paging) in [
                ("organisations", "?limit=500"),
                ("people", "?limit=500"),
                ("instruments", "?limit=500"),
                ("exchanges", ""),
            ] {
                let list = app
                    .get(&format!("/api/v1/{plural}{paging}"), api)
                    .await
                    .body;
                let page = app.get(&format!("/{plural}"), web).await.body;
                let events = app.get("/api/v1/events?limit=500", api).await.body;
                for r in records.iter().filter(|r| r.plural == plural) {
                    let expected = can_see(viewer, &r.meta);
                    for (route, seen) in [
                        ("API list", list.contains(&r.id)),
                        ("list page", page.contains(&r.name)),
                        ("events", events.contains(&r.id)),
                    ] {
                        assert_eq!(
                            seen, expected,
                            "{label}: {who}, {route}, {} {:?} of {}",
                            r.kind, r.meta.visibility, r.meta.owner_party
                        );
                        checked += 1;
                    }
                }
            }
            for r in &records {
                let expected = can_see(viewer, &r.meta);
                let missing = uuid::Uuid::new_v4();
                for (path, auth) in [
                    (format!("/api/v1/{}/{}", r.plural, r.id), api),
                    (format!("/api/v1/{}/{}/history", r.plural, r.id), api),
                    (format!("/{}/{}", r.page, r.id), web),
                ] {
                    let reply = app.get(&path, auth).await;
                    if expected {
                        assert_eq!(
                            reply.status,
                            StatusCode::OK,
                            "{label}: {who} could not read {path}"
                        );
                        assert!(
                            reply.body.contains(&r.id) || reply.body.contains(&r.name),
                            "{label}: {path}"
                        );
                    } else {
                        let absent = app
                            .get(&path.replace(&r.id, &missing.to_string()), auth)
                            .await;
                        assert_eq!(
                            reply.status,
                            StatusCode::NOT_FOUND,
                            "{label}: {who} read {path} ({:?})",
                            r.meta.visibility
                        );
                        assert_eq!(
                            reply.body, absent.body,
                            "{label}: {who}: {path} answered unlike a missing record"
                        );
                        assert!(!reply.body.contains(&r.name));
                    }
                    checked += 1;
                }
            }
        }
        assert_eq!(checked, viewers.len() * records.len() * 6, "{label}");
    }
}
