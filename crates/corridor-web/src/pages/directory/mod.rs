//! The directory's pages: parties, organisations, people and memberships, with the activity log.

mod membership;
pub(crate) mod organisation;
mod party;
pub(crate) mod person;

use super::widgets::attach_errors;
use super::{Field, FormPage, Layout, render};
use crate::AppState;
use crate::error::PageError;
use crate::extract::SignedIn;
use axum::Router;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use corridor_core::{ValidationErrors, Viewer};
use corridor_store::directory::{OrganisationFilter, PersonFilter};
use corridor_store::{Page, StoreError};

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/parties", get(party::list).post(party::create))
        .route("/parties/new", get(party::new_form))
        .route("/parties/{id}", get(party::show).post(party::update))
        .route("/parties/{id}/edit", get(party::edit_form))
        .route(
            "/organisations",
            get(organisation::list).post(organisation::create),
        )
        .route("/organisations/new", get(organisation::new_form))
        .route(
            "/organisations/{id}",
            get(organisation::show).post(organisation::update),
        )
        .route("/organisations/{id}/edit", get(organisation::edit_form))
        .route("/people", get(person::list).post(person::create))
        .route("/people/new", get(person::new_form))
        .route("/people/{id}", get(person::show).post(person::update))
        .route("/people/{id}/edit", get(person::edit_form))
        .route("/memberships", axum::routing::post(membership::create))
        .route("/memberships/new", get(membership::new_form))
        .route(
            "/memberships/{id}",
            get(membership::show).post(membership::update),
        )
        .route("/memberships/{id}/edit", get(membership::edit_form))
}

/// A store failure a form can show beside its fields, or a failure for the error page.
pub(crate) fn form_problem(e: StoreError) -> Result<(StatusCode, ValidationErrors), PageError> {
    match e {
        StoreError::Invalid(errors) => Ok((StatusCode::UNPROCESSABLE_ENTITY, errors)),
        StoreError::Conflict { field, message } => Ok((
            StatusCode::CONFLICT,
            ValidationErrors::one(field.unwrap_or_else(|| "input".into()), message),
        )),
        other => Err(other.into()),
    }
}

/// Draws a form, with errors beside their fields when there are any.
pub(crate) async fn form_page(
    state: &AppState,
    user: &SignedIn,
    place: FormPlace,
    mut fields: Vec<Field>,
    errors: Option<(StatusCode, ValidationErrors)>,
) -> Response {
    let FormPlace {
        title,
        action,
        cancel,
    } = place;
    let layout = Layout::new(state, Some(user), title).await;
    let (status, problem) = match errors {
        Some((status, e)) => (status, Some(attach_errors(&mut fields, &e))),
        None => (StatusCode::OK, None),
    };
    let mut response = render(&FormPage {
        layout,
        action,
        fields,
        problem,
        submit: "Save",
        cancel_href: cancel,
    });
    *response.status_mut() = status;
    response
}

/// Where a form lives: its title, where it posts, and where Cancel leads.
pub(crate) struct FormPlace {
    pub title: String,
    pub action: String,
    pub cancel: String,
}

impl FormPlace {
    pub(crate) fn new(
        title: impl Into<String>,
        action: impl Into<String>,
        cancel: impl Into<String>,
    ) -> Self {
        FormPlace {
            title: title.into(),
            action: action.into(),
            cancel: cancel.into(),
        }
    }
}

/// Handles a posted form: parses the input into its core command, runs the store operation, then goes to
/// the saved record, or shows the form again with each error beside its field and what was typed kept.
pub(crate) async fn save<I, N, V>(
    s: &AppState,
    user: &SignedIn,
    input: &I,
    place: FormPlace,
    fields: impl AsyncFnOnce() -> Result<Vec<Field>, PageError>,
    op: impl AsyncFnOnce(N) -> Result<V, StoreError>,
    href: impl FnOnce(&V) -> String,
) -> Result<Response, PageError>
where
    N: for<'a> TryFrom<&'a I, Error = ValidationErrors>,
{
    let result = match N::try_from(input) {
        Ok(command) => op(command).await,
        Err(e) => Err(StoreError::Invalid(e)),
    };
    match result {
        Ok(v) => Ok(Redirect::to(&href(&v)).into_response()),
        Err(e) => {
            let errors = form_problem(e)?;
            let f = fields().await?;
            Ok(form_page(s, user, place, f, Some(errors)).await)
        }
    }
}

/// Choices of parties for a select.
pub(crate) async fn party_choices(
    s: &AppState,
    viewer: &Viewer,
) -> Result<Vec<(String, String)>, PageError> {
    Ok(s.store
        .parties(viewer)
        .await?
        .into_iter()
        .map(|p| (p.id, p.short_name))
        .collect())
}

/// Choices of organisations for a select.
pub(crate) async fn organisation_choices(
    s: &AppState,
    viewer: &Viewer,
) -> Result<Vec<(String, String)>, PageError> {
    let orgs = s
        .store
        .organisations(viewer, &OrganisationFilter::default(), &Page::first(500))
        .await?;
    Ok(orgs.items.into_iter().map(|o| (o.id, o.name)).collect())
}

/// Choices of people for a select.
pub(crate) async fn people_choices(
    s: &AppState,
    viewer: &Viewer,
) -> Result<Vec<(String, String)>, PageError> {
    let people = s
        .store
        .people(viewer, &PersonFilter::default(), &Page::first(500))
        .await?;
    Ok(people
        .items
        .into_iter()
        .map(|p| (p.id, p.full_name))
        .collect())
}

/// The link to the next page of a list, keeping its filters.
pub(crate) fn next_href(
    path: &str,
    filters: &[(&str, Option<&str>)],
    next: Option<String>,
) -> Option<String> {
    let next = next?;
    let mut pairs: Vec<(&str, &str)> = filters
        .iter()
        .filter_map(|(k, v)| v.filter(|v| !v.is_empty()).map(|v| (*k, v)))
        .collect();
    pairs.push(("after", &next));
    Some(format!(
        "{path}?{}",
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    ))
}
