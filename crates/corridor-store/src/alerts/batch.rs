//! Who to tell and what to write: the accounts a run may alert (with how each takes e-mail and how it may
//! name an author), the follows of the targets an alert concerns, and the batch of alerts, notifications,
//! e-mails and webhook calls one run writes. Shared by the fan-out of the log and the daily job.

use super::webhooks::{Hook, calls as webhook_calls};
use crate::StoreError;
use crate::directory::actor_from;
use crate::entity::{
    alert, alert_setting, delivery, event, follow, notification, party, person, user, webhook_call,
};
use corridor_core::Viewer;
use corridor_core::actor::UserActor;
use corridor_core::alert::{Change, Concern, EmailMode, Reason};
use corridor_core::visibility::{RecordMeta, Visibility, can_see};
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, Set};
use std::collections::{HashMap, HashSet};

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
            // An account malformed in the database is left out; `corridor verify` names it.
            let Ok(actor) = actor_from(&u, members.contains(&u.party_id)) else {
                continue;
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

    /// Whether account `user_id` is active and may see a record with `meta`.
    pub(super) fn may_see(&self, user_id: &str, meta: &RecordMeta) -> bool {
        self.by_id
            .get(user_id)
            .is_some_and(|a| !a.disabled && can_see(&a.viewer, meta))
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
