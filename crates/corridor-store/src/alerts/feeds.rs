//! Feed links: a secret token per account in the URL of its Atom feed of alerts and its iCalendar feed of
//! meetings and due dates. Only the token's SHA-256 is kept; making a new one revokes the old, and a
//! revoked or unknown token reads as not found. A feed reads as its account would, so it never carries
//! what that account may not see.

use crate::directory::{random_hex, sha256_hex};
use crate::entity::{alert_setting, follow, user};
use crate::{Store, StoreError};
use corridor_core::actor::UserActor;
use corridor_core::alert::{FollowKind, Target};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

/// What a user follows, sorted for the calendar: records by kind, areas, organisations' registers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Followed {
    /// `(kind, id)` of each record followed.
    pub records: Vec<(FollowKind, String)>,
    /// Areas followed (`meetings`, `register`, …).
    pub areas: Vec<String>,
    /// Organisations whose register items are followed.
    pub registers: Vec<String>,
}

impl Followed {
    /// Whether a record of `kind` with `id` is followed.
    pub fn record(&self, kind: FollowKind, id: &str) -> bool {
        self.records.iter().any(|(k, i)| *k == kind && i == id)
    }

    /// Whether the area is followed.
    pub fn area(&self, area: &str) -> bool {
        self.areas.iter().any(|a| a == area)
    }
}

impl Store {
    /// Makes a new feed token for the account, revoking the one before; answers the token, which is shown
    /// once and never stored.
    #[crate::boxed]
    pub async fn new_feed_token(&self, user: &UserActor) -> Result<String, StoreError> {
        let token = random_hex(24);
        let row = self.settings_row(&user.user_id.to_string()).await?;
        let mut row: alert_setting::ActiveModel = row.into();
        row.feed_token_digest = Set(Some(sha256_hex(&token)));
        row.update(&self.db).await?;
        Ok(token)
    }

    /// Revokes the account's feed token: its links stop working.
    #[crate::boxed]
    pub async fn revoke_feed_token(&self, user: &UserActor) -> Result<(), StoreError> {
        let row = self.settings_row(&user.user_id.to_string()).await?;
        let mut row: alert_setting::ActiveModel = row.into();
        row.feed_token_digest = Set(None);
        row.update(&self.db).await?;
        Ok(())
    }

    /// The active account whose feed token this is; not found for an unknown, revoked or disabled one.
    #[crate::boxed]
    pub async fn feed_reader(&self, token: &str) -> Result<UserActor, StoreError> {
        let missing = || StoreError::NotFound { entity: "feed" };
        if token.len() != 48 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(missing());
        }
        let s = alert_setting::Entity::find()
            .filter(alert_setting::Column::FeedTokenDigest.eq(sha256_hex(token)))
            .one(&self.db)
            .await?
            .ok_or_else(missing)?;
        let u = user::Entity::find_by_id(s.user_id)
            .one(&self.db)
            .await?
            .filter(|u| !u.disabled)
            .ok_or_else(missing)?;
        match self.actor_of(&u.username).await?.user() {
            Some(a) => Ok(a.clone()),
            None => Err(missing()),
        }
    }

    /// What the account follows, sorted by kind.
    #[crate::boxed]
    pub async fn followed(&self, user: &UserActor) -> Result<Followed, StoreError> {
        let mut out = Followed::default();
        for f in follow::Entity::find()
            .filter(follow::Column::UserId.eq(user.user_id.to_string()))
            .all(&self.db)
            .await?
        {
            match Target::parse("target", &f.target) {
                Ok(Target::Record(kind, id)) => out.records.push((kind, id.to_string())),
                Ok(Target::Area(a)) => out.areas.push(a.to_owned()),
                Ok(Target::OrganisationRegister(o)) => out.registers.push(o.to_string()),
                Err(_) => {}
            }
        }
        Ok(out)
    }
}
