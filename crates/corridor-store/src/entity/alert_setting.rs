//! The `alert_settings` table: each account's e-mail mode, last digest, unsubscribe nonce and feed token digest. Not audited.

use sea_orm::entity::prelude::*;

/// One row of `alert_settings`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "alert_settings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: String,
    pub email_mode: String,
    pub last_digest_at: Option<TimeDateTimeWithTimeZone>,
    pub unsubscribe_nonce: String,
    pub feed_token_digest: Option<String>,
}

/// No relations are declared: joins are written where they are needed.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
