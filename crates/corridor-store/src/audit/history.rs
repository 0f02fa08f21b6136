//! Reading the log: a record's history as readable differences, and the stream of events a viewer may see.
//! An event is shown only if the record was visible to the viewer in that event and has not been hidden
//! from them since: narrowing a record's visibility hides its earlier history too.

use crate::access::{Audited, visible_event};
use crate::entity::event;
use crate::{Page, Paged, Store, StoreError};
use corridor_core::Viewer;
use corridor_core::audit::changes;
use corridor_core::view::{EventView, HistoryEntry, Ref};
use sea_orm::sea_query::{Alias, Condition, Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde_json::Value;
use std::collections::HashMap;

/// The events `viewer` may see.
fn visible_events(viewer: &Viewer) -> Condition {
    let mut c = Condition::all().add(visible_event(viewer, "events"));
    if !matches!(viewer, Viewer::System) {
        let later_hidden = Query::select()
            .expr(Expr::val(1))
            .from_as("events", Alias::new("l"))
            .and_where(Expr::col(("l", "entity")).equals(("events", "entity")))
            .and_where(Expr::col(("l", "entity_id")).equals(("events", "entity_id")))
            .and_where(Expr::col(("l", "seq")).gt(Expr::col(("events", "seq"))))
            .cond_where(visible_event(viewer, "l").not())
            .to_owned();
        c = c.add(Expr::not_exists(later_hidden));
    }
    c
}

fn parse_payload(raw: &str) -> Value {
    serde_json::from_str(raw).unwrap_or(Value::Null)
}

fn to_view(e: event::Model) -> EventView {
    EventView {
        payload: parse_payload(&e.payload),
        seq: e.seq,
        id: e.id,
        at: e.at,
        actor: e.actor,
        actor_name: e.actor_name,
        actor_party_id: e.actor_party_id,
        entity: e.entity,
        entity_id: e.entity_id,
        action: e.action,
        visibility: e.visibility,
        prev_hash: e.prev_hash,
        hash: e.hash,
    }
}

impl Store {
    /// The history of the record `id` of kind `E`, newest first; not found when the viewer may not see it.
    pub async fn history<E: Audited>(
        &self,
        viewer: &Viewer,
        id: &str,
    ) -> Result<Vec<HistoryEntry>, StoreError> {
        E::find_visible(viewer, id)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound { entity: E::ENTITY })?;
        let events = event::Entity::find()
            .filter(event::Column::Entity.eq(E::ENTITY))
            .filter(event::Column::EntityId.eq(id))
            .filter(visible_events(viewer))
            .order_by_asc(event::Column::Seq)
            .all(&self.db)
            .await?;
        let mut entries = Vec::with_capacity(events.len());
        let mut before: Option<Value> = None;
        for e in events {
            let after = parse_payload(&e.payload);
            entries.push(HistoryEntry {
                seq: e.seq,
                at: e.at,
                actor_name: e.actor_name,
                actor_party: e.actor_party_id.map(|id| Ref { id, name: None }),
                action: e.action,
                changes: changes(before.as_ref(), &after),
            });
            before = Some(after);
        }
        entries.reverse();
        self.name_history(viewer, &mut entries).await?;
        Ok(entries)
    }

    /// Replaces ids in a history with the names the viewer may see.
    async fn name_history(
        &self,
        viewer: &Viewer,
        entries: &mut [HistoryEntry],
    ) -> Result<(), StoreError> {
        let mut ids: Vec<String> = Vec::new();
        for e in entries.iter() {
            ids.extend(e.actor_party.iter().map(|r| r.id.clone()));
            for c in e.changes.iter().filter(|c| refers(&c.field)) {
                for v in [&c.from, &c.to].into_iter().flatten() {
                    ids.extend(id_list(v));
                }
            }
        }
        let names = self.names(viewer, &ids).await?;
        let name = |v: &str| -> String {
            id_list(v)
                .iter()
                .map(|id| names.get(id).cloned().unwrap_or_else(|| id.clone()))
                .collect::<Vec<_>>()
                .join(", ")
        };
        for e in entries.iter_mut() {
            if let Some(p) = &mut e.actor_party {
                p.name = names.get(&p.id).cloned();
            }
            for c in e.changes.iter_mut().filter(|c| refers(&c.field)) {
                c.from = c.from.as_deref().map(name);
                c.to = c.to.as_deref().map(name);
            }
        }
        Ok(())
    }

    /// The events `viewer` may see, oldest first, after the sequence number `page.after`.
    #[crate::boxed]
    pub async fn events(
        &self,
        viewer: &Viewer,
        page: &Page,
    ) -> Result<Paged<EventView>, StoreError> {
        let size = page.size();
        let after: i64 = page
            .after
            .as_deref()
            .and_then(|a| a.parse().ok())
            .unwrap_or(0);
        let rows = event::Entity::find()
            .filter(event::Column::Seq.gt(after))
            .filter(visible_events(viewer))
            .order_by_asc(event::Column::Seq)
            .limit(size + 1)
            .all(&self.db)
            .await?;
        Ok(crate::page::finish(
            rows,
            size,
            |e| e.seq.to_string(),
            to_view,
        ))
    }

    /// The newest events `viewer` may see, newest first, for the home page.
    #[crate::boxed]
    pub async fn recent_events(
        &self,
        viewer: &Viewer,
        limit: u64,
    ) -> Result<Vec<EventView>, StoreError> {
        let rows = event::Entity::find()
            .filter(visible_events(viewer))
            .order_by_desc(event::Column::Seq)
            .limit(limit)
            .all(&self.db)
            .await?;
        Ok(rows.into_iter().map(to_view).collect())
    }

    /// Names of parties, organisations and people among `ids` that `viewer` may see.
    #[crate::boxed]
    pub async fn names(
        &self,
        viewer: &Viewer,
        ids: &[String],
    ) -> Result<HashMap<String, String>, StoreError> {
        let mut ids = ids.to_vec();
        ids.sort();
        ids.dedup();
        self.names_by_table(viewer, &std::array::from_fn(|_| ids.clone()))
            .await
    }
}

/// Fields whose values are ids of other records, one or a list.
fn refers(field: &str) -> bool {
    field.ends_with("_id") || field.ends_with("_ids") || field == "restricted_to"
}

/// The ids in a change's value: a JSON list (`["…","…"]`) as stored in `*_ids` columns, or ids joined by
/// commas.
fn id_list(v: &str) -> Vec<String> {
    if v.starts_with('[') {
        serde_json::from_str::<Vec<String>>(v).unwrap_or_default()
    } else {
        v.split(", ").map(str::to_owned).collect()
    }
}

/// The name a history shows for an event's record kind.
pub fn entity_label(entity: &str) -> &str {
    match entity {
        "api_token" => "API token",
        "membership" => "role",
        other => other,
    }
}
