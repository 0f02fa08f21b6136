//! Milestones (the OCDS milestone types and statuses) and the progress formula, which the project page
//! publishes with the weights it used so that anyone can recompute it.

use crate::error::{Collector, FieldError, ValidationErrors};
use crate::ids::MilestoneId;
use crate::input::{self, limit};
use crate::language::Translations;
use crate::words::word_enum;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use time::Date;

word_enum!(
    /// What kind of milestone (the OCDS milestone type codelist).
    MilestoneKind {
        /// Before procurement: key studies, feasibility.
        PreProcurement = "pre_procurement" / "Pre-procurement",
        /// A sign-off.
        Approval = "approval" / "Approval",
        /// A public hearing or consultation.
        Engagement = "engagement" / "Engagement",
        /// A review, such as a committee's meeting.
        Assessment = "assessment" / "Assessment",
        /// Financing agreed or paid in.
        Financing = "financing" / "Financing",
        /// Procurement.
        Procurement = "procurement" / "Procurement",
        /// Commercial and financial close.
        ContractClose = "contract_close" / "Contract close",
        /// Something delivered.
        Delivery = "delivery" / "Delivery",
        /// A report due.
        Reporting = "reporting" / "Reporting",
    }
);

word_enum!(
    /// Whether a milestone was met (the OCDS milestone status codelist).
    MilestoneStatus {
        /// Not yet due or not yet judged.
        Scheduled = "scheduled" / "Scheduled",
        /// Met.
        Met = "met" / "Met",
        /// Not met.
        NotMet = "not_met" / "Not met",
        /// Partly met.
        PartlyMet = "partly_met" / "Partly met",
    }
);

impl MilestoneStatus {
    /// The share of its weight a milestone earns: met 1, partly met ½, scheduled or not met 0.
    pub fn credit(self) -> f64 {
        match self {
            MilestoneStatus::Met => 1.0,
            MilestoneStatus::PartlyMet => 0.5,
            MilestoneStatus::Scheduled | MilestoneStatus::NotMet => 0.0,
        }
    }
}

/// The formula, as the project page prints it.
pub const FORMULA: &str = "progress = Σ (weight × credit) ÷ Σ weight, where a milestone met earns credit 1, partly met ½, scheduled or not met 0; without weights that total 100, every milestone weighs the same";

/// The roll-up formula of a project with parts.
pub const ROLL_UP: &str = "roll-up = the average of the parts' progress, each part counted once";

/// A milestone as a form or JSON client sends it.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct MilestoneInput {
    /// What is to be achieved, in English.
    pub title: Option<String>,
    /// In Chinese.
    pub title_zh: Option<String>,
    /// In Urdu.
    pub title_ur: Option<String>,
    /// OCDS milestone type: `pre_procurement`, `approval`, `financing`, `procurement`, `delivery`…
    pub kind: Option<String>,
    /// Planned date, `YYYY-MM-DD`.
    pub planned_on: Option<String>,
    /// Latest forecast date.
    pub forecast_on: Option<String>,
    /// Date met; not in the future.
    pub actual_on: Option<String>,
    /// `scheduled` (default), `met`, `not_met`, `partly_met`.
    pub status: Option<String>,
    /// The version being edited.
    #[serde(deserialize_with = "input::int_or_text")]
    #[schema(value_type = Option<i64>)]
    pub version: Option<i64>,
}

/// A validated milestone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewMilestone {
    /// English title.
    pub title: String,
    /// Other titles.
    pub title_translations: Translations,
    /// Type.
    pub kind: MilestoneKind,
    /// Planned.
    pub planned_on: Option<Date>,
    /// Forecast.
    pub forecast_on: Option<Date>,
    /// Met on.
    pub actual_on: Option<Date>,
    /// Status.
    pub status: MilestoneStatus,
    /// The version being edited.
    pub expected_version: Option<i64>,
}

impl NewMilestone {
    /// Validates a milestone; `today` bounds the date met.
    pub fn parse(i: &MilestoneInput, today: Date) -> Result<Self, ValidationErrors> {
        let mut c = Collector::default();
        let title = c.take(input::required_text(
            "title",
            i.title.as_deref(),
            limit::ADDRESS,
        ));
        let tr = c.take(Translations::parse(
            "title",
            i.title_zh.as_deref(),
            i.title_ur.as_deref(),
            limit::ADDRESS,
        ));
        let kind = c.take(input::required_parsed(
            "kind",
            i.kind.as_deref(),
            "a milestone type",
        ));
        let planned = c.take(input::optional_date("planned_on", i.planned_on.as_deref()));
        let forecast = c.take(input::optional_date(
            "forecast_on",
            i.forecast_on.as_deref(),
        ));
        let actual = c.take(input::optional_date("actual_on", i.actual_on.as_deref()));
        let status: Option<MilestoneStatus> = c.take(
            input::optional_parsed("status", i.status.as_deref(), "a milestone status")
                .map(|s| s.unwrap_or(MilestoneStatus::Scheduled)),
        );
        if let Some(Some(a)) = actual
            && a > today
        {
            c.take::<()>(Err(FieldError::new(
                "actual_on",
                format!("{a} is in the future: record the forecast date instead"),
            )));
        }
        if matches!(
            status,
            Some(MilestoneStatus::Met | MilestoneStatus::PartlyMet)
        ) && matches!(actual, Some(None))
        {
            c.take::<()>(Err(FieldError::new(
                "actual_on",
                "a milestone met, even partly, has the date it was met",
            )));
        }
        c.finish(|| {
            Some(NewMilestone {
                title: title?,
                title_translations: tr?,
                kind: kind?,
                planned_on: planned?,
                forecast_on: forecast?,
                actual_on: actual?,
                status: status?,
                expected_version: i.version,
            })
        })
    }
}

