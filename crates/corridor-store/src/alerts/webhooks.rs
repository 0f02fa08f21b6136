//! Webhooks: an organisation posts its alerts to a system of its own as JSON signed with a shared secret.
//! A webhook sees what its organisation's side may see (never a restricted record), the fan-out queues a
//! call per alert, and a sender claims calls under a lease like e-mail. Every attempt is logged with its
//! status code; failures are retried with backoff, and after `FAILURES_BEFORE_DISABLED` in a row the
//! webhook turns itself off and the person who set it up finds an alert in their inbox.

use super::batch::Alert;
use super::outbox::{backoff, due, due_rows};
use crate::directory::random_hex;
use crate::entity::{
    alert, notification, organisation, party, webhook, webhook_attempt, webhook_call,
};
use crate::{Store, StoreError};
use corridor_core::Role;
use corridor_core::actor::UserActor;
use corridor_core::alert::view::{WebhookCallView, WebhookView};
use corridor_core::alert::webhook::{FAILURES_BEFORE_DISABLED, check_url};
use corridor_core::dates::format_rfc3339;
use corridor_core::ids::{PersonId, UserId};
use corridor_core::visibility::{RecordMeta, can_see};
use corridor_core::{Viewer, ids::OrganisationId};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionTrait,
};
use time::{Duration, OffsetDateTime};

/// A webhook that is on, with the reader its organisation's side is.
pub(super) struct Hook {
    id: String,
    viewer: Viewer,
}

/// The webhooks that are on, each reading as its organisation's side.
pub(super) async fn hooks_on(txn: &DatabaseTransaction) -> Result<Vec<Hook>, StoreError> {
    let mut out = Vec::new();
    for h in webhook::Entity::find()
        .filter(webhook::Column::Enabled.eq(true))
        .all(txn)
        .await?
    {
        let Some(org) = organisation::Entity::find_by_id(h.organisation_id.clone())
            .one(txn)
            .await?
        else {
            continue;
        };
        let member = party::Entity::find_by_id(org.party_id.clone())
            .one(txn)
            .await?
            .is_some_and(|p| p.standing == "member");
        let (Ok(party_id), Ok(org_id)) = (org.party_id.parse(), org.id.parse::<OrganisationId>())
        else {
            continue;
        };
        out.push(Hook {
            viewer: Viewer::User(UserActor {
                user_id: UserId::from_key(&format!("webhook/{}", h.id)),
                username: format!("webhook {}", h.id),
                person_id: PersonId::from_key(&format!("webhook/{}", h.id)),
                party_id,
                organisation_id: Some(org_id),
                role: Role::Observer,
                time_zone: None,
                member,
            }),
            id: h.id,
        });
    }
    Ok(out)
}

/// The calls of one alert: one per webhook whose side may see the record, with the alert as JSON.
pub(super) fn calls(
    hooks: &[Hook],
    alert: &Alert<'_>,
    alert_id: &str,
    meta: &RecordMeta,
    now: OffsetDateTime,
) -> Vec<webhook_call::ActiveModel> {
    let payload = serde_json::json!({
        "id": alert_id,
        "key": alert.key,
        "event_seq": alert.event_seq,
        "kind": alert.entity,
        "record_id": alert.entity_id,
        "record": alert.concern.record,
        "step": alert.change.step,
        "changes": alert.change.details,
        "link": alert.concern.link,
        "at": format_rfc3339(now),
    })
    .to_string();
    hooks
        .iter()
        .filter(|h| can_see(&h.viewer, meta))
        .map(|h| webhook_call::ActiveModel {
            id: Set(uuid::Uuid::now_v7().to_string()),
            webhook_id: Set(h.id.clone()),
            payload: Set(payload.clone()),
            status: Set("pending".into()),
            attempts: Set(0),
            next_attempt_at: Set(now),
            claimed_until: Set(None),
            created_at: Set(now),
            sent_at: Set(None),
            last_error: Set(None),
        })
        .collect()
}

/// A call claimed for sending.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Call {
    /// Its id, sent as `X-Corridor-Delivery`.
    pub id: String,
    /// Where to post.
    pub url: String,
    /// The secret to sign with.
    pub secret: String,
    /// The JSON body.
    pub payload: String,
    /// This is attempt number…
    pub attempt: i32,
}

fn may_manage(user: &UserActor) -> Result<String, StoreError> {
    if !matches!(user.role, Role::Admin | Role::Secretariat) {
        return Err(StoreError::Forbidden(
            "only an administrator or the secretariat sets up webhooks".into(),
        ));
    }
    user.organisation_id.map(|o| o.to_string()).ok_or_else(|| {
        StoreError::invalid(
            "url",
            "your account acts for no organisation, and a webhook belongs to one",
        )
    })
}

