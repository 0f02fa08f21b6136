//! Measurable impact: a results framework (goal → lines of impact → outcomes → outputs), indicators with a unit,
//! direction, aggregation, dimensions, baseline and periods, targets, each party's own actuals, and an agreed
//! figure set only by joint validation. Roll-ups use agreed figures only, with a formula the pages print.
//! The model follows IATI's result → indicator → baseline → period → target and actual, and adds what IATI
//! lacks: two reporting parties per figure and their reconciliation.

pub mod rollup;
pub mod values;
pub mod view;

use crate::error::{Collector, FieldError, ValidationErrors};
use crate::ids::ResultId;
use crate::input::{self, Access, limit};
use crate::language::Translations;
use crate::links::RecordLink;
use crate::visibility::Visibility;
use crate::words::word_enum;
use serde::{Deserialize, Serialize};
use time::{Date, Month};

word_enum!(
    /// A node's place in the framework.
    Level {
        /// The one goal at the top.
        Goal = "goal" / "Goal",
        /// A line of impact (industrial cooperation, zones, business to business, people to people).
        Line = "line" / "Line of impact",
        /// An outcome under a line.
        Outcome = "outcome" / "Outcome",
        /// An output under an outcome.
        Output = "output" / "Output",
    }
);

impl Level {
    /// The level a node of this level hangs under, if any.
    pub fn parent(self) -> Option<Level> {
        match self {
            Level::Goal => None,
            Level::Line => Some(Level::Goal),
            Level::Outcome => Some(Level::Line),
            Level::Output => Some(Level::Outcome),
        }
    }
}

word_enum!(
    /// What an indicator's values are.
    Unit {
        /// A count or quantity.
        Number = "number" / "Number",
        /// A share from 0 to 100.
        Percentage = "percentage" / "Percentage",
        /// An amount of money in one currency.
        Currency = "currency" / "Currency amount",
        /// Achieved or not.
        YesNo = "yes_no" / "Yes or no",
        /// Words, not numbers: reported, never rolled up.
        Qualitative = "qualitative" / "Qualitative",
    }
);

word_enum!(
    /// Which way is better.
    Direction {
        /// More is better.
        Higher = "higher" / "Higher is better",
        /// Less is better.
        Lower = "lower" / "Lower is better",
    }
);

word_enum!(
    /// How an indicator's periods add up to its current value.
    Aggregation {
        /// The periods' agreed figures added up (e.g. participants).
        Sum = "sum" / "Sum of periods",
        /// Their mean (e.g. a satisfaction rate).
        Average = "average" / "Average of periods",
        /// The latest agreed figure (e.g. enterprises operating).
        Latest = "latest" / "Latest period",
    }
);

word_enum!(
    /// How long a period is.
    PeriodKind {
        /// A calendar month.
        Month = "month" / "Month",
        /// A calendar quarter.
        Quarter = "quarter" / "Quarter",
        /// A calendar year.
        Year = "year" / "Year",
    }
);

word_enum!(
    /// Records an indicator can be computed from instead of typed in.
    Computed {
        /// Enterprises committed across the zones, from the portfolio's progress updates (latest figure per
        /// project by the period's end, added up).
        EnterprisesCommitted = "enterprises_committed" / "Enterprises committed in the zones (portfolio updates)",
        /// People who attended delegation visits and exchange cohorts that ended in the period.
        ExchangeParticipants = "exchange_participants" / "Participants who attended exchanges",
        /// Share of register items due in the period that were reported done by their due date.
        RegisterOnTime = "register_on_time" / "Share of register items done on time",
        /// Matchmaking meetings held in the period.
        Matchmakings = "matchmakings" / "Matchmaking meetings held",
        /// Business memoranda signed in the period.
        BusinessMous = "business_mous" / "Business memoranda signed",
    }
);

impl Computed {
    /// The unit its values come in.
    pub fn unit(self) -> Unit {
        match self {
            Computed::RegisterOnTime => Unit::Percentage,
            _ => Unit::Number,
        }
    }
}

/// A node of the framework as a form or JSON client sends it.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ResultInput {
    /// `goal`, `line`, `outcome` or `output`.
    pub level: Option<String>,
    /// The node it hangs under (none for the goal).
    pub parent_id: Option<String>,
    /// Title in English.
    pub title: Option<String>,
    /// In Chinese.
    pub title_zh: Option<String>,
    /// In Urdu.
    pub title_ur: Option<String>,
    /// Its weight among its siblings in the roll-up (default 1).
    pub weight: Option<String>,
    /// Records that contribute, `kind:id` (projects, studies, exchanges, instruments, register items).
    #[serde(deserialize_with = "input::one_or_many")]
    pub links: Vec<String>,
    /// `public`, `shared` (default), `party` or `restricted`.
    pub visibility: Option<String>,
    /// People who may see a restricted record.
    #[serde(deserialize_with = "input::one_or_many")]
    pub restricted_to: Vec<String>,
}

