//! Copies of a whole database: the online SQLite backup (`VACUUM INTO`) and loading a backup or another
//! database into this one, in one transaction.

use super::{Batch, Moved, Progress, TransferError, finish, insert_batch, read_all};
use crate::{Backend, Store};
use sea_orm::{ConnectionTrait, DbBackend, Statement, TransactionTrait};

impl Store {
    /// Replaces this database's content with `source`'s (a restored backup, or another database), in one
    /// transaction. Refuses a non-empty target unless `force`.
    #[crate::boxed(?Send)]
    pub async fn copy_from(
        &self,
        source: &Store,
        force: bool,
        progress: &mut dyn FnMut(Progress<'_>),
    ) -> Result<Moved, TransferError> {
        let txn = self.db.begin().await?;
        let result = async {
            self.make_room(&txn, force).await?;
            let from = source.snapshot().await?;
            let mut rows = 0;
            let moved = read_all(&from, async |table, batch: Batch| {
                rows += batch.len() as u64;
                insert_batch(&txn, table, batch).await?;
                progress(Progress {
                    table,
                    rows,
                    bytes: 0,
                });
                Ok(())
            })
            .await;
            from.rollback().await?;
            moved
        }
        .await;
        finish(txn, result).await
    }

    /// Replaces this database's content with the backup at `path` (a file `backup_to` wrote). The backup is
    /// copied to a temporary folder and brought to this version's schema there, so the file itself is never
    /// changed; then `copy_from`.
    #[crate::boxed(?Send)]
    pub async fn restore_from_file(
        &self,
        path: &std::path::Path,
        force: bool,
        progress: &mut dyn FnMut(Progress<'_>),
    ) -> Result<Moved, TransferError> {
        let mut magic = [0u8; 16];
        let read = std::fs::File::open(path)
            .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut magic));
        match read {
            Err(e) if e.kind() != std::io::ErrorKind::UnexpectedEof => {
                return Err(
                    std::io::Error::new(e.kind(), format!("{}: {e}", path.display())).into(),
                );
            }
            _ => {}
        }
        if &magic != b"SQLite format 3\0" {
            return Err(TransferError::Unsupported(format!(
                "{} is not a SQLite backup made by `corridor backup`",
                path.display()
            )));
        }
        let dir = tempfile::tempdir()?;
        let copy = dir.path().join("restore.db");
        std::fs::copy(path, &copy)?;
        let source = Store::open(&format!("sqlite://{}?mode=rw", copy.display())).await?;
        let result = self.copy_from(&source, force, progress).await;
        source.db.clone().close().await.ok();
        result
    }

    /// Writes a consistent copy of a SQLite database to `path` while the server runs and writes
    /// (`VACUUM INTO`). PostgreSQL is backed up with `pg_dump` (see the README).
    #[crate::boxed]
    pub async fn backup_to(&self, path: &std::path::Path) -> Result<(), TransferError> {
        if self.backend == Backend::Postgres {
            return Err(TransferError::Unsupported(
                "a PostgreSQL database is backed up with pg_dump --format=custom and restored with \
                 pg_restore (see the README)"
                    .into(),
            ));
        }
        if path.exists() {
            return Err(TransferError::Unsupported(format!(
                "{} exists already; a backup never overwrites a file",
                path.display()
            )));
        }
        let target = path.to_str().ok_or_else(|| {
            TransferError::Unsupported(format!("{} is not a UTF-8 path", path.display()))
        })?;
        self.db
            .execute_raw(Statement::from_sql_and_values(
                DbBackend::Sqlite,
                "VACUUM INTO ?",
                [target.into()],
            ))
            .await?;
        Ok(())
    }
}
