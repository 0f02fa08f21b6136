//! Full-text search, the pure parts: what a record looks like to the index (`SearchDoc`, built from the
//! record's state as the event log holds it), the areas and facets a search is narrowed by, who may see a
//! hit (`Scope`, the visibility rule in the terms the index keeps), and the shape of a result.

mod document;

pub use document::{SOURCES, document};

use crate::language::Language;
use serde::Serialize;
use std::fmt;
use std::str::FromStr;

/// The part of the system a record belongs to: the first facet of a search.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Area {
    /// Meetings, their agendas, minutes and briefing notes.
    Meetings,
    /// Outcomes on the register.
    Register,
    /// Instruments, their versions and clauses, consultations.
    Instruments,
    /// Projects, milestones, progress updates, risks.
    Portfolio,
    /// Joint diagnostic studies, reports, recommendations.
    Studies,
    /// Delegation visits, exchanges, companies.
    Exchanges,
    /// Results frameworks and indicators.
    Results,
    /// Parties, organisations, people, bodies.
    Directory,
    /// News for the public.
    News,
}

impl Area {
    /// Every area, in the order the facet lists them.
    pub const ALL: [Area; 9] = [
        Area::Meetings,
        Area::Register,
        Area::Instruments,
        Area::Portfolio,
        Area::Studies,
        Area::Exchanges,
        Area::Results,
        Area::Directory,
        Area::News,
    ];

    /// The name in URLs and in the index.
    pub fn as_str(self) -> &'static str {
        match self {
            Area::Meetings => "meetings",
            Area::Register => "register",
            Area::Instruments => "instruments",
            Area::Portfolio => "portfolio",
            Area::Studies => "studies",
            Area::Exchanges => "exchanges",
            Area::Results => "results",
            Area::Directory => "directory",
            Area::News => "news",
        }
    }

    /// How a page names it.
    pub fn label(self) -> &'static str {
        match self {
            Area::Meetings => "Meetings and minutes",
            Area::Register => "Register",
            Area::Instruments => "Instruments",
            Area::Portfolio => "Portfolio",
            Area::Studies => "Studies",
            Area::Exchanges => "Exchanges and business",
            Area::Results => "Measurable impact",
            Area::Directory => "Directory",
            Area::News => "News",
        }
    }
}

impl fmt::Display for Area {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Area {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Area::ALL
            .into_iter()
            .find(|a| a.as_str() == s.trim())
            .ok_or_else(|| {
                format!(
                    "`{s}` is not an area; the areas are {}",
                    Area::ALL.map(Area::as_str).join(", ")
                )
            })
    }
}

/// One record as the index holds it. Built by `document` from the record's state in its latest event.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchDoc {
    /// The record kind in the event log (`register_item`).
    pub entity: String,
    /// The record's id.
    pub id: String,
    /// Its area.
    pub area: Area,
    /// How a result list names the kind (`outcome`).
    pub kind_label: &'static str,
    /// Its name or opening words in English, and in Chinese and Urdu where written.
    pub title: Titles,
    /// Everything else worth finding, every language together.
    pub text: String,
    /// The page that shows it.
    pub link: String,
    /// The body it belongs to, if it names one.
    pub body_id: Option<String>,
    /// The party that owns it.
    pub owner_party_id: String,
    /// `public`, `shared`, `party` or `restricted`.
    pub visibility: String,
    /// Its status or state, if it has one.
    pub status: Option<String>,
    /// The year it is dated (a meeting's start, a report's date), else the year it was created.
    pub year: Option<i32>,
    /// The stored file whose text belongs to the record (an attachment, a study report): media type and
    /// SHA-256. The indexer reads and extracts it.
    pub file: Option<(String, String)>,
}

impl SearchDoc {
    /// The key the index and the visibility lists know the record by: `entity:id`.
    pub fn key(&self) -> String {
        format!("{}:{}", self.entity, self.id)
    }
}

/// A record's title in each language it is written in.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Titles {
    /// English, always present.
    pub en: String,
    /// Simplified Chinese.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zh: Option<String>,
    /// Urdu.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ur: Option<String>,
}

impl Titles {
    /// The title in `lang`, else English.
    pub fn get(&self, lang: Language) -> &str {
        match lang {
            Language::Zh => self.zh.as_deref().unwrap_or(&self.en),
            Language::Ur => self.ur.as_deref().unwrap_or(&self.en),
            Language::En => &self.en,
        }
    }
}

/// What a viewer may find, in the index's terms; the same rule as `visibility::can_see` and the store's
/// SQL filter. The store fills the lists from the access tables when the search runs, so a grant or a
/// withdrawal counts at once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The command line: everything.
    All,
    /// Not signed in: public records.
    Public,
    /// A signed-in user.
    User {
        /// Their party.
        party_id: String,
        /// Whether their party is a member of the framework (sees every shared record).
        member: bool,
        /// The shared records opened to their party, which is not a member (`entity:id`).
        granted: Vec<String>,
        /// The restricted records that name them (`entity:id`).
        named: Vec<String>,
    },
}

/// The narrowing a search asks for, each optional.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    /// Only this area.
    pub area: Option<Area>,
    /// Only records of this body.
    pub body: Option<String>,
    /// Only records owned by this party.
    pub party: Option<String>,
    /// Only records in this status.
    pub status: Option<String>,
    /// Only records of this year.
    pub year: Option<i32>,
}

/// The longest query accepted, in characters.
pub const MAX_QUERY: usize = 200;

/// The most results one page shows.
pub const MAX_PAGE: usize = 50;

/// One result.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Hit {
    /// The record kind (`register_item`).
    pub entity: String,
    /// The record's id.
    pub id: String,
    /// How people name the kind (`outcome`).
    pub kind: String,
    /// Its area.
    pub area: Area,
    /// Its title in each language written.
    pub title: Titles,
    /// The page that shows it.
    pub link: String,
    /// A passage with the matched words between `<b>` and `</b>`; the rest is HTML-escaped.
    pub snippet: String,
    /// How well it matched; higher is better.
    pub score: f32,
}

/// How many results fall under one value of a facet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct FacetCount {
    /// The value (`register`, a body's id, `2024`).
    pub value: String,
    /// How a page names it; filled in by the caller for bodies and parties.
    pub label: String,
    /// The results under it.
    pub count: u64,
}

/// The facets of a result, each counted over what the viewer may see only.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Facets {
    /// By area.
    pub area: Vec<FacetCount>,
    /// By body.
    pub body: Vec<FacetCount>,
    /// By owner party.
    pub party: Vec<FacetCount>,
    /// By status.
    pub status: Vec<FacetCount>,
    /// By year, newest first.
    pub year: Vec<FacetCount>,
}

/// A page of results.
#[derive(Clone, Debug, Default, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Results {
    /// Every result the viewer may see.
    pub total: u64,
    /// This page of them, best first.
    pub hits: Vec<Hit>,
    /// Counts by facet over all `total` results.
    pub facets: Facets,
}
