//! The meetings area's pages: bodies, meetings with their agenda, outcomes and briefing notes, the register.

mod bodies;
mod meetings;
mod minutes;
mod page;
mod register;
mod register_list;

use crate::AppState;
use crate::pages::Cell;
use axum::Router;
use axum::routing::{get, post};
use corridor_core::meeting::view::RegisterItemView;
use corridor_core::meeting::{OutcomeKind, OutcomeStatus};

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/bodies", get(bodies::list))
        .route("/bodies/{id}", get(bodies::show))
        .route("/meetings", get(meetings::list).post(meetings::create))
        .route("/meetings/new", get(meetings::new_form))
        .route("/meetings/{id}", get(page::show).post(meetings::update))
        .route("/meetings/{id}/edit", get(meetings::edit_form))
        .route("/meetings/{id}/state", post(meetings::change_state))
        .route("/meetings/{id}/agenda/new", get(meetings::agenda_form))
        .route("/agenda-items", post(meetings::add_agenda_item))
        .route("/briefing-notes", post(meetings::add_briefing_note))
        .route("/delegates", post(meetings::add_delegate))
        .route("/meetings/{id}/outcomes/new", get(register::outcome_form))
        .route("/register", get(register_list::list).post(register::create))
        .route("/register/{id}", get(register::show))
        .route("/register/{id}/review", get(register::review_form))
        .route("/reviews", post(register::review))
        .route("/meetings/{id}/minutes", post(minutes::write))
        .route("/meetings/{id}/minutes/circulate", post(minutes::circulate))
        .route("/meetings/{id}/minutes/agree", post(minutes::agree))
        .route("/meetings/{id}/minutes/sign", post(minutes::sign))
        .route("/meetings/{id}/record.json", get(minutes::record))
        .route("/meetings/{id}/record.html", get(minutes::record_html))
        .route("/meetings/{id}/record.docx", get(minutes::record_docx))
        .route("/meetings/{id}/record.pdf", get(minutes::record_pdf))
        .route("/minutes-versions/{id}/redlines", post(minutes::redline))
        .route("/minutes-versions/{id}/review", post(minutes::review))
        .route("/redlines/{id}/decision", post(minutes::decide))
}

/// An outcome in one line: kind, text, due date and status, linked to its page.
pub(crate) fn outcome_cell(i: &RegisterItemView) -> Cell {
    let kind = i
        .kind
        .parse::<OutcomeKind>()
        .map_or(i.kind.as_str(), |k| k.label());
    let status = i
        .status
        .parse::<OutcomeStatus>()
        .map_or(i.status.as_str(), |s| s.label());
    let due = i
        .due_on
        .as_deref()
        .map(|d| format!(", due {d}"))
        .unwrap_or_default();
    let overdue = if i.overdue { ", OVERDUE" } else { "" };
    Cell::link(
        format!("{kind}: {} ({status}{due}{overdue})", i.text),
        format!("/register/{}", i.id),
    )
}

/// The zone the signed-in viewer reads times in, if they chose one.
pub(crate) fn viewer_zone(user: &crate::extract::MaybeUser) -> Option<&str> {
    user.0.as_ref().and_then(|u| u.user.time_zone.as_deref())
}

/// When a meeting starts, in its own zone and, when the viewer's differs, in theirs.
pub(crate) fn when_cell(m: &corridor_core::meeting::view::MeetingView, zone: Option<&str>) -> Cell {
    let own = format!("{} ({})", m.starts_local, m.time_zone);
    match corridor_core::meeting::schedule::for_viewer(&m.starts_at, &m.ends_at, &m.time_zone, zone)
    {
        Some(yours) => Cell::text(format!("{own}; yours: {yours}")),
        None => Cell::text(own),
    }
}

/// Records an agenda item or outcome of `body_id` may link to: the body's outcomes and meetings that the viewer
/// may see, as (`kind:id`, label) choices.
pub(crate) async fn link_choices(
    s: &AppState,
    viewer: &corridor_core::Viewer,
    body_id: &str,
) -> Result<Vec<(String, String)>, crate::error::PageError> {
    let filter = corridor_store::meeting::RegisterFilter {
        body_id: Some(body_id.to_owned()),
        ..Default::default()
    };
    let page = corridor_store::Page {
        after: None,
        limit: Some(500),
    };
    let outcomes = s.store.register(viewer, &filter, &page).await?.items;
    let instruments = s
        .store
        .instruments(viewer, &Default::default(), &page)
        .await?
        .items;
    let meetings = s.store.meetings(viewer, Some(body_id), &page).await?.items;
    let projects = s
        .store
        .projects(viewer, &Default::default(), &page)
        .await?
        .items;
    let studies = s.store.studies(viewer).await?;
    let outcome = |i: &RegisterItemView| {
        let at = i.meeting.name.clone().unwrap_or_default();
        let text: String = i.text.chars().take(80).collect();
        (
            format!("register_item:{}", i.id),
            format!("Outcome ({at}): {text}"),
        )
    };
    Ok(outcomes
        .iter()
        .map(outcome)
        .chain(instruments.iter().map(|i| {
            (
                format!("instrument:{}", i.id),
                format!("Instrument: {}", i.title),
            )
        }))
        .chain(
            studies
                .iter()
                .map(|st| (format!("study:{}", st.id), format!("Study: {}", st.title))),
        )
        .chain(
            projects
                .iter()
                .map(|p| (format!("project:{}", p.id), format!("Project: {}", p.name))),
        )
        .chain(
            meetings
                .iter()
                .map(|m| (format!("meeting:{}", m.id), format!("Meeting: {}", m.title))),
        )
        .collect())
}

/// Linked records as (label, href) pairs for a template.
pub(crate) fn link_pairs(links: &[corridor_core::links::LinkView]) -> Vec<(String, String)> {
    links
        .iter()
        .map(|l| {
            (
                format!("{}: {}", l.kind.label(), l.name),
                format!("{}/{}", l.kind.path(), l.id),
            )
        })
        .collect()
}
