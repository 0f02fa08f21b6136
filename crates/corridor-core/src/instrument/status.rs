//! Where an instrument stands: the UN-style table of each party's signature, consent to be bound and entry
//! into force, and what is blocking it (the next step and who owes it).

use super::steps::{ConsentType, InstrumentFacts, StepFact, StepKind, done, done_on};
use crate::ids::PartyId;
use serde::Serialize;

/// The UN-style status of one party: its signature, its consent to be bound (with the type) and the date the
/// instrument entered into force for it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct PartyStatus {
    /// The party's id.
    pub party_id: String,
    /// Signature date.
    pub signed_on: Option<String>,
    /// How it consented to be bound.
    pub consent_type: Option<ConsentType>,
    /// When.
    pub consent_on: Option<String>,
    /// Entry into force for this party: the later of the general date and its own consent.
    pub in_force_on: Option<String>,
}

/// One row per party, from the steps the reader may see.
pub fn status_table(parties: &[PartyId], steps: &[StepFact]) -> Vec<PartyStatus> {
    let signed = done_on(steps, StepKind::Signed);
    let in_force = done_on(steps, StepKind::EntryIntoForce);
    parties
        .iter()
        .map(|p| {
            let consent = done(steps, StepKind::Consent).find(|s| s.party.as_ref() == Some(p));
            let accession = done(steps, StepKind::Accession).find(|s| s.party.as_ref() == Some(p));
            let consent_on = consent
                .and_then(|c| c.done_on)
                .or(accession.and_then(|a| a.done_on));
            let own_in_force = match (in_force, consent_on) {
                (Some(g), Some(c)) => Some(g.max(c)),
                _ => None,
            };
            PartyStatus {
                party_id: p.to_string(),
                signed_on: if accession.is_some() {
                    None
                } else {
                    signed.map(crate::dates::format_date)
                },
                consent_type: consent
                    .and_then(|c| c.consent_type)
                    .or(accession.map(|_| ConsentType::Accession)),
                consent_on: consent_on.map(crate::dates::format_date),
                in_force_on: own_in_force.map(crate::dates::format_date),
            }
        })
        .collect()
}

/// What is blocking: the next step and who owes it (a party id, or none for a joint step), or `None` once the
/// instrument is in force for every party.
pub fn next_step(
    facts: &InstrumentFacts,
    steps: &[StepFact],
    author: Option<&PartyId>,
) -> Option<(StepKind, Vec<PartyId>)> {
    let others = |p: Option<&PartyId>| {
        facts
            .parties
            .iter()
            .filter(|x| Some(*x) != p)
            .cloned()
            .collect::<Vec<_>>()
    };
    if done_on(steps, StepKind::Termination).is_some() {
        return None;
    }
    if done_on(steps, StepKind::Signed).is_none() {
        if done_on(steps, StepKind::Shared).is_none() {
            return Some((StepKind::Shared, author.into_iter().cloned().collect()));
        }
        if done_on(steps, StepKind::AcceptedAsBasis).is_none()
            && done_on(steps, StepKind::Negotiated).is_none()
        {
            return Some((StepKind::AcceptedAsBasis, others(author)));
        }
        return Some((StepKind::Signed, facts.parties.clone()));
    }
    let missing: Vec<PartyId> = facts
        .parties
        .iter()
        .filter(|p| !done(steps, StepKind::Consent).any(|s| s.party.as_ref() == Some(*p)))
        .cloned()
        .collect();
    if !missing.is_empty() {
        return Some((StepKind::Consent, missing));
    }
    if done_on(steps, StepKind::EntryIntoForce).is_none() {
        return Some((StepKind::EntryIntoForce, Vec::new()));
    }
    None
}
