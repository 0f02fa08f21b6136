//! The minutes' JSON routes: the text per agenda item, circulation, redlines, review, agreement, signing,
//! and the signed record.

use super::{Data, data};
use crate::AppState;
use crate::error::AppError;
use crate::extract::{ApiJson, CurrentUser, MaybeUser};
use axum::Json;
use axum::extract::{Path, State};
use corridor_core::ValidationErrors;
use corridor_core::input::limit;
use corridor_core::language::Translations;
use corridor_core::meeting::minutes::SignedRecord;
use corridor_core::meeting::view::MinutesView;
use serde::Deserialize;

type ApiResult<T> = Result<T, AppError>;

async fn view(
    s: &AppState,
    user: &CurrentUser,
    meeting_id: &str,
) -> ApiResult<Json<Data<MinutesView>>> {
    Ok(data(s.store.minutes(&user.viewer(), meeting_id).await?))
}

/// A meeting's minutes: current text, versions with redlines and signatures, who still signs.
#[utoipa::path(get, path = "/api/v1/meetings/{id}/minutes", tag = "minutes", security((), ("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = Data<MinutesView>), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn get_minutes(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> ApiResult<Json<Data<MinutesView>>> {
    Ok(data(s.store.minutes(&user.viewer(), &id).await?))
}

/// Minutes text.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct MinutesText {
    /// The minutes of the item, in English.
    text: String,
    /// The minutes in Chinese.
    #[serde(default)]
    text_zh: Option<String>,
    /// The minutes in Urdu.
    #[serde(default)]
    text_ur: Option<String>,
}

/// Writes the minutes of one agenda item (host side).
#[utoipa::path(put, path = "/api/v1/agenda-items/{id}/minutes", tag = "minutes", params(("id" = String, Path)), request_body = MinutesText,
    responses((status = 200, body = Data<MinutesView>), (status = 403, body = super::openapi::ErrorEnvelope), (status = 409, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn write_minutes(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<MinutesText>,
) -> ApiResult<Json<Data<MinutesView>>> {
    let translations = Translations::parse(
        "text",
        b.text_zh.as_deref(),
        b.text_ur.as_deref(),
        limit::TEXT,
    )
    .map_err(|e| ValidationErrors::one(&e.field, e.message))?;
    s.store
        .write_minutes(&user.actor(), &id, &b.text, &translations)
        .await?;
    let item = s.store.agenda_item(&user.viewer(), &id).await?;
    view(&s, &user, &item.meeting_id).await
}

/// Circulates the current minutes to the counterpart (host side).
#[utoipa::path(post, path = "/api/v1/meetings/{id}/minutes/circulate", tag = "minutes", params(("id" = String, Path)),
    responses((status = 200, body = Data<MinutesView>), (status = 409, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn circulate(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<Data<MinutesView>>> {
    s.store.circulate_minutes(&user.actor(), &id).await?;
    view(&s, &user, &id).await
}

/// A redline.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RedlineInput {
    /// The agenda item whose minutes change.
    agenda_item_id: String,
    /// The language of the text it changes: `en` (default), `zh` or `ur`.
    #[serde(default)]
    language: Option<String>,
    /// The text proposed instead.
    proposed_text: String,
}

/// The counterpart proposes a redline on the circulated version.
#[utoipa::path(post, path = "/api/v1/minutes-versions/{id}/redlines", tag = "minutes", params(("id" = String, Path)), request_body = RedlineInput,
    responses((status = 200, body = Data<MinutesView>), (status = 403, body = super::openapi::ErrorEnvelope), (status = 409, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn propose_redline(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<RedlineInput>,
) -> ApiResult<Json<Data<MinutesView>>> {
    s.store
        .propose_redline(
            &user.actor(),
            &id,
            &b.agenda_item_id,
            b.language.as_deref().unwrap_or_default(),
            &b.proposed_text,
        )
        .await?;
    let item = s
        .store
        .agenda_item(&user.viewer(), &b.agenda_item_id)
        .await?;
    view(&s, &user, &item.meeting_id).await
}

/// The counterpart has finished reviewing the circulated version.
#[utoipa::path(post, path = "/api/v1/minutes-versions/{id}/review", tag = "minutes", params(("id" = String, Path)),
    responses((status = 200, body = Data<MinutesView>), (status = 409, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn finish_review(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<Data<MinutesView>>> {
    let meeting = s.store.finish_review(&user.actor(), &id).await?;
    view(&s, &user, &meeting).await
}

/// A decision on a redline.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Decision {
    /// `true` to take the proposed text.
    accept: bool,
    /// Why it is rejected (required then).
    #[serde(default)]
    reason: Option<String>,
}

/// The host accepts or rejects a redline.
#[utoipa::path(post, path = "/api/v1/redlines/{id}/decision", tag = "minutes", params(("id" = String, Path)), request_body = Decision,
    responses((status = 200, body = Data<MinutesView>), (status = 409, body = super::openapi::ErrorEnvelope), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn decide(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<Decision>,
) -> ApiResult<Json<Data<MinutesView>>> {
    let meeting = s
        .store
        .decide_redline(&user.actor(), &id, b.accept, b.reason.as_deref())
        .await?;
    view(&s, &user, &meeting).await
}

/// The host agrees the minutes after the counterpart's review.
#[utoipa::path(post, path = "/api/v1/meetings/{id}/minutes/agree", tag = "minutes", params(("id" = String, Path)),
    responses((status = 200, body = Data<MinutesView>), (status = 409, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn agree(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<Data<MinutesView>>> {
    s.store.agree_minutes(&user.actor(), &id).await?;
    view(&s, &user, &id).await
}

/// The co-chair's password, re-entered to unlock their signing key.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct SignInput {
    /// The signer's account password.
    password: String,
}

/// A co-chair signs the agreed minutes.
#[utoipa::path(post, path = "/api/v1/meetings/{id}/minutes/sign", tag = "minutes", params(("id" = String, Path)), request_body = SignInput,
    responses((status = 200, body = Data<MinutesView>), (status = 403, body = super::openapi::ErrorEnvelope), (status = 409, body = super::openapi::ErrorEnvelope), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn sign(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<SignInput>,
) -> ApiResult<Json<Data<MinutesView>>> {
    s.store
        .sign_minutes(&user.actor(), &id, &b.password)
        .await?;
    view(&s, &user, &id).await
}

/// The signed Record of Discussions, verifiable offline with `corridor verify-document`.
#[utoipa::path(get, path = "/api/v1/meetings/{id}/record", tag = "minutes", security((), ("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = SignedRecord), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn record(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> ApiResult<Json<SignedRecord>> {
    Ok(Json(s.store.signed_record(&user.viewer(), &id).await?))
}
