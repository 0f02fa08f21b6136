//! Fresh databases for tests: a SQLite file in a temporary folder, and, when `CORRIDOR_TEST_POSTGRES` holds a
//! URL, a new PostgreSQL database per test, dropped afterwards. When that variable is set and PostgreSQL cannot
//! be reached, the test fails: a CI run that asked for PostgreSQL must never pass without it.
//!
//! Most tests start from the demo world. Loading it writes some two thousand events (2.5 s on SQLite, 5 s on
//! PostgreSQL), so each test process loads it once into a template and copies that: a file copy of a `VACUUM
//! INTO` snapshot on SQLite, `CREATE DATABASE … TEMPLATE` on PostgreSQL.

use crate::Store;
use sea_orm::{ConnectionTrait, Database};

/// One fresh, migrated database.
pub struct TestDb {
    /// The store over it.
    pub store: Store,
    /// Its URL.
    pub url: String,
    /// `sqlite` or `postgres`, for failure messages.
    pub label: &'static str,
    /// Whether it already holds the demo world (made by [`each_backend_demo`]).
    pub demo: bool,
    dir: Option<tempfile::TempDir>,
    postgres: Option<(String, String)>,
}

impl TestDb {
    /// The temporary folder of a SQLite database.
    pub fn dir(&self) -> Option<&std::path::Path> {
        self.dir.as_ref().map(tempfile::TempDir::path)
    }

    /// For a PostgreSQL database: the administrator's URL it was created from, and its name.
    pub fn postgres_admin(&self) -> Option<(&str, &str)> {
        self.postgres
            .as_ref()
            .map(|(admin, name)| (admin.as_str(), name.as_str()))
    }
}

/// A migrated SQLite database in a new temporary folder.
#[crate::boxed]
pub async fn sqlite() -> TestDb {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let url = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("corridor.db").display()
    );
    let store = Store::open(&url).await.expect("a migrated SQLite database");
    TestDb {
        store,
        url,
        label: "sqlite",
        demo: false,
        dir: Some(dir),
        postgres: None,
    }
}

/// A migrated, empty PostgreSQL database, or `None` when `CORRIDOR_TEST_POSTGRES` is not set.
#[crate::boxed]
pub async fn postgres() -> Option<TestDb> {
    let admin = std::env::var("CORRIDOR_TEST_POSTGRES")
        .ok()
        .filter(|u| !u.trim().is_empty())?;
    let name = format!("corridor_t_{}", uuid::Uuid::new_v4().simple());
    let conn = Database::connect(admin.as_str()).await.unwrap_or_else(|e| {
        panic!("CORRIDOR_TEST_POSTGRES is set but PostgreSQL cannot be reached: {e}")
    });
    conn.execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .unwrap_or_else(|e| panic!("cannot create test database {name}: {e}"));
    conn.close().await.ok();
    let url = with_database(&admin, &name);
    let store = Store::open(&url)
        .await
        .expect("a migrated PostgreSQL database");
    Some(TestDb {
        store,
        url,
        label: "postgres",
        demo: false,
        dir: None,
        postgres: Some((admin, name)),
    })
}

/// SQLite, then PostgreSQL when asked for: every store and HTTP test runs on each.
#[crate::boxed]
pub async fn each_backend() -> Vec<TestDb> {
    let mut dbs = vec![sqlite().await];
    dbs.extend(postgres().await);
    dbs
}

/// A SQLite database in a new temporary folder, already holding the demo world.
#[crate::boxed]
pub async fn sqlite_demo() -> TestDb {
    template::sqlite().await
}

/// Like [`each_backend`], each database already holding the demo world, copied from this process's template.
#[crate::boxed]
pub async fn each_backend_demo() -> Vec<TestDb> {
    let mut dbs = vec![template::sqlite().await];
    dbs.extend(template::postgres().await);
    dbs
}

/// The URL `admin` with its database replaced by `name`.
fn with_database(admin: &str, name: &str) -> String {
    let (base, query) = admin
        .split_once('?')
        .map_or((admin, None), |(b, q)| (b, Some(q)));
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let base = match base[scheme_end..].find('/') {
        Some(slash) => &base[..scheme_end + slash],
        None => base,
    };
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some((admin, name)) = self.postgres.take() else {
            return;
        };
        // Drop cannot await; a short-lived runtime on its own thread removes the database.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .ok()?;
            rt.block_on(async {
                let conn = Database::connect(admin.as_str()).await.ok()?;
                conn.execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .await
                    .ok()?;
                conn.close().await.ok()
            })
        })
        .join();
    }
}

mod template;

#[cfg(test)]
mod tests {
    #[test]
    fn the_database_name_replaces_the_one_in_the_url() {
        assert_eq!(
            super::with_database("postgres://postgres@127.0.0.1:5432/test", "t1"),
            "postgres://postgres@127.0.0.1:5432/t1"
        );
        assert_eq!(
            super::with_database("postgres://u:p@h/test?sslmode=disable", "t1"),
            "postgres://u:p@h/t1?sslmode=disable"
        );
        assert_eq!(
            super::with_database("postgres://h:5432", "t1"),
            "postgres://h:5432/t1"
        );
    }
}
