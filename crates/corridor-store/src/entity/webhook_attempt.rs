//! The `webhook_attempts` table: every attempt at a call and what came back. Not audited.

use sea_orm::entity::prelude::*;

/// One row of `webhook_attempts`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "webhook_attempts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub call_id: String,
    pub at: TimeDateTimeWithTimeZone,
    pub status_code: Option<i32>,
    pub ok: bool,
    #[sea_orm(column_type = "Text")]
    pub response: String,
}

/// No relations are declared: joins are written where they are needed.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
