//! File upload forms (multipart, with the session's CSRF token like every other form): one reader for the
//! instrument page's evidence form and the study page's report form.

use crate::error::{AppError, PageError};
use crate::extract::SignedIn;
use axum::body::Bytes;
use axum::extract::Multipart;
use axum::http::StatusCode;
use corridor_core::attachment::{MAX_BYTES, Upload, check};
use std::collections::HashMap;

/// A refusal of an upload form, naming the field in its message.
pub(crate) fn bad(message: impl Into<String>) -> PageError {
    PageError(AppError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid",
        message,
    ))
}

/// A multipart form that stopped: too large (413, for the route to put in its own words) or broken (422).
fn unreadable(what: &str, e: &axum::extract::multipart::MultipartError) -> PageError {
    let status = match e.status() {
        StatusCode::PAYLOAD_TOO_LARGE => StatusCode::PAYLOAD_TOO_LARGE,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    };
    PageError(AppError::new(
        status,
        "invalid",
        format!("{what}: {}", e.body_text()),
    ))
}

/// What an upload form sent: its text fields, and the file checked (type from its bytes, size, not empty).
pub(crate) struct Sent {
    pub fields: HashMap<String, String>,
    pub upload: Upload,
    pub bytes: Bytes,
}

/// The text fields of a multipart form and the file in its `file` field (its name and bytes), after
/// refusing a form without the session's CSRF token.
pub(crate) async fn read_form(
    user: &SignedIn,
    mut form: Multipart,
) -> Result<(HashMap<String, String>, Option<(String, Bytes)>), PageError> {
    let (mut fields, mut file) = (HashMap::new(), None);
    while let Some(field) = form
        .next_field()
        .await
        .map_err(|e| unreadable("the upload could not be read", &e))?
    {
        let name = field.name().unwrap_or_default().to_owned();
        if name == "file" {
            let filename = field.file_name().unwrap_or_default().to_owned();
            let bytes = field
                .bytes()
                .await
                .map_err(|e| unreadable("file: could not be read", &e))?;
            file = Some((filename, bytes));
        } else {
            fields.insert(name, field.text().await.unwrap_or_default());
        }
    }
    let valid = matches!((&user.csrf, fields.get("csrf")), (Some(a), Some(b)) if crate::extract::same(a, b));
    if !valid {
        return Err(PageError(AppError::new(
            StatusCode::FORBIDDEN,
            "csrf",
            "this form has expired or was sent from another site; go back, reload the page and send it again",
        )));
    }
    Ok((fields, file.filter(|(_, b)| !b.is_empty())))
}

/// Reads the form, refuses it without the session's CSRF token, and checks the file in its `file` field.
pub(crate) async fn read(user: &SignedIn, form: Multipart) -> Result<Sent, PageError> {
    let (fields, file) = read_form(user, form).await?;
    let (filename, bytes) = file.ok_or_else(|| bad("file: choose a file"))?;
    let upload = check(&bytes, &filename, MAX_BYTES)
        .map_err(|e| bad(format!("{}: {}", e.field, e.message)))?;
    Ok(Sent {
        fields,
        upload,
        bytes,
    })
}
