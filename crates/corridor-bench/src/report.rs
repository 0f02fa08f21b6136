//! The table the suite prints, with each figure's target.

use crate::load::Sample;
use std::time::Duration;

pub struct Row {
    pub label: String,
    pub connections: usize,
    pub route: Sample,
    pub baseline: Option<Sample>,
    /// The server's resident memory right after the route's load, in MB.
    pub server_mb: f64,
}

pub struct Summary {
    pub made: String,
    pub start_up: Duration,
    pub peak_mb: f64,
    pub rss_mb: f64,
    pub seconds: u64,
    pub rows: Vec<Row>,
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|s| s.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    let memory = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .next()
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0 / 1024.0);
    format!("{cpu}, {cores} cores, {memory:.0} GB")
}

fn verdict(ok: bool) -> &'static str {
    if ok { "met" } else { "MISSED" }
}

pub fn print(s: &Summary) {
    println!();
    println!("Corridor benchmark suite");
    println!("machine: {}", machine());
    println!("world:   {}", s.made);
    println!(
        "load:    {} s per route against `corridor serve` (SQLite), then {} s against the bare baseline",
        s.seconds, s.seconds
    );
    println!();
    println!(
        "{:<34} {:>5} {:>8} {:>9} {:>9} {:>6} {:>10} {:>9} {:>6} {:>6}  targets",
        "route",
        "conns",
        "req/s",
        "median ms",
        "p99 ms",
        "errors",
        "base req/s",
        "base p99",
        "ratio",
        "RSS MB",
    );
    for r in &s.rows {
        let (base_rate, base_p99, ratio) = match &r.baseline {
            Some(b) if b.per_second() > 0.0 => (
                format!("{:.0}", b.per_second()),
                ms(b.quantile(0.99)),
                format!("{:.2}", r.route.per_second() / b.per_second()),
            ),
            _ => ("—".into(), "—".into(), "—".into()),
        };
        let p99 = r.route.quantile(0.99);
        let mut targets = Vec::new();
        if r.connections >= 64 && !r.label.contains("write") {
            targets.push(format!(
                "p99 < 50 ms {}",
                verdict(p99 < Duration::from_millis(50))
            ));
            if let Some(b) = &r.baseline {
                let ok = b.per_second() > 0.0 && r.route.per_second() / b.per_second() >= 0.5;
                targets.push(format!("ratio ≥ 0.5 {}", verdict(ok)));
            }
        }
        println!(
            "{:<34} {:>5} {:>8.0} {:>9} {:>9} {:>6} {:>10} {:>9} {:>6} {:>6.0}  {}",
            r.label,
            r.connections,
            r.route.per_second(),
            ms(r.route.quantile(0.5)),
            ms(p99),
            r.route.errors,
            base_rate,
            base_p99,
            ratio,
            r.server_mb,
            targets.join(", ")
        );
        if let Some(e) = &r.route.first_error {
            println!("    first error: {e}");
        }
    }
    println!();
    println!(
        "start-up (median of 3, spawn to the first 200 of /healthz): {} ms, target < 1000 ms {}",
        ms(s.start_up),
        verdict(s.start_up < Duration::from_secs(1))
    );
    println!(
        "server memory: peak {:.0} MB, at the end {:.0} MB resident, target < 300 MB {}",
        s.peak_mb,
        s.rss_mb,
        verdict(s.peak_mb < 300.0)
    );
}
