//! Whether an event matters enough to alert anyone, and what changed from what to what, in words.
//!
//! Every named step of a record's life matters (`circulated`, `signed`, `opened`, `validated`…). A plain
//! edit (`updated`) matters only when it moves a status, a date, a lead or the reach of the record, not when
//! it mends a typo. Some records never alert by themselves: accounts and people, each side's raw figures
//! (their period alerts when the sides disagree or agree), draft minutes entries, attachments.

use crate::audit::changes;
use serde_json::Value;

/// Records whose events alert nobody.
const QUIET: [&str; 9] = [
    "party",
    "organisation",
    "person",
    "membership",
    "user",
    "api_token",
    "attachment",
    "actual",
    "minutes_entry",
];

/// Fields whose change matters in an edit.
fn matters(field: &str) -> bool {
    matches!(
        field,
        "status"
            | "state"
            | "stage"
            | "phases"
            | "completion"
            | "severity"
            | "reconciliation"
            | "locked"
            | "agreed_value"
            | "visibility"
            | "co_chair_ids"
            | "lead_organisation_ids"
            | "owner_organisation_id"
            | "presenter_id"
            | "deadline"
            | "attended"
    ) || field.ends_with("_on")
        || field.ends_with("_start")
        || field.ends_with("_end")
        || field == "starts_at"
        || field == "ends_at"
}

/// Fields that name other records: an alert says that they changed, not to what, so it never names a
/// record the reader may not see.
fn refers(field: &str) -> bool {
    field.ends_with("_id") || field.ends_with("_ids")
}

/// How a reader names a field.
fn field_label(field: &str) -> String {
    match field {
        "due_on" => "due date".into(),
        "planned_on" => "planned date".into(),
        "forecast_on" => "forecast date".into(),
        "actual_on" => "date achieved".into(),
        "starts_at" | "starts_on" => "start".into(),
        "ends_at" | "ends_on" => "end".into(),
        "co_chair_ids" => "co-chairs".into(),
        "lead_organisation_ids" => "lead organisations".into(),
        "owner_organisation_id" => "owner organisation".into(),
        "agreed_value" => "agreed figure".into(),
        "reconciliation" => "the two sides' figures".into(),
        other => other
            .trim_end_matches("_id")
            .trim_end_matches("_on")
            .replace('_', " "),
    }
}

fn shorten(v: &str) -> String {
    if v.chars().count() > 60 {
        format!("{}…", v.chars().take(59).collect::<String>())
    } else {
        v.to_owned()
    }
}

/// What an event did, in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// The step, as a verb phrase: `updated`, `circulated for comment`, `signed`.
    pub step: String,
    /// Each change that matters: `forecast date: 2021-06-30 → 2021-09-30`.
    pub details: Vec<String>,
}

fn step(entity: &str, action: &str) -> String {
    match (entity, action) {
        ("minutes_version", "circulated") => "circulated for comment".into(),
        ("minutes_version", "agreed") => "agreed; signatures requested from both co-chairs".into(),
        ("minutes_signature", "signed") => "signed".into(),
        ("consultation", "opened") => "opened for responses".into(),
        ("indicator_period", "agreed") => "agreed by both sides".into(),
        ("news_item", "published") => {
            "published on the public news page, approved by each party".into()
        }
        ("news_item", "withdrawn") => "withdrawn from the public news page".into(),
        ("news_approval", "approved") => "approved for publication".into(),
        (_, other) => other.replace('_', " "),
    }
}

/// What the event `action` on a record of kind `entity` did between `before` (none for the first event)
/// and `after`, or `None` when it should alert nobody.
pub fn describe(
    entity: &str,
    action: &str,
    before: Option<&Value>,
    after: &Value,
) -> Option<Change> {
    if QUIET.contains(&entity) {
        return None;
    }
    let changed: Vec<_> = changes(before, after)
        .into_iter()
        .filter(|c| matters(&c.field))
        .collect();
    // A period alerts when its reconciliation, agreed figure or lock moves, not for each figure reported.
    let plain_edit = action == "updated"
        || (entity == "indicator_period" && !matches!(action, "agreed" | "locked" | "unlocked"));
    if plain_edit && changed.is_empty() {
        return None;
    }
    let mut step = step(entity, action);
    if entity == "indicator_period"
        && after.get("reconciliation").and_then(Value::as_str) == Some("discrepancy")
        && changed.iter().any(|c| c.field == "reconciliation")
    {
        step = "shows a discrepancy between the two sides' figures".into();
    }
    let details = if before.is_none() {
        Vec::new()
    } else {
        changed
            .iter()
            .filter(|c| c.field != "phases")
            .map(|c| {
                let label = field_label(&c.field);
                if refers(&c.field) {
                    format!("{label} changed")
                } else {
                    let show = |v: &Option<String>| {
                        v.as_deref().map_or_else(|| "none".to_owned(), shorten)
                    };
                    format!("{label}: {} → {}", show(&c.from), show(&c.to))
                }
            })
            .collect()
    };
    Some(Change { step, details })
}