impl Store {
    /// Sets up a webhook for the user's organisation; answers it with its signing secret, shown once.
    /// `own` lists the addresses this server answers at, which a webhook may not point at.
    #[crate::boxed]
    pub async fn create_webhook(
        &self,
        user: &UserActor,
        url: &str,
        own: &[String],
    ) -> Result<(WebhookView, String), StoreError> {
        let org = may_manage(user)?;
        let url = check_url("url", url, own)?;
        let secret = random_hex(32);
        let row = webhook::ActiveModel {
            id: Set(uuid::Uuid::now_v7().to_string()),
            organisation_id: Set(org),
            url: Set(url),
            secret: Set(secret.clone()),
            owner_user_id: Set(user.user_id.to_string()),
            enabled: Set(true),
            failures: Set(0),
            created_at: Set(corridor_core::now()),
        }
        .insert(&self.db)
        .await?;
        Ok((view(row, Vec::new()), secret))
    }

    /// The webhooks of the user's organisation with their latest calls.
    #[crate::boxed]
    pub async fn webhooks(&self, user: &UserActor) -> Result<Vec<WebhookView>, StoreError> {
        let org = may_manage(user)?;
        let mut out = Vec::new();
        for h in webhook::Entity::find()
            .filter(webhook::Column::OrganisationId.eq(org))
            .order_by_desc(webhook::Column::CreatedAt)
            .all(&self.db)
            .await?
        {
            let mut calls = Vec::new();
            for c in webhook_call::Entity::find()
                .filter(webhook_call::Column::WebhookId.eq(h.id.as_str()))
                .order_by_desc(webhook_call::Column::CreatedAt)
                .limit(10)
                .all(&self.db)
                .await?
            {
                let last_code = webhook_attempt::Entity::find()
                    .filter(webhook_attempt::Column::CallId.eq(c.id.as_str()))
                    .order_by_desc(webhook_attempt::Column::At)
                    .one(&self.db)
                    .await?
                    .and_then(|a| a.status_code);
                calls.push(WebhookCallView {
                    created_at: format_rfc3339(c.created_at),
                    id: c.id,
                    status: c.status,
                    attempts: c.attempts,
                    last_code,
                    last_error: c.last_error,
                });
            }
            out.push(view(h, calls));
        }
        Ok(out)
    }

    /// Removes one of the organisation's webhooks with its calls and their log.
    #[crate::boxed]
    pub async fn delete_webhook(&self, user: &UserActor, id: &str) -> Result<(), StoreError> {
        let org = may_manage(user)?;
        webhook::Entity::find_by_id(id.to_owned())
            .filter(webhook::Column::OrganisationId.eq(org))
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound { entity: "webhook" })?;
        let txn = self.db.begin().await?;
        let calls = webhook_call::Entity::find()
            .select_only()
            .column(webhook_call::Column::Id)
            .filter(webhook_call::Column::WebhookId.eq(id))
            .into_tuple::<String>()
            .all(&txn)
            .await?;
        for chunk in calls.chunks(500) {
            webhook_attempt::Entity::delete_many()
                .filter(webhook_attempt::Column::CallId.is_in(chunk.to_vec()))
                .exec(&txn)
                .await?;
        }
        webhook_call::Entity::delete_many()
            .filter(webhook_call::Column::WebhookId.eq(id))
            .exec(&txn)
            .await?;
        webhook::Entity::delete_by_id(id.to_owned())
            .exec(&txn)
            .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Claims up to `limit` due calls of webhooks that are on, for `lease`.
    #[crate::boxed]
    pub async fn claim_calls(
        &self,
        now: OffsetDateTime,
        lease: Duration,
        limit: u64,
    ) -> Result<Vec<Call>, StoreError> {
        let txn = self.db.begin().await?;
        let q = webhook_call::Entity::find()
            .filter(due(
                now,
                webhook_call::Column::Status,
                webhook_call::Column::NextAttemptAt,
                webhook_call::Column::ClaimedUntil,
            ))
            .order_by_asc(webhook_call::Column::NextAttemptAt)
            .limit(limit);
        let due = due_rows(q, &txn, self).await?;
        let mut out = Vec::new();
        for c in due {
            let Some(h) = webhook::Entity::find_by_id(c.webhook_id.clone())
                .one(&self.db)
                .await?
                .filter(|h| h.enabled)
            else {
                continue;
            };
            let took = webhook_call::Entity::update_many()
                .col_expr(webhook_call::Column::ClaimedUntil, Expr::value(now + lease))
                .col_expr(webhook_call::Column::Attempts, Expr::value(c.attempts + 1))
                .filter(webhook_call::Column::Id.eq(c.id.as_str()))
                .filter(webhook_call::Column::Attempts.eq(c.attempts))
                .exec(&txn)
                .await?;
            if took.rows_affected == 1 {
                out.push(Call {
                    id: c.id,
                    url: h.url,
                    secret: h.secret,
                    payload: c.payload,
                    attempt: c.attempts + 1,
                });
            }
        }
        txn.commit().await?;
        Ok(out)
    }

