//! The news desk: drafting and changing a news item, approving it for one's party, withdrawing it. Forms are
//! shown again with each error beside its field; a refusal (a version changed meanwhile, a second approval
//! of one party) comes back as a page that says why.

use crate::AppState;
use crate::error::PageError;
use crate::extract::{CsrfForm, CurrentUser, SignedIn};
use crate::i18n::Tr;
use crate::pages::directory::{FormPlace, form_page, save};
use crate::pages::{Empty, Field};
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use corridor_core::ids::NewsItemId;
use corridor_core::news::{NewNews, NewsInput, NewsView};
use corridor_store::Page;
use serde::Deserialize;

/// The records a news item may point at: meetings, instruments and projects the writer may see.
async fn link_choices(s: &AppState, user: &SignedIn) -> Result<Vec<(String, String)>, PageError> {
    let viewer = user.viewer();
    let page = Page::first(300);
    let mut out = Vec::new();
    for m in s.store.meetings(&viewer, None, &page).await?.items {
        out.push((format!("meeting:{}", m.id), format!("Meeting: {}", m.title)));
    }
    for i in s
        .store
        .instruments(&viewer, &Default::default(), &page)
        .await?
        .items
    {
        out.push((
            format!("instrument:{}", i.id),
            format!("Instrument: {}", i.title),
        ));
    }
    for p in s
        .store
        .projects(&viewer, &Default::default(), &page)
        .await?
        .items
    {
        out.push((format!("project:{}", p.id), format!("Project: {}", p.name)));
    }
    Ok(out)
}

async fn fields(s: &AppState, user: &SignedIn, i: &NewsInput) -> Result<Vec<Field>, PageError> {
    Ok(vec![
        Field::text(
            "version",
            "",
            i.version.map(|v| v.to_string()).as_deref(),
        )
        .kind("hidden"),
        Field::text("title", "Headline", i.title.as_deref()).required(),
        Field::text("summary", "Text", i.summary.as_deref())
            .kind("textarea")
            .required()
            .hint("A few paragraphs, separated by an empty line. Readers outside government read this."),
        Field::text("title_zh", "Headline in Chinese", i.title_zh.as_deref()).lang("zh"),
        Field::text("summary_zh", "Text in Chinese", i.summary_zh.as_deref())
            .kind("textarea")
            .lang("zh"),
        Field::text("title_ur", "Headline in Urdu", i.title_ur.as_deref()).lang("ur"),
        Field::text("summary_ur", "Text in Urdu", i.summary_ur.as_deref())
            .kind("textarea")
            .lang("ur"),
        Field::multi(
            "links",
            "Records it is about",
            &i.links,
            link_choices(s, user).await?,
        )
        .hint("A visitor sees a link only to a record that is public itself."),
    ])
}

fn input_of(n: &NewsView) -> NewsInput {
    let get = |v: &serde_json::Value, l: &str| v.get(l).and_then(|t| t.as_str()).map(str::to_owned);
    NewsInput {
        title: Some(n.title.clone()),
        title_zh: get(&n.titles, "zh"),
        title_ur: get(&n.titles, "ur"),
        summary: Some(n.summary.clone()),
        summary_zh: get(&n.summaries, "zh"),
        summary_ur: get(&n.summaries, "ur"),
        links: n
            .links
            .iter()
            .map(|l| format!("{}:{}", l.kind.as_str(), l.id))
            .collect(),
        version: Some(n.access.version),
    }
}

pub(super) async fn new_form(
    State(s): State<AppState>,
    user: CurrentUser,
) -> Result<Response, PageError> {
    let f = fields(&s, &user, &NewsInput::default()).await?;
    let title = Tr::current().t("news-draft");
    Ok(form_page(&s, &user, FormPlace::new(title, "/news", "/news"), f, None).await)
}

pub(super) async fn create(
    State(s): State<AppState>,
    form: CsrfForm<NewsInput>,
) -> Result<Response, PageError> {
    let (user, input) = (&form.user, &form.form);
    let place = FormPlace::new(Tr::current().t("news-draft"), "/news", "/news");
    let create = async |new: NewNews| {
        s.store
            .create_news(&user.actor(), NewsItemId::new(), &new)
            .await
    };
    save(
        &s,
        user,
        input,
        place,
        async || fields(&s, user, input).await,
        create,
        |n| format!("/news/{}", n.id),
    )
    .await
}

pub(super) async fn edit_form(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let n = s.store.news_item(&user.viewer(), &id).await?;
    let f = fields(&s, &user, &input_of(&n)).await?;
    let href = format!("/news/{id}");
    let title = Tr::current().t1("news-edit", "title", &n.title);
    Ok(form_page(
        &s,
        &user,
        FormPlace::new(title, href.clone(), href),
        f,
        None,
    )
    .await)
}

pub(super) async fn update(
    State(s): State<AppState>,
    Path(id): Path<String>,
    form: CsrfForm<NewsInput>,
) -> Result<Response, PageError> {
    let (user, input) = (&form.user, &form.form);
    let href = format!("/news/{id}");
    let title = Tr::current().t1("news-edit", "title", input.title.as_deref().unwrap_or(""));
    let place = FormPlace::new(title, href.clone(), href);
    let update = async |new: NewNews| s.store.update_news(&user.actor(), &id, &new).await;
    save(
        &s,
        user,
        input,
        place,
        async || fields(&s, user, input).await,
        update,
        |n| format!("/news/{}", n.id),
    )
    .await
}

/// The version the approver read: an approval is of exactly what they saw.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ApproveForm {
    version: String,
}

pub(super) async fn approve(
    State(s): State<AppState>,
    Path(id): Path<String>,
    form: CsrfForm<ApproveForm>,
) -> Result<Response, PageError> {
    let version: i64 =
        form.form.version.trim().parse().map_err(|_| {
            corridor_store::StoreError::invalid("version", "is not a version number")
        })?;
    s.store
        .approve_news(&form.user.actor(), &id, version)
        .await?;
    Ok(Redirect::to(&format!("/news/{id}")).into_response())
}

pub(super) async fn withdraw(
    State(s): State<AppState>,
    Path(id): Path<String>,
    form: CsrfForm<Empty>,
) -> Result<Response, PageError> {
    s.store.withdraw_news(&form.user.actor(), &id).await?;
    Ok(Redirect::to(&format!("/news/{id}")).into_response())
}
