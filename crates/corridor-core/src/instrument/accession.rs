//! Accession: a third party asks to join an instrument open to it, every existing party consents or objects,
//! and with the last consent the third party becomes a party, with its own row in the status table and its
//! own domestic track. One objection refuses the request.

use crate::error::{Collector, FieldError, ValidationErrors};
use crate::ids::{InstrumentId, PartyId};
use crate::input::{self, limit};
use crate::words::word_enum;
use serde::{Deserialize, Serialize};
use time::Date;

word_enum!(
    /// Where a request to join stands.
    AccessionStatus {
        /// Waiting for the existing parties.
        Requested = "requested" / "Requested",
        /// Every existing party consented: the third party has joined.
        Accepted = "accepted" / "Accepted",
        /// An existing party objected.
        Refused = "refused" / "Refused",
    }
);

word_enum!(
    /// What an existing party decided on a request to join.
    Decision {
        /// It consents to the accession.
        Consent = "consent" / "Consents",
        /// It objects to the accession.
        Objection = "objection" / "Objects",
    }
);

/// A request to join, as a form or JSON client sends it.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct AccessionInput {
    /// The third party that asks to join.
    pub party_id: Option<String>,
    /// When it asked, `YYYY-MM-DD`.
    pub requested_on: Option<String>,
    /// How the request came (a note verbale, a letter) and what it says.
    pub note: Option<String>,
}

/// A validated request to join.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewAccession {
    /// The instrument.
    pub instrument_id: InstrumentId,
    /// The third party.
    pub party_id: PartyId,
    /// When it asked.
    pub requested_on: Date,
    /// Its note.
    pub note: Option<String>,
}

impl NewAccession {
    /// Validates a request to join `instrument_id`.
    pub fn parse(
        instrument_id: InstrumentId,
        i: &AccessionInput,
    ) -> Result<Self, ValidationErrors> {
        let mut c = Collector::default();
        let party_id = c.take(input::required_parsed(
            "party_id",
            i.party_id.as_deref(),
            "a party id",
        ));
        let requested_on = c.take(required_date("requested_on", i.requested_on.as_deref()));
        let note = c.take(input::optional_long_text(
            "note",
            i.note.as_deref(),
            limit::TEXT,
        ));
        c.finish(|| {
            Some(NewAccession {
                instrument_id,
                party_id: party_id?,
                requested_on: requested_on?,
                note: note?,
            })
        })
    }
}

/// An existing party's decision, as a form or JSON client sends it.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct DecisionInput {
    /// `consent` or `objection`.
    pub decision: Option<String>,
    /// When the party decided, `YYYY-MM-DD`.
    pub decided_on: Option<String>,
    /// Its reasons or conditions.
    pub note: Option<String>,
}

/// A validated decision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewDecision {
    /// Consent or objection.
    pub decision: Decision,
    /// When.
    pub decided_on: Date,
    /// Reasons.
    pub note: Option<String>,
}

impl TryFrom<&DecisionInput> for NewDecision {
    type Error = ValidationErrors;
    fn try_from(i: &DecisionInput) -> Result<Self, Self::Error> {
        let mut c = Collector::default();
        let decision = c.take(input::required_parsed(
            "decision",
            i.decision.as_deref(),
            "consent or objection",
        ));
        let decided_on = c.take(required_date("decided_on", i.decided_on.as_deref()));
        let note = c.take(input::optional_long_text(
            "note",
            i.note.as_deref(),
            limit::TEXT,
        ));
        if decision == Some(Decision::Objection) && matches!(note, Some(None)) {
            c.take::<()>(Err(FieldError::new(
                "note",
                "an objection gives its reasons",
            )));
        }
        c.finish(|| {
            Some(NewDecision {
                decision: decision?,
                decided_on: decided_on?,
                note: note?,
            })
        })
    }
}

fn required_date(field: &str, value: Option<&str>) -> Result<Date, FieldError> {
    input::optional_date(field, value)?.ok_or_else(|| FieldError::new(field, "is required"))
}

/// Whether a third party may ask to join: the instrument is open, the party is not already one of its parties
/// and has no request still pending, and the date is not in the future.
pub fn check_request(
    new: &NewAccession,
    parties: &[PartyId],
    open_to_accession: bool,
    pending: &[PartyId],
    today: Date,
) -> Result<(), FieldError> {
    if !open_to_accession {
        return Err(FieldError::new(
            "party_id",
            "this instrument is closed: it is not open to the accession of third parties",
        ));
    }
    if parties.contains(&new.party_id) {
        return Err(FieldError::new(
            "party_id",
            "this party is already a party to the instrument",
        ));
    }
    if pending.contains(&new.party_id) {
        return Err(FieldError::new(
            "party_id",
            "this party's earlier request is still waiting for the parties' decisions",
        ));
    }
    if new.requested_on > today {
        return Err(FieldError::new(
            "requested_on",
            format!("{} is in the future", new.requested_on),
        ));
    }
    Ok(())
}

