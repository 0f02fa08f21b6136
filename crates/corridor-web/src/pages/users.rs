//! Account administration: the accounts of one's party, opening them, changing roles, disabling them.

use super::directory::{FormPlace, form_page, organisation_choices, people_choices, save};
use super::widgets::{describe_access, history_rows};
use super::{Cell, Field, Layout, ListPage, RecordPage, render};
use crate::AppState;
use crate::error::PageError;
use crate::extract::{CsrfForm, CurrentUser, SignedIn};
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;
use corridor_core::Role;
use corridor_core::directory::{NewUser, UserInput, UserUpdate, UserUpdateInput};
use corridor_core::ids::UserId;
use corridor_store::entity::user;

async fn list_users(State(s): State<AppState>, user: CurrentUser) -> Result<Response, PageError> {
    let rows = s
        .store
        .users(&user.viewer())
        .await?
        .iter()
        .map(|u| {
            vec![
                Cell::link(u.username.clone(), format!("/users/{}", u.id)),
                Cell::reference(&u.person, "/people"),
                Cell::maybe_ref(u.organisation.as_ref(), "/organisations"),
                Cell::text(u.role.clone()),
                Cell::text(if u.disabled { "disabled" } else { "active" }),
            ]
        })
        .collect();
    let admin = user.user.role == Role::Admin;
    let page = ListPage {
        layout: Layout::new(&s, Some(&user), "Accounts").await,
        intro: "The accounts of your party. Each belongs to a person and holds one role.".into(),
        filters: vec![],
        columns: vec!["Username", "Person", "Acts for", "Role", "Status"],
        rows,
        next_href: None,
        new_href: admin.then(|| "/users/new".into()),
        empty: "No accounts.",
        links: Vec::new(),
    };
    Ok(render(&page))
}

fn role_choices() -> Vec<(String, String)> {
    Role::ALL
        .iter()
        .map(|r| (r.as_str().to_owned(), r.as_str().to_owned()))
        .collect()
}

async fn user_fields(
    s: &AppState,
    user: &SignedIn,
    i: &UserInput,
) -> Result<Vec<Field>, PageError> {
    let viewer = user.viewer();
    Ok(vec![
        Field::text("username", "Username", i.username.as_deref())
            .required()
            .hint("3 to 64 of a–z, 0–9, dot, dash or underscore."),
        Field::select(
            "person_id",
            "Person",
            i.person_id.as_deref(),
            people_choices(s, &viewer).await?,
        )
        .required(),
        Field::select(
            "organisation_id",
            "Acts for",
            i.organisation_id.as_deref(),
            organisation_choices(s, &viewer).await?,
        ),
        Field::select("role", "Role", i.role.as_deref(), role_choices()).required(),
        Field::text("password", "First password", None)
            .kind("password")
            .required()
            .hint("At least 12 characters; the holder should change it at first sign-in."),
    ])
}

async fn new_user_form(
    State(s): State<AppState>,
    user: CurrentUser,
) -> Result<Response, PageError> {
    let f = user_fields(&s, &user, &UserInput::default()).await?;
    Ok(form_page(
        &s,
        &user,
        FormPlace::new("New account", "/users", "/users"),
        f,
        None,
    )
    .await)
}

async fn create_user(
    State(s): State<AppState>,
    form: CsrfForm<UserInput>,
) -> Result<Response, PageError> {
    let (user, input) = (&form.user, &form.form);
    let create = async |new: NewUser| {
        s.store
            .create_user(&user.actor(), UserId::new(), &new)
            .await
    };
    let place = FormPlace::new("New account", "/users", "/users");
    save(
        &s,
        user,
        input,
        place,
        async || user_fields(&s, user, input).await,
        create,
        |u| format!("/users/{}", u.id),
    )
    .await
}

async fn show_user(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let u = s.store.user(&user.viewer(), &id).await?;
    let history = history_rows(
        s.store
            .history::<user::Entity>(&user.viewer(), &u.id)
            .await?,
    );
    let admin = user.user.role == Role::Admin;
    let page = RecordPage {
        layout: Layout::new(&s, Some(&user), format!("Account {}", u.username)).await,
        kind: "account",
        visibility: describe_access(&u.access),
        facts: vec![
            ("Person", Cell::reference(&u.person, "/people")),
            ("Party", Cell::reference(&u.party, "/parties")),
            (
                "Acts for",
                Cell::maybe_ref(u.organisation.as_ref(), "/organisations"),
            ),
            ("Role", Cell::text(u.role.clone())),
            (
                "Status",
                Cell::text(if u.disabled {
                    "disabled: cannot sign in"
                } else {
                    "active"
                }),
            ),
        ],
        sections: vec![],
        history,
        edit_href: admin.then(|| format!("/users/{}/edit", u.id)),
        api_href: format!("/api/v1/users/{}", u.id),
    };
    Ok(render(&page))
}

async fn change_fields(
    s: &AppState,
    user: &SignedIn,
    i: &UserUpdateInput,
) -> Result<Vec<Field>, PageError> {
    Ok(vec![
        Field::select("role", "Role", i.role.as_deref(), role_choices()).required(),
        Field::select(
            "organisation_id",
            "Acts for",
            i.organisation_id.as_deref(),
            organisation_choices(s, &user.viewer()).await?,
        ),
        Field::text(
            "disabled",
            "Disabled: the account cannot sign in and its sessions end",
            Some(if i.disabled { "true" } else { "" }),
        )
        .kind("checkbox"),
    ])
}

async fn edit_user_form(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let u = s.store.user(&user.viewer(), &id).await?;
    let input = UserUpdateInput {
        role: Some(u.role.clone()),
        organisation_id: u.organisation.as_ref().map(|o| o.id.clone()),
        disabled: u.disabled,
    };
    let f = change_fields(&s, &user, &input).await?;
    let href = format!("/users/{id}");
    Ok(form_page(
        &s,
        &user,
        FormPlace::new(format!("Edit account {}", u.username), href.clone(), href),
        f,
        None,
    )
    .await)
}

async fn update_user(
    State(s): State<AppState>,
    Path(id): Path<String>,
    form: CsrfForm<UserUpdateInput>,
) -> Result<Response, PageError> {
    let (user, input) = (&form.user, &form.form);
    let update = async |change: UserUpdate| s.store.update_user(&user.actor(), &id, &change).await;
    let href = format!("/users/{id}");
    let place = FormPlace::new("Edit account", href.clone(), href);
    save(
        &s,
        user,
        input,
        place,
        async || change_fields(&s, user, input).await,
        update,
        |u| format!("/users/{}", u.id),
    )
    .await
}

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/users", get(list_users).post(create_user))
        .route("/users/new", get(new_user_form))
        .route("/users/{id}", get(show_user).post(update_user))
        .route("/users/{id}/edit", get(edit_user_form))
}
