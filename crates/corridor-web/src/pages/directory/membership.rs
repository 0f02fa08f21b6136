//! Membership pages: a person's role in an organisation, reached from the person's or organisation's page.

use super::{FormPlace, form_page, organisation_choices, people_choices, save};
use crate::AppState;
use crate::error::PageError;
use crate::extract::{CsrfForm, CurrentUser, MaybeUser, SignedIn};
use crate::pages::widgets::{describe_access, history_rows};
use crate::pages::{Cell, Field, Layout, RecordPage, render, visibility_fields};
use axum::extract::{Path, Query, State};
use axum::response::Response;
use corridor_core::directory::{MembershipInput, NewMembership};
use corridor_core::ids::MembershipId;
use corridor_store::entity::membership;
use serde::Deserialize;

#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct NewQuery {
    person_id: Option<String>,
    organisation_id: Option<String>,
}

async fn fields(
    s: &AppState,
    user: &SignedIn,
    i: &MembershipInput,
) -> Result<Vec<Field>, PageError> {
    let viewer = user.viewer();
    let orgs = organisation_choices(s, &viewer).await?;
    let people = people_choices(s, &viewer).await?;
    let mut f = vec![
        Field::select(
            "person_id",
            "Person",
            i.person_id.as_deref(),
            people.clone(),
        )
        .required(),
        Field::select(
            "organisation_id",
            "Organisation",
            i.organisation_id.as_deref(),
            orgs.clone(),
        )
        .required(),
        Field::text("role", "Role", i.role.as_deref())
            .required()
            .hint("For example: Project Director, or Co-chair of the working group."),
        Field::select(
            "on_behalf_of_id",
            "On behalf of",
            i.on_behalf_of_id.as_deref(),
            orgs,
        ),
        Field::text("starts_on", "From", i.starts_on.as_deref()).kind("date"),
        Field::text("ends_on", "To", i.ends_on.as_deref()).kind("date"),
    ];
    f.extend(visibility_fields(
        i.visibility.as_deref(),
        &i.restricted_to,
        people,
    ));
    if let Some(v) = i.version {
        f.push(Field::text("version", "", Some(&v.to_string())).kind("hidden"));
    }
    Ok(f)
}

pub(crate) async fn new_form(
    State(s): State<AppState>,
    user: CurrentUser,
    Query(q): Query<NewQuery>,
) -> Result<Response, PageError> {
    let cancel = match (&q.person_id, &q.organisation_id) {
        (Some(p), _) => format!("/people/{p}"),
        (_, Some(o)) => format!("/organisations/{o}"),
        _ => "/people".into(),
    };
    let input = MembershipInput {
        person_id: q.person_id,
        organisation_id: q.organisation_id,
        ..Default::default()
    };
    let f = fields(&s, &user, &input).await?;
    Ok(form_page(
        &s,
        &user,
        FormPlace::new("New role", "/memberships", cancel),
        f,
        None,
    )
    .await)
}

pub(crate) async fn create(
    State(s): State<AppState>,
    form: CsrfForm<MembershipInput>,
) -> Result<Response, PageError> {
    let (user, input) = (&form.user, &form.form);
    let create = async |new: NewMembership| {
        s.store
            .create_membership(&user.actor(), MembershipId::new(), &new)
            .await
    };
    let place = FormPlace::new("New role", "/memberships", "/people");
    save(
        &s,
        user,
        input,
        place,
        async || fields(&s, user, input).await,
        create,
        |m| format!("/people/{}", m.person.id),
    )
    .await
}

pub(crate) async fn edit_form(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let m = s.store.membership(&user.viewer(), &id).await?;
    let input = MembershipInput {
        person_id: Some(m.person.id.clone()),
        organisation_id: Some(m.organisation.id.clone()),
        role: Some(m.role.clone()),
        on_behalf_of_id: m.on_behalf_of.as_ref().map(|o| o.id.clone()),
        starts_on: m.starts_on.clone(),
        ends_on: m.ends_on.clone(),
        visibility: Some(m.access.visibility.clone()),
        restricted_to: m
            .access
            .restricted_to
            .iter()
            .map(|r| r.id.clone())
            .collect(),
        version: Some(m.access.version),
    };
    let f = fields(&s, &user, &input).await?;
    let href = format!("/memberships/{id}");
    Ok(form_page(
        &s,
        &user,
        FormPlace::new(format!("Edit role: {}", m.role), href.clone(), href),
        f,
        None,
    )
    .await)
}

pub(crate) async fn update(
    State(s): State<AppState>,
    Path(id): Path<String>,
    form: CsrfForm<MembershipInput>,
) -> Result<Response, PageError> {
    let (user, input) = (&form.user, &form.form);
    let href = format!("/memberships/{id}");
    let update =
        async |new: NewMembership| s.store.update_membership(&user.actor(), &id, &new).await;
    let place = FormPlace::new("Edit role", href.clone(), href);
    save(
        &s,
        user,
        input,
        place,
        async || fields(&s, user, input).await,
        update,
        |m| format!("/memberships/{}", m.id),
    )
    .await
}

pub(crate) async fn show(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let viewer = user.viewer();
    let m = s.store.membership(&viewer, &id).await?;
    let history = history_rows(
        s.store
            .history::<membership::Entity>(&viewer, &m.id)
            .await?,
    );
    let title = format!("{} — {}", m.person.name.clone().unwrap_or_default(), m.role);
    let page = RecordPage {
        layout: Layout::new(&s, user.0.as_ref(), title).await,
        kind: "role",
        visibility: describe_access(&m.access),
        facts: vec![
            ("Person", Cell::reference(&m.person, "/people")),
            (
                "Organisation",
                Cell::reference(&m.organisation, "/organisations"),
            ),
            ("Role", Cell::text(m.role.clone())),
            (
                "On behalf of",
                Cell::maybe_ref(m.on_behalf_of.as_ref(), "/organisations"),
            ),
            ("From", Cell::opt(m.starts_on.as_deref())),
            ("To", Cell::opt(m.ends_on.as_deref())),
        ],
        sections: vec![],
        history,
        edit_href: m
            .access
            .can_edit
            .then(|| format!("/memberships/{}/edit", m.id)),
        api_href: format!("/api/v1/memberships/{}", m.id),
    };
    Ok(render(&page))
}
