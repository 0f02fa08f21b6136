//! The dispatcher's e-mail to visitors: the link that confirms a subscription, and each published news item,
//! in the language the visitor chose. Claimed, sent and recorded like the accounts' e-mail (`dispatch.rs`);
//! what it carries is read when it is sent, so an item withdrawn or an address unsubscribed meanwhile is not
//! mailed, and the attempt says why.

use crate::AppState;
use crate::i18n::Tr;
use crate::pages::news::Shown;
use askama::Template;
use corridor_store::alerts::Attempt;
use corridor_store::news::{PublicMail, PublicMailKind};
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, Message, Tokio1Executor};

/// How long a sender holds an e-mail it claimed.
const LEASE: time::Duration = time::Duration::minutes(5);

#[derive(Template)]
#[template(path = "mail/news.txt")]
struct NewsText<'a> {
    tr: Tr,
    shown: &'a Shown,
    link: &'a str,
    unsubscribe: &'a str,
}

#[derive(Template)]
#[template(path = "mail/news.html")]
struct NewsHtml<'a> {
    tr: Tr,
    shown: &'a Shown,
    link: &'a str,
    unsubscribe: &'a str,
}

#[derive(Template)]
#[template(path = "mail/confirm.txt")]
struct ConfirmText<'a> {
    tr: Tr,
    link: &'a str,
}

#[derive(Template)]
#[template(path = "mail/confirm.html")]
struct ConfirmHtml<'a> {
    tr: Tr,
    link: &'a str,
}

/// The e-mail for `mail`; inside, why nothing is sent when there is nothing left to send.
pub fn render(state: &AppState, mail: &PublicMail) -> Result<Result<Message, String>, String> {
    let base = state.config.base_url();
    let tr = Tr(mail.language);
    let unsubscribe = format!(
        "{base}/news/unsubscribe/{}/{}",
        mail.subscriber_id, mail.unsubscribe_nonce
    );
    let (subject, text, html, list) = match (mail.kind, &mail.item, &mail.confirm_nonce) {
        (PublicMailKind::News, Some(item), _) => {
            let shown = Shown::new(item.clone(), tr);
            let link = format!("{base}/news/{}", item.id);
            let t = NewsText {
                tr,
                shown: &shown,
                link: &link,
                unsubscribe: &unsubscribe,
            };
            let h = NewsHtml {
                tr,
                shown: &shown,
                link: &link,
                unsubscribe: &unsubscribe,
            };
            (
                shown.title.clone(),
                t.render().map_err(|e| e.to_string())?,
                h.render().map_err(|e| e.to_string())?,
                true,
            )
        }
        (PublicMailKind::Confirm, _, Some(nonce)) => {
            let link = format!("{base}/news/confirm/{}/{nonce}", mail.subscriber_id);
            (
                tr.t("mail-confirm-subject"),
                ConfirmText { tr, link: &link }
                    .render()
                    .map_err(|e| e.to_string())?,
                ConfirmHtml { tr, link: &link }
                    .render()
                    .map_err(|e| e.to_string())?,
                false,
            )
        }
        _ => return Ok(Err("nothing left to send".into())),
    };
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
    let mut builder = Message::builder()
        .from(from)
        .to(to)
        .subject(subject)
        .message_id(Some(format!("<{}@{domain}>", mail.id)));
    if list {
        builder = builder
            .header(crate::dispatch::ListUnsubscribe(format!("<{unsubscribe}>")))
            .header(crate::dispatch::ListUnsubscribePost);
    }
    Ok(builder
        .multipart(MultiPart::alternative_plain_html(text, html))
        .map_err(|e| e.to_string()))
}

async fn send(
    state: &AppState,
    smtp: &AsyncSmtpTransport<Tokio1Executor>,
    mail: &PublicMail,
) -> Attempt {
    let skipped = |why: &str| Attempt {
        ok: true,
        response: format!("not sent: {why}"),
    };
    if !mail.wanted {
        return skipped(match mail.kind {
            PublicMailKind::Confirm => "the address was confirmed or unsubscribed meanwhile",
            PublicMailKind::News => "the item was withdrawn or the address unsubscribed",
        });
    }
    let message = match render(state, mail) {
        Ok(Ok(m)) => m,
        Ok(Err(why)) => return skipped(&why),
        Err(e) => {
            return Attempt {
                ok: false,
                response: e,
            };
        }
    };
    crate::dispatch::deliver(smtp, message).await
}

/// Sends every due e-mail to visitors; answers how many the SMTP server accepted.
pub(crate) async fn send_due(
    state: &AppState,
    smtp: &AsyncSmtpTransport<Tokio1Executor>,
    now: time::OffsetDateTime,
) -> Result<usize, corridor_store::StoreError> {
    let mut sent = 0;
    loop {
        let batch = state.store.claim_public_mail(now, LEASE, 50).await?;
        if batch.is_empty() {
            return Ok(sent);
        }
        for mail in batch {
            let attempt = send(state, smtp, &mail).await;
            sent += usize::from(attempt.ok && !attempt.response.starts_with("not sent"));
            state
                .store
                .finish_public_mail(&mail.id, &attempt, corridor_core::now())
                .await?;
        }
    }
}
