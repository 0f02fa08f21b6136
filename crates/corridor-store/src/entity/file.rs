//! The `files` table: contents stored once, addressed by SHA-256. Not audited itself: the attachment that
//! names a file is, and the address is the content's own hash.

use sea_orm::entity::prelude::*;

/// One row of `files`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "files")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub sha256: String,
    pub media_type: String,
    pub size: i64,
    pub content: Vec<u8>,
    pub created_at: TimeDateTimeWithTimeZone,
}

/// No relations are declared.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
