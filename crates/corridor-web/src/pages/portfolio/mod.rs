//! The portfolio's pages: the list with its map, milestone timeline and finance totals, the project forms,
//! a project's page (`page.rs`) and a meeting's progress review pack (`review.rs`).

mod gantt;
mod map;
mod page;
mod review;

use crate::AppState;
use crate::api::portfolio::ProjectQuery;
use crate::error::PageError;
use crate::extract::{CsrfForm, CurrentUser, MaybeUser, SignedIn};
use crate::pages::directory::{FormPlace, form_page, organisation_choices, people_choices, save};
use crate::pages::{Field, Layout, render, visibility_fields};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::{get, post};
use corridor_core::ids::ProjectId;
use corridor_core::portfolio::finance::Total;
use corridor_core::portfolio::{AreaUnit, NewProject, ProjectInput, ProjectKind, ProjectStatus};

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/projects", get(list).post(create))
        .route("/projects/new", get(new_form))
        .route("/projects/{id}", get(page::show).post(update))
        .route("/projects/{id}/edit", get(edit_form))
        .route("/projects/{id}/milestones", post(page::add_milestone))
        .route(
            "/projects/{id}/milestones/{m}",
            post(page::change_milestone),
        )
        .route("/projects/{id}/weights", post(page::set_weights))
        .route("/projects/{id}/updates", post(page::add_update))
        .route("/projects/{id}/finance", post(page::add_finance))
        .route("/projects/{id}/risks", post(page::add_risk))
        .route("/meetings/{id}/progress-review", get(review::show))
}

pub(crate) fn words<T: Copy>(
    all: &[T],
    s: fn(T) -> &'static str,
    l: fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter()
        .map(|v| (s(*v).to_owned(), l(*v).to_owned()))
        .collect()
}

/// A stored word as people read it.
pub(crate) fn label<T: std::str::FromStr>(raw: &str, l: fn(T) -> &'static str) -> String {
    raw.parse::<T>()
        .map_or_else(|_| raw.replace('_', " "), |v| l(v).to_owned())
}

/// A percentage for a table cell.
pub(crate) fn percent(p: Option<f64>) -> String {
    p.map_or_else(|| "no milestones".to_owned(), |p| format!("{p:.0} %"))
}

struct Row {
    id: String,
    name: String,
    name_zh: String,
    kind: String,
    province: String,
    status: String,
    stalled: bool,
    progress: String,
    next: String,
}

#[derive(Template)]
#[template(path = "portfolio.html")]
struct PortfolioPage {
    layout: Layout,
    signed_in: bool,
    filters: Vec<Field>,
    rows: Vec<Row>,
    next_href: Option<String>,
    map: map::Map,
    gantt: Option<gantt::Gantt>,
    totals: Vec<Total>,
}

async fn list(
    State(s): State<AppState>,
    user: MaybeUser,
    Query(q): Query<ProjectQuery>,
) -> Result<Response, PageError> {
    let viewer = user.viewer();
    let filter = q.filter()?;
    let page = s.store.projects(&viewer, &filter, &q.page()?).await?;
    let ids: Vec<String> = page.items.iter().map(|p| p.id.clone()).collect();
    let mut milestones = s.store.milestones_by_project(&viewer, &ids).await?;
    let with_milestones: Vec<_> = page
        .items
        .iter()
        .map(|p| (p.clone(), milestones.remove(&p.id).unwrap_or_default()))
        .collect();
    let finance = s.store.all_finance(&viewer).await?;
    let rows = page
        .items
        .iter()
        .map(|p| Row {
            id: p.id.clone(),
            name: p.name.clone(),
            name_zh: p.name_zh.clone().unwrap_or_default(),
            kind: label(&p.kind, ProjectKind::label),
            province: p.province.clone().unwrap_or_default(),
            status: label(&p.status, ProjectStatus::label),
            stalled: p.stalled,
            progress: percent(p.progress),
            next: p.next_milestone.clone().unwrap_or_default(),
        })
        .collect();
    let filters = vec![
        Field::select(
            "kind",
            "Kind",
            filter.kind.map(|k| k.as_str()),
            words(ProjectKind::ALL, ProjectKind::as_str, ProjectKind::label),
        ),
        Field::select(
            "status",
            "Status",
            filter.status.map(|k| k.as_str()),
            words(
                ProjectStatus::ALL,
                ProjectStatus::as_str,
                ProjectStatus::label,
            ),
        ),
        Field::text("province", "Province", filter.province.as_deref()),
    ];
    let page_view = PortfolioPage {
        layout: Layout::new(&s, user.0.as_ref(), "Portfolio").await,
        signed_in: user.0.is_some(),
        filters,
        rows,
        next_href: page.next.map(|n| {
            format!(
                "/projects?{}",
                serde_urlencoded::to_string([("after", n)]).unwrap_or_default()
            )
        }),
        map: map::build(&page.items),
        gantt: gantt::build(&with_milestones, corridor_core::now().date()),
        totals: corridor_store::portfolio::finance_totals(&finance),
    };
    Ok(render(&page_view))
}

