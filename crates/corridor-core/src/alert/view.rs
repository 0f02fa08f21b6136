//! What alert reads return: follows, settings and the inbox.

use super::{EmailMode, Reason};
use serde::Serialize;

/// One thing a user follows, as their settings page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct FollowView {
    /// `kind:id`, `area:name` or `organisation_register:id`.
    pub target: String,
    /// What it is, named when it was followed.
    pub label: String,
    /// Where it lives.
    pub link: String,
    /// `chosen`, or the role that brought it (`owner`, `lead`, `co_chair`).
    pub reason: Reason,
}

/// A user's alert settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct AlertSettings {
    /// How alerts arrive by e-mail.
    pub email_mode: EmailMode,
    /// The address they go to, from the user's person record; none means no e-mail.
    pub email: Option<String>,
    /// Whether the user has a feed link.
    pub has_feed_token: bool,
}

/// One notification as its reader sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct InboxEntry {
    /// Its id, to mark it read.
    pub id: String,
    /// The record: `milestone “Land handover”`.
    pub record: String,
    /// What happened: `updated`, `circulated for comment`.
    pub step: String,
    /// What changed from what to what, `; `-separated; empty for a creation or a named step.
    pub changes: String,
    /// Who did it.
    pub actor: String,
    /// Why it reached the reader.
    pub reason: String,
    /// The page that shows the record.
    pub link: String,
    /// When it was written (RFC 3339).
    pub at: String,
    /// Whether the reader has read it.
    pub read: bool,
    /// The position of its event in the log.
    pub event_seq: i64,
}

/// The notifications of one record, the newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct InboxGroup {
    /// The record they belong to (`project:…`).
    pub group: String,
    /// How many are unread.
    pub unread: usize,
    /// The notifications.
    pub entries: Vec<InboxEntry>,
}
