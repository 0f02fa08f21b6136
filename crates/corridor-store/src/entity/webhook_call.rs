//! The `webhook_calls` table: one alert to post to a webhook, its state and lease. Not audited.

use sea_orm::entity::prelude::*;

/// One row of `webhook_calls`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "webhook_calls")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub webhook_id: String,
    #[sea_orm(column_type = "Text")]
    pub payload: String,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: TimeDateTimeWithTimeZone,
    pub claimed_until: Option<TimeDateTimeWithTimeZone>,
    pub created_at: TimeDateTimeWithTimeZone,
    pub sent_at: Option<TimeDateTimeWithTimeZone>,
    pub last_error: Option<String>,
}

/// No relations are declared: joins are written where they are needed.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
