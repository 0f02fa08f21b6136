//! The life of an instrument: each party's domestic track (consultation, legal vetting, approval,
//! ratification, consent to be bound) beside the joint steps (shared, accepted as the basis, negotiated,
//! initialled, signed, exchange of notes, entry into force, amendment, suspension, termination, accession).
//! The rules compare dates of action, not the order steps were typed in, so history can be recorded after the
//! fact.

use crate::error::{Collector, FieldError, ValidationErrors};
use crate::ids::{InstrumentId, OrganisationId, PartyId, PersonId};
use crate::input::{self, Access, limit};
use crate::visibility::Visibility;
use crate::words::word_enum;
use serde::{Deserialize, Serialize};
use time::Date;

word_enum!(
    /// What a step is.
    StepKind {
        /// A party consults its provinces, ministries or stakeholders.
        Consultation = "consultation" / "Consultation",
        /// A party's lawyers vet the text.
        LegalVetting = "legal_vetting" / "Legal vetting",
        /// A party's cabinet or head of government approves.
        Approval = "approval" / "Approval",
        /// A party ratifies.
        Ratification = "ratification" / "Ratification",
        /// A party expresses its consent to be bound (its type says how).
        Consent = "consent" / "Consent to be bound",
        /// The author side shares a version with the counterpart.
        Shared = "shared" / "Shared with the counterpart",
        /// The counterpart accepts it as the basis for negotiation.
        AcceptedAsBasis = "accepted_as_basis" / "Accepted as the basis for negotiation",
        /// The text is negotiated.
        Negotiated = "negotiated" / "Negotiated",
        /// The negotiators initial the text.
        Initialled = "initialled" / "Initialled",
        /// The parties sign.
        Signed = "signed" / "Signed",
        /// Notes are exchanged.
        ExchangeOfNotes = "exchange_of_notes" / "Exchange of notes",
        /// It enters into force.
        EntryIntoForce = "entry_into_force" / "Entry into force",
        /// It is amended.
        Amendment = "amendment" / "Amendment",
        /// It is suspended.
        Suspension = "suspension" / "Suspension",
        /// It ends.
        Termination = "termination" / "Termination",
        /// A third party accedes.
        Accession = "accession" / "Accession of a third party",
    }
);

word_enum!(
    /// How a party consents to be bound.
    ConsentType {
        /// By ratification.
        Ratification = "ratification" / "Ratification",
        /// By acceptance.
        Acceptance = "acceptance" / "Acceptance",
        /// By approval.
        Approval = "approval" / "Approval",
        /// By signature alone.
        DefinitiveSignature = "definitive_signature" / "Definitive signature",
        /// By accession.
        Accession = "accession" / "Accession",
    }
);

word_enum!(
    /// Whether a step has happened.
    StepStatus {
        /// Expected; its date, if any, is a plan.
        Planned = "planned" / "Planned",
        /// Done on its date of action.
        Done = "done" / "Done",
    }
);

impl StepKind {
    /// Steps that belong to one party's own track.
    pub fn is_domestic(self) -> bool {
        matches!(
            self,
            StepKind::Consultation
                | StepKind::LegalVetting
                | StepKind::Approval
                | StepKind::Ratification
                | StepKind::Consent
        )
    }

    /// Who sees a new step of this kind unless told otherwise: a party's own steps stay with it, except its
    /// consent to be bound, which the other parties must know.
    pub fn default_visibility(self) -> Visibility {
        if self.is_domestic() && self != StepKind::Consent {
            Visibility::Party
        } else {
            Visibility::Shared
        }
    }
}

/// A step as a form or JSON client sends it.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct StepInput {
    /// The instrument.
    pub instrument_id: Option<String>,
    /// What the step is.
    pub kind: Option<String>,
    /// The party whose domestic step it is; empty for a joint step.
    pub party_id: Option<String>,
    /// `planned` or `done` (default).
    pub status: Option<String>,
    /// Date of action, `YYYY-MM-DD`.
    pub acted_on: Option<String>,
    /// Date of effect, when it differs.
    pub effective_on: Option<String>,
    /// For consent to be bound: `ratification`, `acceptance`, `approval`, `definitive_signature`, `accession`.
    pub consent_type: Option<String>,
    /// The organisation that acted.
    pub organisation_id: Option<String>,
    /// The person who acted.
    pub person_id: Option<String>,
    /// What happened, in a sentence or two.
    pub note: Option<String>,
    /// `public`, `shared`, `party` or `restricted`; domestic steps default to `party`.
    pub visibility: Option<String>,
    /// People who may see a restricted record.
    #[serde(deserialize_with = "input::one_or_many")]
    pub restricted_to: Vec<String>,
}

