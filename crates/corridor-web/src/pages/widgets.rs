//! The building blocks of the generic pages: table cells, form fields with their errors, sections.

use corridor_core::ValidationErrors;
use corridor_core::view::{AccessView, Ref};

/// A table cell or a fact: text, optionally a link.
#[derive(Clone, Debug, Default)]
pub(crate) struct Cell {
    pub text: String,
    pub href: Option<String>,
}

impl Cell {
    pub(crate) fn text(t: impl Into<String>) -> Cell {
        Cell {
            text: t.into(),
            href: None,
        }
    }
    pub(crate) fn link(t: impl Into<String>, href: impl Into<String>) -> Cell {
        Cell {
            text: t.into(),
            href: Some(href.into()),
        }
    }
    pub(crate) fn opt(t: Option<&str>) -> Cell {
        Cell::text(t.unwrap_or("—"))
    }
    /// A reference: linked when the viewer may see it, else said to be hidden.
    pub(crate) fn reference(r: &Ref, base: &str) -> Cell {
        match &r.name {
            Some(n) => Cell::link(n.clone(), format!("{base}/{}", r.id)),
            None => Cell::text("(not visible to you)"),
        }
    }
    pub(crate) fn maybe_ref(r: Option<&Ref>, base: &str) -> Cell {
        r.map_or_else(|| Cell::text("—"), |r| Cell::reference(r, base))
    }
}

