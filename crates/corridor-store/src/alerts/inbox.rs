//! The inbox: a user's notifications grouped by the record they concern, the newest group first, with the
//! count of unread ones, and marking them read.

use crate::entity::{alert, notification};
use crate::{Store, StoreError};
use corridor_core::actor::UserActor;
use corridor_core::alert::view::{InboxEntry, InboxGroup};
use corridor_core::dates::format_rfc3339;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::HashMap;

/// The user's notifications, newest first: those of `alert_ids` when given, only unread ones when asked,
/// at most `limit`, each with its alert's context.
pub(crate) async fn entries(
    conn: &impl ConnectionTrait,
    user_id: &str,
    alert_ids: Option<Vec<String>>,
    unread_only: bool,
    limit: u64,
) -> Result<Vec<(InboxEntry, String)>, StoreError> {
    let mut q = notification::Entity::find().filter(notification::Column::UserId.eq(user_id));
    if let Some(ids) = alert_ids {
        q = q.filter(notification::Column::AlertId.is_in(ids));
    }
    if unread_only {
        q = q.filter(notification::Column::ReadAt.is_null());
    }
    let notes = q
        .order_by_desc(notification::Column::CreatedAt)
        .order_by_desc(notification::Column::AlertId)
        .limit(limit)
        .all(conn)
        .await?;
    let mut about: HashMap<String, alert::Model> = HashMap::new();
    let ids: Vec<String> = notes.iter().map(|n| n.alert_id.clone()).collect();
    for chunk in ids.chunks(500) {
        for a in alert::Entity::find()
            .filter(alert::Column::Id.is_in(chunk.to_vec()))
            .all(conn)
            .await?
        {
            about.insert(a.id.clone(), a);
        }
    }
    Ok(notes
        .into_iter()
        .filter_map(|n| {
            let a = about.remove(&n.alert_id)?;
            Some((
                InboxEntry {
                    read: n.read_at.is_some(),
                    at: format_rfc3339(n.created_at),
                    id: a.id,
                    record: a.record,
                    step: a.step,
                    changes: a.summary,
                    actor: n.actor_name,
                    reason: n.reason,
                    link: a.link,
                    event_seq: a.event_seq,
                },
                a.group_key,
            ))
        })
        .collect())
}

impl Store {
    /// The user's latest `limit` notifications (only unread ones when `unread_only`), grouped by record.
    #[crate::boxed]
    pub async fn inbox(
        &self,
        user: &UserActor,
        unread_only: bool,
        limit: u64,
    ) -> Result<Vec<InboxGroup>, StoreError> {
        let rows = entries(
            &self.db,
            &user.user_id.to_string(),
            None,
            unread_only,
            limit.clamp(1, 500),
        )
        .await?;
        let mut groups: Vec<InboxGroup> = Vec::new();
        for (e, key) in rows {
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
    #[crate::boxed]
    pub async fn unread_count(&self, user: &UserActor) -> Result<u64, StoreError> {
        Ok(notification::Entity::find()
            .filter(notification::Column::UserId.eq(user.user_id.to_string()))
            .filter(notification::Column::ReadAt.is_null())
            .count(&self.db)
            .await?)
    }

    /// Marks the user's notifications read: those of the alerts named in `ids`, those of record `group`, or
    /// all of them when both are empty. Answers how many changed; another user's are never touched.
    #[crate::boxed]
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
            q = q.filter(notification::Column::AlertId.is_in(ids.to_vec()));
        }
        if let Some(g) = group {
            q = q.filter(
                notification::Column::AlertId.in_subquery(
                    sea_orm::sea_query::Query::select()
                        .column(alert::Column::Id)
                        .from(alert::Entity)
                        .and_where(alert::Column::GroupKey.eq(g))
                        .to_owned(),
                ),
            );
        }
        Ok(q.exec(&self.db).await?.rows_affected)
    }
}
