//! Crash safety: a writing load against `corridor serve`, killed with SIGKILL at random moments and started
//! again, keeps every write it acknowledged, and `corridor verify` passes; on PostgreSQL the server also rides
//! out its database going away mid-load, without being restarted.

use super::{corridor, serve_with, text};
use corridor_store::testing::{TestDb, each_backend};
use sea_orm::{ConnectionTrait, Statement};
use std::collections::HashSet;
use std::process::Child;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// `corridor serve` (no demo: the database already holds it) at a free port: the child and its base URL.
fn serve(db: &TestDb) -> (Child, String) {
    let (child, mut lines) = serve_with(db, &["serve", "--bind", "127.0.0.1:0"]);
    let url = loop {
        let line = lines
            .next()
            .expect("serve printed its address")
            .expect("serve's output is text");
        if let Some(rest) = line.strip_prefix("Corridor is listening on ") {
            break rest.trim_end_matches('/').to_owned();
        }
    };
    (child, url)
}

/// A small xorshift generator: the kill moments vary from run to run, and the seed is printed to replay one.
struct Moments(u64);

impl Moments {
    fn next(&mut self, below: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % below
    }
}

/// The load: `writers` clients creating organisations until their server stops answering. Each write whose
/// 201 response arrived is acknowledged: its id goes into `acked`. Each task returns how many writes the server
/// refused with a 5xx (while its database was away).
fn load(
    url: &str,
    token: &str,
    writers: usize,
    acked: &Arc<Mutex<Vec<String>>>,
    until: Instant,
) -> Vec<tokio::task::JoinHandle<usize>> {
    (0..writers)
        .map(|w| {
            let (url, token, acked) = (url.to_owned(), token.to_owned(), acked.clone());
            tokio::spawn(async move {
                let client = reqwest::Client::builder()
                    .timeout(Duration::from_secs(5))
                    .build()
                    .unwrap();
                let (mut failures, mut refused, mut n) = (0, 0, 0);
                while Instant::now() < until {
                    n += 1;
                    let body = format!(
                        r#"{{"name":"Crash-test works no. {w}-{n}-{}","kind":"company","party_id":"{}"}}"#,
                        uuid::Uuid::new_v4().simple(),
                        corridor_core::ids::PartyId::from_key("demo/party/pk")
                    );
                    let sent = client
                        .post(format!("{url}/api/v1/organisations"))
                        .bearer_auth(&token)
                        .header("content-type", "application/json")
                        .body(body)
                        .send()
                        .await;
                    match sent {
                        Ok(r) if r.status() == reqwest::StatusCode::CREATED => {
                            let Ok(body) = r.text().await else { continue };
                            let v: serde_json::Value = serde_json::from_str(&body).unwrap();
                            let id = v["data"]["id"].as_str().expect("the id of the new organisation");
                            acked.lock().unwrap().push(id.to_owned());
                        }
                        // Refused while its database is away: not acknowledged, so it may or may not be there.
                        Ok(r) => {
                            assert!(
                                r.status().is_server_error(),
                                "a write was refused with {}: {}",
                                r.status(),
                                r.text().await.unwrap_or_default()
                            );
                            refused += 1;
                        }
                        Err(_) => {
                            failures += 1;
                            if failures > 3 {
                                break;
                            }
                            tokio::time::sleep(Duration::from_millis(20)).await;
                        }
                    }
                }
                refused
            })
        })
        .collect()
}

/// The ids of every organisation in the database.
async fn organisations(db: &TestDb) -> HashSet<String> {
    let c = db.store.connection();
    c.query_all_raw(Statement::from_string(
        c.get_database_backend(),
        "SELECT id FROM organisations",
    ))
    .await
    .unwrap()
    .iter()
    .map(|r| r.try_get::<String>("", "id").unwrap())
    .collect()
}

fn token(db: &TestDb) -> String {
    let out = corridor(db, &["user", "token", "pk.admin", "--name", "crash test"]);
    assert!(out.status.success(), "{}", text(&out));
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .last()
        .unwrap()
        .trim()
        .to_owned()
}

