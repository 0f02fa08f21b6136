//! The `alerts` table: what happened, once per event or date, with its context written out. Not audited.

use sea_orm::entity::prelude::*;

/// One row of `alerts`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "alerts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub key: String,
    pub event_seq: Option<i64>,
    pub entity: String,
    pub entity_id: String,
    #[sea_orm(column_type = "Text")]
    pub record: String,
    #[sea_orm(column_type = "Text")]
    pub step: String,
    #[sea_orm(column_type = "Text")]
    pub summary: String,
    #[sea_orm(column_type = "Text")]
    pub link: String,
    pub group_key: String,
    pub created_at: TimeDateTimeWithTimeZone,
}

/// No relations are declared: joins are written where they are needed.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
