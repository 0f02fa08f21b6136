//! A project's page: its particulars, progress with the formula and weights used, milestones, the figures
//! reported with every source (disagreements shown), updates, finance with totals, risks and parts; and the
//! forms that add to them.

use super::{label, percent, words};
use crate::AppState;
use crate::error::PageError;
use crate::extract::{CsrfForm, MaybeUser};
use crate::pages::widgets::{HistoryRow, describe_access, history_rows};
use crate::pages::{Cell, Layout, render};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use corridor_core::ids::{FinanceId, MilestoneId, RiskId, UpdateId};
use corridor_core::input::one_or_many;
use corridor_core::portfolio::finance::{FinanceInput, FinanceKind, NewFinance};
use corridor_core::portfolio::milestone::{
    MilestoneInput, MilestoneKind, MilestoneStatus, NewMilestone, WeightsInput,
};
use corridor_core::portfolio::update::{FigureInput, Metric, NewUpdate, UpdateInput};
use corridor_core::portfolio::view::{ProjectDetail, ProjectView};
use corridor_core::portfolio::{
    NewRisk, ProjectKind, ProjectStatus, RiskInput, RiskStatus, Severity,
};
use corridor_store::entity::project;
use serde::Deserialize;

/// A figure as the page shows it.
struct FigureRow {
    value: String,
    source: String,
    reported_on: String,
    by: String,
}

struct FigureBlock {
    metric: String,
    disagree: bool,
    rows: Vec<FigureRow>,
}

