//! Moving a whole database: the JSON Lines bundle (`corridor export --bundle`, `import --bundle`), the online
//! SQLite backup (`VACUUM INTO`) and the restore of one, and, through the bundle, the move from SQLite to
//! PostgreSQL. Rows travel as JSON objects typed by their entities (`rows.rs`), table by table in an order
//! where every foreign key points at a table already written, so the target checks every key as it loads.
//! Loading is one transaction: a bad line, a broken key or a truncated file leaves the target as it was.

mod backup;
mod bundle;
mod rows;

pub use bundle::{BUNDLE_FORMAT, BUNDLE_VERSION};

use crate::{Backend, Store, StoreError};
use rows::Row;
use sea_orm::{
    AccessMode, ConnectionTrait, DatabaseTransaction, DbBackend, EntityName, EntityTrait,
    IsolationLevel, Iterable, PaginatorTrait, PrimaryKeyToColumn, QueryOrder, Statement,
    TransactionTrait,
};
use serde_json::Value as Json;
use std::collections::HashSet;

/// What can stop a transfer.
#[derive(Debug, thiserror::Error)]
pub enum TransferError {
    /// A line of the bundle is wrong; nothing was loaded.
    #[error("line {line}: {message}")]
    Bundle {
        /// The line, counting from 1.
        line: u64,
        /// What is wrong with it.
        message: String,
    },
    /// The target already holds records and `--force` was not given.
    #[error("{0}")]
    NotEmpty(String),
    /// The operation does not apply here (e.g. a file backup of PostgreSQL).
    #[error("{0}")]
    Unsupported(String),
    /// Reading or writing a file.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// The database.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sea_orm::DbErr> for TransferError {
    fn from(e: sea_orm::DbErr) -> Self {
        TransferError::Store(StoreError::Database(e))
    }
}

/// How far a transfer has come, for a progress bar: the table being copied and totals so far.
#[derive(Clone, Copy, Debug)]
pub struct Progress<'a> {
    /// The table being copied.
    pub table: &'a str,
    /// Rows copied so far, all tables together.
    pub rows: u64,
    /// Bytes of the bundle read or written so far (0 between databases).
    pub bytes: u64,
}

/// Rows per table that a transfer moved.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Moved {
    /// `(table, rows)` in transfer order; tables without rows included.
    pub tables: Vec<(String, u64)>,
}

impl Moved {
    /// All rows together.
    pub fn total(&self) -> u64 {
        self.tables.iter().map(|(_, n)| n).sum()
    }
}

/// Every table that moves, in an order where each foreign key points at an earlier table (the order the
/// migrations created them), with the column that points into the same table, whose rows go parents first.
/// Left out: `sessions` (everyone signs in again), `chain_head` (the events trigger moves it) and the
/// migrations table (the target's own). A test checks this list against the schema.
macro_rules! transfer_tables {
    ($m:ident) => {
        $m! {
            (party, Some("owner_party_id")),
            (organisation, Some("parent_id")),
            (person, None),
            (membership, None),
            (user, None),
            (api_token, None),
            (record_access, None),
            (event, None),
            (body, Some("parent_id")),
            (meeting, None),
            (agenda_item, Some("parent_id")),
            (register_item, None),
            (review, None),
            (briefing_note, None),
            (minutes_entry, None),
            (minutes_version, None),
            (minutes_redline, None),
            (minutes_signature, None),
            (signing_key, None),
            (delegate, None),
            (instrument, None),
            (instrument_version, None),
            (instrument_step, None),
            (consultation, None),
            (consultation_response, None),
            (file, None),
            (attachment, None),
            (record_parties, None),
            (accession, None),
            (accession_decision, None),
            (project, Some("parent_id")),
            (milestone, None),
            (progress_update, None),
            (finance, None),
            (risk, None),
            (study, None),
            (study_expert, None),
            (study_report, None),
            (recommendation, None),
            (company, None),
            (exchange, None),
            (nomination, None),
            (programme_item, None),
            (matchmaking, None),
            (business_mou, None),
            (intention, None),
            (result_node, Some("parent_id")),
            (indicator, None),
            (indicator_period, None),
            (actual, None),
            (indicator_standing, None),
            (follow, None),
            (alert, None),
            (notification, None),
            (alert_setting, None),
            (log_cursor, None),
            (scheduler_run, None),
            (delivery, None),
            (delivery_attempt, None),
            (webhook, None),
            (webhook_call, None),
            (webhook_attempt, None),
            (iati_activity, None),
            (news_item, None),
            (news_approval, None),
            (news_subscriber, None),
            (public_mail, None),
            (public_mail_attempt, None),
        }
    };
}

