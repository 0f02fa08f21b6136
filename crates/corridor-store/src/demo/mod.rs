//! The seed scenario, loaded as real records through the same operations a user's change goes through, so the
//! demo world has its full event history. Every id derives from a stable key, so loading twice adds nothing.
//! Facts come from `shared/seed/`; staff accounts and their names are illustrative and say so.

mod alerts;
mod directory;
mod exchange;
mod exchange_data;
mod instrument;
mod instrument_data;
mod meeting;
mod meeting_data;
mod news;
mod portfolio;
mod portfolio_data;
mod results;
mod results_data;
mod study;

use crate::{Store, StoreError};
use corridor_core::Role;

/// The stable key of a demo record, from which its id derives.
fn key(kind: &str, k: &str) -> String {
    format!("demo/{kind}/{k}")
}

/// Whether the demo record with this id is not there yet.
async fn missing<E: crate::access::Audited>(store: &Store, id: &str) -> Result<bool, StoreError> {
    Ok(E::find_id(id).one(store.connection()).await?.is_none())
}

/// The password of every demo account: shown on the console, so it is for demonstrations only.
pub const DEMO_PASSWORD: &str = "corridor-demo";

/// A demo account, as `serve --demo` prints it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoLogin {
    /// Sign-in name.
    pub username: String,
    /// Password.
    pub password: String,
    /// Role.
    pub role: Role,
    /// Party's short name.
    pub party: String,
}

/// What loading the demo did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DemoReport {
    /// Records created by this load (0 when the demo was already there).
    pub created: usize,
    /// The demo accounts.
    pub logins: Vec<DemoLogin>,
}

/// Loads the demo world; records already present are left as they are.
#[crate::boxed]
pub async fn load(store: &Store) -> Result<DemoReport, StoreError> {
    let mut report = DemoReport::default();
    directory::load(store, &mut report).await?;
    // Bodies first: instruments are overseen by them, and meetings' agendas link to instruments and projects.
    meeting::bodies(store, &mut report).await?;
    instrument::load(store, &mut report).await?;
    // Projects before meetings: the 5th meeting's progress items link to them.
    portfolio::load(store, &mut report).await?;
    meeting::load(store, &mut report).await?;
    // The study's report went to the 5th meeting and was accepted at the 6th.
    study::load(store, &mut report).await?;
    // The delegation visit answers the 5th meeting's request; a matchmaking sat beside the 6th meeting.
    exchange::load(store, &mut report).await?;
    // Last: the results framework links to all of the above, and computes from the register and exchanges.
    results::load(store, &mut report).await?;
    // News for the public about the records above: one published by both sides, one waiting.
    news::load(store, &mut report).await?;
    // After the world: what came before is history; demo officers follow a zone, a register and an area.
    alerts::load(store, &mut report).await?;
    Ok(report)
}
