//! Joint diagnostic studies: a sector's terms of reference, a mixed team of experts from both sides, phases
//! from terms agreed to a report accepted at a meeting, report versions, and findings with recommendations.
//! Accepting the report turns each recommendation into an action on the register, with a lead organisation
//! per side and a due date; each carries an assessment, of its potential when adopted and of its completion
//! when reviewed (the OGP independent reporting mechanism's scales).

pub mod view;

use crate::error::{Collector, FieldError, ValidationErrors};
use crate::ids::{BodyId, MeetingId, OrganisationId, PartyId};
use crate::input::{self, Access, limit};
use crate::language::Translations;
use crate::visibility::Visibility;
use crate::words::word_enum;
use serde::{Deserialize, Serialize};
use time::Date;

word_enum!(
    /// Where a study stands; it moves forward one phase at a time.
    Phase {
        /// Both sides agreed the terms of reference.
        TermsAgreed = "terms_agreed" / "Terms of reference agreed",
        /// Experts are collecting evidence.
        Fieldwork = "fieldwork" / "Fieldwork",
        /// A draft report exists.
        DraftReport = "draft_report" / "Draft report",
        /// The report went to a meeting of the body.
        Submitted = "submitted" / "Submitted to a meeting",
        /// A meeting accepted the report; its recommendations became the action plan.
        Accepted = "accepted" / "Accepted",
    }
);

word_enum!(
    /// What a recommendation could achieve, judged when it is adopted.
    Potential {
        /// Not clear enough to judge.
        Unclear = "unclear" / "Unclear",
        /// A modest step.
        Modest = "modest" / "Modest",
        /// A substantial change.
        Substantial = "substantial" / "Substantial",
    }
);

word_enum!(
    /// How far a recommendation was carried out, judged when it is reviewed.
    Completion {
        /// No evidence either way.
        NoEvidence = "no_evidence" / "No evidence",
        /// Not started.
        NotStarted = "not_started" / "Not started",
        /// Limited.
        Limited = "limited" / "Limited",
        /// Substantial.
        Substantial = "substantial" / "Substantial",
        /// Complete.
        Complete = "complete" / "Complete",
    }
);

/// A study as a form or JSON client sends it.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct StudyInput {
    /// The sector studied, e.g. `textiles`.
    pub sector: Option<String>,
    /// Title in English.
    pub title: Option<String>,
    /// In Chinese.
    pub title_zh: Option<String>,
    /// In Urdu.
    pub title_ur: Option<String>,
    /// What the experts are asked to do.
    pub terms_of_reference: Option<String>,
    /// The body the report goes to.
    pub body_id: Option<String>,
    /// `public`, `shared` (default), `party` or `restricted`.
    pub visibility: Option<String>,
    /// People who may see a restricted record.
    #[serde(deserialize_with = "input::one_or_many")]
    pub restricted_to: Vec<String>,
}

/// A validated study.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewStudy {
    /// Sector.
    pub sector: String,
    /// English title.
    pub title: String,
    /// Other titles.
    pub title_translations: Translations,
    /// Terms of reference.
    pub terms_of_reference: Option<String>,
    /// Body.
    pub body_id: BodyId,
    /// Who may see it.
    pub access: Access,
}

impl TryFrom<&StudyInput> for NewStudy {
    type Error = ValidationErrors;
    fn try_from(i: &StudyInput) -> Result<Self, Self::Error> {
        let mut c = Collector::default();
        let sector = c.take(input::required_text(
            "sector",
            i.sector.as_deref(),
            limit::SHORT,
        ));
        let title = c.take(input::required_text(
            "title",
            i.title.as_deref(),
            limit::ADDRESS,
        ));
        let tr = c.take(Translations::parse(
            "title",
            i.title_zh.as_deref(),
            i.title_ur.as_deref(),
            limit::ADDRESS,
        ));
        let tor = c.take(input::optional_long_text(
            "terms_of_reference",
            i.terms_of_reference.as_deref(),
            limit::TEXT,
        ));
        let body = c.take(input::required_parsed(
            "body_id",
            i.body_id.as_deref(),
            "a body id",
        ));
        let access = c.take(input::access(
            i.visibility.as_deref(),
            &i.restricted_to,
            Visibility::Shared,
        ));
        c.finish(|| {
            Some(NewStudy {
                sector: sector?,
                title: title?,
                title_translations: tr?,
                terms_of_reference: tor?,
                body_id: body?,
                access: access?,
            })
        })
    }
}

