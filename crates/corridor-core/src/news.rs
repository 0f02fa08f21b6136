//! News for the public: a meeting's press summary, a signed instrument, a zone's milestone, told in a few
//! paragraphs in English with Chinese and Urdu versions beside it.
//!
//! A news item is drafted by one side and shared with the other. It is published only when one approver
//! (an administrator or a secretariat officer) of each member party has approved its current version: an
//! edit after an approval asks for it again. Either side may withdraw a published item, and both must
//! approve it again to publish it anew. An existing record is never widened to `public` by one side alone
//! (`PUBLISH_THROUGH_NEWS`); the news item is the public face of shared work.
//!
//! Visitors subscribe to published news by e-mail: the address is kept pending until the link mailed to it
//! is followed (double opt-in), and every news e-mail carries a one-click unsubscribe link.

use crate::error::{Collector, FieldError, ValidationErrors};
use crate::input::{self, limit};
use crate::language::{Language, Translations};
use crate::links::{LinkView, RecordLink};
use crate::view::{AccessView, Ref};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Why an existing record cannot be made public by one side.
pub const PUBLISH_THROUGH_NEWS: &str = "an existing record is made public only through a news item that \
     one approver of each party has approved; draft one on the news page";

/// Where a news item stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum NewsState {
    /// Written, shared with the other side, waiting for approvals.
    Draft,
    /// Approved by each party and on the public page.
    Published,
    /// Taken off the public page by one side.
    Withdrawn,
}

impl NewsState {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            NewsState::Draft => "draft",
            NewsState::Published => "published",
            NewsState::Withdrawn => "withdrawn",
        }
    }
}

impl fmt::Display for NewsState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for NewsState {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "draft" => Ok(NewsState::Draft),
            "published" => Ok(NewsState::Published),
            "withdrawn" => Ok(NewsState::Withdrawn),
            other => Err(format!("“{other}” is not a state of a news item")),
        }
    }
}

/// A news item as a form or JSON client sends it.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct NewsInput {
    /// The headline in English.
    pub title: Option<String>,
    /// The headline in Chinese.
    pub title_zh: Option<String>,
    /// The headline in Urdu.
    pub title_ur: Option<String>,
    /// The text in English: a few paragraphs.
    pub summary: Option<String>,
    /// The text in Chinese.
    pub summary_zh: Option<String>,
    /// The text in Urdu.
    pub summary_ur: Option<String>,
    /// Records it is about, `kind:id`; a public reader sees a link only to a record that is public itself.
    #[serde(deserialize_with = "input::one_or_many")]
    pub links: Vec<String>,
    /// The version the edit was made from (edits only).
    #[serde(deserialize_with = "input::int_or_text")]
    pub version: Option<i64>,
}

/// The most a news item's text may hold, in characters, in each language.
pub const SUMMARY_MAX: usize = 8_000;

/// A validated news item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewNews {
    /// The headline in English.
    pub title: String,
    /// The headline in Chinese and Urdu.
    pub title_translations: Translations,
    /// The text in English.
    pub summary: String,
    /// The text in Chinese and Urdu.
    pub summary_translations: Translations,
    /// Records it is about.
    pub links: Vec<RecordLink>,
    /// The version the edit was made from.
    pub version: Option<i64>,
}

impl TryFrom<&NewsInput> for NewNews {
    type Error = ValidationErrors;
    fn try_from(i: &NewsInput) -> Result<Self, Self::Error> {
        let mut c = Collector::default();
        let title = c.take(input::required_text(
            "title",
            i.title.as_deref(),
            limit::NAME,
        ));
        let title_translations = c.take(Translations::parse(
            "title",
            i.title_zh.as_deref(),
            i.title_ur.as_deref(),
            limit::NAME,
        ));
        let summary = c.take(input::required_long_text(
            "summary",
            i.summary.as_deref(),
            SUMMARY_MAX,
        ));
        let summary_translations = c.take(Translations::parse(
            "summary",
            i.summary_zh.as_deref(),
            i.summary_ur.as_deref(),
            SUMMARY_MAX,
        ));
        let links = c.take(RecordLink::parse_all("links", &i.links));
        if let (Some(t), Some(s)) = (&title_translations, &summary_translations) {
            for lang in [Language::Zh, Language::Ur] {
                if t.get(lang).is_some() != s.get(lang).is_some() {
                    let missing = if t.get(lang).is_none() {
                        "title"
                    } else {
                        "summary"
                    };
                    c.push(FieldError::new(
                        format!("{missing}_{}", lang.code()),
                        format!(
                            "is needed too: a version in {} has both a headline and a text",
                            lang.label()
                        ),
                    ));
                }
            }
        }
        c.finish(|| {
            Some(NewNews {
                title: title?,
                title_translations: title_translations?,
                summary: summary?,
                summary_translations: summary_translations?,
                links: links?,
                version: i.version,
            })
        })
    }
}

