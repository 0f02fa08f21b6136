//! The meetings area's operations: bodies, meetings and their lifecycle, agendas, the register, briefing notes.

mod agenda;
mod body;
mod briefing;
mod delegation;
mod links;
pub(crate) use links::check_links;
mod minutes;
mod minutes_read;
mod redline;
mod register;
mod register_query;
mod register_sheet;
mod schedule;
mod signing;

pub(crate) use register::insert_outcome;
pub use register_query::RegisterFilter;

use crate::StoreError;
use crate::directory::Owner;
use corridor_core::Actor;
use corridor_core::visibility::can_create;

/// Lists of ids kept in one text column, as a JSON array.
pub(crate) fn json_ids<T: ToString>(ids: &[T]) -> String {
    serde_json::to_string(&ids.iter().map(ToString::to_string).collect::<Vec<_>>())
        .unwrap_or_else(|_| "[]".into())
}

/// Reads a column written by `json_ids`.
pub(crate) fn parse_json_ids(raw: &str) -> Vec<String> {
    serde_json::from_str(raw).unwrap_or_default()
}

/// Meetings and what they produce are recorded by a person of the owning side, never anonymously.
pub(crate) fn user_owner(actor: &Actor) -> Result<Owner, StoreError> {
    match actor {
        Actor::User(u) => {
            can_create(actor, u.organisation_id)?;
            Ok(Owner {
                party: u.party_id.to_string(),
                organisation: u.organisation_id.map(|o| o.to_string()),
            })
        }
        Actor::System => Err(StoreError::Forbidden(
            "meetings are recorded by a signed-in user of the owning side".into(),
        )),
    }
}
