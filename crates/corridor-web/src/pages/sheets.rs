//! Spreadsheet round trips of the register: download the filtered list as XLSX or CSV, edit it, upload it
//! back. An upload is first checked and shown (what would be created, what changed field by field, every
//! problem by row and column); the changes are made only when the officer applies them, all at once.

use crate::AppState;
use crate::api::RegisterQuery;
use crate::error::{AppError, PageError};
use crate::extract::{CsrfForm, CurrentUser, MaybeUser, SignedIn};
use crate::pages::{Layout, render, upload};
use askama::Template;
use axum::Router;
use axum::extract::{Multipart, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use corridor_core::Viewer;
use corridor_core::meeting::register_sheet;
use corridor_core::sheet::{Cell, ImportReport, RowProblem, read_rows};
use corridor_store::Page;
use serde::Deserialize;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/register/export.xlsx", get(export_xlsx))
        .route("/register/export.csv", get(export_csv))
        .route("/register/import", get(import_form).post(check))
        .route("/register/import/apply", post(apply))
}

/// Every outcome the filters select that the viewer may see, as sheet rows.
pub(crate) async fn register_rows(
    s: &AppState,
    viewer: &Viewer,
    q: &RegisterQuery,
) -> Result<Vec<Vec<Cell>>, AppError> {
    let filter = q.filter()?;
    let mut page = Page::first(500);
    let mut rows = Vec::new();
    loop {
        let got = s.store.register(viewer, &filter, &page).await?;
        rows.extend(got.items.iter().map(register_sheet::row_of));
        match got.next {
            Some(next) if rows.len() < corridor_core::sheet::MAX_ROWS => page.after = Some(next),
            _ => break,
        }
    }
    Ok(rows)
}

fn download(bytes: Vec<u8>, kind: &'static str, name: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, kind.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

fn file_name(ext: &str) -> String {
    format!("corridor-register-{}.{ext}", corridor_core::now().date())
}

async fn export_xlsx(
    State(s): State<AppState>,
    user: MaybeUser,
    Query(q): Query<RegisterQuery>,
) -> Result<Response, PageError> {
    let rows = register_rows(&s, &user.viewer(), &q).await?;
    let bytes = corridor_formats::sheet::write_xlsx("Register", register_sheet::COLUMNS, &rows)
        .map_err(|e| AppError::internal(&format!("the XLSX file could not be written: {e}")))?;
    Ok(download(
        bytes,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        &file_name("xlsx"),
    ))
}

async fn export_csv(
    State(s): State<AppState>,
    user: MaybeUser,
    Query(q): Query<RegisterQuery>,
) -> Result<Response, PageError> {
    let rows = register_rows(&s, &user.viewer(), &q).await?;
    let bytes = corridor_formats::sheet::write_csv(register_sheet::COLUMNS, &rows);
    Ok(download(
        bytes,
        "text/csv; charset=utf-8",
        &file_name("csv"),
    ))
}

/// Reads a file and checks it against the register; `apply` makes the changes when nothing is rejected.
pub(crate) async fn import(
    s: &AppState,
    user: &SignedIn,
    bytes: &[u8],
    apply: bool,
) -> Result<ImportReport, AppError> {
    let rejected = |problems: Vec<RowProblem>| ImportReport {
        rejected: problems,
        ..Default::default()
    };
    let table = match corridor_formats::sheet::read(bytes) {
        Ok(t) => t,
        Err(e) => return Ok(rejected(vec![e.into()])),
    };
    let rows = match read_rows(register_sheet::COLUMNS, &table) {
        Ok(r) => r,
        Err(errors) => return Ok(rejected(errors.into_iter().map(Into::into).collect())),
    };
    Ok(s.store.import_register(&user.actor(), &rows, apply).await?)
}

#[derive(Template)]
#[template(path = "import.html")]
struct ImportPage {
    layout: Layout,
    report: Option<ImportReport>,
    /// The checked file, carried to the apply button.
    sheet: String,
}

async fn import_form(State(s): State<AppState>, user: CurrentUser) -> Response {
    render(&ImportPage {
        layout: Layout::new(&s, Some(&user), "Import the register from a spreadsheet").await,
        report: None,
        sheet: String::new(),
    })
}

async fn check(
    State(s): State<AppState>,
    user: CurrentUser,
    form: Multipart,
) -> Result<Response, PageError> {
    let (_, file) = upload::read_form(&user, form).await?;
    let (_, bytes) = file.ok_or_else(|| upload::bad("file: choose the spreadsheet to import"))?;
    let report = import(&s, &user, &bytes, false).await?;
    let status = if report.rejected.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = ImportPage {
        layout: Layout::new(&s, Some(&user), "Check of the register import").await,
        report: Some(report),
        sheet: BASE64.encode(&bytes),
    };
    Ok((status, render(&page)).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ApplyForm {
    sheet: String,
}

async fn apply(
    State(s): State<AppState>,
    form: CsrfForm<ApplyForm>,
) -> Result<Response, PageError> {
    let bytes = BASE64.decode(form.form.sheet.trim()).map_err(|_| {
        upload::bad("sheet: the checked file did not come back whole; upload it again")
    })?;
    let report = import(&s, &form.user, &bytes, true).await?;
    let status = if report.applied {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = ImportPage {
        layout: Layout::new(&s, Some(&form.user), "Register import").await,
        report: Some(report),
        sheet: String::new(),
    };
    Ok((status, render(&page)).into_response())
}