/// A choice in a select.
#[derive(Clone, Debug)]
pub(crate) struct Opt {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// A form field: its input kind (`text`, `email`, `url`, `date`, `password`, `select`, `multiselect`,
/// `checkbox`, `hidden`), current value, choices and error.
#[derive(Clone, Debug)]
pub(crate) struct Field {
    pub name: &'static str,
    pub label: &'static str,
    pub kind: &'static str,
    pub value: String,
    pub options: Vec<Opt>,
    pub required: bool,
    pub hint: &'static str,
    pub error: Option<String>,
    /// The language the value is written in, when not the page's (`zh`, `ur`).
    pub lang: &'static str,
}

impl Field {
    pub(crate) fn text(name: &'static str, label: &'static str, value: Option<&str>) -> Field {
        Field {
            name,
            label,
            kind: "text",
            value: value.unwrap_or_default().to_owned(),
            options: vec![],
            required: false,
            hint: "",
            error: None,
            lang: "",
        }
    }
    /// Marks the value as written in `lang`; Urdu runs right to left.
    pub(crate) fn lang(mut self, lang: &'static str) -> Field {
        self.lang = lang;
        self
    }
    pub(crate) fn kind(mut self, kind: &'static str) -> Field {
        self.kind = kind;
        self
    }
    pub(crate) fn required(mut self) -> Field {
        self.required = true;
        self
    }
    pub(crate) fn hint(mut self, hint: &'static str) -> Field {
        self.hint = hint;
        self
    }
    /// A select over `choices` (value, label), with a blank first choice unless required.
    pub(crate) fn select(
        name: &'static str,
        label: &'static str,
        value: Option<&str>,
        choices: Vec<(String, String)>,
    ) -> Field {
        let v = value.unwrap_or_default();
        let mut f = Field::text(name, label, Some(v)).kind("select");
        f.options = choices
            .into_iter()
            .map(|(value, label)| Opt {
                selected: value == v,
                value,
                label,
            })
            .collect();
        f
    }
    /// A multiple select; `values` are the chosen ones.
    pub(crate) fn multi(
        name: &'static str,
        label: &'static str,
        values: &[String],
        choices: Vec<(String, String)>,
    ) -> Field {
        let mut f = Field::text(name, label, None).kind("multiselect");
        f.options = choices
            .into_iter()
            .map(|(value, label)| Opt {
                selected: values.contains(&value),
                value,
                label,
            })
            .collect();
        f
    }
}

/// Puts each error beside its field; returns a summary for the top of the form.
pub(crate) fn attach_errors(fields: &mut [Field], errors: &ValidationErrors) -> String {
    // A hidden field (the version) cannot show its error, so its message goes into the summary.
    let shown = |f: &Field| f.kind != "hidden";
    for f in fields.iter_mut().filter(|f| shown(f)) {
        f.error = errors.for_field(f.name).map(str::to_owned);
    }
    let orphan: Vec<String> = errors
        .0
        .iter()
        .filter(|e| !fields.iter().any(|f| f.name == e.field && shown(f)))
        .map(|e| format!("{}: {}", e.field, e.message))
        .collect();
    let n = errors.0.len();
    let mut summary = format!(
        "{n} {} to correct before saving.",
        if n == 1 { "thing" } else { "things" }
    );
    if !orphan.is_empty() {
        summary.push(' ');
        summary.push_str(&orphan.join("; "));
    }
    summary
}

/// The visibility select and the people of a restricted record, with the record's current values.
pub(crate) fn visibility_fields(
    visibility: Option<&str>,
    restricted_to: &[String],
    people: Vec<(String, String)>,
) -> Vec<Field> {
    let choices = corridor_core::Visibility::ALL
        .iter()
        .map(|v| (v.as_str().to_owned(), v.describe().to_owned()))
        .collect();
    vec![
        Field::select(
            "visibility",
            "Who may see it",
            Some(visibility.unwrap_or("shared")),
            choices,
        )
        .required(),
        Field::multi(
            "restricted_to",
            "People named (restricted only)",
            restricted_to,
            people,
        )
        .hint("You are always among the people named on a restricted record."),
    ]
}

/// A related list on a record page.
pub(crate) struct Section {
    pub title: String,
    pub columns: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
    pub action: Option<Cell>,
    pub empty: &'static str,
}

/// The visibility line of a record page.
pub(crate) fn describe_access(a: &AccessView) -> String {
    let owner = a
        .owner_party
        .name
        .clone()
        .unwrap_or_else(|| "another party".into());
    let vis: corridor_core::Visibility = a
        .visibility
        .parse()
        .unwrap_or(corridor_core::Visibility::Party);
    let mut s = format!(
        "Owned by {owner}; {}. Version {}, last changed {}.",
        vis.describe(),
        a.version,
        when(&a.updated_at)
    );
    if !a.restricted_to.is_empty() {
        let names: Vec<String> = a
            .restricted_to
            .iter()
            .map(|r| r.name.clone().unwrap_or_else(|| "someone".into()))
            .collect();
        s.push_str(&format!(" Named: {}.", names.join(", ")));
    }
    s
}

/// One step of a record's history, worded for the page.
pub(crate) struct HistoryRow {
    pub seq: i64,
    pub at: String,
    pub when: String,
    pub actor: String,
    pub party: String,
    pub action: String,
    pub changes: Vec<ChangeRow>,
}

/// One changed field.
pub(crate) struct ChangeRow {
    pub field: String,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// `2020-12-15T09:00:00Z` as `2020-12-15 09:00 UTC`.
pub(crate) fn when(rfc3339: &str) -> String {
    match rfc3339.get(..16) {
        Some(s) if rfc3339.ends_with('Z') => format!("{} UTC", s.replace('T', " ")),
        _ => rfc3339.to_owned(),
    }
}

/// A history worded for people.
pub(crate) fn history_rows(entries: Vec<corridor_core::view::HistoryEntry>) -> Vec<HistoryRow> {
    entries
        .into_iter()
        .map(|h| HistoryRow {
            seq: h.seq,
            when: when(&h.at),
            at: h.at,
            actor: h.actor_name,
            party: h.actor_party.and_then(|p| p.name).unwrap_or_default(),
            action: h.action.replace('_', " "),
            changes: h
                .changes
                .into_iter()
                .map(|c| ChangeRow {
                    field: c.field.trim_end_matches("_id").replace('_', " "),
                    from: c.from,
                    to: c.to,
                })
                .collect(),
        })
        .collect()
}
