//! Evidence documents and signed copies on the instrument page: the list, and the upload form (multipart, with
//! the session's CSRF token like every other form).

use crate::AppState;
use crate::error::{AppError, PageError};
use crate::extract::CurrentUser;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use corridor_core::attachment::{MAX_BYTES, check};
use corridor_core::ids::AttachmentId;
use corridor_core::instrument::view::{AttachmentView, StepView, VersionView};

/// One attached file as a row.
pub(crate) struct FileRow {
    pub id: String,
    pub filename: String,
    pub attached_to: String,
    pub size: String,
    pub media_type: String,
}

fn size(bytes: i64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / 1_048_576.0)
    } else {
        format!("{} KB", (bytes + 1023) / 1024)
    }
}

/// The rows, each naming the step or version it is attached to.
pub(crate) fn rows(
    files: &[AttachmentView],
    steps: &[StepView],
    versions: &[VersionView],
) -> Vec<FileRow> {
    files
        .iter()
        .map(|f| {
            let to = steps
                .iter()
                .find(|s| s.id == f.entity_id)
                .map(|s| {
                    format!(
                        "step: {} {}",
                        super::page::step_name(&s.kind),
                        s.acted_on.clone().unwrap_or_default()
                    )
                })
                .or_else(|| {
                    versions
                        .iter()
                        .find(|v| v.id == f.entity_id)
                        .map(|v| format!("version {}: {}", v.number, v.label))
                })
                .unwrap_or_default();
            FileRow {
                id: f.id.clone(),
                filename: f.filename.clone(),
                attached_to: to,
                size: size(f.size),
                media_type: f.media_type.clone(),
            }
        })
        .collect()
}

fn bad(message: impl Into<String>) -> PageError {
    PageError(AppError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid",
        message,
    ))
}

pub(crate) async fn upload(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    mut form: Multipart,
) -> Result<Response, PageError> {
    let (mut csrf, mut target, mut file, mut filename) = (None, None, None, String::new());
    while let Some(field) = form
        .next_field()
        .await
        .map_err(|e| bad(format!("the upload could not be read: {e}")))?
    {
        match field.name() {
            Some("csrf") => csrf = field.text().await.ok(),
            Some("target") => target = field.text().await.ok(),
            Some("file") => {
                filename = field.file_name().unwrap_or_default().to_owned();
                file = Some(
                    field
                        .bytes()
                        .await
                        .map_err(|e| bad(format!("file: could not be read: {e}")))?,
                );
            }
            _ => {}
        }
    }
    let valid = matches!((&user.csrf, &csrf), (Some(a), Some(b)) if crate::extract::same(a, b));
    if !valid {
        return Err(PageError(AppError::new(
            StatusCode::FORBIDDEN,
            "csrf",
            "this form has expired or was sent from another site; go back, reload the page and send it again",
        )));
    }
    let target = target.unwrap_or_default();
    let (entity, entity_id) = target
        .split_once(':')
        .ok_or_else(|| bad("target: choose the step or version to attach the file to"))?;
    let bytes = file.ok_or_else(|| bad("file: choose a file"))?;
    let upload = check(&bytes, &filename, MAX_BYTES)
        .map_err(|e| bad(format!("{}: {}", e.field, e.message)))?;
    s.store
        .attach(
            &user.actor(),
            AttachmentId::new(),
            entity,
            entity_id,
            &upload,
            bytes.to_vec(),
        )
        .await?;
    Ok(Redirect::to(&format!("/instruments/{id}#files")).into_response())
}
