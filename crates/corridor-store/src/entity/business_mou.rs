//! The `business_mous` table: a business memorandum of understanding; `company_ids` is a JSON array.

use sea_orm::entity::prelude::*;
use serde::Serialize;

/// One row of `business_mous`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "business_mous")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    #[sea_orm(column_type = "Text")]
    pub title: String,
    #[serde(with = "corridor_core::dates::iso_date")]
    pub signed_on: TimeDate,
    #[sea_orm(column_type = "Text")]
    pub company_ids: String,
    pub matchmaking_id: Option<String>,
    pub sector: Option<String>,
    pub amount_minor: Option<i64>,
    pub currency: Option<String>,
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
