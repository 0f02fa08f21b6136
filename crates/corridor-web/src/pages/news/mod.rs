//! The public news page: items both parties approved, readable without signing in, in each language, with
//! a public Atom feed and an e-mail sign-up (`subscribe.rs`). Signed-in officers also see the news desk:
//! drafts and withdrawn items with the approvals they still need, and the forms to draft, approve and
//! withdraw (`desk.rs`).

mod desk;
mod subscribe;

use crate::AppState;
use crate::error::PageError;
use crate::extract::MaybeUser;
use crate::i18n::Tr;
use crate::pages::{Layout, render};
use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use corridor_core::Role;
use corridor_core::language::Language;
use corridor_core::news::{NewsState, NewsView};
use corridor_formats::atom::{Entry, Feed, atom};

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/news", get(list).post(desk::create))
        .route("/news.atom", get(feed))
        .route("/news/new", get(desk::new_form))
        .route("/news/subscribe", post(subscribe::subscribe))
        .route(
            "/news/confirm/{id}/{nonce}",
            get(subscribe::confirm_page).post(subscribe::confirm),
        )
        .route(
            "/news/unsubscribe/{id}/{nonce}",
            get(subscribe::unsubscribe_page).post(subscribe::unsubscribe),
        )
        .route("/news/{id}", get(show).post(desk::update))
        .route("/news/{id}/edit", get(desk::edit_form))
        .route("/news/{id}/approve", post(desk::approve))
        .route("/news/{id}/withdraw", post(desk::withdraw))
}

/// How many published items the page and the feed show.
const SHOWN: u64 = 50;

/// An item as a page shows it: in the reader's language when written in it, else in English.
pub(crate) struct Shown {
    pub item: NewsView,
    pub lang: Language,
    pub title: String,
    pub paragraphs: Vec<String>,
    pub date: String,
    /// The other versions: (language, its name in itself, title, paragraphs).
    pub others: Vec<(Language, &'static str, String, Vec<String>)>,
}

fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}

fn own_name(lang: Language) -> &'static str {
    match lang {
        Language::En => "English",
        Language::Zh => "中文",
        Language::Ur => "اردو",
    }
}

impl Shown {
    pub(crate) fn new(item: NewsView, tr: Tr) -> Shown {
        let lang = if item.languages().contains(&tr.0) {
            tr.0
        } else {
            Language::En
        };
        let others = item
            .languages()
            .into_iter()
            .filter(|l| *l != lang)
            .map(|l| {
                (
                    l,
                    own_name(l),
                    item.title_in(l).to_owned(),
                    paragraphs(item.summary_in(l)),
                )
            })
            .collect();
        let when = item
            .published_at
            .as_deref()
            .unwrap_or(&item.access.updated_at);
        Shown {
            title: item.title_in(lang).to_owned(),
            paragraphs: paragraphs(item.summary_in(lang)),
            date: tr.date(when),
            lang,
            others,
            item,
        }
    }

    /// `rtl` for Urdu.
    pub(crate) fn dir(&self) -> &'static str {
        if self.lang.is_rtl() { "rtl" } else { "ltr" }
    }
}

fn state_key(state: NewsState) -> &'static str {
    match state {
        NewsState::Draft => "news-state-draft",
        NewsState::Published => "news-state-published",
        NewsState::Withdrawn => "news-state-withdrawn",
    }
}

fn awaiting(item: &NewsView) -> String {
    item.awaiting
        .iter()
        .filter_map(|p| p.name.clone())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether the signed-in user drafts, approves and withdraws news for their party.
pub(crate) fn is_approver(user: &MaybeUser) -> bool {
    user.0
        .as_ref()
        .is_some_and(|u| u.user.member && matches!(u.user.role, Role::Admin | Role::Secretariat))
}

#[derive(Template)]
#[template(path = "news.html")]
struct NewsPage {
    layout: Layout,
    items: Vec<Shown>,
    desk: Vec<Shown>,
    approver: bool,
    signup_csrf: String,
    /// Why the sign-up was refused, and what was typed.
    problem: Option<String>,
    email: String,
}

impl NewsPage {
    fn state_key(&self, n: &Shown) -> &'static str {
        state_key(n.item.state)
    }
    fn awaiting(&self, n: &Shown) -> String {
        awaiting(&n.item)
    }
}