    /// Records an attempt at call `id`: the status code (none when nothing answered) and what came back.
    /// A 2xx delivers it and clears the webhook's failures; anything else is retried after `backoff`, and
    /// the webhook's `FAILURES_BEFORE_DISABLED`th failure in a row turns it off, fails its waiting calls and
    /// tells the person who set it up.
    #[crate::boxed]
    pub async fn finish_call(
        &self,
        id: &str,
        status_code: Option<u16>,
        response: &str,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let ok = status_code.is_some_and(|c| (200..300).contains(&c));
        // The attempt is written first, so the transaction holds the write lock before it reads.
        let txn = self.db.begin().await?;
        webhook_attempt::ActiveModel {
            id: Set(uuid::Uuid::now_v7().to_string()),
            call_id: Set(id.to_owned()),
            at: Set(now),
            status_code: Set(status_code.map(i32::from)),
            ok: Set(ok),
            response: Set(response.chars().take(500).collect()),
        }
        .insert(&txn)
        .await?;
        let c = webhook_call::Entity::find_by_id(id.to_owned())
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound {
                entity: "webhook call",
            })?;
        let h = webhook::Entity::find_by_id(c.webhook_id.clone())
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound { entity: "webhook" })?;
        let (attempts, hook_id) = (c.attempts, h.id.clone());
        let mut call: webhook_call::ActiveModel = c.into();
        call.claimed_until = Set(None);
        let mut hook: webhook::ActiveModel = h.clone().into();
        if ok {
            call.status = Set("sent".into());
            call.sent_at = Set(Some(now));
            call.last_error = Set(None);
            hook.failures = Set(0);
        } else {
            call.last_error = Set(Some(response.chars().take(500).collect()));
            call.next_attempt_at = Set(now + backoff(attempts));
            hook.failures = Set(h.failures + 1);
            if h.failures + 1 >= FAILURES_BEFORE_DISABLED && h.enabled {
                hook.enabled = Set(false);
                call.status = Set("failed".into());
                turned_off(&txn, &h, now).await?;
            }
        }
        call.update(&txn).await?;
        hook.update(&txn).await?;
        if !ok {
            // A webhook that is off sends nothing more until someone sets it up again.
            webhook_call::Entity::update_many()
                .col_expr(webhook_call::Column::Status, Expr::value("failed"))
                .col_expr(
                    webhook_call::Column::LastError,
                    Expr::value("not sent: the webhook was turned off"),
                )
                .filter(webhook_call::Column::WebhookId.eq(hook_id))
                .filter(webhook_call::Column::Status.eq("pending"))
                .filter(
                    webhook_call::Column::WebhookId.in_subquery(
                        sea_orm::sea_query::Query::select()
                            .column(webhook::Column::Id)
                            .from(webhook::Entity)
                            .and_where(webhook::Column::Enabled.eq(false))
                            .to_owned(),
                    ),
                )
                .exec(&txn)
                .await?;
        }
        txn.commit().await?;
        Ok(())
    }
}

/// Tells the person who set up webhook `h` that it was turned off.
async fn turned_off(
    txn: &DatabaseTransaction,
    h: &webhook::Model,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    let alert_id = uuid::Uuid::now_v7().to_string();
    alert::ActiveModel {
        id: Set(alert_id.clone()),
        key: Set(format!("webhook_off:{}:{}", h.id, format_rfc3339(now))),
        event_seq: Set(None),
        entity: Set("webhook".into()),
        entity_id: Set(h.id.clone()),
        record: Set(format!("webhook to {}", h.url)),
        step: Set(format!(
            "turned off after {FAILURES_BEFORE_DISABLED} failed deliveries in a row"
        )),
        summary: Set(
            "alerts are no longer posted to it; set it up again once the receiving system answers"
                .into(),
        ),
        link: Set("/alerts#webhooks".into()),
        group_key: Set(format!("webhook:{}", h.id)),
        created_at: Set(now),
    }
    .insert(txn)
    .await?;
    notification::ActiveModel {
        user_id: Set(h.owner_user_id.clone()),
        alert_id: Set(alert_id),
        actor_name: Set("Corridor".into()),
        reason: Set("you set up this webhook".into()),
        created_at: Set(now),
        read_at: Set(None),
    }
    .insert(txn)
    .await?;
    Ok(())
}

fn view(h: webhook::Model, calls: Vec<WebhookCallView>) -> WebhookView {
    WebhookView {
        created_at: format_rfc3339(h.created_at),
        id: h.id,
        url: h.url,
        enabled: h.enabled,
        failures: h.failures,
        calls,
    }
}
