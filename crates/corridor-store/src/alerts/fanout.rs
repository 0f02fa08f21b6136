//! The fan-out: reads the event log past its place, and for each event that matters writes one notification
//! for each follower who may see the record in that event's state (never the actor), queues an e-mail for
//! those who take them instantly, and withdraws earlier notifications of a record from people who may no
//! longer see it. One transaction per batch holds the notifications, the e-mails and the new place; on
//! PostgreSQL the place is claimed with `FOR UPDATE SKIP LOCKED`, so with several nodes one fans out and
//! the others skip.

use super::add_follow;
use super::webhooks::{Hook, calls as webhook_calls, hooks_on};
use crate::db::Backend;
use crate::entity::{
    alert, alert_setting, chain_head, delivery, event, follow, log_cursor, notification, party,
    person, record_parties, user, webhook_call,
};
use crate::{Store, StoreError};
use corridor_core::Viewer;
use corridor_core::actor::UserActor;
use corridor_core::alert::{
    Change, Concern, EmailMode, Reason, RoleHolder, concern, describe, role_follows,
};
use corridor_core::visibility::{RecordMeta, Visibility, can_see};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, Statement, TransactionTrait,
};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
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

/// An account the fan-out may alert, with how it takes e-mail.
pub(super) struct Account {
    actor: UserActor,
    viewer: Viewer,
    disabled: bool,
    mode: EmailMode,
    email: Option<String>,
}

/// Everything about accounts one batch needs, read once.
pub(super) struct Accounts {
    by_id: HashMap<String, Account>,
    people: HashMap<String, person::Model>,
}

/// Rows of `E` whose `column` is one of `ids`, read in chunks.
async fn rows_in<E: EntityTrait>(
    conn: &DatabaseTransaction,
    column: impl ColumnTrait + Copy,
    ids: &[String],
) -> Result<Vec<E::Model>, StoreError> {
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        out.extend(
            E::find()
                .filter(column.is_in(chunk.to_vec()))
                .all(conn)
                .await?,
        );
    }
    Ok(out)
}

impl Accounts {
    /// The accounts `user_ids` (followers to tell, authors to name), with their people and settings.
    pub(super) async fn load(
        conn: &DatabaseTransaction,
        user_ids: &[String],
    ) -> Result<Accounts, StoreError> {
        let members: HashSet<String> = party::Entity::find()
            .filter(party::Column::Standing.eq("member"))
            .all(conn)
            .await?
            .into_iter()
            .map(|p| p.id)
            .collect();
        let users = rows_in::<user::Entity>(conn, user::Column::Id, user_ids).await?;
        let person_ids: Vec<String> = users.iter().map(|u| u.person_id.clone()).collect();
        let people: HashMap<String, person::Model> =
            rows_in::<person::Entity>(conn, person::Column::Id, &person_ids)
                .await?
                .into_iter()
                .map(|p| (p.id.clone(), p))
                .collect();
        let settings: HashMap<String, alert_setting::Model> =
            rows_in::<alert_setting::Entity>(conn, alert_setting::Column::UserId, user_ids)
                .await?
                .into_iter()
                .map(|s| (s.user_id.clone(), s))
                .collect();
        let mut accounts = Accounts {
            by_id: HashMap::new(),
            people,
        };
        for u in users {
            let (Ok(user_id), Ok(person_id), Ok(party_id), Ok(role)) = (
                u.id.parse(),
                u.person_id.parse(),
                u.party_id.parse(),
                u.role.parse(),
            ) else {
                continue;
            };
            let actor = UserActor {
                user_id,
                username: u.username.clone(),
                person_id,
                party_id,
                organisation_id: u.organisation_id.as_deref().and_then(|o| o.parse().ok()),
                role,
                time_zone: u.time_zone.clone(),
                member: members.contains(&u.party_id),
            };
            let mode = settings
                .get(&u.id)
                .and_then(|s| EmailMode::parse("email_mode", &s.email_mode).ok())
                .unwrap_or(EmailMode::Daily);
            let email = accounts
                .people
                .get(&u.person_id)
                .and_then(|p| p.email.clone())
                .filter(|e| !e.trim().is_empty());
            accounts.by_id.insert(
                u.id.clone(),
                Account {
                    viewer: Viewer::User(actor.clone()),
                    actor,
                    disabled: u.disabled,
                    mode,
                    email,
                },
            );
        }
        Ok(accounts)
    }

