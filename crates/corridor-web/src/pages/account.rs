//! The signed-in user's own page: who they are, their API tokens, their password.

use super::widgets::when;
use super::{Cell, Layout, render};
use crate::AppState;
use crate::error::PageError;
use crate::extract::{CsrfForm, CurrentUser};
use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use corridor_store::StoreError;
use serde::Deserialize;

pub(crate) struct TokenRow {
    id: String,
    name: String,
    created: String,
    last_used: String,
    revoked: String,
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    layout: Layout,
    time_zone: String,
    zones: &'static [&'static str],
    facts: Vec<(&'static str, Cell)>,
    tokens: Vec<TokenRow>,
    new_secret: Option<String>,
    notice: Option<String>,
    problem: Option<String>,
}

async fn account_page(
    s: &AppState,
    user: &CurrentUser,
    status: StatusCode,
    new_secret: Option<String>,
    notice: Option<String>,
    problem: Option<String>,
) -> Result<Response, PageError> {
    let me = s
        .store
        .user(&user.viewer(), &user.user.user_id.to_string())
        .await?;
    let tokens = s
        .store
        .tokens(&user.viewer(), &me.id)
        .await?
        .into_iter()
        .map(|t| TokenRow {
            id: t.id,
            name: t.name,
            created: when(&t.created_at),
            last_used: t
                .last_used_at
                .as_deref()
                .map_or_else(|| "never".into(), when),
            revoked: t.revoked_at.as_deref().map(when).unwrap_or_default(),
        })
        .collect();
    let facts = vec![
        ("Username", Cell::text(me.username.clone())),
        ("Person", Cell::reference(&me.person, "/people")),
        ("Party", Cell::reference(&me.party, "/parties")),
        (
            "Acts for",
            Cell::maybe_ref(me.organisation.as_ref(), "/organisations"),
        ),
        ("Role", Cell::text(me.role.clone())),
        (
            "Time zone",
            Cell::text(me.time_zone.clone().unwrap_or_else(|| {
                "not chosen: meeting times show in each meeting's own zone and UTC".into()
            })),
        ),
    ];
    let layout = Layout::new(s, Some(user), "Your account").await;
    let mut r = render(&AccountPage {
        layout,
        time_zone: me.time_zone.unwrap_or_default(),
        zones: ZONES,
        facts,
        tokens,
        new_secret,
        notice,
        problem,
    });
    *r.status_mut() = status;
    Ok(r)
}

async fn account(State(s): State<AppState>, user: CurrentUser) -> Result<Response, PageError> {
    account_page(&s, &user, StatusCode::OK, None, None, None).await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TokenForm {
    #[serde(default)]
    name: String,
}

async fn create_token(
    State(s): State<AppState>,
    form: CsrfForm<TokenForm>,
) -> Result<Response, PageError> {
    let user = CurrentUser(form.user);
    match s
        .store
        .create_token(
            &user.actor(),
            &user.user.user_id.to_string(),
            &form.form.name,
        )
        .await
    {
        Ok((_, secret)) => account_page(&s, &user, StatusCode::OK, Some(secret), None, None).await,
        Err(StoreError::Invalid(e)) => {
            account_page(
                &s,
                &user,
                StatusCode::UNPROCESSABLE_ENTITY,
                None,
                None,
                Some(format!("Token {e}")),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
struct Nothing {}

async fn revoke_token(
    State(s): State<AppState>,
    Path(id): Path<String>,
    form: CsrfForm<Nothing>,
) -> Result<Response, PageError> {
    let user = CurrentUser(form.user);
    let t = s.store.revoke_token(&user.actor(), &id).await?;
    account_page(
        &s,
        &user,
        StatusCode::OK,
        None,
        Some(format!("The token “{}” no longer works.", t.name)),
        None,
    )
    .await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
}

async fn change_password(
    State(s): State<AppState>,
    form: CsrfForm<PasswordForm>,
) -> Result<Response, PageError> {
    let user = CurrentUser(form.user);
    let id = user.user.user_id.to_string();
    match s
        .store
        .set_password(
            &user.actor(),
            &id,
            Some(&form.form.current_password),
            &form.form.new_password,
        )
        .await
    {
        // Changing the password ends every session, this one included: sign in again with the new one.
        Ok(()) => Ok(axum::response::Redirect::to("/login?next=/account").into_response()),
        Err(StoreError::Invalid(e)) => {
            account_page(
                &s,
                &user,
                StatusCode::UNPROCESSABLE_ENTITY,
                None,
                None,
                Some(problems(&e)),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

fn problems(e: &corridor_core::ValidationErrors) -> String {
    e.0.iter()
        .map(|f| format!("{}: {}", f.field.replace('_', " "), f.message))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Zones offered as suggestions; any IANA name is accepted.
const ZONES: &[&str] = &[
    "Asia/Karachi",
    "Asia/Shanghai",
    "Asia/Urumqi",
    "Asia/Dubai",
    "Asia/Riyadh",
    "Europe/London",
    "Europe/Brussels",
    "America/New_York",
    "UTC",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ZoneForm {
    #[serde(default)]
    time_zone: String,
}

async fn set_time_zone(
    State(s): State<AppState>,
    form: CsrfForm<ZoneForm>,
) -> Result<Response, PageError> {
    let mut user = CurrentUser(form.user);
    match s
        .store
        .set_time_zone(&user.actor(), Some(&form.form.time_zone))
        .await
    {
        Ok(me) => {
            // This request's page already reads times in the new zone.
            user.0.user.time_zone.clone_from(&me.time_zone);
            let notice = me.time_zone.map_or_else(
                || "Meeting times show in each meeting's own zone and UTC.".to_owned(),
                |z| format!("Meeting times now also show in {z}."),
            );
            account_page(&s, &user, StatusCode::OK, None, Some(notice), None).await
        }
        Err(StoreError::Invalid(e)) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            account_page(&s, &user, status, None, None, Some(problems(&e))).await
        }
        Err(e) => Err(e.into()),
    }
}

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/account", get(account))
        .route("/account/tokens", post(create_token))
        .route("/account/tokens/{id}/revoke", post(revoke_token))
        .route("/account/password", post(change_password))
        .route("/account/time-zone", post(set_time_zone))
}