/// The tables that move, in order.
pub fn table_names() -> Vec<&'static str> {
    macro_rules! names {
        ($(($module:ident, $parent:expr)),* $(,)?) => {
            vec![$(crate::entity::$module::Entity.table_name()),*]
        };
    }
    transfer_tables!(names)
}

/// Rows sent to the target at once: under both databases' limits on bound parameters.
const PARAMETERS_PER_INSERT: usize = 16_000;

/// Rows of one table on their way, each with the bundle line it came from (0 from a database).
pub(crate) type Batch = Vec<(u64, Row)>;

/// Inserts `batch` into `table`, naming the first line of the batch when the database refuses it.
pub(crate) async fn insert_batch(
    txn: &DatabaseTransaction,
    table: &str,
    batch: Batch,
) -> Result<(), TransferError> {
    macro_rules! dispatch {
        ($(($module:ident, $parent:expr)),* $(,)?) => {
            match table {
                $(t if t == crate::entity::$module::Entity.table_name() => {
                    insert::<crate::entity::$module::Entity>(txn, batch).await
                })*
                other => Err(TransferError::Bundle {
                    line: batch.first().map_or(0, |b| b.0),
                    message: format!("“{other}” is not a table of this version"),
                }),
            }
        };
    }
    transfer_tables!(dispatch)
}

async fn insert<E: EntityTrait>(
    txn: &DatabaseTransaction,
    batch: Batch,
) -> Result<(), TransferError>
where
    E::ActiveModel: sea_orm::ActiveModelTrait<Entity = E> + Send,
{
    let (Some(first), Some(last)) = (batch.first().map(|b| b.0), batch.last().map(|b| b.0)) else {
        return Ok(());
    };
    let models = batch
        .iter()
        .map(|(line, row)| rows::model_of::<E>(row, *line))
        .collect::<Result<Vec<_>, _>>()?;
    E::insert_many(models)
        .exec_without_returning(txn)
        .await
        .map_err(|e| {
            let table = E::default().table_name();
            let message = if first == 0 {
                format!("{table}: {e}")
            } else {
                format!("{table} (lines {first}–{last}): {e}")
            };
            TransferError::Bundle {
                line: first,
                message,
            }
        })?;
    Ok(())
}

/// Rows of a table with `columns` columns sent in one statement.
fn batch_rows(columns: usize) -> usize {
    (PARAMETERS_PER_INSERT / columns.max(1)).max(1)
}