/// A member of the expert team as a form or JSON client sends it.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ExpertInput {
    /// The expert's name.
    pub name: Option<String>,
    /// The side the expert comes from.
    pub party_id: Option<String>,
    /// Their organisation (a consultancy, a ministry).
    pub organisation_id: Option<String>,
    /// Their role in the team, e.g. `team leader`.
    pub role: Option<String>,
}

/// A validated expert.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewExpert {
    /// Name.
    pub name: String,
    /// Side.
    pub party_id: PartyId,
    /// Organisation.
    pub organisation_id: Option<OrganisationId>,
    /// Role.
    pub role: Option<String>,
}

impl TryFrom<&ExpertInput> for NewExpert {
    type Error = ValidationErrors;
    fn try_from(i: &ExpertInput) -> Result<Self, Self::Error> {
        let mut c = Collector::default();
        let name = c.take(input::required_text("name", i.name.as_deref(), limit::NAME));
        let party = c.take(input::required_parsed(
            "party_id",
            i.party_id.as_deref(),
            "a party id",
        ));
        let org = c.take(input::optional_parsed(
            "organisation_id",
            i.organisation_id.as_deref(),
            "an organisation id",
        ));
        let role = c.take(input::optional_text("role", i.role.as_deref(), limit::NAME));
        c.finish(|| {
            Some(NewExpert {
                name: name?,
                party_id: party?,
                organisation_id: org?,
                role: role?,
            })
        })
    }
}

/// A move to the next phase, as a form or JSON client sends it.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct PhaseInput {
    /// The phase reached.
    pub phase: Option<String>,
    /// When, `YYYY-MM-DD`.
    pub on: Option<String>,
    /// For `submitted` and `accepted`: the meeting of the study's body.
    pub meeting_id: Option<String>,
}

/// A validated move.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewPhase {
    /// Phase.
    pub phase: Phase,
    /// Date.
    pub on: Date,
    /// Meeting.
    pub meeting_id: Option<MeetingId>,
}

impl TryFrom<&PhaseInput> for NewPhase {
    type Error = ValidationErrors;
    fn try_from(i: &PhaseInput) -> Result<Self, Self::Error> {
        let mut c = Collector::default();
        let phase: Option<Phase> = c.take(input::required_parsed(
            "phase",
            i.phase.as_deref(),
            "a phase",
        ));
        let on = c.take(
            input::optional_date("on", i.on.as_deref())
                .and_then(|d| d.ok_or_else(|| FieldError::new("on", "is required"))),
        );
        let meeting = c.take(input::optional_parsed(
            "meeting_id",
            i.meeting_id.as_deref(),
            "a meeting id",
        ));
        if matches!(phase, Some(Phase::Submitted | Phase::Accepted))
            && matches!(meeting, Some(None))
        {
            c.take::<()>(Err(FieldError::new(
                "meeting_id",
                "name the meeting the report goes to",
            )));
        }
        c.finish(|| {
            Some(NewPhase {
                phase: phase?,
                on: on?,
                meeting_id: meeting?,
            })
        })
    }
}

/// A phase reached, as the rules see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reached {
    /// Phase.
    pub phase: Phase,
    /// When, stored `YYYY-MM-DD`.
    #[serde(with = "crate::dates::iso_date")]
    pub on: Date,
    /// The meeting, for submitted and accepted.
    pub meeting_id: Option<String>,
}

