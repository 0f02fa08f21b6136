//! The portfolio as reads return it.

use super::finance::Total;
use crate::view::{AccessView, Ref};
use serde::Serialize;
use utoipa::ToSchema;

/// A project, with its progress and next milestone.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct ProjectView {
    /// Id.
    pub id: String,
    /// `special_economic_zone`, `revival_project`…
    pub kind: String,
    /// Name in English.
    pub name: String,
    /// In Chinese.
    pub name_zh: Option<String>,
    /// In Urdu.
    pub name_ur: Option<String>,
    /// Sector.
    pub sector: Option<String>,
    /// Province or region.
    pub province: Option<String>,
    /// Latitude.
    pub latitude: Option<f64>,
    /// Longitude.
    pub longitude: Option<f64>,
    /// Area as recorded on the project.
    pub area: Option<f64>,
    /// Its unit.
    pub area_unit: Option<String>,
    /// Lead organisations, one per side, those the viewer may see.
    pub lead_organisations: Vec<Ref>,
    /// Developer or operator.
    pub developer: Option<String>,
    /// The project it is part of.
    pub parent: Option<Ref>,
    /// The instrument it falls under.
    pub instrument: Option<Ref>,
    /// OC4IDS status.
    pub status: String,
    /// Whether work has stalled.
    pub stalled: bool,
    /// Why.
    pub stalled_reason: Option<String>,
    /// Planned start.
    pub planned_start: Option<String>,
    /// Planned end.
    pub planned_end: Option<String>,
    /// Actual start.
    pub actual_start: Option<String>,
    /// Actual end.
    pub actual_end: Option<String>,
    /// Progress from its milestones, percent.
    pub progress: Option<f64>,
    /// The next milestone not yet met, with its date.
    pub next_milestone: Option<String>,
    /// Ownership and visibility.
    pub access: AccessView,
}

/// A milestone.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct MilestoneView {
    /// Id.
    pub id: String,
    /// The project.
    pub project_id: String,
    /// Title in English.
    pub title: String,
    /// In Chinese.
    pub title_zh: Option<String>,
    /// OCDS type.
    pub kind: String,
    /// Planned.
    pub planned_on: Option<String>,
    /// Forecast.
    pub forecast_on: Option<String>,
    /// Met on.
    pub actual_on: Option<String>,
    /// `scheduled`, `met`, `not_met`, `partly_met`.
    pub status: String,
    /// The weight the progress formula gave it.
    pub weight: f64,
    /// The credit it earned (1, ½ or 0).
    pub credit: f64,
    /// Ownership and visibility.
    pub access: AccessView,
}

/// How the progress was computed, for anyone to recompute.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct ProgressView {
    /// Percent.
    pub percent: Option<f64>,
    /// Whether the weights set on the project were used.
    pub weighted: bool,
    /// The formula in words.
    pub formula: String,
    /// The parts' roll-up, for a project with parts.
    pub roll_up: Option<f64>,
    /// The roll-up formula, when there are parts.
    pub roll_up_formula: Option<String>,
}

/// A figure of an update.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct ReportedView {
    /// The number.
    pub value: f64,
    /// Its unit.
    pub unit: String,
    /// Its source.
    pub source: String,
    /// The update's date.
    pub reported_on: String,
    /// The organisation that reported it.
    pub organisation: Option<Ref>,
}

/// Every figure reported for one metric, with whether the sources disagree.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct FigureGroup {
    /// `area`, `jobs`…
    pub metric: String,
    /// Every figure, newest first.
    pub reported: Vec<ReportedView>,
    /// Two sources give different figures.
    pub disagree: bool,
}

/// A progress update.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct UpdateView {
    /// Id.
    pub id: String,
    /// The project.
    pub project_id: String,
    /// Reported on.
    pub reported_on: String,
    /// Reporting organisation.
    pub organisation: Option<Ref>,
    /// Narrative in English.
    pub narrative: String,
    /// In Chinese.
    pub narrative_zh: Option<String>,
    /// In Urdu.
    pub narrative_ur: Option<String>,
    /// Its figures.
    pub figures: Vec<super::update::Figure>,
    /// Ownership and visibility.
    pub access: AccessView,
}

/// An amount.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct FinanceView {
    /// Id.
    pub id: String,
    /// The project, when for one.
    pub project_id: Option<String>,
    /// The instrument, when for one.
    pub instrument: Option<Ref>,
    /// `pledge`, `commitment`, `disbursement`.
    pub kind: String,
    /// Hundredths of the unit.
    pub amount_minor: i64,
    /// Written for people.
    pub amount: String,
    /// ISO 4217.
    pub currency: String,
    /// When.
    pub dated_on: String,
    /// Source.
    pub source: Option<String>,
    /// Note.
    pub note: Option<String>,
    /// For an umbrella instrument: never summed with projects.
    pub umbrella: bool,
    /// Ownership and visibility.
    pub access: AccessView,
}

/// A risk or issue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct RiskView {
    /// Id.
    pub id: String,
    /// The project.
    pub project_id: String,
    /// Title.
    pub title: String,
    /// Severity.
    pub severity: String,
    /// Owner organisation.
    pub owner_organisation: Option<Ref>,
    /// Mitigation.
    pub mitigation: Option<String>,
    /// Status.
    pub status: String,
    /// Ownership and visibility.
    pub access: AccessView,
}

/// Everything about a project the viewer may see.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct ProjectDetail {
    /// The project.
    pub project: ProjectView,
    /// Its milestones, by date.
    pub milestones: Vec<MilestoneView>,
    /// How its progress was computed.
    pub progress: ProgressView,
    /// Its parts.
    pub parts: Vec<ProjectView>,
    /// Its updates, newest first.
    pub updates: Vec<UpdateView>,
    /// Figures by metric, every source kept.
    pub figures: Vec<FigureGroup>,
    /// Amounts.
    pub finance: Vec<FinanceView>,
    /// Totals by kind and currency.
    pub totals: Vec<Total>,
    /// Risks and issues.
    pub risks: Vec<RiskView>,
}

/// One project in the pack.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct ProjectReview {
    /// The project as it stands.
    pub project: ProjectView,
    /// Updates reported in the period.
    pub updates: Vec<UpdateView>,
    /// Milestones met in the period.
    pub met: Vec<MilestoneView>,
    /// Milestones due in the period and not met.
    pub missed: Vec<MilestoneView>,
    /// Risks not closed.
    pub open_risks: Vec<RiskView>,
}

/// The pack.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct ProgressReview {
    /// The meeting it is for.
    pub meeting: Ref,
    /// The previous meeting of the body, where there was one the viewer may see.
    pub previous: Option<Ref>,
    /// The period's first day (the day after the previous meeting), if any.
    pub since: Option<String>,
    /// The period's last day (the meeting's date).
    pub until: String,
    /// Each project, by name.
    pub projects: Vec<ProjectReview>,
}
