//! The fan-out: reads the event log past its place, and for each event that matters writes one notification
//! for each follower who may see the record in that event's state (never the actor), queues an e-mail for
//! those who take them instantly, and withdraws earlier notifications of a record from people who may no
//! longer see it. One transaction per batch holds the notifications, the e-mails and the new place; on
//! PostgreSQL the place is claimed with `FOR UPDATE SKIP LOCKED`, so with several nodes one fans out and
//! the others skip.

use super::add_follow;
use super::batch::{Accounts, Alert, Batch, followers_of, people_of};
use super::webhooks::hooks_on;
use crate::db::Backend;
use crate::entity::{alert, chain_head, event, log_cursor, notification, record_parties, user};
use crate::{Store, StoreError};
use corridor_core::alert::{Change, Concern, RoleHolder, concern, describe, role_follows};
use corridor_core::visibility::{RecordMeta, Visibility};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, Statement, TransactionTrait,
};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::Arc;

/// The name of the fan-out's place in `log_cursors`.
const CURSOR: &str = "fanout";

/// What one run of the fan-out did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FanOut {
    /// Events read from the log.
    pub events: usize,
    /// Notifications written.
    pub notifications: usize,
    /// Instant e-mails queued.
    pub emails: usize,
    /// Notifications withdrawn from people who may no longer see their record.
    pub withdrawn: usize,
}

/// Takes the fan-out's place in the log for this transaction; `None` when another node holds it.
async fn claim_cursor(
    txn: &DatabaseTransaction,
    backend: Backend,
) -> Result<Option<i64>, StoreError> {
    let sql = match backend {
        Backend::Postgres => "SELECT seq FROM log_cursors WHERE name = $1 FOR UPDATE SKIP LOCKED",
        // SQLite has one writer: touching the row takes the database's write lock for the transaction.
        Backend::Sqlite => "UPDATE log_cursors SET seq = seq WHERE name = $1 RETURNING seq",
    };
    let db = txn.get_database_backend();
    let row = txn
        .query_one_raw(Statement::from_sql_and_values(db, sql, [CURSOR.into()]))
        .await?;
    match row {
        Some(r) => Ok(Some(r.try_get_by_index::<i64>(0)?)),
        None => {
            // The first run starts at the head of the log: history written before alerts existed is not
            // news. A concurrent first run on another node loses the insert and skips this round.
            let head = chain_head::Entity::find()
                .one(txn)
                .await?
                .map_or(0, |h| h.seq);
            let inserted = log_cursor::Entity::insert(log_cursor::ActiveModel {
                name: Set(CURSOR.to_owned()),
                seq: Set(head),
            })
            .on_conflict_do_nothing_on([log_cursor::Column::Name])
            .exec(txn)
            .await?;
            Ok(matches!(inserted, sea_orm::TryInsertResult::Inserted(_)).then_some(head))
        }
    }
}

/// The record's reach in an event's state.
fn meta_of(
    e: &event::Model,
    payload: &Value,
    shared_with: Vec<corridor_core::ids::PartyId>,
) -> RecordMeta {
    RecordMeta {
        owner_party: e
            .owner_party_id
            .as_deref()
            .and_then(|p| p.parse().ok())
            .unwrap_or_default(),
        owner_organisation: None,
        visibility: e.visibility.parse().unwrap_or(Visibility::Restricted),
        restricted_to: payload
            .get("restricted_to")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().and_then(|s| s.parse().ok()))
                    .collect()
            })
            .unwrap_or_default(),
        shared_with,
    }
}

/// One event, read and understood.
struct Read {
    event: event::Model,
    payload: Arc<Value>,
    /// The record's state before, shared with the read of the event before it in the run.
    before: Option<Arc<Value>>,
    concern: Concern,
}

