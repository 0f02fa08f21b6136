//! The `agenda_items` table.

use sea_orm::entity::prelude::*;
use serde::Serialize;

/// One row of `agenda_items`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "agenda_items")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub meeting_id: String,
    pub parent_id: Option<String>,
    pub position: i32,
    pub title: String,
    /// Chinese and Urdu versions, `{"zh": …, "ur": …}`.
    #[sea_orm(column_type = "Text")]
    pub translations: String,
    /// Linked records, a JSON array of `kind:id`.
    #[sea_orm(column_type = "Text")]
    pub links: String,
    pub item_kind: String,
    pub lead_party_id: Option<String>,
    pub presenter_id: Option<String>,
    pub duration_minutes: Option<i32>,
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