/// A validated node.
#[derive(Clone, Debug, PartialEq)]
pub struct NewResult {
    /// Level.
    pub level: Level,
    /// Parent.
    pub parent_id: Option<ResultId>,
    /// English title.
    pub title: String,
    /// Other titles.
    pub title_translations: Translations,
    /// Weight.
    pub weight: f64,
    /// Contributing records.
    pub links: Vec<RecordLink>,
    /// Who may see it.
    pub access: Access,
}

/// A roll-up weight: a positive number, 1 when not given.
pub fn weight(field: &str, raw: Option<&str>) -> Result<f64, FieldError> {
    let Some(v) = input::trimmed(raw) else {
        return Ok(1.0);
    };
    match v.parse::<f64>() {
        Ok(w) if w.is_finite() && w > 0.0 && w <= 1000.0 => Ok(w),
        _ => Err(FieldError::new(
            field,
            format!("“{v}” is not a weight; give a positive number up to 1000, e.g. 1 or 2.5"),
        )),
    }
}

impl TryFrom<&ResultInput> for NewResult {
    type Error = ValidationErrors;
    fn try_from(i: &ResultInput) -> Result<Self, Self::Error> {
        let mut c = Collector::default();
        let level: Option<Level> = c.take(input::required_parsed(
            "level",
            i.level.as_deref(),
            "a level",
        ));
        let parent: Option<Option<ResultId>> = c.take(input::optional_parsed(
            "parent_id",
            i.parent_id.as_deref(),
            "a result id",
        ));
        match (level, parent) {
            (Some(Level::Goal), Some(Some(_))) => c.push(FieldError::new(
                "parent_id",
                "the goal is the top of the framework: it hangs under nothing",
            )),
            (Some(l), Some(None)) if l != Level::Goal => c.push(FieldError::new(
                "parent_id",
                format!(
                    "a {} hangs under a {}: name it",
                    l.label().to_lowercase(),
                    l.parent().map_or("", |p| p.label()).to_lowercase()
                ),
            )),
            _ => {}
        }
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
        let w = c.take(weight("weight", i.weight.as_deref()));
        let links = c.take(RecordLink::parse_all("links", &i.links));
        let access = c.take(input::access(
            i.visibility.as_deref(),
            &i.restricted_to,
            Visibility::Shared,
        ));
        c.finish(|| {
            Some(NewResult {
                level: level?,
                parent_id: parent?,
                title: title?,
                title_translations: tr?,
                weight: w?,
                links: links?,
                access: access?,
            })
        })
    }
}

/// One period of an indicator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    /// First day.
    pub starts_on: Date,
    /// Last day.
    pub ends_on: Date,
}

/// The periods of `kind` from the one containing `first` to the one containing `last`; at most 240.
pub fn periods(kind: PeriodKind, first: Date, last: Date) -> Result<Vec<Span>, FieldError> {
    if last < first {
        return Err(FieldError::new(
            "last_period",
            format!("{last} is before the first period, {first}"),
        ));
    }
    let months = match kind {
        PeriodKind::Month => 1,
        PeriodKind::Quarter => 3,
        PeriodKind::Year => 12,
    };
    let start_month = |d: Date| -> u8 { ((u8::from(d.month()) - 1) / months) * months + 1 };
    let mut year = first.year();
    let mut month = start_month(first);
    let mut out = Vec::new();
    loop {
        let starts_on = Date::from_calendar_date(
            year,
            Month::try_from(month).map_err(|_| FieldError::new("first_period", "bad month"))?,
            1,
        )
        .map_err(|_| FieldError::new("first_period", "out of range"))?;
        if starts_on > last {
            break;
        }
        let (ny, nm) = if month + months > 12 {
            (year + 1, month + months - 12)
        } else {
            (year, month + months)
        };
        let next = Date::from_calendar_date(
            ny,
            Month::try_from(nm).map_err(|_| FieldError::new("last_period", "bad month"))?,
            1,
        )
        .map_err(|_| FieldError::new("last_period", "out of range"))?;
        out.push(Span {
            starts_on,
            ends_on: next.previous_day().unwrap_or(next),
        });
        if out.len() > 240 {
            return Err(FieldError::new(
                "last_period",
                "at most 240 periods: choose a longer period or a shorter range",
            ));
        }
        (year, month) = (ny, nm);
    }
    Ok(out)
}

mod indicator;
pub use indicator::*;

#[cfg(test)]
mod tests;
