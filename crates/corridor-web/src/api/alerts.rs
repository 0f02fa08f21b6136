//! Alerts over JSON: what the caller follows, their inbox grouped by record, marking read, and how they take
//! alerts by e-mail. Every route is the caller's own: there is no way to read another account's alerts.

use super::{Data, data};
use crate::AppState;
use crate::error::AppError;
use crate::extract::{ApiJson, ApiQuery, CurrentUser};
use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use corridor_core::alert::view::{AlertSettings, FollowView, InboxGroup, WebhookView};
use corridor_core::{FieldError, input};
use corridor_store::StoreError;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

type ApiResult<T> = Result<T, AppError>;

/// A follow to add or remove.
#[derive(Deserialize, ToSchema, IntoParams)]
#[serde(deny_unknown_fields)]
pub(crate) struct FollowInput {
    /// `kind:id` (meeting, register_item, body, instrument, project, study, exchange, indicator),
    /// `area:name` or `organisation_register:id`.
    target: String,
}

/// Which notifications to mark read: those listed, those of one record, or all when both are absent.
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct ReadInput {
    /// Notification ids.
    #[serde(default)]
    ids: Vec<String>,
    /// A record (`project:…`), as the inbox groups them.
    group: Option<String>,
}

/// How many notifications changed.
#[derive(Serialize, ToSchema)]
pub(crate) struct Marked {
    /// The count.
    marked: u64,
}

/// The inbox with its unread count.
#[derive(Serialize, ToSchema)]
pub(crate) struct Inbox {
    /// Unread notifications in all.
    unread: u64,
    /// The latest notifications, grouped by record, the newest group first.
    groups: Vec<InboxGroup>,
}

/// Inbox filters.
#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub(crate) struct InboxQuery {
    /// Only unread notifications.
    unread: Option<String>,
    /// How many notifications at most (1–500, default 100).
    limit: Option<String>,
}

/// How the caller takes alerts by e-mail.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct EmailModeInput {
    /// `instant`, `daily`, `weekly` or `off`.
    email_mode: String,
}

