//! The `minutes_entries` table.

use sea_orm::entity::prelude::*;
use serde::Serialize;

/// One row of `minutes_entries`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "minutes_entries")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub meeting_id: String,
    pub agenda_item_id: String,
    #[sea_orm(column_type = "Text")]
    pub text: String,
    /// Chinese and Urdu versions, `{"zh": …, "ur": …}`.
    #[sea_orm(column_type = "Text")]
    pub translations: String,
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
