//! The `consultation_responses` table.

use sea_orm::entity::prelude::*;
use serde::Serialize;

/// One row of `consultation_responses`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "consultation_responses")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub consultation_id: String,
    pub organisation_id: String,
    pub position: String,
    #[serde(with = "corridor_core::dates::iso_date")]
    pub responded_on: TimeDate,
    /// JSON array of comments: clause key, text, taken up, reason.
    #[sea_orm(column_type = "Text")]
    pub comments: String,
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