/// The caller's inbox.
#[utoipa::path(get, path = "/api/v1/inbox", tag = "alerts", params(InboxQuery),
    responses((status = 200, body = Data<Inbox>), (status = 401, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn inbox(
    State(s): State<AppState>,
    user: CurrentUser,
    ApiQuery(q): ApiQuery<InboxQuery>,
) -> ApiResult<Json<Data<Inbox>>> {
    let invalid = |e: FieldError| AppError::from(StoreError::from(e));
    let unread = input::flag("unread", q.unread.as_deref()).map_err(invalid)?;
    let limit = input::optional_parsed::<u64>("limit", q.limit.as_deref(), "a number")
        .map_err(invalid)?
        .unwrap_or(100);
    if !(1..=500).contains(&limit) {
        return Err(invalid(FieldError::new("limit", "must be from 1 to 500")));
    }
    let groups = s.store.inbox(&user.user, unread, limit).await?;
    Ok(data(Inbox {
        unread: s.store.unread_count(&user.user).await?,
        groups,
    }))
}

/// Marks notifications read.
#[utoipa::path(post, path = "/api/v1/inbox/read", tag = "alerts", request_body = ReadInput,
    responses((status = 200, body = Data<Marked>), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn mark_read(
    State(s): State<AppState>,
    user: CurrentUser,
    ApiJson(i): ApiJson<ReadInput>,
) -> ApiResult<Json<Data<Marked>>> {
    let marked = s
        .store
        .mark_read(&user.user, &i.ids, i.group.as_deref())
        .await?;
    Ok(data(Marked { marked }))
}

/// What the caller follows.
#[utoipa::path(get, path = "/api/v1/follows", tag = "alerts",
    responses((status = 200, body = Data<Vec<FollowView>>), (status = 401, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn follows(
    State(s): State<AppState>,
    user: CurrentUser,
) -> ApiResult<Json<Data<Vec<FollowView>>>> {
    Ok(data(s.store.follows(&user.user).await?))
}

/// Follows a record, an area or an organisation's register; a record the caller may not see is refused.
#[utoipa::path(post, path = "/api/v1/follows", tag = "alerts", request_body = FollowInput,
    responses((status = 201, body = Data<FollowView>), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn follow(
    State(s): State<AppState>,
    user: CurrentUser,
    ApiJson(i): ApiJson<FollowInput>,
) -> ApiResult<(StatusCode, Json<Data<FollowView>>)> {
    let made = s.store.follow(&user.user, &i.target).await?;
    Ok((StatusCode::CREATED, data(made)))
}

/// Stops following.
#[utoipa::path(delete, path = "/api/v1/follows", tag = "alerts", params(FollowInput),
    responses((status = 204), (status = 404, body = super::openapi::ErrorEnvelope), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn unfollow(
    State(s): State<AppState>,
    user: CurrentUser,
    ApiQuery(i): ApiQuery<FollowInput>,
) -> ApiResult<StatusCode> {
    s.store.unfollow(&user.user, &i.target).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The caller's alert settings.
#[utoipa::path(get, path = "/api/v1/alerts/settings", tag = "alerts",
    responses((status = 200, body = Data<AlertSettings>), (status = 401, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn settings(
    State(s): State<AppState>,
    user: CurrentUser,
) -> ApiResult<Json<Data<AlertSettings>>> {
    Ok(data(s.store.alert_settings(&user.user).await?))
}

/// Sets how the caller takes alerts by e-mail.
#[utoipa::path(put, path = "/api/v1/alerts/settings", tag = "alerts", request_body = EmailModeInput,
    responses((status = 200, body = Data<AlertSettings>), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn set_settings(
    State(s): State<AppState>,
    user: CurrentUser,
    ApiJson(i): ApiJson<EmailModeInput>,
) -> ApiResult<Json<Data<AlertSettings>>> {
    Ok(data(
        s.store.set_email_mode(&user.user, &i.email_mode).await?,
    ))
}

/// A webhook to set up.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct WebhookInput {
    /// The http or https address that receives the alerts; not this server's own.
    url: String,
}

/// A webhook just set up, with the secret its calls are signed with, shown only now.
#[derive(Serialize, ToSchema)]
pub(crate) struct NewWebhook {
    /// The webhook.
    webhook: WebhookView,
    /// The HMAC-SHA256 key of `X-Corridor-Signature`.
    secret: String,
}

/// The webhooks of the caller's organisation (administrators and the secretariat).
#[utoipa::path(get, path = "/api/v1/webhooks", tag = "alerts",
    responses((status = 200, body = Data<Vec<WebhookView>>), (status = 403, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn webhooks(
    State(s): State<AppState>,
    user: CurrentUser,
) -> ApiResult<Json<Data<Vec<WebhookView>>>> {
    Ok(data(s.store.webhooks(&user.user).await?))
}

/// Sets up a webhook for the caller's organisation.
#[utoipa::path(post, path = "/api/v1/webhooks", tag = "alerts", request_body = WebhookInput,
    responses((status = 201, body = Data<NewWebhook>), (status = 403, body = super::openapi::ErrorEnvelope), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn create_webhook(
    State(s): State<AppState>,
    user: CurrentUser,
    ApiJson(i): ApiJson<WebhookInput>,
) -> ApiResult<(StatusCode, Json<Data<NewWebhook>>)> {
    let own = crate::pages::own_addresses(&s);
    let (webhook, secret) = s.store.create_webhook(&user.user, &i.url, &own).await?;
    Ok((StatusCode::CREATED, data(NewWebhook { webhook, secret })))
}

/// Removes one of the caller's organisation's webhooks.
#[utoipa::path(delete, path = "/api/v1/webhooks/{id}", tag = "alerts", params(("id" = String, Path)),
    responses((status = 204), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn delete_webhook(
    State(s): State<AppState>,
    user: CurrentUser,
    axum::extract::Path(id): axum::extract::Path<String>,
) -> ApiResult<StatusCode> {
    s.store.delete_webhook(&user.user, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/webhooks", get(webhooks).post(create_webhook))
        .route("/webhooks/{id}", axum::routing::delete(delete_webhook))
        .route("/inbox", get(inbox))
        .route("/inbox/read", post(mark_read))
        .route("/follows", get(follows).post(follow).delete(unfollow))
        .route("/alerts/settings", get(settings).put(set_settings))
}
