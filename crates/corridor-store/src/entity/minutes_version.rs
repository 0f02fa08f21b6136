//! The `minutes_versions` table.

use sea_orm::entity::prelude::*;
use serde::Serialize;

/// One row of `minutes_versions`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "minutes_versions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub meeting_id: String,
    pub number: i32,
    pub status: String,
    #[sea_orm(column_type = "Text")]
    pub content: String,
    pub content_hash: String,
    pub reviewed_by_party_id: Option<String>,
    pub owner_party_id: String,
    pub owner_organisation_id: Option<String>,
    pub visibility: String,
    pub version: i64,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: TimeDateTimeWithTimeZone,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: TimeDateTimeWithTimeZone,
}

/// No relations are declared: joins are written where they are needed.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
