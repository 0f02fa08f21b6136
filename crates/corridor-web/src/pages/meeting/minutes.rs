//! The minutes' forms on a meeting's page: each posts one store operation and returns to the meeting.

use crate::AppState;
use crate::error::PageError;
use crate::extract::{CsrfForm, MaybeUser};
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

fn back(meeting_id: &str) -> Response {
    Redirect::to(&format!("/meetings/{meeting_id}#minutes")).into_response()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct EntryForm {
    agenda_item_id: String,
    #[serde(default)]
    text: String,
}

pub(crate) async fn write(
    State(s): State<AppState>,
    Path(id): Path<String>,
    form: CsrfForm<EntryForm>,
) -> Result<Response, PageError> {
    s.store
        .write_minutes(
            &form.user.actor(),
            &form.form.agenda_item_id,
            &form.form.text,
        )
        .await?;
    Ok(back(&id))
}

#[derive(Deserialize)]
pub(crate) struct Nothing {}

pub(crate) async fn circulate(
    State(s): State<AppState>,
    Path(id): Path<String>,
    form: CsrfForm<Nothing>,
) -> Result<Response, PageError> {
    s.store.circulate_minutes(&form.user.actor(), &id).await?;
    Ok(back(&id))
}

pub(crate) async fn agree(
    State(s): State<AppState>,
    Path(id): Path<String>,
    form: CsrfForm<Nothing>,
) -> Result<Response, PageError> {
    s.store.agree_minutes(&form.user.actor(), &id).await?;
    Ok(back(&id))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SignForm {
    #[serde(default)]
    password: String,
}

pub(crate) async fn sign(
    State(s): State<AppState>,
    Path(id): Path<String>,
    form: CsrfForm<SignForm>,
) -> Result<Response, PageError> {
    s.store
        .sign_minutes(&form.user.actor(), &id, &form.form.password)
        .await?;
    Ok(back(&id))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RedlineForm {
    agenda_item_id: String,
    meeting_id: String,
    #[serde(default)]
    proposed_text: String,
}

pub(crate) async fn redline(
    State(s): State<AppState>,
    Path(version): Path<String>,
    form: CsrfForm<RedlineForm>,
) -> Result<Response, PageError> {
    s.store
        .propose_redline(
            &form.user.actor(),
            &version,
            &form.form.agenda_item_id,
            &form.form.proposed_text,
        )
        .await?;
    Ok(back(&form.form.meeting_id))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MeetingRef {
    meeting_id: String,
}

pub(crate) async fn review(
    State(s): State<AppState>,
    Path(version): Path<String>,
    form: CsrfForm<MeetingRef>,
) -> Result<Response, PageError> {
    s.store.finish_review(&form.user.actor(), &version).await?;
    Ok(back(&form.form.meeting_id))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DecisionForm {
    meeting_id: String,
    accept: String,
    #[serde(default)]
    reason: Option<String>,
}

pub(crate) async fn decide(
    State(s): State<AppState>,
    Path(redline): Path<String>,
    form: CsrfForm<DecisionForm>,
) -> Result<Response, PageError> {
    let accept = form.form.accept == "true";
    s.store
        .decide_redline(
            &form.user.actor(),
            &redline,
            accept,
            form.form.reason.as_deref(),
        )
        .await?;
    Ok(back(&form.form.meeting_id))
}

/// The signed record as a file, accepted with a session cookie or a bearer token.
pub(crate) async fn record(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let record = s.store.signed_record(&user.viewer(), &id).await?;
    let body = serde_json::to_string_pretty(&record).unwrap_or_default();
    let disposition = format!("attachment; filename=\"record-of-discussions-{id}.json\"");
    Ok((
        [
            (header::CONTENT_TYPE, "application/json".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response())
}
