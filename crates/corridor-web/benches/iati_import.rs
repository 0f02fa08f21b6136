//! How fast another publisher's IATI file comes in, and in how much memory:
//! - a generated activities file of about 100 MB (`CORRIDOR_BENCH_IATI_MB`): activities with titles in
//!   three languages, long descriptions, participating organisations, locations, sectors, budgets, three
//!   transactions and a results framework of two results with indicators and periods each;
//! - the baseline, measured in the same run on the same file: a bare parse with quick-xml (every event read,
//!   nothing kept);
//! - Corridor's reader alone (`formats::iati_read`: the same parse, mapping each activity);
//! - the whole import into SQLite (a project and its finance per activity, each an audited event, one
//!   transaction per activity), with the process's peak resident memory afterwards.
//!
//! Each figure is the median of three runs (the import runs once: it fills the database). Prints MB/s
//! and the ratio of each to the bare parse. Run: `cargo bench -p corridor-web --bench iati_import`.

use corridor_formats::iati_read::Activities;
use corridor_store::portfolio::IatiImport;
use corridor_store::testing::sqlite;
use std::fmt::Write as _;
use std::io::{BufReader, Write};
use std::time::Instant;

fn activity(i: usize) -> String {
    let mut a = String::with_capacity(20_000);
    let _ = write!(
        a,
        r#" <iati-activity xml:lang="en" default-currency="USD" last-updated-datetime="2026-11-01T00:00:00Z">
  <iati-identifier>XM-BENCH-{i:07}</iati-identifier>
  <reporting-org ref="XM-BENCH" type="10"><narrative>Bench Ministry of Industries</narrative></reporting-org>
  <title><narrative>Industrial estate number {i}</narrative><narrative xml:lang="zh">工业园区 {i}</narrative><narrative xml:lang="ur">صنعتی زون {i}</narrative></title>
  <description type="1"><narrative>"#
    );
    for _ in 0..12 {
        a.push_str("The estate provides serviced plots, a one-window office and vocational training for the workers of the textile and light engineering firms that settle there; roads, power and water reach each plot before allotment. ");
    }
    let _ = write!(
        a,
        r#"</narrative></description>
  <participating-org ref="XM-BENCH-FUND" role="1" type="10"><narrative>Bench Development Fund</narrative></participating-org>
  <participating-org role="4" type="70"><narrative>Estate Developer {i} Ltd</narrative></participating-org>
  <activity-status code="2"/>
  <activity-date type="1" iso-date="2020-01-01"/><activity-date type="2" iso-date="2020-03-15"/><activity-date type="3" iso-date="2027-12-31"/>
  <recipient-country code="PK" percentage="100"/>
  <location ref="L{i}"><name><narrative>District {i}</narrative></name><point srsName="http://www.opengis.net/def/crs/EPSG/0/4326"><pos>31.{i} 73.{i}</pos></point></location>
  <sector vocabulary="1" code="32120"><narrative>Industrial development</narrative></sector>
  <budget type="1" status="1"><period-start iso-date="2021-01-01"/><period-end iso-date="2021-12-31"/><value currency="USD" value-date="2021-01-01">{b}</value></budget>
"#,
        b = 1_000_000 + i
    );
    for (t, kind) in ["11", "3", "3"].iter().enumerate() {
        let _ = writeln!(
            a,
            r#"  <transaction ref="T{i}-{t}"><transaction-type code="{kind}"/><transaction-date iso-date="2021-0{m}-01"/><value currency="USD" value-date="2021-0{m}-01">{v}.50</value><description><narrative>Tranche {t} of the estate's works</narrative></description><provider-org ref="XM-BENCH-FUND"><narrative>Bench Development Fund</narrative></provider-org><flow-type code="10"/></transaction>"#,
            m = t + 1,
            v = 250_000 + t * 1_000 + i
        );
    }
    for r in 0..2 {
        let _ = write!(
            a,
            r#"  <result type="{ty}"><title><narrative>Result {r} of estate {i}: firms settle and hire</narrative></title>"#,
            ty = r + 1
        );
        for ind in 0..3 {
            let _ = write!(
                a,
                r#"<indicator measure="1" ascending="1"><title><narrative>Indicator {ind}: jobs created in the estate</narrative></title><baseline year="2019" iso-date="2019-12-31" value="{ind}0"/>"#
            );
            for y in 2020..2027 {
                let _ = write!(
                    a,
                    r#"<period><period-start iso-date="{y}-01-01"/><period-end iso-date="{y}-12-31"/><target value="{t}"/><actual value="{v}"><comment><narrative>Reported by the estate authority after the annual survey of firms.</narrative></comment></actual></period>"#,
                    t = (y - 2019) * 100,
                    v = (y - 2019) * 95
                );
            }
            a.push_str("</indicator>");
        }
        a.push_str("</result>\n");
    }
    a.push_str(" </iati-activity>\n");
    a
}