/// One party's approval, as a reader sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ApprovalView {
    /// The party that approved.
    pub party: Ref,
    /// Who approved for it.
    pub person: Ref,
    /// The version of the item approved.
    pub item_version: i64,
    /// When, RFC 3339.
    pub at: String,
}

/// A news item in one language, with the others one click away.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct NewsView {
    /// Id.
    pub id: String,
    /// The headline in English.
    pub title: String,
    /// The headline in every language written: `{"en": …, "zh": …, "ur": …}`.
    pub titles: serde_json::Value,
    /// The text in English.
    pub summary: String,
    /// The text in every language written.
    pub summaries: serde_json::Value,
    /// `draft`, `published` or `withdrawn`.
    pub state: NewsState,
    /// When it was published, RFC 3339.
    pub published_at: Option<String>,
    /// The records it is about that the reader may see.
    pub links: Vec<LinkView>,
    /// Approvals of the current version, one per party at most.
    pub approvals: Vec<ApprovalView>,
    /// Member parties whose approval of the current version is still missing.
    pub awaiting: Vec<Ref>,
    /// Owner, reach and version.
    pub access: AccessView,
}

impl NewsView {
    /// The headline in `lang`, else in English.
    pub fn title_in(&self, lang: Language) -> &str {
        self.titles
            .get(lang.code())
            .and_then(serde_json::Value::as_str)
            .unwrap_or(&self.title)
    }

    /// The text in `lang`, else in English.
    pub fn summary_in(&self, lang: Language) -> &str {
        self.summaries
            .get(lang.code())
            .and_then(serde_json::Value::as_str)
            .unwrap_or(&self.summary)
    }

    /// The languages the item is written in, English first.
    pub fn languages(&self) -> Vec<Language> {
        Language::ALL
            .into_iter()
            .filter(|l| self.titles.get(l.code()).is_some())
            .collect()
    }
}

/// A visitor's request to receive published news by e-mail.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct SubscribeInput {
    /// The address.
    pub email: Option<String>,
    /// The language of the e-mails: `en`, `zh` or `ur`.
    pub language: Option<String>,
}

/// A validated subscription request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewSubscription {
    /// The address, lower-cased.
    pub email: String,
    /// The language of the e-mails.
    pub language: Language,
}

impl TryFrom<&SubscribeInput> for NewSubscription {
    type Error = ValidationErrors;
    fn try_from(i: &SubscribeInput) -> Result<Self, Self::Error> {
        let mut c = Collector::default();
        let email = c
            .take(input::optional_email("email", i.email.as_deref()))
            .and_then(|e| {
                if e.is_none() {
                    c.push(FieldError::new("email", "is required"));
                }
                e
            });
        let language = c.take(
            input::optional_parsed("language", i.language.as_deref(), "a language")
                .map(|l| l.unwrap_or(Language::En)),
        );
        c.finish(|| {
            Some(NewSubscription {
                email: email?,
                language: language?,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> NewsInput {
        NewsInput {
            title: Some("Working group meets by video".into()),
            summary: Some("The fifth meeting reviewed the zones.".into()),
            ..Default::default()
        }
    }

    #[test]
    fn a_news_item_needs_a_headline_and_a_text() {
        let e = NewNews::try_from(&NewsInput::default()).unwrap_err();
        assert_eq!(e.for_field("title"), Some("is required"));
        assert_eq!(e.for_field("summary"), Some("is required"));
        assert!(NewNews::try_from(&input()).is_ok());
    }

    #[test]
    fn a_version_in_another_language_has_both_parts() {
        let mut i = input();
        i.title_zh = Some("工作组召开视频会议".into());
        let e = NewNews::try_from(&i).unwrap_err();
        assert!(e.for_field("summary_zh").unwrap().contains("Chinese"));
        i.summary_zh = Some("第五次会议审议了各园区。".into());
        let n = NewNews::try_from(&i).unwrap();
        assert_eq!(
            n.title_translations.zh.as_deref(),
            Some("工作组召开视频会议")
        );
    }

    #[test]
    fn links_and_subscriptions_name_their_fields() {
        let mut i = input();
        i.links = vec!["nothing".into()];
        assert!(
            NewNews::try_from(&i)
                .unwrap_err()
                .for_field("links")
                .is_some()
        );
        let s = SubscribeInput {
            email: Some("not an address".into()),
            language: Some("fr".into()),
        };
        let e = NewSubscription::try_from(&s).unwrap_err();
        assert!(
            e.for_field("email")
                .unwrap()
                .contains("not an e-mail address")
        );
        assert!(e.for_field("language").is_some());
        let e = NewSubscription::try_from(&SubscribeInput::default()).unwrap_err();
        assert_eq!(e.for_field("email"), Some("is required"));
        let ok = NewSubscription::try_from(&SubscribeInput {
            email: Some(" Reader@Example.org ".into()),
            language: Some("ur".into()),
        })
        .unwrap();
        assert_eq!(ok.email, "reader@example.org");
        assert_eq!(ok.language, Language::Ur);
    }
}
