//! The `indicator_standings` table: each reported indicator's current value, target, score and count of
//! discrepancies, derived from its periods. Not audited; recomputed from the periods.

use sea_orm::entity::prelude::*;
use serde::Serialize;

/// One row of `indicator_standings`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "indicator_standings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub indicator_id: String,
    pub current_value: Option<f64>,
    pub current_target: Option<f64>,
    pub score: Option<f64>,
    pub discrepancies: i32,
}

/// No relations are declared: joins are written where they are needed.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
