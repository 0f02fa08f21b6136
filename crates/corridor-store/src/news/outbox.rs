//! E-mail to news subscribers as administrators see it: each e-mail with every attempt, failures first, and a
//! retry that puts a failed or waiting one back in the queue now. Subscribers belong to neither side, so an
//! administrator of either member party sees them; what an e-mail says is not shown.

use crate::entity::{news_subscriber, public_mail, public_mail_attempt};
use crate::{Store, StoreError};
use corridor_core::Role;
use corridor_core::actor::UserActor;
use corridor_core::alert::view::DeliveryView;
use corridor_core::dates::format_rfc3339;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

fn admin_only(admin: &UserActor) -> Result<(), StoreError> {
    if admin.role == Role::Admin && admin.member {
        Ok(())
    } else {
        Err(StoreError::Forbidden(
            "only an administrator of a member party sees the e-mail to news subscribers".into(),
        ))
    }
}

impl Store {
    /// The latest `limit` e-mails to news subscribers, those that failed or wait for a retry first.
    #[crate::boxed]
    pub async fn public_deliveries(
        &self,
        admin: &UserActor,
        limit: u64,
    ) -> Result<Vec<DeliveryView>, StoreError> {
        admin_only(admin)?;
        let rows = public_mail::Entity::find()
            .order_by_asc(Expr::cust(
                "CASE WHEN status = 'failed' THEN 0 WHEN status = 'pending' AND attempts > 0 THEN 1 ELSE 2 END",
            ))
            .order_by_desc(public_mail::Column::CreatedAt)
            .limit(limit.clamp(1, 500))
            .all(&self.db)
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for m in rows {
            let log = public_mail_attempt::Entity::find()
                .filter(public_mail_attempt::Column::MailId.eq(m.id.as_str()))
                .order_by_desc(public_mail_attempt::Column::At)
                .all(&self.db)
                .await?
                .into_iter()
                .map(|a| (format_rfc3339(a.at), a.ok, a.response))
                .collect();
            let recipient = news_subscriber::Entity::find_by_id(m.subscriber_id.clone())
                .one(&self.db)
                .await?
                .map(|s| s.email)
                .unwrap_or_default();
            out.push(DeliveryView {
                next_attempt_at: (m.status == "pending").then(|| format_rfc3339(m.next_attempt_at)),
                created_at: format_rfc3339(m.created_at),
                sent_at: m.sent_at.map(format_rfc3339),
                id: m.id,
                username: String::new(),
                recipient,
                kind: m.kind,
                status: m.status,
                attempts: m.attempts,
                last_error: m.last_error,
                log,
            });
        }
        Ok(out)
    }

    /// Puts a failed or waiting e-mail to a news subscriber back in the queue now, with a fresh count of
    /// attempts; its earlier attempts stay in its log. A sent one is left alone.
    #[crate::boxed]
    pub async fn retry_public_mail(&self, admin: &UserActor, id: &str) -> Result<(), StoreError> {
        admin_only(admin)?;
        let moved = public_mail::Entity::update_many()
            .col_expr(public_mail::Column::Status, Expr::value("pending"))
            .col_expr(public_mail::Column::Attempts, Expr::value(0))
            .col_expr(
                public_mail::Column::NextAttemptAt,
                Expr::value(corridor_core::now()),
            )
            .col_expr(
                public_mail::Column::ClaimedUntil,
                Expr::value(Option::<time::OffsetDateTime>::None),
            )
            .filter(public_mail::Column::Id.eq(id))
            .filter(public_mail::Column::Status.ne("sent"))
            .exec(&self.db)
            .await?;
        if moved.rows_affected == 0 {
            return Err(StoreError::NotFound {
                entity: "public_mail",
            });
        }
        Ok(())
    }
}
