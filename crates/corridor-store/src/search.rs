//! What the search index reads: records' latest states from the event log (past a place, or all of them
//! for a rebuild), the stored files whose text belongs to a record, and a viewer's scope from the access
//! tables. The index itself lives in `corridor-search`; this side only reads.

use crate::entity::{
    agenda_item, chain_head, consultation, event, file, instrument_step, record_access,
    record_parties,
};
use crate::{Store, StoreError};
use corridor_core::Viewer;
use corridor_core::search::{SOURCES, Scope, SearchDoc, document};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde_json::Value;
use std::collections::HashMap;

/// How many events one read of the log takes at most.
pub const CHUNK: u64 = 2_000;

/// One record for the index: its state as a document, or `None` when deleted or no longer of a kind the
/// index holds.
#[derive(Clone, Debug)]
pub struct Indexed {
    /// `entity:id`.
    pub key: String,
    /// The document, if the record is to be held.
    pub doc: Option<SearchDoc>,
}

/// What the log holds past a place.
#[derive(Clone, Debug, Default)]
pub struct LogChanges {
    /// Each record changed, in its latest state among the events read.
    pub records: Vec<Indexed>,
    /// The last event read and its hash; `None` when there was nothing to read.
    pub last: Option<(i64, String)>,
}

impl Store {
    /// The last event of the log and its hash; `None` for an empty log.
    #[crate::boxed]
    pub async fn log_head(&self) -> Result<Option<(i64, String)>, StoreError> {
        let Some(head) = chain_head::Entity::find().one(&self.db).await? else {
            return Ok(None);
        };
        Ok(self.event_hash(head.seq).await?.map(|h| (head.seq, h)))
    }

    /// The hash of event `seq`, if the log has it.
    #[crate::boxed]
    pub async fn event_hash(&self, seq: i64) -> Result<Option<String>, StoreError> {
        Ok(event::Entity::find_by_id(seq)
            .select_only()
            .column(event::Column::Hash)
            .into_tuple::<String>()
            .one(&self.db)
            .await?)
    }

    /// The records changed by up to `limit` events past `after`, each in its latest state among them.
    #[crate::boxed]
    pub async fn search_changes(&self, after: i64, limit: u64) -> Result<LogChanges, StoreError> {
        let events = event::Entity::find()
            .filter(event::Column::Seq.gt(after))
            .order_by_asc(event::Column::Seq)
            .limit(limit)
            .all(&self.db)
            .await?;
        let last = events.last().map(|e| (e.seq, e.hash.clone()));
        // The latest event of each record wins; earlier ones in the same read are superseded.
        let mut latest: HashMap<(String, String), event::Model> = HashMap::new();
        for e in events {
            latest.insert((e.entity.clone(), e.entity_id.clone()), e);
        }
        let mut latest: Vec<event::Model> = latest.into_values().collect();
        latest.sort_by_key(|e| e.seq);
        Ok(LogChanges {
            records: self.indexed(latest).await?,
            last,
        })
    }

    /// The sequence number of every indexed record's latest event, in log order: what a rebuild reads, in
    /// chunks, with `search_records_at`.
    #[crate::boxed]
    pub async fn search_rebuild_plan(&self) -> Result<Vec<i64>, StoreError> {
        let mut seqs: Vec<i64> = event::Entity::find()
            .select_only()
            .column_as(event::Column::Seq.max(), "seq")
            .filter(event::Column::Entity.is_in(SOURCES.iter().copied()))
            .group_by(event::Column::Entity)
            .group_by(event::Column::EntityId)
            .into_tuple::<i64>()
            .all(&self.db)
            .await?;
        seqs.sort_unstable();
        Ok(seqs)
    }

    /// The records whose latest events are `seqs`.
    #[crate::boxed]
    pub async fn search_records_at(&self, seqs: &[i64]) -> Result<Vec<Indexed>, StoreError> {
        let events = event::Entity::find()
            .filter(event::Column::Seq.is_in(seqs.iter().copied()))
            .order_by_asc(event::Column::Seq)
            .all(&self.db)
            .await?;
        self.indexed(events).await
    }