/// Whether a study may move to `new` after the phases already reached: one phase at a time, never back,
/// dated on or after the previous phase and not in the future; submitted to a meeting on or before its day,
/// and accepted on the day of the meeting (`meeting_date` gives that meeting's date).
pub fn check_phase(
    reached: &[Reached],
    new: &NewPhase,
    today: Date,
    meeting_date: Option<Date>,
) -> Result<(), FieldError> {
    let last = reached.last();
    let expected = match last {
        None => Phase::TermsAgreed,
        Some(r) => {
            let at = Phase::ALL.iter().position(|p| *p == r.phase).unwrap_or(0);
            *Phase::ALL
                .get(at + 1)
                .ok_or_else(|| FieldError::new("phase", "the study's report is already accepted"))?
        }
    };
    if new.phase != expected {
        return Err(FieldError::new(
            "phase",
            format!(
                "the next phase is “{}”; a study moves one phase at a time",
                expected.label()
            ),
        ));
    }
    if new.on > today {
        return Err(FieldError::new(
            "on",
            format!("{} is in the future", new.on),
        ));
    }
    if let Some(r) = last
        && new.on < r.on
    {
        return Err(FieldError::new(
            "on",
            format!(
                "{} comes before the previous phase, reached on {}",
                new.on, r.on
            ),
        ));
    }
    match (new.phase, meeting_date) {
        (Phase::Submitted, Some(d)) if d < new.on => Err(FieldError::new(
            "meeting_id",
            format!(
                "the meeting was held on {d}, before {}: a report is submitted to a meeting still to come, or on its day",
                new.on
            ),
        )),
        (Phase::Accepted, Some(d)) if d != new.on => Err(FieldError::new(
            "on",
            format!(
                "a meeting accepts the report on the day it meets: the meeting was held on {d}"
            ),
        )),
        _ => Ok(()),
    }
}

/// A finding and its recommendation, as a form or JSON client sends it.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct RecommendationInput {
    /// What the experts found.
    pub finding: Option<String>,
    /// What they recommend, in English.
    pub text: Option<String>,
    /// In Chinese.
    pub text_zh: Option<String>,
    /// In Urdu.
    pub text_ur: Option<String>,
    /// Who would lead it, one organisation per side.
    #[serde(deserialize_with = "input::one_or_many")]
    pub lead_organisation_ids: Vec<String>,
    /// By when, `YYYY-MM-DD`.
    pub due_on: Option<String>,
    /// Its potential: `unclear`, `modest` or `substantial`.
    pub potential: Option<String>,
}

/// A validated recommendation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewRecommendation {
    /// Finding.
    pub finding: Option<String>,
    /// Recommendation.
    pub text: String,
    /// Other languages.
    pub text_translations: Translations,
    /// Leads.
    pub lead_organisation_ids: Vec<OrganisationId>,
    /// Due.
    pub due_on: Option<Date>,
    /// Potential.
    pub potential: Potential,
}

impl TryFrom<&RecommendationInput> for NewRecommendation {
    type Error = ValidationErrors;
    fn try_from(i: &RecommendationInput) -> Result<Self, Self::Error> {
        let mut c = Collector::default();
        let finding = c.take(input::optional_long_text(
            "finding",
            i.finding.as_deref(),
            limit::TEXT,
        ));
        let text = c.take(input::required_long_text(
            "text",
            i.text.as_deref(),
            limit::TEXT,
        ));
        let tr = c.take(Translations::parse(
            "text",
            i.text_zh.as_deref(),
            i.text_ur.as_deref(),
            limit::TEXT,
        ));
        let leads = c.take(crate::portfolio::ids::<OrganisationId>(
            "lead_organisation_ids",
            &i.lead_organisation_ids,
            "an organisation id",
        ));
        let due = c.take(input::optional_date("due_on", i.due_on.as_deref()));
        let potential = c.take(
            input::optional_parsed("potential", i.potential.as_deref(), "a potential")
                .map(|p| p.unwrap_or(Potential::Unclear)),
        );
        c.finish(|| {
            Some(NewRecommendation {
                finding: finding?,
                text: text?,
                text_translations: tr?,
                lead_organisation_ids: leads?,
                due_on: due?,
                potential: potential?,
            })
        })
    }
}

#[cfg(test)]
mod tests;
