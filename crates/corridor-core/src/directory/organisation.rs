//! An organisation: a ministry, province, embassy, zone authority, company… of one party.

use crate::error::{Collector, FieldError, ValidationErrors};
use crate::ids::{OrganisationId, PartyId};
use crate::input::{self, Access, limit};
use crate::visibility::Visibility;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What kind of body an organisation is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OrganisationKind {
    /// A federal or central ministry or division.
    Ministry,
    /// A provincial government or one of its departments.
    ProvincialGovernment,
    /// An embassy or consulate.
    Embassy,
    /// A board of investment.
    InvestmentBoard,
    /// A planning or development-and-reform commission.
    PlanningCommission,
    /// A project management unit or secretariat.
    ProjectUnit,
    /// A special economic zone's authority or developer.
    ZoneAuthority,
    /// A state-owned enterprise.
    StateEnterprise,
    /// A private or mixed company.
    Company,
    /// A consultancy or research institute.
    Consultancy,
    /// Anything else.
    Other,
}

impl OrganisationKind {
    /// Every kind, in the order forms list them.
    pub const ALL: [OrganisationKind; 11] = [
        Self::Ministry,
        Self::ProvincialGovernment,
        Self::Embassy,
        Self::InvestmentBoard,
        Self::PlanningCommission,
        Self::ProjectUnit,
        Self::ZoneAuthority,
        Self::StateEnterprise,
        Self::Company,
        Self::Consultancy,
        Self::Other,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ministry => "ministry",
            Self::ProvincialGovernment => "provincial_government",
            Self::Embassy => "embassy",
            Self::InvestmentBoard => "investment_board",
            Self::PlanningCommission => "planning_commission",
            Self::ProjectUnit => "project_unit",
            Self::ZoneAuthority => "zone_authority",
            Self::StateEnterprise => "state_enterprise",
            Self::Company => "company",
            Self::Consultancy => "consultancy",
            Self::Other => "other",
        }
    }

    /// The name a reader sees.
    pub fn label(self) -> &'static str {
        match self {
            Self::Ministry => "Ministry or division",
            Self::ProvincialGovernment => "Provincial government",
            Self::Embassy => "Embassy",
            Self::InvestmentBoard => "Investment board",
            Self::PlanningCommission => "Planning commission",
            Self::ProjectUnit => "Project unit",
            Self::ZoneAuthority => "Zone authority",
            Self::StateEnterprise => "State enterprise",
            Self::Company => "Company",
            Self::Consultancy => "Consultancy or institute",
            Self::Other => "Other",
        }
    }
}

impl fmt::Display for OrganisationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for OrganisationKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == s.trim())
            .ok_or_else(|| {
                let names: Vec<&str> = Self::ALL.iter().map(|k| k.as_str()).collect();
                format!("must be one of {}", names.join(", "))
            })
    }
}

/// An organisation as a form or JSON client sends it.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct OrganisationInput {
    /// Full name.
    pub name: Option<String>,
    /// Acronym or short name (`BoI`, `NDRC`).
    pub short_name: Option<String>,
    /// One of the organisation kinds.
    pub kind: Option<String>,
    /// The party the organisation belongs to.
    pub party_id: Option<String>,
    /// The organisation it is part of.
    pub parent_id: Option<String>,
    /// Its web site.
    pub website: Option<String>,
    /// `public`, `shared` (default), `party` or `restricted`.
    pub visibility: Option<String>,
    /// People who may see a restricted record.
    #[serde(deserialize_with = "input::one_or_many")]
    pub restricted_to: Vec<String>,
    /// The version being edited.
    #[serde(deserialize_with = "input::int_or_text")]
    #[schema(value_type = Option<i64>)]
    pub version: Option<i64>,
}

/// A validated organisation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewOrganisation {
    /// Full name.
    pub name: String,
    /// Short name.
    pub short_name: Option<String>,
    /// Kind.
    pub kind: OrganisationKind,
    /// Its party.
    pub party_id: PartyId,
    /// Its parent.
    pub parent_id: Option<OrganisationId>,
    /// Its web site.
    pub website: Option<String>,
    /// Who may see it.
    pub access: Access,
    /// The version being edited.
    pub expected_version: Option<i64>,
}

impl TryFrom<&OrganisationInput> for NewOrganisation {
    type Error = ValidationErrors;
    fn try_from(i: &OrganisationInput) -> Result<Self, Self::Error> {
        let mut c = Collector::default();
        let name = c.take(input::required_text("name", i.name.as_deref(), limit::NAME));
        let short_name = c.take(input::optional_text(
            "short_name",
            i.short_name.as_deref(),
            limit::SHORT,
        ));
        let kind = c.take(input::required_parsed(
            "kind",
            i.kind.as_deref(),
            "an organisation kind",
        ));
        let party_id = c.take(input::required_parsed(
            "party_id",
            i.party_id.as_deref(),
            "a party id",
        ));
        let parent_id = c.take(input::optional_parsed(
            "parent_id",
            i.parent_id.as_deref(),
            "an organisation id",
        ));
        let website = c.take(input::optional_url("website", i.website.as_deref()));
        let access = c.take(input::access(
            i.visibility.as_deref(),
            &i.restricted_to,
            Visibility::Shared,
        ));
        c.finish(|| {
            Some(NewOrganisation {
                name: name?,
                short_name: short_name?,
                kind: kind?,
                party_id: party_id?,
                parent_id: parent_id?,
                website: website?,
                access: access?,
                expected_version: i.version,
            })
        })
    }
}

impl NewOrganisation {
    /// An organisation cannot be its own parent (deeper cycles are refused by the store, which sees the tree).
    pub fn check_parent(&self, id: OrganisationId) -> Result<(), FieldError> {
        if self.parent_id == Some(id) {
            return Err(FieldError::new(
                "parent_id",
                "an organisation cannot be its own parent",
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_is_reported_with_its_field() {
        let e = NewOrganisation::try_from(&OrganisationInput {
            kind: Some("ministry of magic".into()),
            party_id: Some("pakistan".into()),
            website: Some("ftp://x".into()),
            ..Default::default()
        })
        .unwrap_err();
        let fields: Vec<&str> = e.0.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["name", "kind", "party_id", "website"]);
        assert!(e.for_field("kind").unwrap().contains("investment_board"));
    }

    #[test]
    fn an_organisation_cannot_be_its_own_parent() {
        let id = OrganisationId::new();
        let o = NewOrganisation::try_from(&OrganisationInput {
            name: Some("Board of Investment".into()),
            kind: Some("investment_board".into()),
            party_id: Some(PartyId::new().to_string()),
            parent_id: Some(id.to_string()),
            ..Default::default()
        })
        .unwrap();
        assert!(o.check_parent(id).is_err());
        assert!(o.check_parent(OrganisationId::new()).is_ok());
        assert_eq!(o.access.visibility, Visibility::Shared);
    }
}
