//! The `matchmakings` table: a matchmaking meeting between companies; `company_ids` is a JSON array.

use sea_orm::entity::prelude::*;
use serde::Serialize;

/// One row of `matchmakings`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "matchmakings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    #[serde(with = "corridor_core::dates::iso_date")]
    pub held_on: TimeDate,
    pub place: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub company_ids: String,
    #[sea_orm(column_type = "Text")]
    pub topic: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub outcome: Option<String>,
    pub exchange_id: Option<String>,
    pub meeting_id: Option<String>,
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
