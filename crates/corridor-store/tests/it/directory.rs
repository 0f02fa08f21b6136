//! Directory rules as the store enforces them: conflicts, stale versions, cycles, roles, references.

use crate::support::{org, org_input, world};
use corridor_core::directory::{MembershipInput, NewMembership, NewOrganisation};
use corridor_core::ids::{MembershipId, OrganisationId};
use corridor_store::StoreError;
use corridor_store::testing::each_backend;

fn new_org(name: &str, w: &crate::support::World, vis: &str) -> NewOrganisation {
    NewOrganisation::try_from(&org_input(name, w.pk, vis)).unwrap()
}

#[tokio::test]
async fn a_stale_version_is_refused_and_the_current_one_accepted() {
    for db in each_backend().await {
        let s = &db.store;
        let w = world(s).await;
        let id = org(s, &w.pk_sec, "Sindh Board of Investment", w.pk, "shared")
            .await
            .to_string();
        let mut edit = new_org("Sindh Investment Department", &w, "shared");
        edit.expected_version = Some(1);
        let v = s.update_organisation(&w.pk_sec, &id, &edit).await.unwrap();
        assert_eq!(v.access.version, 2);
        let err = s
            .update_organisation(&w.pk_sec, &id, &edit)
            .await
            .unwrap_err();
        assert!(
            matches!(&err, StoreError::Conflict { field: Some(f), message } if f == "version" && message.contains("version 2")),
            "{}: {err:?}",
            db.label
        );
    }
}

#[tokio::test]
async fn the_organisation_hierarchy_cannot_loop() {
    for db in each_backend().await {
        let s = &db.store;
        let w = world(s).await;
        let a = org(s, &w.pk_sec, "Ministry of Industries", w.pk, "shared").await;
        let mut child = org_input("Engineering Development Board", w.pk, "shared");
        child.parent_id = Some(a.to_string());
        let b = OrganisationId::new();
        s.create_organisation(&w.pk_sec, b, &NewOrganisation::try_from(&child).unwrap())
            .await
            .unwrap();
        let mut looped = org_input("Ministry of Industries", w.pk, "shared");
        looped.parent_id = Some(b.to_string());
        let err = s
            .update_organisation(
                &w.pk_sec,
                &a.to_string(),
                &NewOrganisation::try_from(&looped).unwrap(),
            )
            .await
            .unwrap_err();
        assert!(
            matches!(&err, StoreError::Invalid(e) if e.0[0].field == "parent_id"),
            "{}: {err:?}",
            db.label
        );
    }
}

#[tokio::test]
async fn a_hidden_reference_is_refused_exactly_like_a_missing_one() {
    for db in each_backend().await {
        let s = &db.store;
        let w = world(s).await;
        let internal = org(s, &w.pk_sec, "Internal Working Cell", w.pk, "party").await;
        let try_parent = |parent: OrganisationId| {
            let mut i = org_input("Beijing Liaison Office", w.cn, "shared");
            i.parent_id = Some(parent.to_string());
            NewOrganisation::try_from(&i).unwrap()
        };
        let hidden = s
            .create_organisation(&w.cn_sec, OrganisationId::new(), &try_parent(internal))
            .await
            .unwrap_err();
        let missing = OrganisationId::new();
        let absent = s
            .create_organisation(&w.cn_sec, OrganisationId::new(), &try_parent(missing))
            .await
            .unwrap_err();
        let msg = |e: &StoreError| match e {
            StoreError::Invalid(v) => (
                v.0[0].field.clone(),
                v.0[0]
                    .message
                    .replace(&internal.to_string(), "ID")
                    .replace(&missing.to_string(), "ID"),
            ),
            other => panic!("{other:?}"),
        };
        assert_eq!(msg(&hidden), msg(&absent), "{}", db.label);
        assert_eq!(msg(&hidden).0, "parent_id");
    }
}

#[tokio::test]
async fn roles_and_parties_limit_who_changes_what() {
    for db in each_backend().await {
        let s = &db.store;
        let w = world(s).await;
        // Created from the command line, so no organisation owns it and a contributor may not change it.
        let shared = org(
            s,
            &corridor_core::Actor::System,
            "Punjab Board of Investment and Trade",
            w.pk,
            "shared",
        )
        .await
        .to_string();
        let edit = new_org("PBIT", &w, "shared");
        let forbidden = |r: Result<_, StoreError>| matches!(r, Err(StoreError::Forbidden(_)));
        assert!(
            forbidden(s.update_organisation(&w.cn_admin, &shared, &edit).await),
            "{}: the counterpart edited",
            db.label
        );
        assert!(
            forbidden(s.update_organisation(&w.pk_obs, &shared, &edit).await),
            "{}",
            db.label
        );
        assert!(
            forbidden(s.update_organisation(&w.pk_contrib, &shared, &edit).await),
            "{}",
            db.label
        );
        assert!(
            forbidden(
                s.create_organisation(&w.pk_obs, OrganisationId::new(), &edit)
                    .await
            ),
            "{}",
            db.label
        );
        // A contributor creates records for their own organisation, and may then change them.
        let own = OrganisationId::new();
        s.create_organisation(
            &w.pk_contrib,
            own,
            &new_org("BoI Facilitation Desk", &w, "shared"),
        )
        .await
        .unwrap();
        s.update_organisation(
            &w.pk_contrib,
            &own.to_string(),
            &new_org("BoI Investor Facilitation Desk", &w, "shared"),
        )
        .await
        .unwrap();
        s.update_organisation(&w.pk_sec, &shared, &edit)
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn memberships_record_roles_with_their_period() {
    for db in each_backend().await {
        let s = &db.store;
        let w = world(s).await;
        let person = crate::support::person(s, &w.pk_sec, "Asim Ayub", w.pk, "shared").await;
        let input = MembershipInput {
            person_id: Some(person.to_string()),
            organisation_id: Some(w.boi.to_string()),
            role: Some("Project Director, PMU on Industrial Cooperation".into()),
            starts_on: Some("2020-01-01".into()),
            ..Default::default()
        };
        let m = s
            .create_membership(
                &w.pk_sec,
                MembershipId::new(),
                &NewMembership::try_from(&input).unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(m.organisation.name.as_deref(), Some("Board of Investment"));
        assert_eq!(m.person.name.as_deref(), Some("Asim Ayub"));
        assert_eq!(m.starts_on.as_deref(), Some("2020-01-01"));
        let mut bad = input.clone();
        bad.organisation_id = Some(OrganisationId::new().to_string());
        let err = s
            .create_membership(
                &w.pk_sec,
                MembershipId::new(),
                &NewMembership::try_from(&bad).unwrap(),
            )
            .await
            .unwrap_err();
        assert!(
            matches!(&err, StoreError::Invalid(e) if e.0[0].field == "organisation_id"),
            "{}: {err:?}",
            db.label
        );
    }
}
