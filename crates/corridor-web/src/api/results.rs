//! Measurable impact over JSON: the scored framework, its nodes and indicators, and a period's targets,
//! each side's actuals, joint validation and lock.

use super::{Data, List, data};
use crate::AppState;
use crate::error::AppError;
use crate::extract::{ApiJson, CurrentUser, MaybeUser};
use axum::Json;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use corridor_core::ids::{ActualId, IndicatorId, ResultId};
use corridor_core::results::values::{ActualInput, TargetInput};
use corridor_core::results::view::{Framework, IndicatorView, ResultView};
use corridor_core::results::{IndicatorInput, NewIndicator, NewResult, ResultInput};
use corridor_core::view::HistoryEntry;
use serde::Deserialize;

type ApiResult<T> = Result<T, AppError>;
type Created<T> = (StatusCode, Json<Data<T>>);

/// The whole framework the caller may see, scored, with the formula.
#[utoipa::path(get, path = "/api/v1/impact", tag = "impact", security((), ("bearer" = [])),
    responses((status = 200, body = Data<Framework>)))]
pub(crate) async fn framework(
    State(s): State<AppState>,
    user: MaybeUser,
) -> ApiResult<Json<Data<Framework>>> {
    Ok(data(s.store.framework(&user.viewer()).await?))
}

/// Adds a node (goal, line, outcome or output) under the node of the level above.
#[utoipa::path(post, path = "/api/v1/results", tag = "impact", request_body = ResultInput,
    responses((status = 201, body = Data<ResultView>), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn create_result(
    State(s): State<AppState>,
    user: CurrentUser,
    ApiJson(i): ApiJson<ResultInput>,
) -> ApiResult<Created<ResultView>> {
    let new = NewResult::try_from(&i)?;
    let made = s
        .store
        .create_result(&user.actor(), ResultId::new(), &new)
        .await?;
    Ok((StatusCode::CREATED, data(made)))
}

/// One node with everything under it, scored.
#[utoipa::path(get, path = "/api/v1/results/{id}", tag = "impact", security((), ("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = Data<ResultView>), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn get_result(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> ApiResult<Json<Data<ResultView>>> {
    Ok(data(s.store.result(&user.viewer(), &id).await?))
}

/// Adds an indicator to a node, with its periods generated from its range.
#[utoipa::path(post, path = "/api/v1/indicators", tag = "impact", request_body = IndicatorInput,
    responses((status = 201, body = Data<IndicatorView>), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn create_indicator(
    State(s): State<AppState>,
    user: CurrentUser,
    ApiJson(i): ApiJson<IndicatorInput>,
) -> ApiResult<Created<IndicatorView>> {
    let new = NewIndicator::try_from(&i)?;
    let made = s
        .store
        .create_indicator(&user.actor(), IndicatorId::new(), &new)
        .await?;
    Ok((StatusCode::CREATED, data(made)))
}

/// One indicator with its periods, every actual the caller may see, and its score.
#[utoipa::path(get, path = "/api/v1/indicators/{id}", tag = "impact", security((), ("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = Data<IndicatorView>), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn get_indicator(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> ApiResult<Json<Data<IndicatorView>>> {
    Ok(data(s.store.indicator(&user.viewer(), &id).await?))
}

/// The changes made to an indicator.
#[utoipa::path(get, path = "/api/v1/indicators/{id}/history", tag = "impact", security((), ("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = List<HistoryEntry>), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn indicator_history(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> ApiResult<Json<List<HistoryEntry>>> {
    super::directory::history::<corridor_store::entity::indicator::Entity>(&s, &user, &id).await
}

/// The changes made to a period: targets, reports, validations, locks and unlocks with their reasons.
#[utoipa::path(get, path = "/api/v1/periods/{id}/history", tag = "impact", security((), ("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = List<HistoryEntry>), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn period_history(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> ApiResult<Json<List<HistoryEntry>>> {
    super::directory::history::<corridor_store::entity::indicator_period::Entity>(&s, &user, &id)
        .await
}