/// A validated step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewStep {
    /// The instrument.
    pub instrument_id: InstrumentId,
    /// Kind.
    pub kind: StepKind,
    /// The party, for a domestic step.
    pub party_id: Option<PartyId>,
    /// Planned or done.
    pub status: StepStatus,
    /// Date of action.
    pub acted_on: Option<Date>,
    /// Date of effect.
    pub effective_on: Option<Date>,
    /// Consent type.
    pub consent_type: Option<ConsentType>,
    /// Acting organisation.
    pub organisation_id: Option<OrganisationId>,
    /// Acting person.
    pub person_id: Option<PersonId>,
    /// Note.
    pub note: Option<String>,
    /// Who may see it.
    pub access: Access,
}

/// The problems of a step's fields taken together: a party for domestic steps only, a consent type for
/// consents only, a date of action for what is done, a date of effect not before it.
fn shape(
    kind: StepKind,
    has_party: bool,
    has_consent_type: bool,
    status: StepStatus,
    acted_on: Option<Date>,
    effective_on: Option<Date>,
) -> Vec<FieldError> {
    let mut out = Vec::new();
    if kind.is_domestic() && !has_party {
        out.push(FieldError::new(
            "party_id",
            format!("{} is a party's own step: name the party", kind.label()),
        ));
    }
    if !kind.is_domestic() && kind != StepKind::Accession && has_party {
        out.push(FieldError::new(
            "party_id",
            format!("{} is a joint step: leave the party empty", kind.label()),
        ));
    }
    if kind == StepKind::Consent && !has_consent_type {
        out.push(FieldError::new(
            "consent_type",
            "say how the party consents to be bound",
        ));
    }
    if kind != StepKind::Consent && has_consent_type {
        out.push(FieldError::new(
            "consent_type",
            "only a consent to be bound has a type",
        ));
    }
    if status == StepStatus::Done && acted_on.is_none() {
        out.push(FieldError::new(
            "acted_on",
            "a step that is done has a date of action",
        ));
    }
    if let (Some(a), Some(e)) = (acted_on, effective_on)
        && e < a
    {
        out.push(FieldError::new(
            "effective_on",
            "cannot be before the date of action",
        ));
    }
    out
}

impl TryFrom<&StepInput> for NewStep {
    type Error = ValidationErrors;
    fn try_from(i: &StepInput) -> Result<Self, Self::Error> {
        let mut c = Collector::default();
        let instrument_id = c.take(input::required_parsed(
            "instrument_id",
            i.instrument_id.as_deref(),
            "an instrument id",
        ));
        let kind: Option<StepKind> = c.take(input::required_parsed(
            "kind",
            i.kind.as_deref(),
            "a step kind",
        ));
        let party_id = c.take(input::optional_parsed(
            "party_id",
            i.party_id.as_deref(),
            "a party id",
        ));
        let status = c.take(
            input::optional_parsed("status", i.status.as_deref(), "a step status")
                .map(|s| s.unwrap_or(StepStatus::Done)),
        );
        let acted_on = c.take(input::optional_date("acted_on", i.acted_on.as_deref()));
        let effective_on = c.take(input::optional_date(
            "effective_on",
            i.effective_on.as_deref(),
        ));
        let consent_type = c.take(input::optional_parsed(
            "consent_type",
            i.consent_type.as_deref(),
            "a consent type",
        ));
        let organisation_id = c.take(input::optional_parsed(
            "organisation_id",
            i.organisation_id.as_deref(),
            "an organisation id",
        ));
        let person_id = c.take(input::optional_parsed(
            "person_id",
            i.person_id.as_deref(),
            "a person id",
        ));
        let note = c.take(input::optional_long_text(
            "note",
            i.note.as_deref(),
            limit::TEXT,
        ));
        let default = kind.map_or(Visibility::Shared, StepKind::default_visibility);
        let access = c.take(input::access(
            i.visibility.as_deref(),
            &i.restricted_to,
            default,
        ));
        if let (Some(k), Some(p), Some(ct), Some(st), Some(a), Some(e)) = (
            kind,
            &party_id,
            &consent_type,
            status,
            acted_on,
            effective_on,
        ) {
            for problem in shape(k, p.is_some(), ct.is_some(), st, a, e) {
                c.take::<()>(Err(problem));
            }
        }
        c.finish(|| {
            Some(NewStep {
                instrument_id: instrument_id?,
                kind: kind?,
                party_id: party_id?,
                status: status?,
                acted_on: acted_on?,
                effective_on: effective_on?,
                consent_type: consent_type?,
                organisation_id: organisation_id?,
                person_id: person_id?,
                note: note?,
                access: access?,
            })
        })
    }
}

/// A step as the rules see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepFact {
    /// Kind.
    pub kind: StepKind,
    /// The party, for a domestic step or an accession.
    pub party: Option<PartyId>,
    /// Date of action, when done.
    pub done_on: Option<Date>,
    /// For a consent, how.
    pub consent_type: Option<ConsentType>,
}

