//! The demo world: complete, idempotent, consistent, and respectful of each side's internal records.

use corridor_core::Viewer;
use corridor_store::directory::{OrganisationFilter, PersonFilter};
use corridor_store::testing::{each_backend, each_backend_demo};
use corridor_store::{Page, demo};

#[tokio::test]
async fn loading_the_demo_twice_adds_nothing_and_verifies() {
    for db in each_backend().await {
        let s = &db.store;
        let first = demo::load(s).await.unwrap();
        assert!(
            first.created > 40,
            "{}: only {} records",
            db.label,
            first.created
        );
        let events = s.verify().await.unwrap().events;
        let second = demo::load(s).await.unwrap();
        assert_eq!(second.created, 0, "{}", db.label);
        assert_eq!(second.logins, first.logins);
        let report = s.verify().await.unwrap();
        assert_eq!(report.events, events, "{}", db.label);
        assert!(
            report.problems.is_empty(),
            "{}: {:?}",
            db.label,
            report.problems
        );
        let parties: Vec<&str> = second
            .logins
            .iter()
            .filter(|l| l.role == corridor_core::Role::Secretariat)
            .map(|l| l.party.as_str())
            .collect();
        assert_eq!(parties, ["Pakistan", "China"]);
    }
}

#[tokio::test]
async fn each_side_of_the_demo_keeps_its_internal_records() {
    for db in each_backend_demo().await {
        let s = &db.store;
        let pk = Viewer::User(
            s.authenticate("pk.secretariat", demo::DEMO_PASSWORD)
                .await
                .unwrap(),
        );
        let cn = Viewer::User(
            s.authenticate("cn.secretariat", demo::DEMO_PASSWORD)
                .await
                .unwrap(),
        );
        let all = Page::first(500);
        let mut seen = Vec::new();
        for v in [&pk, &cn, &Viewer::Anonymous] {
            let orgs = s
                .organisations(v, &OrganisationFilter::default(), &all)
                .await
                .unwrap()
                .items;
            let people = s
                .people(v, &PersonFilter::default(), &all)
                .await
                .unwrap()
                .items;
            seen.push(
                orgs.into_iter()
                    .map(|o| o.name)
                    .chain(people.into_iter().map(|p| p.full_name))
                    .collect::<Vec<_>>(),
            );
        }
        let (pk_sees, cn_sees, public) = (&seen[0], &seen[1], &seen[2]);
        assert!(
            pk_sees.contains(&"BoI Legal Wing".to_owned())
                && pk_sees.contains(&"Saima Rauf".to_owned())
        );
        assert!(
            !cn_sees.contains(&"BoI Legal Wing".to_owned())
                && !cn_sees.contains(&"Saima Rauf".to_owned()),
            "{}",
            db.label
        );
        assert!(
            cn_sees.contains(&"Wang Fang".to_owned()) && !pk_sees.contains(&"Wang Fang".to_owned()),
            "{}",
            db.label
        );
        assert!(
            public.contains(&"Board of Investment".to_owned())
                && public.contains(&"Ying Xiong".to_owned())
        );
        assert!(
            !public.contains(&"Amna Tariq".to_owned()),
            "{}: a shared record was public",
            db.label
        );
    }
}
