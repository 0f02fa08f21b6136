//! Visitors' e-mail sign-up for published news, with a double opt-in. The sign-up form carries its own CSRF
//! token in a short-lived cookie (a visitor has no session), sign-ups are limited per address like failed
//! sign-ins, and the answer is the same whether or not the address was already subscribed. The links in the
//! e-mails carry a nonce that is the only credential: following one shows a button, so a mail scanner that
//! opens links confirms or unsubscribes nothing; a forged, used or replaced link is not found.

use super::list_page;
use crate::AppState;
use crate::error::PageError;
use crate::extract::{MaybeUser, cookie, session_cookie};
use crate::i18n::Tr;
use crate::pages::login::Peer;
use crate::pages::{Layout, render};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;
use corridor_core::news::{NewSubscription, SubscribeInput};
use serde::Deserialize;

/// The cookie that holds the sign-up form's token.
const COOKIE: &str = "corridor_news_csrf";

/// A fresh token for the sign-up form.
pub(super) fn token() -> String {
    format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    )
}

/// Puts the sign-up form's token in its cookie.
pub(super) fn set_token(s: &AppState, response: &mut Response, token: &str) {
    if let Ok(v) = HeaderValue::from_str(&session_cookie(
        COOKIE,
        token,
        3600,
        s.config.cookies_secure(),
    )) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
}

/// A short page that says what happened, with a button when something is still to be confirmed.
#[derive(Template)]
#[template(path = "news_message.html")]
struct MessagePage {
    layout: Layout,
    message: String,
    /// `(action, button)` of a form that acts, posted without a session.
    button: Option<(String, String)>,
}

async fn message(
    s: &AppState,
    user: &MaybeUser,
    status: StatusCode,
    title: &str,
    text: String,
    button: Option<(String, String)>,
) -> Response {
    let tr = Tr::current();
    let mut response = render(&MessagePage {
        layout: Layout::new(s, user.0.as_ref(), tr.t(title)).await,
        message: text,
        button,
    });
    *response.status_mut() = status;
    response
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct SignUp {
    email: Option<String>,
    language: Option<String>,
    csrf: String,
}

/// Takes an address for the news e-mails and mails it a link to confirm.
pub(super) async fn subscribe(
    State(s): State<AppState>,
    user: MaybeUser,
    Peer(ip): Peer,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, PageError> {
    let tr = Tr::current();
    let form: SignUp = serde_urlencoded::from_bytes(&body).unwrap_or_default();
    let typed = form.email.clone().unwrap_or_default();
    let (mut parts, ()) = axum::http::Request::new(()).into_parts();
    parts.headers = headers;
    let expected = cookie(&parts, COOKIE).unwrap_or_default();
    if expected.is_empty() || expected.len() != form.csrf.len() || expected != form.csrf {
        let why = tr.t("news-form-expired");
        return list_page(&s, &user, StatusCode::FORBIDDEN, Some(why), typed).await;
    }
    let keys = [format!("news-signup:{ip}")];
    if let Some(wait) = s.limiter.locked_for(&keys) {
        let minutes = wait.as_secs().div_ceil(60).max(1);
        let why = tr.n("news-too-many", minutes);
        return list_page(&s, &user, StatusCode::TOO_MANY_REQUESTS, Some(why), typed).await;
    }
    let input = SubscribeInput {
        email: form.email,
        language: form.language,
    };
    let new = match NewSubscription::try_from(&input) {
        Ok(n) => n,
        Err(e) => {
            let why =
                e.0.iter()
                    .map(|f| format!("{}: {}", f.field, f.message))
                    .collect::<Vec<_>>()
                    .join("; ");
            return list_page(
                &s,
                &user,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(why),
                typed,
            )
            .await;
        }
    };
    s.limiter.fail(&keys);
    let outcome = s.store.subscribe_news(&new).await?;
    // The same answer in every case: the page never tells whether an address is subscribed.
    tracing::debug!(?outcome, "news sign-up");
    Ok(message(
        &s,
        &user,
        StatusCode::OK,
        "news-check-inbox-title",
        tr.t1("news-check-inbox", "email", &new.email),
        None,
    )
    .await)
}

pub(super) async fn confirm_page(
    State(s): State<AppState>,
    user: MaybeUser,
    Path((id, nonce)): Path<(String, String)>,
) -> Result<Response, PageError> {
    s.store.confirmation_pending(&id, &nonce).await?;
    let tr = Tr::current();
    Ok(message(
        &s,
        &user,
        StatusCode::OK,
        "news-confirm-title",
        tr.t("news-confirm-ask"),
        Some((
            format!("/news/confirm/{id}/{nonce}"),
            tr.t("news-confirm-button"),
        )),
    )
    .await)
}

pub(super) async fn confirm(
    State(s): State<AppState>,
    user: MaybeUser,
    Path((id, nonce)): Path<(String, String)>,
) -> Result<Response, PageError> {
    s.store.confirm_subscription(&id, &nonce).await?;
    let tr = Tr::current();
    Ok(message(
        &s,
        &user,
        StatusCode::OK,
        "news-confirm-title",
        tr.t("news-confirmed"),
        None,
    )
    .await)
}

pub(super) async fn unsubscribe_page(
    State(s): State<AppState>,
    user: MaybeUser,
    Path((id, nonce)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let tr = Tr::current();
    if s.store.unsubscribe_link(&id, &nonce).await? {
        let text = tr.t("news-unsubscribed-already");
        return Ok(message(
            &s,
            &user,
            StatusCode::OK,
            "news-unsubscribe-title",
            text,
            None,
        )
        .await);
    }
    Ok(message(
        &s,
        &user,
        StatusCode::OK,
        "news-unsubscribe-title",
        tr.t("news-unsubscribe-ask"),
        Some((
            format!("/news/unsubscribe/{id}/{nonce}"),
            tr.t("news-unsubscribe-button"),
        )),
    )
    .await)
}

/// Stops the news e-mails; mail programs post here too, with `List-Unsubscribe=One-Click` (RFC 8058).
pub(super) async fn unsubscribe(
    State(s): State<AppState>,
    user: MaybeUser,
    Path((id, nonce)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let already = s.store.unsubscribe_news(&id, &nonce).await?;
    let tr = Tr::current();
    let text = if already {
        tr.t("news-unsubscribed-already")
    } else {
        tr.t("news-unsubscribed")
    };
    Ok(message(
        &s,
        &user,
        StatusCode::OK,
        "news-unsubscribe-title",
        text,
        None,
    )
    .await)
}
