//! `export --bundle`, `import --bundle`, `backup` and `restore` as an operator runs them.

use super::{corridor, text};
use corridor_store::testing::{each_backend, postgres, sqlite};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[tokio::test]
async fn the_demo_moves_from_sqlite_to_each_backend_by_bundle_and_verifies_there() {
    let source = sqlite().await;
    assert!(corridor(&source, &["demo"]).status.success());
    let dir = tempfile::tempdir().unwrap();
    let bundle = dir.path().join("world.jsonl");
    let bundle_arg = bundle.to_str().unwrap();
    let out = corridor(&source, &["export", "--bundle", bundle_arg]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("rows in"), "{}", text(&out));
    assert!(!bundle.with_extension("partial").exists());
    let again = corridor(&source, &["export", "--bundle", bundle_arg]);
    assert_eq!(again.status.code(), Some(2), "{}", text(&again));
    assert!(text(&again).contains("exists already"), "{}", text(&again));

    for target in each_backend().await {
        let label = target.label;
        let out = corridor(&target, &["import", "--bundle", bundle_arg]);
        assert!(out.status.success(), "{label}: {}", text(&out));
        assert!(
            text(&out).contains("the chain is intact"),
            "{label}: {}",
            text(&out)
        );
        assert!(
            target
                .store
                .authenticate("cn.secretariat", "corridor-demo")
                .await
                .is_ok()
        );
        let twice = corridor(&target, &["import", "--bundle", bundle_arg]);
        assert_eq!(twice.status.code(), Some(1), "{label}: {}", text(&twice));
        assert!(
            text(&twice).contains("not empty") && text(&twice).contains("nothing was imported"),
            "{label}: {}",
            text(&twice)
        );
    }
}

#[tokio::test]
async fn a_backup_of_a_running_server_restores_only_with_force_over_records() {
    let live = sqlite().await;
    let mut server = Command::new(env!("CARGO_BIN_EXE_corridor"))
        .args(["serve", "--demo", "--bind", "127.0.0.1:0"])
        .env("CORRIDOR_DATABASE_URL", &live.url)
        .env("CORRIDOR_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(server.stdout.take().unwrap()).lines();
    while !lines
        .next()
        .expect("serve printed its address")
        .unwrap()
        .starts_with("Corridor is listening")
    {}
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("corridor-backup.db");
    let copy_arg = copy.to_str().unwrap();
    let out = corridor(&live, &["backup", copy_arg]);
    server.kill().ok();
    server.wait().ok();
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("wrote"), "{}", text(&out));

    for target in each_backend().await {
        let label = target.label;
        let out = corridor(&target, &["restore", copy_arg]);
        assert!(out.status.success(), "{label}: {}", text(&out));
        assert!(
            text(&out).contains("the chain is intact"),
            "{label}: {}",
            text(&out)
        );
        let refused = corridor(&target, &["restore", copy_arg]);
        assert_eq!(
            refused.status.code(),
            Some(1),
            "{label}: {}",
            text(&refused)
        );
        assert!(
            text(&refused).contains("--force") && text(&refused).contains("was not changed"),
            "{label}: {}",
            text(&refused)
        );
        let forced = corridor(&target, &["restore", "--force", copy_arg]);
        assert!(forced.status.success(), "{label}: {}", text(&forced));
    }
    if let Some(pg) = postgres().await {
        let out = corridor(&pg, &["backup", dir.path().join("pg.db").to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{}", text(&out));
        assert!(text(&out).contains("pg_dump"), "{}", text(&out));
    }
}

/// The README's PostgreSQL backup: `pg_dump --format=custom`, then `pg_restore` into a new database, which
/// `corridor verify` passes.
#[tokio::test]
async fn a_postgresql_database_survives_pg_dump_and_pg_restore() {
    let Some(source) = postgres().await else {
        return;
    };
    assert!(corridor(&source, &["demo"]).status.success());
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("corridor.dump");
    let out = Command::new("pg_dump")
        .args([
            "--format=custom",
            "--file",
            dump.to_str().unwrap(),
            &source.url,
        ])
        .output()
        .expect("pg_dump is installed (postgresql-client)");
    assert!(out.status.success(), "{}", text(&out));
    let target = postgres().await.unwrap();
    // The target is migrated; pg_restore --clean replaces its schema with the dump's.
    let out = Command::new("pg_restore")
        .args([
            "--clean",
            "--if-exists",
            "--no-owner",
            "--dbname",
            &target.url,
        ])
        .arg(&dump)
        .output()
        .expect("pg_restore is installed");
    assert!(out.status.success(), "{}", text(&out));
    let out = corridor(&target, &["verify"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("the chain is intact"), "{}", text(&out));
}
