//! The language switcher on every page: remembers the choice in a cookie for a year and returns to the
//! page it was made on.

use crate::AppState;
use crate::error::{AppError, PageError};
use crate::extract::MaybeUser;
use crate::i18n::cookie;
use axum::Form;
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use corridor_core::language::Language;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Choice {
    lang: String,
    /// Present when signed in: the choice is then also kept with the account.
    csrf: Option<String>,
}

/// The page the switch was made on, when it is one of ours: the path and query of a same-site referrer.
fn back(headers: &HeaderMap) -> String {
    let referer = headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("/");
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let path = referer
        .strip_prefix("http://")
        .or_else(|| referer.strip_prefix("https://"))
        .and_then(|rest| rest.strip_prefix(host))
        .filter(|_| !host.is_empty())
        .unwrap_or(referer);
    if path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') {
        path.to_owned()
    } else {
        "/".to_owned()
    }
}

async fn choose(
    State(s): State<AppState>,
    user: MaybeUser,
    headers: HeaderMap,
    Form(c): Form<Choice>,
) -> Result<Response, PageError> {
    let lang: Language = c.lang.parse().map_err(|e: String| {
        AppError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            format!("lang: {e}"),
        )
        .field("lang")
    })?;
    if let Some(u) = &user.0 {
        // Only the account's own page can change its setting: the form carries the session's token.
        if c.csrf.is_none() || c.csrf != u.csrf {
            return Err(AppError::new(
                StatusCode::FORBIDDEN,
                "forbidden",
                "the form is out of date; reload the page and choose again",
            )
            .into());
        }
        s.store.set_language(&u.actor(), lang).await?;
    }
    let mut res = Redirect::to(&back(&headers)).into_response();
    if let Ok(v) = header::HeaderValue::from_str(&cookie(lang)) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(res)
}

pub(crate) fn routes() -> Router<AppState> {
    Router::new().route("/language", post(choose))
}
