//! Studies as reads return them.

use crate::view::{AccessView, Ref};
use serde::Serialize;
use utoipa::ToSchema;

/// A phase reached.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct PhaseView {
    /// `terms_agreed`, `fieldwork`, `draft_report`, `submitted`, `accepted`.
    pub phase: String,
    /// When.
    pub on: String,
    /// The meeting, for submitted and accepted, when the reader may see it.
    pub meeting: Option<Ref>,
}

/// A member of the expert team.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct ExpertView {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Side.
    pub party: Ref,
    /// Organisation.
    pub organisation: Option<Ref>,
    /// Role.
    pub role: Option<String>,
}

/// A version of the report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct ReportView {
    /// Id.
    pub id: String,
    /// Name of the version.
    pub label: String,
    /// Dated.
    pub dated_on: String,
    /// File name.
    pub filename: String,
    /// Detected type.
    pub media_type: String,
    /// Bytes.
    pub size: i64,
    /// SHA-256 of the content.
    pub sha256: String,
}

/// A finding and its recommendation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct RecommendationView {
    /// Id.
    pub id: String,
    /// Its number in the study.
    pub number: i32,
    /// Finding.
    pub finding: Option<String>,
    /// Recommendation in English.
    pub text: String,
    /// In Chinese.
    pub text_zh: Option<String>,
    /// Leads.
    pub lead_organisations: Vec<Ref>,
    /// Due.
    pub due_on: Option<String>,
    /// Potential when adopted.
    pub potential: String,
    /// Completion when reviewed.
    pub completion: Option<String>,
    /// The register item it became when the report was accepted.
    pub register_item_id: Option<String>,
    /// Ownership and visibility.
    pub access: AccessView,
}

/// A study with its team, phases, report versions and recommendations.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct StudyView {
    /// Id.
    pub id: String,
    /// Sector.
    pub sector: String,
    /// Title in English.
    pub title: String,
    /// In Chinese.
    pub title_zh: Option<String>,
    /// Terms of reference.
    pub terms_of_reference: Option<String>,
    /// The body it reports to.
    pub body: Ref,
    /// The current phase, if any.
    pub phase: Option<String>,
    /// Phases reached, oldest first.
    pub phases: Vec<PhaseView>,
    /// The team.
    pub experts: Vec<ExpertView>,
    /// Report versions.
    pub reports: Vec<ReportView>,
    /// Findings and recommendations.
    pub recommendations: Vec<RecommendationView>,
    /// Ownership and visibility.
    pub access: AccessView,
}
