//! The outbox as an administrator sees it: the e-mails to accounts of their own side with every attempt,
//! failures first, and a retry that puts a failed or waiting e-mail back in the queue now. An administrator
//! never sees the other side's deliveries, nor what any e-mail says.

use crate::entity::{delivery, delivery_attempt, user};
use crate::{Store, StoreError};
use corridor_core::Role;
use corridor_core::actor::UserActor;
use corridor_core::alert::view::DeliveryView;
use corridor_core::dates::format_rfc3339;
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

fn admin_only(admin: &UserActor) -> Result<(), StoreError> {
    if admin.role == Role::Admin {
        Ok(())
    } else {
        Err(StoreError::Forbidden(
            "only an administrator sees the outbox".into(),
        ))
    }
}

/// Deliveries to accounts of `party`.
fn of_party(party: &str) -> sea_orm::sea_query::SimpleExpr {
    delivery::Column::UserId.in_subquery(
        Query::select()
            .column(user::Column::Id)
            .from(user::Entity)
            .and_where(user::Column::PartyId.eq(party))
            .to_owned(),
    )
}

impl Store {
    /// The latest `limit` e-mails to accounts of the administrator's side, those that failed or wait for a
    /// retry first.
    #[crate::boxed]
    pub async fn deliveries(
        &self,
        admin: &UserActor,
        limit: u64,
    ) -> Result<Vec<DeliveryView>, StoreError> {
        admin_only(admin)?;
        let rows = delivery::Entity::find()
            .filter(of_party(&admin.party_id.to_string()))
            .order_by_asc(Expr::cust(
                "CASE WHEN status = 'failed' THEN 0 WHEN status = 'pending' AND attempts > 0 THEN 1 ELSE 2 END",
            ))
            .order_by_desc(delivery::Column::CreatedAt)
            .limit(limit.clamp(1, 500))
            .all(&self.db)
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for d in rows {
            let log = delivery_attempt::Entity::find()
                .filter(delivery_attempt::Column::DeliveryId.eq(d.id.as_str()))
                .order_by_desc(delivery_attempt::Column::At)
                .all(&self.db)
                .await?
                .into_iter()
                .map(|a| (format_rfc3339(a.at), a.ok, a.response))
                .collect();
            let username = match &d.user_id {
                Some(u) => user::Entity::find_by_id(u.clone())
                    .one(&self.db)
                    .await?
                    .map(|u| u.username)
                    .unwrap_or_default(),
                None => String::new(),
            };
            out.push(DeliveryView {
                next_attempt_at: (d.status == "pending").then(|| format_rfc3339(d.next_attempt_at)),
                created_at: format_rfc3339(d.created_at),
                sent_at: d.sent_at.map(format_rfc3339),
                id: d.id,
                username,
                recipient: d.recipient,
                kind: d.kind,
                status: d.status,
                attempts: d.attempts,
                last_error: d.last_error,
                log,
            });
        }
        Ok(out)
    }

    /// Puts a failed or waiting e-mail to an account of the administrator's side back in the queue now,
    /// with a fresh count of attempts; its earlier attempts stay in its log. A sent one is left alone.
    #[crate::boxed]
    pub async fn retry_delivery(&self, admin: &UserActor, id: &str) -> Result<(), StoreError> {
        admin_only(admin)?;
        let moved = delivery::Entity::update_many()
            .col_expr(delivery::Column::Status, Expr::value("pending"))
            .col_expr(delivery::Column::Attempts, Expr::value(0))
            .col_expr(
                delivery::Column::NextAttemptAt,
                Expr::value(corridor_core::now()),
            )
            .col_expr(
                delivery::Column::ClaimedUntil,
                Expr::value(Option::<time::OffsetDateTime>::None),
            )
            .filter(delivery::Column::Id.eq(id))
            .filter(delivery::Column::Status.ne("sent"))
            .filter(of_party(&admin.party_id.to_string()))
            .exec(&self.db)
            .await?;
        if moved.rows_affected == 0 {
            return Err(StoreError::NotFound { entity: "delivery" });
        }
        Ok(())
    }
}
