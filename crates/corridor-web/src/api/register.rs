//! The register's JSON routes: every outcome across meetings with filters, one item, its history and its
//! reviews meeting by meeting.

use super::directory::history;
use super::{Data, List, data, list};
use crate::AppState;
use crate::error::AppError;
use crate::extract::{ApiJson, ApiQuery, CurrentUser, MaybeUser};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use corridor_core::ids::{RegisterItemId, ReviewId};
use corridor_core::input;
use corridor_core::meeting::view::{RegisterItemView, ReviewView};
use corridor_core::meeting::*;
use corridor_core::view::HistoryEntry;
use corridor_store::entity::register_item;
use corridor_store::meeting::RegisterFilter;
use serde::Deserialize;

type ApiResult<T> = Result<T, AppError>;
type Created<T> = (StatusCode, Json<Data<T>>);

fn all<T: serde::Serialize>(items: Vec<T>) -> Json<List<T>> {
    list(corridor_store::Paged { items, next: None })
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
    /// Linked to this record, written `kind:id` (`meeting:…`, `register_item:…`, `body:…`, `organisation:…`).
    linked: Option<String>,
    /// The matters arising of this meeting: open items of its body recorded at its earlier meetings.
    arising_for: Option<String>,
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
                linked: blank(&self.linked),
                arising_for: blank(&self.arising_for),
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
#[utoipa::path(get, path = "/api/v1/register", tag = "register", security((), ("bearer" = [])), params(RegisterQuery),
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
#[utoipa::path(get, path = "/api/v1/register/{id}", tag = "register", security((), ("bearer" = [])), params(("id" = String, Path)),
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
#[utoipa::path(get, path = "/api/v1/register/{id}/history", tag = "register", security((), ("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = List<HistoryEntry>), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn register_history(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> ApiResult<Json<List<HistoryEntry>>> {
    history::<register_item::Entity>(&s, &user, &id).await
}

/// A register item's reviews, meeting by meeting.
#[utoipa::path(get, path = "/api/v1/register/{id}/reviews", tag = "register", security((), ("bearer" = [])), params(("id" = String, Path)),
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
