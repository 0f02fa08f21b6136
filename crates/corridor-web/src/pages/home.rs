//! The home page: what changed lately that the viewer may see, and what falls due soon.

use super::ListPage;
use super::{Cell, Layout, render};
use crate::AppState;
use crate::error::PageError;
use crate::extract::MaybeUser;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use corridor_core::view::EventView;
use corridor_store::Page;
use corridor_store::directory::MembershipFilter;
use serde::Deserialize;

/// One line of "what is new".
pub(crate) struct NewsItem {
    pub at: String,
    pub when: String,
    pub actor: String,
    pub action: String,
    pub kind: String,
    pub cell: Cell,
}

/// Where a record of `entity` is shown.
pub(crate) fn record_href(entity: &str, id: &str) -> Option<String> {
    let base = match entity {
        "party" => "/parties",
        "organisation" => "/organisations",
        "person" => "/people",
        "membership" => "/memberships",
        "user" => "/users",
        _ => return None,
    };
    Some(format!("{base}/{id}"))
}

/// Turns an event into a line a reader understands.
pub(crate) fn news_item(e: &EventView) -> NewsItem {
    let name = ["name", "full_name", "username", "role"]
        .iter()
        .find_map(|k| e.payload.get(*k).and_then(|v| v.as_str()))
        .unwrap_or("")
        .to_owned();
    let cell = match record_href(&e.entity, &e.entity_id) {
        Some(href) => Cell::link(name, href),
        None => Cell::text(name),
    };
    NewsItem {
        at: e.at.clone(),
        when: super::widgets::when(&e.at),
        actor: e.actor_name.clone(),
        action: e.action.replace('_', " "),
        kind: corridor_store::audit::entity_label(&e.entity).replace('_', " "),
        cell,
    }
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    layout: Layout,
    news: Vec<NewsItem>,
    due: Vec<(String, Cell)>,
    due_days: i64,
    counts: (u64, u64, u64),
}

const DUE_DAYS: i64 = 60;

pub(crate) async fn home(
    State(s): State<AppState>,
    user: MaybeUser,
) -> Result<Response, PageError> {
    let viewer = user.viewer();
    let news = s
        .store
        .recent_events(&viewer, 12)
        .await?
        .iter()
        .map(news_item)
        .collect();
    let ending = MembershipFilter {
        ending_within_days: Some(DUE_DAYS),
        ..Default::default()
    };
    let due = s
        .store
        .memberships(&viewer, &ending, &Page::first(20))
        .await?
        .items
        .into_iter()
        .map(|m| {
            let who = m.person.name.clone().unwrap_or_else(|| "someone".into());
            let org = m.organisation.name.clone().unwrap_or_default();
            let label = format!("{} ends", m.ends_on.clone().unwrap_or_default());
            (
                label,
                Cell::link(
                    format!("{who}, {} at {org}", m.role),
                    format!("/memberships/{}", m.id),
                ),
            )
        })
        .collect();
    let c = s.store.directory_counts(&viewer).await?;
    let counts = (c.parties, c.organisations, c.people);
    let layout = Layout::new(
        &s,
        user.0.as_ref(),
        "Joint Working Group on Industrial Cooperation",
    )
    .await;
    Ok(render(&HomePage {
        layout,
        news,
        due,
        due_days: DUE_DAYS,
        counts,
    }))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct EventsQuery {
    after: Option<String>,
}

pub(crate) async fn activity(
    State(s): State<AppState>,
    user: MaybeUser,
    Query(q): Query<EventsQuery>,
) -> Result<Response, PageError> {
    let page = s
        .store
        .events(
            &user.viewer(),
            &Page {
                after: q.after,
                limit: Some(100),
            },
        )
        .await?;
    let rows = page
        .items
        .iter()
        .map(|e| {
            let n = news_item(e);
            vec![
                Cell::text(e.seq.to_string()),
                Cell::text(n.when),
                Cell::text(n.actor),
                Cell::text(format!("{} {}", n.action, n.kind)),
                n.cell,
            ]
        })
        .collect();
    let page = ListPage {
        layout: Layout::new(&s, user.0.as_ref(), "Activity").await,
        intro: "Every change you may see, in the order it was made. Each entry is sealed into a hash chain that `corridor verify` checks.".into(),
        filters: vec![],
        columns: vec!["Event", "When", "Who", "What", "Record"],
        rows,
        next_href: page.next.map(|n| format!("/events?after={n}")),
        new_href: None,
        empty: "Nothing you may see has happened yet.",
        links: Vec::new(),
    };
    Ok(render(&page))
}
