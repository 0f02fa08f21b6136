//! What the index holds of each kind of record, read from the record's state as its event carries it (the
//! row, with `translations` and `clauses` as JSON text). One table says, per kind, where it belongs, which
//! fields make its title and its text, and which page shows it.

use super::{Area, SearchDoc, Titles};
use serde_json::Value;

/// Which field the `translations` column translates.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Translated {
    /// The title field.
    Title,
    /// The first text field.
    Text,
    /// None: the record has no translations.
    Nothing,
}

/// How one kind of record becomes a document.
struct Source {
    entity: &'static str,
    area: Area,
    label: &'static str,
    /// The first of these that is written is the title.
    title: &'static [&'static str],
    /// Plain text fields.
    text: &'static [&'static str],
    translated: Translated,
    /// The page: a prefix and the payload field whose value ends it.
    link: (&'static str, &'static str),
    /// The field holding the record's date, if any; else the creation year counts.
    dated: &'static [&'static str],
}

use Translated::{Nothing, Text, Title};

/// Every kind of record the index holds.
#[rustfmt::skip]
static TABLE: &[Source] = &[
    Source { entity: "meeting", area: Area::Meetings, label: "meeting", title: &["title"], text: &["venue", "city", "kind"], translated: Nothing, link: ("/meetings/", "id"), dated: &["starts_at"] },
    Source { entity: "agenda_item", area: Area::Meetings, label: "agenda item", title: &["title"], text: &[], translated: Title, link: ("/meetings/", "meeting_id"), dated: &[] },
    Source { entity: "minutes_entry", area: Area::Meetings, label: "minutes", title: &[], text: &["text"], translated: Text, link: ("/meetings/", "meeting_id"), dated: &[] },
    Source { entity: "briefing_note", area: Area::Meetings, label: "briefing note", title: &[], text: &["text"], translated: Nothing, link: ("/meetings/", "meeting_id"), dated: &[] },
    Source { entity: "register_item", area: Area::Register, label: "outcome", title: &[], text: &["text"], translated: Text, link: ("/register/", "id"), dated: &["due_on"] },
    Source { entity: "instrument", area: Area::Instruments, label: "instrument", title: &["title"], text: &["kind"], translated: Title, link: ("/instruments/", "id"), dated: &[] },
    Source { entity: "instrument_version", area: Area::Instruments, label: "instrument text", title: &["label"], text: &[], translated: Nothing, link: ("/instrument-versions/", "id"), dated: &["dated_on"] },
    Source { entity: "instrument_step", area: Area::Instruments, label: "instrument step", title: &["kind"], text: &["note", "consent_type"], translated: Nothing, link: ("/instruments/", "instrument_id"), dated: &["acted_on"] },
    Source { entity: "consultation", area: Area::Instruments, label: "consultation", title: &["title"], text: &[], translated: Nothing, link: ("/instruments/", "instrument_id"), dated: &["deadline"] },
    Source { entity: "consultation_response", area: Area::Instruments, label: "consultation response", title: &[], text: &["comments", "position"], translated: Nothing, link: ("/instruments/", "instrument_id"), dated: &["responded_on"] },
    Source { entity: "attachment", area: Area::Instruments, label: "attachment", title: &["filename"], text: &[], translated: Nothing, link: ("/instruments/", "instrument_id"), dated: &[] },
    Source { entity: "project", area: Area::Portfolio, label: "project", title: &["name"], text: &["sector", "province", "developer", "stalled_reason", "kind"], translated: Title, link: ("/projects/", "id"), dated: &["planned_start"] },
    Source { entity: "milestone", area: Area::Portfolio, label: "milestone", title: &["title"], text: &["kind"], translated: Title, link: ("/projects/", "project_id"), dated: &["planned_on"] },
    Source { entity: "progress_update", area: Area::Portfolio, label: "progress update", title: &[], text: &["narrative"], translated: Text, link: ("/projects/", "project_id"), dated: &["reported_on"] },
    Source { entity: "risk", area: Area::Portfolio, label: "risk", title: &["title"], text: &["mitigation", "severity"], translated: Nothing, link: ("/projects/", "project_id"), dated: &[] },
    Source { entity: "study", area: Area::Studies, label: "study", title: &["title"], text: &["sector", "terms_of_reference"], translated: Title, link: ("/studies/", "id"), dated: &[] },
    Source { entity: "study_report", area: Area::Studies, label: "study report", title: &["label"], text: &["filename"], translated: Nothing, link: ("/studies/", "study_id"), dated: &["dated_on"] },
    Source { entity: "recommendation", area: Area::Studies, label: "recommendation", title: &[], text: &["text", "finding"], translated: Text, link: ("/studies/", "study_id"), dated: &["due_on"] },
    Source { entity: "exchange", area: Area::Exchanges, label: "exchange", title: &["title"], text: &["purpose", "report_summary", "status_reason", "kind"], translated: Title, link: ("/exchanges/", "id"), dated: &["starts_on"] },
    Source { entity: "company", area: Area::Exchanges, label: "company", title: &["name"], text: &["sector", "city"], translated: Title, link: ("/companies/", "id"), dated: &[] },
    Source { entity: "intention", area: Area::Exchanges, label: "investment intention", title: &["sector"], text: &["notes"], translated: Nothing, link: ("/companies/", "company_id"), dated: &["stated_on"] },
    Source { entity: "result_node", area: Area::Results, label: "result", title: &["title"], text: &["level"], translated: Title, link: ("/results", ""), dated: &[] },
    Source { entity: "indicator", area: Area::Results, label: "indicator", title: &["title"], text: &["unit", "baseline_source"], translated: Title, link: ("/indicators/", "id"), dated: &[] },
    Source { entity: "party", area: Area::Directory, label: "party", title: &["name"], text: &["short_name"], translated: Nothing, link: ("/parties/", "id"), dated: &[] },
    Source { entity: "organisation", area: Area::Directory, label: "organisation", title: &["name"], text: &["short_name", "kind"], translated: Nothing, link: ("/parties/", "party_id"), dated: &[] },
    Source { entity: "person", area: Area::Directory, label: "person", title: &["full_name"], text: &["native_name", "title", "email"], translated: Nothing, link: ("/people/", "id"), dated: &[] },
    Source { entity: "news_item", area: Area::News, label: "news", title: &["title"], text: &["summary"], translated: Title, link: ("/news/", "id"), dated: &["published_at"] },
    Source { entity: "body", area: Area::Directory, label: "body", title: &["name"], text: &["short_name"], translated: Nothing, link: ("/bodies/", "id"), dated: &[] },
];

