//! The benchmark suite: `cargo run --release -p corridor-bench`.
//!
//! 1. Generates the large world once into `target/bench/world-SCALE/` (the demo, then 20 bodies, 2,000
//!    meetings, 200,000 register items, 20,000 projects, 100,000 indicator periods, 1,000,000 actuals and
//!    about 5,000,000 events at scale 1), verifies it and builds its search index.
//! 2. Times the server's start-up (median of three) until `/healthz` answers.
//! 3. Sends each main page and API route 64 connections' worth of requests for a fixed time, then the same
//!    query through a bare axum handler in this process (see `baseline.rs`), and prints medians, 99th
//!    percentiles and the ratios; then writes per second, search, the PDF record and the server's memory.

mod baseline;
mod load;
mod report;
mod server;
mod world;

use anyhow::{Context, Result};
use clap::Parser;
use corridor_store::Store;
use corridor_store::entity::{meeting, project, register_item};
use load::Call;
use report::Row;
use sea_orm::{EntityTrait, QueryOrder, QuerySelect};
use server::Server;
use std::path::PathBuf;
use std::time::{Duration, Instant};

#[derive(Parser, Debug)]
#[command(
    about = "Corridor's benchmark suite: a large world, a load generator and a bare baseline"
)]
struct Args {
    /// Size of the world relative to the figures (1 = 200,000 register items, 5,000,000 events).
    #[arg(long, default_value_t = 1.0)]
    scale: f64,
    /// Seconds of load per route, for the server and again for the baseline.
    #[arg(long, default_value_t = 10)]
    seconds: u64,
    /// Concurrent connections for the read routes and the writes.
    #[arg(long, default_value_t = 64)]
    connections: usize,
    /// Make the world again even when one of this scale exists.
    #[arg(long)]
    fresh: bool,
    /// Run `corridor verify` over a newly made world (about 17,000 events a second: five minutes at scale
    /// 1 and more; the store's tests already verify what the bulk loader writes).
    #[arg(long)]
    verify: bool,
    /// Where worlds are kept (default: target/bench).
    #[arg(long)]
    dir: Option<PathBuf>,
}

const USER: &str = "pk.secretariat";
const WARM_UP: Duration = Duration::from_secs(1);

#[tokio::main]
async fn main() -> Result<()> {
    let args = Args::parse();
    anyhow::ensure!(
        args.scale > 0.0 && args.scale <= 4.0,
        "--scale: must be above 0 and at most 4"
    );
    anyhow::ensure!(
        (1..=1024).contains(&args.connections),
        "--connections: must be from 1 to 1024"
    );
    let bin = server::binary()?;
    let root = args
        .dir
        .clone()
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bench"));
    std::fs::create_dir_all(&root)?;
    let root = root.canonicalize()?;
    let dir = root.join(format!("world-{}", args.scale));
    let url = format!("sqlite://{}?mode=rwc", dir.join("corridor.db").display());
    let made = make_world(&args, &bin, &dir, &url).await?;

    let out = server::corridor(&bin, &url, &dir)
        .args(["user", "token", USER, "--name"])
        .arg(format!("bench {}", uuid::Uuid::now_v7()))
        .output()?;
    anyhow::ensure!(out.status.success(), "corridor user token failed");
    let token = String::from_utf8_lossy(&out.stdout)
        .lines()
        .rfind(|l| !l.trim().is_empty())
        .context("corridor user token printed no token")?
        .trim()
        .to_owned();

    let mut starts = Vec::new();
    for _ in 0..3 {
        let s = Server::start(&bin, &url, &dir).await?;
        starts.push(s.start_up);
        s.stop()?;
    }
    starts.sort();

    let store = Store::open(&url).await?;
    let ids = Ids::pick(&store).await?;
    let bare = baseline::start(store.clone(), USER).await?;
    let server = Server::start(&bin, &url, &dir).await?;
    let rows = measure(&args, &server, &bare, &token, &ids).await;
    let (peak, now) = server.memory();
    server.stop()?;
    report::print(&report::Summary {
        made,
        start_up: starts[1],
        peak_mb: peak,
        rss_mb: now,
        seconds: args.seconds,
        rows,
    });
    Ok(())
}

