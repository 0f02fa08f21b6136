//! Values, targets, each party's actuals, and their reconciliation. A value is read according to the
//! indicator's unit (a percentage over 100 is refused, yes/no is yes or no, qualitative is text). Each side
//! reports its own figure for a period; when both have and they differ by more than the tolerance, the period
//! shows a discrepancy. The agreed figure is set only by joint validation: one officer of each side confirming
//! the same value.

use super::Unit;
use crate::error::{Collector, FieldError, ValidationErrors};
use crate::input::{self, limit};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A value read according to its unit.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A number (counts, percentages, amounts, and yes/no as 1 or 0).
    Number(f64),
    /// Words, for a qualitative indicator.
    Text(String),
}

impl Value {
    /// The stored form: the number written plainly (`65000000`, `12.5`), or the text.
    pub fn stored(&self) -> String {
        match self {
            Value::Number(n) => {
                let s = format!("{:.2}", (n * 100.0).round() / 100.0);
                s.trim_end_matches('0').trim_end_matches('.').to_owned()
            }
            Value::Text(t) => t.clone(),
        }
    }

    /// The number, when there is one.
    pub fn number(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            Value::Text(_) => None,
        }
    }
}

/// A number as people read it: no trailing zeros, thousands separated.
pub fn format_number(n: f64) -> String {
    let rounded = (n * 100.0).round() / 100.0;
    let whole = rounded.trunc();
    let frac = (rounded - whole).abs();
    let digits = format!("{:.0}", whole.abs());
    let mut grouped = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let sign = if rounded < 0.0 { "-" } else { "" };
    if frac < 0.005 {
        format!("{sign}{grouped}")
    } else {
        let f = format!("{frac:.2}");
        format!(
            "{sign}{grouped}.{}",
            f.trim_start_matches("0.").trim_end_matches('0')
        )
    }
}

/// Reads `raw` as a value of `unit`, naming `field` in the error.
pub fn parse_value(field: &str, unit: Unit, raw: &str) -> Result<Value, FieldError> {
    let v = raw.trim();
    if v.is_empty() {
        return Err(FieldError::new(field, "is required"));
    }
    let number = || -> Result<f64, FieldError> {
        let cleaned: String = v
            .trim_end_matches('%')
            .chars()
            .filter(|c| *c != ',')
            .collect();
        cleaned
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .ok_or_else(|| {
                FieldError::new(
                    field,
                    format!(
                        "“{v}” is not a number; this indicator counts in {}",
                        unit.label().to_lowercase()
                    ),
                )
            })
    };
    match unit {
        Unit::Number => number().map(Value::Number),
        Unit::Percentage => match number()? {
            p if (0.0..=100.0).contains(&p) => Ok(Value::Number(p)),
            p => Err(FieldError::new(
                field,
                format!(
                    "{} is not a percentage: it must lie from 0 to 100",
                    format_number(p)
                ),
            )),
        },
        Unit::Currency => match number()? {
            a if a < 0.0 => Err(FieldError::new(field, "an amount cannot be negative")),
            a => Ok(Value::Number(a)),
        },
        Unit::YesNo => match v.to_lowercase().as_str() {
            "yes" | "1" | "true" => Ok(Value::Number(1.0)),
            "no" | "0" | "false" => Ok(Value::Number(0.0)),
            _ => Err(FieldError::new(field, format!("“{v}” is not yes or no"))),
        },
        Unit::Qualitative => {
            if v.chars().count() > limit::TEXT {
                Err(FieldError::new(field, "is too long"))
            } else {
                Ok(Value::Text(v.to_owned()))
            }
        }
    }
}

/// Reads dimensions written `name=value; name=value` (or one per line), each among `allowed`.
pub fn parse_dimensions(
    raw: Option<&str>,
    allowed: &[String],
) -> Result<BTreeMap<String, String>, FieldError> {
    let mut out = BTreeMap::new();
    for part in raw
        .unwrap_or_default()
        .split([';', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let (k, v) = part.split_once('=').ok_or_else(|| {
            FieldError::new(
                "dimensions",
                format!("“{part}” is not a dimension; write name=value, e.g. province=Sindh"),
            )
        })?;
        let (k, v) = (k.trim(), v.trim());
        if !allowed.iter().any(|a| a == k) {
            return Err(FieldError::new(
                "dimensions",
                if allowed.is_empty() {
                    "this indicator is not broken down by any dimension".to_owned()
                } else {
                    format!(
                        "“{k}” is not a dimension of this indicator; use {}",
                        allowed.join(", ")
                    )
                },
            ));
        }
        if v.is_empty() || v.chars().count() > 100 {
            return Err(FieldError::new(
                "dimensions",
                format!("give “{k}” a value of at most 100 characters"),
            ));
        }
        out.insert(k.to_owned(), v.to_owned());
    }
    Ok(out)
}

/// A party's actual as a form or JSON client sends it; the party is the reporter's own.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ActualInput {
    /// The value, in the indicator's unit.
    pub value: Option<String>,
    /// A breakdown, `name=value; name=value` (none for the headline figure).
    pub dimensions: Option<String>,
    /// Where the figure comes from.
    pub source: Option<String>,
    /// A comment.
    pub comment: Option<String>,
}

