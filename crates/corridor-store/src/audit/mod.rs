//! The event log: appending hash-chained events inside each operation's transaction, reading a record's
//! history as readable differences, and verifying the chain and the current rows against it.

mod bulk;
mod history;
mod verify;
mod write;

pub use bulk::Bulk;
pub use history::entity_label;
pub use verify::{Problem, VerifyReport};
pub(crate) use write::WriteTx;

use crate::access::Audited;
use serde_json::Value;

/// A record's canonical state: its row, plus the people named on it and the third parties it reaches (a key
/// present only when there are some, so records that never reached one keep the payloads they were logged
/// with). The same function feeds the event written with every change and the comparison `verify` makes, so
/// the two cannot drift apart.
pub(crate) fn payload_of<E: Audited>(
    model: &E::Model,
    restricted_to: Vec<String>,
    shared_with: Vec<String>,
) -> Value {
    let mut v = serde_json::to_value(model).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut v {
        map.insert(
            "restricted_to".into(),
            Value::Array(restricted_to.into_iter().map(Value::String).collect()),
        );
        if !shared_with.is_empty() {
            map.insert(
                "shared_with".into(),
                Value::Array(shared_with.into_iter().map(Value::String).collect()),
            );
        }
    }
    v
}
