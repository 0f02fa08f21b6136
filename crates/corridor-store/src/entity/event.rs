//! The `events` table.

use sea_orm::entity::prelude::*;
use serde::Serialize;

/// One row of `events`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "events")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub seq: i64,
    pub id: String,
    pub at: String,
    pub actor: String,
    pub actor_name: String,
    pub actor_party_id: Option<String>,
    pub entity: String,
    pub entity_id: String,
    pub action: String,
    pub owner_party_id: Option<String>,
    pub visibility: String,
    #[sea_orm(column_type = "Text")]
    pub payload: String,
    pub prev_hash: String,
    pub hash: String,
}

/// No relations are declared: joins are written where they are needed.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
