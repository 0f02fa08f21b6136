//! Party pages: the governments of the framework, each with its organisations.

use super::{FormPlace, form_page, save};
use crate::AppState;
use crate::error::PageError;
use crate::extract::{CsrfForm, CurrentUser, MaybeUser};
use crate::pages::widgets::{describe_access, history_rows};
use crate::pages::{Cell, Field, Layout, ListPage, RecordPage, Section, render};
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use corridor_core::Role;
use corridor_core::directory::{NewParty, PartyInput, Standing};
use corridor_core::ids::PartyId;
use corridor_store::Page;
use corridor_store::directory::OrganisationFilter;
use corridor_store::entity::party;

pub(crate) async fn list(
    State(s): State<AppState>,
    user: MaybeUser,
) -> Result<Response, PageError> {
    let parties = s.store.parties(&user.viewer()).await?;
    let rows = parties
        .iter()
        .map(|p| {
            vec![
                Cell::link(p.short_name.clone(), format!("/parties/{}", p.id)),
                Cell::text(p.name.clone()),
                Cell::text(p.code.clone()),
                Cell::opt(p.joined_on.as_deref()),
                Cell::text(standing_label(&p.standing)),
            ]
        })
        .collect();
    let admin = user.0.as_ref().is_some_and(|u| u.user.role == Role::Admin);
    let page = ListPage {
        layout: Layout::new(&s, user.0.as_ref(), "Parties").await,
        intro: "The governments of the framework. A third party that accedes is added here.".into(),
        filters: vec![],
        columns: vec!["Party", "Full name", "Code", "Joined", "Standing"],
        rows,
        next_href: None,
        new_href: admin.then(|| "/parties/new".into()),
        empty: "No party has been recorded yet.",
        links: Vec::new(),
    };
    Ok(render(&page))
}

fn standing_label(stored: &str) -> String {
    stored
        .parse::<Standing>()
        .map_or_else(|_| stored.to_owned(), |s| s.label().to_owned())
}

fn fields(i: &PartyInput) -> Vec<Field> {
    let mut f = vec![
        Field::text("code", "Code (ISO 3166-1 alpha-2)", i.code.as_deref())
            .required()
            .hint("Two letters, e.g. PK or CN."),
        Field::text("name", "Full name", i.name.as_deref()).required(),
        Field::text("short_name", "Short name", i.short_name.as_deref()).required(),
        Field::text(
            "joined_on",
            "Joined the framework on",
            i.joined_on.as_deref(),
        )
        .kind("date"),
        Field::select(
            "standing",
            "Standing",
            Some(i.standing.as_deref().unwrap_or(Standing::Member.as_str())),
            Standing::ALL
                .iter()
                .map(|s| (s.as_str().to_owned(), s.label().to_owned()))
                .collect(),
        )
        .required()
        .hint("A member of the framework sees every shared record; a third party sees the shared records of the instruments it joins, from its accession on."),
    ];
    if let Some(v) = i.version {
        f.push(Field::text("version", "", Some(&v.to_string())).kind("hidden"));
    }
    f
}

pub(crate) async fn new_form(
    State(s): State<AppState>,
    user: CurrentUser,
) -> Result<Response, PageError> {
    let place = FormPlace::new("New party", "/parties", "/parties");
    Ok(form_page(&s, &user, place, fields(&PartyInput::default()), None).await)
}

pub(crate) async fn create(
    State(s): State<AppState>,
    form: CsrfForm<PartyInput>,
) -> Result<Response, PageError> {
    let (user, input) = (&form.user, &form.form);
    let create = async |new: NewParty| {
        s.store
            .create_party(&user.actor(), PartyId::new(), &new)
            .await
    };
    let place = FormPlace::new("New party", "/parties", "/parties");
    save(
        &s,
        user,
        input,
        place,
        async || Ok(fields(input)),
        create,
        |p| format!("/parties/{}", p.id),
    )
    .await
}

pub(crate) async fn edit_form(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let p = s.store.party(&user.viewer(), &id).await?;
    let input = PartyInput {
        code: Some(p.code.clone()),
        name: Some(p.name.clone()),
        short_name: Some(p.short_name.clone()),
        joined_on: p.joined_on.clone(),
        standing: Some(p.standing.clone()),
        version: Some(p.access.version),
    };
    let href = format!("/parties/{id}");
    Ok(form_page(
        &s,
        &user,
        FormPlace::new(format!("Edit {}", p.short_name), href.clone(), href),
        fields(&input),
        None,
    )
    .await)
}

pub(crate) async fn update(
    State(s): State<AppState>,
    Path(id): Path<String>,
    form: CsrfForm<PartyInput>,
) -> Result<Response, PageError> {
    let (user, input) = (&form.user, &form.form);
    let href = format!("/parties/{id}");
    let update = async |new: NewParty| s.store.update_party(&user.actor(), &id, &new).await;
    let place = FormPlace::new("Edit party", href.clone(), href);
    save(
        &s,
        user,
        input,
        place,
        async || Ok(fields(input)),
        update,
        |p| format!("/parties/{}", p.id),
    )
    .await
}

pub(crate) async fn show(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let viewer = user.viewer();
    let p = s.store.party(&viewer, &id).await?;
    let orgs = s
        .store
        .organisations(
            &viewer,
            &OrganisationFilter {
                party_id: Some(p.id.clone()),
                ..Default::default()
            },
            &Page::first(500),
        )
        .await?;
    let history = history_rows(s.store.history::<party::Entity>(&viewer, &p.id).await?);
    let sections = vec![Section {
        title: "Organisations".into(),
        columns: vec!["Name", "Kind", "Part of"],
        rows: orgs
            .items
            .iter()
            .map(|o| {
                vec![
                    Cell::link(o.name.clone(), format!("/organisations/{}", o.id)),
                    Cell::text(o.kind_label.clone()),
                    Cell::maybe_ref(o.parent.as_ref(), "/organisations"),
                ]
            })
            .collect(),
        action: None,
        empty: "No organisation of this party that you may see.",
    }];
    let is_admin = user.0.as_ref().is_some_and(|u| u.user.role == Role::Admin);
    let page = RecordPage {
        layout: Layout::new(&s, user.0.as_ref(), p.name.clone()).await,
        kind: "party",
        visibility: describe_access(&p.access),
        facts: vec![
            ("Short name", Cell::text(p.short_name.clone())),
            ("Code", Cell::text(p.code.clone())),
            ("Joined", Cell::opt(p.joined_on.as_deref())),
            ("Standing", Cell::text(standing_label(&p.standing))),
        ],
        sections,
        history,
        edit_href: (p.access.can_edit && is_admin).then(|| format!("/parties/{}/edit", p.id)),
        api_href: format!("/api/v1/parties/{}", p.id),
    };
    Ok(render(&page).into_response())
}
