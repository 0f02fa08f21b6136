//! Joint diagnostic studies' pages: the list, a study from its terms of reference to its action plan, and the
//! forms that move it on.

use crate::AppState;
use crate::error::{AppError, PageError};
use crate::extract::{CsrfForm, CurrentUser, MaybeUser};
use crate::pages::directory::{FormPlace, form_page, organisation_choices, party_choices, save};
use crate::pages::widgets::{HistoryRow, describe_access, history_rows};
use crate::pages::{Cell, Field, Layout, ListPage, render};
use askama::Template;
use axum::Router;
use axum::extract::{Multipart, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use corridor_core::ids::{ExpertId, RecommendationId, ReportId, StudyId};
use corridor_core::study::view::StudyView;
use corridor_core::study::{
    Completion, ExpertInput, NewExpert, NewPhase, NewRecommendation, NewStudy, Phase, PhaseInput,
    Potential, RecommendationInput, StudyInput,
};
use corridor_store::entity::study;
use serde::Deserialize;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/studies", get(list).post(create))
        .route("/studies/new", get(new_form))
        .route("/studies/{id}", get(show))
        .route("/studies/{id}/experts", post(add_expert))
        .route("/studies/{id}/recommendations", post(add_recommendation))
        .route("/studies/{id}/recommendations/{r}/assessment", post(assess))
        .route("/studies/{id}/phases", post(move_on))
        .route(
            "/studies/{id}/reports",
            post(upload).layer(axum::extract::DefaultBodyLimit::max(
                corridor_core::attachment::MAX_BYTES + 64 * 1024,
            )),
        )
}

fn phase_label(raw: &str) -> String {
    raw.parse::<Phase>()
        .map_or_else(|_| raw.replace('_', " "), |p| p.label().to_owned())
}

async fn list(State(s): State<AppState>, user: MaybeUser) -> Result<Response, PageError> {
    let studies = s.store.studies(&user.viewer()).await?;
    let rows = studies
        .iter()
        .map(|st| {
            vec![
                Cell::link(st.title.clone(), format!("/studies/{}", st.id)),
                Cell::text(st.sector.clone()),
                Cell::text(st.phase.as_deref().map(phase_label).unwrap_or_default()),
                Cell::text(st.recommendations.len().to_string()),
            ]
        })
        .collect();
    let page = ListPage {
        layout: Layout::new(&s, user.0.as_ref(), "Joint diagnostic studies").await,
        intro: "Studies by experts of both sides, from terms of reference to a report accepted at a meeting, whose recommendations become the sector's action plan on the register.".into(),
        filters: vec![],
        columns: vec!["Study", "Sector", "Phase", "Recommendations"],
        rows,
        next_href: None,
        new_href: user.0.as_ref().map(|_| "/studies/new".into()),
        empty: "No study that you may see.",
        links: Vec::new(),
    };
    Ok(render(&page))
}

async fn fields(
    s: &AppState,
    user: &crate::extract::SignedIn,
    i: &StudyInput,
) -> Result<Vec<Field>, PageError> {
    let bodies = s
        .store
        .bodies(&user.viewer())
        .await?
        .into_iter()
        .map(|b| (b.id, b.name))
        .collect();
    Ok(vec![
        Field::text("sector", "Sector", i.sector.as_deref()).required(),
        Field::text("title", "Title", i.title.as_deref()).required(),
        Field::text("title_zh", "Title in Chinese", i.title_zh.as_deref()).lang("zh"),
        Field::text(
            "terms_of_reference",
            "Terms of reference",
            i.terms_of_reference.as_deref(),
        )
        .kind("textarea"),
        Field::select("body_id", "Reports to", i.body_id.as_deref(), bodies).required(),
    ])
}

async fn new_form(State(s): State<AppState>, user: CurrentUser) -> Result<Response, PageError> {
    let f = fields(&s, &user, &StudyInput::default()).await?;
    Ok(form_page(
        &s,
        &user,
        FormPlace::new("New study", "/studies", "/studies"),
        f,
        None,
    )
    .await)
}

async fn create(
    State(s): State<AppState>,
    form: CsrfForm<StudyInput>,
) -> Result<Response, PageError> {
    let (user, input) = (&form.user, &form.form);
    let op = async |new: NewStudy| {
        s.store
            .create_study(&user.actor(), StudyId::new(), &new)
            .await
    };
    let place = FormPlace::new("New study", "/studies", "/studies");
    save(
        &s,
        user,
        input,
        place,
        async || fields(&s, user, input).await,
        op,
        |st| format!("/studies/{}", st.id),
    )
    .await
}

/// A phase reached: its name, date, and the meeting (id, title) where there is one.
type PhaseRow = (String, String, Option<(String, String)>);

#[derive(Template)]
#[template(path = "study.html")]
struct StudyPage {
    layout: Layout,
    visibility: String,
    can_edit: bool,
    phase: String,
    phases: Vec<PhaseRow>,
    next_phase: Option<(String, String)>,
    needs_meeting: bool,
    accepted: bool,
    meetings: Vec<(String, String)>,
    parties: Vec<(String, String)>,
    organisations: Vec<(String, String)>,
    potentials: Vec<(String, String)>,
    completions: Vec<(String, String)>,
    history: Vec<HistoryRow>,
    st: StudyView,
}

