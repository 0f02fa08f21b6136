//! The register: what meetings decide and ask — decisions, agreements, requests to the counterpart, action
//! items and notes — each led by an organisation on each side, followed from meeting to meeting.

use crate::error::{Collector, FieldError, ValidationErrors};
use crate::ids::{AgendaItemId, MeetingId, OrganisationId, RegisterItemId};
use crate::input::{self, Access, limit};
use crate::language::Translations;
use crate::links::RecordLink;
use crate::visibility::Visibility;
use serde::{Deserialize, Serialize};
use std::str::FromStr;
use time::Date;

use crate::words::word_enum;

word_enum!(
    /// What kind of outcome.
    OutcomeKind {
        /// The body decided something.
        Decision = "decision" / "Decision",
        /// The parties agreed something.
        Agreement = "agreement" / "Agreement",
        /// One side asks the other for something.
        Request = "request" / "Request to the counterpart",
        /// Someone must do something by a date.
        Action = "action" / "Action item",
        /// Recorded for information.
        Note = "note" / "Note",
    }
);

word_enum!(
    /// Where an outcome stands; "overdue" is derived from the due date, never stored.
    OutcomeStatus {
        /// Not started.
        Open = "open" / "Open",
        /// Being worked on.
        InProgress = "in_progress" / "In progress",
        /// Done.
        Done = "done" / "Done",
        /// No longer pursued.
        Dropped = "dropped" / "Dropped",
    }
);

impl OutcomeStatus {
    /// Whether the item is still to be followed up (it goes into the next meeting's matters arising).
    pub fn is_open(self) -> bool {
        matches!(self, Self::Open | Self::InProgress)
    }
}

/// Whether an item with `status` due on `due_on` is overdue on `today`.
pub fn is_overdue(status: OutcomeStatus, due_on: Option<Date>, today: Date) -> bool {
    status.is_open() && due_on.is_some_and(|d| d < today)
}

/// An outcome as a form or JSON client sends it.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct OutcomeInput {
    /// The meeting that produced it.
    pub meeting_id: Option<String>,
    /// The agenda item it came under.
    pub agenda_item_id: Option<String>,
    /// `decision`, `agreement`, `request`, `action` or `note`.
    pub kind: Option<String>,
    /// What was decided, agreed or asked.
    pub text: Option<String>,
    /// The text in Chinese.
    pub text_zh: Option<String>,
    /// The text in Urdu.
    pub text_ur: Option<String>,
    /// The lead organisation on each side (at most one per party).
    #[serde(deserialize_with = "input::one_or_many")]
    pub lead_organisation_ids: Vec<String>,
    /// Due date, `YYYY-MM-DD`.
    pub due_on: Option<String>,
    /// Records it concerns, each written `kind:id`.
    #[serde(deserialize_with = "input::one_or_many")]
    pub links: Vec<String>,
    /// `open` (default), `in_progress`, `done` or `dropped`.
    pub status: Option<String>,
    /// `public`, `shared` (default), `party` or `restricted`.
    pub visibility: Option<String>,
    /// People who may see a restricted record.
    #[serde(deserialize_with = "input::one_or_many")]
    pub restricted_to: Vec<String>,
    /// The version being edited.
    #[serde(deserialize_with = "input::int_or_text")]
    #[schema(value_type = Option<i64>)]
    pub version: Option<i64>,
}

/// A validated outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewOutcome {
    /// The meeting.
    pub meeting_id: MeetingId,
    /// The agenda item.
    pub agenda_item_id: Option<AgendaItemId>,
    /// Kind.
    pub kind: OutcomeKind,
    /// Text.
    pub text: String,
    /// The text in Chinese and Urdu.
    pub text_translations: Translations,
    /// Lead organisations.
    pub lead_organisation_ids: Vec<OrganisationId>,
    /// Due date.
    pub due_on: Option<Date>,
    /// Records it concerns.
    pub links: Vec<RecordLink>,
    /// Status.
    pub status: OutcomeStatus,
    /// Who may see it.
    pub access: Access,
    /// The version being edited.
    pub expected_version: Option<i64>,
}

fn ids<T: FromStr>(field: &str, raw: &[String], what: &str) -> Result<Vec<T>, FieldError> {
    raw.iter()
        .filter(|r| !r.trim().is_empty())
        .map(|r| {
            r.trim()
                .parse()
                .map_err(|_| FieldError::new(field, format!("“{r}” is not {what}")))
        })
        .collect()
}

