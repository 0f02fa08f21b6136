//! Each account's feeds, reached by a secret token in the URL (feed readers and calendars cannot sign in):
//! its alerts as Atom (RFC 4287) and its meetings and due dates as iCalendar (RFC 5545). Both read as the
//! account would, so they carry nothing it may not see; an unknown or revoked token is not found.

use crate::AppState;
use crate::error::PageError;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use corridor_core::Viewer;
use corridor_core::actor::UserActor;
use corridor_core::alert::FollowKind;
use corridor_core::meeting::register::OutcomeStatus;
use corridor_formats::atom::{Entry, Feed, atom};
use corridor_formats::ical::{CalendarEvent, DueDate, calendar_with};
use corridor_store::Page;
use corridor_store::alerts::Followed;
use corridor_store::meeting::RegisterFilter;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/feeds/{token}/alerts.atom", get(alerts))
        .route("/feeds/{token}/calendar.ics", get(calendar))
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The account's latest 50 alerts as an Atom feed.
async fn alerts(
    State(s): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    let reader = s.store.feed_reader(&token).await?;
    let base = s.config.base_url();
    let entries: Vec<Entry> = s
        .store
        .inbox(&reader, false, 50)
        .await?
        .into_iter()
        .flat_map(|g| g.entries)
        .map(|e| Entry {
            id: format!("urn:uuid:{}", e.id),
            title: format!("{}: {}", capitalised(&e.record), e.step),
            summary: format!(
                "{}{} by {}. Why you are told: {}.",
                e.changes,
                if e.changes.is_empty() { "Done" } else { ";" },
                e.actor,
                e.reason
            ),
            link: format!("{base}{}", e.link),
            author: e.actor,
            updated: e.at,
            lang: String::new(),
        })
        .collect();
    let feed = Feed {
        id: format!("urn:uuid:{}", reader.user_id),
        title: format!("Corridor alerts for {}", reader.username),
        updated: entries
            .iter()
            .map(|e| e.updated.clone())
            .max()
            .unwrap_or_else(|| corridor_core::dates::format_rfc3339(corridor_core::now())),
        self_link: format!("{base}/feeds/{token}/alerts.atom"),
        alternate: format!("{base}/inbox"),
        author: "Corridor".into(),
        entries,
        lang: "en".into(),
    };
    Ok((
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        atom(&feed),
    )
        .into_response())
}

/// Whether the account follows an outcome: itself, its meeting or body, its leading or owning
/// organisation's register, or the whole register.
fn follows_item(f: &Followed, i: &corridor_core::meeting::view::RegisterItemView) -> bool {
    f.record(FollowKind::RegisterItem, &i.id)
        || f.record(FollowKind::Meeting, &i.meeting.id)
        || f.record(FollowKind::Body, &i.body.id)
        || f.area("register")
        || i.leads.iter().any(|l| f.registers.contains(&l.id))
}

/// The meetings the account follows or co-chairs and the open outcomes and milestones it follows that
/// have a due date, as a calendar.
async fn calendar(
    State(s): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    let reader: UserActor = s.store.feed_reader(&token).await?;
    let viewer = Viewer::User(reader.clone());
    let followed = s.store.followed(&reader).await?;
    let base = s.config.base_url();
    let person = reader.person_id.to_string();
    let meetings: Vec<_> = s
        .store
        .meetings(&viewer, None, &Page::first(500))
        .await?
        .items
        .into_iter()
        .filter(|m| {
            followed.record(FollowKind::Meeting, &m.id)
                || followed.record(FollowKind::Body, &m.body.id)
                || followed.area("meetings")
                || m.co_chairs.iter().any(|c| c.id == person)
        })
        .collect();
    let names: Vec<String> = meetings
        .iter()
        .map(|m| m.body.name.clone().unwrap_or_default())
        .collect();
    let events: Vec<CalendarEvent<'_>> = meetings
        .iter()
        .zip(&names)
        .map(|(m, body)| CalendarEvent {
            meeting: m,
            body,
            url: format!("{base}/meetings/{}", m.id),
        })
        .collect();
    let mut dues = Vec::new();
    for status in [OutcomeStatus::Open, OutcomeStatus::InProgress] {
        let filter = RegisterFilter {
            status: Some(status),
            ..Default::default()
        };
        for i in s
            .store
            .register(&viewer, &filter, &Page::first(500))
            .await?
            .items
        {
            if let (Some(on), true) = (i.due_on.clone(), follows_item(&followed, &i)) {
                dues.push(DueDate {
                    uid: format!("register_item-{}", i.id),
                    on,
                    summary: i.text.lines().next().unwrap_or_default().to_owned(),
                    url: format!("{base}/register/{}", i.id),
                    changed: i.access.updated_at.clone(),
                    version: i.access.version,
                });
            }
        }
    }
    let projects: Vec<String> = followed
        .records
        .iter()
        .filter(|(k, _)| *k == FollowKind::Project)
        .map(|(_, id)| id.clone())
        .collect();
    for (_, milestones) in s.store.milestones_by_project(&viewer, &projects).await? {
        for m in milestones.into_iter().filter(|m| m.status == "scheduled") {
            if let Some(on) = m.forecast_on.clone().or(m.planned_on.clone()) {
                dues.push(DueDate {
                    uid: format!("milestone-{}", m.id),
                    on,
                    summary: m.title.clone(),
                    url: format!("{base}/projects/{}", m.project_id),
                    changed: m.access.updated_at.clone(),
                    version: m.access.version,
                });
            }
        }
    }
    let text = calendar_with(
        &format!("Corridor: meetings and due dates of {}", reader.username),
        &events,
        &dues,
    );
    Ok((
        [(header::CONTENT_TYPE, "text/calendar; charset=utf-8")],
        text,
    )
        .into_response())
}
