//! Alerts: what a user may follow, which follow targets an event of the log concerns, whether it matters
//! enough to tell anyone, and the words that tell them. Pure: the store reads the log and the follows and
//! asks these functions; `text.rs` writes the sentences.

mod concern;
#[cfg(test)]
mod tests;
mod text;
pub mod view;
pub mod webhook;

pub use concern::{Concern, RoleHolder, concern, role_follows};
pub use text::{Change, describe};

use crate::error::FieldError;
use serde::Serialize;
use std::fmt;
use std::str::FromStr;

/// The kinds of record one may follow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FollowKind {
    /// A meeting, with its agenda, minutes and signatures.
    Meeting,
    /// An outcome on the register, with its reviews.
    RegisterItem,
    /// A body, with its meetings and register.
    Body,
    /// An instrument, with its versions, steps and consultations.
    Instrument,
    /// A project, with its milestones, updates, finance and risks.
    Project,
    /// A joint diagnostic study, with its report and recommendations.
    Study,
    /// A delegation visit or cohort, with its nominations and programme.
    Exchange,
    /// An indicator, with its periods and figures.
    Indicator,
}

impl FollowKind {
    /// Every kind.
    pub const ALL: [FollowKind; 8] = [
        FollowKind::Meeting,
        FollowKind::RegisterItem,
        FollowKind::Body,
        FollowKind::Instrument,
        FollowKind::Project,
        FollowKind::Study,
        FollowKind::Exchange,
        FollowKind::Indicator,
    ];

    /// The name in `kind:id` and in the event log.
    pub fn as_str(self) -> &'static str {
        match self {
            FollowKind::Meeting => "meeting",
            FollowKind::RegisterItem => "register_item",
            FollowKind::Body => "body",
            FollowKind::Instrument => "instrument",
            FollowKind::Project => "project",
            FollowKind::Study => "study",
            FollowKind::Exchange => "exchange",
            FollowKind::Indicator => "indicator",
        }
    }

    /// How people name the kind.
    pub fn label(self) -> &'static str {
        match self {
            FollowKind::Meeting => "meeting",
            FollowKind::RegisterItem => "outcome",
            FollowKind::Body => "body",
            FollowKind::Instrument => "instrument",
            FollowKind::Project => "project",
            FollowKind::Study => "study",
            FollowKind::Exchange => "exchange",
            FollowKind::Indicator => "indicator",
        }
    }

    /// Where a record of the kind has its page.
    pub fn path(self) -> &'static str {
        match self {
            FollowKind::Meeting => "/meetings",
            FollowKind::RegisterItem => "/register",
            FollowKind::Body => "/bodies",
            FollowKind::Instrument => "/instruments",
            FollowKind::Project => "/projects",
            FollowKind::Study => "/studies",
            FollowKind::Exchange => "/exchanges",
            FollowKind::Indicator => "/indicators",
        }
    }
}

impl FromStr for FollowKind {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        FollowKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or(())
    }
}

/// The areas of the system one may follow as a whole.
pub const AREAS: [(&str, &str); 9] = [
    ("meetings", "all meetings"),
    ("register", "the whole register"),
    ("instruments", "all instruments"),
    ("portfolio", "the whole portfolio"),
    ("studies", "all studies"),
    ("exchanges", "all exchanges"),
    ("business", "business to business"),
    ("impact", "measurable impact"),
    ("news", "news for the public"),
];

/// What one follows.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    /// One record and what belongs to it.
    Record(FollowKind, uuid::Uuid),
    /// An area (`AREAS`).
    Area(&'static str),
    /// The register items an organisation leads or owns.
    OrganisationRegister(uuid::Uuid),
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Record(kind, id) => write!(f, "{}:{id}", kind.as_str()),
            Target::Area(area) => write!(f, "area:{area}"),
            Target::OrganisationRegister(id) => write!(f, "organisation_register:{id}"),
        }
    }
}

