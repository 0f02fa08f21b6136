//! Milestones as a spreadsheet, the same columns going out and coming back: a milestone is matched by its
//! id; a row without one adds a milestone to the project its `project_id` names. The project's name is for
//! reading and is ignored when the sheet comes back. The Urdu title is not in the sheet (the milestone view
//! does not carry it) and is kept as it is.

use super::milestone::MilestoneInput;
use super::view::MilestoneView;
use crate::sheet::{Cell, Column, ColumnKind, SheetRow, differences, keep_or};

/// The columns, in order.
pub const COLUMNS: &[Column] = &[
    Column::edit("id", ColumnKind::Id, 38),
    Column::edit("version", ColumnKind::Version, 8),
    Column::edit("project_id", ColumnKind::Text, 38),
    Column::shown("project", 34),
    Column::edit("title", ColumnKind::Text, 50),
    Column::edit("title_zh", ColumnKind::Text, 30),
    Column::edit(
        "kind",
        ColumnKind::Choice(&[
            "pre_procurement",
            "approval",
            "engagement",
            "assessment",
            "financing",
            "procurement",
            "contract_close",
            "delivery",
            "reporting",
        ]),
        16,
    ),
    Column::edit("planned_on", ColumnKind::Date, 12),
    Column::edit("forecast_on", ColumnKind::Date, 12),
    Column::edit("actual_on", ColumnKind::Date, 12),
    Column::edit(
        "status",
        ColumnKind::Choice(&["scheduled", "met", "not_met", "partly_met"]),
        12,
    ),
];

/// A milestone row before validation: the project it belongs to and its fields.
#[derive(Clone, Debug, Default)]
pub struct MilestoneRow {
    /// The project.
    pub project_id: Option<String>,
    /// The milestone.
    pub input: MilestoneInput,
}

fn date(d: Option<&str>) -> Cell {
    d.and_then(|d| crate::dates::parse_date(d).ok())
        .map_or(Cell::Empty, Cell::Date)
}

/// A milestone of the project named `project` as a row.
pub fn row_of(m: &MilestoneView, project: &str) -> Vec<Cell> {
    vec![
        Cell::text(m.id.as_str()),
        #[expect(clippy::cast_precision_loss, reason = "versions are small")]
        Cell::Number(m.access.version as f64),
        Cell::text(m.project_id.as_str()),
        Cell::text(project),
        Cell::text(m.title.as_str()),
        Cell::maybe(m.title_zh.clone()),
        Cell::text(m.kind.as_str()),
        date(m.planned_on.as_deref()),
        date(m.forecast_on.as_deref()),
        date(m.actual_on.as_deref()),
        Cell::text(m.status.as_str()),
    ]
}

/// `current` with the values the row gives; columns the file lacks keep their current value.
pub fn apply(mut current: MilestoneRow, row: &SheetRow) -> MilestoneRow {
    let text = |c: &str, old: Option<String>| keep_or(row, c, old);
    current.project_id = text("project_id", current.project_id);
    let i = &mut current.input;
    i.title = text("title", i.title.take());
    i.title_zh = text("title_zh", i.title_zh.take());
    i.title_ur = text("title_ur", i.title_ur.take());
    i.kind = text("kind", i.kind.take());
    i.planned_on = text("planned_on", i.planned_on.take());
    i.forecast_on = text("forecast_on", i.forecast_on.take());
    i.actual_on = text("actual_on", i.actual_on.take());
    i.status = text("status", i.status.take());
    i.version = row.version;
    current
}

/// What differs between two rows, column by column: `(column, before, after)`.
pub fn changes(before: &MilestoneRow, after: &MilestoneRow) -> Vec<(String, String, String)> {
    let (b, a) = (&before.input, &after.input);
    differences([
        ("project_id", &before.project_id, &after.project_id),
        ("title", &b.title, &a.title),
        ("title_zh", &b.title_zh, &a.title_zh),
        ("title_ur", &b.title_ur, &a.title_ur),
        ("kind", &b.kind, &a.kind),
        ("planned_on", &b.planned_on, &a.planned_on),
        ("forecast_on", &b.forecast_on, &a.forecast_on),
        ("actual_on", &b.actual_on, &a.actual_on),
        ("status", &b.status, &a.status),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::portfolio::milestone::{MilestoneKind, MilestoneStatus};

    #[test]
    fn the_word_columns_list_exactly_the_words_milestones_take() {
        let words = |name: &str| match COLUMNS.iter().find(|c| c.name == name).map(|c| c.kind) {
            Some(ColumnKind::Choice(w)) => w.to_vec(),
            _ => vec![],
        };
        let kinds: Vec<&str> = MilestoneKind::ALL.iter().map(|k| k.as_str()).collect();
        let statuses: Vec<&str> = MilestoneStatus::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(words("kind"), kinds);
        assert_eq!(words("status"), statuses);
    }

    #[test]
    fn a_new_forecast_is_the_only_change() {
        let before = MilestoneRow {
            project_id: Some("p".into()),
            input: MilestoneInput {
                title: Some("Power to the zone".into()),
                forecast_on: Some("2026-06-30".into()),
                ..Default::default()
            },
        };
        let mut row = SheetRow {
            row: 4,
            id: Some("m".into()),
            version: Some(2),
            values: Default::default(),
        };
        row.values.insert("forecast_on", "2026-12-31".into());
        let after = apply(before.clone(), &row);
        assert_eq!(
            changes(&before, &after),
            [(
                "forecast_on".to_owned(),
                "2026-06-30".to_owned(),
                "2026-12-31".to_owned()
            )]
        );
        assert_eq!(after.input.version, Some(2));
    }
}
