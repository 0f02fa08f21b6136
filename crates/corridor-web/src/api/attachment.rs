//! Attachments over the API: upload a file to a step or a version (with a bearer token only, so no other site
//! can make a browser upload with its cookie), list an instrument's files, download one.

use super::{Data, List, data, list};
use crate::AppState;
use crate::error::AppError;
use crate::extract::{ApiQuery, CurrentUser, MaybeUser};
use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use corridor_core::ValidationErrors;
use corridor_core::attachment::{MAX_BYTES, check};
use corridor_core::ids::AttachmentId;
use corridor_core::instrument::view::AttachmentView;
use serde::Deserialize;

type ApiResult<T> = Result<T, AppError>;

/// Where an upload goes.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct UploadQuery {
    /// `instrument_step` or `instrument_version`.
    entity: String,
    /// The record's id.
    id: String,
    /// The name to offer on download.
    filename: String,
}

/// Attaches the request body to a step or a version of the caller's side. The type is read from the content.
#[utoipa::path(post, path = "/api/v1/attachments", tag = "instruments", params(UploadQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 201, body = Data<AttachmentView>), (status = 403, body = super::openapi::ErrorEnvelope), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn upload(
    State(s): State<AppState>,
    user: CurrentUser,
    headers: HeaderMap,
    ApiQuery(q): ApiQuery<UploadQuery>,
    body: Bytes,
) -> ApiResult<(StatusCode, Json<Data<AttachmentView>>)> {
    if !headers.contains_key(header::AUTHORIZATION) {
        return Err(AppError::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            "uploads through the API need a bearer token; in a browser, use the form on the instrument's page",
        ));
    }
    let upload = check(&body, &q.filename, MAX_BYTES)
        .map_err(|e| ValidationErrors::one(&e.field, e.message))?;
    let made = s
        .store
        .attach(
            &user.actor(),
            AttachmentId::new(),
            &q.entity,
            &q.id,
            &upload,
            body.to_vec(),
        )
        .await?;
    Ok((StatusCode::CREATED, data(made)))
}

/// The files attached to an instrument's steps and versions that the caller may see.
#[utoipa::path(get, path = "/api/v1/instruments/{id}/attachments", tag = "instruments", security((), ("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = List<AttachmentView>), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn list_attachments(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> ApiResult<Json<List<AttachmentView>>> {
    let items = s.store.instrument_attachments(&user.viewer(), &id).await?;
    Ok(list(corridor_store::Paged { items, next: None }))
}

/// Downloads an attached file, when the caller may see the record it is attached to.
#[utoipa::path(get, path = "/api/v1/attachments/{id}", tag = "instruments", security((), ("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, content_type = "*/*", body = Vec<u8>, description = "The file, with the media type it was uploaded with"), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn download(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let (view, content) = s.store.download(&user.viewer(), &id).await?;
    Ok(file_response(&view.media_type, &view.filename, content))
}

/// A file as a download: its detected type, never sniffed, offered under its name.
pub(crate) fn file_response(media_type: &str, filename: &str, content: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, media_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
        ],
        content,
    )
        .into_response()
}

/// The attachment routes; uploads may be larger than other requests.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/attachments",
            post(upload).layer(DefaultBodyLimit::max(MAX_BYTES + 64 * 1024)),
        )
        .route("/attachments/{id}", get(download))
        .route("/instruments/{id}/attachments", get(list_attachments))
}