/// A target as a form or JSON client sends it.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct TargetInput {
    /// The value, in the indicator's unit.
    pub value: Option<String>,
    /// A breakdown the target is for, `name=value` (none for the headline target).
    pub dimensions: Option<String>,
}

/// A validated actual or target: its value and breakdown, with the source and comment of an actual.
#[derive(Clone, Debug, PartialEq)]
pub struct NewFigure {
    /// Value.
    pub value: Value,
    /// Breakdown.
    pub dimensions: BTreeMap<String, String>,
    /// Source.
    pub source: Option<String>,
    /// Comment.
    pub comment: Option<String>,
}

impl NewFigure {
    /// Validates an actual for an indicator of `unit` broken down by `allowed`.
    pub fn actual(
        i: &ActualInput,
        unit: Unit,
        allowed: &[String],
    ) -> Result<Self, ValidationErrors> {
        let mut c = Collector::default();
        let value = c.take(parse_value(
            "value",
            unit,
            i.value.as_deref().unwrap_or_default(),
        ));
        let dims = c.take(parse_dimensions(i.dimensions.as_deref(), allowed));
        let source = c.take(input::optional_text(
            "source",
            i.source.as_deref(),
            limit::ADDRESS,
        ));
        let comment = c.take(input::optional_long_text(
            "comment",
            i.comment.as_deref(),
            limit::TEXT,
        ));
        c.finish(|| {
            Some(NewFigure {
                value: value?,
                dimensions: dims?,
                source: source?,
                comment: comment?,
            })
        })
    }

    /// Validates a target for an indicator of `unit` broken down by `allowed`.
    pub fn target(
        i: &TargetInput,
        unit: Unit,
        allowed: &[String],
    ) -> Result<Self, ValidationErrors> {
        let mut c = Collector::default();
        let value = c.take(parse_value(
            "value",
            unit,
            i.value.as_deref().unwrap_or_default(),
        ));
        let dims = c.take(parse_dimensions(i.dimensions.as_deref(), allowed));
        c.finish(|| {
            Some(NewFigure {
                value: value?,
                dimensions: dims?,
                source: None,
                comment: None,
            })
        })
    }
}

/// Where a period stands between the two sides.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Reconciliation {
    /// Nobody reported.
    Empty,
    /// One side reported; the other has not yet.
    Awaiting,
    /// Both reported, within the tolerance.
    Consistent,
    /// Both reported, further apart than the tolerance.
    Discrepancy,
    /// Both sides validated an agreed figure.
    Agreed,
}

/// Compares the two sides' headline figures (`None` for a side that has not reported).
pub fn reconcile(
    a: Option<&Value>,
    b: Option<&Value>,
    tolerance: f64,
    agreed: bool,
) -> Reconciliation {
    if agreed {
        return Reconciliation::Agreed;
    }
    match (a, b) {
        (None, None) => Reconciliation::Empty,
        (Some(_), None) | (None, Some(_)) => Reconciliation::Awaiting,
        (Some(Value::Number(x)), Some(Value::Number(y))) => {
            let scale = x.abs().max(y.abs());
            let gap = if scale == 0.0 {
                0.0
            } else {
                (x - y).abs() / scale * 100.0
            };
            if gap > tolerance {
                Reconciliation::Discrepancy
            } else {
                Reconciliation::Consistent
            }
        }
        (Some(x), Some(y)) => {
            if x == y {
                Reconciliation::Consistent
            } else {
                Reconciliation::Discrepancy
            }
        }
    }
}

/// One side's confirmation of the agreed figure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Confirmation {
    /// The side.
    pub party_id: String,
    /// Who confirmed it (sign-in name).
    pub by: String,
    /// The value confirmed, as stored.
    pub value: String,
    /// When, RFC 3339.
    pub at: String,
}

/// A stored value as people read it: numbers grouped by thousands, text as it is.
fn readable(stored: &str) -> String {
    stored
        .parse::<f64>()
        .map_or_else(|_| stored.to_owned(), format_number)
}

/// Whether `party` may confirm `value` after `earlier` confirmations: one officer per side, both sides the
/// same value. Answers whether this confirmation completes the agreement.
pub fn check_confirmation(
    earlier: &[Confirmation],
    party: &str,
    party_name: impl Fn(&str) -> String,
    value: &str,
) -> Result<bool, FieldError> {
    if let Some(mine) = earlier.iter().find(|c| c.party_id == party) {
        return Err(FieldError::new(
            "value",
            format!(
                "{} of your side already validated {}: the agreed figure needs one officer of each side",
                mine.by,
                readable(&mine.value)
            ),
        ));
    }
    if let Some(theirs) = earlier.first()
        && theirs.value != value
    {
        return Err(FieldError::new(
            "value",
            format!(
                "{} validated {}: confirm that figure, or agree another with them and ask them to withdraw theirs",
                party_name(&theirs.party_id),
                readable(&theirs.value)
            ),
        ));
    }
    Ok(!earlier.is_empty())
}
