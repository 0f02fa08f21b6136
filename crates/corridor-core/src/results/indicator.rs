//! An indicator as a form or JSON client sends it, and its rules: a unit, a direction, an aggregation, the
//! dimensions its actuals may be broken down by, a baseline, a tolerance between the two sides' figures, and
//! the range of its periods, which are generated (no one types in sixteen quarters).

use super::values::parse_value;
use super::{Aggregation, Computed, Direction, PeriodKind, Span, Unit, periods, weight};
use crate::error::{Collector, FieldError, ValidationErrors};
use crate::ids::ResultId;
use crate::input::{self, limit};
use crate::language::Translations;
use serde::{Deserialize, Serialize};
use time::Date;

/// An indicator as a form or JSON client sends it.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct IndicatorInput {
    /// The node it measures.
    pub result_id: Option<String>,
    /// Title in English.
    pub title: Option<String>,
    /// In Chinese.
    pub title_zh: Option<String>,
    /// In Urdu.
    pub title_ur: Option<String>,
    /// `number` (default), `percentage`, `currency`, `yes_no` or `qualitative`.
    pub unit: Option<String>,
    /// For a currency amount: its ISO 4217 code.
    pub currency: Option<String>,
    /// `higher` (default) or `lower`.
    pub direction: Option<String>,
    /// `sum`, `average` or `latest` (default).
    pub aggregation: Option<String>,
    /// What actuals may be broken down by, e.g. `province`, `gender`, `zone`.
    #[serde(deserialize_with = "input::one_or_many")]
    pub dimensions: Vec<String>,
    /// How far apart, in percent, the two sides' figures may be before the period shows a discrepancy
    /// (default 5).
    pub tolerance: Option<String>,
    /// Its weight in its node's roll-up (default 1).
    pub weight: Option<String>,
    /// The baseline value.
    pub baseline_value: Option<String>,
    /// When the baseline was measured, `YYYY-MM-DD`.
    pub baseline_on: Option<String>,
    /// Where the baseline comes from.
    pub baseline_source: Option<String>,
    /// Computed from records instead of reported: `enterprises_committed`, `exchange_participants`,
    /// `register_on_time`, `matchmakings` or `business_mous`.
    pub computed_from: Option<String>,
    /// `month`, `quarter` or `year` (default).
    pub period_kind: Option<String>,
    /// A day in the first period, `YYYY-MM-DD`.
    pub first_period: Option<String>,
    /// A day in the last period, `YYYY-MM-DD`.
    pub last_period: Option<String>,
}

/// A validated indicator with its periods.
#[derive(Clone, Debug, PartialEq)]
pub struct NewIndicator {
    /// Node.
    pub result_id: ResultId,
    /// English title.
    pub title: String,
    /// Other titles.
    pub title_translations: Translations,
    /// Unit.
    pub unit: Unit,
    /// Currency, for a currency amount.
    pub currency: Option<String>,
    /// Direction.
    pub direction: Direction,
    /// Aggregation.
    pub aggregation: Aggregation,
    /// Dimensions.
    pub dimensions: Vec<String>,
    /// Tolerance in percent.
    pub tolerance: f64,
    /// Weight.
    pub weight: f64,
    /// Baseline value, as stored (a number, or text for a qualitative indicator).
    pub baseline_value: Option<String>,
    /// Baseline date.
    pub baseline_on: Option<Date>,
    /// Baseline source.
    pub baseline_source: Option<String>,
    /// Computed from.
    pub computed_from: Option<Computed>,
    /// Period length.
    pub period_kind: PeriodKind,
    /// The periods, generated.
    pub periods: Vec<Span>,
}

fn dimensions(raw: &[String]) -> Result<Vec<String>, FieldError> {
    let mut out: Vec<String> = Vec::new();
    for d in raw.iter().flat_map(|r| r.split(',')).map(str::trim) {
        if d.is_empty() {
            continue;
        }
        let ok = d.len() <= 40
            && d.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !ok {
            return Err(FieldError::new(
                "dimensions",
                format!(
                    "“{d}” is not a dimension name; use lower-case letters, digits and _, e.g. province"
                ),
            ));
        }
        if !out.iter().any(|x| x == d) {
            out.push(d.to_owned());
        }
    }
    if out.len() > 8 {
        return Err(FieldError::new("dimensions", "at most 8 dimensions"));
    }
    Ok(out)
}