impl Target {
    /// Parses `kind:id`, `area:name` or `organisation_register:id`, naming `field` in the error.
    pub fn parse(field: &str, raw: &str) -> Result<Target, FieldError> {
        let bad = |why: String| FieldError::new(field, why);
        let (kind, rest) = raw.trim().split_once(':').ok_or_else(|| {
            bad(format!(
                "`{raw}` is not `kind:id`, `area:name` or `organisation_register:id`"
            ))
        })?;
        let id = || {
            rest.parse::<uuid::Uuid>()
                .map_err(|_| bad(format!("`{rest}` is not a record id")))
        };
        match kind {
            "area" => AREAS
                .iter()
                .find(|(a, _)| *a == rest)
                .map(|(a, _)| Target::Area(a))
                .ok_or_else(|| {
                    bad(format!(
                        "`{rest}` is not an area; the areas are {}",
                        AREAS.map(|(a, _)| a).join(", ")
                    ))
                }),
            "organisation_register" => Ok(Target::OrganisationRegister(id()?)),
            other => match other.parse::<FollowKind>() {
                Ok(k) => Ok(Target::Record(k, id()?)),
                Err(()) => Err(bad(format!(
                    "`{other}` cannot be followed; follow a {}, an area or an organisation's register",
                    FollowKind::ALL.map(FollowKind::label).join(", ")
                ))),
            },
        }
    }

    /// Where the followed thing has its page.
    pub fn link(&self) -> String {
        match self {
            Target::Record(kind, id) => format!("{}/{id}", kind.path()),
            Target::Area(area) => match *area {
                "meetings" => "/meetings".into(),
                "impact" => "/impact".into(),
                "portfolio" => "/projects".into(),
                other => format!("/{other}"),
            },
            Target::OrganisationRegister(id) => format!("/register?lead_organisation_id={id}"),
        }
    }
}

/// Why an alert reached someone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// They chose to follow it.
    Chosen,
    /// Their organisation owns it.
    Owner,
    /// Their organisation leads it.
    Lead,
    /// They co-chair it.
    CoChair,
}

impl Reason {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Chosen => "chosen",
            Reason::Owner => "owner",
            Reason::Lead => "lead",
            Reason::CoChair => "co_chair",
        }
    }

    /// Reads a stored name; an unknown one reads as chosen.
    pub fn parse(s: &str) -> Reason {
        match s {
            "owner" => Reason::Owner,
            "lead" => Reason::Lead,
            "co_chair" => Reason::CoChair,
            _ => Reason::Chosen,
        }
    }

    /// Why the alert concerns the reader, with what they follow named: "you follow project “Rashakai”".
    pub fn explain(self, followed: &str) -> String {
        match self {
            Reason::Chosen => format!("you follow {followed}"),
            Reason::Owner => format!("your organisation owns {followed}, so you follow it"),
            Reason::Lead => format!("your organisation leads {followed}, so you follow it"),
            Reason::CoChair => format!("you co-chair {followed}, so you follow it"),
        }
    }
}

/// How a user takes alerts by e-mail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum EmailMode {
    /// One e-mail per alert, as it happens.
    Instant,
    /// One e-mail a day with the day's alerts.
    Daily,
    /// One e-mail a week.
    Weekly,
    /// No e-mail; the inbox and feeds only.
    Off,
}

impl EmailMode {
    /// Every mode.
    pub const ALL: [EmailMode; 4] = [
        EmailMode::Instant,
        EmailMode::Daily,
        EmailMode::Weekly,
        EmailMode::Off,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            EmailMode::Instant => "instant",
            EmailMode::Daily => "daily",
            EmailMode::Weekly => "weekly",
            EmailMode::Off => "off",
        }
    }

    /// How a form names it.
    pub fn label(self) -> &'static str {
        match self {
            EmailMode::Instant => "each alert as it happens",
            EmailMode::Daily => "a daily digest",
            EmailMode::Weekly => "a weekly digest",
            EmailMode::Off => "no e-mail",
        }
    }

    /// Parses a stored or submitted name, naming `field` in the error.
    pub fn parse(field: &str, s: &str) -> Result<EmailMode, FieldError> {
        EmailMode::ALL
            .into_iter()
            .find(|m| m.as_str() == s.trim())
            .ok_or_else(|| FieldError::new(field, "must be one of instant, daily, weekly, off"))
    }

    /// How long a digest of this mode covers.
    pub fn period(self) -> Option<time::Duration> {
        match self {
            EmailMode::Daily => Some(time::Duration::days(1)),
            EmailMode::Weekly => Some(time::Duration::weeks(1)),
            EmailMode::Instant | EmailMode::Off => None,
        }
    }
}
