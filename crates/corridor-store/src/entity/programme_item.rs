//! The `programme_items` table: a stop of the host programme.

use sea_orm::entity::prelude::*;
use serde::Serialize;

/// One row of `programme_items`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "programme_items")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub exchange_id: String,
    #[serde(with = "corridor_core::dates::iso_date")]
    pub day: TimeDate,
    pub at: Option<String>,
    pub site_kind: String,
    pub site: String,
    pub project_id: Option<String>,
    pub company_id: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub notes: Option<String>,
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
