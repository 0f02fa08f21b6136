//! E-mail waiting to be sent. The fan-out queues an instant e-mail per notification; `queue_digests` queues
//! a digest per account whose day or week has passed. A sender claims due e-mails under a lease
//! (`FOR UPDATE SKIP LOCKED` on PostgreSQL), sends them, and records every attempt; a failure is retried with
//! exponential backoff, and a sender that dies leaves its claim to lapse, so the e-mail is claimed again.
//! The notifications are read when the e-mail is sent: one withdrawn in between is not mailed.

use super::inbox::entries;
use crate::db::Backend;
use crate::entity::{alert_setting, delivery, delivery_attempt, notification, user};
use crate::{Store, StoreError};
use corridor_core::alert::EmailMode;
use corridor_core::alert::view::InboxEntry;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    Select, Set, TransactionTrait,
};
use time::{Duration, OffsetDateTime};

/// Attempts before an e-mail is given up as failed.
pub const MAX_ATTEMPTS: i32 = 8;

/// What an e-mail carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MailKind {
    /// One alert.
    Instant,
    /// A day's alerts.
    Daily,
    /// A week's alerts.
    Weekly,
}

impl MailKind {
    fn parse(s: &str) -> MailKind {
        match s {
            "daily" => MailKind::Daily,
            "weekly" => MailKind::Weekly,
            _ => MailKind::Instant,
        }
    }
}

/// An e-mail claimed for sending, with what it carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mail {
    /// The delivery's id, also the e-mail's `Message-ID`, so a receiver sees a resend as the same e-mail.
    pub id: String,
    /// Instant or a digest.
    pub kind: MailKind,
    /// The address.
    pub to: String,
    /// The subject chosen when it was queued.
    pub subject: String,
    /// The account it goes to.
    pub user_id: String,
    /// The nonce of the account's unsubscribe link.
    pub unsubscribe_nonce: String,
    /// The notifications still there to send, the newest first.
    pub entries: Vec<InboxEntry>,
    /// This is attempt number…
    pub attempt: i32,
}

/// The outcome of one attempt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attempt {
    /// Whether the other end accepted it.
    pub ok: bool,
    /// What it answered, or why nothing was sent.
    pub response: String,
}

/// What an attempt leaves an e-mail as.
pub(crate) struct AfterAttempt {
    /// `sent`, `failed` for good, or still `pending`.
    pub status: &'static str,
    /// When it was accepted.
    pub sent_at: Option<OffsetDateTime>,
    /// When to try again, while pending.
    pub next_attempt_at: Option<OffsetDateTime>,
    /// What the failed attempt met.
    pub last_error: Option<String>,
}

impl Attempt {
    /// What this attempt, the `attempts`-th, leaves an e-mail as: sent; or to be retried after `backoff`; or
    /// failed for good after `MAX_ATTEMPTS`.
    pub(crate) fn after(&self, attempts: i32, now: OffsetDateTime) -> AfterAttempt {
        if self.ok {
            return AfterAttempt {
                status: "sent",
                sent_at: Some(now),
                next_attempt_at: None,
                last_error: None,
            };
        }
        let give_up = attempts >= MAX_ATTEMPTS;
        AfterAttempt {
            status: if give_up { "failed" } else { "pending" },
            sent_at: None,
            next_attempt_at: (!give_up).then(|| now + backoff(attempts)),
            last_error: Some(self.response.clone()),
        }
    }
}

/// A queued e-mail for one notification (of alert `alert_id`).
pub(crate) fn instant(
    user_id: &str,
    to: &str,
    record: &str,
    step: &str,
    alert_id: &str,
    now: OffsetDateTime,
) -> delivery::ActiveModel {
    let mut record = record.to_owned();
    if let Some(first) = record.get(0..1) {
        record.replace_range(0..1, &first.to_uppercase());
    }
    queued(
        user_id,
        to,
        "instant",
        format!("{record}: {step}"),
        &[alert_id.to_owned()],
        now,
    )
}

