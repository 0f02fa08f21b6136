//! People pages.

use super::{FormPlace, form_page, next_href, party_choices, people_choices, save};
use crate::AppState;
use crate::error::PageError;
use crate::extract::{CsrfForm, CurrentUser, MaybeUser, SignedIn};
use crate::pages::sheets::sheet_links;
use crate::pages::widgets::{describe_access, history_rows};
use crate::pages::{Cell, Field, Layout, ListPage, RecordPage, Section, render, visibility_fields};
use axum::extract::{Path, Query, State};
use axum::response::Response;
use corridor_core::directory::{NewPerson, PersonInput};
use corridor_core::ids::PersonId;
use corridor_core::view::PersonView;
use corridor_store::Page;
use corridor_store::directory::{MembershipFilter, PersonFilter};
use corridor_store::entity::person;
use serde::Deserialize;

#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct ListQuery {
    q: Option<String>,
    party_id: Option<String>,
    after: Option<String>,
}

impl ListQuery {
    /// The list's filter; the spreadsheet export takes the same.
    pub(crate) fn filter(&self) -> PersonFilter {
        PersonFilter {
            party_id: self.party_id.clone().filter(|p| !p.is_empty()),
            q: self.q.clone(),
        }
    }

    fn filters(&self) -> [(&'static str, Option<&str>); 2] {
        [
            ("q", self.q.as_deref()),
            ("party_id", self.party_id.as_deref()),
        ]
    }
}

pub(crate) async fn list(
    State(s): State<AppState>,
    user: MaybeUser,
    Query(q): Query<ListQuery>,
) -> Result<Response, PageError> {
    let viewer = user.viewer();
    let filter = q.filter();
    let page = s
        .store
        .people(
            &viewer,
            &filter,
            &Page {
                after: q.after.clone(),
                limit: Some(100),
            },
        )
        .await?;
    let rows = page
        .items
        .iter()
        .map(|p| {
            vec![
                Cell::link(p.full_name.clone(), format!("/people/{}", p.id)),
                Cell::opt(p.native_name.as_deref()),
                Cell::opt(p.title.as_deref()),
                Cell::reference(&p.party, "/parties"),
                Cell::text(p.access.visibility.clone()),
            ]
        })
        .collect();
    let filters = vec![
        Field::text("q", "Name, title or e-mail contains", q.q.as_deref()),
        Field::select(
            "party_id",
            "Party",
            q.party_id.as_deref(),
            party_choices(&s, &viewer).await?,
        ),
    ];
    let page = ListPage {
        layout: Layout::new(&s, user.0.as_ref(), "People").await,
        intro: "Officials, experts and representatives of both parties, with their roles.".into(),
        filters,
        columns: vec!["Name", "Own script", "Position", "Party", "Visibility"],
        rows,
        next_href: next_href("/people", &q.filters(), page.next),
        new_href: user.0.as_ref().map(|_| "/people/new".into()),
        empty: "No one matches.",
        links: sheet_links("/people", &q.filters(), user.0.is_some()),
    };
    Ok(render(&page))
}

async fn fields(s: &AppState, user: &SignedIn, i: &PersonInput) -> Result<Vec<Field>, PageError> {
    let viewer = user.viewer();
    let mut f = vec![
        Field::text("full_name", "Name in English", i.full_name.as_deref()).required(),
        Field::text(
            "native_name",
            "Name in own script",
            i.native_name.as_deref(),
        )
        .hint("For example 何立峰 or خاشع الرحمٰن."),
        Field::text("title", "Position", i.title.as_deref()),
        Field::text("email", "E-mail", i.email.as_deref()).kind("email"),
        Field::text("phone", "Telephone", i.phone.as_deref()).kind("tel"),
        Field::select(
            "party_id",
            "Party",
            i.party_id.as_deref(),
            party_choices(s, &viewer).await?,
        )
        .required(),
    ];
    f.extend(visibility_fields(
        i.visibility.as_deref(),
        &i.restricted_to,
        people_choices(s, &viewer).await?,
    ));
    if let Some(v) = i.version {
        f.push(Field::text("version", "", Some(&v.to_string())).kind("hidden"));
    }
    Ok(f)
}

fn input_of(p: &PersonView) -> PersonInput {
    PersonInput {
        full_name: Some(p.full_name.clone()),
        native_name: p.native_name.clone(),
        title: p.title.clone(),
        email: p.email.clone(),
        phone: p.phone.clone(),
        party_id: Some(p.party.id.clone()),
        visibility: Some(p.access.visibility.clone()),
        restricted_to: p
            .access
            .restricted_to
            .iter()
            .map(|r| r.id.clone())
            .collect(),
        version: Some(p.access.version),
    }
}

pub(crate) async fn new_form(
    State(s): State<AppState>,
    user: CurrentUser,
) -> Result<Response, PageError> {
    let input = PersonInput {
        party_id: Some(user.user.party_id.to_string()),
        ..Default::default()
    };
    let f = fields(&s, &user, &input).await?;
    Ok(form_page(
        &s,
        &user,
        FormPlace::new("New person", "/people", "/people"),
        f,
        None,
    )
    .await)
}

pub(crate) async fn create(
    State(s): State<AppState>,
    form: CsrfForm<PersonInput>,
) -> Result<Response, PageError> {
    let (user, input) = (&form.user, &form.form);
    let create = async |new: NewPerson| {
        s.store
            .create_person(&user.actor(), PersonId::new(), &new)
            .await
    };
    let place = FormPlace::new("New person", "/people", "/people");
    save(
        &s,
        user,
        input,
        place,
        async || fields(&s, user, input).await,
        create,
        |p| format!("/people/{}", p.id),
    )
    .await
}

pub(crate) async fn edit_form(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let p = s.store.person(&user.viewer(), &id).await?;
    let f = fields(&s, &user, &input_of(&p)).await?;
    let href = format!("/people/{id}");
    Ok(form_page(
        &s,
        &user,
        FormPlace::new(format!("Edit {}", p.full_name), href.clone(), href),
        f,
        None,
    )
    .await)
}

pub(crate) async fn update(
    State(s): State<AppState>,
    Path(id): Path<String>,
    form: CsrfForm<PersonInput>,
) -> Result<Response, PageError> {
    let (user, input) = (&form.user, &form.form);
    let href = format!("/people/{id}");
    let update = async |new: NewPerson| s.store.update_person(&user.actor(), &id, &new).await;
    let place = FormPlace::new("Edit person", href.clone(), href);
    save(
        &s,
        user,
        input,
        place,
        async || fields(&s, user, input).await,
        update,
        |p| format!("/people/{}", p.id),
    )
    .await
}

pub(crate) async fn show(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let viewer = user.viewer();
    let p = s.store.person(&viewer, &id).await?;
    let roles = s
        .store
        .memberships(
            &viewer,
            &MembershipFilter {
                person_id: Some(p.id.clone()),
                ..Default::default()
            },
            &Page::first(500),
        )
        .await?;
    let history = history_rows(s.store.history::<person::Entity>(&viewer, &p.id).await?);
    let sections = vec![Section {
        title: "Roles".into(),
        columns: vec!["Organisation", "Role", "On behalf of", "From", "To"],
        rows: roles
            .items
            .iter()
            .map(|m| {
                vec![
                    Cell::reference(&m.organisation, "/organisations"),
                    Cell::link(m.role.clone(), format!("/memberships/{}", m.id)),
                    Cell::maybe_ref(m.on_behalf_of.as_ref(), "/organisations"),
                    Cell::opt(m.starts_on.as_deref()),
                    Cell::opt(m.ends_on.as_deref()),
                ]
            })
            .collect(),
        action: user.0.as_ref().map(|_| {
            Cell::link(
                "Record a role",
                format!("/memberships/new?person_id={}", p.id),
            )
        }),
        empty: "No role recorded that you may see.",
    }];
    let facts = vec![
        ("Name in own script", Cell::opt(p.native_name.as_deref())),
        ("Position", Cell::opt(p.title.as_deref())),
        ("Party", Cell::reference(&p.party, "/parties")),
        (
            "E-mail",
            p.email.clone().map_or_else(
                || Cell::text("—"),
                |e| Cell::link(e.clone(), format!("mailto:{e}")),
            ),
        ),
        ("Telephone", Cell::opt(p.phone.as_deref())),
    ];
    let page = RecordPage {
        layout: Layout::new(&s, user.0.as_ref(), p.full_name.clone()).await,
        kind: "person",
        visibility: describe_access(&p.access),
        facts,
        sections,
        history,
        edit_href: p.access.can_edit.then(|| format!("/people/{}/edit", p.id)),
        api_href: format!("/api/v1/people/{}", p.id),
    };
    Ok(render(&page))
}
