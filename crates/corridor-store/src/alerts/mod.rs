//! Alerts: what people follow (`mod.rs`), the fan-out of the event log to the followers who may see each
//! event (`fanout.rs`), alerts of dates coming or gone (`schedule.rs`), the inbox (`inbox.rs`), e-mail
//! waiting to be sent with every attempt at it (`outbox.rs`), organisations' webhooks (`webhooks.rs`), the
//! outbox as administrators see it (`admin.rs`), and the secret links of each account's feeds
//! (`feeds.rs`). Nothing here is audited; the fan-out reads the log after commit and keeps its place in
//! `log_cursors` in the same transaction as what it writes, so an event is never lost and never alerted
//! twice.

mod admin;
mod batch;
mod fanout;
mod feeds;
mod inbox;
mod outbox;
mod schedule;
mod webhooks;

pub use fanout::FanOut;
pub(crate) use fanout::pass_over;
pub use feeds::Followed;
pub use outbox::{Attempt, Mail, MailKind};
pub(crate) use outbox::{due, due_rows};
pub use schedule::Scheduled;
pub use webhooks::Call;

use crate::access::Audited;
use crate::directory::require_visible;
use crate::entity::{
    alert_setting, body, exchange, follow, indicator, instrument, meeting, organisation, project,
    register_item, study,
};
use crate::{Store, StoreError};
use corridor_core::Viewer;
use corridor_core::actor::UserActor;
use corridor_core::alert::view::{AlertSettings, FollowView};
use corridor_core::alert::{AREAS, EmailMode, FollowKind, Reason, Target};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

/// The label a follow shows: `project “Rashakai SEZ”`.
fn quoted(kind: &str, name: &str) -> String {
    format!("{kind} “{name}”")
}

/// Checks that `viewer` may see what `target` names, answering its label.
async fn target_label(
    conn: &impl ConnectionTrait,
    viewer: &Viewer,
    target: &Target,
) -> Result<String, StoreError> {
    async fn seen<E: Audited>(
        conn: &impl ConnectionTrait,
        viewer: &Viewer,
        id: &uuid::Uuid,
    ) -> Result<E::Model, StoreError> {
        require_visible::<E>(conn, viewer, &id.to_string(), "target").await
    }
    Ok(match target {
        Target::Area(area) => AREAS
            .iter()
            .find(|(a, _)| a == area)
            .map_or_else(|| (*area).to_owned(), |(_, label)| (*label).to_owned()),
        Target::OrganisationRegister(id) => {
            let o = seen::<organisation::Entity>(conn, viewer, id).await?;
            format!("the register items of {}", o.name)
        }
        Target::Record(kind, id) => {
            let name = match kind {
                FollowKind::Meeting => seen::<meeting::Entity>(conn, viewer, id).await?.title,
                FollowKind::RegisterItem => {
                    let t = seen::<register_item::Entity>(conn, viewer, id).await?.text;
                    t.lines()
                        .next()
                        .unwrap_or_default()
                        .chars()
                        .take(90)
                        .collect()
                }
                FollowKind::Body => seen::<body::Entity>(conn, viewer, id).await?.name,
                FollowKind::Instrument => seen::<instrument::Entity>(conn, viewer, id).await?.title,
                FollowKind::Project => seen::<project::Entity>(conn, viewer, id).await?.name,
                FollowKind::Study => seen::<study::Entity>(conn, viewer, id).await?.title,
                FollowKind::Exchange => seen::<exchange::Entity>(conn, viewer, id).await?.title,
                FollowKind::Indicator => seen::<indicator::Entity>(conn, viewer, id).await?.title,
            };
            quoted(kind.label(), &name)
        }
    })
}

fn follow_view(f: follow::Model) -> FollowView {
    let link = Target::parse("target", &f.target)
        .map(|t| t.link())
        .unwrap_or_default();
    FollowView {
        reason: Reason::parse(&f.reason),
        target: f.target,
        label: f.label,
        link,
    }
}

/// Adds a follow unless the user already has one for the target.
pub(crate) async fn add_follow(
    conn: &impl ConnectionTrait,
    user_id: &str,
    target: &str,
    label: &str,
    reason: Reason,
) -> Result<(), StoreError> {
    let row = follow::ActiveModel {
        id: Set(uuid::Uuid::now_v7().to_string()),
        user_id: Set(user_id.to_owned()),
        target: Set(target.to_owned()),
        label: Set(label.to_owned()),
        reason: Set(reason.as_str().to_owned()),
        created_at: Set(corridor_core::now()),
    };
    follow::Entity::insert(row)
        .on_conflict_do_nothing_on([follow::Column::UserId, follow::Column::Target])
        .exec(conn)
        .await?;
    Ok(())
}

