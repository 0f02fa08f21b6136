//! Accession on the instrument page: the requests to join with each party's decision, the form a third party
//! (or a party that received its request) sends, and the consent or objection of each existing party.

use crate::AppState;
use crate::error::PageError;
use crate::extract::CsrfForm;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use corridor_core::ids::{AccessionDecisionId, AccessionId};
use corridor_core::instrument::accession::{
    AccessionInput, AccessionStatus, Decision, DecisionInput, NewAccession, NewDecision,
};
use corridor_core::instrument::view::{AccessionView, InstrumentView};
use corridor_core::view::{PartyView, Ref};

/// One request to join, as the page shows it.
pub(crate) struct AccessionBlock {
    pub id: String,
    pub party: String,
    pub requested_on: String,
    pub status: String,
    pub note: String,
    pub decisions: Vec<String>,
    pub awaiting: String,
    /// Whether the viewer's party is among those still to decide.
    pub can_decide: bool,
}

fn name(r: &Ref) -> String {
    r.name.clone().unwrap_or_else(|| "a party".into())
}

/// The blocks, with the decision form offered to a party still to decide.
pub(crate) fn blocks(list: &[AccessionView], own_party: &str) -> Vec<AccessionBlock> {
    list.iter()
        .map(|a| {
            let status = a.status.parse::<AccessionStatus>().map_or_else(
                |_| a.status.clone(),
                |s| match (s, &a.decided_on) {
                    (AccessionStatus::Requested, _) | (_, None) => s.label().to_owned(),
                    (_, Some(on)) => format!("{} on {on}", s.label()),
                },
            );
            AccessionBlock {
                id: a.id.clone(),
                party: name(&a.party),
                requested_on: a.requested_on.clone(),
                status,
                note: a.note.clone().unwrap_or_default(),
                decisions: a
                    .decisions
                    .iter()
                    .map(|d| {
                        let what = d
                            .decision
                            .parse::<Decision>()
                            .map_or_else(|_| d.decision.clone(), |x| x.label().to_lowercase());
                        match &d.note {
                            Some(n) => {
                                format!("{} {what} on {}: {n}", name(&d.party), d.decided_on)
                            }
                            None => format!("{} {what} on {}.", name(&d.party), d.decided_on),
                        }
                    })
                    .collect(),
                awaiting: a.awaiting.iter().map(name).collect::<Vec<_>>().join(", "),
                can_decide: a.awaiting.iter().any(|p| p.id == own_party),
            }
        })
        .collect()
}

/// The requests to join and whom the viewer may ask for, for the instrument page; `own_party` is empty for
/// an anonymous reader.
pub(crate) async fn section(
    s: &AppState,
    viewer: &corridor_core::Viewer,
    i: &InstrumentView,
    own_party: &str,
) -> Result<(Vec<AccessionBlock>, Vec<(String, String)>), PageError> {
    let list = blocks(&s.store.accessions(viewer, &i.id).await?, own_party);
    let candidates = if own_party.is_empty() {
        Vec::new()
    } else {
        candidates(i, &s.store.parties(viewer).await?, Some(own_party))
    };
    Ok((list, candidates))
}

/// Who the viewer may ask to join for: its own party when it is not yet a party, or, for a party to the
/// instrument, the third parties that are not parties yet.
pub(crate) fn candidates(
    i: &InstrumentView,
    parties: &[PartyView],
    own_party: Option<&str>,
) -> Vec<(String, String)> {
    let Some(own) = own_party else {
        return vec![];
    };
    if !i.open_to_accession {
        return vec![];
    }
    let is_party = |id: &str| i.parties.iter().any(|p| p.id == id);
    if is_party(own) {
        parties
            .iter()
            .filter(|p| p.standing == "third_party" && !is_party(&p.id))
            .map(|p| (p.id.clone(), p.short_name.clone()))
            .collect()
    } else {
        parties
            .iter()
            .filter(|p| p.id == own)
            .map(|p| (p.id.clone(), p.short_name.clone()))
            .collect()
    }
}

pub(crate) async fn request(
    State(s): State<AppState>,
    Path(id): Path<String>,
    form: CsrfForm<AccessionInput>,
) -> Result<Response, PageError> {
    let viewer = form.user.viewer();
    let inst = s.store.instrument(&viewer, &id).await?;
    let inst_id = inst
        .id
        .parse()
        .map_err(|_| crate::error::AppError::not_found())?;
    let new = NewAccession::parse(inst_id, &form.form)?;
    s.store
        .request_accession(&form.user.actor(), AccessionId::new(), &new)
        .await?;
    Ok(Redirect::to(&format!("/instruments/{id}#accession")).into_response())
}

pub(crate) async fn decide(
    State(s): State<AppState>,
    Path((id, accession)): Path<(String, String)>,
    form: CsrfForm<DecisionInput>,
) -> Result<Response, PageError> {
    let new = NewDecision::try_from(&form.form)?;
    s.store
        .decide_accession(
            &form.user.actor(),
            &accession,
            AccessionDecisionId::new(),
            &new,
        )
        .await?;
    Ok(Redirect::to(&format!("/instruments/{id}#accession")).into_response())
}
