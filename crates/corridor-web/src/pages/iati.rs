//! Importing another publisher's IATI 2.03 file from the browser: the streaming import of
//! `corridor import --iati`, for files up to 64 MB (larger ones go through the command line, which shows a
//! progress bar). Each sound activity becomes or updates a project in its own transaction; the page then
//! reports what was created, what was skipped and why, and every problem with its line.

use crate::AppState;
use crate::error::{AppError, PageError};
use crate::extract::CurrentUser;
use crate::iati_import::{IatiReport, import_iati};
use crate::pages::portfolio::words;
use crate::pages::{Layout, render, upload};
use askama::Template;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use corridor_core::portfolio::ProjectKind;
use corridor_core::visibility::can_create;
use corridor_store::portfolio::IatiImport;

/// The largest file the page takes; the command line streams files of any size from disk.
const IATI_MAX_BYTES: usize = 64 * 1024 * 1024;

/// Problems listed on the page; the rest are counted.
const PROBLEMS_SHOWN: usize = 200;

/// Who may see the imported projects, as the form offers it.
const VISIBILITIES: [(&str, &str); 3] = [
    ("party", "only my side, until we share them"),
    ("shared", "both sides"),
    ("public", "everyone, the public too"),
];

pub(crate) fn router() -> Router<AppState> {
    Router::new().route(
        "/projects/import-iati",
        get(form)
            .post(import)
            .layer(DefaultBodyLimit::max(IATI_MAX_BYTES + 64 * 1024)),
    )
}

#[derive(Template)]
#[template(path = "iati_import.html")]
struct IatiPage {
    layout: Layout,
    kinds: Vec<(String, String)>,
    visibilities: Vec<(String, String)>,
    kind: String,
    visibility: String,
    max_mb: usize,
    /// The file imported and what became of it.
    done: Option<(String, IatiReport)>,
}

impl IatiPage {
    async fn new(s: &AppState, user: &CurrentUser, kind: &str, visibility: &str) -> Self {
        IatiPage {
            layout: Layout::new(s, Some(user), "Import projects from an IATI file").await,
            kinds: words(ProjectKind::ALL, ProjectKind::as_str, ProjectKind::label),
            visibilities: VISIBILITIES
                .iter()
                .map(|(v, l)| ((*v).to_owned(), (*l).to_owned()))
                .collect(),
            kind: kind.to_owned(),
            visibility: visibility.to_owned(),
            max_mb: IATI_MAX_BYTES / (1024 * 1024),
            done: None,
        }
    }

    /// The problems the page lists.
    fn first_problems(&self) -> &[String] {
        self.done.as_ref().map_or(&[], |(_, r)| {
            &r.problems[..r.problems.len().min(PROBLEMS_SHOWN)]
        })
    }

    /// How many problems the page only counts.
    fn more_problems(&self) -> usize {
        self.done
            .as_ref()
            .map_or(0, |(_, r)| r.problems.len().saturating_sub(PROBLEMS_SHOWN))
    }
}

fn forbidden(why: String) -> PageError {
    PageError(AppError::new(StatusCode::FORBIDDEN, "forbidden", why))
}

async fn form(State(s): State<AppState>, user: CurrentUser) -> Result<Response, PageError> {
    can_create(&user.actor(), None).map_err(|d| forbidden(d.0))?;
    Ok(render(
        &IatiPage::new(&s, &user, "revival_project", "party").await,
    ))
}

async fn import(
    State(s): State<AppState>,
    user: CurrentUser,
    form: Multipart,
) -> Result<Response, PageError> {
    let actor = user.actor();
    can_create(&actor, None).map_err(|d| forbidden(d.0))?;
    let too_large = || {
        PageError(AppError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            format!(
                "file: the file is larger than the {} MB this page takes; import it with \
                 `corridor import --iati FILE --as USER`, which reads files of any size",
                IATI_MAX_BYTES / (1024 * 1024)
            ),
        ))
    };
    let (fields, file) = upload::read_form(&user, form).await.map_err(|e| {
        if e.0.status == StatusCode::PAYLOAD_TOO_LARGE {
            too_large()
        } else {
            e
        }
    })?;
    let field = |name: &str| fields.get(name).map_or("", |v| v.trim()).to_owned();
    let (kind, visibility) = (field("kind"), field("visibility"));
    kind.parse::<ProjectKind>()
        .map_err(|e| upload::bad(format!("kind: “{kind}” {e}")))?;
    if !VISIBILITIES.iter().any(|(v, _)| *v == visibility) {
        return Err(upload::bad(format!(
            "visibility: “{visibility}” must be party, shared or public"
        )));
    }
    let (name, bytes) = file.ok_or_else(|| upload::bad("file: choose the IATI file to import"))?;
    if bytes.len() > IATI_MAX_BYTES {
        return Err(too_large());
    }
    let how = IatiImport {
        kind: kind.clone(),
        visibility: visibility.clone(),
        file: name.clone(),
    };
    let report = import_iati(
        &s.store,
        &actor,
        std::io::Cursor::new(bytes),
        &how,
        &mut |_, _| {},
    )
    .await?;
    // A file that is not IATI at all, or stops before its first activity, imported nothing.
    let status = match &report.stopped {
        Some(_) if report.activities == 0 => StatusCode::UNPROCESSABLE_ENTITY,
        _ => StatusCode::OK,
    };
    let mut page = IatiPage::new(&s, &user, &kind, &visibility).await;
    page.done = Some((name, report));
    Ok((status, render(&page)).into_response())
}
