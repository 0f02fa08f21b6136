//! `/api/v1`: JSON in one envelope (`{"data": …}`, lists add `"next"`), errors as `{"error": {…}}`, records the
//! caller may not see answered exactly like records that do not exist. The OpenAPI document describes it all.

mod accession;
mod account;
mod alerts;
pub(crate) mod attachment;
pub(crate) mod business;
mod directory;
pub(crate) mod exchange;
pub(crate) mod iati;
pub(crate) mod instrument;
mod meeting;
mod minutes;
mod openapi;
pub(crate) mod portfolio;
mod register;
mod results;
pub(crate) mod search;
mod study;

pub use openapi::openapi_document;
pub(crate) use register::RegisterQuery;

use crate::AppState;
use axum::Json;
use axum::Router;
use axum::routing::{get, post, put};
use serde::{Deserialize, Serialize};

/// One record.
#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct Data<T> {
    /// The record.
    data: T,
}

/// One page of a list.
#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct List<T> {
    /// The records.
    data: Vec<T>,
    /// Pass as `after` to get the next page; absent on the last page.
    next: Option<String>,
}

pub(crate) fn data<T: Serialize>(data: T) -> Json<Data<T>> {
    Json(Data { data })
}

pub(crate) fn list<T: Serialize>(page: corridor_store::Paged<T>) -> Json<List<T>> {
    Json(List {
        data: page.items,
        next: page.next,
    })
}

/// Paging parameters common to every list.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(default, deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct Paging {
    /// The `next` value of the previous page.
    pub after: Option<String>,
    /// Rows per page, 1 to 500 (default 50).
    pub limit: Option<String>,
}

impl Paging {
    pub(crate) fn page(&self) -> Result<corridor_store::Page, crate::error::AppError> {
        let limit = match self
            .limit
            .as_deref()
            .map(str::trim)
            .filter(|l| !l.is_empty())
        {
            None => None,
            Some(l) => Some(
                l.parse::<u64>()
                    .ok()
                    .filter(|n| (1..=500).contains(n))
                    .ok_or_else(|| {
                        crate::error::AppError::new(
                            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
                            "invalid",
                            "limit: must be a whole number from 1 to 500",
                        )
                        .field("limit")
                    })?,
            ),
        };
        Ok(corridor_store::Page {
            after: self.after.clone(),
            limit,
        })
    }
}

/// The API's routes.
pub(crate) fn router() -> Router<AppState> {
    use directory::*;
    Router::new()
        .route("/openapi.json", get(openapi::serve_openapi))
        .route("/parties", get(list_parties).post(create_party))
        .route("/parties/{id}", get(get_party).put(update_party))
        .route("/parties/{id}/history", get(party_history))
        .route(
            "/organisations",
            get(list_organisations).post(create_organisation),
        )
        .route(
            "/organisations/{id}",
            get(get_organisation).put(update_organisation),
        )
        .route("/organisations/{id}/history", get(organisation_history))
        .route("/people", get(list_people).post(create_person))
        .route("/people/{id}", get(get_person).put(update_person))
        .route("/people/{id}/history", get(person_history))
        .route(
            "/memberships",
            get(list_memberships).post(create_membership),
        )
        .route(
            "/memberships/{id}",
            get(get_membership).put(update_membership),
        )
        .route("/memberships/{id}/history", get(membership_history))
        .route(
            "/users",
            get(account::list_users).post(account::create_user),
        )
        .route(
            "/users/{id}",
            get(account::get_user).put(account::update_user),
        )
        .route("/users/{id}/history", get(account::user_history))
        .route("/me", get(account::get_me))
        .route("/me/time-zone", put(account::set_time_zone))
        .route(
            "/tokens",
            get(account::list_tokens).post(account::create_token),
        )
        .route("/tokens/{id}/revoke", post(account::revoke_token))
        .route("/events", get(account::list_events))
        .merge(meeting_routes())
        .merge(instrument::routes())
        .merge(instrument::consultation_routes())
        .merge(accession::routes())
        .merge(portfolio::routes())
        .merge(iati::routes())
        .merge(search::routes())
        .merge(study::routes())
        .merge(exchange::routes())
        .merge(business::routes())
        .merge(results::routes())
        .merge(attachment::routes())
        .merge(alerts::routes())
        .fallback(|| async {
            crate::error::AppError::new(
                axum::http::StatusCode::NOT_FOUND,
                "not_found",
                "there is no such API route",
            )
        })
}

/// The meetings area's routes: bodies, meetings, agendas, the register, briefing notes, minutes.
fn meeting_routes() -> Router<AppState> {
    Router::new()
        .route("/meetings/{id}/delegations", get(meeting::list_delegations))
        .route("/delegates", post(meeting::create_delegate))
        .route(
            "/delegates/{id}",
            axum::routing::put(meeting::update_delegate),
        )
        .route(
            "/bodies",
            get(meeting::list_bodies).post(meeting::create_body),
        )
        .route(
            "/bodies/{id}",
            get(meeting::get_body).put(meeting::update_body),
        )
        .route("/bodies/{id}/history", get(meeting::body_history))
        .route(
            "/meetings",
            get(meeting::list_meetings).post(meeting::create_meeting),
        )
        .route(
            "/meetings/{id}",
            get(meeting::get_meeting).put(meeting::update_meeting),
        )
        .route("/meetings/{id}/history", get(meeting::meeting_history))
        .route("/meetings/{id}/state", post(meeting::change_state))
        .route("/meetings/{id}/agenda", get(meeting::get_agenda))
        .route(
            "/meetings/{id}/matters-arising",
            get(meeting::matters_arising),
        )
        .route("/agenda-items", post(meeting::create_agenda_item))
        .route(
            "/agenda-items/{id}",
            axum::routing::put(meeting::update_agenda_item),
        )
        .route(
            "/agenda-items/{id}/briefing-notes",
            get(meeting::list_briefing_notes),
        )
        .route("/briefing-notes", post(meeting::create_briefing_note))
        .route(
            "/register",
            get(register::list_register).post(register::create_outcome),
        )
        .route(
            "/register/{id}",
            get(register::get_register_item).put(register::update_outcome),
        )
        .route("/register/{id}/history", get(register::register_history))
        .route("/register/{id}/reviews", get(register::list_reviews))
        .route("/reviews", post(register::create_review))
        .route("/meetings/{id}/minutes", get(minutes::get_minutes))
        .route("/meetings/{id}/minutes/circulate", post(minutes::circulate))
        .route("/meetings/{id}/minutes/agree", post(minutes::agree))
        .route("/meetings/{id}/minutes/sign", post(minutes::sign))
        .route("/meetings/{id}/record", get(minutes::record))
        .route(
            "/agenda-items/{id}/minutes",
            axum::routing::put(minutes::write_minutes),
        )
        .route(
            "/minutes-versions/{id}/redlines",
            post(minutes::propose_redline),
        )
        .route(
            "/minutes-versions/{id}/review",
            post(minutes::finish_review),
        )
        .route("/redlines/{id}/decision", post(minutes::decide))
}
