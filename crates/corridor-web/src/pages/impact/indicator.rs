//! An indicator's page: its chart of targets, each side's actuals and the agreed figure over time with the
//! data table beside it, the breakdown of the latest period with dimensions, and per period the forms each
//! side uses: report its actual, validate the agreed figure, withdraw a validation, lock and unlock.

use super::chart::{self, BarChart, LineChart};
use super::percent;
use crate::AppState;
use crate::error::{AppError, PageError};
use crate::extract::{CsrfForm, MaybeUser};
use crate::pages::widgets::{HistoryRow, describe_access, history_rows};
use crate::pages::{Layout, render};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use corridor_core::ids::ActualId;
use corridor_core::results::values::{ActualInput, Reconciliation, TargetInput, parse_value};
use corridor_core::results::view::IndicatorView;
use corridor_core::results::{Aggregation, Computed, Direction, Unit};
use corridor_store::entity::indicator;
use corridor_store::results::display;
use serde::Deserialize;

/// One period as the table shows it.
pub(crate) struct PeriodRow {
    pub id: String,
    pub label: String,
    pub target: String,
    pub sides: Vec<(String, String)>,
    pub agreed: String,
    pub computed: String,
    pub state: &'static str,
    pub state_label: &'static str,
    pub confirmations: Vec<String>,
    pub locked: bool,
    pub lock_reason: String,
    /// Whether the viewer's side has confirmed, pending the other.
    pub mine_pending: bool,
    pub agreed_set: bool,
    pub suggestion: String,
}

