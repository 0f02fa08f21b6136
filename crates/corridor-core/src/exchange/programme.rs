//! The host's programme of site visits and the post-visit report, as forms and JSON clients send them.

use super::SiteKind;
use crate::error::{Collector, FieldError, ValidationErrors};
use crate::ids::{CompanyId, ProjectId};
use crate::input::{self, limit};
use serde::{Deserialize, Serialize};
use time::Date;

/// A stop of the host programme as a form or JSON client sends it.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ProgrammeInput {
    /// The day, `YYYY-MM-DD`, within the exchange's dates.
    pub on: Option<String>,
    /// The time, `HH:MM`, if fixed.
    pub at: Option<String>,
    /// `company`, `zone`, `institution` or `session`.
    pub site_kind: Option<String>,
    /// The place visited, e.g. `Suzhou Industrial Park`.
    pub site: Option<String>,
    /// The zone or park of the portfolio visited, if it is one.
    pub project_id: Option<String>,
    /// The company visited, if it is one.
    pub company_id: Option<String>,
    /// What the delegation does there.
    pub notes: Option<String>,
}

/// A validated stop.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewProgrammeItem {
    /// Day.
    pub on: Date,
    /// Time, `HH:MM`.
    pub at: Option<String>,
    /// Kind of site.
    pub site_kind: SiteKind,
    /// Place.
    pub site: String,
    /// Project visited.
    pub project_id: Option<ProjectId>,
    /// Company visited.
    pub company_id: Option<CompanyId>,
    /// Notes.
    pub notes: Option<String>,
}

fn time_of_day(raw: Option<&str>) -> Result<Option<String>, FieldError> {
    let Some(v) = input::trimmed(raw) else {
        return Ok(None);
    };
    let ok = v.split_once(':').is_some_and(|(h, m)| {
        h.len() == 2
            && m.len() == 2
            && h.parse::<u8>().is_ok_and(|h| h < 24)
            && m.parse::<u8>().is_ok_and(|m| m < 60)
    });
    if ok {
        Ok(Some(v.to_owned()))
    } else {
        Err(FieldError::new(
            "at",
            format!("“{v}” is not a time of day; write it as HH:MM, e.g. 09:30"),
        ))
    }
}

impl TryFrom<&ProgrammeInput> for NewProgrammeItem {
    type Error = ValidationErrors;
    fn try_from(i: &ProgrammeInput) -> Result<Self, Self::Error> {
        let mut c = Collector::default();
        let on = c.take(input::required_date("on", i.on.as_deref()));
        let at = c.take(time_of_day(i.at.as_deref()));
        let kind: Option<SiteKind> = c.take(input::required_parsed(
            "site_kind",
            i.site_kind.as_deref(),
            "a kind of site",
        ));
        let site = c.take(input::required_text(
            "site",
            i.site.as_deref(),
            limit::ADDRESS,
        ));
        let project = c.take(input::optional_parsed(
            "project_id",
            i.project_id.as_deref(),
            "a project id",
        ));
        let company = c.take(input::optional_parsed(
            "company_id",
            i.company_id.as_deref(),
            "a company id",
        ));
        let notes = c.take(input::optional_long_text(
            "notes",
            i.notes.as_deref(),
            limit::TEXT,
        ));
        c.finish(|| {
            Some(NewProgrammeItem {
                on: on?,
                at: at?,
                site_kind: kind?,
                site: site?,
                project_id: project?,
                company_id: company?,
                notes: notes?,
            })
        })
    }
}

/// The post-visit report as a form or JSON client sends it.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct VisitReportInput {
    /// When it was written, `YYYY-MM-DD`, on or after the last day.
    pub reported_on: Option<String>,
    /// What happened.
    pub summary: Option<String>,
    /// What came of it, one outcome per line.
    pub outcomes: Option<String>,
}

/// A validated report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VisitReport {
    /// Date.
    pub reported_on: Date,
    /// Summary.
    pub summary: String,
    /// Outcomes, one per entry.
    pub outcomes: Vec<String>,
}

impl TryFrom<&VisitReportInput> for VisitReport {
    type Error = ValidationErrors;
    fn try_from(i: &VisitReportInput) -> Result<Self, Self::Error> {
        let mut c = Collector::default();
        let on = c.take(input::required_date(
            "reported_on",
            i.reported_on.as_deref(),
        ));
        let summary = c.take(input::required_long_text(
            "summary",
            i.summary.as_deref(),
            limit::TEXT,
        ));
        let outcomes = c.take(input::optional_long_text(
            "outcomes",
            i.outcomes.as_deref(),
            limit::TEXT,
        ));
        c.finish(|| {
            Some(VisitReport {
                reported_on: on?,
                summary: summary?,
                outcomes: outcomes?
                    .unwrap_or_default()
                    .lines()
                    .map(|l| l.trim().trim_start_matches(['-', '*', '•']).trim())
                    .filter(|l| !l.is_empty())
                    .map(str::to_owned)
                    .collect(),
            })
        })
    }
}
