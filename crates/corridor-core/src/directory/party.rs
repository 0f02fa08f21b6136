//! A party: one of the governments of the framework.

use crate::error::{Collector, ValidationErrors};
use crate::input::{self, limit};
use serde::{Deserialize, Serialize};
use time::Date;

crate::words::word_enum! {
    /// How far a party reaches: a member of the framework sees every shared record; a third party sees the
    /// shared records of the instruments it has joined, from its accession on.
    Standing {
        /// One of the framework's own parties.
        Member = "member" / "Member of the framework",
        /// A third party that joins instruments open to it.
        ThirdParty = "third_party" / "Third party",
    }
}

/// A party as a form or JSON client sends it.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct PartyInput {
    /// ISO 3166-1 alpha-2 code, e.g. `PK`.
    pub code: Option<String>,
    /// Full name, e.g. `Islamic Republic of Pakistan`.
    pub name: Option<String>,
    /// Short name used in tables, e.g. `Pakistan`.
    pub short_name: Option<String>,
    /// When the party joined the framework (`YYYY-MM-DD`).
    pub joined_on: Option<String>,
    /// `member` (the default) or `third_party`.
    pub standing: Option<String>,
    /// The version being edited, to refuse overwriting someone else's change.
    #[serde(deserialize_with = "input::int_or_text")]
    #[schema(value_type = Option<i64>)]
    pub version: Option<i64>,
}

/// A validated party.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewParty {
    /// Two upper-case letters.
    pub code: String,
    /// Full name.
    pub name: String,
    /// Short name.
    pub short_name: String,
    /// When it joined.
    pub joined_on: Option<Date>,
    /// Member of the framework or third party.
    pub standing: Standing,
    /// The version being edited.
    pub expected_version: Option<i64>,
}

impl TryFrom<&PartyInput> for NewParty {
    type Error = ValidationErrors;
    fn try_from(i: &PartyInput) -> Result<Self, Self::Error> {
        let mut c = Collector::default();
        let code = c.take(party_code(i.code.as_deref()));
        let name = c.take(input::required_text("name", i.name.as_deref(), limit::NAME));
        let short_name = c.take(input::required_text(
            "short_name",
            i.short_name.as_deref(),
            limit::SHORT,
        ));
        let joined_on = c.take(input::optional_date("joined_on", i.joined_on.as_deref()));
        let standing = c.take(match i.standing.as_deref().map(str::trim) {
            None | Some("") => Ok(Standing::Member),
            Some(s) => s
                .parse()
                .map_err(|m: String| crate::FieldError::new("standing", m)),
        });
        c.finish(|| {
            Some(NewParty {
                code: code?,
                name: name?,
                short_name: short_name?,
                joined_on: joined_on?,
                standing: standing?,
                expected_version: i.version,
            })
        })
    }
}

fn party_code(v: Option<&str>) -> Result<String, crate::FieldError> {
    let code = input::required_text("code", v, 2)?.to_uppercase();
    if code.len() == 2 && code.chars().all(|c| c.is_ascii_uppercase()) {
        Ok(code)
    } else {
        Err(crate::FieldError::new(
            "code",
            "must be two letters (ISO 3166-1 alpha-2), e.g. PK",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_party_needs_a_two_letter_code_and_names() {
        let e = NewParty::try_from(&PartyInput {
            code: Some("PAK".into()),
            ..Default::default()
        })
        .unwrap_err();
        let fields: Vec<&str> = e.0.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["code", "name", "short_name"]);
        let ok = NewParty::try_from(&PartyInput {
            code: Some("cn".into()),
            name: Some("People's Republic of China".into()),
            short_name: Some("China".into()),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(ok.code, "CN");
        assert_eq!(ok.standing, Standing::Member);
        let e = NewParty::try_from(&PartyInput {
            standing: Some("observer".into()),
            ..Default::default()
        })
        .unwrap_err();
        assert!(e.0.iter().any(|f| f.field == "standing"));
    }
}