/// The kinds of record the index holds.
pub static SOURCES: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| TABLE.iter().map(|s| s.entity).collect());

fn text<'a>(payload: &'a Value, field: &str) -> Option<&'a str> {
    payload
        .get(field)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// Every string in `v`, depth first, each on its own line.
fn strings(v: &Value, out: &mut String) {
    match v {
        Value::String(s) if !s.trim().is_empty() => {
            out.push_str(s.trim());
            out.push('\n');
        }
        Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        Value::Object(m) => m.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

/// A JSON column kept as text, parsed; `Null` when absent or unreadable.
fn json_column(payload: &Value, field: &str) -> Value {
    match payload.get(field) {
        Some(Value::String(s)) => serde_json::from_str(s).unwrap_or(Value::Null),
        Some(v) => v.clone(),
        None => Value::Null,
    }
}

/// The headings and wording of every clause, in every language, in order.
fn clause_text(clauses: &Value, out: &mut String) {
    let Value::Array(list) = clauses else { return };
    for c in list {
        for part in ["numbers", "heading", "text"] {
            if let Some(v) = c.get(part) {
                strings(v, out);
            }
        }
        if let Some(children) = c.get("children") {
            clause_text(children, out);
        }
    }
}

/// The first line of `s`, cut at a word boundary to about 120 characters.
fn headline(s: &str) -> String {
    let line = s.lines().next().unwrap_or("").trim();
    if line.chars().count() <= 120 {
        return line.to_owned();
    }
    let cut: String = line.chars().take(120).collect();
    let end = cut.rfind(' ').filter(|&i| i > 60).unwrap_or(cut.len());
    format!("{}…", &cut[..end])
}

fn year_of(s: &str) -> Option<i32> {
    s.get(..4)?.parse().ok()
}

/// The document for a record of kind `entity` in the state `payload`, or `None` for kinds the index does
/// not hold. `payload` is the record's row as its latest event holds it; the caller adds `meeting_id` or
/// `instrument_id` where the row names its parent only through another record.
pub fn document(entity: &str, id: &str, payload: &Value) -> Option<SearchDoc> {
    let s = TABLE.iter().find(|s| s.entity == entity)?;
    let translations = json_column(payload, "translations");
    let tr = |lang: &str| text(&translations, lang).map(str::to_owned);
    let mut body = String::new();
    for f in s.text {
        if let Some(t) = text(payload, f) {
            body.push_str(t);
            body.push('\n');
        }
    }
    let first_text = s.text.first().and_then(|f| text(payload, f));
    let title_en = s
        .title
        .iter()
        .find_map(|f| text(payload, f))
        .map(str::to_owned)
        .or_else(|| first_text.map(headline))
        .unwrap_or_else(|| s.label.to_owned());
    let mut title = Titles {
        en: title_en,
        zh: None,
        ur: None,
    };
    match s.translated {
        Title => {
            title.zh = tr("zh");
            title.ur = tr("ur");
        }
        Text => {
            title.zh = tr("zh").as_deref().map(headline);
            title.ur = tr("ur").as_deref().map(headline);
        }
        Nothing => {}
    }
    strings(&translations, &mut body);
    if entity == "instrument_version" {
        clause_text(&json_column(payload, "clauses"), &mut body);
    }
    if entity == "meeting"
        && let Some(n) = payload.get("number").and_then(Value::as_i64)
    {
        body.push_str(&format!("meeting {n}\n"));
    }
    let link = match s.link {
        (prefix, "") => prefix.to_owned(),
        (prefix, "id") => format!("{prefix}{id}"),
        (prefix, field) => match text(payload, field) {
            Some(v) => format!("{prefix}{v}"),
            None => "/".to_owned(),
        },
    };
    let year = s
        .dated
        .iter()
        .find_map(|f| text(payload, f))
        .or_else(|| text(payload, "created_at"))
        .and_then(year_of);
    let status = text(payload, "status")
        .or_else(|| text(payload, "state"))
        .map(str::to_owned);
    let file = text(payload, "sha256").map(|sha| {
        (
            text(payload, "media_type")
                .unwrap_or("application/octet-stream")
                .to_owned(),
            sha.to_owned(),
        )
    });
    Some(SearchDoc {
        entity: entity.to_owned(),
        id: id.to_owned(),
        area: s.area,
        kind_label: s.label,
        title,
        text: body,
        link,
        body_id: text(payload, "body_id").map(str::to_owned),
        owner_party_id: text(payload, "owner_party_id")
            .unwrap_or_default()
            .to_owned(),
        visibility: text(payload, "visibility")
            .unwrap_or("restricted")
            .to_owned(),
        status,
        year,
        file,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_outcome_is_titled_by_its_opening_words_in_each_language() {
        let d = document(
            "register_item",
            "r1",
            &json!({
                "text": "Share the draft framework agreement with the provinces.\nSecond line.",
                "translations": "{\"zh\":\"与各省分享框架协议草案。\",\"ur\":\"فریم ورک معاہدے کا مسودہ صوبوں کو بھیجیں۔\"}",
                "status": "open",
                "due_on": "2025-03-31",
                "owner_party_id": "p1",
                "visibility": "shared",
                "body_id": "b1",
                "created_at": "2024-11-20T10:00:00Z"
            }),
        )
        .unwrap();
        assert_eq!(d.area, Area::Register);
        assert_eq!(
            d.title.en,
            "Share the draft framework agreement with the provinces."
        );
        assert_eq!(d.title.zh.as_deref(), Some("与各省分享框架协议草案。"));
        assert!(d.title.ur.as_deref().unwrap().starts_with("فریم"));
        assert!(d.text.contains("Second line."));
        assert!(d.text.contains("与各省分享"));
        assert_eq!(d.link, "/register/r1");
        assert_eq!(d.year, Some(2025));
        assert_eq!(d.status.as_deref(), Some("open"));
        assert_eq!(d.body_id.as_deref(), Some("b1"));
        assert_eq!(d.key(), "register_item:r1");
    }

    #[test]
    fn an_instrument_text_holds_every_clause_in_every_language() {
        let clauses = json!([{
            "key": "a1", "kind": "article", "number": "Article 1",
            "numbers": {"zh": "第一条"},
            "heading": {"en": "Scope", "zh": "范围"},
            "text": {"en": "The Parties shall cooperate in textiles.", "zh": "双方应在纺织领域开展合作。"},
            "children": [{"key": "a1p1", "kind": "paragraph", "number": "1.", "heading": {},
                          "text": {"ur": "فریقین تعاون کریں گے۔"}}]
        }]);
        let d = document(
            "instrument_version",
            "v1",
            &json!({"label": "Draft 2", "clauses": clauses.to_string(), "dated_on": "2024-05-02",
                    "owner_party_id": "p", "visibility": "shared"}),
        )
        .unwrap();
        for part in ["第一条", "范围", "textiles", "纺织", "فریقین"] {
            assert!(d.text.contains(part), "{part} missing from {}", d.text);
        }
        assert!(!d.text.contains("a1p1"), "clause keys are not text");
        assert_eq!(d.link, "/instrument-versions/v1");
        assert_eq!(d.year, Some(2024));
    }

    #[test]
    fn kinds_outside_the_index_give_nothing_and_missing_fields_fall_back() {
        assert!(document("session", "s", &json!({})).is_none());
        assert!(document("minutes_signature", "s", &json!({})).is_none());
        let d = document("briefing_note", "n", &json!({"visibility": "party"})).unwrap();
        assert_eq!(d.title.en, "briefing note");
        assert_eq!(d.link, "/");
        let long = "word ".repeat(60);
        let d = document(
            "minutes_entry",
            "m",
            &json!({"text": long, "meeting_id": "x"}),
        )
        .unwrap();
        assert!(d.title.en.chars().count() <= 121 && d.title.en.ends_with('…'));
        let d = document(
            "study_report",
            "r",
            &json!({"label": "Final", "sha256": "ab", "media_type": "text/plain", "study_id": "s"}),
        )
        .unwrap();
        assert_eq!(d.file, Some(("text/plain".into(), "ab".into())));
        assert_eq!(d.link, "/studies/s");
    }
}
