//! Links from one record to another: an agenda item that discusses an outcome of an earlier meeting, an
//! outcome about a body's work. Written `kind:id` (`register_item:0193…`) in forms, JSON and storage, so
//! later areas (instruments, projects, studies, exchanges, indicators) add a kind and nothing else changes.

use crate::error::FieldError;
use serde::Serialize;
use std::fmt;
use std::str::FromStr;

/// What a link may point at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    /// A meeting.
    Meeting,
    /// An outcome on the register.
    RegisterItem,
    /// A body.
    Body,
    /// An organisation.
    Organisation,
    /// An instrument.
    Instrument,
    /// A project of the portfolio.
    Project,
    /// A joint diagnostic study.
    Study,
    /// A delegation visit or exchange cohort.
    Exchange,
}

impl LinkKind {
    /// Every kind, in the order forms list them.
    pub const ALL: [LinkKind; 8] = [
        LinkKind::RegisterItem,
        LinkKind::Instrument,
        LinkKind::Project,
        LinkKind::Study,
        LinkKind::Exchange,
        LinkKind::Meeting,
        LinkKind::Body,
        LinkKind::Organisation,
    ];

    /// The name used in `kind:id`.
    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::Meeting => "meeting",
            LinkKind::RegisterItem => "register_item",
            LinkKind::Body => "body",
            LinkKind::Organisation => "organisation",
            LinkKind::Instrument => "instrument",
            LinkKind::Project => "project",
            LinkKind::Study => "study",
            LinkKind::Exchange => "exchange",
        }
    }

    /// How a page names the kind.
    pub fn label(self) -> &'static str {
        match self {
            LinkKind::Meeting => "Meeting",
            LinkKind::RegisterItem => "Outcome",
            LinkKind::Body => "Body",
            LinkKind::Organisation => "Organisation",
            LinkKind::Instrument => "Instrument",
            LinkKind::Project => "Project",
            LinkKind::Study => "Study",
            LinkKind::Exchange => "Exchange",
        }
    }

    /// Where its page lives.
    pub fn path(self) -> &'static str {
        match self {
            LinkKind::Meeting => "/meetings",
            LinkKind::RegisterItem => "/register",
            LinkKind::Body => "/bodies",
            LinkKind::Organisation => "/organisations",
            LinkKind::Instrument => "/instruments",
            LinkKind::Project => "/projects",
            LinkKind::Study => "/studies",
            LinkKind::Exchange => "/exchanges",
        }
    }
}

impl FromStr for LinkKind {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        LinkKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or(())
    }
}

/// One link: a kind and the id of a record of that kind.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RecordLink {
    /// What it points at.
    pub kind: LinkKind,
    /// The record's id.
    pub id: uuid::Uuid,
}

impl fmt::Display for RecordLink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.kind.as_str(), self.id)
    }
}

impl RecordLink {
    /// Parses `kind:id`, naming `field` in the error.
    pub fn parse(field: &str, raw: &str) -> Result<RecordLink, FieldError> {
        let raw = raw.trim();
        let kinds = LinkKind::ALL.map(LinkKind::as_str).join(", ");
        let (kind, id) = raw.split_once(':').ok_or_else(|| {
            FieldError::new(
                field,
                format!("“{raw}” is not a link; write kind:id, with kind one of {kinds}"),
            )
        })?;
        let kind = kind.parse().map_err(|()| {
            FieldError::new(
                field,
                format!("“{kind}” cannot be linked; link one of {kinds}"),
            )
        })?;
        let id = id
            .parse()
            .map_err(|_| FieldError::new(field, format!("“{id}” is not a record id")))?;
        Ok(RecordLink { kind, id })
    }

    /// Parses a list, dropping blanks and repeats, keeping the order given.
    pub fn parse_all(field: &str, raw: &[String]) -> Result<Vec<RecordLink>, FieldError> {
        let mut out: Vec<RecordLink> = Vec::new();
        for r in raw.iter().filter(|r| !r.trim().is_empty()) {
            let link = RecordLink::parse(field, r)?;
            if !out.contains(&link) {
                out.push(link);
            }
        }
        if out.len() > 50 {
            return Err(FieldError::new(field, "at most 50 links are allowed"));
        }
        Ok(out)
    }

    /// The stored form: a JSON array of `kind:id` strings.
    pub fn to_json(links: &[RecordLink]) -> String {
        serde_json::to_string(&links.iter().map(ToString::to_string).collect::<Vec<_>>())
            .unwrap_or_else(|_| "[]".into())
    }

    /// Reads the stored form, skipping anything unreadable.
    pub fn from_json(stored: &str) -> Vec<RecordLink> {
        serde_json::from_str::<Vec<String>>(stored)
            .unwrap_or_default()
            .iter()
            .filter_map(|r| RecordLink::parse("links", r).ok())
            .collect()
    }
}

/// A link as a reader sees it: only links to records the reader may see are shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct LinkView {
    /// `register_item`, `meeting`, `body` or `organisation`.
    pub kind: LinkKind,
    /// The record's id.
    pub id: String,
    /// What it is called.
    pub name: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_parse_store_and_read_back() {
        let id = uuid::Uuid::now_v7();
        let raw = vec![
            format!("register_item:{id}"),
            " ".into(),
            format!("register_item:{id}"),
        ];
        let links = RecordLink::parse_all("links", &raw).unwrap();
        assert_eq!(links.len(), 1, "blanks and repeats are dropped");
        let stored = RecordLink::to_json(&links);
        assert_eq!(stored, format!("[\"register_item:{id}\"]"));
        assert_eq!(RecordLink::from_json(&stored), links);
    }

    #[test]
    fn bad_links_name_the_field_and_say_what_is_wanted() {
        let e = RecordLink::parse("links", "project").unwrap_err();
        assert_eq!(e.field, "links");
        assert!(e.message.contains("kind:id"));
        let e = RecordLink::parse("links", "company:0193").unwrap_err();
        assert!(e.message.contains("cannot be linked"), "{}", e.message);
        let e = RecordLink::parse("links", "meeting:xyz").unwrap_err();
        assert!(e.message.contains("not a record id"));
    }
}
