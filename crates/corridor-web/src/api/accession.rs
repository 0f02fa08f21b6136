//! Accession of third parties over JSON: requests to join an instrument and the existing parties' decisions.

use super::{Data, List, data, list};
use crate::AppState;
use crate::error::AppError;
use crate::extract::{ApiJson, CurrentUser, MaybeUser};
use axum::Json;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use corridor_core::ids::{AccessionDecisionId, AccessionId};
use corridor_core::instrument::accession::{
    AccessionInput, DecisionInput, NewAccession, NewDecision,
};
use corridor_core::instrument::view::AccessionView;

type ApiResult<T> = Result<T, AppError>;
type Created<T> = (StatusCode, Json<Data<T>>);

/// The requests to join an instrument that the caller may see, newest first.
#[utoipa::path(get, path = "/api/v1/instruments/{id}/accessions", tag = "instruments", security((), ("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = List<AccessionView>), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn list_accessions(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> ApiResult<Json<List<AccessionView>>> {
    let items = s.store.accessions(&user.viewer(), &id).await?;
    Ok(list(corridor_store::Paged { items, next: None }))
}

/// Asks to join an instrument open to third parties: made by the third party, or recorded by a party to the
/// instrument that received the request.
#[utoipa::path(post, path = "/api/v1/instruments/{id}/accessions", tag = "instruments", params(("id" = String, Path)), request_body = AccessionInput,
    responses((status = 201, body = Data<AccessionView>), (status = 403, body = super::openapi::ErrorEnvelope), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn request_accession(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(i): ApiJson<AccessionInput>,
) -> ApiResult<Created<AccessionView>> {
    // An instrument the caller may not see answers as one that does not exist.
    let instrument = s.store.instrument(&user.viewer(), &id).await?;
    let id = instrument.id.parse().map_err(|_| AppError::not_found())?;
    let new = NewAccession::parse(id, &i)?;
    let made = s
        .store
        .request_accession(&user.actor(), AccessionId::new(), &new)
        .await?;
    Ok((StatusCode::CREATED, data(made)))
}

/// One request to join, with the decisions so far and who has not decided.
#[utoipa::path(get, path = "/api/v1/accessions/{id}", tag = "instruments", security((), ("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = Data<AccessionView>), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn get_accession(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> ApiResult<Json<Data<AccessionView>>> {
    Ok(data(s.store.accession(&user.viewer(), &id).await?))
}

/// Records the caller's party's consent or objection; the last consent makes the third party a party.
#[utoipa::path(post, path = "/api/v1/accessions/{id}/decisions", tag = "instruments", params(("id" = String, Path)), request_body = DecisionInput,
    responses((status = 201, body = Data<AccessionView>), (status = 404, body = super::openapi::ErrorEnvelope), (status = 409, body = super::openapi::ErrorEnvelope), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn decide_accession(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(i): ApiJson<DecisionInput>,
) -> ApiResult<Created<AccessionView>> {
    let new = NewDecision::try_from(&i)?;
    let made = s
        .store
        .decide_accession(&user.actor(), &id, AccessionDecisionId::new(), &new)
        .await?;
    Ok((StatusCode::CREATED, data(made)))
}

/// The accession routes.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/instruments/{id}/accessions",
            get(list_accessions).post(request_accession),
        )
        .route("/accessions/{id}", get(get_accession))
        .route("/accessions/{id}/decisions", post(decide_accession))
}
