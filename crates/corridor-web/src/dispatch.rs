//! The dispatcher that runs inside `corridor serve`: it fans the event log out to followers, runs the daily
//! job of dates coming or gone, posts organisations' webhooks (signed with HMAC-SHA256), queues digests
//! when a day or week has passed, and sends due e-mail over SMTP, recording each attempt. Its state is all in
//! the database (the log's place, the outbox with its leases), so a restart or a crash picks up where it
//! stopped: nothing committed is lost. An e-mail is claimed under a lease before it is sent and marked sent
//! right after the server accepts it; only a crash in the instant between those two steps can send it again,
//! and then with the same `Message-ID`, which mail systems treat as one message.

use crate::AppState;
use askama::Template;
use corridor_store::alerts::{Attempt, Mail, MailKind};
use lettre::message::{Mailbox, MultiPart, header};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

/// How long a sender holds an e-mail it claimed.
const LEASE: time::Duration = time::Duration::minutes(5);

/// An e-mail's text in both parts.
#[derive(Template)]
#[template(path = "mail/alerts.txt")]
struct MailText<'a> {
    groups: Vec<(&'a str, Vec<&'a corridor_core::alert::view::InboxEntry>)>,
    base: &'a str,
    unsubscribe: String,
    intro: &'a str,
}

#[derive(Template)]
#[template(path = "mail/alerts.html")]
struct MailHtml<'a> {
    mail: &'a Mail,
    groups: Vec<(&'a str, Vec<&'a corridor_core::alert::view::InboxEntry>)>,
    base: &'a str,
    unsubscribe: String,
    intro: &'a str,
}

/// The notifications grouped by record, groups in order of their newest entry.
fn grouped(mail: &Mail) -> Vec<(&str, Vec<&corridor_core::alert::view::InboxEntry>)> {
    let mut groups: Vec<(&str, Vec<_>)> = Vec::new();
    for e in &mail.entries {
        match groups.iter_mut().find(|(r, _)| *r == e.record.as_str()) {
            Some((_, v)) => v.push(e),
            None => groups.push((e.record.as_str(), vec![e])),
        }
    }
    groups
}

/// The e-mail for `mail`, plain text and HTML, with an unsubscribe link in the body and the headers.
pub fn render(state: &AppState, mail: &Mail) -> Result<Message, String> {
    let base = state.config.base_url();
    let unsubscribe = format!(
        "{base}/unsubscribe/{}/{}",
        mail.user_id, mail.unsubscribe_nonce
    );
    let intro = match mail.kind {
        MailKind::Instant => "A record you follow in Corridor changed.",
        MailKind::Daily => {
            "What changed in Corridor since yesterday's digest, in the records you follow, newest first."
        }
        MailKind::Weekly => {
            "What changed in Corridor this week, in the records you follow, newest first."
        }
    };
    let text = MailText {
        groups: grouped(mail),
        base: &base,
        unsubscribe: unsubscribe.clone(),
        intro,
    }
    .render()
    .map_err(|e| e.to_string())?;
    let html = MailHtml {
        mail,
        groups: grouped(mail),
        base: &base,
        unsubscribe: unsubscribe.clone(),
        intro,
    }
    .render()
    .map_err(|e| e.to_string())?;
    let from: Mailbox = state
        .config
        .mail_from
        .parse()
        .map_err(|e| format!("mail_from `{}`: {e}", state.config.mail_from))?;
    let to: Mailbox = mail
        .to
        .parse()
        .map_err(|e| format!("the address `{}` is not valid: {e}", mail.to))?;
    let domain = state
        .config
        .mail_from
        .rsplit_once('@')
        .map_or("corridor.invalid", |(_, d)| d.trim_end_matches('>'));
    Message::builder()
        .from(from)
        .to(to)
        .subject(format!("[Corridor] {}", mail.subject))
        .message_id(Some(format!("<{}@{domain}>", mail.id)))
        .header(ListUnsubscribe(format!("<{unsubscribe}>")))
        .header(ListUnsubscribePost)
        .multipart(MultiPart::alternative_plain_html(text, html))
        .map_err(|e| e.to_string())
}

/// `List-Unsubscribe` (RFC 2369).
#[derive(Clone)]
pub(crate) struct ListUnsubscribe(pub(crate) String);

impl header::Header for ListUnsubscribe {
    fn name() -> header::HeaderName {
        header::HeaderName::new_from_ascii_str("List-Unsubscribe")
    }
    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribe(s.to_owned()))
    }
    fn display(&self) -> header::HeaderValue {
        header::HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// `List-Unsubscribe-Post` (RFC 8058): the link unsubscribes with one POST.
#[derive(Clone)]
pub(crate) struct ListUnsubscribePost;

impl header::Header for ListUnsubscribePost {
    fn name() -> header::HeaderName {
        header::HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }
    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribePost)
    }
    fn display(&self) -> header::HeaderValue {
        header::HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".to_owned())
    }
}

/// The SMTP transport from `smtp_url` (`smtp://host:port`, `smtp+starttls://…`, `smtps://…`, with
/// `user:password@` when the relay wants it).
pub fn transport(url: &str) -> Result<AsyncSmtpTransport<Tokio1Executor>, String> {
    AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
        .map(|b| b.timeout(Some(Duration::from_secs(30))).build())
        .map_err(|e| format!("smtp_url: {e}"))
}

