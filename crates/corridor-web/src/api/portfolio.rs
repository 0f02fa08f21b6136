//! The portfolio's JSON routes: projects with everything recorded about them, milestones and their weights,
//! progress updates, finance with its totals, risks, and a meeting's progress review pack.

use super::directory::history;
use super::{Data, List, data, list};
use crate::AppState;
use crate::error::AppError;
use crate::extract::{ApiJson, ApiQuery, CurrentUser, MaybeUser};
use axum::Json;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use corridor_core::ValidationErrors;
use corridor_core::ids::{FinanceId, MilestoneId, ProjectId, RiskId, UpdateId};
use corridor_core::portfolio::finance::{FinanceInput, NewFinance, Total};
use corridor_core::portfolio::milestone::{MilestoneInput, NewMilestone, WeightsInput};
use corridor_core::portfolio::update::{NewUpdate, UpdateInput};
use corridor_core::portfolio::view::{
    FinanceView, MilestoneView, ProgressReview, ProjectDetail, ProjectView, RiskView, UpdateView,
};
use corridor_core::portfolio::{NewProject, NewRisk, ProjectInput, RiskInput};
use corridor_core::view::HistoryEntry;
use corridor_store::entity::project;
use corridor_store::portfolio::ProjectFilter;
use serde::{Deserialize, Serialize};

type ApiResult<T> = Result<T, AppError>;
type Created<T> = (StatusCode, Json<Data<T>>);

/// Filters of the project list.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(default, deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct ProjectQuery {
    /// `special_economic_zone`, `revival_project`, `industrial_park`, `development_zone`, `exchange_programme`.
    pub(crate) kind: Option<String>,
    /// `identification`, `preparation`, `implementation`, `completion`, `completed`, `cancelled`.
    pub(crate) status: Option<String>,
    /// Province or region, as written on the projects.
    pub(crate) province: Option<String>,
    /// The `next` value of the previous page.
    pub(crate) after: Option<String>,
    /// Rows per page, 1 to 500.
    pub(crate) limit: Option<String>,
}

impl ProjectQuery {
    pub(crate) fn filter(&self) -> Result<ProjectFilter, AppError> {
        let one = |e| AppError::from(ValidationErrors(vec![e]));
        Ok(ProjectFilter {
            kind: corridor_core::input::optional_parsed(
                "kind",
                self.kind.as_deref(),
                "a project kind",
            )
            .map_err(one)?,
            status: corridor_core::input::optional_parsed(
                "status",
                self.status.as_deref(),
                "a project status",
            )
            .map_err(one)?,
            province: self.province.clone().filter(|p| !p.trim().is_empty()),
            parent_id: None,
        })
    }

    pub(crate) fn page(&self) -> Result<corridor_store::Page, AppError> {
        super::Paging {
            after: self.after.clone(),
            limit: self.limit.clone(),
        }
        .page()
    }
}

