//! The `delivery_attempts` table: every attempt at a delivery and what the other end answered. Not audited.

use sea_orm::entity::prelude::*;

/// One row of `delivery_attempts`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "delivery_attempts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub delivery_id: String,
    pub at: TimeDateTimeWithTimeZone,
    pub ok: bool,
    #[sea_orm(column_type = "Text")]
    pub response: String,
}

/// No relations are declared: joins are written where they are needed.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
