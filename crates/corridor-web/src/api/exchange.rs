//! Delegation visits and exchange cohorts over JSON: the exchange with its request, nominees, programme and
//! report; the sending side's nominations, the host's decisions, programme, letters and attendance.

use super::{Data, List, data};
use crate::AppState;
use crate::error::AppError;
use crate::extract::{ApiJson, ApiQuery, CurrentUser, MaybeUser};
use axum::Json;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use corridor_core::exchange::view::ExchangeView;
use corridor_core::exchange::{
    ExchangeInput, ExchangeStatus, NewExchange, NewNomination, NewProgrammeItem,
    NominationDecision, NominationDecisionInput, NominationInput, ProgrammeInput, VisitReport,
    VisitReportInput,
};
use corridor_core::ids::{ExchangeId, NominationId, ProgrammeItemId};
use corridor_core::{FieldError, ValidationErrors};
use corridor_store::exchange::ExchangeFilter;
use serde::Deserialize;

type ApiResult<T> = Result<T, AppError>;
type Created<T> = (StatusCode, Json<Data<T>>);

/// Which exchanges to list.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(default, deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct ExchangeQuery {
    /// Only the cohorts of this exchange programme (a project id).
    programme: Option<String>,
    /// Only the exchanges started by this register item.
    request: Option<String>,
}

impl ExchangeQuery {
    pub(crate) fn filter(&self) -> ExchangeFilter {
        let clean = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        ExchangeFilter {
            programme_project_id: clean(&self.programme),
            request_item_id: clean(&self.request),
        }
    }
}

/// Lists the exchanges the caller may see, newest first.
#[utoipa::path(get, path = "/api/v1/exchanges", tag = "exchanges", security((), ("bearer" = [])), params(ExchangeQuery),
    responses((status = 200, body = List<ExchangeView>)))]
pub(crate) async fn list_exchanges(
    State(s): State<AppState>,
    user: MaybeUser,
    ApiQuery(q): ApiQuery<ExchangeQuery>,
) -> ApiResult<Json<List<ExchangeView>>> {
    let items = s.store.exchanges(&user.viewer(), &q.filter()).await?;
    Ok(super::list(corridor_store::Paged { items, next: None }))
}

/// Records a delegation visit or a cohort; the caller's side must be its sending or host side.
#[utoipa::path(post, path = "/api/v1/exchanges", tag = "exchanges", request_body = ExchangeInput,
    responses((status = 201, body = Data<ExchangeView>), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn create_exchange(
    State(s): State<AppState>,
    user: CurrentUser,
    ApiJson(i): ApiJson<ExchangeInput>,
) -> ApiResult<Created<ExchangeView>> {
    let new = NewExchange::try_from(&i)?;
    let made = s
        .store
        .create_exchange(&user.actor(), ExchangeId::new(), &new)
        .await?;
    Ok((StatusCode::CREATED, data(made)))
}

/// One exchange, with its request traced back to its meeting.
#[utoipa::path(get, path = "/api/v1/exchanges/{id}", tag = "exchanges", security((), ("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = Data<ExchangeView>), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn get_exchange(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> ApiResult<Json<Data<ExchangeView>>> {
    Ok(data(s.store.exchange(&user.viewer(), &id).await?))
}

/// The changes made to an exchange.
#[utoipa::path(get, path = "/api/v1/exchanges/{id}/history", tag = "exchanges", security((), ("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = List<corridor_core::view::HistoryEntry>), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn exchange_history(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> ApiResult<Json<List<corridor_core::view::HistoryEntry>>> {
    super::directory::history::<corridor_store::entity::exchange::Entity>(&s, &user, &id).await
}

/// A change of status.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub(crate) struct StatusInput {
    /// `open`, `closed` or `cancelled`.
    pub(crate) status: Option<String>,
    /// Why, required when cancelling.
    pub(crate) reason: Option<String>,
}

impl StatusInput {
    pub(crate) fn parse(&self) -> Result<ExchangeStatus, ValidationErrors> {
        corridor_core::input::required_parsed("status", self.status.as_deref(), "a status")
            .map_err(|e| ValidationErrors(vec![e]))
    }
}

