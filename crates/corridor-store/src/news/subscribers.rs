//! Visitors who receive published news by e-mail, and the e-mail sent to them.
//!
//! Double opt-in: an address is pending until the link mailed to it is followed, so nobody is subscribed by
//! someone else. Asking again for a pending or unsubscribed address sends a new link (at most one every ten
//! minutes) and makes the earlier links void; asking for a confirmed address sends nothing. The page says the
//! same in every case, so it never tells whether an address is subscribed.
//!
//! The e-mail is claimed, sent and retried like the accounts' (`alerts::outbox`): under a lease, every attempt
//! recorded, exponential backoff, given up after `MAX_ATTEMPTS`. What it carries is read when it is sent: a
//! news item withdrawn in between, or an address unsubscribed, is not mailed.

use crate::alerts::{Attempt, due, due_rows};
use crate::entity::{news_subscriber, public_mail, public_mail_attempt};
use crate::{Store, StoreError};
use corridor_core::Viewer;
use corridor_core::language::Language;
use corridor_core::news::{NewSubscription, NewsView};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    TransactionTrait,
};
use time::{Duration, OffsetDateTime};

/// The least time between two confirmation e-mails to one address.
const CONFIRM_EVERY: Duration = Duration::minutes(10);

/// What a request to subscribe did (the page says the same in every case).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subscribed {
    /// A confirmation link was queued.
    ConfirmationQueued,
    /// A link went to this address less than ten minutes ago; nothing more was sent.
    RecentlyAsked,
    /// The address is already confirmed; nothing was sent.
    AlreadyConfirmed,
}

/// What a visitor's e-mail carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PublicMailKind {
    /// The link that confirms an address.
    Confirm,
    /// A published news item.
    News,
}

impl PublicMailKind {
    fn as_str(self) -> &'static str {
        match self {
            PublicMailKind::Confirm => "confirm",
            PublicMailKind::News => "news",
        }
    }
}

/// A visitor's e-mail claimed for sending, with what it carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicMail {
    /// The e-mail's id, also its `Message-ID`.
    pub id: String,
    /// A confirmation or a news item.
    pub kind: PublicMailKind,
    /// The address.
    pub to: String,
    /// The language the visitor chose.
    pub language: Language,
    /// The subscriber.
    pub subscriber_id: String,
    /// The nonce of the confirmation link; `None` when there is nothing left to confirm.
    pub confirm_nonce: Option<String>,
    /// The nonce of the unsubscribe link.
    pub unsubscribe_nonce: String,
    /// The news item, when it is still published.
    pub item: Option<NewsView>,
    /// Whether the address still wants it: confirmed for news, pending for a confirmation.
    pub wanted: bool,
    /// This is attempt number…
    pub attempt: i32,
}

fn nonce() -> String {
    format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    )
}

/// A queued e-mail to subscriber `subscriber_id`.
pub(super) fn queued(
    subscriber_id: &str,
    kind: PublicMailKind,
    item_id: Option<&str>,
    now: OffsetDateTime,
) -> public_mail::ActiveModel {
    public_mail::ActiveModel {
        id: Set(uuid::Uuid::now_v7().to_string()),
        subscriber_id: Set(subscriber_id.to_owned()),
        kind: Set(kind.as_str().to_owned()),
        news_item_id: Set(item_id.map(str::to_owned)),
        status: Set("pending".into()),
        attempts: Set(0),
        next_attempt_at: Set(now),
        claimed_until: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
        last_error: Set(None),
    }
}

/// Compares two nonces without stopping at the first difference.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

fn not_found() -> StoreError {
    StoreError::NotFound {
        entity: "subscription",
    }
}