/// Reads every table of `db` in transfer order and hands each batch of rows to `sink`.
async fn read_all<C, F>(db: &C, mut sink: F) -> Result<Moved, TransferError>
where
    C: ConnectionTrait + sea_orm::StreamTrait + Send,
    F: AsyncFnMut(&'static str, Batch) -> Result<(), TransferError>,
{
    let mut moved = Moved::default();
    macro_rules! each {
        ($(($module:ident, $parent:expr)),* $(,)?) => {
            $(
                let n = read_table::<crate::entity::$module::Entity, C, F>(db, $parent, &mut sink).await?;
                moved.tables.push((crate::entity::$module::Entity.table_name().to_owned(), n));
            )*
        };
    }
    transfer_tables!(each);
    Ok(moved)
}

async fn read_table<E, C, F>(
    db: &C,
    parent: Option<&str>,
    sink: &mut F,
) -> Result<u64, TransferError>
where
    E: EntityTrait,
    C: ConnectionTrait + sea_orm::StreamTrait + Send,
    F: AsyncFnMut(&'static str, Batch) -> Result<(), TransferError>,
{
    use futures_util::TryStreamExt;
    let table = E::default().table_name();
    let size = batch_rows(E::Column::iter().count());
    let mut query = E::find();
    for pk in E::PrimaryKey::iter() {
        query = query.order_by_asc(pk.into_column());
    }
    let mut stream = query.stream(db).await?;
    let mut batch = Batch::with_capacity(size.min(1_024));
    let mut held = Vec::new();
    let mut count = 0;
    while let Some(model) = stream.try_next().await? {
        let row = rows::row_of::<E>(&model)?;
        count += 1;
        if parent.is_some() {
            held.push(row);
            continue;
        }
        batch.push((0, row));
        if batch.len() == size {
            sink(table, std::mem::take(&mut batch)).await?;
        }
    }
    drop(stream);
    if let Some(parent) = parent {
        for chunk in parents_first(held, parent).chunks(size) {
            sink(table, chunk.iter().map(|r| (0, r.clone())).collect()).await?;
        }
    } else if !batch.is_empty() {
        sink(table, batch).await?;
    }
    Ok(count)
}

/// `rows` ordered so that the row named in each row's `parent` column comes before it.
fn parents_first(mut rows: Vec<Row>, parent: &str) -> Vec<Row> {
    let id = |r: &Row| r.get("id").and_then(Json::as_str).map(str::to_owned);
    let mut placed: HashSet<String> = HashSet::new();
    let mut out = Vec::with_capacity(rows.len());
    while !rows.is_empty() {
        let (ready, rest): (Vec<Row>, Vec<Row>) =
            rows.into_iter()
                .partition(|r| match r.get(parent).and_then(Json::as_str) {
                    None => true,
                    Some(p) => placed.contains(p) || Some(p) == id(r).as_deref(),
                });
        if ready.is_empty() {
            // A cycle cannot be written in any order; the target's key check will name it.
            out.extend(rest);
            break;
        }
        placed.extend(ready.iter().filter_map(id));
        out.extend(ready);
        rows = rest;
    }
    out
}

impl Store {
    /// Rows in each table that moves, in transfer order.
    #[crate::boxed]
    pub async fn row_counts(&self) -> Result<Moved, TransferError> {
        let mut moved = Moved::default();
        macro_rules! count {
            ($(($module:ident, $parent:expr)),* $(,)?) => {
                $(
                    let n = crate::entity::$module::Entity::find().count(&self.db).await?;
                    moved.tables.push((crate::entity::$module::Entity.table_name().to_owned(), n));
                )*
            };
        }
        transfer_tables!(count);
        Ok(moved)
    }

    /// A read transaction that sees one moment of the database while writers go on.
    async fn snapshot(&self) -> Result<DatabaseTransaction, TransferError> {
        Ok(match self.backend {
            Backend::Postgres => {
                self.db
                    .begin_with_config(
                        Some(IsolationLevel::RepeatableRead),
                        Some(AccessMode::ReadOnly),
                    )
                    .await?
            }
            // A SQLite read transaction in WAL mode sees the database as of its first read.
            Backend::Sqlite => self.db.begin().await?,
        })
    }

    /// Refuses to load into a database that holds records, unless `force`, in which case it empties it
    /// inside `txn`, so a failed load leaves the old content in place.
    async fn make_room(&self, txn: &DatabaseTransaction, force: bool) -> Result<(), TransferError> {
        let held: Vec<(String, u64)> = self
            .row_counts()
            .await?
            .tables
            .into_iter()
            .filter(|(_, n)| *n > 0)
            .collect();
        if held.is_empty() {
            return Ok(());
        }
        if !force {
            let some = held
                .iter()
                .take(3)
                .map(|(t, n)| format!("{t}: {n}"))
                .collect::<Vec<_>>()
                .join(", ");
            return Err(TransferError::NotEmpty(format!(
                "the target database is not empty ({some}…); give --force to replace its content"
            )));
        }
        let mut tables = table_names();
        tables.push("sessions");
        tables.reverse();
        match self.backend {
            Backend::Postgres => {
                // TRUNCATE does not fire the row triggers that keep the event log append-only.
                txn.execute_unprepared(&format!("TRUNCATE TABLE {}", tables.join(", ")))
                    .await?;
            }
            Backend::Sqlite => {
                // Read outside the transaction, which must write before it reads on SQLite.
                let guard = self
                    .db
                    .query_one_raw(Statement::from_string(
                        DbBackend::Sqlite,
                        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'events_no_delete'",
                    ))
                    .await?
                    .map(|r| r.try_get::<String>("", "sql"))
                    .transpose()?;
                txn.execute_unprepared("DROP TRIGGER IF EXISTS events_no_delete")
                    .await?;
                for t in &tables {
                    txn.execute_unprepared(&format!("DELETE FROM {t}")).await?;
                }
                if let Some(sql) = guard {
                    txn.execute_unprepared(&sql).await?;
                }
            }
        }
        txn.execute_unprepared(&format!(
            "UPDATE chain_head SET seq = 0, hash = '{}' WHERE id = 1",
            corridor_core::audit::GENESIS_HASH
        ))
        .await?;
        Ok(())
    }
}

/// Commits when `result` is a success, else rolls back explicitly (a SQLite transaction that wrote is never
/// left to a drop), and passes `result` on.
async fn finish<T>(
    txn: DatabaseTransaction,
    result: Result<T, TransferError>,
) -> Result<T, TransferError> {
    match result {
        Ok(v) => {
            txn.commit().await?;
            Ok(v)
        }
        Err(e) => {
            txn.rollback().await?;
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &str, parent: Option<&str>) -> Row {
        let mut r = Row::new();
        r.insert("id".into(), Json::String(id.into()));
        r.insert(
            "parent_id".into(),
            parent.map_or(Json::Null, |p| Json::String(p.into())),
        );
        r
    }

    #[test]
    fn parents_come_before_their_children_whatever_the_ids() {
        let rows = vec![
            row("a", Some("c")),
            row("b", None),
            row("c", Some("b")),
            row("d", Some("d")),
        ];
        let ids: Vec<_> = parents_first(rows, "parent_id")
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(ids, ["b", "d", "c", "a"]);
    }
}
