//! The `public_mail_attempts` table: every attempt at a visitor's e-mail. Not audited.

use sea_orm::entity::prelude::*;

/// One row of `public_mail_attempts`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "public_mail_attempts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub mail_id: String,
    pub at: TimeDateTimeWithTimeZone,
    pub ok: bool,
    #[sea_orm(column_type = "Text")]
    pub response: String,
}

/// No relations are declared: joins are written where they are needed.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