impl Store {
    /// Asks to send published news to an address, queueing the confirmation link when one is due.
    #[crate::boxed]
    pub async fn subscribe_news(&self, new: &NewSubscription) -> Result<Subscribed, StoreError> {
        let now = corridor_core::now();
        // It reads before it writes: on SQLite, writers of this process wait their turn first.
        let _turn = self.writing_turn().await;
        let txn = self.db.begin().await?;
        let existing = news_subscriber::Entity::find()
            .filter(news_subscriber::Column::Email.eq(new.email.as_str()))
            .one(&txn)
            .await?;
        let (id, outcome) = match existing {
            Some(s) if s.status == "confirmed" => (s.id, Subscribed::AlreadyConfirmed),
            Some(s) if s.status == "pending" && s.confirm_sent_at + CONFIRM_EVERY > now => {
                (s.id, Subscribed::RecentlyAsked)
            }
            Some(s) => {
                let id = s.id.clone();
                let mut row: news_subscriber::ActiveModel = s.into();
                row.status = Set("pending".into());
                row.language = Set(new.language.code().to_owned());
                row.confirm_nonce = Set(Some(nonce()));
                row.unsubscribe_nonce = Set(nonce());
                row.confirm_sent_at = Set(now);
                row.unsubscribed_at = Set(None);
                row.update(&txn).await?;
                (id, Subscribed::ConfirmationQueued)
            }
            None => {
                let id = uuid::Uuid::now_v7().to_string();
                news_subscriber::ActiveModel {
                    id: Set(id.clone()),
                    email: Set(new.email.clone()),
                    language: Set(new.language.code().to_owned()),
                    status: Set("pending".into()),
                    confirm_nonce: Set(Some(nonce())),
                    unsubscribe_nonce: Set(nonce()),
                    created_at: Set(now),
                    confirm_sent_at: Set(now),
                    confirmed_at: Set(None),
                    unsubscribed_at: Set(None),
                }
                .insert(&txn)
                .await?;
                (id, Subscribed::ConfirmationQueued)
            }
        };
        if outcome == Subscribed::ConfirmationQueued {
            queued(&id, PublicMailKind::Confirm, None, now)
                .insert(&txn)
                .await?;
        }
        txn.commit().await?;
        Ok(outcome)
    }

    /// Whether `nonce` is the live confirmation link of subscriber `id`; a used, replaced or forged link is
    /// not found.
    #[crate::boxed]
    pub async fn confirmation_pending(&self, id: &str, nonce: &str) -> Result<(), StoreError> {
        match news_subscriber::Entity::find_by_id(id.to_owned())
            .one(&self.db)
            .await?
        {
            Some(s)
                if s.status == "pending"
                    && s.confirm_nonce.as_deref().is_some_and(|n| same(n, nonce)) =>
            {
                Ok(())
            }
            _ => Err(not_found()),
        }
    }

    /// Confirms subscriber `id` by its live confirmation link, which is then used up.
    #[crate::boxed]
    pub async fn confirm_subscription(&self, id: &str, nonce: &str) -> Result<(), StoreError> {
        let taken = news_subscriber::Entity::update_many()
            .col_expr(news_subscriber::Column::Status, Expr::value("confirmed"))
            .col_expr(
                news_subscriber::Column::ConfirmNonce,
                Expr::value(Option::<String>::None),
            )
            .col_expr(
                news_subscriber::Column::ConfirmedAt,
                Expr::value(corridor_core::now()),
            )
            .filter(news_subscriber::Column::Id.eq(id))
            .filter(news_subscriber::Column::Status.eq("pending"))
            .filter(news_subscriber::Column::ConfirmNonce.eq(nonce))
            .exec(&self.db)
            .await?;
        if taken.rows_affected == 1 {
            Ok(())
        } else {
            Err(not_found())
        }
    }

    /// Whether `nonce` is subscriber `id`'s unsubscribe link, answering whether it has been used already; a
    /// forged or replaced link is not found. Changes nothing.
    #[crate::boxed]
    pub async fn unsubscribe_link(&self, id: &str, nonce: &str) -> Result<bool, StoreError> {
        news_subscriber::Entity::find_by_id(id.to_owned())
            .one(&self.db)
            .await?
            .filter(|s| same(&s.unsubscribe_nonce, nonce))
            .map(|s| s.status == "unsubscribed")
            .ok_or_else(not_found)
    }

    /// Unsubscribes subscriber `id` by the link in its e-mails; answers whether it had already been done. A
    /// forged link, or one made void by subscribing again, is not found.
    #[crate::boxed]
    pub async fn unsubscribe_news(&self, id: &str, nonce: &str) -> Result<bool, StoreError> {
        let Some(s) = news_subscriber::Entity::find_by_id(id.to_owned())
            .one(&self.db)
            .await?
            .filter(|s| same(&s.unsubscribe_nonce, nonce))
        else {
            return Err(not_found());
        };
        if s.status == "unsubscribed" {
            return Ok(true);
        }
        news_subscriber::Entity::update_many()
            .col_expr(news_subscriber::Column::Status, Expr::value("unsubscribed"))
            .col_expr(
                news_subscriber::Column::ConfirmNonce,
                Expr::value(Option::<String>::None),
            )
            .col_expr(
                news_subscriber::Column::UnsubscribedAt,
                Expr::value(corridor_core::now()),
            )
            .filter(news_subscriber::Column::Id.eq(id))
            .filter(news_subscriber::Column::UnsubscribeNonce.eq(nonce))
            .exec(&self.db)
            .await?;
        Ok(false)
    }

