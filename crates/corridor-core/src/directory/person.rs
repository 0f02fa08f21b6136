//! A person known to the secretariat: an official, an expert, a company representative.

use crate::error::{Collector, ValidationErrors};
use crate::ids::PartyId;
use crate::input::{self, Access, limit};
use crate::visibility::Visibility;
use serde::{Deserialize, Serialize};

/// A person as a form or JSON client sends it.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct PersonInput {
    /// Name as written in English.
    pub full_name: Option<String>,
    /// Name in the person's own script, if different.
    pub native_name: Option<String>,
    /// Position, e.g. `Director General`.
    pub title: Option<String>,
    /// Work e-mail address.
    pub email: Option<String>,
    /// Work telephone.
    pub phone: Option<String>,
    /// The party the person serves.
    pub party_id: Option<String>,
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

/// A validated person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewPerson {
    /// Name in English.
    pub full_name: String,
    /// Name in own script.
    pub native_name: Option<String>,
    /// Position.
    pub title: Option<String>,
    /// E-mail, lower-cased.
    pub email: Option<String>,
    /// Telephone.
    pub phone: Option<String>,
    /// Party served.
    pub party_id: PartyId,
    /// Who may see the record.
    pub access: Access,
    /// The version being edited.
    pub expected_version: Option<i64>,
}

impl TryFrom<&PersonInput> for NewPerson {
    type Error = ValidationErrors;
    fn try_from(i: &PersonInput) -> Result<Self, Self::Error> {
        let mut c = Collector::default();
        let full_name = c.take(input::required_text(
            "full_name",
            i.full_name.as_deref(),
            limit::NAME,
        ));
        let native_name = c.take(input::optional_text(
            "native_name",
            i.native_name.as_deref(),
            limit::NAME,
        ));
        let title = c.take(input::optional_text(
            "title",
            i.title.as_deref(),
            limit::NAME,
        ));
        let email = c.take(input::optional_email("email", i.email.as_deref()));
        let phone = c.take(phone(i.phone.as_deref()));
        let party_id = c.take(input::required_parsed(
            "party_id",
            i.party_id.as_deref(),
            "a party id",
        ));
        let access = c.take(input::access(
            i.visibility.as_deref(),
            &i.restricted_to,
            Visibility::Shared,
        ));
        c.finish(|| {
            Some(NewPerson {
                full_name: full_name?,
                native_name: native_name?,
                title: title?,
                email: email?,
                phone: phone?,
                party_id: party_id?,
                access: access?,
                expected_version: i.version,
            })
        })
    }
}

fn phone(v: Option<&str>) -> Result<Option<String>, crate::FieldError> {
    let p = input::optional_text("phone", v, limit::SHORT)?;
    match &p {
        Some(n)
            if !n
                .chars()
                .all(|c| c.is_ascii_digit() || " +-()./".contains(c)) =>
        {
            Err(crate::FieldError::new(
                "phone",
                "may hold only digits, spaces and + - ( ) . /",
            ))
        }
        _ => Ok(p),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_person_needs_a_name_and_a_party() {
        let e = NewPerson::try_from(&PersonInput {
            phone: Some("call me".into()),
            ..Default::default()
        })
        .unwrap_err();
        let fields: Vec<&str> = e.0.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["full_name", "phone", "party_id"]);
    }
}
