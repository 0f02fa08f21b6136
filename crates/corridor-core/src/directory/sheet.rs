//! Organisations and people as spreadsheets, the same columns going out and coming back: a record is matched
//! by its id and a row without one makes a new record. Names beside ids (`party`, `parent`) are for reading and
//! are ignored when the sheet comes back. People named on a restricted record are not in the sheet and are
//! kept as they are.

use super::organisation::OrganisationInput;
use super::person::PersonInput;
use crate::sheet::{Cell, Column, ColumnKind, SheetRow, differences, keep_or};
use crate::view::{OrganisationView, PersonView};

const VISIBILITY: ColumnKind = ColumnKind::Choice(&["public", "shared", "party", "restricted"]);

/// The organisations sheet's columns, in order.
pub const ORGANISATION_COLUMNS: &[Column] = &[
    Column::edit("id", ColumnKind::Id, 38),
    Column::edit("version", ColumnKind::Version, 8),
    Column::edit("name", ColumnKind::Text, 50),
    Column::edit("short_name", ColumnKind::Text, 12),
    Column::edit(
        "kind",
        ColumnKind::Choice(&[
            "ministry",
            "provincial_government",
            "embassy",
            "investment_board",
            "planning_commission",
            "project_unit",
            "zone_authority",
            "state_enterprise",
            "company",
            "consultancy",
            "other",
        ]),
        22,
    ),
    Column::edit("party_id", ColumnKind::Text, 38),
    Column::shown("party", 14),
    Column::edit("parent_id", ColumnKind::Text, 38),
    Column::shown("parent", 30),
    Column::edit("website", ColumnKind::Text, 30),
    Column::edit("visibility", VISIBILITY, 12),
];

/// The people sheet's columns, in order.
pub const PERSON_COLUMNS: &[Column] = &[
    Column::edit("id", ColumnKind::Id, 38),
    Column::edit("version", ColumnKind::Version, 8),
    Column::edit("full_name", ColumnKind::Text, 30),
    Column::edit("native_name", ColumnKind::Text, 20),
    Column::edit("title", ColumnKind::Text, 30),
    Column::edit("email", ColumnKind::Text, 30),
    Column::edit("phone", ColumnKind::Text, 18),
    Column::edit("party_id", ColumnKind::Text, 38),
    Column::shown("party", 14),
    Column::edit("visibility", VISIBILITY, 12),
];

#[expect(clippy::cast_precision_loss, reason = "versions are small")]
fn version(v: i64) -> Cell {
    Cell::Number(v as f64)
}

/// An organisation as a row of its sheet.
pub fn organisation_row(o: &OrganisationView) -> Vec<Cell> {
    vec![
        Cell::text(o.id.as_str()),
        version(o.access.version),
        Cell::text(o.name.as_str()),
        Cell::maybe(o.short_name.clone()),
        Cell::text(o.kind.as_str()),
        Cell::text(o.party.id.as_str()),
        Cell::maybe(o.party.name.clone()),
        Cell::maybe(o.parent.as_ref().map(|p| p.id.clone())),
        Cell::maybe(o.parent.as_ref().and_then(|p| p.name.clone())),
        Cell::maybe(o.website.clone()),
        Cell::text(o.access.visibility.as_str()),
    ]
}

/// A person as a row of their sheet.
pub fn person_row(p: &PersonView) -> Vec<Cell> {
    vec![
        Cell::text(p.id.as_str()),
        version(p.access.version),
        Cell::text(p.full_name.as_str()),
        Cell::maybe(p.native_name.clone()),
        Cell::maybe(p.title.clone()),
        Cell::maybe(p.email.clone()),
        Cell::maybe(p.phone.clone()),
        Cell::text(p.party.id.as_str()),
        Cell::maybe(p.party.name.clone()),
        Cell::text(p.access.visibility.as_str()),
    ]
}