fn queued(
    user_id: &str,
    to: &str,
    kind: &str,
    subject: String,
    ids: &[String],
    now: OffsetDateTime,
) -> delivery::ActiveModel {
    delivery::ActiveModel {
        id: Set(uuid::Uuid::now_v7().to_string()),
        channel: Set("email".into()),
        user_id: Set(Some(user_id.to_owned())),
        recipient: Set(to.to_owned()),
        kind: Set(kind.to_owned()),
        subject: Set(subject),
        alert_ids: Set(serde_json::to_string(ids).unwrap_or_else(|_| "[]".into())),
        status: Set("pending".into()),
        attempts: Set(0),
        next_attempt_at: Set(now),
        claimed_until: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
        last_error: Set(None),
    }
}

/// Rows waiting to be sent (`status` pending) whose time has come and that no sender holds.
pub(crate) fn due(
    now: OffsetDateTime,
    status: impl ColumnTrait,
    next_attempt_at: impl ColumnTrait,
    claimed_until: impl ColumnTrait,
) -> Condition {
    Condition::all()
        .add(status.eq("pending"))
        .add(next_attempt_at.lte(now))
        .add(
            Condition::any()
                .add(claimed_until.is_null())
                .add(claimed_until.lt(now)),
        )
}

/// The rows `q` finds for a claim made in `txn`. On PostgreSQL they are locked in it, and rows another
/// sender is claiming right now are skipped rather than waited for. On SQLite they are read before the
/// transaction's first statement, so its claims are its first statements and take the write lock at once
/// (a transaction that read first could not take it if another wrote in between); each claim is a
/// conditional update on the attempt count, so two senders never both take a row.
pub(crate) async fn due_rows<E: EntityTrait>(
    q: Select<E>,
    txn: &sea_orm::DatabaseTransaction,
    store: &Store,
) -> Result<Vec<E::Model>, StoreError> {
    Ok(if store.backend == Backend::Postgres {
        q.lock_with_behavior(
            sea_orm::sea_query::LockType::Update,
            sea_orm::sea_query::LockBehavior::SkipLocked,
        )
        .all(txn)
        .await?
    } else {
        q.all(&store.db).await?
    })
}

/// The wait before attempt `n + 1` after `n` failed: 30 s doubling, at most six hours.
pub fn backoff(failed: i32) -> Duration {
    let doublings = u32::try_from(failed.clamp(1, 20) - 1).unwrap_or(0);
    Duration::seconds((30_i64 << doublings).min(6 * 3600))
}

impl Store {
    /// Queues a digest for each account whose day or week has passed since its last one, with the
    /// notifications written since. Moving the account's `last_digest_at` in the same transaction makes it
    /// once per period, whichever node runs it. Answers how many digests were queued.
    #[crate::boxed]
    pub async fn queue_digests(&self, now: OffsetDateTime) -> Result<usize, StoreError> {
        let mut queued_count = 0;
        for s in alert_setting::Entity::find()
            .filter(alert_setting::Column::EmailMode.is_in(["daily", "weekly"]))
            .all(&self.db)
            .await?
        {
            let Ok(mode) = EmailMode::parse("email_mode", &s.email_mode) else {
                continue;
            };
            let (Some(period), Some(since)) = (mode.period(), s.last_digest_at) else {
                continue;
            };
            if since + period > now {
                continue;
            }
            let txn = self.db.begin().await?;
            let moved = alert_setting::Entity::update_many()
                .col_expr(alert_setting::Column::LastDigestAt, Expr::value(now))
                .filter(alert_setting::Column::UserId.eq(s.user_id.as_str()))
                .filter(alert_setting::Column::LastDigestAt.eq(since))
                .exec(&txn)
                .await?;
            if moved.rows_affected == 0 {
                txn.rollback().await?;
                continue;
            }
            let ids: Vec<String> = notification::Entity::find()
                .select_only()
                .column(notification::Column::AlertId)
                .filter(notification::Column::UserId.eq(s.user_id.as_str()))
                .filter(notification::Column::CreatedAt.gt(since))
                .filter(notification::Column::CreatedAt.lte(now))
                .order_by_desc(notification::Column::CreatedAt)
                .into_tuple()
                .all(&txn)
                .await?;
            let to = match user::Entity::find_by_id(s.user_id.clone())
                .one(&txn)
                .await?
            {
                Some(u) if !u.disabled => self.email_of(&u.person_id).await?,
                _ => None,
            };
            if let (Some(to), false) = (to, ids.is_empty()) {
                let what = if mode == EmailMode::Daily {
                    "daily"
                } else {
                    "weekly"
                };
                let subject = format!(
                    "Your {what} digest: {} alert{}",
                    ids.len(),
                    if ids.len() == 1 { "" } else { "s" }
                );
                queued(&s.user_id, &to, what, subject, &ids, now)
                    .insert(&txn)
                    .await?;
                queued_count += 1;
            }
            txn.commit().await?;
        }
        Ok(queued_count)
    }

