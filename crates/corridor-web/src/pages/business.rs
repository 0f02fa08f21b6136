//! The business-to-business page: companies of both sides, matchmaking meetings, business memoranda and
//! investment intentions with their pipeline, and the forms that record them; and a company's own page.

use crate::AppState;
use crate::error::PageError;
use crate::extract::{CsrfForm, MaybeUser};
use crate::pages::directory::party_choices;
use crate::pages::portfolio::{label, words};
use crate::pages::{Layout, render};
use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use corridor_core::business::view::{BusinessOverview, CompanyView};
use corridor_core::business::{
    BusinessMouInput, CompanyInput, CompanySize, IntentionInput, IntentionStatus, MatchmakingInput,
    NewBusinessMou, NewCompany, NewIntention, NewMatchmaking, Stage, StageInput,
};
use corridor_core::ids::{BusinessMouId, CompanyId, IntentionId, MatchmakingId};

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/business", get(overview))
        .route("/companies", post(create_company))
        .route("/companies/{id}", get(company))
        .route("/matchmakings", post(create_matchmaking))
        .route("/business-mous", post(create_mou))
        .route("/investment-intentions", post(create_intention))
        .route("/investment-intentions/{id}/stages", post(move_intention))
}

#[derive(Template)]
#[template(path = "business.html")]
struct BusinessPage {
    layout: Layout,
    signed_in: bool,
    /// Set on a company's own page.
    company: Option<CompanyView>,
    parties: Vec<(String, String)>,
    sizes: Vec<(String, String)>,
    statuses: Vec<(String, String)>,
    exchanges: Vec<(String, String)>,
    projects: Vec<(String, String)>,
    b: BusinessOverview,
}

impl BusinessPage {
    fn status(&self, raw: &str) -> String {
        label(raw, IntentionStatus::label)
    }
    fn size(&self, raw: &Option<String>) -> String {
        raw.as_deref()
            .map(|r| label(r, CompanySize::label))
            .unwrap_or_default()
    }
}

async fn page(
    s: &AppState,
    user: &MaybeUser,
    company: Option<CompanyView>,
) -> Result<Response, PageError> {
    let viewer = user.viewer();
    let b = s
        .store
        .business_overview(&viewer, company.as_ref().map(|c| c.id.as_str()))
        .await?;
    let signed_in = user.0.is_some();
    let (parties, exchanges, projects) = if signed_in {
        let exchanges = s
            .store
            .exchanges(&viewer, &Default::default())
            .await?
            .into_iter()
            .map(|x| (x.id, x.title))
            .collect();
        let projects = s
            .store
            .projects(
                &viewer,
                &Default::default(),
                &corridor_store::Page::first(500),
            )
            .await?
            .items
            .into_iter()
            .map(|p| (p.id, p.name))
            .collect();
        (party_choices(s, &viewer).await?, exchanges, projects)
    } else {
        (Vec::new(), Vec::new(), Vec::new())
    };
    let title = company
        .as_ref()
        .map_or_else(|| "Business to business".to_owned(), |c| c.name.clone());
    let view = BusinessPage {
        layout: Layout::new(s, user.0.as_ref(), title).await,
        signed_in,
        company,
        parties,
        sizes: words(CompanySize::ALL, CompanySize::as_str, CompanySize::label),
        statuses: words(
            IntentionStatus::ALL,
            IntentionStatus::as_str,
            IntentionStatus::label,
        ),
        exchanges,
        projects,
        b,
    };
    Ok(render(&view))
}

async fn overview(State(s): State<AppState>, user: MaybeUser) -> Result<Response, PageError> {
    page(&s, &user, None).await
}

async fn company(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let c = s.store.company(&user.viewer(), &id).await?;
    page(&s, &user, Some(c)).await
}

fn back(anchor: &str) -> Response {
    Redirect::to(&format!("/business#{anchor}")).into_response()
}

fn today() -> time::Date {
    corridor_core::now().date()
}

async fn create_company(
    State(s): State<AppState>,
    form: CsrfForm<CompanyInput>,
) -> Result<Response, PageError> {
    let new = NewCompany::try_from(&form.form)?;
    let c = s
        .store
        .create_company(&form.user.actor(), CompanyId::new(), &new)
        .await?;
    Ok(Redirect::to(&format!("/companies/{}", c.id)).into_response())
}

async fn create_matchmaking(
    State(s): State<AppState>,
    form: CsrfForm<MatchmakingInput>,
) -> Result<Response, PageError> {
    let new = NewMatchmaking::parse(&form.form, today())?;
    s.store
        .add_matchmaking(&form.user.actor(), MatchmakingId::new(), &new)
        .await?;
    Ok(back("matchmakings"))
}

async fn create_mou(
    State(s): State<AppState>,
    form: CsrfForm<BusinessMouInput>,
) -> Result<Response, PageError> {
    let new = NewBusinessMou::parse(&form.form, today())?;
    s.store
        .add_business_mou(&form.user.actor(), BusinessMouId::new(), &new)
        .await?;
    Ok(back("mous"))
}

async fn create_intention(
    State(s): State<AppState>,
    form: CsrfForm<IntentionInput>,
) -> Result<Response, PageError> {
    let new = NewIntention::parse(&form.form, today())?;
    s.store
        .add_intention(&form.user.actor(), IntentionId::new(), &new)
        .await?;
    Ok(back("intentions"))
}

async fn move_intention(
    State(s): State<AppState>,
    Path(id): Path<String>,
    form: CsrfForm<StageInput>,
) -> Result<Response, PageError> {
    let stage = Stage::try_from(&form.form)?;
    s.store
        .move_intention(&form.user.actor(), &id, &stage)
        .await?;
    Ok(back("intentions"))
}
