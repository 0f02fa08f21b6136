//! The `iati_activities` table: an imported IATI activity's identifier, the project it became, and what
//! Corridor keeps of it beside the project. Not audited itself: the project and its finance are, through
//! their own events; this row says where they came from.

use sea_orm::entity::prelude::*;

/// One row of `iati_activities`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "iati_activities")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub identifier: String,
    pub project_id: String,
    /// One readable line per element Corridor has no field for.
    #[sea_orm(column_type = "Text")]
    pub unmapped: String,
    /// One line per problem found in the activity, with its line in the file.
    #[sea_orm(column_type = "Text")]
    pub problems: String,
    /// The keys of the transactions already recorded as finance, a JSON array.
    #[sea_orm(column_type = "Text")]
    pub transactions: String,
    pub file: String,
    pub imported_by: String,
    pub imported_at: TimeDateTimeWithTimeZone,
}

/// No relations are declared: joins are written where they are needed.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
