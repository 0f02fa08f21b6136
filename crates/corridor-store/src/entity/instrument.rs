//! The `instruments` table.

use sea_orm::entity::prelude::*;
use serde::Serialize;

/// One row of `instruments`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "instruments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub kind: String,
    #[sea_orm(column_type = "Text")]
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub translations: String,
    /// JSON array of party ids.
    #[sea_orm(column_type = "Text")]
    pub party_ids: String,
    pub body_id: Option<String>,
    pub umbrella: bool,
    pub open_to_accession: bool,
    /// JSON array of `relation:id`.
    #[sea_orm(column_type = "Text")]
    pub lineage: String,
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
