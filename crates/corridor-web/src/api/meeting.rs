//! The meetings area's JSON routes: bodies, meetings and their state, agendas, the register with reviews,
//! and briefing notes.

use super::directory::history;
use super::{Data, List, data, list};
use crate::AppState;
use crate::error::AppError;
use crate::extract::{ApiJson, ApiQuery, CurrentUser, MaybeUser};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use corridor_core::ids::{AgendaItemId, BodyId, BriefingNoteId, MeetingId};
use corridor_core::input;
use corridor_core::meeting::view::{
    AgendaItemView, BodyView, BriefingNoteView, MeetingView, RegisterItemView,
};
use corridor_core::meeting::*;
use corridor_core::view::HistoryEntry;
use corridor_store::entity::{body, meeting};
use serde::Deserialize;

type ApiResult<T> = Result<T, AppError>;
type Created<T> = (StatusCode, Json<Data<T>>);

fn all<T: serde::Serialize>(items: Vec<T>) -> Json<List<T>> {
    list(corridor_store::Paged { items, next: None })
}

/// Lists the bodies.
#[utoipa::path(get, path = "/api/v1/bodies", tag = "meetings", security((), ("bearer" = [])), responses((status = 200, body = List<BodyView>)))]
pub(crate) async fn list_bodies(
    State(s): State<AppState>,
    user: MaybeUser,
) -> ApiResult<Json<List<BodyView>>> {
    Ok(all(s.store.bodies(&user.viewer()).await?))
}

/// Adds a body.
#[utoipa::path(post, path = "/api/v1/bodies", tag = "meetings", request_body = BodyInput,
    responses((status = 201, body = Data<BodyView>), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn create_body(
    State(s): State<AppState>,
    user: CurrentUser,
    ApiJson(i): ApiJson<BodyInput>,
) -> ApiResult<Created<BodyView>> {
    let new = NewBody::try_from(&i)?;
    Ok((
        StatusCode::CREATED,
        data(
            s.store
                .create_body(&user.actor(), BodyId::new(), &new)
                .await?,
        ),
    ))
}

/// One body.
#[utoipa::path(get, path = "/api/v1/bodies/{id}", tag = "meetings", security((), ("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = Data<BodyView>), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn get_body(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> ApiResult<Json<Data<BodyView>>> {
    Ok(data(s.store.body(&user.viewer(), &id).await?))
}

/// Replaces a body's details.
#[utoipa::path(put, path = "/api/v1/bodies/{id}", tag = "meetings", params(("id" = String, Path)), request_body = BodyInput,
    responses((status = 200, body = Data<BodyView>), (status = 409, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn update_body(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(i): ApiJson<BodyInput>,
) -> ApiResult<Json<Data<BodyView>>> {
    let new = NewBody::try_from(&i)?;
    Ok(data(s.store.update_body(&user.actor(), &id, &new).await?))
}

/// A body's history.
#[utoipa::path(get, path = "/api/v1/bodies/{id}/history", tag = "meetings", security((), ("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = List<HistoryEntry>), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn body_history(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> ApiResult<Json<List<HistoryEntry>>> {
    history::<body::Entity>(&s, &user, &id).await
}

/// Filters of the meeting list.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(default, deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct MeetingQuery {
    /// Only this body's meetings.
    body_id: Option<String>,
    /// The `next` value of the previous page.
    after: Option<String>,
    /// Rows per page, 1 to 500.
    limit: Option<String>,
}

/// Lists meetings, newest first.
#[utoipa::path(get, path = "/api/v1/meetings", tag = "meetings", security((), ("bearer" = [])), params(MeetingQuery), responses((status = 200, body = List<MeetingView>)))]
pub(crate) async fn list_meetings(
    State(s): State<AppState>,
    user: MaybeUser,
    ApiQuery(q): ApiQuery<MeetingQuery>,
) -> ApiResult<Json<List<MeetingView>>> {
    let page = super::Paging {
        after: q.after,
        limit: q.limit,
    }
    .page()?;
    Ok(list(
        s.store
            .meetings(&user.viewer(), q.body_id.as_deref(), &page)
            .await?,
    ))
}

