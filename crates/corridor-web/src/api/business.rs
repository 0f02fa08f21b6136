//! Business-to-business cooperation over JSON: companies, matchmaking meetings, business memoranda and
//! investment intentions, with the pipeline of intentions by stage.

use super::{Data, List, data};
use crate::AppState;
use crate::error::AppError;
use crate::extract::{ApiJson, CurrentUser, MaybeUser};
use axum::Json;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use corridor_core::business::view::{
    BusinessMouView, BusinessOverview, CompanyView, IntentionView, MatchmakingView,
};
use corridor_core::business::{
    BusinessMouInput, CompanyInput, IntentionInput, MatchmakingInput, NewBusinessMou, NewCompany,
    NewIntention, NewMatchmaking, Stage, StageInput,
};
use corridor_core::ids::{BusinessMouId, CompanyId, IntentionId, MatchmakingId};

type ApiResult<T> = Result<T, AppError>;
type Created<T> = (StatusCode, Json<Data<T>>);

fn today() -> time::Date {
    corridor_core::now().date()
}

/// Everything business-to-business the caller may see, with the pipeline of intentions.
#[utoipa::path(get, path = "/api/v1/business", tag = "business", security((), ("bearer" = [])),
    responses((status = 200, body = Data<BusinessOverview>)))]
pub(crate) async fn overview(
    State(s): State<AppState>,
    user: MaybeUser,
) -> ApiResult<Json<Data<BusinessOverview>>> {
    Ok(data(s.store.business_overview(&user.viewer(), None).await?))
}

/// The companies the caller may see, by name.
#[utoipa::path(get, path = "/api/v1/companies", tag = "business", security((), ("bearer" = [])),
    responses((status = 200, body = List<CompanyView>)))]
pub(crate) async fn list_companies(
    State(s): State<AppState>,
    user: MaybeUser,
) -> ApiResult<Json<List<CompanyView>>> {
    let items = s
        .store
        .business_overview(&user.viewer(), None)
        .await?
        .companies;
    Ok(super::list(corridor_store::Paged { items, next: None }))
}

/// Records a company.
#[utoipa::path(post, path = "/api/v1/companies", tag = "business", request_body = CompanyInput,
    responses((status = 201, body = Data<CompanyView>), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn create_company(
    State(s): State<AppState>,
    user: CurrentUser,
    ApiJson(i): ApiJson<CompanyInput>,
) -> ApiResult<Created<CompanyView>> {
    let new = NewCompany::try_from(&i)?;
    let made = s
        .store
        .create_company(&user.actor(), CompanyId::new(), &new)
        .await?;
    Ok((StatusCode::CREATED, data(made)))
}

/// One company with its matchmakings, memoranda and intentions.
#[utoipa::path(get, path = "/api/v1/companies/{id}", tag = "business", security((), ("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = Data<BusinessOverview>), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn get_company(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> ApiResult<Json<Data<BusinessOverview>>> {
    let viewer = user.viewer();
    let c = s.store.company(&viewer, &id).await?;
    Ok(data(s.store.business_overview(&viewer, Some(&c.id)).await?))
}

/// Records a matchmaking meeting between companies of both sides.
#[utoipa::path(post, path = "/api/v1/matchmakings", tag = "business", request_body = MatchmakingInput,
    responses((status = 201, body = Data<MatchmakingView>), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn create_matchmaking(
    State(s): State<AppState>,
    user: CurrentUser,
    ApiJson(i): ApiJson<MatchmakingInput>,
) -> ApiResult<Created<MatchmakingView>> {
    let new = NewMatchmaking::parse(&i, today())?;
    let made = s
        .store
        .add_matchmaking(&user.actor(), MatchmakingId::new(), &new)
        .await?;
    Ok((StatusCode::CREATED, data(made)))
}

/// One matchmaking meeting.
#[utoipa::path(get, path = "/api/v1/matchmakings/{id}", tag = "business", security((), ("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = Data<MatchmakingView>), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn get_matchmaking(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> ApiResult<Json<Data<MatchmakingView>>> {
    Ok(data(s.store.matchmaking(&user.viewer(), &id).await?))
}

/// Records a memorandum signed by companies of both sides.
#[utoipa::path(post, path = "/api/v1/business-mous", tag = "business", request_body = BusinessMouInput,
    responses((status = 201, body = Data<BusinessMouView>), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn create_mou(
    State(s): State<AppState>,
    user: CurrentUser,
    ApiJson(i): ApiJson<BusinessMouInput>,
) -> ApiResult<Created<BusinessMouView>> {
    let new = NewBusinessMou::parse(&i, today())?;
    let made = s
        .store
        .add_business_mou(&user.actor(), BusinessMouId::new(), &new)
        .await?;
    Ok((StatusCode::CREATED, data(made)))
}

/// One business memorandum.
#[utoipa::path(get, path = "/api/v1/business-mous/{id}", tag = "business", security((), ("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = Data<BusinessMouView>), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn get_mou(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> ApiResult<Json<Data<BusinessMouView>>> {
    Ok(data(s.store.business_mou(&user.viewer(), &id).await?))
}

/// Records a company's investment intention.
#[utoipa::path(post, path = "/api/v1/investment-intentions", tag = "business", request_body = IntentionInput,
    responses((status = 201, body = Data<IntentionView>), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn create_intention(
    State(s): State<AppState>,
    user: CurrentUser,
    ApiJson(i): ApiJson<IntentionInput>,
) -> ApiResult<Created<IntentionView>> {
    let new = NewIntention::parse(&i, today())?;
    let made = s
        .store
        .add_intention(&user.actor(), IntentionId::new(), &new)
        .await?;
    Ok((StatusCode::CREATED, data(made)))
}

/// One investment intention with its stages.
#[utoipa::path(get, path = "/api/v1/investment-intentions/{id}", tag = "business", security((), ("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = Data<IntentionView>), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn get_intention(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> ApiResult<Json<Data<IntentionView>>> {
    Ok(data(s.store.intention(&user.viewer(), &id).await?))
}

/// Moves an intention forward (or withdraws it); the side that recorded it does.
#[utoipa::path(post, path = "/api/v1/investment-intentions/{id}/stages", tag = "business", params(("id" = String, Path)), request_body = StageInput,
    responses((status = 200, body = Data<IntentionView>), (status = 403, body = super::openapi::ErrorEnvelope), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn move_intention(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(i): ApiJson<StageInput>,
) -> ApiResult<Json<Data<IntentionView>>> {
    let stage = Stage::try_from(&i)?;
    Ok(data(
        s.store.move_intention(&user.actor(), &id, &stage).await?,
    ))
}

/// The business routes.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/business", get(overview))
        .route("/companies", get(list_companies).post(create_company))
        .route("/companies/{id}", get(get_company))
        .route("/matchmakings", post(create_matchmaking))
        .route("/matchmakings/{id}", get(get_matchmaking))
        .route("/business-mous", post(create_mou))
        .route("/business-mous/{id}", get(get_mou))
        .route("/investment-intentions", post(create_intention))
        .route("/investment-intentions/{id}", get(get_intention))
        .route("/investment-intentions/{id}/stages", post(move_intention))
}
