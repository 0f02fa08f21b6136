//! Issuing an invitation letter: the store checks that the host side may issue it and gives the exchange as
//! the host sees it; the letter is laid out off the async threads and kept, as issued, by the store.

use crate::AppState;
use crate::error::AppError;
use crate::extract::SignedIn;
use axum::http::StatusCode;
use corridor_core::exchange::view::ExchangeView;
use corridor_formats::letter::{LetterDocument, LetterStop};

fn short(id: &str) -> &str {
    id.get(..8).unwrap_or(id)
}

/// Lays out and keeps the letter of nomination `id`; answers the exchange as it now stands.
pub(crate) async fn issue(
    s: &AppState,
    user: &SignedIn,
    id: &str,
) -> Result<ExchangeView, AppError> {
    let actor = user.actor();
    let viewer = user.viewer();
    let x = s.store.letter_facts(&actor, id).await?;
    let n =
        x.nominations.iter().find(|n| n.id == id).ok_or_else(|| {
            AppError::new(StatusCode::NOT_FOUND, "not_found", "no such nomination")
        })?;
    let full_name = async |party: &str| -> Result<String, AppError> {
        Ok(s.store.party(&viewer, party).await?.name)
    };
    let issuer = match user.user.organisation_id {
        Some(o) => s.store.organisation(&viewer, &o.to_string()).await?.name,
        None => full_name(&x.host_party.id).await?,
    };
    let request = x.request.as_ref().map_or_else(String::new, |r| {
        format!(
            "the {} recorded at {}: “{}”",
            r.kind.replace('_', " "),
            r.meeting.name.clone().unwrap_or_default(),
            r.item.name.clone().unwrap_or_default()
        )
    });
    let doc = LetterDocument {
        reference: format!("X-{}/N-{}", short(&x.id), short(&n.id)),
        issued_on: corridor_core::dates::format_date(corridor_core::now().date()),
        host_party: full_name(&x.host_party.id).await?,
        issuer,
        name: n.name.clone(),
        position: n.position.clone().unwrap_or_default(),
        organisation: n
            .organisation
            .as_ref()
            .and_then(|o| o.name.clone())
            .unwrap_or_default(),
        sending_party: full_name(&x.sending_party.id).await?,
        title: x.title.clone(),
        title_zh: x.title_zh.clone().unwrap_or_default(),
        purpose: x.purpose.clone().unwrap_or_default(),
        starts_on: x.starts_on.clone(),
        ends_on: x.ends_on.clone(),
        request,
        programme: x
            .programme_items
            .iter()
            .map(|p| LetterStop {
                day: p.on.clone(),
                at: p.at.clone().unwrap_or_default(),
                site: p.site.clone(),
            })
            .collect(),
    };
    let state = s.clone();
    let bytes = tokio::task::spawn_blocking(move || {
        let fonts = state.pdf_fonts()?;
        corridor_formats::pdf::letter(&doc, &fonts)
    })
    .await
    .map_err(|e| format!("the letter could not be made: {e}"))
    .and_then(|r| r)
    .map_err(|e| {
        tracing::error!(error = %e, "invitation letter failed");
        AppError::new(StatusCode::SERVICE_UNAVAILABLE, "pdf_unavailable", e)
    })?;
    let upload = corridor_core::attachment::check(
        &bytes,
        "invitation.pdf",
        corridor_core::attachment::MAX_BYTES,
    )
    .map_err(|e| {
        AppError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "pdf_unavailable",
            e.message,
        )
    })?;
    Ok(s.store.issue_letter(&actor, id, &upload, bytes).await?)
}