    /// Who did it, as the reader may see it: the person's name when the reader may see the person, else
    /// the account name.
    fn actor_name(&self, e: &event::Model, reader: &Viewer) -> String {
        let person = self
            .by_id
            .get(&e.actor)
            .and_then(|a| self.people.get(&a.actor.person_id.to_string()));
        match person {
            Some(p)
                if p.visibility != "restricted"
                    && can_see(
                        reader,
                        &RecordMeta {
                            owner_party: p.owner_party_id.parse().unwrap_or_default(),
                            owner_organisation: None,
                            visibility: p.visibility.parse().unwrap_or(Visibility::Party),
                            restricted_to: Vec::new(),
                            shared_with: Vec::new(),
                        },
                    ) =>
            {
                p.full_name.clone()
            }
            _ if e.actor == "system" => "the system".to_owned(),
            _ => e.actor_name.clone(),
        }
    }
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
    pub async fn fan_out(&self, limit: u64) -> Result<FanOut, StoreError> {
        let txn = self.db.begin().await?;
        let Some(place) = claim_cursor(&txn, self.backend).await? else {
            return Ok(FanOut::default());
        };
        let events = event::Entity::find()
            .filter(event::Column::Seq.gt(place))
            .order_by_asc(event::Column::Seq)
            .limit(limit)
            .all(&txn)
            .await?;
        let Some(last) = events.last().map(|e| e.seq) else {
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
    pub async fn begin_alerts(&self) -> Result<i64, StoreError> {
        let txn = self.db.begin().await?;
        let place = claim_cursor(&txn, self.backend).await?.unwrap_or(0);
        txn.commit().await?;
        Ok(place)
    }

    /// Fans out until the log is read to its end; answers the totals.
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

/// One alert to fan out: about an event of the log (`author` is the event) or a date coming or gone.
pub(super) struct Alert<'a> {
    /// What makes it unique per user: `event:<seq>`, `due_in_7:<id>:<date>`.
    pub key: String,
    pub event_seq: Option<i64>,
    pub entity: &'a str,
    pub entity_id: &'a str,
    pub concern: &'a Concern,
    pub change: &'a Change,
    pub author: Option<&'a event::Model>,
}

/// What a run writes: the alerts, each follower's notification of them, the instant e-mails.
#[derive(Default)]
pub(super) struct Batch {
    pub alerts: Vec<alert::ActiveModel>,
    pub notes: Vec<notification::ActiveModel>,
    pub mails: Vec<delivery::ActiveModel>,
    pub calls: Vec<webhook_call::ActiveModel>,
    /// Each follow's reason in words, written once per run.
    reasons: HashMap<String, String>,
    /// An author's name as readers of one side see it: (author, side, member) → name.
    names: HashMap<(String, String, bool), String>,
}

impl Batch {
    /// Adds one alert with a notification for each follower who may see the record (`meta`), never its
    /// author; nothing when nobody is to be told.
    pub(super) fn notify(
        &mut self,
        accounts: &Accounts,
        followers: &HashMap<String, Vec<follow::Model>>,
        hooks: &[Hook],
        alert: &Alert<'_>,
        meta: &RecordMeta,
        now: time::OffsetDateTime,
    ) {
        let alert_id = uuid::Uuid::now_v7().to_string();
        let before = self.notes.len();
        let mut reached: HashSet<&str> = HashSet::new();
        let author = alert.author.map(|e| e.actor.as_str());
        // Targets run from the record itself out to its area: the first one a user follows says why.
        for target in &alert.concern.targets {
            for f in followers.get(target).into_iter().flatten() {
                if !reached.insert(f.user_id.as_str()) || Some(f.user_id.as_str()) == author {
                    continue;
                }
                let Some(a) = accounts.by_id.get(&f.user_id) else {
                    continue;
                };
                if a.disabled || !can_see(&a.viewer, meta) {
                    continue;
                }
                if a.mode == EmailMode::Instant
                    && let Some(to) = &a.email
                {
                    self.mails.push(super::outbox::instant(
                        &f.user_id,
                        to,
                        &alert.concern.record,
                        &alert.change.step,
                        &alert_id,
                        now,
                    ));
                }
                self.notes.push(notification::ActiveModel {
                    user_id: Set(f.user_id.clone()),
                    alert_id: Set(alert_id.clone()),
                    actor_name: Set(match alert.author {
                        None => "Corridor's calendar".to_owned(),
                        Some(e) => self
                            .names
                            .entry((
                                e.actor.clone(),
                                a.actor.party_id.to_string(),
                                a.actor.member,
                            ))
                            .or_insert_with(|| accounts.actor_name(e, &a.viewer))
                            .clone(),
                    }),
                    reason: Set(self
                        .reasons
                        .entry(f.id.clone())
                        .or_insert_with(|| Reason::parse(&f.reason).explain(&f.label))
                        .clone()),
                    created_at: Set(now),
                    read_at: Set(None),
                });
            }
        }
        let calls = webhook_calls(hooks, alert, &alert_id, meta, now);
        if self.notes.len() > before || !calls.is_empty() {
            self.calls.extend(calls);
            self.alerts.push(alert::ActiveModel {
                id: Set(alert_id),
                key: Set(alert.key.clone()),
                event_seq: Set(alert.event_seq),
                entity: Set(alert.entity.to_owned()),
                entity_id: Set(alert.entity_id.to_owned()),
                record: Set(alert.concern.record.clone()),
                step: Set(alert.change.step.clone()),
                summary: Set(alert.change.details.join("; ")),
                link: Set(alert.concern.link.clone()),
                group_key: Set(alert.concern.group.clone()),
                created_at: Set(now),
            });
        }
    }

    /// Writes it all, in batches of rows.
    pub(super) async fn write(self, txn: &DatabaseTransaction) -> Result<(), StoreError> {
        for chunk in self.alerts.chunks(1_000) {
            alert::Entity::insert_many(chunk.to_vec())
                .exec_without_returning(txn)
                .await?;
        }
        for chunk in self.notes.chunks(2_000) {
            notification::Entity::insert_many(chunk.to_vec())
                .exec_without_returning(txn)
                .await?;
        }
        for chunk in self.mails.chunks(1_000) {
            delivery::Entity::insert_many(chunk.to_vec())
                .exec_without_returning(txn)
                .await?;
        }
        for chunk in self.calls.chunks(1_000) {
            webhook_call::Entity::insert_many(chunk.to_vec())
                .exec_without_returning(txn)
                .await?;
        }
        Ok(())
    }
}

/// The accounts a run needs: every follower it may tell and every author it may name.
pub(super) fn people_of(
    followers: &HashMap<String, Vec<follow::Model>>,
    authors: impl Iterator<Item = String>,
) -> Vec<String> {
    let mut ids: Vec<String> = followers
        .values()
        .flatten()
        .map(|f| f.user_id.clone())
        .chain(authors)
        .collect();
    ids.sort();
    ids.dedup();
    ids
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

/// The follows of every target, by target.
pub(super) async fn followers_of(
    txn: &DatabaseTransaction,
    targets: &[String],
) -> Result<HashMap<String, Vec<follow::Model>>, StoreError> {
    let mut out: HashMap<String, Vec<follow::Model>> = HashMap::new();
    for chunk in targets.chunks(500) {
        for f in follow::Entity::find()
            .filter(follow::Column::Target.is_in(chunk.to_vec()))
            .order_by_asc(follow::Column::CreatedAt)
            .all(txn)
            .await?
        {
            out.entry(f.target.clone()).or_default().push(f);
        }
    }
    Ok(out)
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
            .filter(|u| {
                accounts
                    .by_id
                    .get(u)
                    .is_none_or(|a| !can_see(&a.viewer, &meta))
            })
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
