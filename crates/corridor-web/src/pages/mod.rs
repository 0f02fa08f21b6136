//! Server-rendered pages. A few generic page shapes (a list, a record, a form) serve every area, so pages look
//! and behave alike; each area's module fills them from its store views.

mod account;
mod alerts;
pub(crate) use alerts::own_addresses;
mod business;
mod directory;
mod exchange;
mod feeds;
mod home;
mod iati;
mod impact;
mod instrument;
mod language;
pub(crate) mod login;
mod meeting;
pub(crate) mod news;
pub(crate) mod portfolio;
mod search;
pub(crate) mod sheets;
mod study;
mod upload;
mod users;
mod widgets;

use crate::AppState;
use crate::extract::SignedIn;
use askama::Template;
use axum::Router;
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
pub(crate) use widgets::{Cell, Field, Section, visibility_fields};

/// What every page's frame shows: who is signed in, for which party, and the token its forms carry.
pub(crate) struct Layout {
    pub title: String,
    pub username: Option<String>,
    pub role: String,
    pub party: String,
    pub csrf: String,
    pub is_admin: bool,
    /// The signed-in user's unread alerts.
    pub unread: u64,
    /// The record the page shows, which the user may follow: (`kind:id`, whether they follow it).
    pub follow: Option<(String, bool)>,
    /// The interface's words in the request's language.
    pub tr: crate::i18n::Tr,
}

impl Layout {
    pub(crate) async fn new(
        state: &AppState,
        user: Option<&SignedIn>,
        title: impl Into<String>,
    ) -> Layout {
        let mut layout = Layout {
            title: title.into(),
            username: None,
            role: String::new(),
            party: String::new(),
            csrf: String::new(),
            is_admin: false,
            unread: 0,
            follow: None,
            tr: crate::i18n::Tr::current(),
        };
        if let Some(u) = user {
            let party = u.user.party_id.to_string();
            layout.party = state
                .store
                .names(&u.viewer(), std::slice::from_ref(&party))
                .await
                .ok()
                .and_then(|mut n| n.remove(&party))
                .unwrap_or_default();
            layout.username = Some(u.user.username.clone());
            layout.role = u.user.role.to_string();
            layout.csrf = u.csrf.clone().unwrap_or_default();
            layout.is_admin = u.user.role == corridor_core::Role::Admin;
            layout.unread = state.store.unread_count(&u.user).await.unwrap_or(0);
        }
        layout
    }

    /// Offers a signed-in user to follow (or stop following) the record `target` (`project:…`) the page shows.
    pub(crate) async fn following(
        mut self,
        state: &AppState,
        user: Option<&SignedIn>,
        target: String,
    ) -> Layout {
        if let Some(u) = user {
            let on = state
                .store
                .follows_target(&u.user, &target)
                .await
                .unwrap_or(false);
            self.follow = Some((target, on));
        }
        self
    }
}

/// A list of records with filters and paging.
#[derive(Template)]
#[template(path = "list.html")]
pub(crate) struct ListPage {
    pub layout: Layout,
    pub intro: String,
    pub filters: Vec<Field>,
    pub columns: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
    pub next_href: Option<String>,
    pub new_href: Option<String>,
    pub empty: &'static str,
    /// Links under the list, `(label, href)`: downloads, imports.
    pub links: Vec<(String, String)>,
}

/// One record: its facts, related lists and history.
#[derive(Template)]
#[template(path = "record.html")]
pub(crate) struct RecordPage {
    pub layout: Layout,
    pub kind: &'static str,
    pub facts: Vec<(&'static str, Cell)>,
    pub visibility: String,
    pub sections: Vec<Section>,
    pub history: Vec<widgets::HistoryRow>,
    pub edit_href: Option<String>,
    pub api_href: String,
}

/// A form to create or change a record; shown again with each field's error after a failed attempt.
#[derive(Template)]
#[template(path = "form.html")]
pub(crate) struct FormPage {
    pub layout: Layout,
    pub action: String,
    pub fields: Vec<Field>,
    pub problem: Option<String>,
    pub submit: &'static str,
    pub cancel_href: String,
}

/// An error, in words a reader can act on.
#[derive(Template)]
#[template(path = "error.html")]
pub(crate) struct ErrorPage {
    pub title: String,
    pub status: u16,
    pub message: String,
    pub tr: crate::i18n::Tr,
}

/// Renders a template into a response.
/// A form that carries nothing but its CSRF token: a button that acts.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Empty {}

pub(crate) fn render<T: Template>(t: &T) -> Response {
    match t.render() {
        Ok(html) => Html(html).into_response(),
        Err(e) => crate::error::PageError(crate::error::AppError::new(
            axum::http::StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            format!("the page could not be drawn: {e}"),
        ))
        .into_response(),
    }
}

async fn stylesheet() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../assets/app.css"),
    )
}

/// The pages' routes.
pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home::home))
        .route("/events", get(home::activity))
        .route("/static/app.css", get(stylesheet))
        .merge(login::router())
        .merge(search::routes())
        .merge(language::routes())
        .merge(directory::router())
        .merge(account::router())
        .merge(alerts::router())
        .merge(feeds::router())
        .merge(users::router())
        .merge(meeting::router())
        .merge(sheets::router())
        .merge(instrument::router())
        .merge(portfolio::router())
        .merge(iati::router())
        .merge(study::router())
        .merge(exchange::router())
        .merge(business::router())
        .merge(impact::router())
        .merge(news::router())
        .fallback(|| async { crate::error::PageError(crate::error::AppError::not_found()) })
}
