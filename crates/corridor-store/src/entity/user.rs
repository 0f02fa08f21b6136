//! The `users` table.

use sea_orm::entity::prelude::*;
use serde::Serialize;

/// One row of `users`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub username: String,
    pub person_id: String,
    pub party_id: String,
    pub organisation_id: Option<String>,
    pub role: String,
    #[serde(rename = "password_digest", serialize_with = "super::digest")]
    pub password_hash: String,
    pub disabled: bool,
    /// The IANA time zone meeting times are shown in; none: the meeting's own zone and UTC.
    pub time_zone: Option<String>,
    /// The interface's language the account chose: `en`, `zh` or `ur`.
    pub language: Option<String>,
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
