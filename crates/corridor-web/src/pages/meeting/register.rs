//! The register's pages: one item's story, recording outcomes and reviews (the list is `register_list.rs`).

use crate::AppState;
use crate::error::PageError;
use crate::extract::{CsrfForm, CurrentUser, MaybeUser, SignedIn};
use crate::pages::directory::{FormPlace, form_page, organisation_choices, save};
use crate::pages::widgets::{describe_access, history_rows};
use crate::pages::{Cell, Field, Layout, RecordPage, Section, render};
use axum::extract::{Path, Query, State};
use axum::response::Response;
use corridor_core::ids::{RegisterItemId, ReviewId};
use corridor_core::meeting::*;
use corridor_store::entity::register_item;
use serde::Deserialize;

pub(super) fn kinds() -> Vec<(String, String)> {
    OutcomeKind::ALL
        .iter()
        .map(|k| (k.as_str().to_owned(), k.label().to_owned()))
        .collect()
}
pub(super) fn statuses() -> Vec<(String, String)> {
    OutcomeStatus::ALL
        .iter()
        .map(|k| (k.as_str().to_owned(), k.label().to_owned()))
        .collect()
}

/// The delegation visits and exchanges that answer a register item, with a way to arrange one.
async fn exchanges_started(
    s: &AppState,
    user: &MaybeUser,
    item: &str,
) -> Result<Section, PageError> {
    let filter = corridor_store::exchange::ExchangeFilter {
        request_item_id: Some(item.to_owned()),
        ..Default::default()
    };
    let rows = s
        .store
        .exchanges(&user.viewer(), &filter)
        .await?
        .into_iter()
        .map(|x| {
            vec![
                Cell::link(x.title, format!("/exchanges/{}", x.id)),
                Cell::text(format!("{} to {}", x.starts_on, x.ends_on)),
                Cell::text(
                    x.status
                        .parse::<corridor_core::exchange::ExchangeStatus>()
                        .map_or(x.status.clone(), |st| st.label().to_owned()),
                ),
            ]
        })
        .collect();
    Ok(Section {
        title: "Exchanges it started".into(),
        columns: vec!["Exchange", "Dates", "Status"],
        rows,
        action: user.0.as_ref().map(|_| {
            Cell::link(
                "Arrange a visit or exchange for it",
                format!("/exchanges/new?request={item}"),
            )
        }),
        empty: "None.",
    })
}

