//! The demo world's templates: loaded once per test process, then copied for each test that asks for it.
//!
//! A template outlives its process (statics are never dropped), so it is named after the process; the next
//! process to make one removes those whose process is gone.

use super::{TestDb, with_database};
use crate::{Store, demo};
use sea_orm::{ConnectionTrait, Database};
use std::path::PathBuf;
use tokio::sync::OnceCell;

const PREFIX: &str = "corridor_tpl_";

/// The `VACUUM INTO` snapshot of a SQLite database holding the demo world.
static SQLITE: OnceCell<PathBuf> = OnceCell::const_new();
/// The administrator's URL and the name of a PostgreSQL database holding the demo world, when asked for.
static POSTGRES: OnceCell<Option<(String, String)>> = OnceCell::const_new();

/// A copy of the SQLite template in a new temporary folder.
pub(super) async fn sqlite() -> TestDb {
    let template = SQLITE.get_or_init(make_sqlite).await;
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("corridor.db");
    std::fs::copy(template, &file).expect("a copy of the demo template");
    let url = format!("sqlite://{}?mode=rwc", file.display());
    let store = Store::open(&url)
        .await
        .expect("the copy of the demo template opens");
    TestDb {
        store,
        url,
        label: "sqlite",
        demo: true,
        dir: Some(dir),
        postgres: None,
    }
}

async fn make_sqlite() -> PathBuf {
    remove_stale_folders();
    let folder = std::env::temp_dir().join(format!("{PREFIX}{}", std::process::id()));
    std::fs::create_dir_all(&folder).expect("a folder for the demo template");
    let file = folder.join("demo.db");
    let _ = std::fs::remove_file(&file);
    let db = super::sqlite().await;
    demo::load(&db.store).await.expect("the demo world loads");
    let target = file.display().to_string().replace('\'', "''");
    db.store
        .connection()
        .execute_unprepared(&format!("VACUUM INTO '{target}'"))
        .await
        .expect("a snapshot of the demo world");
    db.store.connection().clone().close().await.ok();
    file
}

/// A new PostgreSQL database made from the template, or `None` when `CORRIDOR_TEST_POSTGRES` is not set.
pub(super) async fn postgres() -> Option<TestDb> {
    let (admin, template) = POSTGRES.get_or_init(make_postgres).await.as_ref()?;
    let name = format!("corridor_t_{}", uuid::Uuid::new_v4().simple());
    let conn = Database::connect(admin.as_str()).await.unwrap_or_else(|e| {
        panic!("CORRIDOR_TEST_POSTGRES is set but PostgreSQL cannot be reached: {e}")
    });
    conn.execute_unprepared(&format!("CREATE DATABASE {name} TEMPLATE {template}"))
        .await
        .unwrap_or_else(|e| panic!("cannot copy the demo template into {name}: {e}"));
    conn.close().await.ok();
    let url = with_database(admin, &name);
    let store = Store::open(&url)
        .await
        .expect("the copy of the demo template opens");
    Some(TestDb {
        store,
        url,
        label: "postgres",
        demo: true,
        dir: None,
        postgres: Some((admin.clone(), name)),
    })
}

async fn make_postgres() -> Option<(String, String)> {
    let admin = std::env::var("CORRIDOR_TEST_POSTGRES")
        .ok()
        .filter(|u| !u.trim().is_empty())?;
    let conn = Database::connect(admin.as_str()).await.unwrap_or_else(|e| {
        panic!("CORRIDOR_TEST_POSTGRES is set but PostgreSQL cannot be reached: {e}")
    });
    let existing = conn
        .query_all_raw(sea_orm::Statement::from_string(
            conn.get_database_backend(),
            format!("SELECT datname FROM pg_database WHERE datname LIKE '{PREFIX}%'"),
        ))
        .await
        .expect("the list of databases");
    for row in existing {
        let Ok(old) = row.try_get::<String>("", "datname") else {
            continue;
        };
        if process_is_gone(&old) {
            let _ = conn
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS {old} WITH (FORCE)"))
                .await;
        }
    }
    let name = format!(
        "{PREFIX}{}_{}",
        std::process::id(),
        uuid::Uuid::new_v4().simple()
    );
    conn.execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .unwrap_or_else(|e| panic!("cannot create the demo template {name}: {e}"));
    conn.close().await.ok();
    let store = Store::open(&with_database(&admin, &name))
        .await
        .expect("a migrated PostgreSQL template");
    demo::load(&store).await.expect("the demo world loads");
    // A template must have no connection left when it is copied.
    store.connection().clone().close().await.ok();
    Some((admin, name))
}

/// Removes the SQLite template folders of processes that have ended.
fn remove_stale_folders() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(PREFIX) && process_is_gone(&name) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Whether the process a template's name carries has ended. Only Linux can tell (through `/proc`); elsewhere
/// templates are kept.
fn process_is_gone(name: &str) -> bool {
    let pid = name
        .strip_prefix(PREFIX)
        .and_then(|rest| rest.split('_').next())
        .and_then(|pid| pid.parse::<u32>().ok());
    match pid {
        Some(pid) if pid == std::process::id() => false,
        Some(pid) => {
            cfg!(target_os = "linux") && !std::path::Path::new(&format!("/proc/{pid}")).exists()
        }
        None => false,
    }
}
