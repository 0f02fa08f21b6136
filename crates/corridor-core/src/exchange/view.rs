//! Exchanges as reads return them.

use crate::view::{AccessView, Ref};
use serde::Serialize;
use utoipa::ToSchema;

/// The register item that asked for the exchange, with the meeting that recorded it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct RequestView {
    /// The item; its name is its text.
    pub item: Ref,
    /// The meeting where it was recorded.
    pub meeting: Ref,
    /// Request, action, decision…
    pub kind: String,
}

/// An invitation letter the host issued.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct LetterView {
    /// When.
    pub issued_on: String,
    /// SHA-256 of the PDF as issued.
    pub sha256: String,
}

/// A person nominated by the sending side.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct NominationView {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Position.
    pub position: Option<String>,
    /// Organisation.
    pub organisation: Option<Ref>,
    /// `female`, `male` or `unstated`.
    pub gender: String,
    /// `nominated`, `approved` or `declined`.
    pub status: String,
    /// The host's reason, when declined.
    pub reason: Option<String>,
    /// Whether the nominee took part; absent until recorded.
    pub attended: Option<bool>,
    /// The invitation letter, once issued.
    pub letter: Option<LetterView>,
}

/// A stop of the host programme.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct ProgrammeItemView {
    /// Id.
    pub id: String,
    /// Day.
    pub on: String,
    /// Time, `HH:MM`.
    pub at: Option<String>,
    /// `company`, `zone`, `institution` or `session`.
    pub site_kind: String,
    /// Place.
    pub site: String,
    /// The zone or park of the portfolio, if it is one.
    pub project: Option<Ref>,
    /// The company, if it is one.
    pub company: Option<Ref>,
    /// Notes.
    pub notes: Option<String>,
}

/// The post-visit report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct VisitReportView {
    /// When.
    pub reported_on: String,
    /// What happened.
    pub summary: String,
    /// What came of it.
    pub outcomes: Vec<String>,
}

/// Head counts, for the people-to-people figures.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, ToSchema)]
pub struct Counts {
    /// Nominated in all.
    pub nominated: usize,
    /// Approved by the host.
    pub approved: usize,
    /// Took part.
    pub attended: usize,
    /// Of those who took part, women.
    pub attended_female: usize,
}

/// A delegation visit or exchange cohort with everything the viewer may see of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct ExchangeView {
    /// Id.
    pub id: String,
    /// `delegation_visit` or `cohort`.
    pub kind: String,
    /// Title in English.
    pub title: String,
    /// In Chinese.
    pub title_zh: Option<String>,
    /// In Urdu.
    pub title_ur: Option<String>,
    /// Purpose.
    pub purpose: Option<String>,
    /// The request that started it, when the viewer may see it.
    pub request: Option<RequestView>,
    /// For a cohort: its programme.
    pub programme: Option<Ref>,
    /// For a cohort: its year.
    pub cohort_year: Option<i32>,
    /// The side whose people travel.
    pub sending_party: Ref,
    /// The side that receives them.
    pub host_party: Ref,
    /// First day.
    pub starts_on: String,
    /// Last day.
    pub ends_on: String,
    /// `open`, `closed`, `completed` or `cancelled`.
    pub status: String,
    /// Why it was cancelled.
    pub status_reason: Option<String>,
    /// Nominees, in the order nominated.
    pub nominations: Vec<NominationView>,
    /// The host programme, by day and time.
    pub programme_items: Vec<ProgrammeItemView>,
    /// The post-visit report.
    pub report: Option<VisitReportView>,
    /// Head counts.
    pub counts: Counts,
    /// Ownership and visibility.
    pub access: AccessView,
}