/// Lists projects, by name, each with its progress and next milestone.
#[utoipa::path(get, path = "/api/v1/projects", tag = "portfolio", security((), ("bearer" = [])), params(ProjectQuery),
    responses((status = 200, body = List<ProjectView>), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn list_projects(
    State(s): State<AppState>,
    user: MaybeUser,
    ApiQuery(q): ApiQuery<ProjectQuery>,
) -> ApiResult<Json<List<ProjectView>>> {
    let page = s
        .store
        .projects(&user.viewer(), &q.filter()?, &q.page()?)
        .await?;
    Ok(list(page))
}

/// Records a project; the caller's side owns it.
#[utoipa::path(post, path = "/api/v1/projects", tag = "portfolio", request_body = ProjectInput,
    responses((status = 201, body = Data<ProjectView>), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn create_project(
    State(s): State<AppState>,
    user: CurrentUser,
    ApiJson(i): ApiJson<ProjectInput>,
) -> ApiResult<Created<ProjectView>> {
    let new = NewProject::try_from(&i)?;
    let made = s
        .store
        .create_project(&user.actor(), ProjectId::new(), &new)
        .await?;
    Ok((StatusCode::CREATED, data(made)))
}

/// Everything about a project the caller may see: milestones with the progress formula and weights, parts
/// with their roll-up, updates, figures by metric with every source, finance and its totals, risks.
#[utoipa::path(get, path = "/api/v1/projects/{id}", tag = "portfolio", security((), ("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = Data<ProjectDetail>), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn get_project(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> ApiResult<Json<Data<ProjectDetail>>> {
    Ok(data(s.store.project_detail(&user.viewer(), &id).await?))
}

/// Changes a project's particulars (its owner side); send `version` to refuse overwriting a newer change.
#[utoipa::path(put, path = "/api/v1/projects/{id}", tag = "portfolio", params(("id" = String, Path)), request_body = ProjectInput,
    responses((status = 200, body = Data<ProjectView>), (status = 403, body = super::openapi::ErrorEnvelope), (status = 409, body = super::openapi::ErrorEnvelope), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn update_project(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(i): ApiJson<ProjectInput>,
) -> ApiResult<Json<Data<ProjectView>>> {
    let new = NewProject::try_from(&i)?;
    Ok(data(
        s.store.update_project(&user.actor(), &id, &new).await?,
    ))
}

/// The changes made to a project.
#[utoipa::path(get, path = "/api/v1/projects/{id}/history", tag = "portfolio", security((), ("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = List<HistoryEntry>), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn project_history(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> ApiResult<Json<List<HistoryEntry>>> {
    history::<project::Entity>(&s, &user, &id).await
}

/// Adds a milestone to a project of the caller's side.
#[utoipa::path(post, path = "/api/v1/projects/{id}/milestones", tag = "portfolio", params(("id" = String, Path)), request_body = MilestoneInput,
    responses((status = 201, body = Data<MilestoneView>), (status = 403, body = super::openapi::ErrorEnvelope), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn create_milestone(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(i): ApiJson<MilestoneInput>,
) -> ApiResult<Created<MilestoneView>> {
    let new = NewMilestone::try_from(&i)?;
    let made = s
        .store
        .add_milestone(&user.actor(), &id, MilestoneId::new(), &new)
        .await?;
    Ok((StatusCode::CREATED, data(made)))
}

/// Changes a milestone: its dates and whether it was met.
#[utoipa::path(put, path = "/api/v1/milestones/{id}", tag = "portfolio", params(("id" = String, Path)), request_body = MilestoneInput,
    responses((status = 200, body = Data<MilestoneView>), (status = 403, body = super::openapi::ErrorEnvelope), (status = 409, body = super::openapi::ErrorEnvelope), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn update_milestone(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(i): ApiJson<MilestoneInput>,
) -> ApiResult<Json<Data<MilestoneView>>> {
    let new = NewMilestone::try_from(&i)?;
    Ok(data(
        s.store.update_milestone(&user.actor(), &id, &new).await?,
    ))
}

/// Sets the weights of all of a project's milestones at once; they must total 100.
#[utoipa::path(put, path = "/api/v1/projects/{id}/milestone-weights", tag = "portfolio", params(("id" = String, Path)), request_body = WeightsInput,
    responses((status = 200, body = List<MilestoneView>), (status = 403, body = super::openapi::ErrorEnvelope), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn set_weights(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(i): ApiJson<WeightsInput>,
) -> ApiResult<Json<List<MilestoneView>>> {
    let items = s
        .store
        .set_milestone_weights(&user.actor(), &id, &i)
        .await?;
    Ok(list(corridor_store::Paged { items, next: None }))
}

/// Records a progress update; either side may report on a project it can see.
#[utoipa::path(post, path = "/api/v1/projects/{id}/updates", tag = "portfolio", params(("id" = String, Path)), request_body = UpdateInput,
    responses((status = 201, body = Data<UpdateView>), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn create_update(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(i): ApiJson<UpdateInput>,
) -> ApiResult<Created<UpdateView>> {
    s.store.project(&user.viewer(), &id).await?;
    let new = NewUpdate::try_from(&i)?;
    let made = s
        .store
        .add_update(&user.actor(), &id, UpdateId::new(), &new)
        .await?;
    Ok((StatusCode::CREATED, data(made)))
}

/// Every amount the caller may see with the totals: per kind and currency, umbrella instruments' apart.
#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct FinanceList {
    /// The amounts, by date.
    data: Vec<FinanceView>,
    /// Their totals.
    totals: Vec<Total>,
}

/// Lists every amount the caller may see, with the totals.
#[utoipa::path(get, path = "/api/v1/finance", tag = "portfolio", security((), ("bearer" = [])),
    responses((status = 200, body = FinanceList)))]
pub(crate) async fn list_finance(
    State(s): State<AppState>,
    user: MaybeUser,
) -> ApiResult<Json<FinanceList>> {
    let data = s.store.all_finance(&user.viewer()).await?;
    let totals = corridor_store::portfolio::finance_totals(&data);
    Ok(Json(FinanceList { data, totals }))
}

/// Records an amount pledged, committed or disbursed for a project or an instrument.
#[utoipa::path(post, path = "/api/v1/finance", tag = "portfolio", request_body = FinanceInput,
    responses((status = 201, body = Data<FinanceView>), (status = 403, body = super::openapi::ErrorEnvelope), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn create_finance(
    State(s): State<AppState>,
    user: CurrentUser,
    ApiJson(i): ApiJson<FinanceInput>,
) -> ApiResult<Created<FinanceView>> {
    let new = NewFinance::try_from(&i)?;
    let made = s
        .store
        .add_finance(&user.actor(), FinanceId::new(), &new)
        .await?;
    Ok((StatusCode::CREATED, data(made)))
}

/// Records a risk or issue of a project of the caller's side.
#[utoipa::path(post, path = "/api/v1/projects/{id}/risks", tag = "portfolio", params(("id" = String, Path)), request_body = RiskInput,
    responses((status = 201, body = Data<RiskView>), (status = 403, body = super::openapi::ErrorEnvelope), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn create_risk(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(i): ApiJson<RiskInput>,
) -> ApiResult<Created<RiskView>> {
    let new = NewRisk::try_from(&i)?;
    let made = s
        .store
        .add_risk(&user.actor(), &id, RiskId::new(), &new)
        .await?;
    Ok((StatusCode::CREATED, data(made)))
}

/// Changes a risk: its severity, owner, mitigation and status.
#[utoipa::path(put, path = "/api/v1/risks/{id}", tag = "portfolio", params(("id" = String, Path)), request_body = RiskInput,
    responses((status = 200, body = Data<RiskView>), (status = 403, body = super::openapi::ErrorEnvelope), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn update_risk(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(i): ApiJson<RiskInput>,
) -> ApiResult<Json<Data<RiskView>>> {
    let new = NewRisk::try_from(&i)?;
    Ok(data(s.store.update_risk(&user.actor(), &id, &new).await?))
}

/// The progress review pack for a meeting: each project's changes since the previous meeting of its body.
#[utoipa::path(get, path = "/api/v1/meetings/{id}/progress-review", tag = "portfolio", security((), ("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = Data<ProgressReview>), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn progress_review(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> ApiResult<Json<Data<ProgressReview>>> {
    Ok(data(s.store.progress_review(&user.viewer(), &id).await?))
}

/// The portfolio's routes.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/projects", get(list_projects).post(create_project))
        .route("/projects/{id}", get(get_project).put(update_project))
        .route("/projects/{id}/history", get(project_history))
        .route("/projects/{id}/milestones", post(create_milestone))
        .route("/projects/{id}/milestone-weights", put(set_weights))
        .route("/projects/{id}/updates", post(create_update))
        .route("/projects/{id}/risks", post(create_risk))
        .route("/milestones/{id}", put(update_milestone))
        .route("/risks/{id}", put(update_risk))
        .route("/finance", get(list_finance).post(create_finance))
        .route("/meetings/{id}/progress-review", get(progress_review))
}