#[derive(Template)]
#[template(path = "indicator.html")]
struct IndicatorPage {
    layout: Layout,
    visibility: String,
    signed_in: bool,
    can_edit: bool,
    facts: Vec<(&'static str, String)>,
    chart: Option<LineChart>,
    breakdown: Option<(String, BarChart)>,
    periods: Vec<PeriodRow>,
    computed: bool,
    dimensions: String,
    dimension_hint: String,
    history: Vec<HistoryRow>,
    i: IndicatorView,
}

fn state(r: &Reconciliation) -> (&'static str, &'static str) {
    match r {
        Reconciliation::Empty => ("empty", "Not reported"),
        Reconciliation::Awaiting => ("awaiting", "Awaiting the other side"),
        Reconciliation::Consistent => ("consistent", "Consistent, to validate"),
        Reconciliation::Discrepancy => ("discrepancy", "Discrepancy"),
        Reconciliation::Agreed => ("agreed", "Agreed"),
    }
}

fn facts(i: &IndicatorView) -> Vec<(&'static str, String)> {
    let word = |raw: &str, f: fn(&str) -> Option<&'static str>| f(raw).unwrap_or("").to_owned();
    let mut out = vec![
        ("Measures", i.result.name.clone().unwrap_or_default()),
        (
            "Unit",
            word(&i.unit, |r| r.parse::<Unit>().ok().map(Unit::label))
                + &i.currency
                    .as_deref()
                    .map(|c| format!(" ({c})"))
                    .unwrap_or_default(),
        ),
        (
            "Direction",
            word(&i.direction, |r| {
                r.parse::<Direction>().ok().map(Direction::label)
            }),
        ),
        (
            "Aggregation",
            word(&i.aggregation, |r| {
                r.parse::<Aggregation>().ok().map(Aggregation::label)
            }),
        ),
        ("Tolerance between the sides", format!("{} %", i.tolerance)),
        ("Weight in the roll-up", i.weight.to_string()),
    ];
    if let Some(b) = &i.baseline_value {
        let mut line = display(&i.unit, i.currency.as_deref(), b);
        if let Some(on) = &i.baseline_on {
            line.push_str(&format!(" on {on}"));
        }
        if let Some(src) = &i.baseline_source {
            line.push_str(&format!(" ({src})"));
        }
        out.push(("Baseline", line));
    }
    if let Some(c) = i
        .computed_from
        .as_deref()
        .and_then(|c| c.parse::<Computed>().ok())
    {
        out.push(("Computed from", c.label().to_owned()));
    }
    let show = |v: f64| display(&i.unit, i.currency.as_deref(), &v.to_string());
    out.push((
        "Current value",
        i.current
            .map_or_else(|| "no agreed figure yet".into(), show)
            + &i.current_target
                .map(|t| format!(" against a target of {}", show(t)))
                .unwrap_or_default(),
    ));
    out.push(("Score", percent(i.score)));
    out
}

fn number(i: &IndicatorView, raw: Option<&str>) -> Option<f64> {
    let unit: Unit = i.unit.parse().ok()?;
    parse_value("value", unit, raw?).ok()?.number()
}

fn line(i: &IndicatorView) -> Option<LineChart> {
    let labels: Vec<String> = i.periods.iter().map(|p| p.label.clone()).collect();
    let mut series = vec![(
        "Target".to_owned(),
        "target",
        i.periods
            .iter()
            .map(|p| {
                number(
                    i,
                    p.targets
                        .iter()
                        .find(|t| t.dimensions.is_empty())
                        .map(|t| t.value.as_str()),
                )
            })
            .collect(),
    )];
    let sides = i.periods.first().map(|p| p.headlines.len()).unwrap_or(0);
    for s in 0..sides.min(2) {
        let name = i.periods[0].headlines[s]
            .party
            .name
            .clone()
            .unwrap_or_default();
        series.push((
            format!("Reported by {name}"),
            if s == 0 { "side-0" } else { "side-1" },
            i.periods
                .iter()
                .map(|p| number(i, p.headlines.get(s).and_then(|h| h.value.as_deref())))
                .collect(),
        ));
    }
    series.push((
        if i.computed_from.is_some() {
            "Computed"
        } else {
            "Agreed"
        }
        .to_owned(),
        "agreed",
        i.periods
            .iter()
            .map(|p| number(i, p.computed.as_deref().or(p.agreed.as_deref())))
            .collect(),
    ));
    chart::line_chart(&labels, series, |v| {
        display(&i.unit, i.currency.as_deref(), &v.to_string())
    })
}

/// The latest period with a breakdown: each side's figures per dimension value.
fn breakdown(i: &IndicatorView) -> Option<(String, BarChart)> {
    let p = i
        .periods
        .iter()
        .rev()
        .find(|p| p.actuals.iter().any(|a| !a.figure.dimensions.is_empty()))?;
    let rows: Vec<(String, f64, String)> = p
        .actuals
        .iter()
        .filter(|a| !a.figure.dimensions.is_empty())
        .filter_map(|a| {
            let v = number(i, Some(&a.figure.value))?;
            let dims = a
                .figure
                .dimensions
                .iter()
                .map(|(k, v)| format!("{k} {v}"))
                .collect::<Vec<_>>()
                .join(", ");
            Some((
                format!("{}: {dims}", a.party.name.clone().unwrap_or_default()),
                v,
                display(&i.unit, i.currency.as_deref(), &a.figure.value),
            ))
        })
        .collect();
    chart::bar_chart(&rows, None).map(|c| (p.label.clone(), c))
}

pub(crate) async fn show(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let viewer = user.viewer();
    let i = s.store.indicator(&viewer, &id).await?;
    let mine = user.0.as_ref().map(|u| u.user.party_id.to_string());
    let show = |v: &str| display(&i.unit, i.currency.as_deref(), v);
    let periods = i
        .periods
        .iter()
        .map(|p| {
            let (key, label) = state(&p.reconciliation);
            let values: Vec<&str> = p
                .headlines
                .iter()
                .filter_map(|h| h.value.as_deref())
                .collect();
            PeriodRow {
                id: p.id.clone(),
                label: p.label.clone(),
                target: p
                    .targets
                    .iter()
                    .find(|t| t.dimensions.is_empty())
                    .map(|t| show(&t.value))
                    .unwrap_or_default(),
                sides: p
                    .headlines
                    .iter()
                    .map(|h| {
                        (
                            h.party.name.clone().unwrap_or_default(),
                            h.value.as_deref().map(show).unwrap_or_else(|| "—".into()),
                        )
                    })
                    .collect(),
                agreed: p.agreed.as_deref().map(show).unwrap_or_default(),
                computed: p.computed.as_deref().map(show).unwrap_or_default(),
                state: key,
                state_label: label,
                confirmations: p
                    .confirmations
                    .iter()
                    .map(|c| {
                        format!(
                            "{} ({}) validated {}",
                            c.by,
                            c.party.name.clone().unwrap_or_default(),
                            show(&c.value)
                        )
                    })
                    .collect(),
                locked: p.locked,
                lock_reason: p.lock_reason.clone().unwrap_or_default(),
                mine_pending: p.agreed.is_none()
                    && p.confirmations
                        .iter()
                        .any(|c| Some(&c.party.id) == mine.as_ref()),
                agreed_set: p.agreed.is_some(),
                suggestion: p
                    .confirmations
                    .first()
                    .map(|c| c.value.clone())
                    .or_else(|| {
                        (values.len() == 1 || values.windows(2).all(|w| w[0] == w[1]))
                            .then(|| values.first().map(|v| (*v).to_owned()))
                            .flatten()
                    })
                    .unwrap_or_default(),
            }
        })
        .collect();
    let page = IndicatorPage {
        layout: Layout::new(&s, user.0.as_ref(), i.title.clone())
            .await
            .following(&s, user.0.as_ref(), format!("indicator:{}", i.id))
            .await,
        visibility: describe_access(&i.access),
        signed_in: user
            .0
            .as_ref()
            .is_some_and(|u| u.user.member && u.user.role != corridor_core::Role::Observer),
        can_edit: i.access.can_edit,
        facts: facts(&i),
        chart: line(&i),
        breakdown: breakdown(&i),
        periods,
        computed: i.computed_from.is_some(),
        dimensions: i.dimensions.join(", "),
        dimension_hint: i
            .dimensions
            .iter()
            .map(|d| format!("{d}=…"))
            .collect::<Vec<_>>()
            .join("; "),
        history: history_rows(s.store.history::<indicator::Entity>(&viewer, &i.id).await?),
        i,
    };
    Ok(render(&page))
}

async fn back(
    s: &AppState,
    user: &crate::extract::SignedIn,
    period: &str,
) -> Result<Response, PageError> {
    let id = s.store.period_indicator(&user.viewer(), period).await?;
    Ok(Redirect::to(&format!("/indicators/{id}#periods")).into_response())
}

pub(crate) async fn set_target(
    State(s): State<AppState>,
    Path(id): Path<String>,
    form: CsrfForm<TargetInput>,
) -> Result<Response, PageError> {
    s.store
        .set_target(&form.user.actor(), &id, &form.form)
        .await?;
    back(&s, &form.user, &id).await
}

pub(crate) async fn report(
    State(s): State<AppState>,
    Path(id): Path<String>,
    form: CsrfForm<ActualInput>,
) -> Result<Response, PageError> {
    s.store
        .report_actual(&form.user.actor(), &id, ActualId::new(), &form.form)
        .await?;
    back(&s, &form.user, &id).await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ValidateForm {
    value: String,
}

pub(crate) async fn validate(
    State(s): State<AppState>,
    Path(id): Path<String>,
    form: CsrfForm<ValidateForm>,
) -> Result<Response, PageError> {
    s.store
        .validate_period(&form.user.actor(), &id, &form.form.value)
        .await?;
    back(&s, &form.user, &id).await
}

pub(crate) async fn withdraw(
    State(s): State<AppState>,
    Path(id): Path<String>,
    form: CsrfForm<crate::pages::Empty>,
) -> Result<Response, PageError> {
    s.store.withdraw_validation(&form.user.actor(), &id).await?;
    back(&s, &form.user, &id).await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LockForm {
    /// `lock` or `unlock`.
    action: String,
    #[serde(default)]
    reason: Option<String>,
}

pub(crate) async fn lock(
    State(s): State<AppState>,
    Path(id): Path<String>,
    form: CsrfForm<LockForm>,
) -> Result<Response, PageError> {
    let lock = match form.form.action.as_str() {
        "lock" => true,
        "unlock" => false,
        other => {
            return Err(AppError::from(corridor_core::ValidationErrors::one(
                "action",
                format!("“{other}” is neither lock nor unlock"),
            ))
            .into());
        }
    };
    s.store
        .lock_period(&form.user.actor(), &id, lock, form.form.reason.as_deref())
        .await?;
    back(&s, &form.user, &id).await
}
