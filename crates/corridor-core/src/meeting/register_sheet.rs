//! The register as a spreadsheet: the same columns going out and coming back. An outcome is matched by its
//! id; an empty id makes a new outcome of the meeting named by `meeting_id`. Names beside ids (`meeting`,
//! `lead_organisations`) are for reading and are ignored when the sheet comes back.

use super::register::OutcomeInput;
use super::view::RegisterItemView;
use crate::sheet::{Cell, Column, ColumnKind, SheetRow, differences, keep_or};

/// The columns, in order.
pub const COLUMNS: &[Column] = &[
    Column::edit("id", ColumnKind::Id, 38),
    Column::edit("version", ColumnKind::Version, 8),
    Column::edit("meeting_id", ColumnKind::Text, 38),
    Column::shown("meeting", 34),
    Column::edit(
        "kind",
        ColumnKind::Choice(&["decision", "agreement", "request", "action", "note"]),
        12,
    ),
    Column::edit("text", ColumnKind::Text, 70),
    Column::edit("text_zh", ColumnKind::Text, 40),
    Column::edit("text_ur", ColumnKind::Text, 40),
    Column::edit("lead_organisation_ids", ColumnKind::Ids, 38),
    Column::shown("lead_organisations", 40),
    Column::edit("due_on", ColumnKind::Date, 12),
    Column::edit(
        "status",
        ColumnKind::Choice(&["open", "in_progress", "done", "dropped"]),
        12,
    ),
    Column::edit(
        "visibility",
        ColumnKind::Choice(&["public", "shared", "party", "restricted"]),
        12,
    ),
];

/// An outcome as a row of the sheet.
pub fn row_of(v: &RegisterItemView) -> Vec<Cell> {
    let names: Vec<&str> = v.leads.iter().filter_map(|r| r.name.as_deref()).collect();
    vec![
        Cell::text(v.id.as_str()),
        #[expect(clippy::cast_precision_loss, reason = "versions are small")]
        Cell::Number(v.access.version as f64),
        Cell::text(v.meeting.id.as_str()),
        Cell::maybe(v.meeting.name.clone()),
        Cell::text(v.kind.as_str()),
        Cell::text(v.text.as_str()),
        Cell::maybe(v.text_zh.clone()),
        Cell::maybe(v.text_ur.clone()),
        Cell::text(
            v.leads
                .iter()
                .map(|r| r.id.as_str())
                .collect::<Vec<_>>()
                .join("; "),
        ),
        Cell::text(names.join("; ")),
        v.due_on
            .as_deref()
            .and_then(|d| crate::dates::parse_date(d).ok())
            .map_or(Cell::Empty, Cell::Date),
        Cell::text(v.status.as_str()),
        Cell::text(v.access.visibility.as_str()),
    ]
}

/// `current` with the values the row gives; columns the file lacks keep their current value.
pub fn apply(mut current: OutcomeInput, row: &SheetRow) -> OutcomeInput {
    let text = |c: &str, old: Option<String>| keep_or(row, c, old);
    current.meeting_id = text("meeting_id", current.meeting_id);
    current.kind = text("kind", current.kind);
    current.text = text("text", current.text);
    current.text_zh = text("text_zh", current.text_zh);
    current.text_ur = text("text_ur", current.text_ur);
    current.due_on = text("due_on", current.due_on);
    current.status = text("status", current.status);
    current.visibility = text("visibility", current.visibility);
    if let Some(ids) = row.ids("lead_organisation_ids") {
        current.lead_organisation_ids = ids;
    }
    current.version = row.version;
    current
}

/// What differs between two inputs, column by column: `(column, before, after)`.
pub fn changes(before: &OutcomeInput, after: &OutcomeInput) -> Vec<(String, String, String)> {
    let mut out = differences([
        ("meeting_id", &before.meeting_id, &after.meeting_id),
        ("kind", &before.kind, &after.kind),
        ("text", &before.text, &after.text),
        ("text_zh", &before.text_zh, &after.text_zh),
        ("text_ur", &before.text_ur, &after.text_ur),
        ("due_on", &before.due_on, &after.due_on),
        ("status", &before.status, &after.status),
        ("visibility", &before.visibility, &after.visibility),
    ]);
    let mut b = before.lead_organisation_ids.clone();
    let mut a = after.lead_organisation_ids.clone();
    b.sort();
    a.sort();
    if a != b {
        out.push((
            "lead_organisation_ids".into(),
            before.lead_organisation_ids.join("; "),
            after.lead_organisation_ids.join("; "),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::register::{OutcomeKind, OutcomeStatus};
    use crate::sheet::ColumnKind;

    #[test]
    fn the_word_columns_list_exactly_the_words_the_register_takes() {
        let words = |name: &str| match COLUMNS.iter().find(|c| c.name == name).map(|c| c.kind) {
            Some(ColumnKind::Choice(w)) => w.to_vec(),
            _ => vec![],
        };
        let kinds: Vec<&str> = OutcomeKind::ALL.iter().map(|k| k.as_str()).collect();
        let statuses: Vec<&str> = OutcomeStatus::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(words("kind"), kinds);
        assert_eq!(words("status"), statuses);
    }

    #[test]
    fn a_row_changes_only_the_columns_it_has() {
        let current = OutcomeInput {
            meeting_id: Some("m".into()),
            text: Some("Open the zone".into()),
            status: Some("open".into()),
            links: vec!["project:p".into()],
            ..Default::default()
        };
        let mut row = SheetRow {
            row: 2,
            id: Some("x".into()),
            version: Some(3),
            values: Default::default(),
        };
        row.values.insert("status", "done".into());
        row.values.insert("due_on", String::new());
        let after = apply(current.clone(), &row);
        assert_eq!(after.links, current.links);
        assert_eq!(after.version, Some(3));
        assert_eq!(
            changes(&current, &after),
            [("status".to_owned(), "open".to_owned(), "done".to_owned())]
        );
    }
}
