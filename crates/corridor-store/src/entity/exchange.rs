//! The `exchanges` table: a delegation visit or exchange cohort.

use sea_orm::entity::prelude::*;
use serde::Serialize;

/// One row of `exchanges`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "exchanges")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub kind: String,
    #[sea_orm(column_type = "Text")]
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub translations: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub purpose: Option<String>,
    pub request_item_id: Option<String>,
    pub programme_project_id: Option<String>,
    pub cohort_year: Option<i32>,
    pub sending_party_id: String,
    pub host_party_id: String,
    #[serde(with = "corridor_core::dates::iso_date")]
    pub starts_on: TimeDate,
    #[serde(with = "corridor_core::dates::iso_date")]
    pub ends_on: TimeDate,
    pub status: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub status_reason: Option<String>,
    #[serde(with = "corridor_core::dates::iso_date::option")]
    pub reported_on: Option<TimeDate>,
    #[sea_orm(column_type = "Text", nullable)]
    pub report_summary: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub report_outcomes: String,
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
