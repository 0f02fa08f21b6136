//! The `Store`: one handle over SQLite or PostgreSQL, chosen at run time from the URL. Every operation that
//! changes state takes the `Actor` first and runs in one transaction that also appends its hash-chained event;
//! every read takes a `Viewer` and filters by party and visibility in SQL.

pub mod access;
pub mod alerts;
pub mod audit;
pub mod business;
mod db;
pub mod demo;
pub mod directory;
pub mod entity;
mod error;
pub mod exchange;
pub mod instrument;
pub mod meeting;
pub mod migration;
pub mod news;
pub mod page;
pub mod portfolio;
pub mod results;
pub mod search;
mod sheets;
pub mod study;
pub mod testing;
pub mod transfer;

/// Marks a public `async fn` to return its future boxed (`Pin<Box<dyn Future + Send>>`). Release builds do
/// not share generic code between crates, and rustc counts every `async fn`'s state machine as generic: without
/// the box, the web crate and the binary compiled again every store future they await, with everything it
/// awaits in turn (most of their release build time). Boxed, each is compiled once, here; the cost is one
/// allocation per call, next to a database round trip. `async_recursion` is the well-kept macro that makes
/// exactly this rewrite, lifetimes included; recursion has nothing to do with it here.
pub(crate) use async_recursion::async_recursion as boxed;

pub use db::{Backend, SchemaState};
pub use error::StoreError;
pub use page::{Page, Paged};

use sea_orm::DatabaseConnection;

/// The one way into the database.
#[derive(Clone, Debug)]
pub struct Store {
    db: DatabaseConnection,
    backend: Backend,
    party_names: std::sync::Arc<directory::PartyNames>,
    /// On SQLite, writers of this process take turns here before they open their transaction: one at a time
    /// reaches the database's write lock, instead of all polling it through SQLite's sleeping busy handler.
    writers: std::sync::Arc<tokio::sync::Mutex<()>>,
}

impl Store {
    /// The underlying connection, for tests and benchmarks that must reach behind the application.
    pub fn connection(&self) -> &DatabaseConnection {
        &self.db
    }

    /// Which database this store runs on.
    pub fn backend(&self) -> Backend {
        self.backend
    }
}
