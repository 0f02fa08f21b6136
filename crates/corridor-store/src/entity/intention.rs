//! The `investment_intentions` table: an investment intention; `stages` is a JSON array of the stages reached.

use sea_orm::entity::prelude::*;
use serde::Serialize;

/// One row of `investment_intentions`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "investment_intentions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub company_id: String,
    pub project_id: Option<String>,
    pub sector: String,
    pub amount_minor: Option<i64>,
    pub currency: Option<String>,
    #[serde(with = "corridor_core::dates::iso_date")]
    pub stated_on: TimeDate,
    pub status: String,
    #[sea_orm(column_type = "Text")]
    pub stages: String,
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
