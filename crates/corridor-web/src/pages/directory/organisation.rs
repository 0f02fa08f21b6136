//! Organisation pages.

use super::{
    FormPlace, form_page, next_href, organisation_choices, party_choices, people_choices, save,
};
use crate::AppState;
use crate::error::PageError;
use crate::extract::{CsrfForm, CurrentUser, MaybeUser, SignedIn};
use crate::pages::sheets::sheet_links;
use crate::pages::widgets::describe_access;
use crate::pages::{Cell, Field, Layout, ListPage, RecordPage, Section, render, visibility_fields};
use axum::extract::{Path, Query, State};
use axum::response::Response;
use corridor_core::directory::{NewOrganisation, OrganisationInput, OrganisationKind};
use corridor_core::ids::OrganisationId;
use corridor_core::view::OrganisationView;
use corridor_store::directory::{MembershipFilter, OrganisationFilter};
use corridor_store::entity::organisation;
use corridor_store::{Page, StoreError};
use serde::Deserialize;

#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct ListQuery {
    q: Option<String>,
    party_id: Option<String>,
    kind: Option<String>,
    after: Option<String>,
}

fn kind_choices() -> Vec<(String, String)> {
    OrganisationKind::ALL
        .iter()
        .map(|k| (k.as_str().to_owned(), k.label().to_owned()))
        .collect()
}

impl ListQuery {
    /// The list's filter; the spreadsheet export takes the same.
    pub(crate) fn filter(&self) -> OrganisationFilter {
        OrganisationFilter {
            party_id: self.party_id.clone().filter(|p| !p.is_empty()),
            kind: self.kind.as_deref().and_then(|k| k.parse().ok()),
            parent_id: None,
            q: self.q.clone(),
        }
    }

