//! Finance: amounts pledged, committed and disbursed, each with its currency, date and source. Totals are kept
//! per kind and per currency (a pledge is never added to a commitment, rupees never to dollars), and an
//! umbrella instrument's amounts are shown beside the projects' totals, never summed with them.

use crate::error::{Collector, FieldError, ValidationErrors};
use crate::ids::{InstrumentId, ProjectId};
use crate::input::{self, limit};
use crate::words::word_enum;
use serde::{Deserialize, Serialize};
use time::Date;

word_enum!(
    /// How firm an amount is.
    FinanceKind {
        /// Announced, not yet binding.
        Pledge = "pledge" / "Pledge",
        /// Binding: approved or contracted.
        Commitment = "commitment" / "Commitment",
        /// Paid out.
        Disbursement = "disbursement" / "Disbursement",
    }
);

/// An amount as a form or JSON client sends it.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct FinanceInput {
    /// `pledge`, `commitment` or `disbursement`.
    pub kind: Option<String>,
    /// The amount, e.g. `7,000,000,000` or `128000000.50`.
    pub amount: Option<String>,
    /// ISO 4217 code, e.g. `PKR`, `USD`, `CNY`.
    pub currency: Option<String>,
    /// When, `YYYY-MM-DD`.
    pub dated_on: Option<String>,
    /// Where the amount comes from.
    pub source: Option<String>,
    /// Anything else.
    pub note: Option<String>,
    /// The project it is for (or name an instrument).
    pub project_id: Option<String>,
    /// The instrument it is for (or name a project).
    pub instrument_id: Option<String>,
}

/// What an amount is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FinanceTarget {
    /// A project.
    Project(ProjectId),
    /// An instrument.
    Instrument(InstrumentId),
}

/// A validated amount, in hundredths of the currency unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewFinance {
    /// Kind.
    pub kind: FinanceKind,
    /// Hundredths of the unit.
    pub amount_minor: i64,
    /// ISO 4217 code.
    pub currency: String,
    /// When.
    pub dated_on: Date,
    /// Source.
    pub source: Option<String>,
    /// Note.
    pub note: Option<String>,
    /// For what.
    pub target: FinanceTarget,
}

/// A currency code: three letters (ISO 4217).
pub fn currency(field: &str, raw: Option<&str>) -> Result<String, FieldError> {
    let v = input::trimmed(raw).ok_or_else(|| {
        FieldError::new(field, "an amount needs its currency, e.g. PKR, USD or CNY")
    })?;
    let up = v.to_ascii_uppercase();
    if up.len() == 3 && up.chars().all(|c| c.is_ascii_uppercase()) {
        Ok(up)
    } else {
        Err(FieldError::new(
            field,
            format!("“{v}” is not a currency code (three letters, ISO 4217, e.g. PKR)"),
        ))
    }
}

/// Reads an amount into hundredths: digits with optional thousands commas and at most two decimals.
pub fn amount(field: &str, raw: Option<&str>) -> Result<i64, FieldError> {
    let v = input::trimmed(raw).ok_or_else(|| FieldError::new(field, "is required"))?;
    let bad = || {
        FieldError::new(
            field,
            format!("“{v}” is not an amount, e.g. 7,000,000 or 1500.50"),
        )
    };
    let cleaned: String = v.chars().filter(|c| *c != ',').collect();
    let (whole, frac) = cleaned.split_once('.').unwrap_or((&cleaned, ""));
    if whole.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || frac.len() > 2
        || !frac.chars().all(|c| c.is_ascii_digit())
    {
        return Err(if cleaned.starts_with('-') {
            FieldError::new(field, "an amount cannot be negative")
        } else {
            bad()
        });
    }
    let whole: i64 = whole.parse().map_err(|_| bad())?;
    let frac: i64 = format!("{frac:0<2}").parse().map_err(|_| bad())?;
    whole
        .checked_mul(100)
        .and_then(|w| w.checked_add(frac))
        .ok_or_else(|| FieldError::new(field, "the amount is too large"))
}