    /// Subscribers by status: (pending, confirmed, unsubscribed).
    #[crate::boxed]
    pub async fn subscriber_counts(&self) -> Result<(u64, u64, u64), StoreError> {
        let rows: Vec<(String, i64)> = news_subscriber::Entity::find()
            .select_only()
            .column(news_subscriber::Column::Status)
            .column_as(news_subscriber::Column::Id.count(), "n")
            .group_by(news_subscriber::Column::Status)
            .into_tuple()
            .all(&self.db)
            .await?;
        let of = |s: &str| {
            rows.iter()
                .find(|(k, _)| k == s)
                .map_or(0, |(_, n)| u64::try_from(*n).unwrap_or(0))
        };
        Ok((of("pending"), of("confirmed"), of("unsubscribed")))
    }

    /// Claims up to `limit` visitors' e-mails that are due, for `lease`.
    #[crate::boxed]
    pub async fn claim_public_mail(
        &self,
        now: OffsetDateTime,
        lease: Duration,
        limit: u64,
    ) -> Result<Vec<PublicMail>, StoreError> {
        let txn = self.db.begin().await?;
        let q = public_mail::Entity::find()
            .filter(due(
                now,
                public_mail::Column::Status,
                public_mail::Column::NextAttemptAt,
                public_mail::Column::ClaimedUntil,
            ))
            .order_by_asc(public_mail::Column::NextAttemptAt)
            .limit(limit);
        let rows = due_rows(q, &txn, self).await?;
        let mut claimed = Vec::with_capacity(rows.len());
        for m in rows {
            let took = public_mail::Entity::update_many()
                .col_expr(public_mail::Column::ClaimedUntil, Expr::value(now + lease))
                .col_expr(public_mail::Column::Attempts, Expr::value(m.attempts + 1))
                .filter(public_mail::Column::Id.eq(m.id.as_str()))
                .filter(public_mail::Column::Attempts.eq(m.attempts))
                .exec(&txn)
                .await?;
            if took.rows_affected == 1 {
                claimed.push(m);
            }
        }
        txn.commit().await?;
        let mut out = Vec::with_capacity(claimed.len());
        for m in claimed {
            let Some(s) = news_subscriber::Entity::find_by_id(m.subscriber_id.clone())
                .one(&self.db)
                .await?
            else {
                continue;
            };
            let kind = if m.kind == "confirm" {
                PublicMailKind::Confirm
            } else {
                PublicMailKind::News
            };
            let item = match (&m.news_item_id, kind) {
                (Some(item), PublicMailKind::News) => {
                    match self.news_item(&Viewer::Anonymous, item).await {
                        Ok(v) => Some(v),
                        Err(StoreError::NotFound { .. }) => None,
                        Err(e) => return Err(e),
                    }
                }
                _ => None,
            };
            let wanted = match kind {
                PublicMailKind::Confirm => s.status == "pending" && s.confirm_nonce.is_some(),
                PublicMailKind::News => s.status == "confirmed" && item.is_some(),
            };
            out.push(PublicMail {
                id: m.id,
                kind,
                to: s.email,
                language: s.language.parse().unwrap_or(Language::En),
                subscriber_id: s.id,
                confirm_nonce: s.confirm_nonce,
                unsubscribe_nonce: s.unsubscribe_nonce,
                item,
                wanted,
                attempt: m.attempts + 1,
            });
        }
        Ok(out)
    }

    /// Records an attempt at visitor's e-mail `id`, like `finish_mail` does for accounts.
    #[crate::boxed]
    pub async fn finish_public_mail(
        &self,
        id: &str,
        attempt: &Attempt,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let txn = self.db.begin().await?;
        public_mail_attempt::ActiveModel {
            id: Set(uuid::Uuid::now_v7().to_string()),
            mail_id: Set(id.to_owned()),
            at: Set(now),
            ok: Set(attempt.ok),
            response: Set(attempt.response.clone()),
        }
        .insert(&txn)
        .await?;
        let m = public_mail::Entity::find_by_id(id.to_owned())
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound {
                entity: "public_mail",
            })?;
        let after = attempt.after(m.attempts, now);
        let mut m: public_mail::ActiveModel = m.into();
        m.claimed_until = Set(None);
        m.status = Set(after.status.into());
        m.sent_at = Set(after.sent_at);
        m.last_error = Set(after.last_error);
        if let Some(next) = after.next_attempt_at {
            m.next_attempt_at = Set(next);
        }
        m.update(&txn).await?;
        txn.commit().await?;
        Ok(())
    }
}
