//! The `meetings` table.

use sea_orm::entity::prelude::*;
use serde::Serialize;

/// One row of `meetings`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "meetings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub body_id: String,
    pub number: i32,
    pub title: String,
    pub kind: String,
    pub modality: String,
    pub venue: Option<String>,
    pub city: Option<String>,
    pub video_link: Option<String>,
    pub time_zone: String,
    #[serde(with = "time::serde::rfc3339")]
    pub starts_at: TimeDateTimeWithTimeZone,
    #[serde(with = "time::serde::rfc3339")]
    pub ends_at: TimeDateTimeWithTimeZone,
    pub host_party_id: String,
    #[sea_orm(column_type = "Text")]
    pub co_chair_ids: String,
    pub state: String,
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