/// Writes hundredths back as people read them: `7,000,000,000` or `1,500.50`.
pub fn format_amount(minor: i64) -> String {
    let whole = (minor / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match minor % 100 {
        0 => grouped,
        cents => format!("{grouped}.{cents:02}"),
    }
}

impl TryFrom<&FinanceInput> for NewFinance {
    type Error = ValidationErrors;
    fn try_from(i: &FinanceInput) -> Result<Self, Self::Error> {
        let mut c = Collector::default();
        let kind = c.take(input::required_parsed(
            "kind",
            i.kind.as_deref(),
            "a finance kind",
        ));
        let amount_minor = c.take(amount("amount", i.amount.as_deref()));
        let currency = c.take(currency("currency", i.currency.as_deref()));
        let dated_on = c.take(
            input::optional_date("dated_on", i.dated_on.as_deref())
                .and_then(|d| d.ok_or_else(|| FieldError::new("dated_on", "is required"))),
        );
        let source = c.take(input::optional_text(
            "source",
            i.source.as_deref(),
            limit::ADDRESS,
        ));
        let note = c.take(input::optional_long_text(
            "note",
            i.note.as_deref(),
            limit::TEXT,
        ));
        let project = c.take(input::optional_parsed(
            "project_id",
            i.project_id.as_deref(),
            "a project id",
        ));
        let instrument = c.take(input::optional_parsed(
            "instrument_id",
            i.instrument_id.as_deref(),
            "an instrument id",
        ));
        let target = match (project.flatten(), instrument.flatten()) {
            (Some(p), None) => Some(FinanceTarget::Project(p)),
            (None, Some(i)) => Some(FinanceTarget::Instrument(i)),
            (Some(_), Some(_)) => c.take(Err(FieldError::new(
                "instrument_id",
                "an amount is for a project or an instrument, not both",
            ))),
            (None, None) => c.take(Err(FieldError::new(
                "project_id",
                "name the project (or the instrument) the amount is for",
            ))),
        };
        c.finish(|| {
            Some(NewFinance {
                kind: kind?,
                amount_minor: amount_minor?,
                currency: currency?,
                dated_on: dated_on?,
                source: source?,
                note: note?,
                target: target?,
            })
        })
    }
}

/// An amount as the totals see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FinanceFact {
    /// Kind.
    pub kind: FinanceKind,
    /// ISO 4217 code.
    pub currency: String,
    /// Hundredths.
    pub amount_minor: i64,
    /// Recorded against an umbrella instrument.
    pub umbrella: bool,
}

/// One total: a kind in a currency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Total {
    /// `pledge`, `commitment` or `disbursement`.
    pub kind: String,
    /// ISO 4217 code.
    pub currency: String,
    /// Hundredths.
    pub amount_minor: i64,
    /// Written for people.
    pub amount: String,
    /// How many amounts it adds.
    pub count: usize,
    /// Amounts of umbrella instruments, shown apart and never added to the projects'.
    pub umbrella: bool,
}

/// Totals per kind and currency, projects' amounts apart from umbrella instruments'; pledges, commitments and
/// disbursements are never added together, nor currencies.
pub fn totals(facts: &[FinanceFact]) -> Vec<Total> {
    let mut out: Vec<Total> = Vec::new();
    for f in facts {
        match out.iter_mut().find(|t| {
            t.kind == f.kind.as_str() && t.currency == f.currency && t.umbrella == f.umbrella
        }) {
            Some(t) => {
                t.amount_minor = t.amount_minor.saturating_add(f.amount_minor);
                t.count += 1;
            }
            None => out.push(Total {
                kind: f.kind.as_str().to_owned(),
                currency: f.currency.clone(),
                amount_minor: f.amount_minor,
                amount: String::new(),
                count: 1,
                umbrella: f.umbrella,
            }),
        }
    }
    let rank = |k: &str| FinanceKind::ALL.iter().position(|x| x.as_str() == k);
    out.sort_by(|a, b| {
        (a.umbrella, rank(&a.kind), &a.currency).cmp(&(b.umbrella, rank(&b.kind), &b.currency))
    });
    for t in &mut out {
        t.amount = format_amount(t.amount_minor);
    }
    out
}
