//! The `nominations` table: a person nominated by the sending side. The letter's content lives in `files`.

use sea_orm::entity::prelude::*;
use serde::Serialize;

/// One row of `nominations`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "nominations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub exchange_id: String,
    pub name: String,
    pub position: Option<String>,
    pub organisation_id: Option<String>,
    pub gender: String,
    pub status: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub reason: Option<String>,
    pub attended: Option<bool>,
    pub letter_sha256: Option<String>,
    #[serde(with = "corridor_core::dates::iso_date::option")]
    pub letter_issued_on: Option<TimeDate>,
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