/// The world of this scale: made when missing (or with `--fresh`), then verified when asked and indexed.
async fn make_world(
    args: &Args,
    bin: &std::path::Path,
    dir: &std::path::Path,
    url: &str,
) -> Result<String> {
    let marker = dir.join("world.txt");
    if marker.exists() && !args.fresh {
        return Ok(std::fs::read_to_string(&marker)?);
    }
    if dir.exists() {
        std::fs::remove_dir_all(dir)?;
    }
    std::fs::create_dir_all(dir)?;
    let counts = world::Counts::at(args.scale);
    println!(
        "making the world at scale {} in {}",
        args.scale,
        dir.display()
    );
    let began = Instant::now();
    let store = Store::open(url).await?;
    corridor_store::demo::load(&store).await?;
    let events = world::generate(&store, counts).await?;
    let generated = began.elapsed();
    store.connection().clone().close().await?;
    let verified = if args.verify {
        let began = Instant::now();
        let ok = server::corridor(bin, url, dir).arg("verify").status()?;
        anyhow::ensure!(
            ok.success(),
            "corridor verify failed on the generated world"
        );
        format!("verified in {:.0} s", began.elapsed().as_secs_f64())
    } else {
        "not verified (--verify)".to_owned()
    };
    let began = Instant::now();
    let ok = server::corridor(bin, url, dir).arg("reindex").status()?;
    anyhow::ensure!(
        ok.success(),
        "corridor reindex failed on the generated world"
    );
    let indexed = began.elapsed();
    let size = std::fs::metadata(dir.join("corridor.db"))?.len() as f64 / 1e9;
    let text = format!(
        "{} bodies, {} meetings, {} register items, {} projects, {} indicators with {} periods, {} actuals, \
         {events} generated events plus the demo's; {size:.1} GB; generated in {:.0} s, {verified}, \
         indexed in {:.0} s",
        counts.bodies,
        counts.meetings,
        counts.register_items,
        counts.projects,
        counts.indicators,
        counts.indicators * counts.periods_per_indicator,
        counts.actuals,
        generated.as_secs_f64(),
        indexed.as_secs_f64(),
    );
    std::fs::write(&marker, &text)?;
    Ok(text)
}

/// Records the routes read, spread over the world so no single row stays hot.
struct Ids {
    items: Vec<String>,
    projects: Vec<String>,
    meetings: Vec<String>,
    fifth: String,
}

impl Ids {
    async fn pick(store: &Store) -> Result<Ids> {
        let db = store.connection();
        let step = |n: usize| n.max(1);
        let items: Vec<String> = register_item::Entity::find()
            .order_by_desc(register_item::Column::Id)
            .limit(20_000)
            .all(db)
            .await?
            .into_iter()
            .step_by(step(100))
            .map(|r| r.id)
            .collect();
        let projects = project::Entity::find()
            .filter_shared()
            .limit(200)
            .all(db)
            .await?
            .into_iter()
            .map(|r| r.id)
            .collect();
        let meetings = meeting::Entity::find()
            .order_by_desc(meeting::Column::Id)
            .limit(200)
            .all(db)
            .await?
            .into_iter()
            .map(|r| r.id)
            .collect();
        let fifth = corridor_core::ids::MeetingId::from_key("demo/meeting/jwg-5").to_string();
        Ok(Ids {
            items,
            projects,
            meetings,
            fifth,
        })
    }
}

trait SharedOnly {
    fn filter_shared(self) -> Self;
}

impl SharedOnly for sea_orm::Select<project::Entity> {
    fn filter_shared(self) -> Self {
        use sea_orm::{ColumnTrait, QueryFilter};
        self.filter(project::Column::Visibility.is_in(["public", "shared"]))
    }
}