fn check_all_there(db: &TestDb, acked: &[String], there: &HashSet<String>) {
    let lost: Vec<_> = acked.iter().filter(|id| !there.contains(*id)).collect();
    assert!(
        lost.is_empty(),
        "{}: {} of {} acknowledged writes are gone, e.g. {:?}",
        db.label,
        lost.len(),
        acked.len(),
        lost.first()
    );
    let verify = corridor(db, &["verify"]);
    assert_eq!(
        verify.status.code(),
        Some(0),
        "{}: {}",
        db.label,
        text(&verify)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_at_random_moments_loses_no_acknowledged_write() {
    for db in each_backend().await {
        let label = db.label;
        let out = corridor(&db, &["demo"]);
        assert!(out.status.success(), "{label}: {}", text(&out));
        let token = token(&db);
        let seed = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos() as u64
            | 1;
        println!("{label}: kill moments from seed {seed}");
        let mut moments = Moments(seed);
        let acked = Arc::new(Mutex::new(Vec::new()));
        // Twenty kills on SQLite, the embedded default; five on PostgreSQL, whose own durability is its server's.
        let rounds = if label == "sqlite" { 20 } else { 5 };
        let mut kills = 0;
        for _ in 0..rounds {
            let (mut child, url) = serve(&db);
            let before = acked.lock().unwrap().len();
            let writers = load(
                &url,
                &token,
                4,
                &acked,
                Instant::now() + Duration::from_secs(10),
            );
            // Kill once writes are flowing, at a moment between 0 and 400 ms later.
            let started = Instant::now();
            while acked.lock().unwrap().len() == before
                && started.elapsed() < Duration::from_secs(10)
            {
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
            tokio::time::sleep(Duration::from_millis(moments.next(400))).await;
            child.kill().unwrap(); // SIGKILL
            child.wait().unwrap();
            kills += 1;
            for w in writers {
                w.await.unwrap();
            }
            assert!(
                acked.lock().unwrap().len() > before,
                "{label}: no write was acknowledged before the kill"
            );
        }
        let acked = acked.lock().unwrap().clone();
        println!(
            "{label}: {kills} kills, {} acknowledged writes",
            acked.len()
        );
        check_all_there(&db, &acked, &organisations(&db).await);
    }
}

/// Takes the test's PostgreSQL database away for a while, as a restart does: no new connections, and every
/// open one is cut; then lets it back.
async fn database_outage(admin: &sea_orm::DatabaseConnection, name: &str, down: Duration) {
    admin
        .execute_unprepared(&format!("ALTER DATABASE {name} ALLOW_CONNECTIONS false"))
        .await
        .unwrap();
    admin
        .execute_unprepared(&format!(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid()"
        ))
        .await
        .unwrap();
    tokio::time::sleep(down).await;
    admin
        .execute_unprepared(&format!("ALTER DATABASE {name} ALLOW_CONNECTIONS true"))
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_rides_out_its_postgresql_going_away_mid_load() {
    let Some(db) = corridor_store::testing::postgres().await else {
        return;
    };
    let out = corridor(&db, &["demo"]);
    assert!(out.status.success(), "{}", text(&out));
    let token = token(&db);
    let (admin_url, name) = db.postgres_admin().unwrap();
    let admin = sea_orm::Database::connect(admin_url).await.unwrap();
    let (mut child, url) = serve(&db);
    let acked = Arc::new(Mutex::new(Vec::new()));
    let mut refused = 0;
    for outage in 0..3 {
        let writers = load(
            &url,
            &token,
            4,
            &acked,
            Instant::now() + Duration::from_secs(3),
        );
        tokio::time::sleep(Duration::from_millis(300)).await;
        let before = acked.lock().unwrap().len();
        database_outage(&admin, name, Duration::from_secs(1)).await;
        for w in writers {
            refused += w.await.unwrap();
        }
        // Writes flow again without restarting the server.
        let after = acked.lock().unwrap().len();
        let again = load(
            &url,
            &token,
            1,
            &acked,
            Instant::now() + Duration::from_secs(1),
        );
        for w in again {
            w.await.unwrap();
        }
        assert!(
            acked.lock().unwrap().len() > after,
            "outage {outage}: no write was acknowledged after the database came back ({before} before it)"
        );
    }
    let health = reqwest::get(format!("{url}/healthz")).await.unwrap();
    assert!(health.status().is_success(), "{}", health.status());
    child.kill().unwrap();
    child.wait().unwrap();
    let acked = acked.lock().unwrap().clone();
    println!(
        "postgres: 3 outages, {refused} writes refused while the database was away, {} acknowledged",
        acked.len()
    );
    assert!(
        refused > 0,
        "the outages were not felt: no write was refused"
    );
    check_all_there(&db, &acked, &organisations(&db).await);
}