fn tolerance(raw: Option<&str>) -> Result<f64, FieldError> {
    let Some(v) = input::trimmed(raw) else {
        return Ok(5.0);
    };
    match v.trim_end_matches('%').trim().parse::<f64>() {
        Ok(t) if t.is_finite() && (0.0..=100.0).contains(&t) => Ok(t),
        _ => Err(FieldError::new(
            "tolerance",
            format!("“{v}” is not a tolerance; give a percentage from 0 to 100"),
        )),
    }
}

/// The unit: a computed indicator's own, which a stated unit must match; else the stated one, a number by
/// default.
fn unit_of(computed: Option<Computed>, stated: Option<Unit>) -> Result<Unit, FieldError> {
    match (computed, stated) {
        (Some(src), Some(u)) if u != src.unit() => Err(FieldError::new(
            "unit",
            format!(
                "“{}” is computed as a {}",
                src.label(),
                src.unit().label().to_lowercase()
            ),
        )),
        (Some(src), _) => Ok(src.unit()),
        (None, u) => Ok(u.unwrap_or(Unit::Number)),
    }
}

/// A currency amount names its currency; nothing else has one.
fn currency_of(unit: Option<Unit>, raw: Option<&str>) -> Result<Option<String>, FieldError> {
    match unit {
        Some(Unit::Currency) => crate::portfolio::finance::currency("currency", raw).map(Some),
        _ if input::trimmed(raw).is_some() => Err(FieldError::new(
            "currency",
            "only a currency amount has a currency",
        )),
        _ => Ok(None),
    }
}

impl TryFrom<&IndicatorInput> for NewIndicator {
    type Error = ValidationErrors;
    fn try_from(i: &IndicatorInput) -> Result<Self, Self::Error> {
        let mut c = Collector::default();
        let result = c.take(input::required_parsed(
            "result_id",
            i.result_id.as_deref(),
            "a result id",
        ));
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
        let computed: Option<Option<Computed>> = c.take(input::optional_parsed(
            "computed_from",
            i.computed_from.as_deref(),
            "a source",
        ));
        let stated: Option<Option<Unit>> =
            c.take(input::optional_parsed("unit", i.unit.as_deref(), "a unit"));
        let unit = match (computed, stated) {
            (Some(src), Some(u)) => c.take(unit_of(src, u)),
            _ => None,
        };
        let currency = c.take(currency_of(unit, i.currency.as_deref()));
        let direction = c.take(
            input::optional_parsed("direction", i.direction.as_deref(), "a direction")
                .map(|d| d.unwrap_or(Direction::Higher)),
        );
        let aggregation = c.take(
            input::optional_parsed("aggregation", i.aggregation.as_deref(), "an aggregation")
                .map(|a| a.unwrap_or(Aggregation::Latest)),
        );
        let dims = c.take(dimensions(&i.dimensions));
        let tol = c.take(tolerance(i.tolerance.as_deref()));
        let w = c.take(weight("weight", i.weight.as_deref()));
        let baseline = match (unit, input::trimmed(i.baseline_value.as_deref())) {
            (Some(u), Some(v)) => c
                .take(parse_value("baseline_value", u, v))
                .map(|v| Some(v.stored())),
            (_, None) => Some(None),
            (None, Some(_)) => None,
        };
        let baseline_on = c.take(input::optional_date(
            "baseline_on",
            i.baseline_on.as_deref(),
        ));
        let baseline_source = c.take(input::optional_text(
            "baseline_source",
            i.baseline_source.as_deref(),
            limit::ADDRESS,
        ));
        let kind = c.take(
            input::optional_parsed("period_kind", i.period_kind.as_deref(), "a period length")
                .map(|k| k.unwrap_or(PeriodKind::Year)),
        );
        let first = c.take(input::required_date(
            "first_period",
            i.first_period.as_deref(),
        ));
        let last = c.take(input::required_date(
            "last_period",
            i.last_period.as_deref(),
        ));
        let spans = match (kind, first, last) {
            (Some(k), Some(f), Some(l)) => c.take(periods(k, f, l)),
            _ => None,
        };
        c.finish(|| {
            Some(NewIndicator {
                result_id: result?,
                title: title?,
                title_translations: tr?,
                unit: unit?,
                currency: currency?,
                direction: direction?,
                aggregation: aggregation?,
                dimensions: dims?,
                tolerance: tol?,
                weight: w?,
                baseline_value: baseline?,
                baseline_on: baseline_on?,
                baseline_source: baseline_source?,
                computed_from: computed?,
                period_kind: kind?,
                periods: spans?,
            })
        })
    }
}