impl TryFrom<&OutcomeInput> for NewOutcome {
    type Error = ValidationErrors;
    fn try_from(i: &OutcomeInput) -> Result<Self, Self::Error> {
        let mut c = Collector::default();
        let meeting_id = c.take(input::required_parsed(
            "meeting_id",
            i.meeting_id.as_deref(),
            "a meeting id",
        ));
        let agenda_item_id = c.take(input::optional_parsed(
            "agenda_item_id",
            i.agenda_item_id.as_deref(),
            "an agenda item id",
        ));
        let kind = c.take(input::required_parsed(
            "kind",
            i.kind.as_deref(),
            "an outcome kind",
        ));
        let text = c.take(input::required_long_text(
            "text",
            i.text.as_deref(),
            limit::TEXT,
        ));
        let translations = c.take(Translations::parse(
            "text",
            i.text_zh.as_deref(),
            i.text_ur.as_deref(),
            limit::TEXT,
        ));
        let leads = c.take(ids(
            "lead_organisation_ids",
            &i.lead_organisation_ids,
            "an organisation id",
        ));
        let due_on = c.take(input::optional_date("due_on", i.due_on.as_deref()));
        let links = c.take(RecordLink::parse_all("links", &i.links));
        let status = c.take(
            input::optional_parsed("status", i.status.as_deref(), "a status")
                .map(|s| s.unwrap_or(OutcomeStatus::Open)),
        );
        let access = c.take(input::access(
            i.visibility.as_deref(),
            &i.restricted_to,
            Visibility::Shared,
        ));
        c.finish(|| {
            Some(NewOutcome {
                meeting_id: meeting_id?,
                agenda_item_id: agenda_item_id?,
                kind: kind?,
                text: text?,
                text_translations: translations?,
                lead_organisation_ids: leads?,
                due_on: due_on?,
                links: links?,
                status: status?,
                access: access?,
                expected_version: i.version,
            })
        })
    }
}

/// A review of an item at a meeting: its new status and what was said.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ReviewInput {
    /// The item reviewed.
    pub item_id: Option<String>,
    /// The meeting at which it was reviewed (none for an update between meetings).
    pub meeting_id: Option<String>,
    /// The status after the review.
    pub status: Option<String>,
    /// What was reported.
    pub note: Option<String>,
}

/// A validated review.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewReview {
    /// The item.
    pub item_id: RegisterItemId,
    /// The meeting.
    pub meeting_id: Option<MeetingId>,
    /// New status.
    pub status: OutcomeStatus,
    /// What was reported.
    pub note: Option<String>,
}

impl TryFrom<&ReviewInput> for NewReview {
    type Error = ValidationErrors;
    fn try_from(i: &ReviewInput) -> Result<Self, Self::Error> {
        let mut c = Collector::default();
        let item_id = c.take(input::required_parsed(
            "item_id",
            i.item_id.as_deref(),
            "a register item id",
        ));
        let meeting_id = c.take(input::optional_parsed(
            "meeting_id",
            i.meeting_id.as_deref(),
            "a meeting id",
        ));
        let status = c.take(input::required_parsed(
            "status",
            i.status.as_deref(),
            "a status",
        ));
        let note = c.take(input::optional_long_text(
            "note",
            i.note.as_deref(),
            limit::TEXT,
        ));
        c.finish(|| {
            Some(NewReview {
                item_id: item_id?,
                meeting_id: meeting_id?,
                status: status?,
                note: note?,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn overdue_is_derived_from_status_and_due_date() {
        let today = date!(2021 - 04 - 01);
        assert!(is_overdue(
            OutcomeStatus::Open,
            Some(date!(2021 - 03 - 31)),
            today
        ));
        assert!(is_overdue(
            OutcomeStatus::InProgress,
            Some(date!(2021 - 01 - 01)),
            today
        ));
        assert!(!is_overdue(
            OutcomeStatus::Done,
            Some(date!(2021 - 01 - 01)),
            today
        ));
        assert!(!is_overdue(OutcomeStatus::Open, Some(today), today));
        assert!(!is_overdue(OutcomeStatus::Open, None, today));
    }

    #[test]
    fn an_outcome_needs_a_meeting_a_kind_and_text() {
        let e = NewOutcome::try_from(&OutcomeInput {
            kind: Some("wish".into()),
            due_on: Some("soon".into()),
            ..Default::default()
        })
        .unwrap_err();
        let fields: Vec<&str> = e.0.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["meeting_id", "kind", "text", "due_on"]);
        assert!(e.for_field("kind").unwrap().contains("request"));
    }
}
