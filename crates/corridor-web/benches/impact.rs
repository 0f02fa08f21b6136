//! How fast measurable impact reads at scale: the demo world plus 1,000 indicators with quarterly periods
//! (2019–2022) and 1,000,000 actuals from both sides on a fresh SQLite database. Measured in the same run,
//! 21 rounds each, medians and 95th percentiles printed:
//! - the impact dashboard and one indicator's page, through the whole application (routing, sign-in by token,
//!   store reads, roll-up, SVG and HTML);
//! - the store reads behind them alone (`Store::framework`, `Store::indicator`), as the baseline, with the ratio.
//!
//! Indicators and periods are created through the store (with their events). The actuals are inserted bare,
//! in batches, without events, to build the world in seconds: reads are what is measured here, and they do
//! not touch the event log. Target: each page under 50 ms at the median.
//!
//! Run: `cargo bench -p corridor-web --bench impact` (`CORRIDOR_BENCH_INDICATORS`, `CORRIDOR_BENCH_ACTUALS` to
//! change the sizes).

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use corridor_core::config::Config;
use corridor_core::ids::{ActualId, IndicatorId, ResultId};
use corridor_core::results::{IndicatorInput, NewIndicator};
use corridor_core::{Actor, Viewer};
use corridor_store::Store;
use corridor_store::entity::{actual, indicator_period};
use corridor_store::testing::sqlite;
use corridor_web::{AppState, build_app};
use http_body_util::BodyExt;
use sea_orm::{ActiveModelTrait, EntityTrait, Set, TransactionTrait};
use std::time::{Duration, Instant};
use tower::ServiceExt;

fn size(var: &str, default: usize) -> usize {
    std::env::var(var)
        .ok()
        .and_then(|v| v.replace([',', '_'], "").parse().ok())
        .unwrap_or(default)
}

fn stats(mut samples: Vec<Duration>) -> (f64, f64) {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let p95 = samples[(samples.len() * 95 / 100).min(samples.len() - 1)];
    (ms(samples[samples.len() / 2]), ms(p95))
}

