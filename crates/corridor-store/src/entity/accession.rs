//! The `accessions` table.

use sea_orm::entity::prelude::*;
use serde::Serialize;

/// One row of `accessions`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "accessions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub instrument_id: String,
    pub party_id: String,
    #[serde(with = "corridor_core::dates::iso_date")]
    pub requested_on: TimeDate,
    pub status: String,
    #[serde(with = "corridor_core::dates::iso_date::option")]
    pub decided_on: Option<TimeDate>,
    #[sea_orm(column_type = "Text", nullable)]
    pub note: Option<String>,
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
