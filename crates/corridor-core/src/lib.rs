//! Corridor's domain: typed ids, parties and visibility, actors, commands with their validation, and the
//! pure parts of the audit log (canonical encoding, hashing, readable differences). No I/O lives here.

pub mod actor;
pub mod alert;
pub mod attachment;
pub mod audit;
pub mod business;
pub mod config;
pub mod dates;
pub mod directory;
pub mod error;
pub mod exchange;
pub mod iati;
pub mod ids;
pub mod input;
pub mod instrument;
pub mod language;
pub mod links;
pub mod meeting;
pub mod news;
pub mod portfolio;
pub mod results;
pub mod search;
pub mod sheet;
pub mod study;
pub mod view;
pub mod visibility;
mod words;

pub use actor::{Actor, Role, Viewer};
pub use error::{FieldError, ValidationErrors};
pub use visibility::{RecordMeta, Visibility};

/// The current time, truncated to whole microseconds so that SQLite and PostgreSQL store the same instant.
pub fn now() -> time::OffsetDateTime {
    let t = time::OffsetDateTime::now_utc();
    t.replace_nanosecond(t.nanosecond() / 1_000 * 1_000)
        .unwrap_or(t)
}