/// Whether `party` may decide on a request made on `requested_on`: it is an existing party, it has not decided
/// yet, the request is still open, and the date is neither before the request nor in the future.
pub fn check_decision(
    party: PartyId,
    parties: &[PartyId],
    decided: &[PartyId],
    status: AccessionStatus,
    requested_on: Date,
    new: &NewDecision,
    today: Date,
) -> Result<(), FieldError> {
    if status != AccessionStatus::Requested {
        return Err(FieldError::new(
            "decision",
            format!("this request is already {}", status.label().to_lowercase()),
        ));
    }
    if !parties.contains(&party) {
        return Err(FieldError::new(
            "decision",
            "only an existing party to the instrument decides on an accession",
        ));
    }
    if decided.contains(&party) {
        return Err(FieldError::new(
            "decision",
            "your party's decision on this request is already recorded",
        ));
    }
    if new.decided_on < requested_on {
        return Err(FieldError::new(
            "decided_on",
            format!("a decision comes on or after the request of {requested_on}"),
        ));
    }
    if new.decided_on > today {
        return Err(FieldError::new(
            "decided_on",
            format!("{} is in the future", new.decided_on),
        ));
    }
    Ok(())
}

/// The outcome once these decisions are in: refused at the first objection, accepted on the date of the last
/// consent when every existing party consented, otherwise still requested.
pub fn outcome(
    parties: &[PartyId],
    decisions: &[(PartyId, Decision, Date)],
) -> (AccessionStatus, Option<Date>) {
    if let Some(d) = decisions
        .iter()
        .filter(|(_, d, _)| *d == Decision::Objection)
        .map(|(_, _, on)| *on)
        .min()
    {
        return (AccessionStatus::Refused, Some(d));
    }
    let consented = |p: &PartyId| {
        decisions
            .iter()
            .any(|(q, d, _)| q == p && *d == Decision::Consent)
    };
    if !parties.is_empty() && parties.iter().all(consented) {
        let last = decisions.iter().map(|(_, _, on)| *on).max();
        (AccessionStatus::Accepted, last)
    } else {
        (AccessionStatus::Requested, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn request(party: PartyId) -> NewAccession {
        NewAccession {
            instrument_id: InstrumentId::new(),
            party_id: party,
            requested_on: date!(2023 - 03 - 01),
            note: None,
        }
    }

    #[test]
    fn a_closed_instrument_refuses_accession() {
        let (pk, cn, third) = (PartyId::new(), PartyId::new(), PartyId::new());
        let today = date!(2024 - 01 - 01);
        let e = check_request(&request(third), &[pk, cn], false, &[], today).unwrap_err();
        assert!(e.message.contains("closed"), "{e:?}");
        assert!(check_request(&request(pk), &[pk, cn], true, &[], today).is_err());
        assert!(check_request(&request(third), &[pk, cn], true, &[third], today).is_err());
        assert!(check_request(&request(third), &[pk, cn], true, &[], today).is_ok());
    }

    #[test]
    fn every_party_consents_and_one_objection_refuses() {
        let (pk, cn) = (PartyId::new(), PartyId::new());
        let parties = [pk, cn];
        let d1 = date!(2023 - 04 - 01);
        let d2 = date!(2023 - 05 - 10);
        assert_eq!(outcome(&parties, &[]), (AccessionStatus::Requested, None));
        assert_eq!(
            outcome(&parties, &[(pk, Decision::Consent, d1)]),
            (AccessionStatus::Requested, None)
        );
        assert_eq!(
            outcome(
                &parties,
                &[(pk, Decision::Consent, d1), (cn, Decision::Consent, d2)]
            ),
            (AccessionStatus::Accepted, Some(d2))
        );
        assert_eq!(
            outcome(&parties, &[(cn, Decision::Objection, d2)]),
            (AccessionStatus::Refused, Some(d2))
        );
    }

    #[test]
    fn a_decision_is_made_once_by_an_existing_party_after_the_request() {
        let (pk, cn, other) = (PartyId::new(), PartyId::new(), PartyId::new());
        let req = date!(2023 - 03 - 01);
        let today = date!(2024 - 01 - 01);
        let new = |on| NewDecision {
            decision: Decision::Consent,
            decided_on: on,
            note: None,
        };
        let ok = new(date!(2023 - 03 - 02));
        let check = |party, decided: &[PartyId], status, n: &NewDecision| {
            check_decision(party, &[pk, cn], decided, status, req, n, today)
        };
        assert!(check(pk, &[], AccessionStatus::Requested, &ok).is_ok());
        assert!(check(other, &[], AccessionStatus::Requested, &ok).is_err());
        assert!(check(pk, &[pk], AccessionStatus::Requested, &ok).is_err());
        assert!(check(pk, &[], AccessionStatus::Refused, &ok).is_err());
        let early = new(date!(2023 - 02 - 01));
        assert_eq!(
            check(pk, &[], AccessionStatus::Requested, &early)
                .unwrap_err()
                .field,
            "decided_on"
        );
    }

    #[test]
    fn an_objection_gives_reasons() {
        let e = NewDecision::try_from(&DecisionInput {
            decision: Some("objection".into()),
            decided_on: Some("2023-04-01".into()),
            note: None,
        })
        .unwrap_err();
        assert_eq!(e.0[0].field, "note");
        let e = NewDecision::try_from(&DecisionInput {
            decision: Some("maybe".into()),
            ..Default::default()
        })
        .unwrap_err();
        let fields: Vec<&str> = e.0.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["decision", "decided_on"]);
    }
}
