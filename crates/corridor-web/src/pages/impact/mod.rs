//! Measurable impact's pages: the dashboard (the four lines as a scoreboard, a chart of their scores, the
//! framework as a table with each indicator's standing, and the formula), a printable one-page summary for a
//! meeting pack, an indicator's page (`indicator.rs`) and the forms that build the framework (`forms.rs`).

pub(crate) mod chart;
mod forms;
mod indicator;

use crate::AppState;
use crate::error::PageError;
use crate::extract::MaybeUser;
use crate::pages::{Layout, render};
use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::{get, post};
use corridor_core::results::Level;
use corridor_core::results::view::{Framework, IndicatorView, ResultView};
use corridor_store::results::display;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/impact", get(dashboard))
        .route("/impact/summary", get(summary))
        .route("/results", post(forms::create_result))
        .route("/results/new", get(forms::new_result))
        .route("/indicators", post(forms::create_indicator))
        .route("/indicators/new", get(forms::new_indicator))
        .route("/indicators/{id}", get(indicator::show))
        .route("/periods/{id}/targets", post(indicator::set_target))
        .route("/periods/{id}/actuals", post(indicator::report))
        .route("/periods/{id}/validations", post(indicator::validate))
        .route("/periods/{id}/withdrawal", post(indicator::withdraw))
        .route("/periods/{id}/lock", post(indicator::lock))
}

/// A score as people read it.
pub(crate) fn percent(score: Option<f64>) -> String {
    score.map_or_else(
        || "not scored yet".to_owned(),
        |s| format!("{:.0} %", s * 100.0),
    )
}

/// One row of the framework table: a node or an indicator, indented by depth.
pub(crate) struct Row {
    pub depth: usize,
    pub is_indicator: bool,
    pub id: String,
    pub kind: String,
    pub title: String,
    pub title_zh: String,
    pub weight: String,
    pub baseline: String,
    pub current: String,
    pub target: String,
    pub score: String,
    pub discrepancies: usize,
    pub computed: bool,
}

fn indicator_row(i: &IndicatorView, depth: usize) -> Row {
    let show = |v: f64| display(&i.unit, i.currency.as_deref(), &v.to_string());
    Row {
        depth,
        is_indicator: true,
        id: i.id.clone(),
        kind: "Indicator".into(),
        title: i.title.clone(),
        title_zh: i.title_zh.clone().unwrap_or_default(),
        weight: corridor_core::results::values::format_number(i.weight),
        baseline: i
            .baseline_value
            .as_deref()
            .map(|b| display(&i.unit, i.currency.as_deref(), b))
            .unwrap_or_default(),
        current: i.current.map(show).unwrap_or_default(),
        target: i.current_target.map(show).unwrap_or_default(),
        score: percent(i.score),
        discrepancies: i.discrepancies,
        computed: i.computed_from.is_some(),
    }
}

fn rows(n: &ResultView, depth: usize, out: &mut Vec<Row>) {
    out.push(Row {
        depth,
        is_indicator: false,
        id: n.id.clone(),
        kind: n
            .level
            .parse::<Level>()
            .map_or_else(|_| n.level.clone(), |l| l.label().to_owned()),
        title: n.title.clone(),
        title_zh: n.title_zh.clone().unwrap_or_default(),
        weight: corridor_core::results::values::format_number(n.weight),
        baseline: String::new(),
        current: String::new(),
        target: String::new(),
        score: percent(n.score),
        discrepancies: n.discrepancies,
        computed: false,
    });
    for i in &n.indicators {
        out.push(indicator_row(i, depth + 1));
    }
    for c in &n.children {
        rows(c, depth + 1, out);
    }
}

/// A line of impact on the scoreboard.
pub(crate) struct Card {
    pub title: String,
    pub title_zh: String,
    pub score: String,
    pub indicators: usize,
    pub discrepancies: usize,
}

fn count_indicators(n: &ResultView) -> usize {
    n.indicators.len() + n.children.iter().map(count_indicators).sum::<usize>()
}

/// What both the dashboard and the summary show.
pub(crate) struct Board {
    pub goal: Option<(String, String)>,
    pub cards: Vec<Card>,
    pub chart: Option<chart::BarChart>,
    pub rows: Vec<Row>,
    pub formula: String,
    /// (indicator id, indicator title, period label, each side's figure).
    pub discrepancies: Vec<(String, String, String, String)>,
    /// How many periods have a discrepancy in all; the list holds the latest.
    pub discrepancy_total: usize,
}

/// The listed discrepancies as (indicator id, indicator title, period label, each side's figure).
fn discrepancies(f: &Framework) -> Vec<(String, String, String, String)> {
    f.discrepancies
        .iter()
        .map(|d| {
            let sides = d
                .headlines
                .iter()
                .map(|h| {
                    format!(
                        "{} {}",
                        h.party.name.clone().unwrap_or_default(),
                        h.value
                            .as_deref()
                            .map(|v| display(&d.unit, d.currency.as_deref(), v))
                            .unwrap_or_else(|| "—".into())
                    )
                })
                .collect::<Vec<_>>()
                .join(" · ");
            (
                d.indicator.id.clone(),
                d.indicator.name.clone().unwrap_or_default(),
                d.label.clone(),
                sides,
            )
        })
        .collect()
}

pub(crate) fn board(f: &Framework) -> Board {
    let goal = f.roots.iter().find(|r| r.level == "goal");
    let lines: Vec<&ResultView> = match goal {
        Some(g) => g.children.iter().collect(),
        None => f.roots.iter().collect(),
    };
    let cards = lines
        .iter()
        .map(|l| Card {
            title: l.title.clone(),
            title_zh: l.title_zh.clone().unwrap_or_default(),
            score: percent(l.score),
            indicators: count_indicators(l),
            discrepancies: l.discrepancies,
        })
        .collect();
    let chart = chart::bar_chart(
        &lines
            .iter()
            .map(|l| (l.title.clone(), l.score.unwrap_or(0.0), percent(l.score)))
            .collect::<Vec<_>>(),
        Some(1.0),
    );
    let mut table = Vec::new();
    for r in &f.roots {
        rows(r, 0, &mut table);
    }
    Board {
        goal: goal.map(|g| (g.title.clone(), percent(g.score))),
        cards,
        chart,
        rows: table,
        formula: f.formula.clone(),
        discrepancies: discrepancies(f),
        discrepancy_total: f.discrepancy_total,
    }
}

#[derive(Template)]
#[template(path = "impact.html")]
struct ImpactPage {
    layout: Layout,
    signed_in: bool,
    b: Board,
}

async fn dashboard(State(s): State<AppState>, user: MaybeUser) -> Result<Response, PageError> {
    let f = s.store.framework(&user.viewer()).await?;
    let page = ImpactPage {
        layout: Layout::new(&s, user.0.as_ref(), "Measurable impact").await,
        signed_in: user.0.is_some(),
        b: board(&f),
    };
    Ok(render(&page))
}

#[derive(Template)]
#[template(path = "impact_summary.html")]
struct SummaryPage {
    printed: String,
    b: Board,
}

/// The one-page summary for a meeting pack: a standalone printable page.
async fn summary(State(s): State<AppState>, user: MaybeUser) -> Result<Response, PageError> {
    let f = s.store.framework(&user.viewer()).await?;
    Ok(render(&SummaryPage {
        printed: corridor_core::dates::format_date(corridor_core::now().date()),
        b: board(&f),
    }))
}
