//! Connecting, the schema's version, and the few places where SQLite and PostgreSQL differ.

use crate::migration::Migrator;
use crate::{Store, StoreError};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DbBackend, Statement};
use sea_orm_migration::MigratorTrait;
use std::time::Duration;

/// The database behind a store.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// The embedded default.
    Sqlite,
    /// For deployments that outgrow one machine.
    Postgres,
}

/// How the database's schema compares with this binary's migrations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchemaState {
    /// Migrations already applied.
    pub applied: usize,
    /// Migrations this binary would apply.
    pub pending: Vec<String>,
}

impl Store {
    /// Connects to `url` (`sqlite://…` or `postgres://…`). Does not migrate.
    #[crate::boxed]
    pub async fn connect(url: &str) -> Result<Store, StoreError> {
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            return Err(StoreError::Config(
                "the database URL must start with sqlite:, postgres:// or postgresql://".into(),
            ));
        };
        let mut opt = ConnectOptions::new(url.to_owned());
        opt.sqlx_logging(false)
            .acquire_timeout(Duration::from_secs(30))
            .connect_timeout(Duration::from_secs(10));
        match backend {
            Backend::Sqlite => {
                // Writers serialise on the chain head's row; the busy timeout lets them queue instead of failing.
                opt.max_connections(4)
                    .min_connections(1)
                    .map_sqlx_sqlite_opts(|o| {
                        o.journal_mode(SqliteJournalMode::Wal)
                            .synchronous(SqliteSynchronous::Normal)
                            .foreign_keys(true)
                            .busy_timeout(Duration::from_secs(30))
                            .create_if_missing(true)
                    });
            }
            Backend::Postgres => {
                opt.max_connections(16).min_connections(1);
            }
        }
        let db = Database::connect(opt).await.map_err(|e| {
            StoreError::Config(format!(
                "cannot open the database {}: {e}",
                corridor_core::config::redact_url(url)
            ))
        })?;
        Ok(Store {
            db,
            backend,
            party_names: Default::default(),
            writers: Default::default(),
        })
    }

    /// Compares the applied migrations with this binary's; refuses a schema newer than the binary.
    #[crate::boxed]
    pub async fn schema_state(&self) -> Result<SchemaState, StoreError> {
        let known: Vec<String> = Migrator::migrations()
            .iter()
            .map(|m| m.name().to_owned())
            .collect();
        let applied = self.applied_migrations().await?;
        if let Some(unknown) = applied.iter().find(|a| !known.contains(a)) {
            return Err(StoreError::SchemaTooNew(format!(
                "the database has migration {unknown}, which this version of corridor does not know; \
                 run a newer corridor, or restore a backup made by this version"
            )));
        }
        Ok(SchemaState {
            applied: applied.len(),
            pending: known.into_iter().filter(|k| !applied.contains(k)).collect(),
        })
    }

    async fn applied_migrations(&self) -> Result<Vec<String>, StoreError> {
        let exists_sql = match self.backend {
            Backend::Sqlite => {
                "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'seaql_migrations'"
            }
            Backend::Postgres => {
                "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'seaql_migrations'"
            }
        };
        let row = self
            .db
            .query_one_raw(Statement::from_string(self.db_backend(), exists_sql))
            .await?;
        let n: i64 = row.map(|r| r.try_get("", "n")).transpose()?.unwrap_or(0);
        if n == 0 {
            return Ok(vec![]);
        }
        let rows = self
            .db
            .query_all_raw(Statement::from_string(
                self.db_backend(),
                "SELECT version FROM seaql_migrations ORDER BY version",
            ))
            .await?;
        rows.iter()
            .map(|r| r.try_get("", "version").map_err(StoreError::from))
            .collect()
    }

    /// Applies pending migrations; returns their names. Refuses a schema newer than the binary.
    #[crate::boxed]
    pub async fn migrate(&self) -> Result<Vec<String>, StoreError> {
        let state = self.schema_state().await?;
        if !state.pending.is_empty() {
            Migrator::up(&self.db, None).await?;
        }
        Ok(state.pending)
    }

    /// Connects and brings the schema up to date: what `serve`, `demo` and the tests do.
    #[crate::boxed]
    pub async fn open(url: &str) -> Result<Store, StoreError> {
        let store = Store::connect(url).await?;
        store.migrate().await?;
        Ok(store)
    }

    pub(crate) fn db_backend(&self) -> DbBackend {
        match self.backend {
            Backend::Sqlite => DbBackend::Sqlite,
            Backend::Postgres => DbBackend::Postgres,
        }
    }

    /// Answers whether the database responds, for `/healthz`.
    #[crate::boxed]
    pub async fn ping(&self) -> Result<(), StoreError> {
        self.db.ping().await.map_err(StoreError::from)
    }
}
