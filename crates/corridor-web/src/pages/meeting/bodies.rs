//! Body pages: the joint bodies, each with its meetings and a calendar feed of them.

use crate::AppState;
use crate::error::PageError;
use crate::extract::MaybeUser;
use crate::pages::widgets::{describe_access, history_rows};
use crate::pages::{Cell, Layout, ListPage, RecordPage, Section, render};
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use corridor_store::Page;
use corridor_store::entity::body;

pub(crate) async fn list(
    State(s): State<AppState>,
    user: MaybeUser,
) -> Result<Response, PageError> {
    let rows = s
        .store
        .bodies(&user.viewer())
        .await?
        .iter()
        .map(|b| {
            vec![
                Cell::link(b.name.clone(), format!("/bodies/{}", b.id)),
                Cell::opt(b.short_name.as_deref()),
                Cell::maybe_ref(b.parent.as_ref(), "/bodies"),
            ]
        })
        .collect();
    let page = ListPage {
        layout: Layout::new(&s, user.0.as_ref(), "Bodies").await,
        intro: "The joint committee and its working groups.".into(),
        filters: vec![],
        columns: vec!["Body", "Short name", "Reports to"],
        rows,
        next_href: None,
        new_href: None,
        empty: "No bodies that you may see.",
        links: Vec::new(),
    };
    Ok(render(&page))
}

pub(crate) async fn show(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let viewer = user.viewer();
    if let Some(id) = id.strip_suffix(".ics") {
        let b = s.store.body(&viewer, id).await?;
        let meetings = s
            .store
            .meetings(&viewer, Some(&b.id), &Page::first(500))
            .await?
            .items;
        let base = s.config.base_url();
        let name = b.short_name.clone().unwrap_or_else(|| b.name.clone());
        let events: Vec<_> = meetings
            .iter()
            .map(|m| corridor_formats::ical::CalendarEvent {
                meeting: m,
                body: &name,
                url: format!("{base}/meetings/{}", m.id),
            })
            .collect();
        let text = corridor_formats::ical::calendar(&b.name, &events);
        return Ok((
            [(header::CONTENT_TYPE, "text/calendar; charset=utf-8")],
            text,
        )
            .into_response());
    }
    let b = s.store.body(&viewer, &id).await?;
    let meetings = s
        .store
        .meetings(&viewer, Some(&b.id), &Page::first(500))
        .await?
        .items;
    let history = history_rows(s.store.history::<body::Entity>(&viewer, &b.id).await?);
    let sections = vec![Section {
        title: "Meetings".into(),
        columns: vec!["When", "Meeting", "State"],
        rows: meetings
            .iter()
            .map(|m| {
                vec![
                    super::when_cell(m, super::viewer_zone(&user)),
                    Cell::link(m.title.clone(), format!("/meetings/{}", m.id)),
                    Cell::text(m.state.replace('_', " ")),
                ]
            })
            .collect(),
        action: Some(Cell::link(
            "Calendar feed of these meetings (.ics)",
            format!("/bodies/{}.ics", b.id),
        )),
        empty: "No meetings that you may see.",
    }];
    let page = RecordPage {
        layout: Layout::new(&s, user.0.as_ref(), b.name.clone())
            .await
            .following(&s, user.0.as_ref(), format!("body:{}", b.id))
            .await,
        kind: "body",
        visibility: describe_access(&b.access),
        facts: vec![
            ("Short name", Cell::opt(b.short_name.as_deref())),
            ("Reports to", Cell::maybe_ref(b.parent.as_ref(), "/bodies")),
            ("Standing agenda", Cell::text(b.agenda_template.join("; "))),
        ]
        .into_iter()
        .chain(b.members.iter().map(|side| {
            let names: Vec<String> = side
                .members
                .iter()
                .map(|m| m.name.clone().unwrap_or_default())
                .collect();
            (
                "Members",
                Cell::text(format!(
                    "{}: {}",
                    side.party.name.clone().unwrap_or_default(),
                    names.join(", ")
                )),
            )
        }))
        .collect(),
        sections,
        history,
        edit_href: None,
        api_href: format!("/api/v1/bodies/{}", b.id),
    };
    Ok(render(&page))
}
