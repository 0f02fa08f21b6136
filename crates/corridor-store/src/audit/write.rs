//! The write transaction: it takes the chain head first, so writers queue on one row (SQLite's write lock,
//! PostgreSQL's row lock) and the chain never forks; every change appends its event before the commit.

use super::payload_of;
use crate::access::{Audited, restricted_to, shared_with};
use crate::entity::event;
use crate::{Store, StoreError};
use corridor_core::Actor;
use corridor_core::audit::{EventBody, canonical_json, event_hash};
use corridor_core::ids::EventId;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, Statement, TransactionTrait,
};
use serde_json::Value;

/// One operation's transaction, with the chain head it holds.
pub(crate) struct WriteTx {
    pub(crate) txn: DatabaseTransaction,
    actor: Actor,
    at: String,
    seq: i64,
    hash: String,
    /// This process's writing turn on SQLite, held until the transaction ends; declared last so the
    /// transaction is committed or rolled back before the next writer starts.
    _turn: Option<tokio::sync::OwnedMutexGuard<()>>,
}

impl Store {
    /// On SQLite, this process's turn to write, to hold until the transaction ends; none on PostgreSQL.
    pub(crate) async fn writing_turn(&self) -> Option<tokio::sync::OwnedMutexGuard<()>> {
        match self.backend {
            crate::db::Backend::Sqlite => Some(self.writers.clone().lock_owned().await),
            crate::db::Backend::Postgres => None,
        }
    }

    /// Starts an operation on behalf of `actor`.
    pub(crate) async fn write(&self, actor: &Actor) -> Result<WriteTx, StoreError> {
        // PostgreSQL queues writers on the chain head's row lock, which wakes them in turn; SQLite's busy
        // handler sleeps and retries, which at 64 concurrent writers spent most of the time asleep.
        let turn = self.writing_turn().await;
        let txn = self.db.begin().await?;
        // Writing first makes SQLite take its write lock before this transaction reads anything, which
        // avoids the busy-snapshot failure of a read transaction that later upgrades.
        let head = txn
            .query_one_raw(Statement::from_string(
                self.db_backend(),
                "UPDATE chain_head SET seq = seq WHERE id = 1 RETURNING seq, hash",
            ))
            .await?
            .ok_or_else(|| {
                StoreError::Config(
                    "the event log's chain head is missing; run corridor migrate".into(),
                )
            })?;
        let (seq, hash): (i64, String) = (head.try_get("", "seq")?, head.try_get("", "hash")?);
        Ok(WriteTx {
            txn,
            actor: actor.clone(),
            at: corridor_core::dates::format_rfc3339(corridor_core::now()),
            seq,
            hash,
            _turn: turn,
        })
    }
}

impl WriteTx {
    /// The acting party or user.
    pub(crate) fn actor(&self) -> &Actor {
        &self.actor
    }

    /// The sequence number the next event of this transaction will take.
    pub(crate) fn next_seq(&self) -> i64 {
        self.seq + 1
    }

    /// Appends the event for a record of kind `E` that this transaction just created or changed, given the
    /// row as the database returned it (`RETURNING`), so the event holds exactly what is stored.
    pub(crate) async fn log<E: Audited>(
        &mut self,
        model: E::Model,
        action: &str,
    ) -> Result<E::Model, StoreError> {
        let id = E::id_of(&model).to_owned();
        let (owner, _, visibility) = E::meta_of(&model);
        let (owner, visibility) = (owner.to_owned(), visibility.to_owned());
        if visibility == "public" && action == "updated" {
            self.refuse_widening_to_public(E::ENTITY, &id).await?;
        }
        // Only a restricted record has people named; `store_access` clears the list of any other.
        let people = if visibility == "restricted" {
            restricted_to(&self.txn, E::ENTITY, &id).await?
        } else {
            vec![]
        };
        let parties = shared_with(&self.txn, E::ENTITY, &id).await?;
        let payload = payload_of::<E>(&model, people, parties);
        self.append(E::ENTITY, &id, action, Some(&owner), &visibility, &payload)
            .await?;
        Ok(model)
    }

    /// A user's edit never makes an existing record public: only a news item, which reaches the public when
    /// one approver of each party has approved it, is published that way. Steps that follow a public parent
    /// (a version of a public instrument being shared) are not edits of the record's reach.
    async fn refuse_widening_to_public(&self, entity: &str, id: &str) -> Result<(), StoreError> {
        if !matches!(self.actor, Actor::User(_)) || entity == "news_item" {
            return Ok(());
        }
        let before: Option<String> = event::Entity::find()
            .select_only()
            .column(event::Column::Visibility)
            .filter(event::Column::Entity.eq(entity))
            .filter(event::Column::EntityId.eq(id))
            .order_by_desc(event::Column::Seq)
            .into_tuple()
            .one(&self.txn)
            .await?;
        match before.as_deref() {
            Some("public") | None => Ok(()),
            Some(_) => Err(StoreError::invalid(
                "visibility",
                corridor_core::news::PUBLISH_THROUGH_NEWS,
            )),
        }
    }

    async fn append(
        &mut self,
        entity: &str,
        entity_id: &str,
        action: &str,
        owner_party: Option<&str>,
        visibility: &str,
        payload: &Value,
    ) -> Result<(), StoreError> {
        let row = self.next_event(entity, entity_id, action, owner_party, visibility, payload);
        event::Entity::insert(row)
            .exec_without_returning(&self.txn)
            .await?;
        Ok(())
    }

    /// The next event of the chain, hashed onto the one before; the caller inserts it before the commit.
    pub(crate) fn next_event(
        &mut self,
        entity: &str,
        entity_id: &str,
        action: &str,
        owner_party: Option<&str>,
        visibility: &str,
        payload: &Value,
    ) -> event::ActiveModel {
        let seq = self.seq + 1;
        let id = EventId::new().to_string();
        let payload = canonical_json(payload);
        let actor = self.actor.log_id();
        let actor_name = self.actor.log_name();
        let actor_party = self.actor.party().map(|p| p.to_string());
        let body = EventBody {
            seq,
            id: &id,
            at: &self.at,
            actor: &actor,
            actor_name: &actor_name,
            actor_party: actor_party.as_deref(),
            entity,
            entity_id,
            action,
            owner_party,
            visibility,
            payload: &payload,
        };
        let hash = event_hash(&self.hash, &body);
        self.seq = seq;
        event::ActiveModel {
            seq: Set(seq),
            id: Set(id),
            at: Set(self.at.clone()),
            actor: Set(actor),
            actor_name: Set(actor_name),
            actor_party_id: Set(actor_party),
            entity: Set(entity.to_owned()),
            entity_id: Set(entity_id.to_owned()),
            action: Set(action.to_owned()),
            owner_party_id: Set(owner_party.map(str::to_owned)),
            visibility: Set(visibility.to_owned()),
            payload: Set(payload),
            prev_hash: Set(std::mem::replace(&mut self.hash, hash.clone())),
            hash: Set(hash),
        }
    }

    /// Commits the rows and their events at once; the events' trigger has moved the chain head.
    /// Undoes everything this transaction wrote; a SQLite transaction that wrote is never left to a drop.
    pub(crate) async fn rollback(self) -> Result<(), StoreError> {
        self.txn.rollback().await?;
        Ok(())
    }

    pub(crate) async fn commit(self) -> Result<(), StoreError> {
        self.txn.commit().await?;
        Ok(())
    }
}