async fn show(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let viewer = user.viewer();
    let st = s.store.study(&viewer, &id).await?;
    let next = match st.phase.as_deref().and_then(|p| p.parse::<Phase>().ok()) {
        None => Some(Phase::TermsAgreed),
        Some(p) => Phase::ALL
            .iter()
            .position(|x| *x == p)
            .and_then(|i| Phase::ALL.get(i + 1).copied()),
    };
    let meetings = if user.0.is_some() {
        s.store
            .meetings(
                &viewer,
                Some(&st.body.id),
                &corridor_store::Page::first(500),
            )
            .await?
            .items
            .into_iter()
            .map(|m| (m.id, m.title))
            .collect()
    } else {
        Vec::new()
    };
    let (parties, organisations) = if user.0.is_some() {
        (
            party_choices(&s, &viewer).await?,
            organisation_choices(&s, &viewer).await?,
        )
    } else {
        (Vec::new(), Vec::new())
    };
    let page = StudyPage {
        layout: Layout::new(&s, user.0.as_ref(), st.title.clone())
            .await
            .following(&s, user.0.as_ref(), format!("study:{}", st.id))
            .await,
        visibility: describe_access(&st.access),
        can_edit: st.access.can_edit,
        phase: st
            .phase
            .as_deref()
            .map_or_else(|| "not started".to_owned(), phase_label),
        phases: st
            .phases
            .iter()
            .map(|p| {
                (
                    phase_label(&p.phase),
                    p.on.clone(),
                    p.meeting
                        .as_ref()
                        .map(|m| (m.id.clone(), m.name.clone().unwrap_or_default())),
                )
            })
            .collect(),
        needs_meeting: matches!(next, Some(Phase::Submitted | Phase::Accepted)),
        next_phase: next.map(|p| (p.as_str().to_owned(), p.label().to_owned())),
        accepted: st.phase.as_deref() == Some(Phase::Accepted.as_str()),
        meetings,
        parties,
        organisations,
        potentials: Potential::ALL
            .iter()
            .map(|p| (p.as_str().to_owned(), p.label().to_owned()))
            .collect(),
        completions: Completion::ALL
            .iter()
            .map(|p| (p.as_str().to_owned(), p.label().to_owned()))
            .collect(),
        history: history_rows(s.store.history::<study::Entity>(&viewer, &st.id).await?),
        st,
    };
    Ok(render(&page))
}

fn back(id: &str, anchor: &str) -> Response {
    Redirect::to(&format!("/studies/{id}#{anchor}")).into_response()
}

async fn add_expert(
    State(s): State<AppState>,
    Path(id): Path<String>,
    form: CsrfForm<ExpertInput>,
) -> Result<Response, PageError> {
    let new = NewExpert::try_from(&form.form)?;
    s.store
        .add_expert(&form.user.actor(), &id, ExpertId::new(), &new)
        .await?;
    Ok(back(&id, "team"))
}

async fn add_recommendation(
    State(s): State<AppState>,
    Path(id): Path<String>,
    form: CsrfForm<RecommendationInput>,
) -> Result<Response, PageError> {
    let new = NewRecommendation::try_from(&form.form)?;
    s.store
        .add_recommendation(&form.user.actor(), &id, RecommendationId::new(), &new)
        .await?;
    Ok(back(&id, "recommendations"))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AssessForm {
    completion: String,
}

async fn assess(
    State(s): State<AppState>,
    Path((id, r)): Path<(String, String)>,
    form: CsrfForm<AssessForm>,
) -> Result<Response, PageError> {
    let completion: Completion = corridor_core::input::required_parsed(
        "completion",
        Some(&form.form.completion),
        "a completion",
    )
    .map_err(|e| AppError::from(corridor_core::ValidationErrors(vec![e])))?;
    s.store
        .assess_recommendation(&form.user.actor(), &r, completion)
        .await?;
    Ok(back(&id, "recommendations"))
}

async fn move_on(
    State(s): State<AppState>,
    Path(id): Path<String>,
    form: CsrfForm<PhaseInput>,
) -> Result<Response, PageError> {
    let new = NewPhase::try_from(&form.form)?;
    s.store.move_study(&form.user.actor(), &id, &new).await?;
    Ok(back(&id, "phases"))
}

async fn upload(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    form: Multipart,
) -> Result<Response, PageError> {
    let sent = crate::pages::upload::read(&user, form).await?;
    let field = |k: &str| sent.fields.get(k).cloned().unwrap_or_default();
    let on = corridor_core::dates::parse_date(&field("dated_on"))
        .map_err(|_| crate::pages::upload::bad("dated_on: give the version's date, YYYY-MM-DD"))?;
    s.store
        .add_report(
            &user.actor(),
            &id,
            ReportId::new(),
            (&field("label"), on),
            &sent.upload,
            sent.bytes.to_vec(),
        )
        .await?;
    Ok(back(&id, "reports"))
}
