//! The matrix: every viewer (anonymous, each role of each party, a named person) against records of every
//! visibility owned by each party, through every read path. The store must agree with the core rule exactly.

use crate::support::{account, person, third_party, world};
use corridor_core::directory::{
    MembershipInput, NewMembership, NewOrganisation, NewPerson, OrganisationInput, PersonInput,
};
use corridor_core::ids::{MembershipId, OrganisationId, PersonId};
use corridor_core::visibility::can_see;
use corridor_core::{RecordMeta, Role, Viewer, Visibility};
use corridor_store::directory::{MembershipFilter, OrganisationFilter, PersonFilter};
use corridor_store::entity::{membership, organisation, person as person_e};
use corridor_store::testing::each_backend;
use corridor_store::{Page, Store, StoreError};

struct Record {
    kind: &'static str,
    id: String,
    meta: RecordMeta,
}

async fn reads(s: &Store, viewer: &Viewer, r: &Record) -> Vec<(&'static str, bool)> {
    let all = Page::first(500);
    let (get, listed, history) = match r.kind {
        "organisation" => (
            s.organisation(viewer, &r.id).await.is_ok(),
            s.organisations(viewer, &OrganisationFilter::default(), &all)
                .await
                .unwrap()
                .items
                .iter()
                .any(|o| o.id == r.id),
            s.history::<organisation::Entity>(viewer, &r.id)
                .await
                .is_ok(),
        ),
        "person" => (
            s.person(viewer, &r.id).await.is_ok(),
            s.people(viewer, &PersonFilter::default(), &all)
                .await
                .unwrap()
                .items
                .iter()
                .any(|o| o.id == r.id),
            s.history::<person_e::Entity>(viewer, &r.id).await.is_ok(),
        ),
        _ => (
            s.membership(viewer, &r.id).await.is_ok(),
            s.memberships(viewer, &MembershipFilter::default(), &all)
                .await
                .unwrap()
                .items
                .iter()
                .any(|o| o.id == r.id),
            s.history::<membership::Entity>(viewer, &r.id).await.is_ok(),
        ),
    };
    let in_events = s
        .events(viewer, &all)
        .await
        .unwrap()
        .items
        .iter()
        .any(|e| e.entity_id == r.id);
    let in_recent = s
        .recent_events(viewer, 500)
        .await
        .unwrap()
        .iter()
        .any(|e| e.entity_id == r.id);
    let mut paths = vec![
        ("get", get),
        ("list", listed),
        ("history", history),
        ("events", in_events),
        ("recent", in_recent),
    ];
    if r.kind != "membership" {
        let named = s
            .names(viewer, std::slice::from_ref(&r.id))
            .await
            .unwrap()
            .contains_key(&r.id);
        paths.push(("names", named));
    }
    paths
}

#[tokio::test]
async fn no_read_path_shows_a_record_to_anyone_the_rule_hides_it_from() {
    for db in each_backend().await {
        let s = &db.store;
        let w = world(s).await;
        let named = account(s, "pk.named", w.pk, Some(w.boi), Role::Observer).await;
        let named_person = named.user().unwrap().person_id;
        let tp = third_party(s, "TP", "Thirdland").await;
        let outsider = account(s, "tp.admin", tp, None, Role::Admin).await;
        assert!(!outsider.user().unwrap().member);
        let records = records(s, &w, named_person).await;
        let viewers: Vec<(&str, Viewer)> = vec![
            ("anonymous", Viewer::Anonymous),
            ("pk admin", w.pk_admin.viewer()),
            ("pk secretariat", w.pk_sec.viewer()),
            ("pk contributor", w.pk_contrib.viewer()),
            ("pk observer", w.pk_obs.viewer()),
            ("pk named observer", named.viewer()),
            ("cn admin", w.cn_admin.viewer()),
            ("cn secretariat", w.cn_sec.viewer()),
            ("cn observer", w.cn_obs.viewer()),
            ("third-party admin", outsider.viewer()),
        ];
        let mut checked = 0;
        for (who, viewer) in &viewers {
            for r in &records {
                let expected = can_see(viewer, &r.meta);
                for (path, seen) in reads(s, viewer, r).await {
                    assert_eq!(
                        seen, expected,
                        "{}: {who} via {path} on a {} record ({:?}, owned by {}): seen={seen}",
                        db.label, r.kind, r.meta.visibility, r.meta.owner_party
                    );
                    checked += 1;
                }
            }
        }
        assert_eq!(
            checked,
            viewers.len() * records.len() * 6 - viewers.len() * records.len() / 3
        );
        // Changing a record one cannot see answers exactly as for a record that does not exist.
        let hidden = records
            .iter()
            .find(|r| {
                r.kind == "organisation"
                    && r.meta.visibility == Visibility::Party
                    && r.meta.owner_party == w.pk
            })
            .unwrap();
        let edit = NewOrganisation::try_from(&crate::support::org_input("Renamed", w.cn, "shared"))
            .unwrap();
        let err = s
            .update_organisation(&w.cn_admin, &hidden.id, &edit)
            .await
            .unwrap_err();
        assert!(
            matches!(err, StoreError::NotFound { .. }),
            "{}: {err:?}",
            db.label
        );
    }
}

