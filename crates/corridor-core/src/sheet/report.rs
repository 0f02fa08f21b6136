//! What an import did or would do, row by row.

use super::CellError;

/// What an import did or would do.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct ImportReport {
    /// Whether the changes were made (false for a dry run, or when any row was rejected).
    pub applied: bool,
    /// New records, by row.
    pub created: Vec<RowChange>,
    /// Changed records, by row, with each change.
    pub changed: Vec<RowChange>,
    /// Rows that match their record exactly.
    pub unchanged: usize,
    /// Problems; any problem means nothing is applied.
    pub rejected: Vec<RowProblem>,
}

/// One record created or changed.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct RowChange {
    /// The row.
    pub row: usize,
    /// The record's id.
    pub id: String,
    /// What it is, in a few words.
    pub label: String,
    /// `(column, before, after)`; for a new record, each value given.
    pub fields: Vec<(String, String, String)>,
}

/// One problem, by row and column.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct RowProblem {
    /// The row (1 is the header, 0 the whole file).
    pub row: usize,
    /// The column.
    pub column: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl From<CellError> for RowProblem {
    fn from(e: CellError) -> Self {
        RowProblem {
            row: e.row,
            column: e.column,
            message: e.message,
        }
    }
}