/// The projects a project may be part of, and the instruments it may fall under, as choices.
async fn parents(
    s: &AppState,
    viewer: &corridor_core::Viewer,
) -> Result<(Vec<(String, String)>, Vec<(String, String)>), PageError> {
    let projects = s
        .store
        .projects(
            viewer,
            &Default::default(),
            &corridor_store::Page::first(500),
        )
        .await?
        .items
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let instruments = s
        .store
        .instruments(
            viewer,
            &Default::default(),
            &corridor_store::Page::first(500),
        )
        .await?
        .items
        .into_iter()
        .map(|p| (p.id, p.title))
        .collect();
    Ok((projects, instruments))
}

async fn fields(s: &AppState, user: &SignedIn, i: &ProjectInput) -> Result<Vec<Field>, PageError> {
    let viewer = user.viewer();
    let (projects, instruments) = parents(s, &viewer).await?;
    let flag = Some(if i.stalled.as_deref() == Some("true") {
        "true"
    } else {
        ""
    });
    let mut f = vec![
        Field::select(
            "kind",
            "Kind",
            i.kind.as_deref(),
            words(ProjectKind::ALL, ProjectKind::as_str, ProjectKind::label),
        )
        .required(),
        Field::text("name", "Name", i.name.as_deref()).required(),
        Field::text("name_zh", "Name in Chinese", i.name_zh.as_deref()).lang("zh"),
        Field::text("name_ur", "Name in Urdu", i.name_ur.as_deref()).lang("ur"),
        Field::text("sector", "Sector", i.sector.as_deref()),
        Field::text("province", "Province or region", i.province.as_deref()),
        Field::text("latitude", "Latitude", i.latitude.as_deref())
            .hint("Degrees north, -90 to 90, e.g. 34.05."),
        Field::text("longitude", "Longitude", i.longitude.as_deref())
            .hint("Degrees east, -180 to 180, e.g. 72.05."),
        Field::text("area", "Area", i.area.as_deref()),
        Field::select(
            "area_unit",
            "Unit of area",
            i.area_unit.as_deref(),
            words(AreaUnit::ALL, AreaUnit::as_str, AreaUnit::label),
        ),
        Field::multi(
            "lead_organisation_ids",
            "Lead organisations (one per side)",
            &i.lead_organisation_ids,
            organisation_choices(s, &viewer).await?,
        ),
        Field::text("developer", "Developer or operator", i.developer.as_deref()),
        Field::select("parent_id", "Part of", i.parent_id.as_deref(), projects),
        Field::select(
            "instrument_id",
            "Under the instrument",
            i.instrument_id.as_deref(),
            instruments,
        ),
        Field::select(
            "status",
            "Status",
            i.status.as_deref(),
            words(
                ProjectStatus::ALL,
                ProjectStatus::as_str,
                ProjectStatus::label,
            ),
        ),
        Field::text("stalled", "Stalled", flag).kind("checkbox"),
        Field::text(
            "stalled_reason",
            "Why it stalled",
            i.stalled_reason.as_deref(),
        )
        .kind("textarea"),
        Field::text("planned_start", "Planned start", i.planned_start.as_deref()).kind("date"),
        Field::text("planned_end", "Planned end", i.planned_end.as_deref()).kind("date"),
        Field::text("actual_start", "Actual start", i.actual_start.as_deref()).kind("date"),
        Field::text("actual_end", "Actual end", i.actual_end.as_deref()).kind("date"),
    ];
    f.extend(visibility_fields(
        i.visibility.as_deref(),
        &i.restricted_to,
        people_choices(s, &viewer).await?,
    ));
    if let Some(v) = i.version {
        f.push(Field::text("version", "", Some(&v.to_string())).kind("hidden"));
    }
    Ok(f)
}

