//! Investment intentions: a company's stated plan to invest in a zone, followed stage by stage to operation.

use super::{IntentionStatus, money, not_future};
use crate::error::{Collector, FieldError, ValidationErrors};
use crate::ids::{CompanyId, ProjectId};
use crate::input::{self, Access, limit};
use crate::visibility::Visibility;
use serde::{Deserialize, Serialize};
use time::Date;

/// An investment intention as a form or JSON client sends it.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct IntentionInput {
    /// The investing company.
    pub company_id: Option<String>,
    /// The zone or park it would invest in.
    pub project_id: Option<String>,
    /// Its sector.
    pub sector: Option<String>,
    /// The amount, e.g. `12,000,000`; needs a currency.
    pub amount: Option<String>,
    /// ISO 4217 code.
    pub currency: Option<String>,
    /// When the intention was stated, `YYYY-MM-DD`.
    pub stated_on: Option<String>,
    /// Notes.
    pub notes: Option<String>,
    /// `public`, `shared` (default), `party` or `restricted`: a company's plans are often confidential.
    pub visibility: Option<String>,
    /// People who may see a restricted record.
    #[serde(deserialize_with = "input::one_or_many")]
    pub restricted_to: Vec<String>,
}

/// A validated intention.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewIntention {
    /// Company.
    pub company_id: CompanyId,
    /// Zone.
    pub project_id: Option<ProjectId>,
    /// Sector.
    pub sector: String,
    /// Amount in hundredths, with its currency.
    pub value: Option<(i64, String)>,
    /// Stated.
    pub stated_on: Date,
    /// Notes.
    pub notes: Option<String>,
    /// Who may see it.
    pub access: Access,
}

impl NewIntention {
    /// Validates an intention against `today`.
    pub fn parse(i: &IntentionInput, today: Date) -> Result<Self, ValidationErrors> {
        let mut c = Collector::default();
        let company = c.take(input::required_parsed(
            "company_id",
            i.company_id.as_deref(),
            "a company id",
        ));
        let project = c.take(input::optional_parsed(
            "project_id",
            i.project_id.as_deref(),
            "a project id",
        ));
        let sector = c.take(input::required_text(
            "sector",
            i.sector.as_deref(),
            limit::SHORT,
        ));
        let value = c.take(money(i.amount.as_deref(), i.currency.as_deref()));
        let stated = c.take(input::required_date("stated_on", i.stated_on.as_deref()));
        c.take(not_future("stated_on", stated, today));
        let notes = c.take(input::optional_long_text(
            "notes",
            i.notes.as_deref(),
            limit::TEXT,
        ));
        let access = c.take(input::access(
            i.visibility.as_deref(),
            &i.restricted_to,
            Visibility::Shared,
        ));
        c.finish(|| {
            Some(NewIntention {
                company_id: company?,
                project_id: project?,
                sector: sector?,
                value: value?,
                stated_on: stated?,
                notes: notes?,
                access: access?,
            })
        })
    }
}

/// A stage an intention reached.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stage {
    /// Status.
    pub status: IntentionStatus,
    /// When, stored `YYYY-MM-DD`.
    #[serde(with = "crate::dates::iso_date")]
    pub on: Date,
}

/// A move of an intention, as a form or JSON client sends it.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct StageInput {
    /// The status reached.
    pub status: Option<String>,
    /// When, `YYYY-MM-DD`.
    pub on: Option<String>,
}

impl TryFrom<&StageInput> for Stage {
    type Error = ValidationErrors;
    fn try_from(i: &StageInput) -> Result<Self, Self::Error> {
        let mut c = Collector::default();
        let status = c.take(input::required_parsed(
            "status",
            i.status.as_deref(),
            "a status",
        ));
        let on = c.take(input::required_date("on", i.on.as_deref()));
        c.finish(|| {
            Some(Stage {
                status: status?,
                on: on?,
            })
        })
    }
}

/// Whether an intention may reach `new` after `stages`: forward only (stages may be skipped when they were
/// not recorded), withdrawn from anything short of operational, never after operating or withdrawing, dated
/// on or after the last stage and not in the future.
pub fn check_stage(stages: &[Stage], new: &Stage, today: Date) -> Result<(), FieldError> {
    let rank = |s: IntentionStatus| IntentionStatus::ALL.iter().position(|x| *x == s);
    let last = stages.last();
    if let Some(l) = last {
        if matches!(
            l.status,
            IntentionStatus::Operational | IntentionStatus::Withdrawn
        ) {
            return Err(FieldError::new(
                "status",
                format!(
                    "the intention is {}; it moves no further",
                    l.status.label().to_lowercase()
                ),
            ));
        }
        if new.status != IntentionStatus::Withdrawn && rank(new.status) <= rank(l.status) {
            return Err(FieldError::new(
                "status",
                format!(
                    "the intention is at “{}”: it moves forward only",
                    l.status.label()
                ),
            ));
        }
        if new.on < l.on {
            return Err(FieldError::new(
                "on",
                format!(
                    "{} comes before the last stage, reached on {}",
                    new.on, l.on
                ),
            ));
        }
    }
    not_future("on", Some(new.on), today)
}
