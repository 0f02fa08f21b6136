//! The `webhooks` table: an organisation's address for its alerts as signed JSON. Not audited.

use sea_orm::entity::prelude::*;

/// One row of `webhooks`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "webhooks")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub organisation_id: String,
    #[sea_orm(column_type = "Text")]
    pub url: String,
    pub secret: String,
    pub owner_user_id: String,
    pub enabled: bool,
    pub failures: i32,
    pub created_at: TimeDateTimeWithTimeZone,
}

/// No relations are declared: joins are written where they are needed.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
