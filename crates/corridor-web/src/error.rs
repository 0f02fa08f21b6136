//! The one error type of the web layer and its two renderings: the JSON envelope of the API and an HTML page.
//! Server-side failures are logged once, with a reference the client is shown instead of any detail.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use corridor_core::FieldError;
use corridor_store::StoreError;
use serde::Serialize;

/// What went wrong, ready to show a client.
#[derive(Debug)]
pub(crate) struct AppError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub field: Option<String>,
    pub details: Vec<FieldError>,
}

impl AppError {
    pub(crate) fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        AppError {
            status,
            code,
            message: message.into(),
            field: None,
            details: vec![],
        }
    }

    pub(crate) fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub(crate) fn not_found() -> Self {
        AppError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            "there is no such record",
        )
    }

    pub(crate) fn internal(detail: &dyn std::fmt::Display) -> Self {
        let reference = uuid::Uuid::new_v4().simple().to_string();
        tracing::error!(error.reference = %reference, "request failed: {detail}");
        AppError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            format!(
                "something went wrong on the server; quote reference {reference} to the administrator"
            ),
        )
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound { entity } => AppError::new(
                StatusCode::NOT_FOUND,
                "not_found",
                format!("there is no such {entity}"),
            ),
            StoreError::Invalid(errors) => {
                let first = errors
                    .first()
                    .cloned()
                    .unwrap_or_else(|| FieldError::new("input", "is not valid"));
                AppError {
                    status: StatusCode::UNPROCESSABLE_ENTITY,
                    code: "invalid",
                    message: format!("{}: {}", first.field, first.message),
                    field: Some(first.field),
                    details: errors.0,
                }
            }
            StoreError::Conflict { field, message } => AppError {
                field,
                ..AppError::new(StatusCode::CONFLICT, "conflict", message)
            },
            StoreError::Forbidden(m) => AppError::new(StatusCode::FORBIDDEN, "forbidden", m),
            StoreError::Unauthenticated(m) => {
                AppError::new(StatusCode::UNAUTHORIZED, "unauthenticated", m)
            }
            other => AppError::internal(&other),
        }
    }
}

impl From<corridor_core::ValidationErrors> for AppError {
    fn from(e: corridor_core::ValidationErrors) -> Self {
        StoreError::Invalid(e).into()
    }
}

#[derive(Serialize)]
struct Envelope<'a> {
    error: Body<'a>,
}

#[derive(Serialize)]
struct Body<'a> {
    code: &'a str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    details: &'a [FieldError],
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let body = Envelope {
            error: Body {
                code: self.code,
                message: &self.message,
                field: self.field.as_deref(),
                details: &self.details,
            },
        };
        (self.status, axum::Json(body)).into_response()
    }
}

/// The same error as an HTML page, for browser routes.
#[derive(Debug)]
pub(crate) struct PageError(pub AppError);

impl<E: Into<AppError>> From<E> for PageError {
    fn from(e: E) -> Self {
        PageError(e.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let e = self.0;
        let key = match e.status {
            StatusCode::NOT_FOUND => "error-not-found",
            StatusCode::FORBIDDEN => "error-forbidden",
            StatusCode::CONFLICT => "error-conflict",
            StatusCode::TOO_MANY_REQUESTS => "error-too-many",
            s if s.is_client_error() => "error-request",
            _ => "error-server",
        };
        let tr = crate::i18n::Tr::current();
        let page = crate::pages::ErrorPage {
            title: tr.t(key),
            status: e.status.as_u16(),
            message: e.message,
            tr,
        };
        let html = askama::Template::render(&page).unwrap_or_else(|_| "error".to_owned());
        (e.status, Html(html)).into_response()
    }
}
