//! Delegation visits and exchange cohorts, run by two sides at once: the request on the register that started
//! it, a sending side that nominates people and a host side that approves them, builds the programme of site
//! visits, issues invitation letters and records attendance, and a post-visit report with its outcomes. A
//! yearly cohort of an exchange programme (the young workers exchange) is the same record, tied to the
//! programme and its year. The rules here are pure; the store applies them inside one transaction.

pub mod view;

use crate::error::{Collector, FieldError, ValidationErrors};
use crate::ids::{OrganisationId, PartyId, ProjectId, RegisterItemId};
use crate::input::{self, Access, limit};
use crate::language::Translations;
use crate::visibility::Visibility;
use crate::words::word_enum;
use serde::{Deserialize, Serialize};
use time::Date;

word_enum!(
    /// What kind of exchange.
    ExchangeKind {
        /// A delegation of one side visits the other.
        DelegationVisit = "delegation_visit" / "Delegation visit",
        /// One year's cohort of an exchange programme.
        Cohort = "cohort" / "Exchange cohort",
    }
);

word_enum!(
    /// Where an exchange stands.
    ExchangeStatus {
        /// The sending side may nominate.
        Open = "open" / "Nominations open",
        /// The list of nominees is closed; the host prepares the programme.
        Closed = "closed" / "Nominations closed",
        /// Held, with its post-visit report.
        Completed = "completed" / "Completed",
        /// Called off.
        Cancelled = "cancelled" / "Cancelled",
    }
);

word_enum!(
    /// Where a nomination stands.
    NominationStatus {
        /// Put forward by the sending side.
        Nominated = "nominated" / "Nominated",
        /// Accepted by the host.
        Approved = "approved" / "Approved",
        /// Not accepted by the host, with its reason.
        Declined = "declined" / "Declined",
    }
);

word_enum!(
    /// Recorded for the gender breakdown of people-to-people exchange figures.
    Gender {
        /// Female.
        Female = "female" / "Female",
        /// Male.
        Male = "male" / "Male",
        /// Not stated.
        Unstated = "unstated" / "Not stated",
    }
);

word_enum!(
    /// What a stop of the host programme is.
    SiteKind {
        /// A company's plant or office.
        Company = "company" / "Company",
        /// A special economic zone or industrial park.
        Zone = "zone" / "Zone or park",
        /// A ministry, agency or training institution.
        Institution = "institution" / "Institution",
        /// A meeting or seminar.
        Session = "session" / "Meeting or seminar",
    }
);

/// An exchange as a form or JSON client sends it.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ExchangeInput {
    /// `delegation_visit` (default) or `cohort`.
    pub kind: Option<String>,
    /// Title in English.
    pub title: Option<String>,
    /// In Chinese.
    pub title_zh: Option<String>,
    /// In Urdu.
    pub title_ur: Option<String>,
    /// What the visit is for.
    pub purpose: Option<String>,
    /// The register item (a request or action of a meeting) that started it.
    pub request_item_id: Option<String>,
    /// For a cohort: the exchange programme (a project of kind `exchange_programme`).
    pub programme_project_id: Option<String>,
    /// For a cohort: its year.
    #[serde(deserialize_with = "input::int_or_text")]
    #[schema(value_type = Option<i64>)]
    pub cohort_year: Option<i64>,
    /// The side whose people travel.
    pub sending_party_id: Option<String>,
    /// The side that receives them.
    pub host_party_id: Option<String>,
    /// First day, `YYYY-MM-DD`.
    pub starts_on: Option<String>,
    /// Last day, `YYYY-MM-DD`.
    pub ends_on: Option<String>,
    /// `public`, `shared` (default), `party` or `restricted`.
    pub visibility: Option<String>,
    /// People who may see a restricted record.
    #[serde(deserialize_with = "input::one_or_many")]
    pub restricted_to: Vec<String>,
}

/// A validated exchange.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewExchange {
    /// Kind.
    pub kind: ExchangeKind,
    /// English title.
    pub title: String,
    /// Other titles.
    pub title_translations: Translations,
    /// Purpose.
    pub purpose: Option<String>,
    /// The request on the register.
    pub request_item_id: Option<RegisterItemId>,
    /// The programme and year, for a cohort.
    pub cohort: Option<(ProjectId, i32)>,
    /// Sending side.
    pub sending_party_id: PartyId,
    /// Host side.
    pub host_party_id: PartyId,
    /// First day.
    pub starts_on: Date,
    /// Last day.
    pub ends_on: Date,
    /// Who may see it.
    pub access: Access,
}