#[derive(Template)]
#[template(path = "project.html")]
struct ProjectPage {
    layout: Layout,
    id: String,
    visibility: String,
    can_edit: bool,
    signed_in: bool,
    facts: Vec<(&'static str, Cell)>,
    d: ProjectDetail,
    progress: String,
    roll_up: String,
    figures: Vec<FigureBlock>,
    history: Vec<HistoryRow>,
    milestone_kinds: Vec<(String, String)>,
    milestone_statuses: Vec<(String, String)>,
    metrics: Vec<(String, String)>,
    finance_kinds: Vec<(String, String)>,
    severities: Vec<(String, String)>,
    risk_statuses: Vec<(String, String)>,
    organisations: Vec<(String, String)>,
    /// An exchange programme's yearly cohorts: id, title, dates, status, head counts.
    cohorts: Vec<[String; 5]>,
    /// Where the project came from when it was imported from another publisher's IATI file.
    iati: Option<IatiSource>,
}

/// An imported activity's origin, and what of it has no field in Corridor.
struct IatiSource {
    identifier: String,
    file: String,
    imported: String,
    unmapped: Vec<String>,
    problems: Vec<String>,
}

fn number(v: f64) -> String {
    let whole = v.trunc();
    if (v - whole).abs() < f64::EPSILON {
        corridor_core::portfolio::finance::format_amount(whole as i64 * 100)
    } else {
        format!("{v}")
    }
}

fn facts(p: &ProjectView) -> Vec<(&'static str, Cell)> {
    let mut f = vec![
        ("Kind", Cell::text(label(&p.kind, ProjectKind::label))),
        ("Name", Cell::text(p.name.clone())),
    ];
    if let Some(n) = &p.name_zh {
        f.push(("In Chinese", Cell::text(n.clone())));
    }
    if let Some(n) = &p.name_ur {
        f.push(("In Urdu", Cell::text(n.clone())));
    }
    f.push(("Sector", Cell::opt(p.sector.as_deref())));
    f.push(("Province", Cell::opt(p.province.as_deref())));
    if let (Some(lat), Some(lon)) = (p.latitude, p.longitude) {
        f.push(("Location", Cell::text(format!("{lat:.4}° N, {lon:.4}° E"))));
    }
    if let Some(a) = p.area {
        f.push((
            "Area as recorded",
            Cell::text(format!(
                "{} {}",
                number(a),
                p.area_unit.clone().unwrap_or_default()
            )),
        ));
    }
    let leads: Vec<String> = p
        .lead_organisations
        .iter()
        .filter_map(|o| o.name.clone())
        .collect();
    f.push(("Lead organisations", Cell::text(leads.join(", "))));
    f.push(("Developer or operator", Cell::opt(p.developer.as_deref())));
    f.push(("Part of", Cell::maybe_ref(p.parent.as_ref(), "/projects")));
    f.push((
        "Under",
        Cell::maybe_ref(p.instrument.as_ref(), "/instruments"),
    ));
    let status = label(&p.status, ProjectStatus::label);
    f.push((
        "Status",
        Cell::text(match &p.stalled_reason {
            Some(r) => format!("{status}; stalled: {r}"),
            None => status,
        }),
    ));
    let span = |a: &Option<String>, b: &Option<String>| match (a, b) {
        (None, None) => "—".to_owned(),
        (a, b) => format!(
            "{} to {}",
            a.clone().unwrap_or_else(|| "?".into()),
            b.clone().unwrap_or_else(|| "…".into())
        ),
    };
    f.push((
        "Planned",
        Cell::text(span(&p.planned_start, &p.planned_end)),
    ));
    f.push(("Actual", Cell::text(span(&p.actual_start, &p.actual_end))));
    f
}

pub(crate) async fn show(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let viewer = user.viewer();
    let d = s.store.project_detail(&viewer, &id).await?;
    let figures = d
        .figures
        .iter()
        .map(|g| FigureBlock {
            metric: label(&g.metric, Metric::label),
            disagree: g.disagree,
            rows: g
                .reported
                .iter()
                .map(|r| FigureRow {
                    value: format!("{} {}", number(r.value), r.unit),
                    source: r.source.clone(),
                    reported_on: r.reported_on.clone(),
                    by: r
                        .organisation
                        .as_ref()
                        .and_then(|o| o.name.clone())
                        .unwrap_or_default(),
                })
                .collect(),
        })
        .collect();
    let history = history_rows(
        s.store
            .history::<project::Entity>(&viewer, &d.project.id)
            .await?,
    );
    let organisations = if user.0.is_some() {
        crate::pages::directory::organisation_choices(&s, &viewer).await?
    } else {
        Vec::new()
    };
    let cohorts = if d.project.kind == ProjectKind::ExchangeProgramme.as_str() {
        let filter = corridor_store::exchange::ExchangeFilter {
            programme_project_id: Some(d.project.id.clone()),
            ..Default::default()
        };
        s.store
            .exchanges(&viewer, &filter)
            .await?
            .into_iter()
            .map(|x| {
                [
                    x.id,
                    x.title,
                    format!("{} to {}", x.starts_on, x.ends_on),
                    label(&x.status, corridor_core::exchange::ExchangeStatus::label),
                    format!(
                        "{} approved, {} attended (women: {})",
                        x.counts.approved, x.counts.attended, x.counts.attended_female
                    ),
                ]
            })
            .collect()
    } else {
        Vec::new()
    };
    let iati = iati_source(&s, &viewer, &d.project.id).await?;
    let page = ProjectPage {
        cohorts,
        iati,
        layout: Layout::new(&s, user.0.as_ref(), d.project.name.clone())
            .await
            .following(&s, user.0.as_ref(), format!("project:{}", d.project.id))
            .await,
        id: d.project.id.clone(),
        visibility: describe_access(&d.project.access),
        can_edit: d.project.access.can_edit,
        signed_in: user.0.is_some(),
        facts: facts(&d.project),
        progress: percent(d.progress.percent),
        roll_up: percent(d.progress.roll_up),
        figures,
        history,
        milestone_kinds: words(
            MilestoneKind::ALL,
            MilestoneKind::as_str,
            MilestoneKind::label,
        ),
        milestone_statuses: words(
            MilestoneStatus::ALL,
            MilestoneStatus::as_str,
            MilestoneStatus::label,
        ),
        metrics: words(Metric::ALL, Metric::as_str, Metric::label),
        finance_kinds: words(FinanceKind::ALL, FinanceKind::as_str, FinanceKind::label),
        severities: words(Severity::ALL, Severity::as_str, Severity::label),
        risk_statuses: words(RiskStatus::ALL, RiskStatus::as_str, RiskStatus::label),
        organisations,
        d,
    };
    Ok(render(&page))
}

/// Where an imported project came from, and what of its activity has no field here.
async fn iati_source(
    s: &AppState,
    viewer: &corridor_core::Viewer,
    id: &str,
) -> Result<Option<IatiSource>, PageError> {
    Ok(s.store.iati_source(viewer, id).await?.map(|m| IatiSource {
        identifier: m.identifier,
        file: m.file,
        imported: format!(
            "{} by {}",
            corridor_core::dates::format_human(m.imported_at),
            m.imported_by
        ),
        unmapped: m.unmapped.lines().map(str::to_owned).collect(),
        problems: m.problems.lines().map(str::to_owned).collect(),
    }))
}

fn back(id: &str, anchor: &str) -> Response {
    Redirect::to(&format!("/projects/{id}#{anchor}")).into_response()
}

pub(crate) async fn add_milestone(
    State(s): State<AppState>,
    Path(id): Path<String>,
    form: CsrfForm<MilestoneInput>,
) -> Result<Response, PageError> {
    let new = NewMilestone::try_from(&form.form)?;
    s.store
        .add_milestone(&form.user.actor(), &id, MilestoneId::new(), &new)
        .await?;
    Ok(back(&id, "milestones"))
}

/// What the milestone row's form changes: whether it was met and when, or its forecast.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MilestoneChange {
    status: String,
    #[serde(default)]
    actual_on: Option<String>,
    #[serde(default)]
    forecast_on: Option<String>,
}

