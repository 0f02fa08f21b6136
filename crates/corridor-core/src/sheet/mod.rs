//! Spreadsheet round trips: the columns a kind of record has in a spreadsheet (the same going out and coming
//! back), the table a CSV or XLSX file was read into, and the reading of that table into rows of text keyed
//! by column, with every problem named by its row and column. The file formats live in `corridor-formats`;
//! applying rows to records lives in the store.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

mod fields;
mod report;

pub use fields::{differences, keep_or};
pub use report::{ImportReport, RowChange, RowProblem};

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnKind {
    /// The record's id: empty for a new record.
    Id,
    /// The record's version when exported: an edit made meanwhile is refused.
    Version,
    /// Free text.
    Text,
    /// A date, `YYYY-MM-DD` or a spreadsheet date.
    Date,
    /// A number.
    Number,
    /// One of a list of words.
    Choice(&'static [&'static str]),
    /// Ids separated by `;`.
    Ids,
}

/// One column of a kind's spreadsheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column {
    /// The header, also the field name errors use.
    pub name: &'static str,
    /// What it holds.
    pub kind: ColumnKind,
    /// Shown for reading only (names beside ids); ignored when the file comes back, and may be left out.
    pub read_only: bool,
    /// Width in characters, for XLSX.
    pub width: u16,
}

impl Column {
    /// An editable column.
    pub const fn edit(name: &'static str, kind: ColumnKind, width: u16) -> Column {
        Column {
            name,
            kind,
            read_only: false,
            width,
        }
    }

    /// A column shown for reading.
    pub const fn shown(name: &'static str, width: u16) -> Column {
        Column {
            name,
            kind: ColumnKind::Text,
            read_only: true,
            width,
        }
    }
}

/// A cell as a file holds it.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// Nothing.
    Empty,
    /// Text.
    Text(String),
    /// A number.
    Number(f64),
    /// A date.
    Date(time::Date),
    /// True or false.
    Bool(bool),
}

impl Cell {
    /// Text, or nothing when `value` is empty.
    pub fn text(value: impl Into<String>) -> Cell {
        let v = value.into();
        if v.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(v)
        }
    }

    /// Text, or nothing.
    pub fn maybe(value: Option<impl Into<String>>) -> Cell {
        value.map_or(Cell::Empty, Cell::text)
    }
}

/// A file's content: its header row and its rows, each with the row number people see (the header is 1).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    /// The header row's cells, as text.
    pub headers: Vec<String>,
    /// `(row number, cells)`.
    pub rows: Vec<(usize, Vec<Cell>)>,
}

/// A problem with a cell, a row or the whole file (`row` 0).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellError {
    /// The row as the spreadsheet numbers it (1 is the header); 0 for the file.
    pub row: usize,
    /// The column, when one is concerned.
    pub column: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl CellError {
    /// A problem with the file as a whole.
    pub fn file(message: impl Into<String>) -> CellError {
        CellError {
            row: 0,
            column: None,
            message: message.into(),
        }
    }

    /// A problem with one cell.
    pub fn cell(row: usize, column: &str, message: impl Into<String>) -> CellError {
        CellError {
            row,
            column: Some(column.to_owned()),
            message: message.into(),
        }
    }
}

impl fmt::Display for CellError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.row, &self.column) {
            (0, _) => write!(f, "{}", self.message),
            (r, Some(c)) => write!(f, "row {r}, column {c}: {}", self.message),
            (r, None) => write!(f, "row {r}: {}", self.message),
        }
    }
}

/// A row read from a file: the record it names (if any) and its editable values as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetRow {
    /// The row number.
    pub row: usize,
    /// The record's id; `None` makes a new record.
    pub id: Option<String>,
    /// The version the file was exported at.
    pub version: Option<i64>,
    /// Column → value (`""` for an empty cell), for each editable column the file has.
    pub values: BTreeMap<&'static str, String>,
}

impl SheetRow {
    /// The value of `column`, `None` when the column is absent from the file.
    pub fn get(&self, column: &str) -> Option<&str> {
        self.values.get(column).map(String::as_str)
    }

    /// The value of `column` as input: `None` when empty or absent.
    pub fn input(&self, column: &str) -> Option<String> {
        self.get(column)
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    }

