//! The results framework as reads return it.

use super::values::Reconciliation;
use crate::view::{AccessView, Ref};
use serde::Serialize;
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// A target or an actual's value with its breakdown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct FigureView {
    /// The value as stored (a plain number, or text).
    pub value: String,
    /// Its breakdown; empty for the headline figure.
    pub dimensions: BTreeMap<String, String>,
}

/// One side's actual.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct ActualView {
    /// Id.
    pub id: String,
    /// The reporting side.
    pub party: Ref,
    /// Value and breakdown.
    pub figure: FigureView,
    /// Source.
    pub source: Option<String>,
    /// Comment.
    pub comment: Option<String>,
    /// When it was reported, RFC 3339.
    pub reported_at: String,
}

/// One side's headline figure for a period: its latest actual without breakdown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct HeadlineView {
    /// The side.
    pub party: Ref,
    /// Its figure, if it reported one.
    pub value: Option<String>,
}

/// One side's confirmation of the agreed figure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct ConfirmationView {
    /// The side.
    pub party: Ref,
    /// Who confirmed.
    pub by: String,
    /// The value confirmed.
    pub value: String,
    /// When.
    pub at: String,
}

/// A period with its targets, each side's actuals, and where they stand.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct PeriodView {
    /// Id.
    pub id: String,
    /// How people name it: `2021`, `2021 Q2`, `2021-04`.
    pub label: String,
    /// First day.
    pub starts_on: String,
    /// Last day.
    pub ends_on: String,
    /// Targets: the headline first.
    pub targets: Vec<FigureView>,
    /// Every actual, oldest first.
    pub actuals: Vec<ActualView>,
    /// Each member side's headline figure.
    pub headlines: Vec<HeadlineView>,
    /// Empty, awaiting, consistent, discrepancy or agreed.
    pub reconciliation: Reconciliation,
    /// The agreed figure, once both sides validated it.
    pub agreed: Option<String>,
    /// Confirmations so far.
    pub confirmations: Vec<ConfirmationView>,
    /// For a computed indicator: the value computed from the records the reader may see, written plainly.
    pub computed: Option<String>,
    /// Locked after validation: nothing changes until it is unlocked with a reason.
    pub locked: bool,
    /// The reason given at the last lock or unlock.
    pub lock_reason: Option<String>,
}

/// An indicator with its periods and standing.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct IndicatorView {
    /// Id.
    pub id: String,
    /// The node it measures.
    pub result: Ref,
    /// Title in English.
    pub title: String,
    /// In Chinese.
    pub title_zh: Option<String>,
    /// In Urdu.
    pub title_ur: Option<String>,
    /// Unit.
    pub unit: String,
    /// Currency, for an amount.
    pub currency: Option<String>,
    /// `higher` or `lower`.
    pub direction: String,
    /// `sum`, `average` or `latest`.
    pub aggregation: String,
    /// Dimensions actuals may be broken down by.
    pub dimensions: Vec<String>,
    /// Tolerance between the two sides, in percent.
    pub tolerance: f64,
    /// Weight in its node's roll-up.
    pub weight: f64,
    /// Baseline value.
    pub baseline_value: Option<String>,
    /// Baseline date.
    pub baseline_on: Option<String>,
    /// Baseline source.
    pub baseline_source: Option<String>,
    /// Computed from records, if it is.
    pub computed_from: Option<String>,
    /// `month`, `quarter` or `year`.
    pub period_kind: String,
    /// Periods, oldest first.
    pub periods: Vec<PeriodView>,
    /// The current value from agreed (or computed) figures.
    pub current: Option<f64>,
    /// The target it is measured against.
    pub current_target: Option<f64>,
    /// Its score from 0 to 1.
    pub score: Option<f64>,
    /// How many periods show a discrepancy.
    pub discrepancies: usize,
    /// Ownership and visibility.
    pub access: AccessView,
}

/// A node of the framework with its indicators and the nodes under it.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct ResultView {
    /// Id.
    pub id: String,
    /// `goal`, `line`, `outcome` or `output`.
    pub level: String,
    /// The node above.
    pub parent_id: Option<String>,
    /// Title in English.
    pub title: String,
    /// In Chinese.
    pub title_zh: Option<String>,
    /// In Urdu.
    pub title_ur: Option<String>,
    /// Weight among its siblings.
    pub weight: f64,
    /// Contributing records the reader may see.
    pub contributions: Vec<crate::links::LinkView>,
    /// Its indicators, with only the periods the dashboard needs (see `Framework`).
    pub indicators: Vec<IndicatorView>,
    /// The nodes under it.
    #[schema(no_recursion)]
    pub children: Vec<ResultView>,
    /// Its roll-up score from 0 to 1.
    pub score: Option<f64>,
    /// Discrepancies in its indicators and below.
    pub discrepancies: usize,
    /// Ownership and visibility.
    pub access: AccessView,
}

/// The impact dashboard: the framework's trees with their scores, the formula, and the latest periods where
/// the sides' figures differ. Indicators carry their standing here, not their periods (computed ones excepted,
/// which carry the periods they were computed for); an indicator's own read has them all.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct Framework {
    /// Every root (normally one goal), with everything under it.
    pub roots: Vec<ResultView>,
    /// The roll-up formula.
    pub formula: String,
    /// The latest periods with a discrepancy, newest first, at most `DISCREPANCIES_LISTED`.
    pub discrepancies: Vec<DiscrepancyView>,
    /// How many periods the viewer may see have a discrepancy in all.
    pub discrepancy_total: usize,
}

/// How many discrepancies the dashboard lists; the framework table counts them all, by indicator.
pub const DISCREPANCIES_LISTED: u64 = 30;

/// A period whose two sides' figures differ beyond the indicator's tolerance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct DiscrepancyView {
    /// The indicator.
    pub indicator: Ref,
    /// Its unit, to read the figures in.
    pub unit: String,
    /// Its currency, for a currency amount.
    pub currency: Option<String>,
    /// The period.
    pub period_id: String,
    /// The period as people name it (`2021`, `2021 Q3`, `2021-07`).
    pub label: String,
    /// Each member side's headline figure.
    pub headlines: Vec<HeadlineView>,
}
