//! Moving whole databases: the bundle between SQLite and PostgreSQL, the online backup and its restore.

use corridor_store::testing::{TestDb, each_backend, postgres, sqlite, sqlite_demo};
use corridor_store::transfer::{Progress, TransferError, table_names};
use corridor_store::{Store, demo};
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use std::collections::BTreeSet;

fn quiet(_: Progress<'_>) {}

async fn bundle_of(store: &Store) -> Vec<u8> {
    let mut out = Vec::new();
    store.export_bundle(&mut out, &mut quiet).await.unwrap();
    out
}

/// The bundle without its first line, which says when and from where it was written.
fn body(bundle: &[u8]) -> &[u8] {
    let first = bundle.iter().position(|b| *b == b'\n').unwrap();
    &bundle[first + 1..]
}

async fn assert_verifies(db: &TestDb, what: &str) {
    let report = db.store.verify().await.unwrap();
    assert!(
        report.problems.is_empty(),
        "{what} on {}: {:?}",
        db.label,
        report.problems
    );
    assert!(
        report.events > 100,
        "{what} on {}: {} events",
        db.label,
        report.events
    );
}

#[tokio::test]
async fn the_demo_world_moves_from_sqlite_to_each_backend_whole() {
    let source = sqlite_demo().await;
    let bundle = bundle_of(&source.store).await;
    let counts = source.store.row_counts().await.unwrap();
    for (table, rows) in [("events", 100), ("files", 1), ("register_items", 10)] {
        let n = counts.tables.iter().find(|t| t.0 == table).unwrap().1;
        assert!(n >= rows, "the demo has only {n} {table}");
    }
    for target in each_backend().await {
        let mut seen = Vec::new();
        let moved = target
            .store
            .import_bundle(&mut bundle.as_slice(), &mut |p: Progress<'_>| {
                seen.push(p.rows)
            })
            .await
            .unwrap();
        assert_eq!(moved.total(), counts.total(), "{}", target.label);
        assert!(
            seen.last() == Some(&counts.total()),
            "{}: progress {seen:?}",
            target.label
        );
        assert_eq!(
            target.store.row_counts().await.unwrap(),
            counts,
            "{}",
            target.label
        );
        assert_verifies(&target, "the imported demo").await;
        // Written back out, the world is the same row for row and byte for byte.
        let again = bundle_of(&target.store).await;
        assert!(
            body(&again) == body(&bundle),
            "{}: the bundles differ",
            target.label
        );
        // A demo account signs in on the new database with its old password.
        target
            .store
            .authenticate("pk.secretariat", demo::DEMO_PASSWORD)
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn a_bundle_loads_only_into_an_empty_database_and_a_bad_one_loads_nothing() {
    let source = sqlite_demo().await;
    let bundle = bundle_of(&source.store).await;
    let text = String::from_utf8(bundle.clone()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    for target in each_backend().await {
        let s = &target.store;
        // Truncated: the closing line is missing.
        let cut = lines[..lines.len() - 1].join("\n");
        let e = s
            .import_bundle(&mut cut.as_bytes(), &mut quiet)
            .await
            .unwrap_err();
        assert!(e.to_string().contains("truncated"), "{}: {e}", target.label);
        // A wrong type deep in the file names its line and column.
        let at = lines
            .iter()
            .position(|l| l.contains(r#""table":"meetings""#))
            .unwrap();
        let mut bad: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
        bad[at] = bad[at].replacen(r#""version":"#, r#""version":"two","was":"#, 1);
        let e = s
            .import_bundle(&mut bad.join("\n").as_bytes(), &mut quiet)
            .await
            .unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.starts_with(&format!("line {}:", at + 1)) && msg.contains("meetings"),
            "{}: {msg}",
            target.label
        );
        // A row pointing at a record that is not there: the database's own key check, with the lines.
        let mut orphan: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
        orphan.retain(|l| !l.contains(r#""table":"bodies""#));
        let e = s
            .import_bundle(&mut orphan.join("\n").as_bytes(), &mut quiet)
            .await
            .unwrap_err();
        assert!(
            matches!(e, TransferError::Bundle { .. }),
            "{}: {e}",
            target.label
        );
        // Not a bundle at all.
        let e = s
            .import_bundle(&mut &b"<iati-activities/>\n"[..], &mut quiet)
            .await
            .unwrap_err();
        assert!(
            e.to_string().contains("not a Corridor bundle"),
            "{}: {e}",
            target.label
        );
        // Nothing of any of those was kept.
        assert_eq!(s.row_counts().await.unwrap().total(), 0, "{}", target.label);
        // A database that holds records is refused, and keeps them.
        s.import_bundle(&mut bundle.as_slice(), &mut quiet)
            .await
            .unwrap();
        let before = s.row_counts().await.unwrap();
        let e = s
            .import_bundle(&mut bundle.as_slice(), &mut quiet)
            .await
            .unwrap_err();
        assert!(
            matches!(e, TransferError::NotEmpty(_)),
            "{}: {e}",
            target.label
        );
        assert_eq!(s.row_counts().await.unwrap(), before, "{}", target.label);
    }
}

#[tokio::test]
async fn a_backup_taken_while_writing_restores_and_verifies() {
    let live = sqlite_demo().await;
    let path = live.dir().unwrap().join("backup.db");
    // Writers go on while the copy is made: the copy is one consistent moment of the log.
    let writer = {
        let store = live.store.clone();
        tokio::spawn(async move {
            for i in 0..20u8 {
                let code = format!("Q{}", (b'A' + i) as char);
                crate::support::third_party(&store, &code, &format!("Observer {i}")).await;
            }
        })
    };
    live.store.backup_to(&path).await.unwrap();
    writer.await.unwrap();
    let e = live.store.backup_to(&path).await.unwrap_err();
    assert!(e.to_string().contains("never overwrites"), "{e}");

    let copy = sqlite().await;
    copy.store
        .restore_from_file(&path, false, &mut quiet)
        .await
        .unwrap();
    assert_verifies(&copy, "the backup").await;
    let copied = copy.store.row_counts().await.unwrap();
    assert!(copied.total() > 100);

    for target in each_backend().await {
        let s = &target.store;
        let moved = s.restore_from_file(&path, false, &mut quiet).await.unwrap();
        assert_eq!(moved, copied, "{}", target.label);
        assert_verifies(&target, "the restored backup").await;
        // Again without force: refused, nothing touched; with force: replaced.
        let e = s
            .restore_from_file(&path, false, &mut quiet)
            .await
            .unwrap_err();
        assert!(e.to_string().contains("--force"), "{}: {e}", target.label);
        assert_eq!(s.row_counts().await.unwrap(), copied, "{}", target.label);
        crate::support::third_party(s, "QZ", "Late observer").await;
        s.restore_from_file(&path, true, &mut quiet).await.unwrap();
        assert_eq!(s.row_counts().await.unwrap(), copied, "{}", target.label);
        assert_verifies(&target, "the restored backup, forced").await;
        // Something that is not a backup is refused before anything is touched.
        let e = s
            .restore_from_file(&live.dir().unwrap().join("missing.db"), true, &mut quiet)
            .await
            .unwrap_err();
        assert!(e.to_string().contains("missing.db"), "{e}");
        std::fs::write(live.dir().unwrap().join("notes.txt"), "minutes").unwrap();
        let e = s
            .restore_from_file(&live.dir().unwrap().join("notes.txt"), true, &mut quiet)
            .await
            .unwrap_err();
        assert!(e.to_string().contains("is not a SQLite backup"), "{e}");
        assert_eq!(s.row_counts().await.unwrap(), copied, "{}", target.label);
    }
    if let Some(pg) = postgres().await {
        let e = pg
            .store
            .backup_to(&path.with_extension("pg"))
            .await
            .unwrap_err();
        assert!(e.to_string().contains("pg_dump"), "{e}");
    }
}

#[tokio::test]
async fn every_table_of_the_schema_moves_and_in_an_order_its_keys_allow() {
    let db = sqlite().await;
    let conn = db.store.connection();
    let tables: Vec<String> = conn
        .query_all_raw(Statement::from_string(
            DbBackend::Sqlite,
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid",
        ))
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get::<String>("", "name").unwrap())
        .collect();
    let left_out = ["seaql_migrations", "sessions", "chain_head"];
    let schema: BTreeSet<&str> = tables
        .iter()
        .map(String::as_str)
        .filter(|t| !left_out.contains(t))
        .collect();
    let listed: BTreeSet<&str> = table_names().into_iter().collect();
    assert_eq!(
        schema, listed,
        "a table was added without a place in transfer_tables!"
    );
    let order = table_names();
    for (i, table) in order.iter().enumerate() {
        for r in conn
            .query_all_raw(Statement::from_string(
                DbBackend::Sqlite,
                format!("SELECT \"table\" AS target FROM pragma_foreign_key_list('{table}')"),
            ))
            .await
            .unwrap()
        {
            let target: String = r.try_get("", "target").unwrap();
            let at = order.iter().position(|t| *t == target);
            assert!(
                at.is_some_and(|at| at <= i),
                "{table} points at {target}, which moves after it"
            );
        }
    }
}
