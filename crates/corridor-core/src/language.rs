//! The languages content is written in. English is the working language every text has; Chinese and Urdu
//! versions sit beside it, stored as a small JSON object (`{"zh": "…", "ur": "…"}`) next to the English column.

use crate::error::FieldError;
use crate::input;
#[cfg(test)]
use crate::input::limit;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::fmt;
use std::str::FromStr;

/// A content language.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// English.
    En,
    /// Simplified Chinese.
    Zh,
    /// Urdu, written right to left.
    Ur,
}

impl Language {
    /// Every language, English first.
    pub const ALL: [Language; 3] = [Language::En, Language::Zh, Language::Ur];

    /// The BCP 47 code.
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Zh => "zh",
            Language::Ur => "ur",
        }
    }

    /// The language's name in English.
    pub fn label(self) -> &'static str {
        match self {
            Language::En => "English",
            Language::Zh => "Chinese",
            Language::Ur => "Urdu",
        }
    }

    /// Whether it is written right to left.
    pub fn is_rtl(self) -> bool {
        self == Language::Ur
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Language {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "en" => Ok(Language::En),
            "zh" => Ok(Language::Zh),
            "ur" => Ok(Language::Ur),
            other => Err(format!(
                "{other:?} is not a content language; use en, zh or ur"
            )),
        }
    }
}

/// The Chinese and Urdu versions of one English text; either may be missing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Translations {
    /// Simplified Chinese.
    pub zh: Option<String>,
    /// Urdu.
    pub ur: Option<String>,
}

impl Translations {
    /// Validates the `<field>_zh` and `<field>_ur` inputs (at most `max` characters each), naming them in
    /// errors.
    pub fn parse(
        field: &str,
        zh: Option<&str>,
        ur: Option<&str>,
        max: usize,
    ) -> Result<Self, FieldError> {
        Ok(Translations {
            zh: input::optional_long_text(&format!("{field}_zh"), zh, max)?,
            ur: input::optional_long_text(&format!("{field}_ur"), ur, max)?,
        })
    }

    /// The text in `lang`, if written; English is not held here.
    pub fn get(&self, lang: Language) -> Option<&str> {
        match lang {
            Language::En => None,
            Language::Zh => self.zh.as_deref(),
            Language::Ur => self.ur.as_deref(),
        }
    }

    /// Replaces the text in `lang` (not English).
    pub fn set(&mut self, lang: Language, text: Option<String>) {
        match lang {
            Language::En => {}
            Language::Zh => self.zh = text,
            Language::Ur => self.ur = text,
        }
    }

    /// The stored form: only the languages written.
    pub fn to_json(&self) -> String {
        Value::Object(self.entries()).to_string()
    }

    fn entries(&self) -> Map<String, Value> {
        let mut map = Map::new();
        for lang in [Language::Zh, Language::Ur] {
            if let Some(t) = self.get(lang) {
                map.insert(lang.code().to_owned(), Value::String(t.to_owned()));
            }
        }
        map
    }

    /// Reads the stored form; anything unreadable counts as no translation.
    pub fn from_json(stored: &str) -> Self {
        let v: Value = serde_json::from_str(stored).unwrap_or(Value::Null);
        let text = |k: &str| {
            v.get(k)
                .and_then(Value::as_str)
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
        };
        Translations {
            zh: text("zh"),
            ur: text("ur"),
        }
    }

    /// `{"en": english, "zh": …, "ur": …}`: the shape frozen into minutes versions and returned by the API.
    pub fn with_english(&self, english: &str) -> Value {
        let mut map = Map::new();
        map.insert("en".to_owned(), Value::String(english.to_owned()));
        map.extend(self.entries());
        Value::Object(map)
    }

    /// The languages written besides English.
    pub fn languages(&self) -> Vec<Language> {
        [Language::Zh, Language::Ur]
            .into_iter()
            .filter(|l| self.get(*l).is_some())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_form_round_trips_and_keeps_only_written_languages() {
        let t =
            Translations::parse("title", Some(" 联合产业诊断 "), Some(""), limit::NAME).unwrap();
        assert_eq!(t.zh.as_deref(), Some("联合产业诊断"));
        assert_eq!(t.ur, None);
        assert_eq!(t.to_json(), r#"{"zh":"联合产业诊断"}"#);
        assert_eq!(Translations::from_json(&t.to_json()), t);
        assert_eq!(Translations::from_json("not json"), Translations::default());
        assert_eq!(
            t.with_english("Joint industrial diagnosis").to_string(),
            r#"{"en":"Joint industrial diagnosis","zh":"联合产业诊断"}"#
        );
        assert_eq!(t.languages(), vec![Language::Zh]);
    }

    #[test]
    fn errors_name_the_language_field() {
        let long = "字".repeat(limit::TEXT + 1);
        let e = Translations::parse("text", Some(&long), None, limit::TEXT).unwrap_err();
        assert_eq!(e.field, "text_zh");
        let e = Translations::parse("text", None, Some("a\u{0}b"), limit::TEXT).unwrap_err();
        assert_eq!(e.field, "text_ur");
        assert!(
            "fr".parse::<Language>()
                .unwrap_err()
                .contains("en, zh or ur")
        );
    }
}
