//! The minutes' forms on a meeting's page: each posts one store operation and returns to the meeting.

use crate::AppState;
use crate::error::{AppError, PageError};
use crate::extract::{CsrfForm, MaybeUser};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use corridor_core::ValidationErrors;
use corridor_core::input::limit;
use corridor_core::language::Translations;
use corridor_formats::record::{Parallel, RecordDocument, RecordItem, RecordOutcome};
use serde::Deserialize;

fn back(meeting_id: &str) -> Response {
    Redirect::to(&format!("/meetings/{meeting_id}#minutes")).into_response()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct EntryForm {
    agenda_item_id: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    text_zh: String,
    #[serde(default)]
    text_ur: String,
}

pub(crate) async fn write(
    State(s): State<AppState>,
    Path(id): Path<String>,
    form: CsrfForm<EntryForm>,
) -> Result<Response, PageError> {
    let f = &form.form;
    let translations = Translations::parse("text", Some(&f.text_zh), Some(&f.text_ur), limit::TEXT)
        .map_err(|e| AppError::from(ValidationErrors::one(&e.field, e.message)))?;
    s.store
        .write_minutes(
            &form.user.actor(),
            &f.agenda_item_id,
            &f.text,
            &translations,
        )
        .await?;
    Ok(back(&id))
}

#[derive(Deserialize)]
pub(crate) struct Nothing {}

pub(crate) async fn circulate(
    State(s): State<AppState>,
    Path(id): Path<String>,
    form: CsrfForm<Nothing>,
) -> Result<Response, PageError> {
    s.store.circulate_minutes(&form.user.actor(), &id).await?;
    Ok(back(&id))
}

pub(crate) async fn agree(
    State(s): State<AppState>,
    Path(id): Path<String>,
    form: CsrfForm<Nothing>,
) -> Result<Response, PageError> {
    s.store.agree_minutes(&form.user.actor(), &id).await?;
    Ok(back(&id))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SignForm {
    #[serde(default)]
    password: String,
}

pub(crate) async fn sign(
    State(s): State<AppState>,
    Path(id): Path<String>,
    form: CsrfForm<SignForm>,
) -> Result<Response, PageError> {
    s.store
        .sign_minutes(&form.user.actor(), &id, &form.form.password)
        .await?;
    Ok(back(&id))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RedlineForm {
    agenda_item_id: String,
    #[serde(default)]
    language: String,
    #[serde(default)]
    proposed_text: String,
}

pub(crate) async fn redline(
    State(s): State<AppState>,
    Path(version): Path<String>,
    form: CsrfForm<RedlineForm>,
) -> Result<Response, PageError> {
    let meeting = s
        .store
        .propose_redline(
            &form.user.actor(),
            &version,
            &form.form.agenda_item_id,
            &form.form.language,
            &form.form.proposed_text,
        )
        .await?;
    Ok(back(&meeting))
}

pub(crate) async fn review(
    State(s): State<AppState>,
    Path(version): Path<String>,
    form: CsrfForm<Nothing>,
) -> Result<Response, PageError> {
    let meeting = s.store.finish_review(&form.user.actor(), &version).await?;
    Ok(back(&meeting))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DecisionForm {
    accept: String,
    #[serde(default)]
    reason: Option<String>,
}

pub(crate) async fn decide(
    State(s): State<AppState>,
    Path(redline): Path<String>,
    form: CsrfForm<DecisionForm>,
) -> Result<Response, PageError> {
    let accept = form.form.accept == "true";
    let meeting = s
        .store
        .decide_redline(
            &form.user.actor(),
            &redline,
            accept,
            form.form.reason.as_deref(),
        )
        .await?;
    Ok(back(&meeting))
}

/// The signed record as a file, accepted with a session cookie or a bearer token.
pub(crate) async fn record(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let record = s.store.signed_record(&user.viewer(), &id).await?;
    let body = serde_json::to_string_pretty(&record).unwrap_or_default();
    let disposition = format!("attachment; filename=\"record-of-discussions-{id}.json\"");
    Ok((
        [
            (header::CONTENT_TYPE, "application/json".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response())
}

/// The Record of Discussions page.
#[derive(Template)]
#[template(path = "rod.html")]
struct RecordPage {
    doc: RecordDocument,
}

/// Fills the record from the latest version's frozen content: the text the co-chairs sign, never the draft.
async fn record_document(
    s: &AppState,
    user: &MaybeUser,
    id: &str,
) -> Result<RecordDocument, PageError> {
    let viewer = user.viewer();
    let m = s.store.meeting(&viewer, id).await?;
    let minutes = s.store.minutes(&viewer, id).await?;
    let latest = minutes.versions.first().ok_or_else(|| {
        PageError(crate::error::AppError::new(
            axum::http::StatusCode::NOT_FOUND,
            "not_found",
            "these minutes have not been circulated yet; the record exists from the first circulated version",
        ))
    })?;
    let content = s.store.minutes_content(&viewer, &latest.id).await?;
    let text = |v: &serde_json::Value| {
        let lang = |code: &str| {
            v.get(code)
                .and_then(|t| t.as_str())
                .unwrap_or_default()
                .to_owned()
        };
        Parallel {
            en: lang("en"),
            zh: lang("zh"),
            ur: lang("ur"),
        }
    };
    let list = |key: &str| content[key].as_array().cloned().unwrap_or_default();
    let delegations = delegation_lines(s, &viewer, id).await?;
    let signed = latest.signatures.iter().map(|sg| {
        let when = format!(
            "for {}, {}",
            sg.party.name.clone().unwrap_or_default(),
            crate::pages::widgets::when(&sg.signed_at)
        );
        (
            sg.person.name.clone().unwrap_or_default(),
            when,
            format!("key {}", sg.fingerprint),
        )
    });
    let pending = minutes.pending_signers.iter().map(|p| {
        (
            p.name.clone().unwrap_or_default(),
            "signature pending".to_owned(),
            String::new(),
        )
    });
    Ok(RecordDocument {
        body: m.body.name.clone().unwrap_or_default(),
        title: m.title.clone(),
        when: format!(
            "{} to {} ({})",
            m.starts_local,
            m.ends_local.get(11..).unwrap_or_default(),
            m.time_zone
        ),
        modality: m
            .modality
            .parse::<corridor_core::meeting::Modality>()
            .map_or(m.modality.clone(), |x| x.label().to_owned()),
        version: latest.number,
        status: latest.status.clone(),
        hash: latest.hash.clone(),
        chairs: list("co_chairs")
            .iter()
            .map(|c| c["name"].as_str().unwrap_or_default().to_owned())
            .collect(),
        delegations,
        items: list("items")
            .iter()
            .map(|i| RecordItem {
                title: text(&i["title"]),
                minutes: text(&i["minutes"]),
            })
            .collect(),
        outcomes: list("outcomes")
            .iter()
            .map(|o| RecordOutcome {
                kind: o["kind"].as_str().unwrap_or_default().replace('_', " "),
                text: text(&o["text"]),
                due: o["due_on"].as_str().unwrap_or("—").to_owned(),
            })
            .collect(),
        signature_state: minutes.signature_state.clone(),
        signatures: signed.chain(pending).collect(),
        bilingual: false,
    }
    .with_layout())
}

/// Each side's delegation as the record lists it.
async fn delegation_lines(
    s: &AppState,
    viewer: &corridor_core::Viewer,
    id: &str,
) -> Result<Vec<(String, usize, Vec<String>)>, PageError> {
    Ok(s.store
        .delegations(viewer, id)
        .await?
        .into_iter()
        .map(|side| {
            let people = side
                .delegates
                .iter()
                .map(|d| {
                    format!(
                        "{}, {} ({})",
                        d.person
                            .name
                            .clone()
                            .unwrap_or_else(|| "(name not visible to you)".into()),
                        d.title.clone().unwrap_or_default(),
                        d.attendance
                    )
                })
                .collect();
            (
                side.party.name.clone().unwrap_or_default(),
                side.organisations_attending,
                people,
            )
        })
        .collect())
}

/// The printable Record of Discussions, accepted with a session cookie or a bearer token.
pub(crate) async fn record_html(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let doc = record_document(&s, &user, &id).await?;
    Ok(crate::pages::render(&RecordPage { doc }))
}

/// The Record of Discussions as a PDF file, laid out off the async threads.
pub(crate) async fn record_pdf(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let doc = record_document(&s, &user, &id).await?;
    let state = s.clone();
    let made = tokio::task::spawn_blocking(move || {
        let fonts = state.pdf_fonts()?;
        corridor_formats::pdf::pdf(&doc, &fonts)
    })
    .await
    .map_err(|e| format!("the PDF could not be made: {e}"))
    .and_then(|r| r);
    let bytes = made.map_err(|e| {
        tracing::error!(error = %e, "record PDF failed");
        PageError(AppError::new(
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            "pdf_unavailable",
            e,
        ))
    })?;
    let disposition = format!("attachment; filename=\"record-of-discussions-{id}.pdf\"");
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response())
}

/// The Record of Discussions as a DOCX file.
pub(crate) async fn record_docx(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let doc = record_document(&s, &user, &id).await?;
    let bytes = corridor_formats::record::docx(&doc).map_err(|e| {
        PageError(crate::error::AppError::new(
            axum::http::StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            e,
        ))
    })?;
    let disposition = format!("attachment; filename=\"record-of-discussions-{id}.docx\"");
    let kind = "application/vnd.openxmlformats-officedocument.wordprocessingml.document".to_owned();
    Ok((
        [
            (header::CONTENT_TYPE, kind),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response())
}
