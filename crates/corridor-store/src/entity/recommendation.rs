//! The `recommendations` table.

use sea_orm::entity::prelude::*;
use serde::Serialize;

/// One row of `recommendations`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "recommendations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub study_id: String,
    pub number: i32,
    #[sea_orm(column_type = "Text", nullable)]
    pub finding: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub text: String,
    #[sea_orm(column_type = "Text")]
    pub translations: String,
    #[sea_orm(column_type = "Text")]
    pub lead_organisation_ids: String,
    #[serde(with = "corridor_core::dates::iso_date::option")]
    pub due_on: Option<TimeDate>,
    pub potential: String,
    pub completion: Option<String>,
    pub register_item_id: Option<String>,
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
