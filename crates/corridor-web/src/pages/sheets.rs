//! Spreadsheet round trips of the register, the portfolio's milestones, organisations and people: download the
//! list as XLSX or CSV, edit it, upload it back. An upload is first checked and shown (what would be created, what changed
//! field by field, every problem by row and column); the changes are made only when the officer applies
//! them, all at once.

use crate::AppState;
use crate::api::RegisterQuery;
use crate::error::{AppError, PageError};
use crate::extract::{CsrfForm, CurrentUser, MaybeUser, SignedIn};
use crate::pages::{Layout, render, upload};
use askama::Template;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Multipart, RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use base64::Engine;
// URL-safe and unpadded: the checked file goes back in a form field, where `+`, `/` and `=` would each take
// three bytes.
use base64::engine::general_purpose::URL_SAFE_NO_PAD as BASE64;
use corridor_core::Viewer;
use corridor_core::directory::sheet as directory_sheet;
use corridor_core::meeting::register_sheet;
use corridor_core::portfolio::milestone_sheet;
use corridor_core::sheet::{Cell, ImportReport, RowProblem, read_rows};
use corridor_store::Page;
use serde::Deserialize;

/// The largest spreadsheet an import takes: about the 50,000 rows read at once (`MAX_ROWS`) of a register
/// exported as CSV. Above the server's general body limit (2 MB by default), which a whole register passes.
pub(crate) const SHEET_MAX_BYTES: usize = 16 * 1024 * 1024;

/// The upload form's own fields (the CSRF token, the multipart boundaries) besides the file.
const FORM_SLACK: usize = 64 * 1024;

/// The Apply form carries the checked file back, in unpadded URL-safe base64: four bytes for each three.
const APPLY_MAX_BYTES: usize = SHEET_MAX_BYTES.div_ceil(3) * 4 + FORM_SLACK;

/// The kinds of record that make a round trip.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sheet {
    Register,
    Milestones,
    Organisations,
    People,
}

impl Sheet {
    /// Where its pages are: `/register/export.xlsx`, `/milestones/import`…
    fn base(self) -> &'static str {
        match self {
            Sheet::Register => "/register",
            Sheet::Milestones => "/milestones",
            Sheet::Organisations => "/organisations",
            Sheet::People => "/people",
        }
    }
    fn noun(self) -> &'static str {
        match self {
            Sheet::Register => "register",
            Sheet::Milestones => "milestones",
            Sheet::Organisations => "organisations",
            Sheet::People => "people",
        }
    }
    /// The XLSX worksheet's name.
    fn title(self) -> &'static str {
        match self {
            Sheet::Register => "Register",
            Sheet::Milestones => "Milestones",
            Sheet::Organisations => "Organisations",
            Sheet::People => "People",
        }
    }
    fn columns(self) -> &'static [corridor_core::sheet::Column] {
        match self {
            Sheet::Register => register_sheet::COLUMNS,
            Sheet::Milestones => milestone_sheet::COLUMNS,
            Sheet::Organisations => directory_sheet::ORGANISATION_COLUMNS,
            Sheet::People => directory_sheet::PERSON_COLUMNS,
        }
    }
}

pub(crate) fn router() -> Router<AppState> {
    let mut r = Router::new();
    for sheet in [
        Sheet::Register,
        Sheet::Milestones,
        Sheet::Organisations,
        Sheet::People,
    ] {
        let base = sheet.base();
        r = r
            .route(
                &format!("{base}/export.xlsx"),
                get(move |s, u, q| export(s, u, q, sheet, true)),
            )
            .route(
                &format!("{base}/export.csv"),
                get(move |s, u, q| export(s, u, q, sheet, false)),
            )
            .route(
                &format!("{base}/import"),
                get(move |s, u| import_form(s, u, sheet))
                    .post(move |s, u, f| check(s, u, f, sheet))
                    .layer(DefaultBodyLimit::max(SHEET_MAX_BYTES + FORM_SLACK)),
            )
            .route(
                &format!("{base}/import/apply"),
                post(move |s, f| apply(s, f, sheet)).layer(DefaultBodyLimit::max(APPLY_MAX_BYTES)),
            );
    }
    r
}

/// Filters of the milestones sheet.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct MilestoneQuery {
    /// Only this project's milestones.
    project_id: Option<String>,
}