#[tokio::test]
async fn narrowing_a_record_hides_its_earlier_history_from_the_other_side() {
    for db in each_backend().await {
        let s = &db.store;
        let w = world(s).await;
        let id = OrganisationId::new();
        let mut input = crate::support::org_input("Special Economic Zones Cell", w.pk, "shared");
        s.create_organisation(&w.pk_sec, id, &NewOrganisation::try_from(&input).unwrap())
            .await
            .unwrap();
        let sees = |v: Viewer| async move {
            s.events(&v, &Page::first(500))
                .await
                .unwrap()
                .items
                .iter()
                .any(|e| e.entity_id == id.to_string())
        };
        assert!(sees(w.cn_obs.viewer()).await);
        input.visibility = Some("party".into());
        s.update_organisation(
            &w.pk_sec,
            &id.to_string(),
            &NewOrganisation::try_from(&input).unwrap(),
        )
        .await
        .unwrap();
        assert!(
            !sees(w.cn_obs.viewer()).await,
            "{}: the earlier shared event still showed",
            db.label
        );
        assert!(sees(w.pk_obs.viewer()).await);
    }
}

/// For each party and each visibility: an organisation, a person and a membership, with the rule's view of it.
async fn records(s: &Store, w: &crate::support::World, named_person: PersonId) -> Vec<Record> {
    let mut records = Vec::new();
    for (owner_actor, party) in [(&w.pk_sec, w.pk), (&w.cn_sec, w.cn)] {
        for v in Visibility::ALL {
            let restricted: Vec<String> = if v == Visibility::Restricted {
                vec![named_person.to_string()]
            } else {
                vec![]
            };
            let meta = |people: Vec<PersonId>| RecordMeta {
                owner_party: party,
                owner_organisation: None,
                visibility: v,
                restricted_to: people,
                shared_with: vec![],
            };
            let author = owner_actor.user().unwrap().person_id;
            let people = if v == Visibility::Restricted {
                vec![named_person, author]
            } else {
                vec![]
            };
            let oid = OrganisationId::new();
            let oi = OrganisationInput {
                name: Some(format!("Org {party} {v}")),
                kind: Some("other".into()),
                party_id: Some(party.to_string()),
                visibility: Some(v.to_string()),
                restricted_to: restricted.clone(),
                ..Default::default()
            };
            s.create_organisation(owner_actor, oid, &NewOrganisation::try_from(&oi).unwrap())
                .await
                .unwrap();
            records.push(Record {
                kind: "organisation",
                id: oid.to_string(),
                meta: meta(people.clone()),
            });
            let pid = PersonId::new();
            let pi = PersonInput {
                full_name: Some(format!("Person {party} {v}")),
                party_id: Some(party.to_string()),
                visibility: Some(v.to_string()),
                restricted_to: restricted.clone(),
                ..Default::default()
            };
            s.create_person(owner_actor, pid, &NewPerson::try_from(&pi).unwrap())
                .await
                .unwrap();
            records.push(Record {
                kind: "person",
                id: pid.to_string(),
                meta: meta(people.clone()),
            });
            let host = person(
                s,
                owner_actor,
                &format!("Member {party} {v}"),
                party,
                "shared",
            )
            .await;
            let mid = MembershipId::new();
            let mi = MembershipInput {
                person_id: Some(host.to_string()),
                organisation_id: Some(if party == w.pk { w.boi } else { w.ndrc }.to_string()),
                role: Some("Delegate".into()),
                visibility: Some(v.to_string()),
                restricted_to: restricted,
                ..Default::default()
            };
            s.create_membership(owner_actor, mid, &NewMembership::try_from(&mi).unwrap())
                .await
                .unwrap();
            records.push(Record {
                kind: "membership",
                id: mid.to_string(),
                meta: meta(people),
            });
        }
    }
    records
}