    /// Claims up to `limit` e-mails that are due, for `lease`: no other sender takes them until it ends.
    #[crate::boxed]
    pub async fn claim_mail(
        &self,
        now: OffsetDateTime,
        lease: Duration,
        limit: u64,
    ) -> Result<Vec<Mail>, StoreError> {
        let txn = self.db.begin().await?;
        let q = delivery::Entity::find()
            .filter(due(
                now,
                delivery::Column::Status,
                delivery::Column::NextAttemptAt,
                delivery::Column::ClaimedUntil,
            ))
            .order_by_asc(delivery::Column::NextAttemptAt)
            .limit(limit);
        let due = due_rows(q, &txn, self).await?;
        let mut claimed = Vec::with_capacity(due.len());
        for d in due {
            // Conditional, so two SQLite processes never both take one.
            let took = delivery::Entity::update_many()
                .col_expr(delivery::Column::ClaimedUntil, Expr::value(now + lease))
                .col_expr(delivery::Column::Attempts, Expr::value(d.attempts + 1))
                .filter(delivery::Column::Id.eq(d.id.as_str()))
                .filter(delivery::Column::Attempts.eq(d.attempts))
                .exec(&txn)
                .await?;
            if took.rows_affected == 1 {
                claimed.push(d);
            }
        }
        txn.commit().await?;
        let mut out = Vec::with_capacity(claimed.len());
        for d in claimed {
            let ids: Vec<String> = serde_json::from_str(&d.alert_ids).unwrap_or_default();
            let user_id = d.user_id.clone().unwrap_or_default();
            let entries = entries(&self.db, &user_id, Some(ids), false, 10_000)
                .await?
                .into_iter()
                .map(|(e, _)| e)
                .collect();
            let settings = self.settings_row(&user_id).await?;
            out.push(Mail {
                kind: MailKind::parse(&d.kind),
                to: d.recipient,
                subject: d.subject,
                unsubscribe_nonce: settings.unsubscribe_nonce,
                attempt: d.attempts + 1,
                id: d.id,
                user_id,
                entries,
            });
        }
        Ok(out)
    }

    /// Records an attempt at e-mail `id`: sent, or to be retried after `backoff`, or failed for good after
    /// `MAX_ATTEMPTS`.
    #[crate::boxed]
    pub async fn finish_mail(
        &self,
        id: &str,
        attempt: &Attempt,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        // The attempt is written first, so the transaction holds the write lock before it reads.
        let txn = self.db.begin().await?;
        delivery_attempt::ActiveModel {
            id: Set(uuid::Uuid::now_v7().to_string()),
            delivery_id: Set(id.to_owned()),
            at: Set(now),
            ok: Set(attempt.ok),
            response: Set(attempt.response.clone()),
        }
        .insert(&txn)
        .await?;
        let d = delivery::Entity::find_by_id(id.to_owned())
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound { entity: "delivery" })?;
        let after = attempt.after(d.attempts, now);
        let mut d: delivery::ActiveModel = d.into();
        d.claimed_until = Set(None);
        d.status = Set(after.status.into());
        d.sent_at = Set(after.sent_at);
        d.last_error = Set(after.last_error);
        if let Some(next) = after.next_attempt_at {
            d.next_attempt_at = Set(next);
        }
        d.update(&txn).await?;
        txn.commit().await?;
        Ok(())
    }
}