fn each(prefix: &str, ids: &[String], suffix: &str) -> Vec<Call> {
    ids.iter()
        .map(|id| Call::get(format!("{prefix}{id}{suffix}")))
        .collect()
}

/// One row of the table: its label, the calls to the server, the calls to the baseline (if any) and the
/// connections.
type Step = (&'static str, Vec<Call>, Option<Vec<Call>>, usize);

fn plan(conns: usize, ids: &Ids) -> Vec<Step> {
    let searches: Vec<Call> = [
        "textile",
        "Rashakai",
        "纺织",
        "تربیت",
        "logistics cold chain",
    ]
    .iter()
    .map(|q| Call::get(format!("/api/v1/search?q={}", encode(q))))
    .collect();
    let search_pages: Vec<Call> = searches
        .iter()
        .map(|c| Call::get(c.path.replace("/api/v1/search", "/search")))
        .collect();
    let outcome = serde_json::json!({
        "meeting_id": ids.fifth,
        "kind": "action",
        "text": "Benchmark action: the secretariats exchange the revised zone list.",
    })
    .to_string();
    vec![
        (
            "GET /api/v1/register",
            vec![Call::get("/api/v1/register")],
            Some(vec![Call::get("/register")]),
            conns,
        ),
        (
            "GET /register (page)",
            vec![Call::get("/register")],
            Some(vec![Call::get("/register")]),
            conns,
        ),
        (
            "GET /api/v1/register/{id}",
            each("/api/v1/register/", &ids.items, ""),
            Some(each("/register/", &ids.items, "")),
            conns,
        ),
        (
            "GET /api/v1/projects",
            vec![Call::get("/api/v1/projects")],
            Some(vec![Call::get("/projects")]),
            conns,
        ),
        (
            "GET /projects (page)",
            vec![Call::get("/projects")],
            Some(vec![Call::get("/projects")]),
            conns,
        ),
        (
            "GET /api/v1/projects/{id}",
            each("/api/v1/projects/", &ids.projects, ""),
            Some(each("/projects/", &ids.projects, "")),
            conns,
        ),
        (
            "GET /api/v1/meetings",
            vec![Call::get("/api/v1/meetings")],
            Some(vec![Call::get("/meetings")]),
            conns,
        ),
        (
            "GET /api/v1/meetings/{id}",
            each("/api/v1/meetings/", &ids.meetings, ""),
            Some(each("/meetings/", &ids.meetings, "")),
            conns,
        ),
        (
            "GET /meetings/{id} (page)",
            each("/meetings/", &ids.meetings, ""),
            Some(each("/meetings/", &ids.meetings, "")),
            conns,
        ),
        ("GET /api/v1/search", searches, None, conns),
        ("GET /search (page)", search_pages, None, conns),
        (
            "GET /meetings/{id}/record.pdf",
            vec![Call::get(format!("/meetings/{}/record.pdf", ids.fifth))],
            None,
            2,
        ),
        (
            "POST /api/v1/register (write)",
            vec![Call::post("/api/v1/register", outcome.clone())],
            Some(vec![Call::post("/register", outcome)]),
            conns,
        ),
    ]
}

async fn measure(args: &Args, server: &Server, bare: &str, token: &str, ids: &Ids) -> Vec<Row> {
    let time = Duration::from_secs(args.seconds);
    let mut rows = Vec::new();
    for (label, calls, base_calls, c) in plan(args.connections, ids) {
        println!("  {label} …");
        // A second of each first, unrecorded, so neither side is measured with cold caches.
        load::run(&server.base, Some(token), &calls, c, WARM_UP).await;
        let route = load::run(&server.base, Some(token), &calls, c, time).await;
        let server_mb = server.memory().1;
        let base = match base_calls {
            Some(b) => {
                load::run(bare, None, &b, c, WARM_UP).await;
                Some(load::run(bare, None, &b, c, time).await)
            }
            None => None,
        };
        rows.push(Row {
            label: label.to_owned(),
            connections: c,
            route,
            baseline: base,
            server_mb,
        });
    }
    rows
}

fn encode(q: &str) -> String {
    q.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
