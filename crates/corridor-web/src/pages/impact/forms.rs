//! The forms that build the framework: a node under the node above it, and an indicator with its periods.

use crate::AppState;
use crate::error::PageError;
use crate::extract::{CsrfForm, CurrentUser, SignedIn};
use crate::pages::directory::{FormPlace, form_page, people_choices, save};
use crate::pages::portfolio::words;
use crate::pages::{Field, visibility_fields};
use axum::extract::{Query, State};
use axum::response::Response;
use corridor_core::ids::{IndicatorId, ResultId};
use corridor_core::results::view::ResultView;
use corridor_core::results::{
    Aggregation, Computed, Direction, IndicatorInput, Level, NewIndicator, NewResult, PeriodKind,
    ResultInput, Unit,
};
use serde::Deserialize;

/// The framework's nodes as choices, indented by depth: (id, label, level).
async fn nodes(s: &AppState, user: &SignedIn) -> Result<Vec<(String, String, String)>, PageError> {
    fn walk(n: &ResultView, depth: usize, out: &mut Vec<(String, String, String)>) {
        let label = format!("{}{}", "· ".repeat(depth), n.title);
        out.push((n.id.clone(), label, n.level.clone()));
        for c in &n.children {
            walk(c, depth + 1, out);
        }
    }
    let f = s.store.framework(&user.viewer()).await?;
    let mut out = Vec::new();
    for r in &f.roots {
        walk(r, 0, &mut out);
    }
    Ok(out)
}

async fn result_fields(
    s: &AppState,
    user: &SignedIn,
    i: &ResultInput,
) -> Result<Vec<Field>, PageError> {
    let parents = nodes(s, user)
        .await?
        .into_iter()
        .filter(|n| n.2 != Level::Output.as_str())
        .map(|n| (n.0, n.1))
        .collect();
    let mut f = vec![
        Field::select(
            "level",
            "Level",
            Some(i.level.as_deref().unwrap_or("outcome")),
            words(Level::ALL, Level::as_str, Level::label),
        )
        .required(),
        Field::select("parent_id", "Under", i.parent_id.as_deref(), parents).hint(
            "A line hangs under the goal, an outcome under a line, an output under an outcome.",
        ),
        Field::text("title", "Title", i.title.as_deref()).required(),
        Field::text("title_zh", "Title in Chinese", i.title_zh.as_deref()).lang("zh"),
        Field::text("title_ur", "Title in Urdu", i.title_ur.as_deref()).lang("ur"),
        Field::text("weight", "Weight among its siblings", i.weight.as_deref())
            .hint("1 unless this part should count more or less in the roll-up."),
        Field::text("links", "Contributing records", Some(&i.links.join("\n")))
            .kind("textarea")
            .hint("One per line, kind:id (project, study, exchange, instrument, register_item)."),
    ];
    f.extend(visibility_fields(
        i.visibility.as_deref(),
        &i.restricted_to,
        people_choices(s, &user.viewer()).await?,
    ));
    Ok(f)
}

/// `?parent=` preselects the node above.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(crate) struct NewQuery {
    parent: Option<String>,
    result: Option<String>,
}

pub(crate) async fn new_result(
    State(s): State<AppState>,
    user: CurrentUser,
    Query(q): Query<NewQuery>,
) -> Result<Response, PageError> {
    let input = ResultInput {
        parent_id: q.parent,
        ..Default::default()
    };
    let f = result_fields(&s, &user, &input).await?;
    Ok(form_page(
        &s,
        &user,
        FormPlace::new("New part of the framework", "/results", "/impact"),
        f,
        None,
    )
    .await)
}