/// Sets a period's target (replacing the one with the same breakdown): the indicator's owner side.
#[utoipa::path(post, path = "/api/v1/periods/{id}/targets", tag = "impact", params(("id" = String, Path)), request_body = TargetInput,
    responses((status = 200, body = Data<IndicatorView>), (status = 403, body = super::openapi::ErrorEnvelope), (status = 409, body = super::openapi::ErrorEnvelope), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn set_target(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(i): ApiJson<TargetInput>,
) -> ApiResult<Json<Data<IndicatorView>>> {
    Ok(data(s.store.set_target(&user.actor(), &id, &i).await?))
}

/// Reports the caller's side's actual for a period.
#[utoipa::path(post, path = "/api/v1/periods/{id}/actuals", tag = "impact", params(("id" = String, Path)), request_body = ActualInput,
    responses((status = 201, body = Data<IndicatorView>), (status = 403, body = super::openapi::ErrorEnvelope), (status = 409, body = super::openapi::ErrorEnvelope), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn report_actual(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(i): ApiJson<ActualInput>,
) -> ApiResult<Created<IndicatorView>> {
    let made = s
        .store
        .report_actual(&user.actor(), &id, ActualId::new(), &i)
        .await?;
    Ok((StatusCode::CREATED, data(made)))
}

/// An actual for the period that contains a day.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub(crate) struct DatedActualInput {
    /// A year (`2021`) or a day in the period (`2021-03-31`).
    period: String,
    /// The value, in the indicator's unit.
    value: Option<String>,
    /// A breakdown, `name=value; name=value` (none for the headline figure).
    dimensions: Option<String>,
    /// Where the figure comes from.
    source: Option<String>,
    /// A comment.
    comment: Option<String>,
}

/// Reports the caller's side's actual for the indicator's period that contains `period`.
#[utoipa::path(post, path = "/api/v1/indicators/{id}/actuals", tag = "impact", params(("id" = String, Path)), request_body = DatedActualInput,
    responses((status = 201, body = Data<IndicatorView>), (status = 403, body = super::openapi::ErrorEnvelope), (status = 409, body = super::openapi::ErrorEnvelope), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn report_dated(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(i): ApiJson<DatedActualInput>,
) -> ApiResult<Created<IndicatorView>> {
    let period = s.store.period_on(&user.viewer(), &id, &i.period).await?;
    let made = s
        .store
        .report_actual(
            &user.actor(),
            &period,
            ActualId::new(),
            &ActualInput {
                value: i.value,
                dimensions: i.dimensions,
                source: i.source,
                comment: i.comment,
            },
        )
        .await?;
    Ok((StatusCode::CREATED, data(made)))
}

/// A side's confirmation of the agreed figure.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ValidationInput {
    /// The figure, in the indicator's unit.
    value: String,
}

/// Confirms the agreed figure for the caller's side; the other side confirming the same figure agrees it.
#[utoipa::path(post, path = "/api/v1/periods/{id}/validations", tag = "impact", params(("id" = String, Path)), request_body = ValidationInput,
    responses((status = 200, body = Data<IndicatorView>), (status = 403, body = super::openapi::ErrorEnvelope), (status = 409, body = super::openapi::ErrorEnvelope), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn validate(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(i): ApiJson<ValidationInput>,
) -> ApiResult<Json<Data<IndicatorView>>> {
    Ok(data(
        s.store
            .validate_period(&user.actor(), &id, &i.value)
            .await?,
    ))
}

/// Withdraws the caller's side's confirmation while the other side has not confirmed.
#[utoipa::path(post, path = "/api/v1/periods/{id}/withdrawal", tag = "impact", params(("id" = String, Path)),
    responses((status = 200, body = Data<IndicatorView>), (status = 409, body = super::openapi::ErrorEnvelope), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn withdraw(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<Data<IndicatorView>>> {
    Ok(data(s.store.withdraw_validation(&user.actor(), &id).await?))
}

/// Locks or unlocks a period.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct LockInput {
    /// `true` to lock a validated period, `false` to unlock it.
    locked: bool,
    /// Why; required to unlock, kept in the period's history.
    #[serde(default)]
    reason: Option<String>,
}

/// Locks a validated period, or unlocks it with a reason.
#[utoipa::path(post, path = "/api/v1/periods/{id}/lock", tag = "impact", params(("id" = String, Path)), request_body = LockInput,
    responses((status = 200, body = Data<IndicatorView>), (status = 409, body = super::openapi::ErrorEnvelope), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn lock(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(i): ApiJson<LockInput>,
) -> ApiResult<Json<Data<IndicatorView>>> {
    Ok(data(
        s.store
            .lock_period(&user.actor(), &id, i.locked, i.reason.as_deref())
            .await?,
    ))
}

/// The impact routes.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/impact", get(framework))
        .route("/results", post(create_result))
        .route("/results/{id}", get(get_result))
        .route("/indicators", post(create_indicator))
        .route("/indicators/{id}", get(get_indicator))
        .route("/indicators/{id}/history", get(indicator_history))
        .route("/indicators/{id}/actuals", post(report_dated))
        .route("/periods/{id}/history", get(period_history))
        .route("/periods/{id}/targets", post(set_target))
        .route("/periods/{id}/actuals", post(report_actual))
        .route("/periods/{id}/validations", post(validate))
        .route("/periods/{id}/withdrawal", post(withdraw))
        .route("/periods/{id}/lock", post(lock))
}