/// Creates a meeting in draft; its agenda starts from the body's standing template.
#[utoipa::path(post, path = "/api/v1/meetings", tag = "meetings", request_body = MeetingInput,
    responses((status = 201, body = Data<MeetingView>), (status = 409, body = super::openapi::ErrorEnvelope), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn create_meeting(
    State(s): State<AppState>,
    user: CurrentUser,
    ApiJson(i): ApiJson<MeetingInput>,
) -> ApiResult<Created<MeetingView>> {
    let new = NewMeeting::try_from(&i)?;
    Ok((
        StatusCode::CREATED,
        data(
            s.store
                .create_meeting(&user.actor(), MeetingId::new(), &new)
                .await?,
        ),
    ))
}

/// One meeting.
#[utoipa::path(get, path = "/api/v1/meetings/{id}", tag = "meetings", security((), ("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = Data<MeetingView>), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn get_meeting(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> ApiResult<Json<Data<MeetingView>>> {
    Ok(data(s.store.meeting(&user.viewer(), &id).await?))
}

/// Replaces a meeting's particulars.
#[utoipa::path(put, path = "/api/v1/meetings/{id}", tag = "meetings", params(("id" = String, Path)), request_body = MeetingInput,
    responses((status = 200, body = Data<MeetingView>), (status = 409, body = super::openapi::ErrorEnvelope), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn update_meeting(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(i): ApiJson<MeetingInput>,
) -> ApiResult<Json<Data<MeetingView>>> {
    let new = NewMeeting::try_from(&i)?;
    Ok(data(
        s.store.update_meeting(&user.actor(), &id, &new).await?,
    ))
}

/// A meeting's history.
#[utoipa::path(get, path = "/api/v1/meetings/{id}/history", tag = "meetings", security((), ("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = List<HistoryEntry>), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn meeting_history(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> ApiResult<Json<List<HistoryEntry>>> {
    history::<meeting::Entity>(&s, &user, &id).await
}

/// A move of a meeting's state.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct StateChange {
    /// `convene`, `open`, `conclude`, `postpone` or `cancel`.
    action: String,
}

/// Moves a meeting through its lifecycle.
#[utoipa::path(post, path = "/api/v1/meetings/{id}/state", tag = "meetings", params(("id" = String, Path)), request_body = StateChange,
    responses((status = 200, body = Data<MeetingView>), (status = 409, body = super::openapi::ErrorEnvelope), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn change_state(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(c): ApiJson<StateChange>,
) -> ApiResult<Json<Data<MeetingView>>> {
    let action = input::required_parsed("action", Some(&c.action), "an action")
        .map_err(|e| AppError::from(corridor_core::ValidationErrors(vec![e])))?;
    Ok(data(
        s.store
            .change_meeting_state(&user.actor(), &id, action)
            .await?,
    ))
}

/// A meeting's agenda, in order.
#[utoipa::path(get, path = "/api/v1/meetings/{id}/agenda", tag = "meetings", security((), ("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = List<AgendaItemView>), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn get_agenda(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> ApiResult<Json<List<AgendaItemView>>> {
    Ok(all(s.store.agenda(&user.viewer(), &id).await?))
}

