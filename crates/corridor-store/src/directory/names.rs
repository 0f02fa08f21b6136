//! Names for references, choices for form selects, and counts: light reads that never build whole views.

use super::{TABLES, Table};
use crate::access::visible;
use crate::entity;
use crate::{Store, StoreError};
use corridor_core::Viewer;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

/// A record offered in a select: its id and the name a reader picks it by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
}

/// How many directory records a viewer may see.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DirectoryCounts {
    /// Parties.
    pub parties: u64,
    /// Organisations.
    pub organisations: u64,
    /// People.
    pub people: u64,
}

/// The short names of all parties, cached: parties are public, few and rarely renamed. A change made here
/// clears the cache; other nodes see it within `PARTY_NAMES_TTL`.
#[derive(Debug, Default)]
pub(crate) struct PartyNames(
    std::sync::Mutex<Option<(std::time::Instant, HashMap<String, String>)>>,
);

const PARTY_NAMES_TTL: std::time::Duration = std::time::Duration::from_secs(60);

impl PartyNames {
    fn fresh(&self) -> Option<HashMap<String, String>> {
        let guard = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        guard
            .as_ref()
            .filter(|(at, _)| at.elapsed() < PARTY_NAMES_TTL)
            .map(|(_, names)| names.clone())
    }

    fn store(&self, names: HashMap<String, String>) {
        *self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) =
            Some((std::time::Instant::now(), names));
    }

    pub(crate) fn clear(&self) {
        *self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = None;
    }
}

impl Store {
    async fn party_names(&self) -> Result<HashMap<String, String>, StoreError> {
        if let Some(names) = self.party_names.fresh() {
            return Ok(names);
        }
        let rows = entity::party::Entity::find().all(&self.db).await?;
        let names: HashMap<String, String> =
            rows.into_iter().map(|p| (p.id, p.short_name)).collect();
        self.party_names.store(names.clone());
        Ok(names)
    }

    /// Names of the parties, organisations and people (`ids` by table) that `viewer` may see; a table with
    /// no ids is not queried, and parties come from the cache.
    pub(crate) async fn names_by_table(
        &self,
        viewer: &Viewer,
        ids: &[Vec<String>; TABLES],
    ) -> Result<HashMap<String, String>, StoreError> {
        let mut names = HashMap::new();
        if !ids[Table::Parties as usize].is_empty() {
            let parties = self.party_names().await?;
            for id in &ids[Table::Parties as usize] {
                if let Some(n) = parties.get(id) {
                    names.insert(id.clone(), n.clone());
                }
            }
        }
        for chunk in ids[Table::Organisations as usize].chunks(500) {
            let rows = entity::organisation::Entity::find()
                .filter(entity::organisation::Column::Id.is_in(chunk.to_vec()))
                .filter(visible(viewer, "organisations", "organisation"))
                .all(&self.db)
                .await?;
            names.extend(rows.into_iter().map(|o| (o.id, o.name)));
        }
        for chunk in ids[Table::Bodies as usize].chunks(500) {
            let rows = entity::body::Entity::find()
                .filter(entity::body::Column::Id.is_in(chunk.to_vec()))
                .filter(visible(viewer, "bodies", "body"))
                .all(&self.db)
                .await?;
            names.extend(
                rows.into_iter()
                    .map(|b| (b.id, b.short_name.unwrap_or(b.name))),
            );
        }
        for chunk in ids[Table::Meetings as usize].chunks(500) {
            let rows = entity::meeting::Entity::find()
                .filter(entity::meeting::Column::Id.is_in(chunk.to_vec()))
                .filter(visible(viewer, "meetings", "meeting"))
                .all(&self.db)
                .await?;
            names.extend(rows.into_iter().map(|m| (m.id, m.title)));
        }
        for chunk in ids[Table::Instruments as usize].chunks(500) {
            let rows = entity::instrument::Entity::find()
                .filter(entity::instrument::Column::Id.is_in(chunk.to_vec()))
                .filter(visible(viewer, "instruments", "instrument"))
                .all(&self.db)
                .await?;
            names.extend(rows.into_iter().map(|m| (m.id, m.title)));
        }
        for chunk in ids[Table::Projects as usize].chunks(500) {
            let rows = entity::project::Entity::find()
                .filter(entity::project::Column::Id.is_in(chunk.to_vec()))
                .filter(visible(viewer, "projects", "project"))
                .all(&self.db)
                .await?;
            names.extend(rows.into_iter().map(|m| (m.id, m.name)));
        }
        for chunk in ids[Table::Companies as usize].chunks(500) {
            let rows = entity::company::Entity::find()
                .filter(entity::company::Column::Id.is_in(chunk.to_vec()))
                .filter(visible(viewer, "companies", "company"))
                .all(&self.db)
                .await?;
            names.extend(rows.into_iter().map(|m| (m.id, m.name)));
        }
        for chunk in ids[Table::Exchanges as usize].chunks(500) {
            let rows = entity::exchange::Entity::find()
                .filter(entity::exchange::Column::Id.is_in(chunk.to_vec()))
                .filter(visible(viewer, "exchanges", "exchange"))
                .all(&self.db)
                .await?;
            names.extend(rows.into_iter().map(|m| (m.id, m.title)));
        }
        for chunk in ids[Table::People as usize].chunks(500) {
            let rows = entity::person::Entity::find()
                .filter(entity::person::Column::Id.is_in(chunk.to_vec()))
                .filter(visible(viewer, "people", "person"))
                .all(&self.db)
                .await?;
            names.extend(rows.into_iter().map(|p| (p.id, p.full_name)));
        }
        Ok(names)
    }
}