impl Store {
    /// Fans out up to `limit` events past the fan-out's place in the log, in one transaction. Zero events
    /// when the log is read to its end or another node is fanning out.
    #[crate::boxed]
    pub async fn fan_out(&self, limit: u64) -> Result<FanOut, StoreError> {
        // Every way out ends the transaction itself: a dropped one would keep SQLite's write lock on its
        // pooled connection until that connection is used again.
        let txn = self.db.begin().await?;
        let Some(place) = claim_cursor(&txn, self.backend).await? else {
            txn.rollback().await?;
            return Ok(FanOut::default());
        };
        let events = event::Entity::find()
            .filter(event::Column::Seq.gt(place))
            .order_by_asc(event::Column::Seq)
            .limit(limit)
            .all(&txn)
            .await?;
        let Some(last) = events.last().map(|e| e.seq) else {
            txn.rollback().await?;
            return Ok(FanOut::default());
        };
        let mut done = FanOut {
            events: events.len(),
            ..FanOut::default()
        };
        let reads = read_events(&txn, events).await?;
        done.withdrawn = withdraw(&txn, &reads).await?;
        for r in &reads {
            role_follow(&txn, r).await?;
        }
        let alerting: Vec<(&Read, Change)> = reads
            .iter()
            .filter_map(|r| {
                describe(
                    &r.event.entity,
                    &r.event.action,
                    r.before.as_deref(),
                    &r.payload,
                )
                .map(|c| (r, c))
            })
            .collect();
        let mut targets: Vec<String> = alerting
            .iter()
            .flat_map(|(r, _)| r.concern.targets.iter().cloned())
            .collect();
        targets.sort();
        targets.dedup();
        let followers = followers_of(&txn, &targets).await?;
        let accounts = Accounts::load(
            &txn,
            &people_of(&followers, reads.iter().map(|r| r.event.actor.clone())),
        )
        .await?;
        let hooks = hooks_on(&txn).await?;
        let now = corridor_core::now();
        let mut batch = Batch::default();
        let mut parties = SharedWith::default();
        for (r, change) in alerting {
            let shared_with = parties.at(&txn, &r.event).await?;
            let meta = meta_of(&r.event, &r.payload, shared_with);
            let alert = Alert {
                key: format!("event:{}", r.event.seq),
                event_seq: Some(r.event.seq),
                entity: &r.event.entity,
                entity_id: &r.event.entity_id,
                concern: &r.concern,
                change: &change,
                author: Some(&r.event),
            };
            batch.notify(&accounts, &followers, &hooks, &alert, &meta, now);
        }
        done.notifications = batch.notes.len();
        done.emails = batch.mails.len();
        batch.write(&txn).await?;
        log_cursor::Entity::update_many()
            .col_expr(log_cursor::Column::Seq, Expr::value(last))
            .filter(log_cursor::Column::Name.eq(CURSOR))
            .exec(&txn)
            .await?;
        txn.commit().await?;
        Ok(done)
    }

    /// Sets the fan-out's place at the head of the log if it has none yet, so what was written before
    /// (a loaded demo world, an import) is history rather than news. Answers the place.
    #[crate::boxed]
    pub async fn begin_alerts(&self) -> Result<i64, StoreError> {
        let txn = self.db.begin().await?;
        let place = claim_cursor(&txn, self.backend).await?.unwrap_or(0);
        txn.commit().await?;
        Ok(place)
    }

    /// Fans out until the log is read to its end; answers the totals.
    #[crate::boxed]
    pub async fn fan_out_all(&self) -> Result<FanOut, StoreError> {
        let mut total = FanOut::default();
        loop {
            let one = self.fan_out(2_000).await?;
            if one.events == 0 {
                return Ok(total);
            }
            total.events += one.events;
            total.notifications += one.notifications;
            total.emails += one.emails;
            total.withdrawn += one.withdrawn;
        }
    }
}

/// Moves the fan-out's place from `from` to `to` if it stands at `from`: the events between are a bulk load,
/// which alerts nobody.
pub(crate) async fn pass_over(
    txn: &DatabaseTransaction,
    from: i64,
    to: i64,
) -> Result<(), StoreError> {
    log_cursor::Entity::update_many()
        .col_expr(log_cursor::Column::Seq, Expr::value(to))
        .filter(log_cursor::Column::Name.eq(CURSOR))
        .filter(log_cursor::Column::Seq.eq(from))
        .exec(txn)
        .await?;
    Ok(())
}

/// Each event with its payload, the payload of its record's previous event, and what it concerns.
async fn read_events(
    txn: &DatabaseTransaction,
    events: Vec<event::Model>,
) -> Result<Vec<Read>, StoreError> {
    let mut latest: HashMap<(String, String), Arc<Value>> = HashMap::new();
    let mut out = Vec::with_capacity(events.len());
    for e in events {
        let payload = Arc::new(serde_json::from_str::<Value>(&e.payload).unwrap_or(Value::Null));
        let key = (e.entity.clone(), e.entity_id.clone());
        let Some(mut concern) = concern(&e.entity, &e.entity_id, &payload) else {
            continue;
        };
        let before = match latest.get(&key) {
            Some(v) => Some(Arc::clone(v)),
            None => previous(txn, &e).await?.map(Arc::new),
        };
        if let Some((table, column, id, kind)) = concern.via.take() {
            let q = Query::select()
                .column(sea_orm::sea_query::Alias::new(column))
                .from(sea_orm::sea_query::Alias::new(table))
                .and_where(Expr::col(sea_orm::sea_query::Alias::new("id")).eq(id))
                .to_owned();
            if let Some(row) = txn.query_one(&q).await?
                && let Ok(parent) = row.try_get_by_index::<String>(0)
            {
                concern
                    .targets
                    .insert(0, format!("{}:{parent}", kind.as_str()));
                if concern.group.starts_with("area:") {
                    concern.link = format!("{}/{parent}", kind.path());
                    concern.group = format!("{}:{parent}", kind.as_str());
                }
            }
        }
        latest.insert(key, Arc::clone(&payload));
        out.push(Read {
            event: e,
            payload,
            before,
            concern,
        });
    }
    Ok(out)
}