/// Builds the world: `indicators` through the store, both sides' headlines on their periods, `actuals` bare.
/// Answers each indicator's id with its periods' ids.
async fn world(
    s: &Store,
    (pk, cn): (&Actor, &Actor),
    indicators: usize,
    actuals: usize,
) -> Vec<(String, Vec<String>)> {
    let (pk_party, cn_party) = (
        pk.user().unwrap().party_id.to_string(),
        cn.user().unwrap().party_id.to_string(),
    );
    let built = Instant::now();
    let outcomes = ["ic-plans", "sez-plots", "b2b-deals", "p2p-skills"];
    let mut ids = Vec::with_capacity(indicators);
    for n in 0..indicators {
        let input = IndicatorInput {
            result_id: Some(
                ResultId::from_key(&format!("demo/result/{}", outcomes[n % 4])).to_string(),
            ),
            title: Some(format!("Generated indicator {n}")),
            dimensions: vec!["province".into()],
            baseline_value: Some("10".into()),
            period_kind: Some("quarter".into()),
            first_period: Some("2019-01-01".into()),
            last_period: Some("2022-12-31".into()),
            aggregation: Some(["latest", "sum", "average"][n % 3].into()),
            ..Default::default()
        };
        let id = IndicatorId::new();
        let made = s
            .create_indicator(pk, id, &NewIndicator::try_from(&input).unwrap())
            .await
            .unwrap();
        ids.push((
            id.to_string(),
            made.periods.into_iter().map(|p| p.id).collect::<Vec<_>>(),
        ));
    }
    let periods: Vec<(String, String)> = ids
        .iter()
        .flat_map(|(i, ps)| ps.iter().map(move |p| (i.clone(), p.clone())))
        .collect();
    // Each period gets both sides' headlines, a target, and most an agreed figure; some a discrepancy.
    let conn = s.connection();
    let txn = conn.begin().await.unwrap();
    for (n, (_, p)) in periods.iter().enumerate() {
        let row = indicator_period::Entity::find_by_id(p.clone())
            .one(&txn)
            .await
            .unwrap()
            .unwrap();
        let v = 10 + n % 90;
        let other = if n % 7 == 0 { v + 20 } else { v };
        let mut row: indicator_period::ActiveModel = row.into();
        row.targets = Set(format!(r#"[{{"value":"{}","dimensions":{{}}}}]"#, v + 5));
        row.headlines = Set(format!(r#"{{"{pk_party}":"{v}","{cn_party}":"{other}"}}"#));
        row.reconciliation = Set(if other == v { "agreed" } else { "discrepancy" }.into());
        row.agreed_value = Set((other == v).then(|| v.to_string()));
        row.update(&txn).await.unwrap();
    }
    txn.commit().await.unwrap();
    // The periods were edited bare: bring each indicator's kept standing up to date, as a restore would.
    s.refresh_standings().await.unwrap();
    let provinces = ["Punjab", "Sindh", "Khyber Pakhtunkhwa", "Balochistan"];
    let now = corridor_core::now();
    let mut written = 0;
    while written < actuals {
        let txn = conn.begin().await.unwrap();
        let batch: Vec<actual::ActiveModel> = (written..(written + 1_000).min(actuals))
            .map(|n| {
                let (ind, per) = &periods[n % periods.len()];
                let party = if n % 2 == 0 { &pk_party } else { &cn_party };
                actual::ActiveModel {
                    id: Set(ActualId::new().to_string()),
                    period_id: Set(per.clone()),
                    indicator_id: Set(ind.clone()),
                    party_id: Set(party.clone()),
                    value: Set((n % 97).to_string()),
                    dimensions: Set(format!(r#"{{"province":"{}"}}"#, provinces[n % 4])),
                    source: Set(Some("generated".into())),
                    comment: Set(None),
                    owner_party_id: Set(party.clone()),
                    owner_organisation_id: Set(None),
                    visibility: Set("shared".into()),
                    version: Set(1),
                    created_at: Set(now),
                    updated_at: Set(now),
                }
            })
            .collect();
        written += batch.len();
        actual::Entity::insert_many(batch).exec(&txn).await.unwrap();
        txn.commit().await.unwrap();
    }
    println!(
        "world: {indicators} indicators, {} periods, {actuals} actuals, built in {:.0} s",
        periods.len(),
        built.elapsed().as_secs_f64()
    );

    ids
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let indicators = size("CORRIDOR_BENCH_INDICATORS", 1_000);
    let actuals = size("CORRIDOR_BENCH_ACTUALS", 1_000_000);
    let db = sqlite().await;
    let s = db.store.clone();
    corridor_store::demo::load(&s).await.unwrap();
    let pk = s.actor_of("pk.secretariat").await.unwrap();
    let cn = s.actor_of("cn.secretariat").await.unwrap();
    let ids = world(&s, (&pk, &cn), indicators, actuals).await;
    let viewer = Viewer::User(pk.user().unwrap().clone());
    let user = s.user_by_username("pk.secretariat").await.unwrap();
    let token = s
        .create_token(&corridor_core::Actor::System, &user.id, "bench")
        .await
        .unwrap()
        .1;
    let app = build_app(AppState::new(s.clone(), Config::default()));
    let page = async |path: &str| {
        let req = Request::get(path)
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .body(Body::empty())
            .unwrap();
        let start = Instant::now();
        let res = app.clone().oneshot(req).await.unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        let body = res.into_body().collect().await.unwrap().to_bytes();
        assert!(body.len() > 1_000);
        start.elapsed()
    };
    let one = ids[ids.len() / 2].0.clone();
    let indicator_path = format!("/indicators/{one}");
    let (mut dash, mut dash_q, mut ind, mut ind_q) = (vec![], vec![], vec![], vec![]);
    for _ in 0..21 {
        dash.push(page("/impact").await);
        let t = Instant::now();
        let f = s.framework(&viewer).await.unwrap();
        dash_q.push(t.elapsed());
        assert!(!f.roots.is_empty());
        ind.push(page(&indicator_path).await);
        let t = Instant::now();
        let i = s.indicator(&viewer, &one).await.unwrap();
        ind_q.push(t.elapsed());
        assert_eq!(i.periods.len(), 16);
    }
    for (what, pages, query) in [
        ("impact dashboard", dash, dash_q),
        ("indicator page", ind, ind_q),
    ] {
        let (pm, p95) = stats(pages);
        let (qm, q95) = stats(query);
        println!(
            "{what}: median {pm:.1} ms (p95 {p95:.1} ms) through the application; the store read alone {qm:.1} ms (p95 {q95:.1} ms); ratio {:.2}",
            pm / qm
        );
    }
}
