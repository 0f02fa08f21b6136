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
    /// The position of its event in the log; none for a date coming or gone.
    pub event_seq: Option<i64>,
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

/// An e-mail in the outbox as an administrator of the recipient's side sees it: where it goes and how
/// delivery went, never what it says (the alerts are the recipient's to read).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct DeliveryView {
    /// Its id.
    pub id: String,
    /// The account it goes to.
    pub username: String,
    /// The address.
    pub recipient: String,
    /// `instant`, `daily` or `weekly`.
    pub kind: String,
    /// `pending`, `sent` or `failed`.
    pub status: String,
    /// Attempts made.
    pub attempts: i32,
    /// What the last failed attempt met.
    pub last_error: Option<String>,
    /// When it was queued (RFC 3339).
    pub created_at: String,
    /// When the next attempt is due, while pending.
    pub next_attempt_at: Option<String>,
    /// When it was accepted.
    pub sent_at: Option<String>,
    /// Every attempt, the newest first: (when, accepted, the answer).
    pub log: Vec<(String, bool, String)>,
}

/// An organisation's webhook with its latest calls.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct WebhookView {
    /// Its id.
    pub id: String,
    /// Where alerts are posted.
    pub url: String,
    /// Whether it is on; it turns itself off after repeated failures.
    pub enabled: bool,
    /// Failed attempts in a row.
    pub failures: i32,
    /// When it was set up (RFC 3339).
    pub created_at: String,
    /// Its latest calls, the newest first.
    pub calls: Vec<WebhookCallView>,
}

/// One alert posted (or to be posted) to a webhook.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct WebhookCallView {
    /// Its id, sent as `X-Corridor-Delivery`.
    pub id: String,
    /// `pending`, `sent` or `failed`.
    pub status: String,
    /// Attempts made.
    pub attempts: i32,
    /// The status code the last attempt met, if the server answered.
    pub last_code: Option<i32>,
    /// What the last failed attempt met.
    pub last_error: Option<String>,
    /// When it was queued (RFC 3339).
    pub created_at: String,
}
