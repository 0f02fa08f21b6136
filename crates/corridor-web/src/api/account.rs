//! Accounts, the caller's own tokens, and the event stream.

use super::directory::history;
use super::{Data, List, Paging, data, list};
use crate::AppState;
use crate::error::AppError;
use crate::extract::{ApiJson, ApiQuery, CurrentUser, MaybeUser};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use corridor_core::directory::{NewUser, UserInput, UserUpdate, UserUpdateInput};
use corridor_core::ids::UserId;
use corridor_core::view::{EventView, HistoryEntry, TokenView, UserView};
use corridor_store::entity::user;
use serde::{Deserialize, Serialize};

type ApiResult<T> = Result<T, AppError>;

/// Lists the accounts of the caller's party.
#[utoipa::path(get, path = "/api/v1/users", tag = "accounts", responses((status = 200, body = List<UserView>), (status = 401, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn list_users(
    State(s): State<AppState>,
    user: CurrentUser,
) -> ApiResult<Json<List<UserView>>> {
    let items = s.store.users(&user.viewer()).await?;
    Ok(list(corridor_store::Paged { items, next: None }))
}

/// Opens an account (administrators of the person's party).
#[utoipa::path(post, path = "/api/v1/users", tag = "accounts", request_body = UserInput,
    responses((status = 201, body = Data<UserView>), (status = 403, body = super::openapi::ErrorEnvelope), (status = 409, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn create_user(
    State(s): State<AppState>,
    user: CurrentUser,
    ApiJson(input): ApiJson<UserInput>,
) -> ApiResult<(StatusCode, Json<Data<UserView>>)> {
    let new = NewUser::try_from(&input)?;
    Ok((
        StatusCode::CREATED,
        data(
            s.store
                .create_user(&user.actor(), UserId::new(), &new)
                .await?,
        ),
    ))
}

/// One account.
#[utoipa::path(get, path = "/api/v1/users/{id}", tag = "accounts", params(("id" = String, Path)),
    responses((status = 200, body = Data<UserView>), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn get_user(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<Data<UserView>>> {
    Ok(data(s.store.user(&user.viewer(), &id).await?))
}

/// Changes an account's role, organisation or status (administrators).
#[utoipa::path(put, path = "/api/v1/users/{id}", tag = "accounts", params(("id" = String, Path)), request_body = UserUpdateInput,
    responses((status = 200, body = Data<UserView>), (status = 403, body = super::openapi::ErrorEnvelope), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn update_user(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<UserUpdateInput>,
) -> ApiResult<Json<Data<UserView>>> {
    let change = UserUpdate::try_from(&input)?;
    Ok(data(
        s.store.update_user(&user.actor(), &id, &change).await?,
    ))
}

/// An account's history.
#[utoipa::path(get, path = "/api/v1/users/{id}/history", tag = "accounts", params(("id" = String, Path)),
    responses((status = 200, body = List<HistoryEntry>), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn user_history(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<List<HistoryEntry>>> {
    history::<user::Entity>(&s, &MaybeUser(Some(user.0)), &id).await
}

/// The caller's own account.
#[utoipa::path(get, path = "/api/v1/me", tag = "accounts", responses((status = 200, body = Data<UserView>), (status = 401, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn get_me(
    State(s): State<AppState>,
    user: CurrentUser,
) -> ApiResult<Json<Data<UserView>>> {
    Ok(data(
        s.store
            .user(&user.viewer(), &user.user.user_id.to_string())
            .await?,
    ))
}

/// The caller's choice of clock.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct TimeZoneInput {
    /// An IANA time zone name such as `Asia/Shanghai`; null or empty clears it.
    #[serde(default)]
    time_zone: Option<String>,
}

/// Sets the time zone the caller reads meeting times in.
#[utoipa::path(put, path = "/api/v1/me/time-zone", tag = "accounts", request_body = TimeZoneInput,
    responses((status = 200, body = Data<UserView>), (status = 401, body = super::openapi::ErrorEnvelope), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn set_time_zone(
    State(s): State<AppState>,
    user: CurrentUser,
    ApiJson(input): ApiJson<TimeZoneInput>,
) -> ApiResult<Json<Data<UserView>>> {
    Ok(data(
        s.store
            .set_time_zone(&user.actor(), input.time_zone.as_deref())
            .await?,
    ))
}

/// The caller's API tokens.
#[utoipa::path(get, path = "/api/v1/tokens", tag = "accounts", responses((status = 200, body = List<TokenView>)))]
pub(crate) async fn list_tokens(
    State(s): State<AppState>,
    user: CurrentUser,
) -> ApiResult<Json<List<TokenView>>> {
    let items = s
        .store
        .tokens(&user.viewer(), &user.user.user_id.to_string())
        .await?;
    Ok(list(corridor_store::Paged { items, next: None }))
}

/// A new token's name.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct TokenInput {
    /// What the token is for, e.g. `monthly report script`.
    name: String,
}

/// A new token with its secret, shown only this once.
#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct NewToken {
    /// The token.
    token: TokenView,
    /// Send as `Authorization: Bearer SECRET`.
    secret: String,
}

/// Issues an API token for the caller.
#[utoipa::path(post, path = "/api/v1/tokens", tag = "accounts", request_body = TokenInput,
    responses((status = 201, body = Data<NewToken>), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn create_token(
    State(s): State<AppState>,
    user: CurrentUser,
    ApiJson(input): ApiJson<TokenInput>,
) -> ApiResult<(StatusCode, Json<Data<NewToken>>)> {
    let (token, secret) = s
        .store
        .create_token(&user.actor(), &user.user.user_id.to_string(), &input.name)
        .await?;
    Ok((StatusCode::CREATED, data(NewToken { token, secret })))
}

/// Revokes one of the caller's tokens.
#[utoipa::path(post, path = "/api/v1/tokens/{id}/revoke", tag = "accounts", params(("id" = String, Path)),
    responses((status = 200, body = Data<TokenView>), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn revoke_token(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<Data<TokenView>>> {
    Ok(data(s.store.revoke_token(&user.actor(), &id).await?))
}

/// The events the caller may see, oldest first; follow `next` to keep up.
#[utoipa::path(get, path = "/api/v1/events", tag = "audit", security((), ("bearer" = [])), params(Paging), responses((status = 200, body = List<EventView>)))]
pub(crate) async fn list_events(
    State(s): State<AppState>,
    user: MaybeUser,
    ApiQuery(p): ApiQuery<Paging>,
) -> ApiResult<Json<List<EventView>>> {
    Ok(list(s.store.events(&user.viewer(), &p.page()?).await?))
}
