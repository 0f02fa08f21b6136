//! The register's list page: every outcome the viewer may see, filtered, a page at a time, with a meeting's
//! matters arising when reached from its page, and the spreadsheet links.

use super::register::{kinds, statuses};
use crate::AppState;
use crate::api::RegisterQuery;
use crate::error::PageError;
use crate::extract::MaybeUser;
use crate::pages::directory::{organisation_choices, party_choices};
use crate::pages::{Cell, Field, Layout, ListPage, render};
use axum::extract::{Query, RawQuery, State};
use axum::response::Response;
use corridor_core::meeting::*;

/// One outcome as a row of the register's list.
fn register_row(i: &corridor_core::meeting::view::RegisterItemView) -> Vec<Cell> {
    vec![
        Cell::reference(&i.meeting, "/meetings"),
        Cell::text(
            i.kind
                .parse::<OutcomeKind>()
                .map_or(i.kind.clone(), |k| k.label().to_owned()),
        ),
        Cell::link(i.text.clone(), format!("/register/{}", i.id)),
        Cell::text(
            i.leads
                .iter()
                .map(|l| l.name.clone().unwrap_or_default())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        Cell::opt(i.due_on.as_deref()),
        Cell::text(format!(
            "{}{}",
            i.status
                .parse::<OutcomeStatus>()
                .map_or(i.status.as_str(), |x| x.label()),
            if i.overdue { ", overdue" } else { "" }
        )),
    ]
}

pub(crate) async fn list(
    State(s): State<AppState>,
    user: MaybeUser,
    RawQuery(raw): RawQuery,
    Query(q): Query<RegisterQuery>,
) -> Result<Response, PageError> {
    let viewer = user.viewer();
    let filter = q.filter()?;
    // The next page keeps every filter of this one.
    let mut params: Vec<(String, String)> =
        serde_urlencoded::from_str(raw.as_deref().unwrap_or_default()).unwrap_or_default();
    params.retain(|(k, _)| k != "after" && k != "limit");
    let page = s.store.register(&viewer, &filter, &q.page()?).await?;
    let rows = page.items.iter().map(register_row).collect();
    let bodies = s
        .store
        .bodies(&viewer)
        .await?
        .into_iter()
        .map(|b| (b.id, b.name))
        .collect();
    let filters = vec![
        Field::select("body_id", "Body", q_str(&filter.body_id), bodies),
        Field::select("kind", "Kind", filter.kind.map(|k| k.as_str()), kinds()),
        Field::select(
            "status",
            "Status",
            filter.status.map(|k| k.as_str()),
            statuses(),
        ),
        Field::select(
            "party_id",
            "Led by a party",
            q_str(&filter.party_id),
            party_choices(&s, &viewer).await?,
        ),
        Field::select(
            "lead_organisation_id",
            "Led by",
            q_str(&filter.lead_organisation_id),
            organisation_choices(&s, &viewer).await?,
        ),
        Field::select(
            "overdue",
            "Overdue only",
            Some(if filter.overdue { "true" } else { "" }),
            vec![("true".into(), "yes".into())],
        ),
        Field::text("linked", "Linked to (kind:id)", q_str(&filter.linked))
            .hint("For example meeting:… or register_item:…, as the links on an item's page show."),
    ];
    // A meeting's matters arising, reached from its page: say which meeting, and keep it across the form.
    let (filters, intro) = match &filter.arising_for {
        Some(m) => {
            let meeting = s.store.meeting(&viewer, m).await?;
            let mut filters = filters;
            filters.push(Field::text("arising_for", "", Some(m.as_str())).kind("hidden"));
            (
                filters,
                format!(
                    "Matters arising for {}: the items of its body's earlier meetings that are still open or in progress.",
                    meeting.title
                ),
            )
        }
        None => (
            filters,
            "Every decision, agreement, request and action of every meeting, followed from meeting to meeting."
                .to_owned(),
        ),
    };
    let page = ListPage {
        layout: Layout::new(&s, user.0.as_ref(), "Register").await,
        intro,
        filters,
        columns: vec!["Meeting", "Kind", "What", "Led by", "Due", "Status"],
        rows,
        next_href: page.next.map(|n| {
            params.push(("after".into(), n));
            format!(
                "/register?{}",
                serde_urlencoded::to_string(&params).unwrap_or_default()
            )
        }),
        new_href: None,
        empty: "No outcome matches.",
        links: crate::pages::sheets::register_links(&params, user.0.is_some()),
    };
    Ok(render(&page))
}

fn q_str(v: &Option<String>) -> Option<&str> {
    v.as_deref()
}