/// The open outcomes of the body's earlier meetings, in the order they were recorded, a page at a time.
#[utoipa::path(get, path = "/api/v1/meetings/{id}/matters-arising", tag = "meetings", security((), ("bearer" = [])), params(("id" = String, Path), super::Paging),
    responses((status = 200, body = List<RegisterItemView>), (status = 404, body = super::openapi::ErrorEnvelope), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn matters_arising(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
    ApiQuery(p): ApiQuery<super::Paging>,
) -> ApiResult<Json<List<RegisterItemView>>> {
    Ok(list(
        s.store
            .matters_arising(&user.viewer(), &id, &p.page()?)
            .await?,
    ))
}

/// Adds an agenda item.
#[utoipa::path(post, path = "/api/v1/agenda-items", tag = "meetings", request_body = AgendaItemInput,
    responses((status = 201, body = Data<AgendaItemView>), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn create_agenda_item(
    State(s): State<AppState>,
    user: CurrentUser,
    ApiJson(i): ApiJson<AgendaItemInput>,
) -> ApiResult<Created<AgendaItemView>> {
    let new = NewAgendaItem::try_from(&i)?;
    Ok((
        StatusCode::CREATED,
        data(
            s.store
                .add_agenda_item(&user.actor(), AgendaItemId::new(), &new)
                .await?,
        ),
    ))
}

/// Replaces an agenda item.
#[utoipa::path(put, path = "/api/v1/agenda-items/{id}", tag = "meetings", params(("id" = String, Path)), request_body = AgendaItemInput,
    responses((status = 200, body = Data<AgendaItemView>), (status = 409, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn update_agenda_item(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(i): ApiJson<AgendaItemInput>,
) -> ApiResult<Json<Data<AgendaItemView>>> {
    let new = NewAgendaItem::try_from(&i)?;
    Ok(data(
        s.store.update_agenda_item(&user.actor(), &id, &new).await?,
    ))
}

/// The caller's side's briefing notes on an agenda item.
#[utoipa::path(get, path = "/api/v1/agenda-items/{id}/briefing-notes", tag = "meetings", params(("id" = String, Path)),
    responses((status = 200, body = List<BriefingNoteView>)))]
pub(crate) async fn list_briefing_notes(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<List<BriefingNoteView>>> {
    s.store.agenda_item(&user.viewer(), &id).await?;
    Ok(all(s.store.briefing_notes(&user.viewer(), &id).await?))
}

/// Adds a briefing note for the caller's side.
#[utoipa::path(post, path = "/api/v1/briefing-notes", tag = "meetings", request_body = BriefingNoteInput,
    responses((status = 201, body = Data<BriefingNoteView>), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn create_briefing_note(
    State(s): State<AppState>,
    user: CurrentUser,
    ApiJson(i): ApiJson<BriefingNoteInput>,
) -> ApiResult<Created<BriefingNoteView>> {
    let new = NewBriefingNote::try_from(&i)?;
    Ok((
        StatusCode::CREATED,
        data(
            s.store
                .add_briefing_note(&user.actor(), BriefingNoteId::new(), &new)
                .await?,
        ),
    ))
}

/// A meeting's delegations, one per side, with the organisations attending.
#[utoipa::path(get, path = "/api/v1/meetings/{id}/delegations", tag = "meetings", security((), ("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = List<corridor_core::meeting::view::DelegationView>), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn list_delegations(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> ApiResult<Json<List<corridor_core::meeting::view::DelegationView>>> {
    Ok(all(s.store.delegations(&user.viewer(), &id).await?))
}

/// Adds a delegate to the caller's side's delegation.
#[utoipa::path(post, path = "/api/v1/delegates", tag = "meetings", request_body = DelegateInput,
    responses((status = 201, body = Data<corridor_core::meeting::view::DelegateView>), (status = 409, body = super::openapi::ErrorEnvelope), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn create_delegate(
    State(s): State<AppState>,
    user: CurrentUser,
    ApiJson(i): ApiJson<DelegateInput>,
) -> ApiResult<Created<corridor_core::meeting::view::DelegateView>> {
    let new = NewDelegate::try_from(&i)?;
    Ok((
        StatusCode::CREATED,
        data(
            s.store
                .add_delegate(&user.actor(), corridor_core::ids::DelegateId::new(), &new)
                .await?,
        ),
    ))
}

/// Changes a delegate of the caller's side (position, attendance).
#[utoipa::path(put, path = "/api/v1/delegates/{id}", tag = "meetings", params(("id" = String, Path)), request_body = DelegateInput,
    responses((status = 200, body = Data<corridor_core::meeting::view::DelegateView>), (status = 403, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn update_delegate(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(i): ApiJson<DelegateInput>,
) -> ApiResult<Json<Data<corridor_core::meeting::view::DelegateView>>> {
    let new = NewDelegate::try_from(&i)?;
    Ok(data(
        s.store.update_delegate(&user.actor(), &id, &new).await?,
    ))
}