async fn new_form(State(s): State<AppState>, user: CurrentUser) -> Result<Response, PageError> {
    let f = fields(&s, &user, &ProjectInput::default()).await?;
    Ok(form_page(
        &s,
        &user,
        FormPlace::new("New project", "/projects", "/projects"),
        f,
        None,
    )
    .await)
}

async fn create(
    State(s): State<AppState>,
    form: CsrfForm<ProjectInput>,
) -> Result<Response, PageError> {
    let (user, input) = (&form.user, &form.form);
    let op = async |new: NewProject| {
        s.store
            .create_project(&user.actor(), ProjectId::new(), &new)
            .await
    };
    let place = FormPlace::new("New project", "/projects", "/projects");
    save(
        &s,
        user,
        input,
        place,
        async || fields(&s, user, input).await,
        op,
        |p| format!("/projects/{}", p.id),
    )
    .await
}

async fn edit_form(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let p = s.store.project(&user.viewer(), &id).await?;
    let num = |v: Option<f64>| v.map(|v| v.to_string());
    let input = ProjectInput {
        kind: Some(p.kind.clone()),
        name: Some(p.name.clone()),
        name_zh: p.name_zh.clone(),
        name_ur: p.name_ur.clone(),
        sector: p.sector.clone(),
        province: p.province.clone(),
        latitude: num(p.latitude),
        longitude: num(p.longitude),
        area: num(p.area),
        area_unit: p.area_unit.clone(),
        lead_organisation_ids: p.lead_organisations.iter().map(|o| o.id.clone()).collect(),
        developer: p.developer.clone(),
        parent_id: p.parent.as_ref().map(|r| r.id.clone()),
        instrument_id: p.instrument.as_ref().map(|r| r.id.clone()),
        status: Some(p.status.clone()),
        stalled: Some(p.stalled.to_string()),
        stalled_reason: p.stalled_reason.clone(),
        planned_start: p.planned_start.clone(),
        planned_end: p.planned_end.clone(),
        actual_start: p.actual_start.clone(),
        actual_end: p.actual_end.clone(),
        visibility: Some(p.access.visibility.clone()),
        restricted_to: p
            .access
            .restricted_to
            .iter()
            .map(|r| r.id.clone())
            .collect(),
        version: Some(p.access.version),
    };
    let f = fields(&s, &user, &input).await?;
    let href = format!("/projects/{id}");
    Ok(form_page(
        &s,
        &user,
        FormPlace::new(format!("Edit {}", p.name), href.clone(), href),
        f,
        None,
    )
    .await)
}

async fn update(
    State(s): State<AppState>,
    Path(id): Path<String>,
    form: CsrfForm<ProjectInput>,
) -> Result<Response, PageError> {
    let (user, input) = (&form.user, &form.form);
    let op = async |new: NewProject| s.store.update_project(&user.actor(), &id, &new).await;
    let href = format!("/projects/{id}");
    let place = FormPlace::new("Edit project", href.clone(), href);
    save(
        &s,
        user,
        input,
        place,
        async || fields(&s, user, input).await,
        op,
        |p| format!("/projects/{}", p.id),
    )
    .await
}
