//! Joint diagnostic studies over JSON: the study with its team, phases, report versions and recommendations;
//! moving it on (accepting the report at a meeting writes the action plan to the register); assessing a
//! recommendation.

use super::{Data, List, data, list};
use crate::AppState;
use crate::error::AppError;
use crate::extract::{ApiJson, ApiQuery, CurrentUser, MaybeUser};
use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use axum::routing::{get, post};
use corridor_core::ValidationErrors;
use corridor_core::attachment::{MAX_BYTES, check};
use corridor_core::ids::{ExpertId, RecommendationId, ReportId, StudyId};
use corridor_core::study::view::StudyView;
use corridor_core::study::{
    Completion, ExpertInput, NewExpert, NewPhase, NewRecommendation, NewStudy, PhaseInput,
    RecommendationInput, StudyInput,
};
use serde::Deserialize;

type ApiResult<T> = Result<T, AppError>;
type Created<T> = (StatusCode, Json<Data<T>>);

/// Lists the studies the caller may see, by title.
#[utoipa::path(get, path = "/api/v1/studies", tag = "studies", security((), ("bearer" = [])),
    responses((status = 200, body = List<StudyView>)))]
pub(crate) async fn list_studies(
    State(s): State<AppState>,
    user: MaybeUser,
) -> ApiResult<Json<List<StudyView>>> {
    let items = s.store.studies(&user.viewer()).await?;
    Ok(list(corridor_store::Paged { items, next: None }))
}

/// Records a study; the caller's side owns it.
#[utoipa::path(post, path = "/api/v1/studies", tag = "studies", request_body = StudyInput,
    responses((status = 201, body = Data<StudyView>), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn create_study(
    State(s): State<AppState>,
    user: CurrentUser,
    ApiJson(i): ApiJson<StudyInput>,
) -> ApiResult<Created<StudyView>> {
    let new = NewStudy::try_from(&i)?;
    let made = s
        .store
        .create_study(&user.actor(), StudyId::new(), &new)
        .await?;
    Ok((StatusCode::CREATED, data(made)))
}

/// One study with its team, phases, report versions and recommendations.
#[utoipa::path(get, path = "/api/v1/studies/{id}", tag = "studies", security((), ("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = Data<StudyView>), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn get_study(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> ApiResult<Json<Data<StudyView>>> {
    Ok(data(s.store.study(&user.viewer(), &id).await?))
}

/// The changes made to a study: its phases, as they were reached.
#[utoipa::path(get, path = "/api/v1/studies/{id}/history", tag = "studies", security((), ("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = List<corridor_core::view::HistoryEntry>), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn study_history(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> ApiResult<Json<List<corridor_core::view::HistoryEntry>>> {
    super::directory::history::<corridor_store::entity::study::Entity>(&s, &user, &id).await
}