impl Store {
    /// Follows `target` (`kind:id`, `area:name`, `organisation_register:id`) for `user`; a target the user
    /// may not see is refused as if it did not exist. Following twice is one follow.
    #[crate::boxed]
    pub async fn follow(&self, user: &UserActor, target: &str) -> Result<FollowView, StoreError> {
        let parsed = Target::parse("target", target)?;
        let viewer = Viewer::User(user.clone());
        let label = target_label(&self.db, &viewer, &parsed).await?;
        let key = parsed.to_string();
        add_follow(
            &self.db,
            &user.user_id.to_string(),
            &key,
            &label,
            Reason::Chosen,
        )
        .await?;
        let kept = follow::Entity::find()
            .filter(follow::Column::UserId.eq(user.user_id.to_string()))
            .filter(follow::Column::Target.eq(key))
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound { entity: "follow" })?;
        Ok(follow_view(kept))
    }

    /// Stops following `target`; not found when the user does not follow it.
    #[crate::boxed]
    pub async fn unfollow(&self, user: &UserActor, target: &str) -> Result<(), StoreError> {
        let key = Target::parse("target", target)?.to_string();
        let gone = follow::Entity::delete_many()
            .filter(follow::Column::UserId.eq(user.user_id.to_string()))
            .filter(follow::Column::Target.eq(key))
            .exec(&self.db)
            .await?;
        if gone.rows_affected == 0 {
            return Err(StoreError::NotFound { entity: "follow" });
        }
        Ok(())
    }

    /// What `user` follows, the newest first.
    /// Each record is named as it is now, when the user may still see it; one narrowed away from them since
    /// they followed it is listed without its name, so they can stop following it.
    #[crate::boxed]
    pub async fn follows(&self, user: &UserActor) -> Result<Vec<FollowView>, StoreError> {
        let viewer = Viewer::User(user.clone());
        let mut out = Vec::new();
        for f in follow::Entity::find()
            .filter(follow::Column::UserId.eq(user.user_id.to_string()))
            .order_by_desc(follow::Column::CreatedAt)
            .order_by_asc(follow::Column::Target)
            .all(&self.db)
            .await?
        {
            let mut v = follow_view(f);
            v.label = match Target::parse("target", &v.target) {
                Ok(t) => match target_label(&self.db, &viewer, &t).await {
                    Ok(label) => label,
                    Err(StoreError::Invalid(_)) => {
                        "a record you may no longer see; stop following it here".to_owned()
                    }
                    Err(e) => return Err(e),
                },
                Err(_) => v.label,
            };
            out.push(v);
        }
        Ok(out)
    }

    /// Whether `user` follows `target`.
    #[crate::boxed]
    pub async fn follows_target(&self, user: &UserActor, target: &str) -> Result<bool, StoreError> {
        Ok(follow::Entity::find()
            .filter(follow::Column::UserId.eq(user.user_id.to_string()))
            .filter(follow::Column::Target.eq(target))
            .one(&self.db)
            .await?
            .is_some())
    }

    /// The user's settings row, made with the defaults (a daily digest) on first use.
    pub(crate) async fn settings_row(
        &self,
        user_id: &str,
    ) -> Result<alert_setting::Model, StoreError> {
        if let Some(s) = alert_setting::Entity::find_by_id(user_id.to_owned())
            .one(&self.db)
            .await?
        {
            return Ok(s);
        }
        let row = alert_setting::ActiveModel {
            user_id: Set(user_id.to_owned()),
            email_mode: Set(EmailMode::Daily.as_str().to_owned()),
            last_digest_at: Set(Some(corridor_core::now())),
            unsubscribe_nonce: Set(crate::directory::random_hex(16)),
            feed_token_digest: Set(None),
        };
        alert_setting::Entity::insert(row)
            .on_conflict_do_nothing_on([alert_setting::Column::UserId])
            .exec(&self.db)
            .await?;
        alert_setting::Entity::find_by_id(user_id.to_owned())
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound { entity: "user" })
    }

    /// The user's alert settings.
    #[crate::boxed]
    pub async fn alert_settings(&self, user: &UserActor) -> Result<AlertSettings, StoreError> {
        let row = self.settings_row(&user.user_id.to_string()).await?;
        Ok(AlertSettings {
            email_mode: EmailMode::parse("email_mode", &row.email_mode)?,
            email: self.email_of(&user.person_id.to_string()).await?,
            has_feed_token: row.feed_token_digest.is_some(),
        })
    }

    /// Sets how the user takes alerts by e-mail. Choosing a digest starts its period now.
    #[crate::boxed]
    pub async fn set_email_mode(
        &self,
        user: &UserActor,
        mode: &str,
    ) -> Result<AlertSettings, StoreError> {
        let mode = EmailMode::parse("email_mode", mode)?;
        let row = self.settings_row(&user.user_id.to_string()).await?;
        let was = row.email_mode.clone();
        let mut row: alert_setting::ActiveModel = row.into();
        row.email_mode = Set(mode.as_str().to_owned());
        if was != mode.as_str() && mode.period().is_some() {
            row.last_digest_at = Set(Some(corridor_core::now()));
        }
        row.update(&self.db).await?;
        self.alert_settings(user).await
    }

    /// The e-mail address of person `id`, if the person record has one.
    pub(crate) async fn email_of(&self, person_id: &str) -> Result<Option<String>, StoreError> {
        Ok(
            crate::entity::person::Entity::find_by_id(person_id.to_owned())
                .one(&self.db)
                .await?
                .and_then(|p| p.email)
                .filter(|e| !e.trim().is_empty()),
        )
    }

    /// Unsubscribes the account that the link `(user_id, nonce)` was sent to from e-mail. The nonce
    /// changes, so the link works once; a forged or used link is not found and changes nothing.
    #[crate::boxed]
    pub async fn unsubscribe(&self, user_id: &str, nonce: &str) -> Result<String, StoreError> {
        let fresh = crate::directory::random_hex(16);
        let done = alert_setting::Entity::update_many()
            .col_expr(
                alert_setting::Column::EmailMode,
                EmailMode::Off.as_str().into(),
            )
            .col_expr(alert_setting::Column::UnsubscribeNonce, fresh.into())
            .filter(alert_setting::Column::UserId.eq(user_id))
            .filter(alert_setting::Column::UnsubscribeNonce.eq(nonce))
            .exec(&self.db)
            .await?;
        if done.rows_affected == 0 || nonce.is_empty() {
            return Err(StoreError::NotFound {
                entity: "unsubscribe link",
            });
        }
        let user = crate::entity::user::Entity::find_by_id(user_id.to_owned())
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound { entity: "user" })?;
        Ok(user.username)
    }
}
