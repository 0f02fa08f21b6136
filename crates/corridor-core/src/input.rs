//! Parsing of raw input fields (from forms, JSON, spreadsheets) into domain values, each failure naming its field.

use crate::error::FieldError;
use crate::ids::PersonId;
use crate::visibility::Visibility;
use serde::{Deserialize, Deserializer};
use std::str::FromStr;
use time::Date;
use time::macros::format_description;

/// Limits on free text, in characters.
pub mod limit {
    /// Names and titles.
    pub const NAME: usize = 200;
    /// Short names and codes.
    pub const SHORT: usize = 40;
    /// Addresses (web, e-mail).
    pub const ADDRESS: usize = 500;
    /// Paragraphs: outcomes, notes, minutes of one agenda item.
    pub const TEXT: usize = 20_000;
}

/// A required passage of text, line breaks allowed, of at most `max` characters.
pub fn required_long_text(
    field: &str,
    value: Option<&str>,
    max: usize,
) -> Result<String, FieldError> {
    let v = trimmed(value).ok_or_else(|| FieldError::new(field, "is required"))?;
    long_text(field, v, max)
}

/// An optional passage of text, line breaks allowed.
pub fn optional_long_text(
    field: &str,
    value: Option<&str>,
    max: usize,
) -> Result<Option<String>, FieldError> {
    trimmed(value).map(|v| long_text(field, v, max)).transpose()
}

fn long_text(field: &str, v: &str, max: usize) -> Result<String, FieldError> {
    let len = v.chars().count();
    if len > max {
        return Err(FieldError::new(
            field,
            format!("is {len} characters long; at most {max} are allowed"),
        ));
    }
    if v.chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(FieldError::new(field, "contains control characters"));
    }
    Ok(v.replace("\r\n", "\n"))
}

/// Trims `value`; `None` when it is empty.
pub fn trimmed(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

/// A required line of text of at most `max` characters, without control characters.
pub fn required_text(field: &str, value: Option<&str>, max: usize) -> Result<String, FieldError> {
    match trimmed(value) {
        None => Err(FieldError::new(field, "is required")),
        Some(v) => checked_text(field, v, max),
    }
}

/// An optional line of text of at most `max` characters.
pub fn optional_text(
    field: &str,
    value: Option<&str>,
    max: usize,
) -> Result<Option<String>, FieldError> {
    trimmed(value)
        .map(|v| checked_text(field, v, max))
        .transpose()
}

fn checked_text(field: &str, v: &str, max: usize) -> Result<String, FieldError> {
    let len = v.chars().count();
    if len > max {
        return Err(FieldError::new(
            field,
            format!("is {len} characters long; at most {max} are allowed"),
        ));
    }
    if v.chars().any(|c| c.is_control()) {
        return Err(FieldError::new(
            field,
            "must be a single line without control characters",
        ));
    }
    Ok(v.to_owned())
}

/// A required value parsed with `FromStr`, whose error says what is allowed.
pub fn required_parsed<T: FromStr>(
    field: &str,
    value: Option<&str>,
    what: &str,
) -> Result<T, FieldError>
where
    T::Err: std::fmt::Display,
{
    let v = trimmed(value).ok_or_else(|| FieldError::new(field, "is required"))?;
    v.parse()
        .map_err(|e: T::Err| FieldError::new(field, format!("“{v}” is not {what}: {e}")))
}

/// A yes-or-no field as forms (`on`, absent) and JSON clients (`true`, `false`) send it.
pub fn flag(field: &str, v: Option<&str>) -> Result<bool, FieldError> {
    match v.map(str::trim) {
        None | Some("" | "false") => Ok(false),
        Some("true" | "on") => Ok(true),
        Some(_) => Err(FieldError::new(field, "must be true or false")),
    }
}

/// An optional value parsed with `FromStr`.
pub fn optional_parsed<T: FromStr>(
    field: &str,
    value: Option<&str>,
    what: &str,
) -> Result<Option<T>, FieldError>
where
    T::Err: std::fmt::Display,
{
    match trimmed(value) {
        None => Ok(None),
        some => required_parsed(field, some, what).map(Some),
    }
}

/// An optional calendar date written `YYYY-MM-DD`.
pub fn optional_date(field: &str, value: Option<&str>) -> Result<Option<Date>, FieldError> {
    let Some(v) = trimmed(value) else {
        return Ok(None);
    };
    Date::parse(v, format_description!("[year]-[month]-[day]"))
        .map(Some)
        .map_err(|_| {
            FieldError::new(
                field,
                format!("“{v}” is not a date; write it as YYYY-MM-DD"),
            )
        })
}

/// A required calendar date written `YYYY-MM-DD`.
pub fn required_date(field: &str, value: Option<&str>) -> Result<Date, FieldError> {
    optional_date(field, value)?.ok_or_else(|| FieldError::new(field, "is required"))
}

/// An optional e-mail address: one `@`, a dotted domain, no spaces.
pub fn optional_email(field: &str, value: Option<&str>) -> Result<Option<String>, FieldError> {
    let Some(v) = optional_text(field, value, limit::ADDRESS)? else {
        return Ok(None);
    };
    let ok = match v.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !v.contains(char::is_whitespace)
                && !domain.contains('@')
        }
        None => false,
    };
    if ok {
        Ok(Some(v.to_lowercase()))
    } else {
        Err(FieldError::new(
            field,
            format!("“{v}” is not an e-mail address"),
        ))
    }
}

