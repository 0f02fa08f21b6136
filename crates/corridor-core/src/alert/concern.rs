//! Which follow targets an event concerns: the record itself when it can be followed, the records it belongs
//! to (a milestone's project, an outcome's meeting and body), its area, and for an outcome the register of
//! each organisation that owns or leads it. Also who follows a new record by their role.

use super::{FollowKind, Reason, Target};
use serde_json::Value;

/// What an event of the log concerns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Concern {
    /// The follow targets, written as stored (`project:…`, `area:portfolio`).
    pub targets: Vec<String>,
    /// The record, as a reader names it: `milestone “Land handover”`.
    pub record: String,
    /// The page that shows it.
    pub link: String,
    /// The followable record it belongs to, which the inbox groups by (`project:…`).
    pub group: String,
    /// A parent the payload names only through another record: (table, column, id, kind). The store reads
    /// `column` of row `id` in `table` and adds `kind:value` to the targets (a signature's meeting through
    /// its minutes version).
    pub via: Option<(&'static str, &'static str, String, FollowKind)>,
}

fn text<'a>(payload: &'a Value, field: &str) -> Option<&'a str> {
    payload
        .get(field)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
}

fn ids(payload: &Value, field: &str) -> Vec<String> {
    match payload.get(field) {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
        // `*_ids` columns are JSON lists kept as text.
        Some(Value::String(s)) => serde_json::from_str(s).unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// The area an entity belongs to, and the parents its payload names: (field, kind).
fn family(entity: &str) -> Option<(&'static str, &'static [(&'static str, FollowKind)])> {
    use FollowKind as K;
    Some(match entity {
        "meeting" => ("meetings", &[("body_id", K::Body)]),
        "agenda_item" | "minutes_version" | "minutes_entry" | "delegate" | "review" => (
            "meetings",
            &[("meeting_id", K::Meeting), ("item_id", K::RegisterItem)],
        ),
        "briefing_note" | "minutes_signature" | "minutes_redline" => ("meetings", &[]),
        "register_item" => (
            "register",
            &[("meeting_id", K::Meeting), ("body_id", K::Body)],
        ),
        "instrument" => ("instruments", &[]),
        "instrument_version" | "instrument_step" | "consultation" | "accession" => {
            ("instruments", &[("instrument_id", K::Instrument)])
        }
        "consultation_response" | "accession_decision" => ("instruments", &[]),
        "project" => ("portfolio", &[("parent_id", K::Project)]),
        "milestone" | "progress_update" | "finance" | "risk" => {
            ("portfolio", &[("project_id", K::Project)])
        }
        "study" => ("studies", &[("body_id", K::Body)]),
        "study_expert" | "study_report" | "recommendation" => (
            "studies",
            &[
                ("study_id", K::Study),
                ("register_item_id", K::RegisterItem),
            ],
        ),
        "exchange" => (
            "exchanges",
            &[
                ("programme_project_id", K::Project),
                ("request_item_id", K::RegisterItem),
            ],
        ),
        "nomination" | "programme_item" => ("exchanges", &[("exchange_id", K::Exchange)]),
        "company" | "matchmaking" | "business_mou" | "investment_intention" => ("business", &[]),
        "result_node" | "indicator" => ("impact", &[]),
        "indicator_period" | "actual" => ("impact", &[("indicator_id", K::Indicator)]),
        "news_item" | "news_approval" => ("news", &[]),
        _ => return None,
    })
}

/// A parent reached through another row.
fn via(entity: &str, payload: &Value) -> Option<(&'static str, &'static str, String, FollowKind)> {
    let (field, table, column, kind) = match entity {
        "minutes_signature" | "minutes_redline" => (
            "version_id",
            "minutes_versions",
            "meeting_id",
            FollowKind::Meeting,
        ),
        "briefing_note" => (
            "agenda_item_id",
            "agenda_items",
            "meeting_id",
            FollowKind::Meeting,
        ),
        "consultation_response" => (
            "consultation_id",
            "consultations",
            "instrument_id",
            FollowKind::Instrument,
        ),
        "accession_decision" => (
            "accession_id",
            "accessions",
            "instrument_id",
            FollowKind::Instrument,
        ),
        _ => return None,
    };
    Some((table, column, text(payload, field)?.to_owned(), kind))
}

/// How a reader names a record kind.
pub(crate) fn kind_label(entity: &str) -> String {
    match entity {
        "register_item" => "outcome".into(),
        "minutes_version" => "minutes".into(),
        "minutes_signature" => "signature of the minutes".into(),
        "minutes_redline" => "proposed change to the minutes".into(),
        "indicator_period" => "period of an indicator".into(),
        "progress_update" => "progress update".into(),
        "investment_intention" => "investment intention".into(),
        "business_mou" => "business memorandum".into(),
        "result_node" => "part of the results framework".into(),
        "news_item" => "news item".into(),
        "news_approval" => "approval of a news item".into(),
        other => other.replace('_', " "),
    }
}

/// The record's name from its payload, shortened to a line.
fn name(entity: &str, payload: &Value) -> Option<String> {
    let raw = match entity {
        "indicator_period" => {
            return Some(format!(
                "{} to {}",
                text(payload, "starts_on")?,
                text(payload, "ends_on")?
            ));
        }
        "minutes_version" => return payload.get("number").map(|n| format!("version {n}")),
        _ => ["title", "name", "text", "finding", "narrative"]
            .iter()
            .find_map(|f| text(payload, f))?,
    };
    let line = raw.lines().next().unwrap_or(raw);
    Some(if line.chars().count() > 90 {
        format!("{}…", line.chars().take(89).collect::<String>())
    } else {
        line.to_owned()
    })
}

/// What an event about record `entity_id` of kind `entity` in state `payload` concerns; `None` for kinds
/// nobody follows (accounts, people, parties).
pub fn concern(entity: &str, entity_id: &str, payload: &Value) -> Option<Concern> {
    let (area, parents) = family(entity)?;
    let own = entity.parse::<FollowKind>().ok();
    let mut records: Vec<(FollowKind, String)> = Vec::new();
    if let Some(k) = own {
        records.push((k, entity_id.to_owned()));
    }
    for (field, kind) in parents {
        if let Some(id) = text(payload, field) {
            records.push((*kind, id.to_owned()));
        }
    }
    let mut targets: Vec<String> = records
        .iter()
        .map(|(k, id)| format!("{}:{id}", k.as_str()))
        .collect();
    targets.push(Target::Area(area).to_string());
    if entity == "register_item" {
        let mut orgs = ids(payload, "lead_organisation_ids");
        orgs.extend(text(payload, "owner_organisation_id").map(str::to_owned));
        for o in orgs {
            targets.push(format!("organisation_register:{o}"));
        }
    }
    targets.sort();
    targets.dedup();
    let (link, group) = match records.first() {
        Some((k, id)) => (format!("{}/{id}", k.path()), format!("{}:{id}", k.as_str())),
        None => (Target::Area(area).link(), Target::Area(area).to_string()),
    };
    let label = kind_label(entity);
    Some(Concern {
        record: match name(entity, payload) {
            Some(n) => format!("{label} “{n}”"),
            None => label,
        },
        targets,
        link,
        group,
        via: via(entity, payload),
    })
}

/// Who follows a record by their role when it is created or the role changes: people (by person id) who
/// co-chair a meeting, organisations that lead or own an outcome or a project.
pub fn role_follows(entity: &str, payload: &Value) -> Vec<(Reason, RoleHolder)> {
    let mut out = Vec::new();
    match entity {
        "meeting" => {
            for p in ids(payload, "co_chair_ids") {
                out.push((Reason::CoChair, RoleHolder::Person(p)));
            }
        }
        "register_item" | "project" => {
            for o in ids(payload, "lead_organisation_ids") {
                out.push((Reason::Lead, RoleHolder::Organisation(o)));
            }
            if let Some(o) = text(payload, "owner_organisation_id") {
                out.push((Reason::Owner, RoleHolder::Organisation(o.to_owned())));
            }
        }
        _ => {}
    }
    out
}

/// Who holds a role: a person, or every account of an organisation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RoleHolder {
    /// A person, by id.
    Person(String),
    /// An organisation, by id.
    Organisation(String),
}
