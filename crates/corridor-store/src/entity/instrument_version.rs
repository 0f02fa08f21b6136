//! The `instrument_versions` table.

use sea_orm::entity::prelude::*;
use serde::Serialize;

/// One row of `instrument_versions`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "instrument_versions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub instrument_id: String,
    pub number: i32,
    pub label: String,
    pub author_party_id: String,
    #[serde(with = "corridor_core::dates::iso_date")]
    pub dated_on: TimeDate,
    pub status: String,
    /// The clause tree as JSON.
    #[sea_orm(column_type = "Text")]
    pub clauses: String,
    /// JSON array of authentic language codes.
    #[sea_orm(column_type = "Text")]
    pub authentic: String,
    /// JSON object: language code to the keys of clauses whose translation is stale.
    #[sea_orm(column_type = "Text")]
    pub stale: String,
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