    async fn indexed(&self, events: Vec<event::Model>) -> Result<Vec<Indexed>, StoreError> {
        let mut out = Vec::with_capacity(events.len());
        for e in events {
            let key = format!("{}:{}", e.entity, e.entity_id);
            if !SOURCES.contains(&e.entity.as_str()) {
                continue;
            }
            if e.action == "deleted" {
                out.push(Indexed { key, doc: None });
                continue;
            }
            let mut payload: Value = serde_json::from_str(&e.payload).unwrap_or(Value::Null);
            self.add_parent(&e.entity, &mut payload).await?;
            let mut doc = document(&e.entity, &e.entity_id, &payload);
            if let Some(d) = &mut doc {
                // The event's columns are the record's reach, as `visible_event` reads them.
                d.visibility.clone_from(&e.visibility);
                d.owner_party_id = e.owner_party_id.clone().unwrap_or_default();
            }
            out.push(Indexed { key, doc });
        }
        Ok(out)
    }

    /// Adds the parent a record names only through another record, so its result links to a page: a
    /// briefing note's meeting (through its agenda item), an attachment's or a consultation response's
    /// instrument.
    async fn add_parent(&self, entity: &str, payload: &mut Value) -> Result<(), StoreError> {
        let field = |name: &str| payload.get(name).and_then(Value::as_str).map(str::to_owned);
        let found = match entity {
            "briefing_note" => match field("agenda_item_id") {
                Some(id) => agenda_item::Entity::find_by_id(id)
                    .one(&self.db)
                    .await?
                    .map(|a| ("meeting_id", a.meeting_id)),
                None => None,
            },
            "consultation_response" => match field("consultation_id") {
                Some(id) => consultation::Entity::find_by_id(id)
                    .one(&self.db)
                    .await?
                    .map(|c| ("instrument_id", c.instrument_id)),
                None => None,
            },
            "attachment" => match (field("entity").as_deref(), field("entity_id")) {
                (Some("instrument_step"), Some(id)) => instrument_step::Entity::find_by_id(id)
                    .one(&self.db)
                    .await?
                    .map(|s| ("instrument_id", s.instrument_id)),
                (Some("instrument_version"), Some(id)) => {
                    crate::entity::instrument_version::Entity::find_by_id(id)
                        .one(&self.db)
                        .await?
                        .map(|v| ("instrument_id", v.instrument_id))
                }
                _ => None,
            },
            _ => None,
        };
        if let (Some((name, value)), Value::Object(map)) = (found, payload) {
            map.insert(name.to_owned(), Value::String(value));
        }
        Ok(())
    }

    /// The content of a stored file, by its SHA-256.
    #[crate::boxed]
    pub async fn file_bytes(&self, sha256: &str) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(file::Entity::find_by_id(sha256.to_owned())
            .one(&self.db)
            .await?
            .map(|f| f.content))
    }

    /// What `viewer` may find in the index, with the access lists read now.
    #[crate::boxed]
    pub async fn search_scope(&self, viewer: &Viewer) -> Result<Scope, StoreError> {
        let u = match viewer {
            Viewer::System => return Ok(Scope::All),
            Viewer::Anonymous => return Ok(Scope::Public),
            Viewer::User(u) => u,
        };
        let granted = if u.member {
            Vec::new()
        } else {
            record_parties::Entity::find()
                .filter(record_parties::Column::PartyId.eq(u.party_id.to_string()))
                .all(&self.db)
                .await?
                .into_iter()
                .map(|r| format!("{}:{}", r.entity, r.entity_id))
                .collect()
        };
        let named = record_access::Entity::find()
            .filter(record_access::Column::PersonId.eq(u.person_id.to_string()))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|r| format!("{}:{}", r.entity, r.entity_id))
            .collect();
        Ok(Scope::User {
            party_id: u.party_id.to_string(),
            member: u.member,
            granted,
            named,
        })
    }
}