    /// A `;`-separated list of ids.
    pub fn ids(&self, column: &str) -> Option<Vec<String>> {
        self.get(column).map(|v| {
            v.split([';', ','])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        })
    }
}

/// Most rows a file may hold.
pub const MAX_ROWS: usize = 50_000;

/// Reads `table` as rows of `columns`: every editable column must be there under its exact header, no other
/// header may appear, ids may not repeat, and each cell must be of its column's kind. Returns every problem.
pub fn read_rows(columns: &[Column], table: &Table) -> Result<Vec<SheetRow>, Vec<CellError>> {
    let mut errors = Vec::new();
    let mut at: HashMap<&str, usize> = HashMap::new();
    for (i, h) in table.headers.iter().enumerate() {
        let h = h.trim();
        if h.is_empty() {
            continue;
        }
        match columns.iter().find(|c| c.name == h) {
            Some(c) if at.insert(c.name, i).is_some() => {
                errors.push(CellError::cell(1, h, "this column appears twice"));
            }
            Some(_) => {}
            None => errors.push(CellError::cell(
                1,
                h,
                format!(
                    "is not a column of this sheet; the columns are {}",
                    columns
                        .iter()
                        .map(|c| c.name)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )),
        }
    }
    for c in columns.iter().filter(|c| !c.read_only) {
        if !at.contains_key(c.name) {
            errors.push(CellError::cell(
                1,
                c.name,
                "is missing from the header row (was it renamed or deleted?)",
            ));
        }
    }
    if table.rows.len() > MAX_ROWS {
        errors.push(CellError::file(format!(
            "the file has {} rows; at most {MAX_ROWS} are read at once",
            table.rows.len()
        )));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut rows = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (row, cells) in &table.rows {
        if cells.iter().all(|c| matches!(c, Cell::Empty))
            || cells
                .iter()
                .all(|c| matches!(c, Cell::Text(t) if t.trim().is_empty()))
        {
            continue;
        }
        let mut out = SheetRow {
            row: *row,
            id: None,
            version: None,
            values: BTreeMap::new(),
        };
        for c in columns.iter().filter(|c| !c.read_only) {
            let cell = at
                .get(c.name)
                .and_then(|i| cells.get(*i))
                .unwrap_or(&Cell::Empty);
            match text_of(c, cell) {
                Ok(v) => match c.kind {
                    ColumnKind::Id => out.id = Some(v).filter(|v| !v.is_empty()),
                    ColumnKind::Version => out.version = v.parse().ok(),
                    _ => {
                        out.values.insert(c.name, v);
                    }
                },
                Err(m) => errors.push(CellError::cell(*row, c.name, m)),
            }
        }
        if let Some(id) = &out.id
            && let Some(first) = seen.insert(id.clone(), *row)
        {
            errors.push(CellError::cell(
                *row,
                "id",
                format!("the id {id} is already on row {first}; each record may appear once"),
            ));
        }
        rows.push(out);
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

/// A cell as the text the record's input takes.
fn text_of(c: &Column, cell: &Cell) -> Result<String, String> {
    Ok(match (c.kind, cell) {
        (_, Cell::Empty) => String::new(),
        (ColumnKind::Date, Cell::Date(d)) => crate::dates::format_date(*d),
        (ColumnKind::Date, Cell::Text(t)) => {
            let t = t.trim();
            crate::dates::parse_date(t)
                .map_err(|_| format!("“{t}” is not a date; write it as YYYY-MM-DD"))?;
            t.to_owned()
        }
        (ColumnKind::Date, other) => return Err(format!("{} is not a date", shown(other))),
        (ColumnKind::Version, Cell::Number(n)) if n.fract() == 0.0 => format!("{n:.0}"),
        (ColumnKind::Version, Cell::Text(t)) if t.trim().parse::<i64>().is_ok() => {
            t.trim().to_owned()
        }
        (ColumnKind::Version, other) => {
            return Err(format!("{} is not a whole number", shown(other)));
        }
        (ColumnKind::Number, Cell::Number(n)) => {
            if n.fract() == 0.0 && n.abs() < 1e15 {
                format!("{n:.0}")
            } else {
                n.to_string()
            }
        }
        (ColumnKind::Number, Cell::Text(t)) => {
            let t = t.trim();
            t.replace([',', ' '], "")
                .parse::<f64>()
                .map_err(|_| format!("“{t}” is not a number"))?;
            t.to_owned()
        }
        (ColumnKind::Number, other) => {
            return Err(format!("{} is not a number", shown(other)));
        }
        (ColumnKind::Choice(words), cell) => {
            let t = match cell {
                Cell::Text(t) => t.trim().to_owned(),
                other => {
                    return Err(format!(
                        "{} is not one of: {}",
                        shown(other),
                        words.join(", ")
                    ));
                }
            };
            if !words.contains(&t.as_str()) {
                return Err(format!("“{t}” is not one of: {}", words.join(", ")));
            }
            t
        }
        (_, Cell::Text(t)) => t.clone(),
        (_, Cell::Number(n)) => n.to_string(),
        (_, Cell::Bool(b)) => b.to_string(),
        (_, Cell::Date(d)) => crate::dates::format_date(*d),
    })
}

fn shown(cell: &Cell) -> String {
    match cell {
        Cell::Empty => "an empty cell".into(),
        Cell::Text(t) => format!("“{t}”"),
        Cell::Number(n) => format!("the number {n}"),
        Cell::Date(d) => format!("the date {}", crate::dates::format_date(*d)),
        Cell::Bool(b) => format!("the value {b}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLUMNS: &[Column] = &[
        Column::edit("id", ColumnKind::Id, 10),
        Column::edit("version", ColumnKind::Version, 6),
        Column::edit("status", ColumnKind::Choice(&["open", "done"]), 10),
        Column::edit("due_on", ColumnKind::Date, 10),
        Column::shown("meeting", 20),
    ];

    fn table(headers: &[&str], rows: Vec<Vec<Cell>>) -> Table {
        Table {
            headers: headers.iter().map(|h| (*h).to_owned()).collect(),
            rows: rows
                .into_iter()
                .enumerate()
                .map(|(i, r)| (i + 2, r))
                .collect(),
        }
    }

    #[test]
    fn rows_are_read_by_header_with_types_checked() {
        let t = table(
            &["status", "id", "due_on", "version"],
            vec![
                vec![
                    Cell::text("done"),
                    Cell::text("a"),
                    Cell::Date(time::macros::date!(2026 - 03 - 01)),
                    Cell::Number(2.0),
                ],
                vec![
                    Cell::text("open"),
                    Cell::Empty,
                    Cell::text("2026-04-01"),
                    Cell::Empty,
                ],
                vec![Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty],
            ],
        );
        let rows = read_rows(COLUMNS, &t).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(
            (rows[0].id.as_deref(), rows[0].version),
            (Some("a"), Some(2))
        );
        assert_eq!(rows[0].get("due_on"), Some("2026-03-01"));
        assert_eq!(rows[1].id, None);
    }

    #[test]
    fn missing_renamed_and_bad_cells_are_named_by_row_and_column() {
        let t = table(&["id", "Status", "due_on"], vec![]);
        let e = read_rows(COLUMNS, &t).unwrap_err();
        let text: Vec<String> = e.iter().map(ToString::to_string).collect();
        assert!(
            text.iter()
                .any(|m| m.starts_with("row 1, column Status: is not a column")),
            "{text:?}"
        );
        assert!(text.iter().any(|m| m == "row 1, column status: is missing from the header row (was it renamed or deleted?)"), "{text:?}");
        assert!(
            text.iter()
                .any(|m| m.contains("column version: is missing")),
            "{text:?}"
        );
        let t = table(
            &["id", "version", "status", "due_on"],
            vec![
                vec![
                    Cell::text("a"),
                    Cell::text("two"),
                    Cell::text("closed"),
                    Cell::text("1 March"),
                ],
                vec![
                    Cell::text("a"),
                    Cell::Empty,
                    Cell::text("open"),
                    Cell::Number(3.0),
                ],
            ],
        );
        let text: Vec<String> = read_rows(COLUMNS, &t)
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            text,
            [
                "row 2, column version: “two” is not a whole number",
                "row 2, column status: “closed” is not one of: open, done",
                "row 2, column due_on: “1 March” is not a date; write it as YYYY-MM-DD",
                "row 3, column due_on: the number 3 is not a date",
                "row 3, column id: the id a is already on row 2; each record may appear once",
            ]
        );
    }
}