/// An optional web address starting with http:// or https://.
pub fn optional_url(field: &str, value: Option<&str>) -> Result<Option<String>, FieldError> {
    let v = optional_text(field, value, limit::ADDRESS)?;
    match &v {
        Some(u)
            if !(u.starts_with("https://") || u.starts_with("http://"))
                || u.contains(char::is_whitespace) =>
        {
            Err(FieldError::new(
                field,
                "must be a web address starting with https:// or http://",
            ))
        }
        _ => Ok(v),
    }
}

/// Who may see a new or changed record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Access {
    /// How far the record reaches.
    pub visibility: Visibility,
    /// The people named on a restricted record (the author is always added).
    pub restricted_to: Vec<PersonId>,
}

/// Parses the `visibility` and `restricted_to` fields that every record input carries.
pub fn access(
    visibility: Option<&str>,
    restricted_to: &[String],
    default: Visibility,
) -> Result<Access, FieldError> {
    let visibility = optional_parsed("visibility", visibility, "a visibility")?.unwrap_or(default);
    let mut people = Vec::with_capacity(restricted_to.len());
    for raw in restricted_to.iter().filter(|r| !r.trim().is_empty()) {
        let id = raw
            .parse()
            .map_err(|_| FieldError::new("restricted_to", format!("“{raw}” is not a person id")))?;
        if !people.contains(&id) {
            people.push(id);
        }
    }
    if visibility != Visibility::Restricted && !people.is_empty() {
        return Err(FieldError::new(
            "restricted_to",
            "names people only when the visibility is restricted",
        ));
    }
    Ok(Access {
        visibility,
        restricted_to: people,
    })
}

/// Accepts a single string or a list of strings (a form sends one value per key, JSON a list).
pub fn one_or_many<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match OneOrMany::deserialize(d)? {
        OneOrMany::One(s) => vec![s],
        OneOrMany::Many(v) => v,
    })
}

/// Accepts a whole number written as a number (JSON) or as text (a form), or nothing.
pub fn int_or_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum IntOrText {
        Int(i64),
        Text(String),
    }
    match Option::<IntOrText>::deserialize(d)? {
        None => Ok(None),
        Some(IntOrText::Int(i)) => Ok(Some(i)),
        Some(IntOrText::Text(t)) if t.trim().is_empty() => Ok(None),
        Some(IntOrText::Text(t)) => t
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| serde::de::Error::custom(format!("“{t}” is not a whole number"))),
    }
}

/// The pairs of a form body or a query string as a JSON object, which the input types deserialize from; a key
/// sent more than once becomes a list.
pub fn pairs_value(pairs: Vec<(String, String)>) -> serde_json::Value {
    use serde_json::{Map, Value};
    let mut map = Map::new();
    for (k, v) in pairs {
        match map.get_mut(&k) {
            None => {
                map.insert(k, Value::String(v));
            }
            Some(Value::Array(items)) => items.push(Value::String(v)),
            Some(existing) => {
                let first = existing.take();
                *existing = Value::Array(vec![first, Value::String(v)]);
            }
        }
    }
    Value::Object(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_text_names_the_field_and_counts_characters_not_bytes() {
        assert_eq!(
            required_text("name", Some("  "), 5).unwrap_err().message,
            "is required"
        );
        assert!(required_text("name", Some("纺织纺织纺"), 5).is_ok());
        let e = required_text("name", Some("纺织纺织纺织"), 5).unwrap_err();
        assert_eq!(e.field, "name");
        assert!(e.message.contains("6 characters"));
    }

    #[test]
    fn dates_must_be_iso() {
        assert!(
            optional_date("starts_on", Some("2020-12-15"))
                .unwrap()
                .is_some()
        );
        assert!(optional_date("starts_on", Some("15/12/2020")).is_err());
        assert!(optional_date("starts_on", Some("2020-02-30")).is_err());
        assert_eq!(optional_date("starts_on", Some("")).unwrap(), None);
    }

    #[test]
    fn email_addresses_are_checked_and_lowercased() {
        assert_eq!(
            optional_email("email", Some("A.Ayub@Boi.gov.pk"))
                .unwrap()
                .as_deref(),
            Some("a.ayub@boi.gov.pk")
        );
        for bad in ["ayub", "a@b", "a b@c.d", "@c.d", "a@@c.d"] {
            assert!(optional_email("email", Some(bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn only_restricted_records_name_people() {
        let id = PersonId::new().to_string();
        assert!(access(Some("party"), std::slice::from_ref(&id), Visibility::Shared).is_err());
        let a = access(Some("restricted"), &[id.clone(), id], Visibility::Shared).unwrap();
        assert_eq!(a.restricted_to.len(), 1);
        assert_eq!(
            access(None, &[], Visibility::Shared).unwrap().visibility,
            Visibility::Shared
        );
        assert_eq!(
            access(Some("secret"), &[], Visibility::Shared)
                .unwrap_err()
                .field,
            "visibility"
        );
    }
}