    fn filters(&self) -> [(&'static str, Option<&str>); 3] {
        [
            ("q", self.q.as_deref()),
            ("party_id", self.party_id.as_deref()),
            ("kind", self.kind.as_deref()),
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
        .organisations(
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
        .map(|o| {
            vec![
                Cell::link(o.name.clone(), format!("/organisations/{}", o.id)),
                Cell::opt(o.short_name.as_deref()),
                Cell::text(o.kind_label.clone()),
                Cell::reference(&o.party, "/parties"),
                Cell::maybe_ref(o.parent.as_ref(), "/organisations"),
                Cell::text(o.access.visibility.clone()),
            ]
        })
        .collect();
    let filters = vec![
        Field::text("q", "Name contains", q.q.as_deref()),
        Field::select(
            "party_id",
            "Party",
            q.party_id.as_deref(),
            party_choices(&s, &viewer).await?,
        ),
        Field::select("kind", "Kind", q.kind.as_deref(), kind_choices()),
    ];
    let next = next_href("/organisations", &q.filters(), page.next);
    let page = ListPage {
        layout: Layout::new(&s, user.0.as_ref(), "Organisations").await,
        intro: "Ministries, provinces, embassies, zone authorities and companies of both parties."
            .into(),
        filters,
        columns: vec![
            "Name",
            "Short name",
            "Kind",
            "Party",
            "Part of",
            "Visibility",
        ],
        rows,
        next_href: next,
        new_href: user.0.as_ref().map(|_| "/organisations/new".into()),
        empty: "No organisation matches.",
        links: sheet_links("/organisations", &q.filters(), user.0.is_some()),
    };
    Ok(render(&page))
}

async fn fields(
    s: &AppState,
    user: &SignedIn,
    i: &OrganisationInput,
) -> Result<Vec<Field>, PageError> {
    let viewer = user.viewer();
    let mut f = vec![
        Field::text("name", "Name", i.name.as_deref()).required(),
        Field::text(
            "short_name",
            "Short name or acronym",
            i.short_name.as_deref(),
        ),
        Field::select("kind", "Kind", i.kind.as_deref(), kind_choices()).required(),
        Field::select(
            "party_id",
            "Party",
            i.party_id.as_deref(),
            party_choices(s, &viewer).await?,
        )
        .required(),
        Field::select(
            "parent_id",
            "Part of",
            i.parent_id.as_deref(),
            organisation_choices(s, &viewer).await?,
        ),
        Field::text("website", "Web site", i.website.as_deref()).kind("url"),
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

fn input_of(o: &OrganisationView) -> OrganisationInput {
    OrganisationInput {
        name: Some(o.name.clone()),
        short_name: o.short_name.clone(),
        kind: Some(o.kind.clone()),
        party_id: Some(o.party.id.clone()),
        parent_id: o.parent.as_ref().map(|p| p.id.clone()),
        website: o.website.clone(),
        visibility: Some(o.access.visibility.clone()),
        restricted_to: o
            .access
            .restricted_to
            .iter()
            .map(|r| r.id.clone())
            .collect(),
        version: Some(o.access.version),
    }
}

pub(crate) async fn new_form(
    State(s): State<AppState>,
    user: CurrentUser,
) -> Result<Response, PageError> {
    let input = OrganisationInput {
        party_id: Some(user.user.party_id.to_string()),
        ..Default::default()
    };
    let f = fields(&s, &user, &input).await?;
    Ok(form_page(
        &s,
        &user,
        FormPlace::new("New organisation", "/organisations", "/organisations"),
        f,
        None,
    )
    .await)
}

pub(crate) async fn create(
    State(s): State<AppState>,
    form: CsrfForm<OrganisationInput>,
) -> Result<Response, PageError> {
    let (user, input) = (&form.user, &form.form);
    let place = FormPlace::new("New organisation", "/organisations", "/organisations");
    let create = async |new: NewOrganisation| {
        s.store
            .create_organisation(&user.actor(), OrganisationId::new(), &new)
            .await
    };
    save(
        &s,
        user,
        input,
        place,
        async || fields(&s, user, input).await,
        create,
        |o| format!("/organisations/{}", o.id),
    )
    .await
}

pub(crate) async fn edit_form(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let o = s.store.organisation(&user.viewer(), &id).await?;
    let f = fields(&s, &user, &input_of(&o)).await?;
    let href = format!("/organisations/{id}");
    Ok(form_page(
        &s,
        &user,
        FormPlace::new(format!("Edit {}", o.name), href.clone(), href),
        f,
        None,
    )
    .await)
}

pub(crate) async fn update(
    State(s): State<AppState>,
    Path(id): Path<String>,
    form: CsrfForm<OrganisationInput>,
) -> Result<Response, PageError> {
    let (user, input) = (&form.user, &form.form);
    let href = format!("/organisations/{id}");
    let place = FormPlace::new("Edit organisation", href.clone(), href);
    let update =
        async |new: NewOrganisation| s.store.update_organisation(&user.actor(), &id, &new).await;
    save(
        &s,
        user,
        input,
        place,
        async || fields(&s, user, input).await,
        update,
        |o| format!("/organisations/{}", o.id),
    )
    .await
}

pub(crate) async fn show(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let viewer = user.viewer();
    let o = s.store.organisation(&viewer, &id).await?;
    let children = s
        .store
        .organisations(
            &viewer,
            &OrganisationFilter {
                parent_id: Some(o.id.clone()),
                ..Default::default()
            },
            &Page::first(500),
        )
        .await?;
    let members = s
        .store
        .memberships(
            &viewer,
            &MembershipFilter {
                organisation_id: Some(o.id.clone()),
                ..Default::default()
            },
            &Page::first(500),
        )
        .await?;
    let history = s
        .store
        .history::<organisation::Entity>(&viewer, &o.id)
        .await
        .map_err(|e: StoreError| PageError::from(e))?;
    let sections = sections(&o, &members.items, &children.items, user.0.is_some());
    let facts = vec![
        ("Short name", Cell::opt(o.short_name.as_deref())),
        ("Kind", Cell::text(o.kind_label.clone())),
        ("Party", Cell::reference(&o.party, "/parties")),
        (
            "Part of",
            Cell::maybe_ref(o.parent.as_ref(), "/organisations"),
        ),
        (
            "Web site",
            o.website
                .clone()
                .map_or_else(|| Cell::text("—"), |w| Cell::link(w.clone(), w)),
        ),
    ];
    let page = RecordPage {
        layout: Layout::new(&s, user.0.as_ref(), o.name.clone()).await,
        kind: "organisation",
        visibility: describe_access(&o.access),
        facts,
        sections,
        history: crate::pages::widgets::history_rows(history),
        edit_href: o
            .access
            .can_edit
            .then(|| format!("/organisations/{}/edit", o.id)),
        api_href: format!("/api/v1/organisations/{}", o.id),
    };
    Ok(render(&page))
}

/// The related lists of an organisation's page: its people and its parts.
fn sections(
    o: &OrganisationView,
    members: &[corridor_core::view::MembershipView],
    children: &[OrganisationView],
    signed_in: bool,
) -> Vec<Section> {
    vec![
        Section {
            title: "People".into(),
            columns: vec!["Person", "Role", "On behalf of", "From", "To"],
            rows: members
                .iter()
                .map(|m| {
                    vec![
                        Cell::reference(&m.person, "/people"),
                        Cell::link(m.role.clone(), format!("/memberships/{}", m.id)),
                        Cell::maybe_ref(m.on_behalf_of.as_ref(), "/organisations"),
                        Cell::opt(m.starts_on.as_deref()),
                        Cell::opt(m.ends_on.as_deref()),
                    ]
                })
                .collect(),
            action: signed_in.then(|| {
                Cell::link(
                    "Add a person to this organisation",
                    format!("/memberships/new?organisation_id={}", o.id),
                )
            }),
            empty: "No one is recorded in this organisation that you may see.",
        },
        Section {
            title: "Parts of this organisation".into(),
            columns: vec!["Name", "Kind"],
            rows: children
                .iter()
                .map(|c| {
                    vec![
                        Cell::link(c.name.clone(), format!("/organisations/{}", c.id)),
                        Cell::text(c.kind_label.clone()),
                    ]
                })
                .collect(),
            action: None,
            empty: "None recorded.",
        },
    ]
}
