//! A membership: a person's role in an organisation, possibly on behalf of another, over a period.

use crate::error::{Collector, FieldError, ValidationErrors};
use crate::ids::{OrganisationId, PersonId};
use crate::input::{self, Access, limit};
use crate::visibility::Visibility;
use serde::{Deserialize, Serialize};
use time::Date;

/// A membership as a form or JSON client sends it.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct MembershipInput {
    /// The person.
    pub person_id: Option<String>,
    /// The organisation.
    pub organisation_id: Option<String>,
    /// The role, e.g. `Project Director`.
    pub role: Option<String>,
    /// The organisation represented, when it differs.
    pub on_behalf_of_id: Option<String>,
    /// First day (`YYYY-MM-DD`).
    pub starts_on: Option<String>,
    /// Last day (`YYYY-MM-DD`).
    pub ends_on: Option<String>,
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

/// A validated membership.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewMembership {
    /// The person.
    pub person_id: PersonId,
    /// The organisation.
    pub organisation_id: OrganisationId,
    /// The role.
    pub role: String,
    /// Represented organisation.
    pub on_behalf_of_id: Option<OrganisationId>,
    /// First day.
    pub starts_on: Option<Date>,
    /// Last day.
    pub ends_on: Option<Date>,
    /// Who may see it.
    pub access: Access,
    /// The version being edited.
    pub expected_version: Option<i64>,
}

impl TryFrom<&MembershipInput> for NewMembership {
    type Error = ValidationErrors;
    fn try_from(i: &MembershipInput) -> Result<Self, Self::Error> {
        let mut c = Collector::default();
        let person_id = c.take(input::required_parsed(
            "person_id",
            i.person_id.as_deref(),
            "a person id",
        ));
        let organisation_id = c.take(input::required_parsed(
            "organisation_id",
            i.organisation_id.as_deref(),
            "an organisation id",
        ));
        let role = c.take(input::required_text("role", i.role.as_deref(), limit::NAME));
        let on_behalf_of_id = c.take(input::optional_parsed(
            "on_behalf_of_id",
            i.on_behalf_of_id.as_deref(),
            "an organisation id",
        ));
        let starts_on = c.take(input::optional_date("starts_on", i.starts_on.as_deref()));
        let ends_on = c.take(input::optional_date("ends_on", i.ends_on.as_deref()));
        if let (Some(Some(s)), Some(Some(e))) = (starts_on, ends_on)
            && e < s
        {
            c.push(FieldError::new(
                "ends_on",
                "cannot be before the start date",
            ));
        }
        let access = c.take(input::access(
            i.visibility.as_deref(),
            &i.restricted_to,
            Visibility::Shared,
        ));
        c.finish(|| {
            Some(NewMembership {
                person_id: person_id?,
                organisation_id: organisation_id?,
                role: role?,
                on_behalf_of_id: on_behalf_of_id?,
                starts_on: starts_on?,
                ends_on: ends_on?,
                access: access?,
                expected_version: i.version,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_membership_cannot_end_before_it_starts() {
        let e = NewMembership::try_from(&MembershipInput {
            person_id: Some(PersonId::new().to_string()),
            organisation_id: Some(OrganisationId::new().to_string()),
            role: Some("Co-chair".into()),
            starts_on: Some("2022-04-08".into()),
            ends_on: Some("2020-12-15".into()),
            ..Default::default()
        })
        .unwrap_err();
        assert_eq!(e.0.len(), 1);
        assert_eq!(e.0[0].field, "ends_on");
    }
}
