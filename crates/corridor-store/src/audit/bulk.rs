//! Loading many records at once, for the benchmark suite's large world: rows inserted in batches and their
//! events appended to the same hash chain, in one transaction. Nothing here checks the records: the caller
//! builds them from records the store itself wrote, and `corridor verify` holds the result to the same rules
//! as any other.

use super::{WriteTx, payload_of};
use crate::access::Audited;
use crate::entity::event;
use crate::{Store, StoreError};
use corridor_core::Actor;
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel};

/// Rows per `INSERT`: 14 columns × 1,000 stays under SQLite's 32,766 bound parameters.
const BATCH: usize = 1_000;

/// One bulk load's transaction.
pub struct Bulk {
    tx: WriteTx,
    events: Vec<event::ActiveModel>,
    written: u64,
    /// The head of the log when the load began.
    from: i64,
}

impl Store {
    /// Starts a bulk load on behalf of `actor`. It holds the chain head, so other writers wait until
    /// [`Bulk::commit`].
    #[crate::boxed]
    pub async fn bulk(&self, actor: &Actor) -> Result<Bulk, StoreError> {
        let tx = self.write(actor).await?;
        let from = tx.next_seq() - 1;
        Ok(Bulk {
            tx,
            events: Vec::with_capacity(BATCH),
            written: 0,
            from,
        })
    }
}

impl Bulk {
    /// Logs `versions` of records of kind `E` (earlier states of records, oldest first) without writing their
    /// rows: the first version of a record as `created`, each later one as `updated`. The record's row, written
    /// by [`Bulk::insert`], must be its last version, or `verify` reports the difference.
    pub async fn history<E: Audited>(
        &mut self,
        versions: &[E::Model],
        first: bool,
    ) -> Result<(), StoreError> {
        for model in versions {
            let action = if first { "created" } else { "updated" };
            self.event::<E>(model, action).await?;
        }
        Ok(())
    }

    /// Inserts the rows of `rows` as they stand and logs each with `action` (`created`, or `updated` after
    /// [`Bulk::history`] logged its earlier versions).
    pub async fn insert<E>(&mut self, rows: Vec<E::Model>, action: &str) -> Result<(), StoreError>
    where
        E: Audited,
        E::Model: IntoActiveModel<E::ActiveModel> + Clone,
        E::ActiveModel: ActiveModelTrait<Entity = E> + Send,
    {
        for model in &rows {
            self.event::<E>(model, action).await?;
        }
        let mut rows = rows.into_iter().peekable();
        while rows.peek().is_some() {
            let batch: Vec<E::ActiveModel> = rows
                .by_ref()
                .take(BATCH)
                .map(IntoActiveModel::into_active_model)
                .collect();
            E::insert_many(batch)
                .exec_without_returning(&self.tx.txn)
                .await?;
        }
        Ok(())
    }

    async fn event<E: Audited>(
        &mut self,
        model: &E::Model,
        action: &str,
    ) -> Result<(), StoreError> {
        let (owner, _, visibility) = E::meta_of(model);
        let payload = payload_of::<E>(model, vec![], vec![]);
        let row = self.tx.next_event(
            E::ENTITY,
            E::id_of(model),
            action,
            Some(owner),
            visibility,
            &payload,
        );
        self.events.push(row);
        if self.events.len() >= BATCH {
            self.flush().await?;
        }
        Ok(())
    }

    async fn flush(&mut self) -> Result<(), StoreError> {
        if self.events.is_empty() {
            return Ok(());
        }
        let batch = std::mem::replace(&mut self.events, Vec::with_capacity(BATCH));
        self.written += batch.len() as u64;
        event::Entity::insert_many(batch)
            .exec_without_returning(&self.tx.txn)
            .await?;
        Ok(())
    }

    /// Events appended so far.
    pub fn events(&self) -> u64 {
        self.written + self.events.len() as u64
    }

    /// Appends the events still held and commits everything. A load is history, not news: an alert fan-out
    /// that had read the log up to the load moves past it, as `begin_alerts` puts a freshly loaded world
    /// behind it; one still behind reads the load in its turn.
    #[crate::boxed]
    pub async fn commit(mut self) -> Result<u64, StoreError> {
        self.flush().await?;
        let to = self.tx.next_seq() - 1;
        crate::alerts::pass_over(&self.tx.txn, self.from, to).await?;
        self.tx.commit().await?;
        Ok(self.written)
    }
}
