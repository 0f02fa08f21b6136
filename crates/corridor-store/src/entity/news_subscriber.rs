//! The `news_subscribers` table: visitors' addresses for published news. Not audited; the nonces are the
//! capabilities of the links mailed to the address, so the bundle and backups carry them as they are.

use sea_orm::entity::prelude::*;

/// One row of `news_subscribers`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "news_subscribers")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub email: String,
    pub language: String,
    pub status: String,
    pub confirm_nonce: Option<String>,
    pub unsubscribe_nonce: String,
    pub created_at: TimeDateTimeWithTimeZone,
    pub confirm_sent_at: TimeDateTimeWithTimeZone,
    pub confirmed_at: Option<TimeDateTimeWithTimeZone>,
    pub unsubscribed_at: Option<TimeDateTimeWithTimeZone>,
}

/// No relations are declared: joins are written where they are needed.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