/// `current` with the values the row gives; columns the file lacks keep their current value.
pub fn apply_organisation(mut o: OrganisationInput, row: &SheetRow) -> OrganisationInput {
    o.name = keep_or(row, "name", o.name);
    o.short_name = keep_or(row, "short_name", o.short_name);
    o.kind = keep_or(row, "kind", o.kind);
    o.party_id = keep_or(row, "party_id", o.party_id);
    o.parent_id = keep_or(row, "parent_id", o.parent_id);
    o.website = keep_or(row, "website", o.website);
    o.visibility = keep_or(row, "visibility", o.visibility);
    o.version = row.version;
    o
}

/// `current` with the values the row gives; columns the file lacks keep their current value.
pub fn apply_person(mut p: PersonInput, row: &SheetRow) -> PersonInput {
    p.full_name = keep_or(row, "full_name", p.full_name);
    p.native_name = keep_or(row, "native_name", p.native_name);
    p.title = keep_or(row, "title", p.title);
    p.email = keep_or(row, "email", p.email);
    p.phone = keep_or(row, "phone", p.phone);
    p.party_id = keep_or(row, "party_id", p.party_id);
    p.visibility = keep_or(row, "visibility", p.visibility);
    p.version = row.version;
    p
}

/// What differs between two organisations, column by column: `(column, before, after)`.
pub fn organisation_changes(
    b: &OrganisationInput,
    a: &OrganisationInput,
) -> Vec<(String, String, String)> {
    differences([
        ("name", &b.name, &a.name),
        ("short_name", &b.short_name, &a.short_name),
        ("kind", &b.kind, &a.kind),
        ("party_id", &b.party_id, &a.party_id),
        ("parent_id", &b.parent_id, &a.parent_id),
        ("website", &b.website, &a.website),
        ("visibility", &b.visibility, &a.visibility),
    ])
}

/// What differs between two people, column by column: `(column, before, after)`.
pub fn person_changes(b: &PersonInput, a: &PersonInput) -> Vec<(String, String, String)> {
    differences([
        ("full_name", &b.full_name, &a.full_name),
        ("native_name", &b.native_name, &a.native_name),
        ("title", &b.title, &a.title),
        ("email", &b.email, &a.email),
        ("phone", &b.phone, &a.phone),
        ("party_id", &b.party_id, &a.party_id),
        ("visibility", &b.visibility, &a.visibility),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::OrganisationKind;

    #[test]
    fn the_kind_column_lists_exactly_the_kinds_organisations_take() {
        let words = match ORGANISATION_COLUMNS.iter().find(|c| c.name == "kind") {
            Some(Column {
                kind: ColumnKind::Choice(w),
                ..
            }) => w.to_vec(),
            _ => vec![],
        };
        let kinds: Vec<&str> = OrganisationKind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(words, kinds);
    }

    #[test]
    fn rows_and_columns_agree_in_length() {
        let o = OrganisationView {
            id: "o".into(),
            name: "Board of Investment".into(),
            short_name: Some("BoI".into()),
            kind: "investment_board".into(),
            kind_label: String::new(),
            party: crate::view::Ref {
                id: "p".into(),
                name: Some("Pakistan".into()),
            },
            parent: None,
            website: None,
            access: crate::view::AccessView {
                owner_party: crate::view::Ref {
                    id: "p".into(),
                    name: None,
                },
                visibility: "shared".into(),
                restricted_to: vec![],
                version: 3,
                created_at: String::new(),
                updated_at: String::new(),
                can_edit: true,
            },
        };
        assert_eq!(organisation_row(&o).len(), ORGANISATION_COLUMNS.len());
    }

    #[test]
    fn a_new_title_is_the_only_change() {
        let before = PersonInput {
            full_name: Some("Ayesha Khan".into()),
            title: Some("Director".into()),
            ..Default::default()
        };
        let mut row = SheetRow {
            row: 3,
            id: Some("x".into()),
            version: Some(1),
            values: Default::default(),
        };
        row.values.insert("title", "Director General".into());
        let after = apply_person(before.clone(), &row);
        assert_eq!(
            person_changes(&before, &after),
            [(
                "title".to_owned(),
                "Director".to_owned(),
                "Director General".to_owned()
            )]
        );
        assert_eq!(after.version, Some(1));
    }
}
