//! Who is acting (`Actor`) and who is reading (`Viewer`), with the roles a user account can hold.

use crate::ids::{OrganisationId, PartyId, PersonId, UserId};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What a user account may do within its own party.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Manages accounts and everything its party owns.
    Admin,
    /// Runs the secretariat: edits everything its party owns.
    Secretariat,
    /// Edits what its own organisation owns.
    Contributor,
    /// Reads only.
    Observer,
}

impl Role {
    /// Every role, in the order forms list them.
    pub const ALL: [Role; 4] = [
        Role::Admin,
        Role::Secretariat,
        Role::Contributor,
        Role::Observer,
    ];

    /// The stored and transmitted name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Secretariat => "secretariat",
            Role::Contributor => "contributor",
            Role::Observer => "observer",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s.trim())
            .ok_or_else(|| "must be one of admin, secretariat, contributor, observer".to_owned())
    }
}

/// A signed-in user as the rules see them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserActor {
    /// The account.
    pub user_id: UserId,
    /// The sign-in name, written into the event log beside the id.
    pub username: String,
    /// The person behind the account; restricted records name people, not accounts.
    pub person_id: PersonId,
    /// The account's side.
    pub party_id: PartyId,
    /// The organisation the account acts for; a contributor edits what it owns.
    pub organisation_id: Option<OrganisationId>,
    /// What the account may do.
    pub role: Role,
    /// The zone meeting times are shown in, when the account chose one.
    pub time_zone: Option<String>,
    /// Whether the account's party is a member of the framework, which sees every shared record; a third
    /// party sees shared records only of the instruments it has joined.
    pub member: bool,
}

/// Whoever causes a change: a signed-in user, or the system itself (command line, demo loader, migrations).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Actor {
    /// A person acting through their account.
    User(UserActor),
    /// An operator at the command line of the server, who already has the whole database in hand.
    System,
}

impl Actor {
    /// The id written into the event log.
    pub fn log_id(&self) -> String {
        match self {
            Actor::User(u) => u.user_id.to_string(),
            Actor::System => "system".to_owned(),
        }
    }

    /// The name written into the event log.
    pub fn log_name(&self) -> String {
        match self {
            Actor::User(u) => u.username.clone(),
            Actor::System => "system".to_owned(),
        }
    }

    /// The actor's party, if it has one.
    pub fn party(&self) -> Option<PartyId> {
        match self {
            Actor::User(u) => Some(u.party_id),
            Actor::System => None,
        }
    }

    /// The reading rights that go with this actor.
    pub fn viewer(&self) -> Viewer {
        match self {
            Actor::User(u) => Viewer::User(u.clone()),
            Actor::System => Viewer::System,
        }
    }

    /// The user behind this actor, if any.
    pub fn user(&self) -> Option<&UserActor> {
        match self {
            Actor::User(u) => Some(u),
            Actor::System => None,
        }
    }
}

/// Whoever reads: every store read takes one and filters by it in SQL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Viewer {
    /// Not signed in: public records only.
    Anonymous,
    /// A signed-in user.
    User(UserActor),
    /// The command line (verify, export): everything.
    System,
}

impl Viewer {
    /// The viewing user, if any.
    pub fn user(&self) -> Option<&UserActor> {
        match self {
            Viewer::User(u) => Some(u),
            _ => None,
        }
    }
}
