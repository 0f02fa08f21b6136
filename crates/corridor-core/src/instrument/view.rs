//! Instruments as reads return them.

use super::status::PartyStatus;
use super::text::Clause;
use crate::view::{AccessView, Ref};
use serde::Serialize;
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// How an instrument stands to an earlier one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct LineageView {
    /// `elevates`, `supersedes`, `amends` or `implements`.
    pub relation: String,
    /// The earlier instrument.
    pub instrument: Ref,
}

/// An instrument.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct InstrumentView {
    /// Id.
    pub id: String,
    /// `mou`, `framework_agreement`…
    pub kind: String,
    /// Title in English.
    pub title: String,
    /// Title in Chinese.
    pub title_zh: Option<String>,
    /// Title in Urdu.
    pub title_ur: Option<String>,
    /// Its parties.
    pub parties: Vec<Ref>,
    /// The overseeing body.
    pub body: Option<Ref>,
    /// An umbrella instrument is never summed with what sits under it.
    pub umbrella: bool,
    /// Open to the accession of third parties.
    pub open_to_accession: bool,
    /// Earlier instruments it stands to, those the viewer may see.
    pub lineage: Vec<LineageView>,
    /// Where it stands, from the steps the viewer may see: `draft`, `shared`, `accepted`, `signed`,
    /// `in_force`, `terminated`.
    pub stage: String,
    /// Ownership and visibility.
    pub access: AccessView,
}

/// A version of the text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct VersionView {
    /// Id.
    pub id: String,
    /// The instrument.
    pub instrument_id: String,
    /// 1, 2, 3…
    pub number: i32,
    /// "Pakistan's draft", "Agreed text".
    pub label: String,
    /// The side that wrote it.
    pub author_party: Ref,
    /// Its date.
    pub dated_on: String,
    /// `draft`, `shared`, `superseded` or `agreed_text`.
    pub status: String,
    /// Authentic languages; the others present are courtesy translations.
    pub authentic: Vec<String>,
    /// Per language, the clauses whose translation was made from an older English text.
    pub stale: BTreeMap<String, Vec<String>>,
    /// The text.
    #[schema(no_recursion)]
    pub clauses: Vec<Clause>,
    /// Ownership and visibility.
    pub access: AccessView,
}

/// A step of the instrument's life.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct StepView {
    /// Id.
    pub id: String,
    /// The instrument.
    pub instrument_id: String,
    /// What it is.
    pub kind: String,
    /// The party whose own step it is; none for a joint step.
    pub party: Option<Ref>,
    /// `planned` or `done`.
    pub status: String,
    /// Date of action.
    pub acted_on: Option<String>,
    /// Date of effect.
    pub effective_on: Option<String>,
    /// For a consent to be bound, how.
    pub consent_type: Option<String>,
    /// The organisation that acted.
    pub organisation: Option<Ref>,
    /// The person who acted.
    pub person: Option<Ref>,
    /// What happened.
    pub note: Option<String>,
    /// Ownership and visibility.
    pub access: AccessView,
}

/// Where an instrument stands for the viewer: the status table and what is blocking.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct InstrumentStatusView {
    /// One row per party.
    pub parties: Vec<PartyStatus>,
    /// The next step, if any.
    pub next_step: Option<String>,
    /// Who owes it (none: a joint step).
    pub owed_by: Vec<Ref>,
}

/// One comment of a response, beside the clause it concerns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize, ToSchema)]
pub struct CommentView {
    /// The clause's key.
    pub clause_key: String,
    /// What the organisation said.
    pub text: String,
    /// Whether the author side took it up; none until it decides.
    pub taken_up: Option<bool>,
    /// Why, as the author side put it.
    pub reason: Option<String>,
}

/// An organisation's answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct ResponseView {
    /// Id.
    pub id: String,
    /// Who answered.
    pub organisation: Ref,
    /// `no_objection`, `comments` or `objection`.
    pub position: String,
    /// When.
    pub responded_on: String,
    /// Answered after the deadline (accepted, but marked).
    pub late: bool,
    /// Its comments, clause by clause.
    pub comments: Vec<CommentView>,
}

/// A consultation with its answers and who has not answered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct ConsultationView {
    /// Id.
    pub id: String,
    /// The instrument.
    pub instrument_id: String,
    /// The version consulted on.
    pub version_id: String,
    /// Its title.
    pub title: String,
    /// Answers due by.
    pub deadline: String,
    /// Those consulted.
    pub organisations: Vec<Ref>,
    /// The answers so far.
    pub responses: Vec<ResponseView>,
    /// Those consulted who have not answered.
    pub not_answered: Vec<Ref>,
    /// Ownership and visibility.
    pub access: AccessView,
}

/// A file attached to a step or a version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct AttachmentView {
    /// Id.
    pub id: String,
    /// `instrument_step` or `instrument_version`.
    pub entity: String,
    /// The record it is attached to.
    pub entity_id: String,
    /// The name offered on download.
    pub filename: String,
    /// The type, read from the content.
    pub media_type: String,
    /// Bytes.
    pub size: i64,
    /// SHA-256 of the content, hex.
    pub sha256: String,
    /// Ownership and visibility (the record's).
    pub access: AccessView,
}

/// An existing party's decision on a request to join.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct DecisionView {
    /// Id.
    pub id: String,
    /// The deciding party.
    pub party: Ref,
    /// `consent` or `objection`.
    pub decision: String,
    /// When it decided.
    pub decided_on: String,
    /// Its reasons or conditions.
    pub note: Option<String>,
}

/// A third party's request to join, with the decisions so far.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct AccessionView {
    /// Id.
    pub id: String,
    /// The instrument.
    pub instrument_id: String,
    /// The third party.
    pub party: Ref,
    /// When it asked.
    pub requested_on: String,
    /// `requested`, `accepted` or `refused`.
    pub status: String,
    /// When it was accepted or refused.
    pub decided_on: Option<String>,
    /// How the request came.
    pub note: Option<String>,
    /// The decisions recorded.
    pub decisions: Vec<DecisionView>,
    /// The existing parties that have not decided yet, while the request is open.
    pub awaiting: Vec<Ref>,
    /// Ownership and visibility.
    pub access: AccessView,
}
