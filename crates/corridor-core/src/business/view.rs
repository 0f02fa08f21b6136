//! Business-to-business records as reads return them.

use crate::view::{AccessView, Ref};
use serde::Serialize;
use utoipa::ToSchema;

/// A company.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct CompanyView {
    /// Id.
    pub id: String,
    /// Name in English.
    pub name: String,
    /// In Chinese.
    pub name_zh: Option<String>,
    /// In Urdu.
    pub name_ur: Option<String>,
    /// Side.
    pub party: Ref,
    /// Sector.
    pub sector: String,
    /// `micro`, `small`, `medium` or `large`.
    pub size: Option<String>,
    /// City or province.
    pub city: Option<String>,
    /// Ownership and visibility.
    pub access: AccessView,
}

/// A matchmaking meeting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct MatchmakingView {
    /// Id.
    pub id: String,
    /// When.
    pub held_on: String,
    /// Where.
    pub place: Option<String>,
    /// The companies the viewer may see.
    pub companies: Vec<Ref>,
    /// Topic.
    pub topic: String,
    /// Outcome.
    pub outcome: Option<String>,
    /// The delegation visit it took place during.
    pub exchange: Option<Ref>,
    /// The meeting it was held beside.
    pub meeting: Option<Ref>,
    /// Ownership and visibility.
    pub access: AccessView,
}

/// A business memorandum of understanding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct BusinessMouView {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Signed.
    pub signed_on: String,
    /// The companies the viewer may see.
    pub companies: Vec<Ref>,
    /// The matchmaking it came from.
    pub matchmaking_id: Option<String>,
    /// Sector.
    pub sector: Option<String>,
    /// Value, formatted, with its currency.
    pub value: Option<String>,
    /// Ownership and visibility.
    pub access: AccessView,
}

/// A stage an intention reached.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct StageView {
    /// Status.
    pub status: String,
    /// When.
    pub on: String,
}

/// An investment intention.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct IntentionView {
    /// Id.
    pub id: String,
    /// Company.
    pub company: Ref,
    /// Zone or park.
    pub project: Option<Ref>,
    /// Sector.
    pub sector: String,
    /// Amount in hundredths.
    pub amount_minor: Option<i64>,
    /// Currency.
    pub currency: Option<String>,
    /// Amount, formatted, with its currency.
    pub value: Option<String>,
    /// Current status.
    pub status: String,
    /// Stages reached, oldest first.
    pub stages: Vec<StageView>,
    /// Notes.
    pub notes: Option<String>,
    /// Ownership and visibility.
    pub access: AccessView,
}

/// One status's count and its amounts per currency, for the pipeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct PipelineRow {
    /// Status.
    pub status: String,
    /// How many intentions are at it now.
    pub count: usize,
    /// Their amounts per currency, formatted (never added across currencies).
    pub amounts: Vec<String>,
}

/// Everything on the business page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct BusinessOverview {
    /// Companies, by name.
    pub companies: Vec<CompanyView>,
    /// Matchmakings, newest first.
    pub matchmakings: Vec<MatchmakingView>,
    /// Memoranda, newest first.
    pub mous: Vec<BusinessMouView>,
    /// Intentions, newest first.
    pub intentions: Vec<IntentionView>,
    /// Intentions by current status.
    pub pipeline: Vec<PipelineRow>,
}