/// The weights of a project's milestones, set together, as a form or JSON client sends them: one entry per
/// milestone, `milestone id → weight`, totalling 100.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct WeightsInput {
    /// Milestone id to weight, whole numbers totalling 100.
    pub weights: BTreeMap<String, String>,
}

/// Checks the weights against the project's milestones: every milestone weighed, none unknown, each a whole
/// number from 0 to 100, totalling exactly 100.
pub fn parse_weights(
    i: &WeightsInput,
    milestones: &[MilestoneId],
) -> Result<BTreeMap<MilestoneId, u32>, ValidationErrors> {
    let mut out = BTreeMap::new();
    let mut errors = Vec::new();
    for (raw_id, raw_w) in &i.weights {
        let Some(id) = raw_id
            .parse::<MilestoneId>()
            .ok()
            .filter(|m| milestones.contains(m))
        else {
            errors.push(FieldError::new(
                "weights",
                format!("“{raw_id}” is not a milestone of this project"),
            ));
            continue;
        };
        match raw_w.trim().parse::<u32>() {
            Ok(w) if w <= 100 => {
                out.insert(id, w);
            }
            _ => errors.push(FieldError::new(
                format!("weights.{raw_id}"),
                format!("“{}” is not a whole number from 0 to 100", raw_w.trim()),
            )),
        }
    }
    for m in milestones {
        if !i.weights.contains_key(&m.to_string()) {
            errors.push(FieldError::new(
                "weights",
                format!("milestone {m} has no weight: weigh every milestone"),
            ));
        }
    }
    let total: u32 = out.values().sum();
    if errors.is_empty() && total != 100 {
        errors.push(FieldError::new(
            "weights",
            format!("the weights total {total}; they must total 100"),
        ));
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(ValidationErrors(errors))
    }
}

/// One milestone as the formula sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MilestoneFact {
    /// Which.
    pub id: MilestoneId,
    /// Its status.
    pub status: MilestoneStatus,
}

/// The progress of a project and the weights used, as shown on its page.
#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    /// Percent, 0 to 100, or none without milestones.
    pub percent: Option<f64>,
    /// Whether the weights set on the project were used (otherwise every milestone weighs the same).
    pub weighted: bool,
    /// (milestone, weight used, credit earned).
    pub terms: Vec<(MilestoneId, f64, f64)>,
}

/// Computes progress from the milestones and the weights set on the project. The set weights are used only
/// when they cover exactly the project's milestones and total 100; otherwise each milestone weighs the same.
pub fn progress(milestones: &[MilestoneFact], weights: &BTreeMap<MilestoneId, u32>) -> Progress {
    if milestones.is_empty() {
        return Progress {
            percent: None,
            weighted: false,
            terms: vec![],
        };
    }
    let covered = milestones.len() == weights.len()
        && milestones.iter().all(|m| weights.contains_key(&m.id))
        && weights.values().sum::<u32>() == 100;
    let equal = 100.0 / milestones.len() as f64;
    let terms: Vec<(MilestoneId, f64, f64)> = milestones
        .iter()
        .map(|m| {
            let w = if covered {
                f64::from(weights[&m.id])
            } else {
                equal
            };
            (m.id, w, m.status.credit())
        })
        .collect();
    let total: f64 = terms.iter().map(|(_, w, _)| w).sum();
    let earned: f64 = terms.iter().map(|(_, w, c)| w * c).sum();
    Progress {
        percent: Some(if total > 0.0 {
            100.0 * earned / total
        } else {
            0.0
        }),
        weighted: covered,
        terms,
    }
}

/// The roll-up of a parent: the plain average of its parts' progress, leaving out parts without milestones.
pub fn roll_up(parts: &[Option<f64>]) -> Option<f64> {
    let known: Vec<f64> = parts.iter().flatten().copied().collect();
    if known.is_empty() {
        None
    } else {
        Some(known.iter().sum::<f64>() / known.len() as f64)
    }
}

/// Which milestone comes next: the earliest not yet met, by forecast date, else planned date.
pub fn next_due<T>(
    items: &[T],
    status: impl Fn(&T) -> MilestoneStatus,
    due: impl Fn(&T) -> Option<Date>,
) -> Option<&T> {
    items
        .iter()
        .filter(|m| matches!(status(m), MilestoneStatus::Scheduled))
        .min_by_key(|m| due(m).unwrap_or(Date::MAX))
}

impl TryFrom<&MilestoneInput> for NewMilestone {
    type Error = ValidationErrors;
    /// Validates against today's date.
    fn try_from(i: &MilestoneInput) -> Result<Self, Self::Error> {
        NewMilestone::parse(i, crate::now().date())
    }
}