/// What the rules need to know of the instrument.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InstrumentFacts {
    /// Its parties.
    pub parties: Vec<PartyId>,
    /// Open to third parties.
    pub open_to_accession: bool,
    /// A version has been shared (or agreed).
    pub has_shared_version: bool,
    /// A version is the agreed text.
    pub has_agreed_text: bool,
}

pub(super) fn done(steps: &[StepFact], kind: StepKind) -> impl Iterator<Item = &StepFact> {
    steps
        .iter()
        .filter(move |s| s.kind == kind && s.done_on.is_some())
}

/// The earliest date a step of `kind` was done, if it was.
pub fn done_on(steps: &[StepFact], kind: StepKind) -> Option<Date> {
    done(steps, kind).filter_map(|s| s.done_on).min()
}

/// Checks a step against the instrument and the steps already recorded. Planned steps are checked only for
/// their shape; a step that is done must follow what it depends on, by date. `today` bounds dates of action.
pub fn check(
    new: &StepFact,
    steps: &[StepFact],
    facts: &InstrumentFacts,
    today: Date,
) -> Result<(), String> {
    if let Some(p) = &new.party
        && new.kind != StepKind::Accession
        && !facts.parties.contains(p)
    {
        return Err("the party is not a party to this instrument".into());
    }
    let Some(on) = new.done_on else {
        return Ok(());
    };
    if on > today {
        return Err(format!(
            "a step done on {on} is in the future; record it as planned"
        ));
    }
    let before = |kind: StepKind| done_on(steps, kind).filter(|d| *d <= on);
    let need = |kind: StepKind, why: &str| -> Result<(), String> {
        before(kind)
            .map(|_| ())
            .ok_or_else(|| format!("{why}: record “{}” first, on or before {on}", kind.label()))
    };
    if done_on(steps, StepKind::Termination).is_some_and(|d| d <= on) {
        return Err("the instrument was terminated before this date".into());
    }
    match new.kind {
        StepKind::Shared if !facts.has_shared_version => {
            Err("share a version of the text first (its status becomes shared)".into())
        }
        StepKind::AcceptedAsBasis => need(
            StepKind::Shared,
            "the counterpart accepts a text it has received",
        ),
        StepKind::Signed => check_signed(steps, facts, on),
        StepKind::Consent => {
            if done(steps, StepKind::Consent).any(|s| s.party == new.party) {
                return Err("this party's consent to be bound is already recorded".into());
            }
            need(
                StepKind::Signed,
                "a party consents to be bound by a signed text",
            )
        }
        StepKind::EntryIntoForce => check_entry_into_force(steps, facts, on),
        StepKind::Amendment | StepKind::Suspension => need(
            StepKind::EntryIntoForce,
            "only an instrument in force changes",
        ),
        StepKind::Termination => {
            once(steps, StepKind::Termination)?;
            need(StepKind::EntryIntoForce, "only an instrument in force ends")
        }
        StepKind::Accession => {
            if !facts.open_to_accession {
                return Err(
                    "this instrument is closed: it is not open to the accession of third parties"
                        .into(),
                );
            }
            need(
                StepKind::Signed,
                "a third party accedes to a signed instrument",
            )
        }
        _ => Ok(()),
    }
}

/// Refuses a second step of a kind that happens once.
fn once(steps: &[StepFact], kind: StepKind) -> Result<(), String> {
    match done_on(steps, kind) {
        Some(d) => Err(format!("“{}” is already recorded, on {d}", kind.label())),
        None => Ok(()),
    }
}

fn check_signed(steps: &[StepFact], facts: &InstrumentFacts, on: Date) -> Result<(), String> {
    once(steps, StepKind::Signed)?;
    if !facts.has_agreed_text {
        return Err(
            "the parties sign an agreed text: mark a version as the agreed text first".into(),
        );
    }
    let before = |kind: StepKind| done_on(steps, kind).filter(|d| *d <= on);
    if before(StepKind::AcceptedAsBasis).is_none() && before(StepKind::Negotiated).is_none() {
        return Err(format!(
            "the parties sign what was accepted or negotiated: record “{}” or “{}” first, on or before {on}",
            StepKind::AcceptedAsBasis.label(),
            StepKind::Negotiated.label()
        ));
    }
    Ok(())
}

fn check_entry_into_force(
    steps: &[StepFact],
    facts: &InstrumentFacts,
    on: Date,
) -> Result<(), String> {
    once(steps, StepKind::EntryIntoForce)?;
    let consented = |p: &PartyId| {
        done(steps, StepKind::Consent)
            .any(|s| s.party.as_ref() == Some(p) && s.done_on.is_some_and(|d| d <= on))
    };
    let missing = facts.parties.iter().filter(|p| !consented(p)).count();
    if missing == 0 {
        Ok(())
    } else {
        Err(format!(
            "entry into force needs every party's consent to be bound; {missing} of {} parties have not consented on or before {on}",
            facts.parties.len()
        ))
    }
}
