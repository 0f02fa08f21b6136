//! The `signing_keys` table.

use sea_orm::entity::prelude::*;
use serde::Serialize;

/// One row of `signing_keys`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "signing_keys")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub person_id: String,
    pub public_key: String,
    /// The private key, encrypted: never written to the event log.
    #[serde(skip)]
    pub encrypted_key: String,
    #[serde(skip)]
    pub salt: String,
    #[serde(skip)]
    pub nonce: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: TimeDateTimeWithTimeZone,
}

/// No relations are declared: joins are written where they are needed.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
