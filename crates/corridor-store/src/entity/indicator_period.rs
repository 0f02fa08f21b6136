//! The `indicator_periods` table: a period of an indicator: targets, each side's headline figure, the agreed figure and its confirmations (JSON), and its lock.

use sea_orm::entity::prelude::*;
use serde::Serialize;

/// One row of `indicator_periods`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "indicator_periods")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub indicator_id: String,
    #[serde(with = "corridor_core::dates::iso_date")]
    pub starts_on: TimeDate,
    #[serde(with = "corridor_core::dates::iso_date")]
    pub ends_on: TimeDate,
    #[sea_orm(column_type = "Text")]
    pub targets: String,
    #[sea_orm(column_type = "Text")]
    pub headlines: String,
    pub reconciliation: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub agreed_value: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub confirmations: String,
    pub locked: bool,
    #[sea_orm(column_type = "Text", nullable)]
    pub lock_reason: Option<String>,
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