async fn list(State(s): State<AppState>, user: MaybeUser) -> Result<Response, PageError> {
    list_page(&s, &user, StatusCode::OK, None, String::new()).await
}

/// The news page, with a refused sign-up's reason above its form when there is one.
pub(super) async fn list_page(
    s: &AppState,
    user: &MaybeUser,
    status: StatusCode,
    problem: Option<String>,
    email: String,
) -> Result<Response, PageError> {
    let tr = Tr::current();
    let items = s
        .store
        .published_news(SHOWN)
        .await?
        .into_iter()
        .map(|i| Shown::new(i, tr))
        .collect();
    let desk = match &user.0 {
        Some(u) => s
            .store
            .unpublished_news(&u.viewer())
            .await?
            .into_iter()
            .map(|i| Shown::new(i, tr))
            .collect(),
        None => vec![],
    };
    let csrf = subscribe::token();
    let mut response = render(&NewsPage {
        layout: Layout::new(s, user.0.as_ref(), tr.t("news-title")).await,
        items,
        desk,
        approver: is_approver(user),
        signup_csrf: csrf.clone(),
        problem,
        email,
    });
    *response.status_mut() = status;
    subscribe::set_token(s, &mut response, &csrf);
    Ok(response)
}

#[derive(Template)]
#[template(path = "news_item.html")]
struct ItemPage {
    layout: Layout,
    shown: Shown,
    signed_in: bool,
    /// Whether the reader may approve the current version for their party now.
    can_approve: bool,
    can_withdraw: bool,
}

impl ItemPage {
    fn approved_by(&self, a: &corridor_core::news::ApprovalView) -> String {
        self.layout.tr.t2(
            "news-approved-by",
            ("party", a.party.name.clone().unwrap_or_default()),
            ("person", a.person.name.clone().unwrap_or_default()),
        )
    }
    fn state_key(&self) -> &'static str {
        state_key(self.shown.item.state)
    }
    fn awaiting(&self) -> String {
        awaiting(&self.shown.item)
    }
}

async fn show(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let tr = Tr::current();
    let item = s.store.news_item(&user.viewer(), &id).await?;
    let approver = is_approver(&user);
    let own_party = user
        .0
        .as_ref()
        .map(|u| u.user.party_id.to_string())
        .unwrap_or_default();
    let can_approve = approver
        && item.state != NewsState::Published
        && item.awaiting.iter().any(|p| p.id == own_party);
    let can_withdraw = approver && item.state == NewsState::Published;
    let shown = Shown::new(item, tr);
    let layout = Layout::new(&s, user.0.as_ref(), shown.title.clone()).await;
    Ok(render(&ItemPage {
        layout,
        signed_in: user.0.is_some(),
        can_approve,
        can_withdraw,
        shown,
    }))
}

/// The published news as Atom, in the reader's language where each item is written in it.
async fn feed(State(s): State<AppState>) -> Result<Response, PageError> {
    let tr = Tr::current();
    let base = s.config.base_url();
    let entries: Vec<Entry> = s
        .store
        .published_news(SHOWN)
        .await?
        .into_iter()
        .map(|i| {
            let shown = Shown::new(i, tr);
            Entry {
                id: format!("urn:uuid:{}", shown.item.id),
                title: shown.title.clone(),
                updated: shown
                    .item
                    .published_at
                    .clone()
                    .unwrap_or_else(|| shown.item.access.updated_at.clone()),
                link: format!("{base}/news/{}", shown.item.id),
                summary: shown.paragraphs.join("\n\n"),
                author: tr.t("news-author"),
                lang: shown.lang.code().to_owned(),
            }
        })
        .collect();
    let feed = Feed {
        id: format!("{base}/news.atom"),
        title: tr.t("news-feed-title"),
        updated: entries
            .iter()
            .map(|e| e.updated.clone())
            .max()
            .unwrap_or_else(|| corridor_core::dates::format_rfc3339(corridor_core::now())),
        self_link: format!("{base}/news.atom"),
        alternate: format!("{base}/news"),
        author: tr.t("news-author"),
        entries,
        lang: tr.code().to_owned(),
    };
    Ok((
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        atom(&feed),
    )
        .into_response())
}
