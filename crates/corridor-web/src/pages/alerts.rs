//! Alert pages: the inbox grouped by record, the alert settings (e-mail mode, what one follows, quick follows
//! of an area or of one's organisation's register), the follow button every record page posts to, and the
//! unsubscribe link of e-mails, which asks for a click before it acts so that a mail scanner fetching the
//! link changes nothing.

use crate::AppState;
use crate::error::PageError;
use crate::extract::{CsrfForm, CurrentUser};
use crate::pages::{Empty, Layout, render};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use corridor_core::alert::view::{
    AlertSettings, DeliveryView, FollowView, InboxGroup, WebhookView,
};
use corridor_core::alert::{AREAS, EmailMode, Reason};
use serde::Deserialize;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/inbox", get(inbox))
        .route("/inbox/read", post(mark_read))
        .route("/alerts", get(settings))
        .route("/alerts/email", post(set_email))
        .route("/alerts/feed", post(new_feed))
        .route("/alerts/feed/revoke", post(revoke_feed))
        .route("/alerts/webhooks", post(create_webhook))
        .route("/alerts/webhooks/{id}/delete", post(delete_webhook))
        .route("/follows", post(follow))
        .route("/admin/deliveries", get(deliveries))
        .route("/admin/deliveries/{id}/retry", post(retry))
        .route("/admin/public-mail/{id}/retry", post(retry_public))
        .route(
            "/unsubscribe/{user}/{nonce}",
            get(unsubscribe_page).post(unsubscribe),
        )
}

