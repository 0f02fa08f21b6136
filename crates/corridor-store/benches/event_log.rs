//! How much the event log costs: 20,000 changes through the store (row, canonical snapshot, chained event,
//! one transaction each) against the same 20,000 rows inserted bare, one transaction each, on a fresh SQLite
//! database each round; three rounds alternating, medians and their ratio printed. With
//! `CORRIDOR_TEST_POSTGRES` set, the same on PostgreSQL.
//!
//! Run: `cargo bench -p corridor-store --bench event_log` (`CORRIDOR_BENCH_CHANGES` to change the count).

use corridor_core::Actor;
use corridor_core::directory::{NewOrganisation, NewParty, OrganisationInput, PartyInput};
use corridor_core::ids::{OrganisationId, PartyId};
use corridor_store::Store;
use corridor_store::entity::organisation;
use corridor_store::testing::{TestDb, postgres, sqlite};
use sea_orm::{EntityTrait, Set, TransactionTrait};
use std::time::Instant;

async fn with_party(db: &TestDb) -> PartyId {
    let id = PartyId::new();
    let new = NewParty::try_from(&PartyInput {
        code: Some("PK".into()),
        name: Some("Islamic Republic of Pakistan".into()),
        short_name: Some("Pakistan".into()),
        ..Default::default()
    })
    .unwrap();
    db.store
        .create_party(&Actor::System, id, &new)
        .await
        .unwrap();
    id
}

/// Changes per second through the store, with the event log.
async fn logged(db: &TestDb, n: usize) -> f64 {
    let party = with_party(db).await;
    let start = Instant::now();
    for i in 0..n {
        let new = NewOrganisation::try_from(&OrganisationInput {
            name: Some(format!("Organisation {i}")),
            kind: Some("company".into()),
            party_id: Some(party.to_string()),
            ..Default::default()
        })
        .unwrap();
        db.store
            .create_organisation(&Actor::System, OrganisationId::new(), &new)
            .await
            .unwrap();
    }
    n as f64 / start.elapsed().as_secs_f64()
}

/// Rows per second inserted bare: the same row, one transaction each, no snapshot and no event.
async fn bare(db: &TestDb, n: usize) -> f64 {
    let party = with_party(db).await.to_string();
    let store: &Store = &db.store;
    let start = Instant::now();
    for i in 0..n {
        let now = corridor_core::now();
        let txn = store.connection().begin().await.unwrap();
        organisation::Entity::insert(organisation::ActiveModel {
            id: Set(OrganisationId::new().to_string()),
            name: Set(format!("Organisation {i}")),
            short_name: Set(None),
            kind: Set("company".into()),
            party_id: Set(party.clone()),
            parent_id: Set(None),
            website: Set(None),
            owner_party_id: Set(party.clone()),
            owner_organisation_id: Set(None),
            visibility: Set("shared".into()),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        })
        .exec_without_returning(&txn)
        .await
        .unwrap();
        txn.commit().await.unwrap();
    }
    n as f64 / start.elapsed().as_secs_f64()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

async fn run(label: &str, n: usize, fresh: impl AsyncFn() -> TestDb) {
    let (mut with_log, mut without) = (Vec::new(), Vec::new());
    for _ in 0..3 {
        without.push(bare(&fresh().await, n).await);
        let db = fresh().await;
        with_log.push(logged(&db, n).await);
        assert!(db.store.verify().await.unwrap().problems.is_empty());
    }
    let (w, b) = (median(with_log.clone()), median(without.clone()));
    println!("{label}: {n} changes, 3 rounds each, one transaction per change");
    println!(
        "  with event log : {w:>8.0} changes/s (median; rounds {:?})",
        with_log.iter().map(|x| x.round()).collect::<Vec<_>>()
    );
    println!(
        "  bare inserts   : {b:>8.0} rows/s    (median; rounds {:?})",
        without.iter().map(|x| x.round()).collect::<Vec<_>>()
    );
    println!(
        "  ratio          : {:.2} of the bare speed (target ≥ 0.50), {} the 2,000 changes/s target",
        w / b,
        if w >= 2000.0 { "meets" } else { "misses" }
    );
}

fn main() {
    let n = std::env::var("CORRIDOR_BENCH_CHANGES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        run("sqlite", n, async || sqlite().await).await;
        if std::env::var("CORRIDOR_TEST_POSTGRES").is_ok() {
            run("postgres", n, async || postgres().await.unwrap()).await;
        }
    });
}
