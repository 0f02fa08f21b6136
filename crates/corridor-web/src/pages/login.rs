//! Signing in and out. The sign-in form carries its own CSRF token in a short-lived cookie (there is no session
//! yet); failures are counted per account and per address, and a locked account is told how long to wait.

use super::{Layout, render};
use crate::AppState;
use crate::error::{AppError, PageError};
use crate::extract::{
    CsrfForm, LOGIN_CSRF_COOKIE, MaybeUser, SESSION_COOKIE, cookie, session_cookie,
};
use askama::Template;
use axum::Router;
use axum::extract::{ConnectInfo, FromRequestParts, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use std::net::SocketAddr;

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    layout: Layout,
    csrf: String,
    next: String,
    username: String,
    problem: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct LoginQuery {
    next: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct LoginForm {
    username: String,
    password: String,
    next: String,
    csrf: String,
}

/// Only paths on this site are followed after signing in.
fn safe_next(next: &str) -> String {
    if next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') {
        next.to_owned()
    } else {
        "/".to_owned()
    }
}

fn random_token() -> String {
    uuid::Uuid::new_v4().simple().to_string() + &uuid::Uuid::new_v4().simple().to_string()
}

async fn page(
    state: &AppState,
    status: StatusCode,
    next: &str,
    username: &str,
    problem: Option<String>,
) -> Response {
    let csrf = random_token();
    let layout = Layout::new(state, None, "Sign in").await;
    let mut response = render(&LoginPage {
        layout,
        csrf: csrf.clone(),
        next: safe_next(next),
        username: username.to_owned(),
        problem,
    });
    *response.status_mut() = status;
    if let Ok(v) = HeaderValue::from_str(&session_cookie(
        LOGIN_CSRF_COOKIE,
        &csrf,
        3600,
        state.config.cookies_secure(),
    )) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    response
}

async fn login_form(
    State(s): State<AppState>,
    user: MaybeUser,
    Query(q): Query<LoginQuery>,
) -> Response {
    let next = q.next.unwrap_or_else(|| "/".into());
    if user.0.is_some() {
        return Redirect::to(&safe_next(&next)).into_response();
    }
    page(&s, StatusCode::OK, &next, "", None).await
}

/// The peer address, when the server knows it (it does when started by `serve`).
pub(crate) struct Peer(pub String);

impl FromRequestParts<AppState> for Peer {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, _: &AppState) -> Result<Self, Self::Rejection> {
        let addr = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip().to_string());
        Ok(Peer(addr.unwrap_or_else(|| "unknown".into())))
    }
}

async fn login(
    State(s): State<AppState>,
    Peer(ip): Peer,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, PageError> {
    let form: LoginForm = serde_urlencoded::from_bytes(&body).unwrap_or_default();
    let (mut parts, ()) = axum::http::Request::new(()).into_parts();
    parts.headers = headers;
    let expected = cookie(&parts, LOGIN_CSRF_COOKIE).unwrap_or_default();
    if expected.is_empty() || expected != form.csrf {
        let msg = "The sign-in form had expired. It has been renewed: please sign in again.";
        return Ok(page(
            &s,
            StatusCode::FORBIDDEN,
            &form.next,
            &form.username,
            Some(msg.into()),
        )
        .await);
    }
    let username = form.username.trim().to_lowercase();
    let keys = [format!("user:{username}"), format!("ip:{ip}")];
    if let Some(wait) = s.limiter.locked_for(&keys) {
        let minutes = wait.as_secs().div_ceil(60).max(1);
        let msg = format!(
            "Too many failed sign-ins for this account or from this address. Try again in {minutes} minute{}, or ask an administrator to reset the password.",
            if minutes == 1 { "" } else { "s" }
        );
        return Ok(page(
            &s,
            StatusCode::TOO_MANY_REQUESTS,
            &form.next,
            &form.username,
            Some(msg),
        )
        .await);
    }
    let user = match s.store.authenticate(&username, &form.password).await {
        Ok(u) => u,
        Err(corridor_store::StoreError::Unauthenticated(m)) => {
            s.limiter.fail(&keys);
            tracing::info!(login.username = %username, login.ip = %ip, "sign-in refused");
            let msg = format!("{}{}", m[..1].to_uppercase(), &m[1..]);
            return Ok(page(
                &s,
                StatusCode::UNAUTHORIZED,
                &form.next,
                &form.username,
                Some(format!("{msg}.")),
            )
            .await);
        }
        Err(e) => return Err(AppError::from(e).into()),
    };
    s.limiter.clear(&keys[0]);
    // A new session id on every sign-in: a cookie planted before signing in is worth nothing after.
    let session = s.store.start_session(&user, s.config.session_hours).await?;
    let secure = s.config.cookies_secure();
    let max_age = i64::from(s.config.session_hours) * 3600;
    let mut response = Redirect::to(&safe_next(&form.next)).into_response();
    let h = response.headers_mut();
    let mut cookies = vec![
        session_cookie(SESSION_COOKIE, &session.token, max_age, secure),
        session_cookie(LOGIN_CSRF_COOKIE, "", 0, secure),
    ];
    // The account's language follows it to every browser it signs in on.
    if let Some(lang) = s.store.user_language(&user).await? {
        cookies.push(crate::i18n::cookie(lang));
    }
    for c in cookies {
        if let Ok(v) = HeaderValue::from_str(&c) {
            h.append(header::SET_COOKIE, v);
        }
    }
    Ok(response)
}

#[derive(Deserialize)]
struct Nothing {}

async fn logout(
    State(s): State<AppState>,
    headers: HeaderMap,
    _form: CsrfForm<Nothing>,
) -> Result<Response, PageError> {
    let (mut parts, ()) = axum::http::Request::new(()).into_parts();
    parts.headers = headers;
    if let Some(token) = cookie(&parts, SESSION_COOKIE) {
        s.store.end_session(&token).await?;
    }
    let mut response = Redirect::to("/").into_response();
    if let Ok(v) = HeaderValue::from_str(&session_cookie(
        SESSION_COOKIE,
        "",
        0,
        s.config.cookies_secure(),
    )) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(response)
}

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/login", get(login_form).post(login))
        .route("/logout", post(logout))
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_local_paths_are_followed_after_sign_in() {
        assert_eq!(super::safe_next("/organisations?q=x"), "/organisations?q=x");
        for bad in ["https://evil.example", "//evil.example", "/\\evil", ""] {
            assert_eq!(super::safe_next(bad), "/");
        }
    }
}
