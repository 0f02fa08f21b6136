//! The inbox: a user's notifications grouped by the record they concern, the newest group first, with the
//! count of unread ones, and marking them read.

use crate::entity::notification;
use crate::{Store, StoreError};
use corridor_core::actor::UserActor;
use corridor_core::alert::view::{InboxEntry, InboxGroup};
use corridor_core::dates::format_rfc3339;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

pub(crate) fn entry(n: notification::Model) -> InboxEntry {
    InboxEntry {
        read: n.read_at.is_some(),
        at: format_rfc3339(n.created_at),
        id: n.id,
        record: n.record,
        step: n.action,
        changes: n.summary,
        actor: n.actor_name,
        reason: n.reason,
        link: n.link,
        event_seq: n.event_seq,
    }
}

impl Store {
    /// The user's latest `limit` notifications (only unread ones when `unread_only`), grouped by record.
    pub async fn inbox(
        &self,
        user: &UserActor,
        unread_only: bool,
        limit: u64,
    ) -> Result<Vec<InboxGroup>, StoreError> {
        let mut q = notification::Entity::find()
            .filter(notification::Column::UserId.eq(user.user_id.to_string()));
        if unread_only {
            q = q.filter(notification::Column::ReadAt.is_null());
        }
        let rows = q
            .order_by_desc(notification::Column::CreatedAt)
            .order_by_desc(notification::Column::EventSeq)
            .limit(limit.clamp(1, 500))
            .all(&self.db)
            .await?;
        let mut groups: Vec<InboxGroup> = Vec::new();
        for n in rows {
            let key = n.group_key.clone();
            let e = entry(n);
            match groups.iter_mut().find(|g| g.group == key) {
                Some(g) => {
                    g.unread += usize::from(!e.read);
                    g.entries.push(e);
                }
                None => groups.push(InboxGroup {
                    group: key,
                    unread: usize::from(!e.read),
                    entries: vec![e],
                }),
            }
        }
        Ok(groups)
    }

    /// How many of the user's notifications are unread.
    pub async fn unread_count(&self, user: &UserActor) -> Result<u64, StoreError> {
        Ok(notification::Entity::find()
            .filter(notification::Column::UserId.eq(user.user_id.to_string()))
            .filter(notification::Column::ReadAt.is_null())
            .count(&self.db)
            .await?)
    }

    /// Marks the user's notifications read: those named in `ids`, those of record `group`, or all of them
    /// when both are empty. Answers how many changed; another user's notifications are never touched.
    pub async fn mark_read(
        &self,
        user: &UserActor,
        ids: &[String],
        group: Option<&str>,
    ) -> Result<u64, StoreError> {
        let mut q = notification::Entity::update_many()
            .col_expr(
                notification::Column::ReadAt,
                Expr::value(corridor_core::now()),
            )
            .filter(notification::Column::UserId.eq(user.user_id.to_string()))
            .filter(notification::Column::ReadAt.is_null());
        if !ids.is_empty() {
            q = q.filter(notification::Column::Id.is_in(ids.to_vec()));
        }
        if let Some(g) = group {
            q = q.filter(notification::Column::GroupKey.eq(g));
        }
        Ok(q.exec(&self.db).await?.rows_affected)
    }
}