/// One round of the dispatcher: fan out the log, queue due digests, send due e-mail to accounts and to
/// visitors who subscribed to the news. Answers how many e-mails were accepted by the SMTP server.
#[async_recursion::async_recursion]
pub async fn round(
    state: &AppState,
    smtp: Option<&AsyncSmtpTransport<Tokio1Executor>>,
) -> Result<usize, corridor_store::StoreError> {
    state.store.fan_out_all().await?;
    let now = corridor_core::now();
    state.store.scheduled_alerts(now.date()).await?;
    state.store.queue_digests(now).await?;
    post_calls(state).await?;
    let Some(smtp) = smtp else {
        return Ok(0);
    };
    let mut sent = 0;
    loop {
        let batch = state.store.claim_mail(now, LEASE, 50).await?;
        if batch.is_empty() {
            break;
        }
        for mail in batch {
            let attempt = send(state, smtp, &mail).await;
            sent += usize::from(attempt.ok);
            state
                .store
                .finish_mail(&mail.id, &attempt, corridor_core::now())
                .await?;
        }
    }
    Ok(sent + crate::dispatch_public::send_due(state, smtp, now).await?)
}

/// The HTTP client webhooks are posted with: no redirects followed, ten seconds at most.
fn http() -> &'static reqwest::Client {
    static CLIENT: std::sync::OnceLock<reqwest::Client> = std::sync::OnceLock::new();
    CLIENT.get_or_init(|| {
        reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .redirect(reqwest::redirect::Policy::none())
            .user_agent("Corridor webhooks")
            .build()
            .unwrap_or_default()
    })
}

/// `hex(HMAC-SHA256(secret, timestamp "." body))`: what `X-Corridor-Signature` carries after `sha256=`.
pub fn signature(secret: &str, timestamp: &str, body: &str) -> String {
    use hmac::{KeyInit, Mac};
    let mut mac = hmac::Hmac::<sha2_hmac::Sha256>::new_from_slice(secret.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC takes a key of any length"));
    mac.update(timestamp.as_bytes());
    mac.update(b".");
    mac.update(body.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// Posts every due webhook call, signed, and records what came back.
async fn post_calls(state: &AppState) -> Result<(), corridor_store::StoreError> {
    loop {
        let now = corridor_core::now();
        let batch = state.store.claim_calls(now, LEASE, 50).await?;
        if batch.is_empty() {
            return Ok(());
        }
        for call in batch {
            let timestamp = now.unix_timestamp().to_string();
            let sent = http()
                .post(&call.url)
                .header("Content-Type", "application/json")
                .header("X-Corridor-Delivery", &call.id)
                .header("X-Corridor-Timestamp", &timestamp)
                .header(
                    "X-Corridor-Signature",
                    format!(
                        "sha256={}",
                        signature(&call.secret, &timestamp, &call.payload)
                    ),
                )
                .body(call.payload.clone())
                .send()
                .await;
            let (code, answer) = match sent {
                Ok(r) => {
                    let code = r.status().as_u16();
                    let text = r.text().await.unwrap_or_default();
                    (
                        Some(code),
                        format!("{code} {}", text.chars().take(200).collect::<String>()),
                    )
                }
                Err(e) => (None, e.to_string()),
            };
            state
                .store
                .finish_call(&call.id, code, &answer, corridor_core::now())
                .await?;
        }
    }
}

async fn send(state: &AppState, smtp: &AsyncSmtpTransport<Tokio1Executor>, mail: &Mail) -> Attempt {
    if mail.entries.is_empty() {
        return Attempt {
            ok: true,
            response: "not sent: its alerts were withdrawn".into(),
        };
    }
    let message = match render(state, mail) {
        Ok(m) => m,
        Err(e) => {
            return Attempt {
                ok: false,
                response: e,
            };
        }
    };
    deliver(smtp, message).await
}

/// Hands `message` to the SMTP server and records what it answered.
pub(crate) async fn deliver(
    smtp: &AsyncSmtpTransport<Tokio1Executor>,
    message: Message,
) -> Attempt {
    match smtp.send(message).await {
        Ok(r) => Attempt {
            ok: r.is_positive(),
            response: format!("{} {}", r.code(), r.message().collect::<Vec<_>>().join(" ")),
        },
        Err(e) => Attempt {
            ok: false,
            response: e.to_string(),
        },
    }
}

/// Runs rounds every few seconds until the process ends, logging failures and carrying on.
#[async_recursion::async_recursion]
pub async fn run(state: AppState) {
    let smtp = if state.config.smtp_url.trim().is_empty() {
        tracing::info!("no smtp_url: alerts go to inboxes and feeds, e-mail waits in the outbox");
        None
    } else {
        match transport(&state.config.smtp_url) {
            Ok(t) => Some(t),
            Err(e) => {
                tracing::error!("{e}; e-mail waits in the outbox");
                None
            }
        }
    };
    let mut tick = tokio::time::interval(Duration::from_secs(3));
    loop {
        tick.tick().await;
        if let Err(e) = round(&state, smtp.as_ref()).await {
            tracing::warn!("alert dispatch: {e}");
        }
    }
}
