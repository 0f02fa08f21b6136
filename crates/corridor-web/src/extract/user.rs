//! Who is asking. `MaybeUser` for pages and API routes that anonymous visitors may read; `CurrentUser` where
//! signing in is required: pages redirect to the sign-in form, the API answers 401.

use crate::AppState;
use crate::error::{AppError, PageError};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use corridor_core::actor::UserActor;
use corridor_core::{Actor, Viewer};

/// The browser session cookie.
pub(crate) const SESSION_COOKIE: &str = "corridor_session";
/// The cookie that carries the sign-in form's CSRF token before a session exists.
pub(crate) const LOGIN_CSRF_COOKIE: &str = "corridor_login_csrf";

/// A signed-in user, with the session's CSRF token when signed in through a browser.
#[derive(Clone, Debug)]
pub(crate) struct SignedIn {
    pub user: UserActor,
    pub csrf: Option<String>,
}

impl SignedIn {
    pub(crate) fn actor(&self) -> Actor {
        Actor::User(self.user.clone())
    }
    pub(crate) fn viewer(&self) -> Viewer {
        Viewer::User(self.user.clone())
    }
}

/// The signed-in user, if any.
#[derive(Clone, Debug)]
pub(crate) struct MaybeUser(pub Option<SignedIn>);

impl MaybeUser {
    pub(crate) fn viewer(&self) -> Viewer {
        self.0.as_ref().map_or(Viewer::Anonymous, SignedIn::viewer)
    }
}

/// A signed-in user, required.
#[derive(Clone, Debug)]
pub(crate) struct CurrentUser(pub SignedIn);

impl std::ops::Deref for CurrentUser {
    type Target = SignedIn;
    fn deref(&self) -> &SignedIn {
        &self.0
    }
}

/// The value of cookie `name` in the request.
pub(crate) fn cookie(parts: &Parts, name: &str) -> Option<String> {
    parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

/// A `Set-Cookie` value: HttpOnly, SameSite=Lax, Secure when configured; `max_age` 0 deletes it.
pub(crate) fn session_cookie(name: &str, value: &str, max_age_secs: i64, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{secure}")
}

async fn signed_in(parts: &Parts, state: &AppState) -> Result<Option<SignedIn>, AppError> {
    if let Some(auth) = parts.headers.get(header::AUTHORIZATION) {
        let token = auth
            .to_str()
            .ok()
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .ok_or_else(|| {
                AppError::new(
                    StatusCode::UNAUTHORIZED,
                    "unauthenticated",
                    "the Authorization header must be `Bearer TOKEN`",
                )
            })?;
        return match state.store.token_user(token).await? {
            Some(user) => Ok(Some(SignedIn { user, csrf: None })),
            None => Err(AppError::new(
                StatusCode::UNAUTHORIZED,
                "unauthenticated",
                "this API token is unknown or was revoked",
            )),
        };
    }
    let Some(token) = cookie(parts, SESSION_COOKIE) else {
        return Ok(None);
    };
    Ok(state
        .store
        .session(&token)
        .await?
        .map(|(user, csrf)| SignedIn {
            user,
            csrf: Some(csrf),
        }))
}

/// Whether the request is for the API; nested routers see their path without the `/api/v1` prefix, so the
/// original URI decides.
fn is_api(parts: &Parts) -> bool {
    parts
        .extensions
        .get::<axum::extract::OriginalUri>()
        .map_or(&parts.uri, |o| &o.0)
        .path()
        .starts_with("/api/")
}

/// A rejection that fits the route: JSON for the API, a page or a redirect for browsers.
pub(crate) struct Rejection {
    error: AppError,
    api: bool,
    login_redirect: Option<String>,
}

impl IntoResponse for Rejection {
    fn into_response(self) -> Response {
        match (self.api, self.login_redirect) {
            (true, _) => self.error.into_response(),
            (false, Some(to)) => Redirect::to(&to).into_response(),
            (false, None) => PageError(self.error).into_response(),
        }
    }
}

impl FromRequestParts<AppState> for MaybeUser {
    type Rejection = Rejection;
    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        signed_in(parts, state)
            .await
            .map(MaybeUser)
            .map_err(|error| Rejection {
                error,
                api: is_api(parts),
                login_redirect: None,
            })
    }
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = Rejection;
    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        match MaybeUser::from_request_parts(parts, state).await?.0 {
            Some(s) => Ok(CurrentUser(s)),
            None => {
                let next = parts
                    .uri
                    .path_and_query()
                    .map_or("/", |p| p.as_str())
                    .to_owned();
                Err(Rejection {
                    error: AppError::new(
                        StatusCode::UNAUTHORIZED,
                        "unauthenticated",
                        "sign in first",
                    ),
                    api: is_api(parts),
                    login_redirect: Some(format!(
                        "/login?next={}",
                        serde_urlencoded::to_string([("", next.as_str())])
                            .unwrap_or_default()
                            .trim_start_matches('=')
                    )),
                })
            }
        }
    }
}
