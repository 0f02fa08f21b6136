//! The `instrument_steps` table.

use sea_orm::entity::prelude::*;
use serde::Serialize;

/// One row of `instrument_steps`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "instrument_steps")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub instrument_id: String,
    pub kind: String,
    pub party_id: Option<String>,
    pub status: String,
    #[serde(with = "corridor_core::dates::iso_date::option")]
    pub acted_on: Option<TimeDate>,
    #[serde(with = "corridor_core::dates::iso_date::option")]
    pub effective_on: Option<TimeDate>,
    pub consent_type: Option<String>,
    pub organisation_id: Option<String>,
    pub person_id: Option<String>,
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