pub(crate) async fn show(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let viewer = user.viewer();
    let i = s.store.register_item(&viewer, &id).await?;
    let reviews = s.store.reviews(&viewer, &i.id).await?;
    let history = history_rows(
        s.store
            .history::<register_item::Entity>(&viewer, &i.id)
            .await?,
    );
    let linked = Section {
        title: "Linked records".into(),
        columns: vec!["Record"],
        rows: super::link_pairs(&i.links)
            .into_iter()
            .map(|(label, href)| vec![Cell::link(label, href)])
            .collect(),
        action: Some(Cell::link(
            "Outcomes linked to this one",
            format!("/register?linked=register_item:{}", i.id),
        )),
        empty: "None.",
    };
    let sections = vec![
        Section {
            title: "Meeting by meeting".into(),
            columns: vec!["Reviewed at", "Status after", "What was reported"],
            rows: reviews
                .iter()
                .map(|r| {
                    vec![
                        Cell::maybe_ref(r.meeting.as_ref(), "/meetings"),
                        Cell::text(
                            r.status
                                .parse::<OutcomeStatus>()
                                .map_or(r.status.clone(), |x| x.label().to_owned()),
                        ),
                        Cell::opt(r.note.as_deref()),
                    ]
                })
                .collect(),
            action: i
                .access
                .can_edit
                .then(|| Cell::link("Record a review", format!("/register/{}/review", i.id))),
            empty: "Not reviewed yet.",
        },
        linked,
        exchanges_started(&s, &user, &i.id).await?,
    ];
    let page = RecordPage {
        layout: Layout::new(
            &s,
            user.0.as_ref(),
            i.kind
                .parse::<OutcomeKind>()
                .map_or(i.kind.clone(), |k| k.label().to_owned()),
        )
        .await
        .following(&s, user.0.as_ref(), format!("register_item:{}", i.id))
        .await,
        kind: "item",
        visibility: describe_access(&i.access),
        facts: [
            Some(("What", Cell::text(i.text.clone()))),
            i.text_zh.clone().map(|t| ("In Chinese", Cell::text(t))),
            i.text_ur.clone().map(|t| ("In Urdu", Cell::text(t))),
        ]
        .into_iter()
        .flatten()
        .chain([
            ("Recorded at", Cell::reference(&i.meeting, "/meetings")),
            ("Body", Cell::reference(&i.body, "/bodies")),
            (
                "Led by",
                Cell::text(
                    i.leads
                        .iter()
                        .map(|l| l.name.clone().unwrap_or_default())
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            ),
            ("Due", Cell::opt(i.due_on.as_deref())),
            ("Status", outcome_status(&i)),
        ])
        .collect(),
        sections,
        history,
        edit_href: None,
        api_href: format!("/api/v1/register/{}", i.id),
    };
    Ok(render(&page))
}

fn outcome_status(i: &corridor_core::meeting::view::RegisterItemView) -> Cell {
    let s = i
        .status
        .parse::<OutcomeStatus>()
        .map_or(i.status.as_str(), |x| x.label());
    Cell::text(if i.overdue {
        format!("{s}, overdue")
    } else {
        s.to_owned()
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct OutcomeQuery {
    agenda_item_id: Option<String>,
}

async fn outcome_fields(
    s: &AppState,
    user: &SignedIn,
    i: &OutcomeInput,
) -> Result<Vec<Field>, PageError> {
    let viewer = user.viewer();
    let meeting = i.meeting_id.clone().unwrap_or_default();
    let agenda = s
        .store
        .agenda(&viewer, &meeting)
        .await
        .map(|a| a.into_iter().map(|x| (x.id, x.title)).collect())
        .unwrap_or_default();
    let links = match s.store.meeting(&viewer, &meeting).await {
        Ok(m) => super::link_choices(s, &viewer, &m.body.id).await?,
        Err(_) => Vec::new(),
    };
    let mut f = vec![
        Field::text("meeting_id", "", Some(&meeting)).kind("hidden"),
        Field::select(
            "agenda_item_id",
            "Under agenda item",
            i.agenda_item_id.as_deref(),
            agenda,
        ),
        Field::select("kind", "Kind", i.kind.as_deref(), kinds()).required(),
        Field::text(
            "text",
            "What was decided, agreed or asked",
            i.text.as_deref(),
        )
        .kind("textarea")
        .required(),
        Field::text("text_zh", "In Chinese", i.text_zh.as_deref())
            .kind("textarea")
            .lang("zh"),
        Field::text("text_ur", "In Urdu", i.text_ur.as_deref())
            .kind("textarea")
            .lang("ur"),
        Field::multi(
            "lead_organisation_ids",
            "Lead organisation of each side",
            &i.lead_organisation_ids,
            organisation_choices(s, &viewer).await?,
        ),
        Field::text("due_on", "Due", i.due_on.as_deref()).kind("date"),
        Field::multi("links", "Records it concerns", &i.links, links),
        Field::select(
            "status",
            "Status",
            Some(i.status.as_deref().unwrap_or("open")),
            statuses(),
        )
        .required(),
    ];
    f.extend(crate::pages::visibility_fields(
        i.visibility.as_deref(),
        &i.restricted_to,
        crate::pages::directory::people_choices(s, &viewer).await?,
    ));
    Ok(f)
}

pub(crate) async fn outcome_form(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<OutcomeQuery>,
) -> Result<Response, PageError> {
    let m = s.store.meeting(&user.viewer(), &id).await?;
    let input = OutcomeInput {
        meeting_id: Some(m.id.clone()),
        agenda_item_id: q.agenda_item_id,
        ..Default::default()
    };
    let f = outcome_fields(&s, &user, &input).await?;
    Ok(form_page(
        &s,
        &user,
        FormPlace::new(
            format!("Outcome of the {}", m.title),
            "/register",
            format!("/meetings/{id}"),
        ),
        f,
        None,
    )
    .await)
}

pub(crate) async fn create(
    State(s): State<AppState>,
    form: CsrfForm<OutcomeInput>,
) -> Result<Response, PageError> {
    let (user, input) = (&form.user, &form.form);
    let create = async |new: NewOutcome| {
        s.store
            .create_outcome(&user.actor(), RegisterItemId::new(), &new)
            .await
    };
    let back = format!("/meetings/{}", input.meeting_id.clone().unwrap_or_default());
    let place = FormPlace::new("Outcome", "/register", back);
    save(
        &s,
        user,
        input,
        place,
        async || outcome_fields(&s, user, input).await,
        create,
        |i| format!("/meetings/{}", i.meeting.id),
    )
    .await
}

async fn review_fields(
    s: &AppState,
    user: &SignedIn,
    i: &ReviewInput,
) -> Result<Vec<Field>, PageError> {
    let viewer = user.viewer();
    let item = s
        .store
        .register_item(&viewer, i.item_id.as_deref().unwrap_or_default())
        .await?;
    let meetings = s
        .store
        .meetings(
            &viewer,
            Some(&item.body.id),
            &corridor_store::Page::first(100),
        )
        .await?
        .items
        .into_iter()
        .map(|m| (m.id, m.title))
        .collect();
    Ok(vec![
        Field::text("item_id", "", i.item_id.as_deref()).kind("hidden"),
        Field::select(
            "meeting_id",
            "Reviewed at",
            i.meeting_id.as_deref(),
            meetings,
        )
        .hint("Leave empty for an update between meetings."),
        Field::select(
            "status",
            "Status after the review",
            i.status.as_deref(),
            statuses(),
        )
        .required(),
        Field::text("note", "What was reported", i.note.as_deref()).kind("textarea"),
    ])
}

pub(crate) async fn review_form(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let item = s.store.register_item(&user.viewer(), &id).await?;
    let input = ReviewInput {
        item_id: Some(item.id.clone()),
        status: Some(item.status.clone()),
        ..Default::default()
    };
    let f = review_fields(&s, &user, &input).await?;
    Ok(form_page(
        &s,
        &user,
        FormPlace::new("Review", "/reviews", format!("/register/{id}")),
        f,
        None,
    )
    .await)
}

pub(crate) async fn review(
    State(s): State<AppState>,
    form: CsrfForm<ReviewInput>,
) -> Result<Response, PageError> {
    let (user, input) = (&form.user, &form.form);
    let add = async |new: NewReview| {
        s.store
            .review_item(&user.actor(), ReviewId::new(), &new)
            .await
    };
    let back = format!("/register/{}", input.item_id.clone().unwrap_or_default());
    let place = FormPlace::new("Review", "/reviews", back);
    save(
        &s,
        user,
        input,
        place,
        async || review_fields(&s, user, input).await,
        add,
        |r| format!("/register/{}", r.item_id),
    )
    .await
}
