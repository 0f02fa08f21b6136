//! The pure side of the event log: the canonical encoding, the chain hash, and readable differences between
//! two states of a record.

use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

/// The hash that precedes the first event.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Writes `value` as compact JSON with object keys sorted by their UTF-8 bytes, so the same state always
/// encodes to the same bytes whatever the map implementation. Auditors can reproduce it with `jq -cS`.
pub fn canonical_json(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                write_canonical(&map[k], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

/// Everything an event says, apart from its own hash.
#[derive(Clone, Debug, Serialize)]
pub struct EventBody<'a> {
    /// Position in the chain, from 1.
    pub seq: i64,
    /// A unique id.
    pub id: &'a str,
    /// RFC 3339 time of the change.
    pub at: &'a str,
    /// The acting user's id, or `system`.
    pub actor: &'a str,
    /// The acting user's name.
    pub actor_name: &'a str,
    /// The acting user's party.
    pub actor_party: Option<&'a str>,
    /// The kind of record (`organisation`, `person`…).
    pub entity: &'a str,
    /// The record's id.
    pub entity_id: &'a str,
    /// What happened (`created`, `updated`…).
    pub action: &'a str,
    /// The record's owner party.
    pub owner_party: Option<&'a str>,
    /// The record's visibility after the change.
    pub visibility: &'a str,
    /// The record's canonical state after the change.
    pub payload: &'a str,
}

/// `SHA-256(prev_hash ‖ canonical JSON of the body)`, hex encoded.
pub fn event_hash(prev_hash: &str, body: &EventBody<'_>) -> String {
    let body = serde_json::to_value(body).unwrap_or(Value::Null);
    let mut h = Sha256::new();
    h.update(prev_hash.as_bytes());
    h.update(canonical_json(&body).as_bytes());
    hex::encode(h.finalize())
}

/// One field that differs between two states of a record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct FieldChange {
    /// The field's name.
    pub field: String,
    /// The value before, as text (`None` when it had none).
    pub from: Option<String>,
    /// The value after.
    pub to: Option<String>,
}

/// Bookkeeping fields that change with every write and say nothing to a reader.
const QUIET_FIELDS: [&str; 3] = ["version", "updated_at", "created_at"];

/// The fields that differ between `before` (none for a creation) and `after`, in field order.
pub fn changes(before: Option<&Value>, after: &Value) -> Vec<FieldChange> {
    let empty = serde_json::Map::new();
    let old = before.and_then(Value::as_object).unwrap_or(&empty);
    let new = after.as_object().unwrap_or(&empty);
    let mut keys: Vec<&String> = new.keys().chain(old.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| !QUIET_FIELDS.contains(&k.as_str()) && k.as_str() != "id")
        // Equal values read equally: skip them before writing either out.
        .filter(|k| old.get(*k) != new.get(*k))
        .filter_map(|k| {
            let (from, to) = (old.get(k).and_then(display), new.get(k).and_then(display));
            (from != to).then(|| FieldChange {
                field: k.clone(),
                from,
                to,
            })
        })
        .collect()
}

/// A value as a reader would write it; `None` for null and empty values.
fn display(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) if s.is_empty() => None,
        Value::String(s) => Some(s.clone()),
        Value::Array(a) if a.is_empty() => None,
        Value::Array(a) => Some(a.iter().filter_map(display).collect::<Vec<_>>().join(", ")),
        other => Some(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn canonical_json_sorts_keys_at_every_depth() {
        let v = json!({"b": 1, "a": {"z": [1, {"y": 2, "x": "é"}], "c": null}});
        assert_eq!(
            canonical_json(&v),
            r#"{"a":{"c":null,"z":[1,{"x":"é","y":2}]},"b":1}"#
        );
    }

    fn body(payload: &str) -> EventBody<'_> {
        EventBody {
            seq: 1,
            id: "e",
            at: "2020-12-15T09:00:00Z",
            actor: "system",
            actor_name: "system",
            actor_party: None,
            entity: "organisation",
            entity_id: "o",
            action: "created",
            owner_party: None,
            visibility: "shared",
            payload,
        }
    }

    #[test]
    fn hash_depends_on_previous_hash_and_every_field() {
        let a = event_hash(GENESIS_HASH, &body("{}"));
        assert_eq!(a.len(), 64);
        assert_eq!(a, event_hash(GENESIS_HASH, &body("{}")));
        assert_ne!(a, event_hash(&a, &body("{}")));
        assert_ne!(a, event_hash(GENESIS_HASH, &body(r#"{"name":"x"}"#)));
    }

    #[test]
    fn changes_list_only_meaningful_fields() {
        let before =
            json!({"id": "1", "name": "BoI", "kind": "ministry", "version": 1, "tags": []});
        let after = json!({"id": "1", "name": "BoI", "kind": "investment_board", "version": 2, "website": "https://invest.gov.pk"});
        let c = changes(Some(&before), &after);
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].field, "kind");
        assert_eq!(c[0].from.as_deref(), Some("ministry"));
        assert_eq!(c[1].field, "website");
        assert_eq!(c[1].from, None);
        assert_eq!(changes(None, &after).len(), 3);
    }
}