impl TryFrom<&ExchangeInput> for NewExchange {
    type Error = ValidationErrors;
    fn try_from(i: &ExchangeInput) -> Result<Self, Self::Error> {
        let mut c = Collector::default();
        let kind = c.take(
            input::optional_parsed("kind", i.kind.as_deref(), "an exchange kind")
                .map(|k| k.unwrap_or(ExchangeKind::DelegationVisit)),
        );
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
        let purpose = c.take(input::optional_long_text(
            "purpose",
            i.purpose.as_deref(),
            limit::TEXT,
        ));
        let request = c.take(input::optional_parsed(
            "request_item_id",
            i.request_item_id.as_deref(),
            "a register item id",
        ));
        let programme: Option<Option<ProjectId>> = c.take(input::optional_parsed(
            "programme_project_id",
            i.programme_project_id.as_deref(),
            "a project id",
        ));
        let sending: Option<PartyId> = c.take(input::required_parsed(
            "sending_party_id",
            i.sending_party_id.as_deref(),
            "a party id",
        ));
        let host: Option<PartyId> = c.take(input::required_parsed(
            "host_party_id",
            i.host_party_id.as_deref(),
            "a party id",
        ));
        if sending.is_some() && sending == host {
            c.push(FieldError::new(
                "host_party_id",
                "the host is the other side: a side does not send a delegation to itself",
            ));
        }
        let starts = c.take(input::required_date("starts_on", i.starts_on.as_deref()));
        let ends = c.take(input::required_date("ends_on", i.ends_on.as_deref()));
        if let (Some(s), Some(e)) = (starts, ends)
            && e < s
        {
            c.push(FieldError::new(
                "ends_on",
                format!("{e} is before the first day, {s}"),
            ));
        }
        let cohort = c.take(cohort_of(kind, programme.flatten(), i.cohort_year));
        let access = c.take(input::access(
            i.visibility.as_deref(),
            &i.restricted_to,
            Visibility::Shared,
        ));
        c.finish(|| {
            Some(NewExchange {
                kind: kind?,
                title: title?,
                title_translations: tr?,
                purpose: purpose?,
                request_item_id: request?,
                cohort: cohort?,
                sending_party_id: sending?,
                host_party_id: host?,
                starts_on: starts?,
                ends_on: ends?,
                access: access?,
            })
        })
    }
}

/// A cohort names its programme and a year; a delegation visit names neither.
fn cohort_of(
    kind: Option<ExchangeKind>,
    programme: Option<ProjectId>,
    year: Option<i64>,
) -> Result<Option<(ProjectId, i32)>, FieldError> {
    match (kind, programme, year) {
        (Some(ExchangeKind::Cohort), None, _) => Err(FieldError::new(
            "programme_project_id",
            "a cohort belongs to an exchange programme: name it",
        )),
        (Some(ExchangeKind::Cohort), _, None) => Err(FieldError::new(
            "cohort_year",
            "a cohort is one year of its programme: give the year",
        )),
        (Some(ExchangeKind::Cohort), Some(p), Some(y)) => match i32::try_from(y) {
            Ok(y) if (1990..=2100).contains(&y) => Ok(Some((p, y))),
            _ => Err(FieldError::new(
                "cohort_year",
                format!("{y} is not a plausible year"),
            )),
        },
        (_, Some(_), _) => Err(FieldError::new(
            "programme_project_id",
            "only a cohort belongs to a programme; choose the kind “cohort”",
        )),
        (_, _, Some(_)) => Err(FieldError::new(
            "cohort_year",
            "only a cohort has a year; choose the kind “cohort”",
        )),
        _ => Ok(None),
    }
}

/// A nomination as a form or JSON client sends it.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct NominationInput {
    /// The nominee's full name, as in the passport.
    pub name: Option<String>,
    /// Position, e.g. `Deputy Director, Textile Wing`.
    pub position: Option<String>,
    /// The nominee's organisation, on the sending side.
    pub organisation_id: Option<String>,
    /// `female`, `male` or `unstated` (default).
    pub gender: Option<String>,
}

/// A validated nomination.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewNomination {
    /// Name.
    pub name: String,
    /// Position.
    pub position: Option<String>,
    /// Organisation.
    pub organisation_id: Option<OrganisationId>,
    /// Gender.
    pub gender: Gender,
}

impl TryFrom<&NominationInput> for NewNomination {
    type Error = ValidationErrors;
    fn try_from(i: &NominationInput) -> Result<Self, Self::Error> {
        let mut c = Collector::default();
        let name = c.take(input::required_text("name", i.name.as_deref(), limit::NAME));
        let position = c.take(input::optional_text(
            "position",
            i.position.as_deref(),
            limit::NAME,
        ));
        let org = c.take(input::optional_parsed(
            "organisation_id",
            i.organisation_id.as_deref(),
            "an organisation id",
        ));
        let gender = c.take(
            input::optional_parsed("gender", i.gender.as_deref(), "a gender")
                .map(|g| g.unwrap_or(Gender::Unstated)),
        );
        c.finish(|| {
            Some(NewNomination {
                name: name?,
                position: position?,
                organisation_id: org?,
                gender: gender?,
            })
        })
    }
}

/// The host's decision on a nomination, as a form or JSON client sends it.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct NominationDecisionInput {
    /// `approved` or `declined`.
    pub status: Option<String>,
    /// Why, required when declining.
    pub reason: Option<String>,
}

/// A validated decision: approved, or declined with its reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NominationDecision {
    /// Approved or declined.
    pub status: NominationStatus,
    /// The reason given.
    pub reason: Option<String>,
}

impl TryFrom<&NominationDecisionInput> for NominationDecision {
    type Error = ValidationErrors;
    fn try_from(i: &NominationDecisionInput) -> Result<Self, Self::Error> {
        let mut c = Collector::default();
        let status: Option<NominationStatus> = c.take(input::required_parsed(
            "status",
            i.status.as_deref(),
            "a decision",
        ));
        let reason = c.take(input::optional_text(
            "reason",
            i.reason.as_deref(),
            limit::ADDRESS,
        ));
        match (status, &reason) {
            (Some(NominationStatus::Nominated), _) => {
                c.push(FieldError::new("status", "decide: approved or declined"))
            }
            (Some(NominationStatus::Declined), Some(None)) => c.push(FieldError::new(
                "reason",
                "say why the nomination is declined; the sending side reads it",
            )),
            _ => {}
        }
        c.finish(|| {
            Some(NominationDecision {
                status: status?,
                reason: reason?,
            })
        })
    }
}

mod programme;
pub use programme::*;
mod rules;
pub use rules::*;

#[cfg(test)]
mod tests;
