//! The `projects` table.

use sea_orm::entity::prelude::*;
use serde::Serialize;

/// One row of `projects`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "projects")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub kind: String,
    pub name: String,
    /// JSON object of Chinese and Urdu names.
    #[sea_orm(column_type = "Text")]
    pub translations: String,
    pub sector: Option<String>,
    pub province: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub area: Option<f64>,
    pub area_unit: Option<String>,
    /// JSON array of organisation ids.
    #[sea_orm(column_type = "Text")]
    pub lead_organisation_ids: String,
    pub developer: Option<String>,
    pub parent_id: Option<String>,
    pub instrument_id: Option<String>,
    pub status: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub stalled_reason: Option<String>,
    #[serde(with = "corridor_core::dates::iso_date::option")]
    pub planned_start: Option<TimeDate>,
    #[serde(with = "corridor_core::dates::iso_date::option")]
    pub planned_end: Option<TimeDate>,
    #[serde(with = "corridor_core::dates::iso_date::option")]
    pub actual_start: Option<TimeDate>,
    #[serde(with = "corridor_core::dates::iso_date::option")]
    pub actual_end: Option<TimeDate>,
    /// JSON object of milestone id to weight.
    #[sea_orm(column_type = "Text")]
    pub milestone_weights: String,
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
