//! Evidence documents and signed copies on the instrument page: the list, and the upload form (multipart, with
//! the session's CSRF token like every other form).

use crate::AppState;
use crate::error::PageError;
use crate::extract::CurrentUser;
use axum::extract::{Multipart, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
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

pub(crate) async fn upload(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    form: Multipart,
) -> Result<Response, PageError> {
    let sent = crate::pages::upload::read(&user, form).await?;
    let target = sent.fields.get("target").cloned().unwrap_or_default();
    let (entity, entity_id) = target.split_once(':').ok_or_else(|| {
        crate::pages::upload::bad("target: choose the step or version to attach the file to")
    })?;
    s.store
        .attach(
            &user.actor(),
            AttachmentId::new(),
            entity,
            entity_id,
            &sent.upload,
            sent.bytes.to_vec(),
        )
        .await?;
    Ok(Redirect::to(&format!("/instruments/{id}#files")).into_response())
}
