//! Progress updates: a dated narrative from a reporting organisation with figures, each figure with its
//! source. Figures from different sources are never merged: where they disagree, every one stays visible with
//! its source and date.

use crate::error::{Collector, FieldError, ValidationErrors};
use crate::ids::OrganisationId;
use crate::input::{self, limit};
use crate::language::Translations;
use crate::words::word_enum;
use serde::{Deserialize, Serialize};
use time::Date;

word_enum!(
    /// What a figure measures.
    Metric {
        /// Area of the site.
        Area = "area" / "Area",
        /// Plots allotted to enterprises.
        PlotsAllotted = "plots_allotted" / "Plots allotted",
        /// Enterprises committed to invest.
        EnterprisesCommitted = "enterprises_committed" / "Enterprises committed",
        /// Investment made or committed.
        Investment = "investment" / "Investment",
        /// Estimated cost.
        Cost = "cost" / "Cost",
        /// Jobs created.
        Jobs = "jobs" / "Jobs",
        /// People taking part (an exchange's participants).
        Participants = "participants" / "Participants",
    }
);

/// One figure of an update.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct FigureInput {
    /// `area`, `plots_allotted`, `enterprises_committed`, `investment`, `cost`, `jobs`, `participants`.
    pub metric: Option<String>,
    /// The number, e.g. `1,530`.
    pub value: Option<String>,
    /// Its unit: `acres`, a currency code like `USD`, or empty for a count.
    pub unit: Option<String>,
    /// Where the figure comes from, e.g. `Reply to the Senate, July 2020`.
    pub source: Option<String>,
}

/// A validated figure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Figure {
    /// What it measures.
    pub metric: Metric,
    /// The number.
    pub value: f64,
    /// Its unit, empty for a count.
    pub unit: String,
    /// Its source.
    pub source: String,
}

/// An update as a form or JSON client sends it.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct UpdateInput {
    /// The date the update reports on, `YYYY-MM-DD`; not in the future.
    pub reported_on: Option<String>,
    /// The organisation reporting.
    pub organisation_id: Option<String>,
    /// What happened, in English.
    pub narrative: Option<String>,
    /// In Chinese.
    pub narrative_zh: Option<String>,
    /// In Urdu.
    pub narrative_ur: Option<String>,
    /// The figures, each with its source.
    pub figures: Vec<FigureInput>,
}

/// A validated update.
#[derive(Clone, Debug, PartialEq)]
pub struct NewUpdate {
    /// Reported on.
    pub reported_on: Date,
    /// Reporting organisation.
    pub organisation_id: Option<OrganisationId>,
    /// Narrative.
    pub narrative: String,
    /// Other languages.
    pub narrative_translations: Translations,
    /// Figures.
    pub figures: Vec<Figure>,
}

fn figure(n: usize, f: &FigureInput) -> Result<Option<Figure>, FieldError> {
    let field = |name: &str| format!("figures[{n}].{name}");
    let blank = [&f.metric, &f.value, &f.unit, &f.source]
        .iter()
        .all(|v| input::trimmed(v.as_deref()).is_none());
    if blank {
        return Ok(None);
    }
    let metric: Metric = input::required_parsed(&field("metric"), f.metric.as_deref(), "a metric")?;
    let raw = input::trimmed(f.value.as_deref())
        .ok_or_else(|| FieldError::new(field("value"), "is required"))?;
    let value = super::parse_number(&field("value"), raw)?;
    if value < 0.0 {
        return Err(FieldError::new(
            field("value"),
            "a figure cannot be negative",
        ));
    }
    let unit =
        input::optional_text(&field("unit"), f.unit.as_deref(), limit::SHORT)?.unwrap_or_default();
    if matches!(metric, Metric::Investment | Metric::Cost) {
        super::finance::currency(&field("unit"), Some(&unit))?;
    }
    let source = input::required_text(&field("source"), f.source.as_deref(), limit::ADDRESS)
        .map_err(|_| FieldError::new(field("source"), "say where the figure comes from"))?;
    Ok(Some(Figure {
        metric,
        value,
        unit,
        source,
    }))
}

impl NewUpdate {
    /// Validates an update; `today` bounds its date.
    pub fn parse(i: &UpdateInput, today: Date) -> Result<Self, ValidationErrors> {
        let mut c = Collector::default();
        let on = c.take(
            input::optional_date("reported_on", i.reported_on.as_deref())
                .and_then(|d| d.ok_or_else(|| FieldError::new("reported_on", "is required"))),
        );
        if let Some(d) = on
            && d > today
        {
            c.take::<()>(Err(FieldError::new(
                "reported_on",
                format!("{d} is in the future: an update reports what has happened"),
            )));
        }
        let org = c.take(input::optional_parsed(
            "organisation_id",
            i.organisation_id.as_deref(),
            "an organisation id",
        ));
        let narrative = c.take(input::required_long_text(
            "narrative",
            i.narrative.as_deref(),
            limit::TEXT,
        ));
        let tr = c.take(Translations::parse(
            "narrative",
            i.narrative_zh.as_deref(),
            i.narrative_ur.as_deref(),
            limit::TEXT,
        ));
        let mut figures = Vec::new();
        for (n, f) in i.figures.iter().enumerate() {
            if let Some(Some(f)) = c.take(figure(n, f)) {
                figures.push(f);
            }
        }
        if figures.len() > 50 {
            c.take::<()>(Err(FieldError::new(
                "figures",
                "at most 50 figures per update",
            )));
        }
        c.finish(|| {
            Some(NewUpdate {
                reported_on: on?,
                organisation_id: org?,
                narrative: narrative?,
                narrative_translations: tr?,
                figures,
            })
        })
    }
}

/// A figure as reported, with when and by whom.
#[derive(Clone, Debug, PartialEq)]
pub struct Reported {
    /// The figure.
    pub figure: Figure,
    /// The update's date.
    pub on: Date,
}

/// Whether the figures reported for one metric disagree: two sources whose latest figures in the same unit
/// differ.
pub fn disagree(reported: &[Reported]) -> bool {
    let mut latest: Vec<&Reported> = Vec::new();
    for r in reported {
        match latest
            .iter_mut()
            .find(|l| l.figure.source == r.figure.source && l.figure.unit == r.figure.unit)
        {
            Some(l) if l.on < r.on => *l = r,
            Some(_) => {}
            None => latest.push(r),
        }
    }
    latest.iter().enumerate().any(|(i, a)| {
        latest[i + 1..].iter().any(|b| {
            a.figure.unit == b.figure.unit && (a.figure.value - b.figure.value).abs() > f64::EPSILON
        })
    })
}

impl TryFrom<&UpdateInput> for NewUpdate {
    type Error = ValidationErrors;
    /// Validates against today's date.
    fn try_from(i: &UpdateInput) -> Result<Self, Self::Error> {
        NewUpdate::parse(i, crate::now().date())
    }
}
