//! A user account: a person of one party who signs in with a role.

use crate::actor::Role;
use crate::error::{Collector, FieldError, ValidationErrors};
use crate::ids::{OrganisationId, PersonId};
use crate::input;
use serde::{Deserialize, Serialize};

/// A new account as a form or JSON client sends it.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct UserInput {
    /// Sign-in name: 3 to 64 of a–z, 0–9, `.`, `_`, `-`.
    pub username: Option<String>,
    /// The person the account belongs to; the account takes the person's party.
    pub person_id: Option<String>,
    /// The organisation the account acts for.
    pub organisation_id: Option<String>,
    /// `admin`, `secretariat`, `contributor` or `observer`.
    pub role: Option<String>,
    /// At least 12 characters.
    pub password: Option<String>,
}

/// A validated new account.
#[derive(Clone, PartialEq, Eq)]
pub struct NewUser {
    /// Sign-in name.
    pub username: String,
    /// The person.
    pub person_id: PersonId,
    /// The organisation acted for.
    pub organisation_id: Option<OrganisationId>,
    /// Role.
    pub role: Role,
    /// The password in clear, hashed by the store before anything is written.
    pub password: String,
}

// Hand-written so that a password never reaches a log line.
impl std::fmt::Debug for NewUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewUser")
            .field("username", &self.username)
            .field("role", &self.role)
            .finish_non_exhaustive()
    }
}

impl TryFrom<&UserInput> for NewUser {
    type Error = ValidationErrors;
    fn try_from(i: &UserInput) -> Result<Self, Self::Error> {
        let mut c = Collector::default();
        let username = c.take(username(i.username.as_deref()));
        let person_id = c.take(input::required_parsed(
            "person_id",
            i.person_id.as_deref(),
            "a person id",
        ));
        let organisation_id = c.take(input::optional_parsed(
            "organisation_id",
            i.organisation_id.as_deref(),
            "an organisation id",
        ));
        let role = c.take(input::required_parsed("role", i.role.as_deref(), "a role"));
        let password = c.take(check_password(
            "password",
            i.password.as_deref().unwrap_or(""),
        ));
        c.finish(|| {
            Some(NewUser {
                username: username?,
                person_id: person_id?,
                organisation_id: organisation_id?,
                role: role?,
                password: password?,
            })
        })
    }
}

/// A change of an account's role, organisation or status by an administrator.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct UserUpdateInput {
    /// New role.
    pub role: Option<String>,
    /// New organisation (empty for none).
    pub organisation_id: Option<String>,
    /// `true` to stop the account from signing in; its sessions and tokens stop working.
    #[serde(deserialize_with = "bool_or_text")]
    pub disabled: bool,
}

/// A validated account change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserUpdate {
    /// Role.
    pub role: Role,
    /// Organisation.
    pub organisation_id: Option<OrganisationId>,
    /// Disabled or not.
    pub disabled: bool,
}

impl TryFrom<&UserUpdateInput> for UserUpdate {
    type Error = ValidationErrors;
    fn try_from(i: &UserUpdateInput) -> Result<Self, Self::Error> {
        let mut c = Collector::default();
        let role = c.take(input::required_parsed("role", i.role.as_deref(), "a role"));
        let organisation_id = c.take(input::optional_parsed(
            "organisation_id",
            i.organisation_id.as_deref(),
            "an organisation id",
        ));
        c.finish(|| {
            Some(UserUpdate {
                role: role?,
                organisation_id: organisation_id?,
                disabled: i.disabled,
            })
        })
    }
}

fn bool_or_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum BoolOrText {
        Bool(bool),
        Text(String),
    }
    match BoolOrText::deserialize(d)? {
        BoolOrText::Bool(b) => Ok(b),
        BoolOrText::Text(t) => match t.as_str() {
            "true" | "on" | "1" | "yes" => Ok(true),
            "false" | "off" | "0" | "no" | "" => Ok(false),
            other => Err(serde::de::Error::custom(format!(
                "“{other}” is not true or false"
            ))),
        },
    }
}

fn username(v: Option<&str>) -> Result<String, FieldError> {
    let u = input::required_text("username", v, 64)?;
    let ok = u.len() >= 3
        && u.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || ".-_".contains(c));
    if ok {
        Ok(u)
    } else {
        Err(FieldError::new(
            "username",
            "must be 3 to 64 characters of a–z, 0–9, dot, dash or underscore",
        ))
    }
}

/// A password long enough to resist guessing; passphrases are welcome.
pub fn check_password(field: &str, password: &str) -> Result<String, FieldError> {
    let n = password.chars().count();
    if n < 12 {
        Err(FieldError::new(
            field,
            "must be at least 12 characters long",
        ))
    } else if n > 1024 {
        Err(FieldError::new(
            field,
            "must be at most 1024 characters long",
        ))
    } else {
        Ok(password.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_and_passwords_are_checked() {
        let e = NewUser::try_from(&UserInput {
            username: Some("Asim Ayub".into()),
            person_id: Some(PersonId::new().to_string()),
            role: Some("chair".into()),
            password: Some("short".into()),
            ..Default::default()
        })
        .unwrap_err();
        let fields: Vec<&str> = e.0.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["username", "role", "password"]);
    }

    #[test]
    fn debug_output_hides_the_password() {
        let u = NewUser::try_from(&UserInput {
            username: Some("asim.ayub".into()),
            person_id: Some(PersonId::new().to_string()),
            role: Some("secretariat".into()),
            password: Some("correct horse battery".into()),
            ..Default::default()
        })
        .unwrap();
        assert!(!format!("{u:?}").contains("horse"));
    }
}
