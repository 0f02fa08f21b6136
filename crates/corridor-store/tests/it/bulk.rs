//! The bulk loader behind the benchmark's large world: rows and their histories land on the same hash chain
//! that `verify` checks, ordinary writes carry on after it, and a failed load leaves nothing.

use corridor_core::Actor;
use corridor_core::directory::{NewOrganisation, OrganisationInput};
use corridor_core::ids::OrganisationId;
use corridor_store::Page;
use corridor_store::entity::register_item;
use corridor_store::meeting::RegisterFilter;
use corridor_store::testing::each_backend_demo;
use sea_orm::{EntityTrait, PaginatorTrait};

fn clones(proto: &register_item::Model, n: usize, version: i64) -> Vec<register_item::Model> {
    (0..n)
        .map(|i| register_item::Model {
            id: uuid::Uuid::now_v7().to_string(),
            text: format!("Bulk-loaded outcome {i}"),
            version,
            ..proto.clone()
        })
        .collect()
}

#[tokio::test]
async fn a_bulk_load_extends_the_chain_and_verifies() {
    for db in each_backend_demo().await {
        let (s, label) = (&db.store, db.label);
        let before = s.verify().await.unwrap().events;
        let items = register_item::Entity::find()
            .count(s.connection())
            .await
            .unwrap();
        let proto = register_item::Entity::find()
            .all(s.connection())
            .await
            .unwrap()
            .into_iter()
            .find(|r| r.visibility == "public")
            .unwrap();
        // The alert fan-out has read the log to its end, as a running server's has.
        s.begin_alerts().await.unwrap();
        s.fan_out_all().await.unwrap();
        // 2,500 records cross the loader's batches of a thousand; each has two earlier versions.
        let rows = clones(&proto, 2_500, 3);
        let mut bulk = s.bulk(&Actor::System).await.unwrap();
        for v in 1..3 {
            let earlier: Vec<_> = rows
                .iter()
                .map(|r| register_item::Model {
                    version: v,
                    ..r.clone()
                })
                .collect();
            bulk.history::<register_item::Entity>(&earlier, v == 1)
                .await
                .unwrap();
        }
        bulk.insert::<register_item::Entity>(rows.clone(), "updated")
            .await
            .unwrap();
        assert_eq!(bulk.events(), 7_500, "{label}");
        assert_eq!(bulk.commit().await.unwrap(), 7_500, "{label}");

        let report = s.verify().await.unwrap();
        assert!(report.problems.is_empty(), "{label}: {:?}", report.problems);
        assert_eq!(report.events, before + 7_500, "{label}");
        // The load is history: the fan-out does not read it as 7,500 pieces of news.
        assert_eq!(s.fan_out_all().await.unwrap().events, 0, "{label}");
        let history = s
            .history::<register_item::Entity>(&Actor::System.viewer(), &rows[0].id)
            .await
            .unwrap();
        assert_eq!(history.len(), 3, "{label}: {history:?}");

        // The loaded items are read like any other, and an ordinary write chains onto the loaded events.
        let pk = s.actor_of("pk.secretariat").await.unwrap();
        let page = s
            .register(&pk.viewer(), &RegisterFilter::default(), &Page::first(500))
            .await
            .unwrap();
        assert!(page.items.len() >= 500, "{label}");
        let party = pk.party().unwrap().to_string();
        let new = NewOrganisation::try_from(&OrganisationInput {
            name: Some("Written after the bulk load".into()),
            kind: Some("company".into()),
            party_id: Some(party),
            ..Default::default()
        })
        .unwrap();
        s.create_organisation(&pk, OrganisationId::new(), &new)
            .await
            .unwrap();
        assert_eq!(s.fan_out_all().await.unwrap().events, 1, "{label}");
        let report = s.verify().await.unwrap();
        assert!(report.problems.is_empty(), "{label}: {:?}", report.problems);
        assert_eq!(report.events, before + 7_501, "{label}");

        // A load that fails half way (an id used twice) leaves neither rows nor events.
        let mut bulk = s.bulk(&Actor::System).await.unwrap();
        let mut again = clones(&proto, 10, 1);
        again.push(rows[0].clone());
        let failed = bulk.insert::<register_item::Entity>(again, "created").await;
        assert!(failed.is_err(), "{label}: a duplicate id was accepted");
        drop(bulk);
        let after = s.verify().await.unwrap();
        assert!(after.problems.is_empty(), "{label}: {:?}", after.problems);
        assert_eq!(after.events, before + 7_501, "{label}");
        assert_eq!(
            register_item::Entity::find()
                .count(s.connection())
                .await
                .unwrap(),
            items + 2_500,
            "{label}"
        );
    }
}

#[tokio::test]
async fn a_fan_out_still_behind_a_bulk_load_reads_it_in_turn() {
    for db in each_backend_demo().await {
        let (s, label) = (&db.store, db.label);
        s.begin_alerts().await.unwrap();
        s.fan_out_all().await.unwrap();
        // An ordinary change not yet fanned out when the load begins: skipping the load must not skip it.
        let pk = s.actor_of("pk.secretariat").await.unwrap();
        let new = NewOrganisation::try_from(&OrganisationInput {
            name: Some("Written before the bulk load".into()),
            kind: Some("company".into()),
            party_id: Some(pk.party().unwrap().to_string()),
            ..Default::default()
        })
        .unwrap();
        s.create_organisation(&pk, OrganisationId::new(), &new)
            .await
            .unwrap();
        let proto = register_item::Entity::find()
            .one(s.connection())
            .await
            .unwrap()
            .unwrap();
        let mut bulk = s.bulk(&Actor::System).await.unwrap();
        bulk.insert::<register_item::Entity>(clones(&proto, 10, 1), "created")
            .await
            .unwrap();
        bulk.commit().await.unwrap();
        assert_eq!(s.fan_out_all().await.unwrap().events, 11, "{label}");
    }
}