/// A form sends links one per line; split them before the core reads them.
fn split_links(i: &mut ResultInput) {
    i.links = i
        .links
        .iter()
        .flat_map(|l| {
            l.lines()
                .map(str::trim)
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .filter(|l| !l.is_empty())
        .collect();
}

pub(crate) async fn create_result(
    State(s): State<AppState>,
    form: CsrfForm<ResultInput>,
) -> Result<Response, PageError> {
    let user = &form.user;
    let mut input = form.form.clone();
    split_links(&mut input);
    let input = &input;
    let op = async |new: NewResult| {
        s.store
            .create_result(&user.actor(), ResultId::new(), &new)
            .await
    };
    save(
        &s,
        user,
        input,
        FormPlace::new("New part of the framework", "/results", "/impact"),
        async || result_fields(&s, user, input).await,
        op,
        |_| "/impact".to_owned(),
    )
    .await
}

async fn indicator_fields(
    s: &AppState,
    user: &SignedIn,
    i: &IndicatorInput,
) -> Result<Vec<Field>, PageError> {
    let nodes = nodes(s, user)
        .await?
        .into_iter()
        .map(|n| (n.0, n.1))
        .collect();
    Ok(vec![
        Field::select("result_id", "Measures", i.result_id.as_deref(), nodes).required(),
        Field::text("title", "Title", i.title.as_deref()).required(),
        Field::text("title_zh", "Title in Chinese", i.title_zh.as_deref()).lang("zh"),
        Field::text("title_ur", "Title in Urdu", i.title_ur.as_deref()).lang("ur"),
        Field::select(
            "computed_from",
            "Computed from the records",
            i.computed_from.as_deref(),
            words(Computed::ALL, Computed::as_str, Computed::label),
        )
        .hint("Leave empty for an indicator each side reports."),
        Field::select(
            "unit",
            "Unit",
            Some(i.unit.as_deref().unwrap_or("number")),
            words(Unit::ALL, Unit::as_str, Unit::label),
        ),
        Field::text("currency", "Currency (amounts only)", i.currency.as_deref()),
        Field::select(
            "direction",
            "Direction",
            Some(i.direction.as_deref().unwrap_or("higher")),
            words(Direction::ALL, Direction::as_str, Direction::label),
        ),
        Field::select(
            "aggregation",
            "Periods add up as",
            Some(i.aggregation.as_deref().unwrap_or("latest")),
            words(Aggregation::ALL, Aggregation::as_str, Aggregation::label),
        ),
        Field::text(
            "dimensions",
            "Broken down by",
            Some(&i.dimensions.join(", ")),
        )
        .hint("Comma-separated, e.g. province, gender, zone."),
        Field::text(
            "tolerance",
            "Tolerance between the sides (%)",
            i.tolerance.as_deref(),
        )
        .hint("5 when empty."),
        Field::text("weight", "Weight in the roll-up", i.weight.as_deref()),
        Field::text("baseline_value", "Baseline", i.baseline_value.as_deref()),
        Field::text(
            "baseline_on",
            "Baseline measured on",
            i.baseline_on.as_deref(),
        )
        .kind("date"),
        Field::text(
            "baseline_source",
            "Baseline source",
            i.baseline_source.as_deref(),
        ),
        Field::select(
            "period_kind",
            "Periods",
            Some(i.period_kind.as_deref().unwrap_or("year")),
            words(PeriodKind::ALL, PeriodKind::as_str, PeriodKind::label),
        ),
        Field::text(
            "first_period",
            "A day in the first period",
            i.first_period.as_deref(),
        )
        .kind("date")
        .required(),
        Field::text(
            "last_period",
            "A day in the last period",
            i.last_period.as_deref(),
        )
        .kind("date")
        .required(),
    ])
}

pub(crate) async fn new_indicator(
    State(s): State<AppState>,
    user: CurrentUser,
    Query(q): Query<NewQuery>,
) -> Result<Response, PageError> {
    let input = IndicatorInput {
        result_id: q.result,
        ..Default::default()
    };
    let f = indicator_fields(&s, &user, &input).await?;
    Ok(form_page(
        &s,
        &user,
        FormPlace::new("New indicator", "/indicators", "/impact"),
        f,
        None,
    )
    .await)
}

pub(crate) async fn create_indicator(
    State(s): State<AppState>,
    form: CsrfForm<IndicatorInput>,
) -> Result<Response, PageError> {
    let (user, input) = (&form.user, &form.form);
    let op = async |new: NewIndicator| {
        s.store
            .create_indicator(&user.actor(), IndicatorId::new(), &new)
            .await
    };
    save(
        &s,
        user,
        input,
        FormPlace::new("New indicator", "/indicators", "/impact"),
        async || indicator_fields(&s, user, input).await,
        op,
        |i| format!("/indicators/{}", i.id),
    )
    .await
}
