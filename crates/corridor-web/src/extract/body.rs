//! Request bodies and query strings. JSON must say it is JSON; forms must carry the session's CSRF token;
//! every parse failure names the field concerned and changes nothing.

use super::user::{CurrentUser, SignedIn};
use crate::AppState;
use crate::error::{AppError, PageError};
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::{StatusCode, header};
use serde::de::DeserializeOwned;
use serde_json::Value;

fn content_type_is(req: &Request, expected: &str) -> bool {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case(expected))
}

async fn body_bytes(req: Request, state: &AppState) -> Result<Bytes, AppError> {
    Bytes::from_request(req, state).await.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            AppError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too_large",
                format!(
                    "the request body is larger than the {} bytes allowed",
                    state.config.max_body_bytes
                ),
            )
        } else {
            AppError::new(
                StatusCode::BAD_REQUEST,
                "unreadable_body",
                "the request body could not be read",
            )
        }
    })
}

/// Turns a deserialisation failure into an error naming the field, taken from the path or the message.
fn data_error(path: &serde_path_to_error::Path, message: String) -> AppError {
    let unknown = message
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split('`').next())
        .map(str::to_owned);
    let at = path.to_string();
    let field = unknown
        .clone()
        .or_else(|| (at != ".").then_some(at))
        .unwrap_or_else(|| "input".into());
    let message = match unknown {
        Some(f) => format!("{f}: this field is not part of the request"),
        None => format!("{field}: {message}"),
    };
    AppError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", message).field(field)
}

/// A JSON body of type `T`.
pub(crate) struct ApiJson<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for ApiJson<T> {
    type Rejection = AppError;
    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        if !content_type_is(&req, "application/json") {
            return Err(AppError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "send the body as JSON with `Content-Type: application/json`",
            ));
        }
        let bytes = body_bytes(req, state).await?;
        let mut de = serde_json::Deserializer::from_slice(&bytes);
        let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let path = e.path().clone();
            let inner = e.into_inner();
            match inner.classify() {
                serde_json::error::Category::Data => data_error(&path, strip_position(&inner)),
                _ => AppError::new(
                    StatusCode::BAD_REQUEST,
                    "malformed_json",
                    format!("the body is not valid JSON: {inner}"),
                ),
            }
        })?;
        de.end().map_err(|e| {
            AppError::new(
                StatusCode::BAD_REQUEST,
                "malformed_json",
                format!("the body is not valid JSON: {e}"),
            )
        })?;
        Ok(ApiJson(value))
    }
}

fn strip_position(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.find(" at line ") {
        Some(i) => s[..i].to_owned(),
        None => s,
    }
}

/// A query string of type `T`.
pub(crate) struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned> FromRequestParts<AppState> for ApiQuery<T> {
    type Rejection = AppError;
    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or("");
        serde_path_to_error::deserialize(parse_pairs(serde_urlencoded_pairs(query.as_bytes())))
            .map(ApiQuery)
            .map_err(|e| data_error(&e.path().clone(), e.into_inner().to_string()))
    }
}

fn serde_urlencoded_pairs(bytes: &[u8]) -> Vec<(String, String)> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(bytes).unwrap_or_default()
}

/// The pairs of a form body or query string as a JSON object (see [`corridor_core::input::pairs_value`]).
pub(crate) fn parse_pairs(pairs: Vec<(String, String)>) -> Value {
    corridor_core::input::pairs_value(pairs)
}

pub(crate) fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// A form posted by a signed-in browser, with the session's CSRF token checked and removed.
pub(crate) struct CsrfForm<T> {
    pub user: SignedIn,
    pub form: T,
}

impl<T: DeserializeOwned> FromRequest<AppState> for CsrfForm<T> {
    type Rejection = axum::response::Response;
    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        use axum::response::IntoResponse;
        let (mut parts, body) = req.into_parts();
        let CurrentUser(user) = CurrentUser::from_request_parts(&mut parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let req = Request::from_parts(parts, body);
        let page = |e: AppError| PageError(e).into_response();
        if !content_type_is(&req, "application/x-www-form-urlencoded") {
            return Err(page(AppError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "forms must be sent as application/x-www-form-urlencoded",
            )));
        }
        let bytes = body_bytes(req, state).await.map_err(page)?;
        let mut pairs = serde_urlencoded_pairs(&bytes);
        let sent = pairs
            .iter()
            .position(|(k, _)| k == "csrf")
            .map(|i| pairs.remove(i).1);
        let valid = match (&user.csrf, sent) {
            (Some(expected), Some(sent)) => same(expected, &sent),
            _ => false,
        };
        if !valid {
            return Err(page(AppError::new(
                StatusCode::FORBIDDEN,
                "csrf",
                "this form has expired or was sent from another site; go back, reload the page and send it again",
            )));
        }
        let form = serde_path_to_error::deserialize(parse_pairs(pairs))
            .map_err(|e| page(data_error(&e.path().clone(), e.into_inner().to_string())))?;
        Ok(CsrfForm { user, form })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_form_keys_become_lists() {
        let v = parse_pairs(vec![
            ("name".into(), "BoI".into()),
            ("restricted_to".into(), "a".into()),
            ("restricted_to".into(), "b".into()),
        ]);
        assert_eq!(v["name"], "BoI");
        assert_eq!(v["restricted_to"], serde_json::json!(["a", "b"]));
    }

    #[test]
    fn token_comparison_needs_equal_strings() {
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("abc", "ab"));
    }
}