/// The payload of the record's event before `e`.
async fn previous(
    txn: &DatabaseTransaction,
    e: &event::Model,
) -> Result<Option<Value>, StoreError> {
    Ok(event::Entity::find()
        .select_only()
        .column(event::Column::Payload)
        .filter(event::Column::Entity.eq(e.entity.as_str()))
        .filter(event::Column::EntityId.eq(e.entity_id.as_str()))
        .filter(event::Column::Seq.lt(e.seq))
        .order_by_desc(event::Column::Seq)
        .into_tuple::<String>()
        .one(txn)
        .await?
        .and_then(|p| serde_json::from_str(&p).ok()))
}

/// The third parties each shared record was opened to, read once per record in a run.
#[derive(Default)]
struct SharedWith {
    grants: HashMap<(String, String), Vec<(String, i64)>>,
}

impl SharedWith {
    /// The third parties the record of `e` reached at that event.
    async fn at(
        &mut self,
        txn: &DatabaseTransaction,
        e: &event::Model,
    ) -> Result<Vec<corridor_core::ids::PartyId>, StoreError> {
        if e.visibility != "shared" {
            return Ok(Vec::new());
        }
        let key = (e.entity.clone(), e.entity_id.clone());
        if !self.grants.contains_key(&key) {
            let rows = record_parties::Entity::find()
                .filter(record_parties::Column::Entity.eq(e.entity.as_str()))
                .filter(record_parties::Column::EntityId.eq(e.entity_id.as_str()))
                .all(txn)
                .await?
                .into_iter()
                .map(|r| (r.party_id, r.granted_seq))
                .collect();
            self.grants.insert(key.clone(), rows);
        }
        Ok(self.grants[&key]
            .iter()
            .filter(|(_, seq)| *seq <= e.seq)
            .filter_map(|(p, _)| p.parse().ok())
            .collect())
    }
}

/// Makes the people a record names in a role (co-chairs, lead and owner organisations) follow it, when the
/// event gives them the role.
async fn role_follow(txn: &DatabaseTransaction, r: &Read) -> Result<(), StoreError> {
    let now = role_follows(&r.event.entity, &r.payload);
    if now.is_empty() {
        return Ok(());
    }
    let had = r
        .before
        .as_ref()
        .map(|b| role_follows(&r.event.entity, b))
        .unwrap_or_default();
    let target = format!("{}:{}", r.event.entity, r.event.entity_id);
    for (reason, holder) in now.into_iter().filter(|h| !had.contains(h)) {
        let column = match &holder {
            RoleHolder::Person(p) => user::Column::PersonId.eq(p.as_str()),
            RoleHolder::Organisation(o) => user::Column::OrganisationId.eq(o.as_str()),
        };
        for u in user::Entity::find().filter(column).all(txn).await? {
            add_follow(txn, &u.id, &target, &r.concern.record, reason).await?;
        }
    }
    Ok(())
}

/// Withdraws the notifications of records that a batch narrowed, from people who may no longer see them.
async fn withdraw(txn: &DatabaseTransaction, reads: &[Read]) -> Result<usize, StoreError> {
    let mut gone = 0;
    for r in reads.iter().filter(|r| {
        matches!(r.event.visibility.as_str(), "party" | "restricted") && r.before.is_some()
    }) {
        let meta = meta_of(&r.event, &r.payload, Vec::new());
        let alert_ids: Vec<String> = alert::Entity::find()
            .select_only()
            .column(alert::Column::Id)
            .filter(alert::Column::Entity.eq(r.event.entity.as_str()))
            .filter(alert::Column::EntityId.eq(r.event.entity_id.as_str()))
            .into_tuple()
            .all(txn)
            .await?;
        if alert_ids.is_empty() {
            continue;
        }
        let holders: Vec<String> = notification::Entity::find()
            .select_only()
            .column(notification::Column::UserId)
            .distinct()
            .filter(notification::Column::AlertId.is_in(alert_ids.clone()))
            .into_tuple::<String>()
            .all(txn)
            .await?;
        let accounts = Accounts::load(txn, &holders).await?;
        let blind: Vec<String> = holders
            .into_iter()
            .filter(|u| !accounts.may_see(u, &meta))
            .collect();
        if blind.is_empty() {
            continue;
        }
        gone += notification::Entity::delete_many()
            .filter(notification::Column::AlertId.is_in(alert_ids))
            .filter(notification::Column::UserId.is_in(blind))
            .exec(txn)
            .await?
            .rows_affected as usize;
    }
    Ok(gone)
}
