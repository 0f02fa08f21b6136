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
use corridor_core::ids::{
    AgendaItemId, BodyId, BriefingNoteId, MeetingId, RegisterItemId, ReviewId,
};
use corridor_core::input;
use corridor_core::meeting::view::{
    AgendaItemView, BodyView, BriefingNoteView, MeetingView, RegisterItemView, ReviewView,
};
use corridor_core::meeting::*;
use corridor_core::view::HistoryEntry;
use corridor_store::entity::{body, meeting, register_item};
use corridor_store::meeting::RegisterFilter;
use serde::Deserialize;

type ApiResult<T> = Result<T, AppError>;
type Created<T> = (StatusCode, Json<Data<T>>);

fn all<T: serde::Serialize>(items: Vec<T>) -> Json<List<T>> {
    list(corridor_store::Paged { items, next: None })
}

/// Lists the bodies.
#[utoipa::path(get, path = "/api/v1/bodies", tag = "meetings", responses((status = 200, body = List<BodyView>)))]
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
#[utoipa::path(get, path = "/api/v1/bodies/{id}", tag = "meetings", params(("id" = String, Path)),
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
#[utoipa::path(get, path = "/api/v1/bodies/{id}/history", tag = "meetings", params(("id" = String, Path)),
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
#[utoipa::path(get, path = "/api/v1/meetings", tag = "meetings", params(MeetingQuery), responses((status = 200, body = List<MeetingView>)))]
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
#[utoipa::path(get, path = "/api/v1/meetings/{id}", tag = "meetings", params(("id" = String, Path)),
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
#[utoipa::path(get, path = "/api/v1/meetings/{id}/history", tag = "meetings", params(("id" = String, Path)),
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
#[utoipa::path(get, path = "/api/v1/meetings/{id}/agenda", tag = "meetings", params(("id" = String, Path)),
    responses((status = 200, body = List<AgendaItemView>), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn get_agenda(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> ApiResult<Json<List<AgendaItemView>>> {
    Ok(all(s.store.agenda(&user.viewer(), &id).await?))
}

/// The open outcomes of the body's earlier meetings.
#[utoipa::path(get, path = "/api/v1/meetings/{id}/matters-arising", tag = "meetings", params(("id" = String, Path)),
    responses((status = 200, body = List<RegisterItemView>), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn matters_arising(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> ApiResult<Json<List<RegisterItemView>>> {
    Ok(all(s.store.matters_arising(&user.viewer(), &id).await?))
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

/// Filters of the register.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(default, deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct RegisterQuery {
    /// Of this body.
    body_id: Option<String>,
    /// Recorded at this meeting.
    meeting_id: Option<String>,
    /// `decision`, `agreement`, `request`, `action` or `note`.
    kind: Option<String>,
    /// `open`, `in_progress`, `done` or `dropped`.
    status: Option<String>,
    /// With a lead organisation of this party.
    party_id: Option<String>,
    /// With this lead organisation.
    lead_organisation_id: Option<String>,
    /// Due on or before (`YYYY-MM-DD`).
    due_before: Option<String>,
    /// Due on or after (`YYYY-MM-DD`).
    due_after: Option<String>,
    /// `true` for items open past their due date.
    overdue: Option<String>,
    /// The `next` value of the previous page.
    after: Option<String>,
    /// Rows per page, 1 to 500.
    limit: Option<String>,
}

impl RegisterQuery {
    pub(crate) fn filter(&self) -> Result<RegisterFilter, AppError> {
        let mut c = corridor_core::error::Collector::default();
        let kind = c.take(input::optional_parsed(
            "kind",
            self.kind.as_deref(),
            "an outcome kind",
        ));
        let status = c.take(input::optional_parsed(
            "status",
            self.status.as_deref(),
            "a status",
        ));
        let due_before = c.take(input::optional_date(
            "due_before",
            self.due_before.as_deref(),
        ));
        let due_after = c.take(input::optional_date("due_after", self.due_after.as_deref()));
        let overdue = match self.overdue.as_deref().map(str::trim) {
            None | Some("" | "false") => Some(false),
            Some("true") => Some(true),
            Some(_) => c.take(Err(corridor_core::FieldError::new(
                "overdue",
                "must be true or false",
            ))),
        };
        let blank = |v: &Option<String>| v.clone().filter(|x| !x.trim().is_empty());
        Ok(c.finish(|| {
            Some(RegisterFilter {
                body_id: blank(&self.body_id),
                meeting_id: blank(&self.meeting_id),
                kind: kind?,
                status: status?,
                party_id: blank(&self.party_id),
                lead_organisation_id: blank(&self.lead_organisation_id),
                due_before: due_before?,
                due_after: due_after?,
                overdue: overdue?,
            })
        })?)
    }

    pub(crate) fn page(&self) -> Result<corridor_store::Page, AppError> {
        super::Paging {
            after: self.after.clone(),
            limit: self.limit.clone(),
        }
        .page()
    }
}

/// The register: every outcome across all meetings, filtered.
#[utoipa::path(get, path = "/api/v1/register", tag = "register", params(RegisterQuery),
    responses((status = 200, body = List<RegisterItemView>), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn list_register(
    State(s): State<AppState>,
    user: MaybeUser,
    ApiQuery(q): ApiQuery<RegisterQuery>,
) -> ApiResult<Json<List<RegisterItemView>>> {
    Ok(list(
        s.store
            .register(&user.viewer(), &q.filter()?, &q.page()?)
            .await?,
    ))
}

/// Records an outcome of a meeting.
#[utoipa::path(post, path = "/api/v1/register", tag = "register", request_body = OutcomeInput,
    responses((status = 201, body = Data<RegisterItemView>), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn create_outcome(
    State(s): State<AppState>,
    user: CurrentUser,
    ApiJson(i): ApiJson<OutcomeInput>,
) -> ApiResult<Created<RegisterItemView>> {
    let new = NewOutcome::try_from(&i)?;
    Ok((
        StatusCode::CREATED,
        data(
            s.store
                .create_outcome(&user.actor(), RegisterItemId::new(), &new)
                .await?,
        ),
    ))
}

/// One register item.
#[utoipa::path(get, path = "/api/v1/register/{id}", tag = "register", params(("id" = String, Path)),
    responses((status = 200, body = Data<RegisterItemView>), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn get_register_item(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> ApiResult<Json<Data<RegisterItemView>>> {
    Ok(data(s.store.register_item(&user.viewer(), &id).await?))
}

/// Replaces a register item's details.
#[utoipa::path(put, path = "/api/v1/register/{id}", tag = "register", params(("id" = String, Path)), request_body = OutcomeInput,
    responses((status = 200, body = Data<RegisterItemView>), (status = 409, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn update_outcome(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(i): ApiJson<OutcomeInput>,
) -> ApiResult<Json<Data<RegisterItemView>>> {
    let new = NewOutcome::try_from(&i)?;
    Ok(data(
        s.store.update_outcome(&user.actor(), &id, &new).await?,
    ))
}

/// A register item's history.
#[utoipa::path(get, path = "/api/v1/register/{id}/history", tag = "register", params(("id" = String, Path)),
    responses((status = 200, body = List<HistoryEntry>), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn register_history(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> ApiResult<Json<List<HistoryEntry>>> {
    history::<register_item::Entity>(&s, &user, &id).await
}

/// A register item's reviews, meeting by meeting.
#[utoipa::path(get, path = "/api/v1/register/{id}/reviews", tag = "register", params(("id" = String, Path)),
    responses((status = 200, body = List<ReviewView>), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn list_reviews(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> ApiResult<Json<List<ReviewView>>> {
    Ok(all(s.store.reviews(&user.viewer(), &id).await?))
}

/// Records a review of a register item and moves it to the reviewed status.
#[utoipa::path(post, path = "/api/v1/reviews", tag = "register", request_body = ReviewInput,
    responses((status = 201, body = Data<ReviewView>), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn create_review(
    State(s): State<AppState>,
    user: CurrentUser,
    ApiJson(i): ApiJson<ReviewInput>,
) -> ApiResult<Created<ReviewView>> {
    let new = NewReview::try_from(&i)?;
    Ok((
        StatusCode::CREATED,
        data(
            s.store
                .review_item(&user.actor(), ReviewId::new(), &new)
                .await?,
        ),
    ))
}