/// Closes or reopens nominations, or cancels the exchange with a reason; either side may.
#[utoipa::path(post, path = "/api/v1/exchanges/{id}/status", tag = "exchanges", params(("id" = String, Path)), request_body = StatusInput,
    responses((status = 200, body = Data<ExchangeView>), (status = 403, body = super::openapi::ErrorEnvelope), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn set_status(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(i): ApiJson<StatusInput>,
) -> ApiResult<Json<Data<ExchangeView>>> {
    let to = i.parse()?;
    Ok(data(
        s.store
            .set_exchange_status(&user.actor(), &id, to, i.reason.as_deref())
            .await?,
    ))
}

/// Records the post-visit report with its outcomes, completing the exchange.
#[utoipa::path(post, path = "/api/v1/exchanges/{id}/report", tag = "exchanges", params(("id" = String, Path)), request_body = VisitReportInput,
    responses((status = 200, body = Data<ExchangeView>), (status = 403, body = super::openapi::ErrorEnvelope), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn report(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(i): ApiJson<VisitReportInput>,
) -> ApiResult<Json<Data<ExchangeView>>> {
    let r = VisitReport::try_from(&i)?;
    Ok(data(s.store.report_exchange(&user.actor(), &id, &r).await?))
}

/// Nominates a person: the sending side, while nominations are open.
#[utoipa::path(post, path = "/api/v1/exchanges/{id}/nominations", tag = "exchanges", params(("id" = String, Path)), request_body = NominationInput,
    responses((status = 201, body = Data<ExchangeView>), (status = 403, body = super::openapi::ErrorEnvelope), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn nominate(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(i): ApiJson<NominationInput>,
) -> ApiResult<Created<ExchangeView>> {
    let new = NewNomination::try_from(&i)?;
    let made = s
        .store
        .nominate(&user.actor(), &id, NominationId::new(), &new)
        .await?;
    Ok((StatusCode::CREATED, data(made)))
}

/// Adds a stop to the host programme: the host side, on a day of the exchange.
#[utoipa::path(post, path = "/api/v1/exchanges/{id}/programme", tag = "exchanges", params(("id" = String, Path)), request_body = ProgrammeInput,
    responses((status = 201, body = Data<ExchangeView>), (status = 403, body = super::openapi::ErrorEnvelope), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn add_programme(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(i): ApiJson<ProgrammeInput>,
) -> ApiResult<Created<ExchangeView>> {
    let new = NewProgrammeItem::try_from(&i)?;
    let made = s
        .store
        .add_programme_item(&user.actor(), &id, ProgrammeItemId::new(), &new)
        .await?;
    Ok((StatusCode::CREATED, data(made)))
}

/// Approves or declines a nominee: the host side, once.
#[utoipa::path(post, path = "/api/v1/nominations/{id}/decision", tag = "exchanges", params(("id" = String, Path)), request_body = NominationDecisionInput,
    responses((status = 200, body = Data<ExchangeView>), (status = 403, body = super::openapi::ErrorEnvelope), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn decide(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(i): ApiJson<NominationDecisionInput>,
) -> ApiResult<Json<Data<ExchangeView>>> {
    let d = NominationDecision::try_from(&i)?;
    Ok(data(
        s.store.decide_nomination(&user.actor(), &id, &d).await?,
    ))
}

/// Whether a nominee took part.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct AttendanceInput {
    /// `true` when present.
    attended: bool,
}

/// Records whether an approved nominee took part: the host side, once the exchange has begun.
#[utoipa::path(post, path = "/api/v1/nominations/{id}/attendance", tag = "exchanges", params(("id" = String, Path)), request_body = AttendanceInput,
    responses((status = 200, body = Data<ExchangeView>), (status = 403, body = super::openapi::ErrorEnvelope), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn attendance(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(i): ApiJson<AttendanceInput>,
) -> ApiResult<Json<Data<ExchangeView>>> {
    Ok(data(
        s.store
            .record_attendance(&user.actor(), &id, i.attended)
            .await?,
    ))
}

/// Issues the invitation letter of an approved nominee (the host side): the PDF is laid out now and kept.
#[utoipa::path(post, path = "/api/v1/nominations/{id}/letter", tag = "exchanges", params(("id" = String, Path)),
    responses((status = 201, body = Data<ExchangeView>), (status = 403, body = super::openapi::ErrorEnvelope), (status = 422, body = super::openapi::ErrorEnvelope), (status = 503, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn issue_letter(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Created<ExchangeView>> {
    let made = crate::letter::issue(&s, &user, &id).await?;
    Ok((StatusCode::CREATED, data(made)))
}

/// The invitation letter as it was issued.
#[utoipa::path(get, path = "/api/v1/nominations/{id}/letter", tag = "exchanges", security((), ("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn download_letter(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let (filename, content) = s.store.nomination_letter(&user.viewer(), &id).await?;
    Ok(super::attachment::file_response(
        "application/pdf",
        &filename,
        content,
    ))
}

/// A form's `attended` value: `yes` or `no`.
pub(crate) fn yes_no(raw: &str) -> Result<bool, ValidationErrors> {
    match raw.trim() {
        "yes" | "true" => Ok(true),
        "no" | "false" => Ok(false),
        other => Err(ValidationErrors(vec![FieldError::new(
            "attended",
            format!("“{other}” is not yes or no"),
        )])),
    }
}

/// The exchanges' routes.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/exchanges", get(list_exchanges).post(create_exchange))
        .route("/exchanges/{id}", get(get_exchange))
        .route("/exchanges/{id}/history", get(exchange_history))
        .route("/exchanges/{id}/status", post(set_status))
        .route("/exchanges/{id}/report", post(report))
        .route("/exchanges/{id}/nominations", post(nominate))
        .route("/exchanges/{id}/programme", post(add_programme))
        .route("/nominations/{id}/decision", post(decide))
        .route("/nominations/{id}/attendance", post(attendance))
        .route(
            "/nominations/{id}/letter",
            get(download_letter).post(issue_letter),
        )
}
