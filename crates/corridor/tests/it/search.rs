//! `corridor reindex` and the server's own index: rebuilt from the log on each backend, refused while
//! another process holds the index, and built by `serve` at start so a search answers at once.

use super::{corridor, data_dir, text};
use corridor_core::search::{Filters, Scope};
use corridor_search::{Request, SearchIndex};
use corridor_store::testing::each_backend;
use std::io::{Read, Write};
use std::process::Command;

fn count(index: &SearchIndex, q: &str) -> u64 {
    index
        .search(&Request {
            query: q,
            filters: &Filters::default(),
            scope: &Scope::All,
            offset: 0,
            limit: 5,
        })
        .unwrap()
        .total
}

#[tokio::test]
async fn reindex_rebuilds_from_the_log_and_waits_for_no_one() {
    for db in each_backend().await {
        let label = db.label;
        assert!(corridor(&db, &["demo"]).status.success(), "{label}");
        let out = corridor(&db, &["reindex"]);
        assert!(out.status.success(), "{label}: {}", text(&out));
        assert!(
            text(&out).contains("search index rebuilt in"),
            "{label}: {}",
            text(&out)
        );
        let folder = data_dir(&db).join("search");
        {
            // Held by this process, as a running server would hold it: reindex says so and exits 2.
            let held = SearchIndex::open(&folder).unwrap();
            assert!(count(&held, "纺织") >= 2, "{label}");
            assert!(count(&held, "Rashakai") >= 1, "{label}");
            let busy = corridor(&db, &["reindex"]);
            assert_eq!(busy.status.code(), Some(2), "{label}: {}", text(&busy));
            assert!(
                text(&busy).contains("in use by another process"),
                "{label}: {}",
                text(&busy)
            );
            assert!(held.place().is_some(), "{label}");
        }
        let _ = std::fs::remove_dir_all(data_dir(&db));
    }
}

#[tokio::test]
async fn serve_builds_its_index_at_start_and_answers_searches() {
    let db = corridor_store::testing::sqlite().await;
    let _ = std::fs::remove_dir_all(data_dir(&db));
    let (mut child, mut lines) = super::serve_demo(&db);
    let addr = loop {
        let line = lines.next().expect("serve printed its address").unwrap();
        if let Some(rest) = line.strip_prefix("Corridor is listening on http://") {
            break rest.trim_end_matches('/').to_owned();
        }
    };
    let mut stream = std::net::TcpStream::connect(&addr).unwrap();
    write!(
        stream,
        "GET /api/v1/search?q=Rashakai HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).unwrap();
    // A second server on the same data folder stops at once, saying why.
    let second = Command::new(env!("CARGO_BIN_EXE_corridor"))
        .args(["serve", "--bind", "127.0.0.1:0"])
        .env("CORRIDOR_DATABASE_URL", &db.url)
        .env("CORRIDOR_DATA_DIR", data_dir(&db))
        .env("CORRIDOR_LOG", "warn")
        .output()
        .unwrap();
    child.kill().ok();
    child.wait().ok();
    let _ = std::fs::remove_dir_all(data_dir(&db));
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
    assert!(reply.contains("Rashakai Special Economic Zone"), "{reply}");
    assert_eq!(second.status.code(), Some(2), "{}", text(&second));
    assert!(
        text(&second).contains("in use by another process"),
        "{}",
        text(&second)
    );
}
