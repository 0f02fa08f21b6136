//! The `indicators` table: an indicator; `dimensions` is a JSON array of names.

use sea_orm::entity::prelude::*;
use serde::Serialize;

/// One row of `indicators`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "indicators")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub result_id: String,
    #[sea_orm(column_type = "Text")]
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub translations: String,
    pub unit: String,
    pub currency: Option<String>,
    pub direction: String,
    pub aggregation: String,
    #[sea_orm(column_type = "Text")]
    pub dimensions: String,
    #[sea_orm(column_type = "Double")]
    pub tolerance: f64,
    #[sea_orm(column_type = "Double")]
    pub weight: f64,
    #[sea_orm(column_type = "Text", nullable)]
    pub baseline_value: Option<String>,
    #[serde(with = "corridor_core::dates::iso_date::option")]
    pub baseline_on: Option<TimeDate>,
    #[sea_orm(column_type = "Text", nullable)]
    pub baseline_source: Option<String>,
    pub computed_from: Option<String>,
    pub period_kind: String,
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