#[derive(Template)]
#[template(path = "inbox.html")]
struct InboxPage {
    layout: Layout,
    groups: Vec<InboxGroup>,
    unread_only: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InboxQuery {
    #[serde(default)]
    unread: Option<String>,
}

async fn inbox(
    State(s): State<AppState>,
    user: CurrentUser,
    Query(q): Query<InboxQuery>,
) -> Result<Response, PageError> {
    let unread_only = q.unread.is_some_and(|u| u == "1");
    let groups = s.store.inbox(&user.user, unread_only, 200).await?;
    Ok(render(&InboxPage {
        layout: Layout::new(&s, Some(&user), "Inbox").await,
        groups,
        unread_only,
    }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReadForm {
    #[serde(default)]
    group: Option<String>,
}

async fn mark_read(
    State(s): State<AppState>,
    form: CsrfForm<ReadForm>,
) -> Result<Response, PageError> {
    let group = form.form.group.filter(|g| !g.is_empty());
    s.store
        .mark_read(&form.user.user, &[], group.as_deref())
        .await?;
    Ok(Redirect::to("/inbox").into_response())
}

#[derive(Template)]
#[template(path = "alerts.html")]
struct SettingsPage {
    layout: Layout,
    settings: AlertSettings,
    follows: Vec<FollowView>,
    modes: Vec<(&'static str, &'static str)>,
    areas: Vec<(&'static str, &'static str)>,
    own_register: Option<String>,
    /// The feed links, shown once, right after they were made: (Atom, iCalendar).
    feed: Option<(String, String)>,
    /// The organisation's webhooks, for those who may set them up.
    webhooks: Option<Vec<WebhookView>>,
    /// A new webhook's signing secret, shown once.
    secret: Option<String>,
    /// A problem with the webhook address just given.
    url_error: Option<(String, String)>,
    failures_before_off: i32,
}

impl SettingsPage {
    fn reason(r: &Reason) -> &'static str {
        match r {
            Reason::Chosen => "you chose it",
            Reason::Owner => "your organisation owns it",
            Reason::Lead => "your organisation leads it",
            Reason::CoChair => "you co-chair it",
        }
    }
}

/// What the settings page shows besides the settings themselves.
#[derive(Default)]
struct Shown {
    feed: Option<(String, String)>,
    secret: Option<String>,
    url_error: Option<(String, String)>,
}

async fn settings_page(
    s: &AppState,
    user: &crate::extract::SignedIn,
    shown: Shown,
) -> Result<Response, PageError> {
    let webhooks = s.store.webhooks(&user.user).await.ok();
    Ok(render(&SettingsPage {
        layout: Layout::new(s, Some(user), "Alerts").await,
        settings: s.store.alert_settings(&user.user).await?,
        follows: s.store.follows(&user.user).await?,
        modes: EmailMode::ALL.map(|m| (m.as_str(), m.label())).to_vec(),
        areas: AREAS.to_vec(),
        own_register: user
            .user
            .organisation_id
            .map(|o| format!("organisation_register:{o}")),
        feed: shown.feed,
        webhooks,
        secret: shown.secret,
        url_error: shown.url_error,
        failures_before_off: corridor_core::alert::webhook::FAILURES_BEFORE_DISABLED,
    }))
}

async fn settings(State(s): State<AppState>, user: CurrentUser) -> Result<Response, PageError> {
    settings_page(&s, &user, Shown::default()).await
}

/// Makes new feed links (revoking the old ones) and shows them once.
async fn new_feed(State(s): State<AppState>, form: CsrfForm<Empty>) -> Result<Response, PageError> {
    let token = s.store.new_feed_token(&form.user.user).await?;
    let base = s.config.base_url();
    let links = (
        format!("{base}/feeds/{token}/alerts.atom"),
        format!("{base}/feeds/{token}/calendar.ics"),
    );
    settings_page(
        &s,
        &form.user,
        Shown {
            feed: Some(links),
            ..Shown::default()
        },
    )
    .await
}

/// Revokes the feed links.
async fn revoke_feed(
    State(s): State<AppState>,
    form: CsrfForm<Empty>,
) -> Result<Response, PageError> {
    s.store.revoke_feed_token(&form.user.user).await?;
    Ok(Redirect::to("/alerts#feeds").into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EmailForm {
    email_mode: String,
}

async fn set_email(
    State(s): State<AppState>,
    form: CsrfForm<EmailForm>,
) -> Result<Response, PageError> {
    s.store
        .set_email_mode(&form.user.user, &form.form.email_mode)
        .await?;
    Ok(Redirect::to("/alerts").into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FollowForm {
    target: String,
    #[serde(default)]
    stop: Option<String>,
    /// Where to go afterwards: a path on this server.
    #[serde(default)]
    back: Option<String>,
}

/// Follows or stops following, then goes back to the page the form was on, or to what was followed.
async fn follow(
    State(s): State<AppState>,
    form: CsrfForm<FollowForm>,
) -> Result<Response, PageError> {
    let f = form.form;
    if f.stop.is_some() {
        s.store.unfollow(&form.user.user, &f.target).await?;
    } else {
        s.store.follow(&form.user.user, &f.target).await?;
    }
    let back = f
        .back
        .filter(|b| b.starts_with('/') && !b.starts_with("//") && !b.contains('\\'))
        .or_else(|| {
            corridor_core::alert::Target::parse("target", &f.target)
                .ok()
                .map(|t| t.link())
        })
        .unwrap_or_else(|| "/alerts".into());
    Ok(Redirect::to(&back).into_response())
}

#[derive(Template)]
#[template(path = "unsubscribe.html")]
struct UnsubscribePage {
    layout: Layout,
    action: String,
    done: Option<String>,
}

async fn unsubscribe_page(
    State(s): State<AppState>,
    Path((user, nonce)): Path<(String, String)>,
) -> Result<Response, PageError> {
    Ok(render(&UnsubscribePage {
        layout: Layout::new(&s, None, "Stop alert e-mails").await,
        action: format!("/unsubscribe/{user}/{nonce}"),
        done: None,
    }))
}

/// Turns e-mail off for the account the link was sent to. The link's nonce is the credential: it works
/// once, and a forged or used one is not found.
async fn unsubscribe(
    State(s): State<AppState>,
    Path((user, nonce)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let username = s.store.unsubscribe(&user, &nonce).await?;
    Ok(render(&UnsubscribePage {
        layout: Layout::new(&s, None, "Stop alert e-mails").await,
        action: String::new(),
        done: Some(username),
    }))
}

#[derive(Template)]
#[template(path = "deliveries.html")]
struct DeliveriesPage {
    layout: Layout,
    deliveries: Vec<DeliveryView>,
    /// E-mail to the news page's subscribers, who belong to neither side.
    public: Vec<DeliveryView>,
}

/// The outbox of the administrator's side: failures first, each with its attempts.
async fn deliveries(State(s): State<AppState>, user: CurrentUser) -> Result<Response, PageError> {
    let deliveries = s.store.deliveries(&user.user, 200).await?;
    let public = s.store.public_deliveries(&user.user, 200).await?;
    Ok(render(&DeliveriesPage {
        layout: Layout::new(&s, Some(&user), "Alert e-mail").await,
        deliveries,
        public,
    }))
}

async fn retry(
    State(s): State<AppState>,
    Path(id): Path<String>,
    form: CsrfForm<Empty>,
) -> Result<Response, PageError> {
    s.store.retry_delivery(&form.user.user, &id).await?;
    Ok(Redirect::to("/admin/deliveries").into_response())
}

async fn retry_public(
    State(s): State<AppState>,
    Path(id): Path<String>,
    form: CsrfForm<Empty>,
) -> Result<Response, PageError> {
    s.store.retry_public_mail(&form.user.user, &id).await?;
    Ok(Redirect::to("/admin/deliveries#public").into_response())
}

/// The addresses this server answers at, which a webhook may not point back to.
pub(crate) fn own_addresses(s: &AppState) -> Vec<String> {
    let mut own = vec![s.config.bind.clone()];
    if !s.config.public_url.trim().is_empty() {
        own.push(s.config.public_url.trim().to_owned());
    }
    own
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WebhookForm {
    url: String,
}

/// Sets up a webhook for the user's organisation and shows its secret once; a bad address is shown again
/// beside its field.
async fn create_webhook(
    State(s): State<AppState>,
    form: CsrfForm<WebhookForm>,
) -> Result<Response, PageError> {
    match s
        .store
        .create_webhook(&form.user.user, &form.form.url, &own_addresses(&s))
        .await
    {
        Ok((_, secret)) => {
            settings_page(
                &s,
                &form.user,
                Shown {
                    secret: Some(secret),
                    ..Shown::default()
                },
            )
            .await
        }
        Err(corridor_store::StoreError::Invalid(e)) => {
            let message = e.0.first().map(|f| f.message.clone()).unwrap_or_default();
            settings_page(
                &s,
                &form.user,
                Shown {
                    url_error: Some((form.form.url.clone(), message)),
                    ..Shown::default()
                },
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

async fn delete_webhook(
    State(s): State<AppState>,
    Path(id): Path<String>,
    form: CsrfForm<Empty>,
) -> Result<Response, PageError> {
    s.store.delete_webhook(&form.user.user, &id).await?;
    Ok(Redirect::to("/alerts#webhooks").into_response())
}