impl Store {
    /// Counts the directory records `viewer` may see.
    #[crate::boxed]
    pub async fn directory_counts(&self, viewer: &Viewer) -> Result<DirectoryCounts, StoreError> {
        Ok(DirectoryCounts {
            parties: entity::party::Entity::find()
                .filter(visible(viewer, "parties", "party"))
                .count(&self.db)
                .await?,
            organisations: entity::organisation::Entity::find()
                .filter(visible(viewer, "organisations", "organisation"))
                .count(&self.db)
                .await?,
            people: entity::person::Entity::find()
                .filter(visible(viewer, "people", "person"))
                .count(&self.db)
                .await?,
        })
    }

    /// The organisations `viewer` may see, as choices for a select, by name.
    #[crate::boxed]
    pub async fn organisation_choices(&self, viewer: &Viewer) -> Result<Vec<Choice>, StoreError> {
        use entity::organisation::Column as C;
        let rows: Vec<(String, String)> = entity::organisation::Entity::find()
            .select_only()
            .column(C::Id)
            .column(C::Name)
            .filter(visible(viewer, "organisations", "organisation"))
            .order_by_asc(C::Name)
            .into_tuple()
            .all(&self.db)
            .await?;
        Ok(rows
            .into_iter()
            .map(|(id, name)| Choice { id, name })
            .collect())
    }

    /// The people `viewer` may see, as choices for a select, by name.
    #[crate::boxed]
    pub async fn person_choices(&self, viewer: &Viewer) -> Result<Vec<Choice>, StoreError> {
        self.party_person_choices(viewer, None).await
    }

    /// The people of one party (or of all) that `viewer` may see, as choices for a select, by name.
    #[crate::boxed]
    pub async fn party_person_choices(
        &self,
        viewer: &Viewer,
        party_id: Option<&str>,
    ) -> Result<Vec<Choice>, StoreError> {
        use entity::person::Column as C;
        let mut q = entity::person::Entity::find();
        if let Some(p) = party_id {
            q = q.filter(C::PartyId.eq(p));
        }
        let rows: Vec<(String, String)> = q
            .select_only()
            .column(C::Id)
            .column(C::FullName)
            .filter(visible(viewer, "people", "person"))
            .order_by_asc(C::FullName)
            .into_tuple()
            .all(&self.db)
            .await?;
        Ok(rows
            .into_iter()
            .map(|(id, name)| Choice { id, name })
            .collect())
    }
}