/// Adds a member to the expert team.
#[utoipa::path(post, path = "/api/v1/studies/{id}/experts", tag = "studies", params(("id" = String, Path)), request_body = ExpertInput,
    responses((status = 201, body = Data<StudyView>), (status = 403, body = super::openapi::ErrorEnvelope), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn add_expert(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(i): ApiJson<ExpertInput>,
) -> ApiResult<Created<StudyView>> {
    let new = NewExpert::try_from(&i)?;
    let made = s
        .store
        .add_expert(&user.actor(), &id, ExpertId::new(), &new)
        .await?;
    Ok((StatusCode::CREATED, data(made)))
}

/// Adds a finding and its recommendation, while the report is not yet accepted.
#[utoipa::path(post, path = "/api/v1/studies/{id}/recommendations", tag = "studies", params(("id" = String, Path)), request_body = RecommendationInput,
    responses((status = 201, body = Data<StudyView>), (status = 409, body = super::openapi::ErrorEnvelope), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn add_recommendation(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(i): ApiJson<RecommendationInput>,
) -> ApiResult<Created<StudyView>> {
    let new = NewRecommendation::try_from(&i)?;
    let made = s
        .store
        .add_recommendation(&user.actor(), &id, RecommendationId::new(), &new)
        .await?;
    Ok((StatusCode::CREATED, data(made)))
}

/// Moves the study to its next phase; `accepted` writes every recommendation to the meeting's register.
#[utoipa::path(post, path = "/api/v1/studies/{id}/phases", tag = "studies", params(("id" = String, Path)), request_body = PhaseInput,
    responses((status = 200, body = Data<StudyView>), (status = 403, body = super::openapi::ErrorEnvelope), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn move_study(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(i): ApiJson<PhaseInput>,
) -> ApiResult<Json<Data<StudyView>>> {
    let new = NewPhase::try_from(&i)?;
    Ok(data(s.store.move_study(&user.actor(), &id, &new).await?))
}

/// How far a recommendation was carried out.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct AssessmentInput {
    /// `no_evidence`, `not_started`, `limited`, `substantial` or `complete`.
    completion: String,
}

/// Records how far a recommendation was carried out, when it is reviewed.
#[utoipa::path(post, path = "/api/v1/recommendations/{id}/assessment", tag = "studies", params(("id" = String, Path)), request_body = AssessmentInput,
    responses((status = 200, body = Data<StudyView>), (status = 403, body = super::openapi::ErrorEnvelope), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn assess(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(i): ApiJson<AssessmentInput>,
) -> ApiResult<Json<Data<StudyView>>> {
    let completion: Completion =
        corridor_core::input::required_parsed("completion", Some(&i.completion), "a completion")
            .map_err(|e| ValidationErrors(vec![e]))?;
    Ok(data(
        s.store
            .assess_recommendation(&user.actor(), &id, completion)
            .await?,
    ))
}

/// A report version being uploaded.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct ReportQuery {
    /// The version's name, e.g. `Draft for the workshop`.
    label: String,
    /// Its date, `YYYY-MM-DD`.
    dated_on: String,
    /// The name to offer on download.
    filename: String,
}

/// Stores a version of the report (the request body; its type is read from the content), with a bearer token.
#[utoipa::path(post, path = "/api/v1/studies/{id}/reports", tag = "studies", params(("id" = String, Path), ReportQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 201, body = Data<StudyView>), (status = 403, body = super::openapi::ErrorEnvelope), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn upload_report(
    State(s): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    Path(id): Path<String>,
    ApiQuery(q): ApiQuery<ReportQuery>,
    body: Bytes,
) -> ApiResult<Created<StudyView>> {
    if !headers.contains_key(header::AUTHORIZATION) {
        return Err(AppError::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            "uploads through the API need a bearer token",
        ));
    }
    let on = corridor_core::input::optional_date("dated_on", Some(&q.dated_on))
        .and_then(|d| d.ok_or_else(|| corridor_core::FieldError::new("dated_on", "is required")))
        .map_err(|e| ValidationErrors(vec![e]))?;
    let upload = check(&body, &q.filename, MAX_BYTES)
        .map_err(|e| ValidationErrors::one(&e.field, e.message))?;
    let made = s
        .store
        .add_report(
            &user.actor(),
            &id,
            ReportId::new(),
            (&q.label, on),
            &upload,
            body.to_vec(),
        )
        .await?;
    Ok((StatusCode::CREATED, data(made)))
}

/// Downloads a version of a study's report, when the caller may see the study.
#[utoipa::path(get, path = "/api/v1/study-reports/{id}", tag = "studies", security((), ("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, content_type = "*/*", body = Vec<u8>, description = "The file, with the media type it was uploaded with"), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn download_report(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let (view, content) = s.store.study_report(&user.viewer(), &id).await?;
    Ok(super::attachment::file_response(
        &view.media_type,
        &view.filename,
        content,
    ))
}

/// The studies' routes.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/studies", get(list_studies).post(create_study))
        .route("/studies/{id}", get(get_study))
        .route("/studies/{id}/history", get(study_history))
        .route("/studies/{id}/experts", post(add_expert))
        .route("/studies/{id}/recommendations", post(add_recommendation))
        .route("/studies/{id}/phases", post(move_study))
        .route(
            "/studies/{id}/reports",
            post(upload_report).layer(DefaultBodyLimit::max(MAX_BYTES + 64 * 1024)),
        )
        .route("/study-reports/{id}", get(download_report))
        .route("/recommendations/{id}/assessment", post(assess))
}