/// Writes activities until the file holds `mb` megabytes; answers the path and the number of activities.
fn generate(dir: &std::path::Path, mb: usize) -> (std::path::PathBuf, usize) {
    let path = dir.join("bench-activities.xml");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    f.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<iati-activities version=\"2.03\" generated-datetime=\"2026-11-01T00:00:00Z\">\n")
        .unwrap();
    let (mut written, mut n) = (0usize, 0usize);
    while written < mb * 1_000_000 {
        let a = activity(n);
        written += a.len();
        f.write_all(a.as_bytes()).unwrap();
        n += 1;
    }
    f.write_all(b"</iati-activities>\n").unwrap();
    f.flush().unwrap();
    (path, n)
}

fn bare_parse(path: &std::path::Path) -> usize {
    let mut r = quick_xml::Reader::from_reader(BufReader::with_capacity(
        1 << 20,
        std::fs::File::open(path).unwrap(),
    ));
    let mut buf = Vec::with_capacity(64 * 1024);
    let mut events = 0;
    loop {
        buf.clear();
        match r.read_event_into(&mut buf).unwrap() {
            quick_xml::events::Event::Eof => return events,
            _ => events += 1,
        }
    }
}

fn reader_only(path: &std::path::Path) -> usize {
    let mut a = Activities::new(BufReader::with_capacity(
        1 << 20,
        std::fs::File::open(path).unwrap(),
    ));
    let mut n = 0;
    while a.next_activity().unwrap().is_some() {
        n += 1;
    }
    n
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// The process's peak resident memory in MB (Linux `VmHWM`).
fn peak_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

#[tokio::main]
async fn main() {
    let mb = std::env::var("CORRIDOR_BENCH_IATI_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100);
    let dir = tempfile::tempdir().unwrap();
    let (path, activities) = generate(dir.path(), mb);
    let size = std::fs::metadata(&path).unwrap().len() as f64 / 1e6;
    println!("generated {size:.1} MB with {activities} activities");
    let time = |f: &dyn Fn() -> usize| {
        median(
            (0..3)
                .map(|_| {
                    let t = Instant::now();
                    std::hint::black_box(f());
                    t.elapsed().as_secs_f64()
                })
                .collect(),
        )
    };
    let bare = time(&|| bare_parse(&path));
    let reader = time(&|| reader_only(&path));
    assert_eq!(reader_only(&path), activities);
    let before_import = peak_mb();
    let db = sqlite().await;
    corridor_store::demo::load(&db.store).await.unwrap();
    let actor = db.store.actor_of("pk.secretariat").await.unwrap();
    let how = IatiImport {
        kind: "industrial_park".into(),
        visibility: "party".into(),
        file: "bench-activities.xml".into(),
    };
    let t = Instant::now();
    let report = corridor_web::iati_import::import_iati(
        &db.store,
        &actor,
        BufReader::with_capacity(1 << 20, std::fs::File::open(&path).unwrap()),
        &how,
        &mut |_, _| {},
    )
    .await
    .unwrap();
    let import = t.elapsed().as_secs_f64();
    assert_eq!(report.created, activities, "{report:?}");
    println!("| step | seconds | MB/s | ratio to the bare parse |");
    println!("|---|---|---|---|");
    println!(
        "| bare quick-xml parse (baseline) | {bare:.2} | {:.0} | 1.00 |",
        size / bare
    );
    println!(
        "| Corridor's reader (parse and map) | {reader:.2} | {:.0} | {:.2} |",
        size / reader,
        bare / reader
    );
    println!(
        "| whole import into SQLite ({} projects, {} finance rows, one transaction each) | {import:.2} | {:.1} | {:.3} |",
        report.created,
        report.finance,
        size / import,
        bare / import
    );
    println!(
        "peak resident memory: {:.0} MB after reading (before the import), {:.0} MB after the import (target < 200 MB)",
        before_import,
        peak_mb()
    );
}