/// Every milestone of every project the viewer may see (or of one), as sheet rows.
async fn milestone_rows(
    s: &AppState,
    viewer: &Viewer,
    q: &MilestoneQuery,
) -> Result<Vec<Vec<Cell>>, AppError> {
    let filter = corridor_store::portfolio::ProjectFilter::default();
    let mut page = Page::first(500);
    let mut projects = Vec::new();
    loop {
        let got = s.store.projects(viewer, &filter, &page).await?;
        projects.extend(
            got.items
                .into_iter()
                .filter(|p| q.project_id.as_ref().is_none_or(|id| *id == p.id))
                .map(|p| (p.id, p.name)),
        );
        match got.next {
            Some(next) => page.after = Some(next),
            None => break,
        }
    }
    let ids: Vec<String> = projects.iter().map(|p| p.0.clone()).collect();
    let mut by_project = s.store.milestones_by_project(viewer, &ids).await?;
    Ok(projects
        .iter()
        .flat_map(|(id, name)| {
            by_project
                .remove(id)
                .unwrap_or_default()
                .iter()
                .map(|m| milestone_sheet::row_of(m, name))
                .collect::<Vec<_>>()
        })
        .collect())
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

/// Every organisation the list's filters select that the viewer may see, as sheet rows.
async fn organisation_rows(
    s: &AppState,
    viewer: &Viewer,
    q: &crate::pages::directory::organisation::ListQuery,
) -> Result<Vec<Vec<Cell>>, AppError> {
    let filter = q.filter();
    let mut page = Page::first(500);
    let mut rows = Vec::new();
    loop {
        let got = s.store.organisations(viewer, &filter, &page).await?;
        rows.extend(got.items.iter().map(directory_sheet::organisation_row));
        match got.next {
            Some(next) if rows.len() < corridor_core::sheet::MAX_ROWS => page.after = Some(next),
            _ => break,
        }
    }
    Ok(rows)
}

/// Every person the list's filters select that the viewer may see, as sheet rows.
async fn person_rows(
    s: &AppState,
    viewer: &Viewer,
    q: &crate::pages::directory::person::ListQuery,
) -> Result<Vec<Vec<Cell>>, AppError> {
    let filter = q.filter();
    let mut page = Page::first(500);
    let mut rows = Vec::new();
    loop {
        let got = s.store.people(viewer, &filter, &page).await?;
        rows.extend(got.items.iter().map(directory_sheet::person_row));
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

async fn export(
    State(s): State<AppState>,
    user: MaybeUser,
    RawQuery(raw): RawQuery,
    sheet: Sheet,
    xlsx: bool,
) -> Result<Response, PageError> {
    let raw = raw.unwrap_or_default();
    let bad =
        |e: serde_urlencoded::de::Error| upload::bad(format!("the filters cannot be read: {e}"));
    let viewer = user.viewer();
    let rows = match sheet {
        Sheet::Register => {
            register_rows(&s, &viewer, &serde_urlencoded::from_str(&raw).map_err(bad)?).await?
        }
        Sheet::Milestones => {
            milestone_rows(&s, &viewer, &serde_urlencoded::from_str(&raw).map_err(bad)?).await?
        }
        Sheet::Organisations => {
            organisation_rows(&s, &viewer, &serde_urlencoded::from_str(&raw).map_err(bad)?).await?
        }
        Sheet::People => {
            person_rows(&s, &viewer, &serde_urlencoded::from_str(&raw).map_err(bad)?).await?
        }
    };
    let name = format!("corridor-{}-{}", sheet.noun(), corridor_core::now().date());
    Ok(if xlsx {
        let bytes = corridor_formats::sheet::write_xlsx(sheet.title(), sheet.columns(), &rows)
            .map_err(|e| AppError::internal(&format!("the XLSX file could not be written: {e}")))?;
        download(
            bytes,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            &format!("{name}.xlsx"),
        )
    } else {
        download(
            corridor_formats::sheet::write_csv(sheet.columns(), &rows),
            "text/csv; charset=utf-8",
            &format!("{name}.csv"),
        )
    })
}

/// Reads a file and checks it against the records; `apply` makes the changes when nothing is rejected.
async fn import(
    s: &AppState,
    user: &SignedIn,
    bytes: &[u8],
    sheet: Sheet,
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
    let rows = match read_rows(sheet.columns(), &table) {
        Ok(r) => r,
        Err(errors) => return Ok(rejected(errors.into_iter().map(Into::into).collect())),
    };
    let actor = user.actor();
    Ok(match sheet {
        Sheet::Register => s.store.import_register(&actor, &rows, apply).await?,
        Sheet::Milestones => s.store.import_milestones(&actor, &rows, apply).await?,
        Sheet::Organisations => s.store.import_organisations(&actor, &rows, apply).await?,
        Sheet::People => s.store.import_people(&actor, &rows, apply).await?,
    })
}

#[derive(Template)]
#[template(path = "import.html")]
struct ImportPage {
    layout: Layout,
    /// Where this kind's pages are, e.g. `/register`.
    base: &'static str,
    report: Option<ImportReport>,
    /// The checked file, carried to the apply button.
    sheet: String,
}

/// The import page: the upload form, or a report with `status`.
async fn page(
    s: &AppState,
    user: &SignedIn,
    sheet: Sheet,
    report: Option<ImportReport>,
    file: &[u8],
) -> Response {
    let (title, status) = match &report {
        None => ("Import the {} from a spreadsheet", StatusCode::OK),
        Some(r) if r.applied => ("Import of the {}", StatusCode::OK),
        Some(r) if r.rejected.is_empty() => ("Check of the {} import", StatusCode::OK),
        Some(_) => ("Check of the {} import", StatusCode::UNPROCESSABLE_ENTITY),
    };
    let page = ImportPage {
        layout: Layout::new(s, Some(user), title.replace("{}", sheet.noun())).await,
        base: sheet.base(),
        // Only a sound check carries the file on to its Apply button.
        sheet: match &report {
            Some(r) if !r.applied && r.rejected.is_empty() => BASE64.encode(file),
            _ => String::new(),
        },
        report,
    };
    (status, render(&page)).into_response()
}

async fn import_form(State(s): State<AppState>, user: CurrentUser, sheet: Sheet) -> Response {
    page(&s, &user, sheet, None, &[]).await
}

async fn check(
    State(s): State<AppState>,
    user: CurrentUser,
    form: Multipart,
    sheet: Sheet,
) -> Result<Response, PageError> {
    let (_, file) = upload::read_form(&user, form).await.map_err(|e| {
        // Past the route's limit the multipart reader stops with its own words; say what the limit is.
        if e.0.status == StatusCode::PAYLOAD_TOO_LARGE {
            too_large()
        } else {
            e
        }
    })?;
    let (_, bytes) = file.ok_or_else(|| upload::bad("file: choose the spreadsheet to import"))?;
    if bytes.len() > SHEET_MAX_BYTES {
        return Err(too_large());
    }
    let report = import(&s, &user, &bytes, sheet, false).await?;
    Ok(page(&s, &user, sheet, Some(report), &bytes).await)
}

fn too_large() -> PageError {
    PageError(AppError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "too_large",
        format!(
            "file: the spreadsheet is larger than the {} MB an import takes; split it into several files",
            SHEET_MAX_BYTES / (1024 * 1024)
        ),
    ))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ApplyForm {
    sheet: String,
}

async fn apply(
    State(s): State<AppState>,
    form: CsrfForm<ApplyForm>,
    sheet: Sheet,
) -> Result<Response, PageError> {
    let bytes = BASE64.decode(form.form.sheet.trim()).map_err(|_| {
        upload::bad("sheet: the checked file did not come back whole; upload it again")
    })?;
    let report = import(&s, &form.user, &bytes, sheet, true).await?;
    Ok(page(&s, &form.user, sheet, Some(report), &[]).await)
}

/// The filtered register as a spreadsheet, and the import for those who may write.
pub(crate) fn register_links(
    params: &[(String, String)],
    signed_in: bool,
) -> Vec<(String, String)> {
    let query = serde_urlencoded::to_string(params).unwrap_or_default();
    links("/register", &query, signed_in)
}

/// A directory list, filtered as `filters` say, as a spreadsheet, and its import for those who may write.
pub(crate) fn sheet_links(
    base: &str,
    filters: &[(&str, Option<&str>)],
    signed_in: bool,
) -> Vec<(String, String)> {
    let pairs: Vec<(&str, &str)> = filters
        .iter()
        .filter_map(|(k, v)| v.filter(|v| !v.is_empty()).map(|v| (*k, v)))
        .collect();
    let query = serde_urlencoded::to_string(pairs).unwrap_or_default();
    links(base, &query, signed_in)
}

fn links(base: &str, query: &str, signed_in: bool) -> Vec<(String, String)> {
    let mut links = vec![
        (
            "Download as a spreadsheet (XLSX)".to_owned(),
            format!("{base}/export.xlsx?{query}"),
        ),
        (
            "Download as CSV".to_owned(),
            format!("{base}/export.csv?{query}"),
        ),
    ];
    if signed_in {
        links.push((
            "Import changes from a spreadsheet".to_owned(),
            format!("{base}/import"),
        ));
    }
    links
}