pub(crate) async fn change_milestone(
    State(s): State<AppState>,
    Path((id, milestone)): Path<(String, String)>,
    form: CsrfForm<MilestoneChange>,
) -> Result<Response, PageError> {
    let d = s.store.project_detail(&form.user.viewer(), &id).await?;
    let m = d
        .milestones
        .iter()
        .find(|m| m.id == milestone)
        .ok_or(crate::error::AppError::not_found())?;
    let keep = |new: &Option<String>, old: &Option<String>| match new.as_deref().map(str::trim) {
        Some("") | None => old.clone(),
        Some(v) => Some(v.to_owned()),
    };
    let input = MilestoneInput {
        title: Some(m.title.clone()),
        title_zh: m.title_zh.clone(),
        title_ur: None,
        kind: Some(m.kind.clone()),
        planned_on: m.planned_on.clone(),
        forecast_on: keep(&form.form.forecast_on, &m.forecast_on),
        actual_on: keep(&form.form.actual_on, &m.actual_on),
        status: Some(form.form.status.clone()),
        version: Some(m.access.version),
    };
    let new = NewMilestone::try_from(&input)?;
    s.store
        .update_milestone(&form.user.actor(), &milestone, &new)
        .await?;
    Ok(back(&id, "milestones"))
}

/// The weights form: a weight beside each milestone.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct WeightsForm {
    #[serde(default, deserialize_with = "one_or_many")]
    milestone_id: Vec<String>,
    #[serde(default, deserialize_with = "one_or_many")]
    weight: Vec<String>,
}

pub(crate) async fn set_weights(
    State(s): State<AppState>,
    Path(id): Path<String>,
    form: CsrfForm<WeightsForm>,
) -> Result<Response, PageError> {
    let input = WeightsInput {
        weights: form
            .form
            .milestone_id
            .iter()
            .cloned()
            .zip(form.form.weight.iter().cloned())
            .collect(),
    };
    s.store
        .set_milestone_weights(&form.user.actor(), &id, &input)
        .await?;
    Ok(back(&id, "progress"))
}

/// The update form: a narrative and up to three figure rows.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct UpdateForm {
    #[serde(default)]
    reported_on: Option<String>,
    #[serde(default)]
    organisation_id: Option<String>,
    #[serde(default)]
    narrative: Option<String>,
    #[serde(default)]
    narrative_zh: Option<String>,
    #[serde(default)]
    narrative_ur: Option<String>,
    #[serde(default, deserialize_with = "one_or_many")]
    figure_metric: Vec<String>,
    #[serde(default, deserialize_with = "one_or_many")]
    figure_value: Vec<String>,
    #[serde(default, deserialize_with = "one_or_many")]
    figure_unit: Vec<String>,
    #[serde(default, deserialize_with = "one_or_many")]
    figure_source: Vec<String>,
}

pub(crate) async fn add_update(
    State(s): State<AppState>,
    Path(id): Path<String>,
    form: CsrfForm<UpdateForm>,
) -> Result<Response, PageError> {
    let f = &form.form;
    let at = |v: &[String], i: usize| v.get(i).cloned();
    let rows = [
        f.figure_metric.len(),
        f.figure_value.len(),
        f.figure_unit.len(),
        f.figure_source.len(),
    ]
    .into_iter()
    .max()
    .unwrap_or(0);
    let input = UpdateInput {
        reported_on: f.reported_on.clone(),
        organisation_id: f.organisation_id.clone(),
        narrative: f.narrative.clone(),
        narrative_zh: f.narrative_zh.clone(),
        narrative_ur: f.narrative_ur.clone(),
        figures: (0..rows)
            .map(|i| FigureInput {
                metric: at(&f.figure_metric, i),
                value: at(&f.figure_value, i),
                unit: at(&f.figure_unit, i),
                source: at(&f.figure_source, i),
            })
            .collect(),
    };
    let new = NewUpdate::try_from(&input)?;
    s.store
        .add_update(&form.user.actor(), &id, UpdateId::new(), &new)
        .await?;
    Ok(back(&id, "updates"))
}

pub(crate) async fn add_finance(
    State(s): State<AppState>,
    Path(id): Path<String>,
    form: CsrfForm<FinanceInput>,
) -> Result<Response, PageError> {
    let mut input = form.form.clone();
    input.project_id = Some(id.clone());
    input.instrument_id = None;
    let new = NewFinance::try_from(&input)?;
    s.store
        .add_finance(&form.user.actor(), FinanceId::new(), &new)
        .await?;
    Ok(back(&id, "finance"))
}

pub(crate) async fn add_risk(
    State(s): State<AppState>,
    Path(id): Path<String>,
    form: CsrfForm<RiskInput>,
) -> Result<Response, PageError> {
    let new = NewRisk::try_from(&form.form)?;
    s.store
        .add_risk(&form.user.actor(), &id, RiskId::new(), &new)
        .await?;
    Ok(back(&id, "risks"))
}
