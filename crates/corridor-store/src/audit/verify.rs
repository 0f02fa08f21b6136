//! `corridor verify`: walks the whole chain recomputing every hash, then checks that every current row equals
//! the state recorded in its last event. A change made behind the application's back breaks one or the other.

use super::payload_of;
use crate::access::Audited;
use crate::entity::{chain_head, event, record_access, record_parties};
use crate::{Store, StoreError};
use corridor_core::audit::{EventBody, GENESIS_HASH, canonical_json, event_hash};
use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait, QueryOrder};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::fmt;

/// One thing `verify` found wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// An event's hash, link or sequence number does not hold: the log was edited.
    BrokenChain {
        /// The first event that fails.
        seq: i64,
        /// Its record kind and id.
        entity: String,
        /// Its record id.
        entity_id: String,
        /// Which check failed.
        reason: String,
    },
    /// A row differs from the state its last event recorded: the row was edited.
    RowChanged {
        /// Record kind.
        entity: &'static str,
        /// Record id.
        id: String,
        /// Its name as the row now holds it.
        name: String,
        /// The event it should equal.
        last_seq: i64,
    },
    /// A row has no event at all: it was inserted behind the application's back.
    RowWithoutEvent {
        /// Record kind.
        entity: &'static str,
        /// Record id.
        id: String,
    },
    /// The log says a record exists but its row is gone: it was deleted behind the application's back.
    RowMissing {
        /// Record kind.
        entity: String,
        /// Record id.
        id: String,
        /// Its last event.
        last_seq: i64,
    },
    /// A stored file's content no longer has the SHA-256 it is addressed by.
    FileChanged {
        /// The address.
        sha256: String,
    },
    /// The chain head does not point at the last event.
    HeadMismatch {
        /// What the head says.
        head_seq: i64,
        /// The last event found.
        last_seq: i64,
    },
}

impl Problem {
    /// The sequence number the problem is anchored to, for ordering reports.
    pub fn seq(&self) -> i64 {
        match self {
            Problem::BrokenChain { seq, .. } => *seq,
            Problem::RowChanged { last_seq, .. } | Problem::RowMissing { last_seq, .. } => {
                *last_seq
            }
            Problem::RowWithoutEvent { .. } | Problem::FileChanged { .. } => i64::MAX,
            Problem::HeadMismatch { head_seq, .. } => *head_seq,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::BrokenChain {
                seq,
                entity,
                entity_id,
                reason,
            } => {
                write!(f, "event {seq} ({entity} {entity_id}): {reason}")
            }
            Problem::RowChanged {
                entity,
                id,
                name,
                last_seq,
            } => write!(
                f,
                "{entity} “{name}” ({id}) differs from its last recorded state (event {last_seq}): the row was changed outside corridor"
            ),
            Problem::FileChanged { sha256 } => write!(
                f,
                "the attached file {sha256} no longer has that content: it was changed outside corridor"
            ),
            Problem::RowWithoutEvent { entity, id } => {
                write!(
                    f,
                    "{entity} {id} has no event: the row was inserted outside corridor"
                )
            }
            Problem::RowMissing {
                entity,
                id,
                last_seq,
            } => write!(
                f,
                "{entity} {id} is recorded (last event {last_seq}) but its row is gone: it was deleted outside corridor"
            ),
            Problem::HeadMismatch { head_seq, last_seq } => write!(
                f,
                "the chain head says event {head_seq} is the last, but the log ends at {last_seq}"
            ),
        }
    }
}

/// What `verify` checked and found.
#[derive(Clone, Debug, Default)]
pub struct VerifyReport {
    /// Events checked.
    pub events: i64,
    /// Records compared with their last event.
    pub records: usize,
    /// Problems, first broken sequence number first.
    pub problems: Vec<Problem>,
}

/// The last event of each record: its sequence number, action and the digest of its payload.
type LastEvents = HashMap<(String, String), (i64, String, [u8; 32])>;

impl Store {
    /// Checks the chain and every current row. Reads only.
    #[crate::boxed]
    pub async fn verify(&self) -> Result<VerifyReport, StoreError> {
        let mut report = VerifyReport::default();
        let last = self.verify_chain(&mut report).await?;
        let access = load_access(&self.db).await?;
        let mut seen = HashMap::new();
        macro_rules! compare_all {
            ($(($module:ident, $entity:literal, $table:literal)),* $(,)?) => {
                $(compare::<crate::entity::$module::Entity>(&self.db, &last, &access, &mut seen, &mut report).await?;)*
            };
        }
        crate::access::audited_tables!(compare_all);
        for ((entity, id), (seq, action, _)) in &last {
            if action != "deleted" && !seen.contains_key(&(entity.clone(), id.clone())) {
                report.problems.push(Problem::RowMissing {
                    entity: entity.clone(),
                    id: id.clone(),
                    last_seq: *seq,
                });
            }
        }
        self.verify_files(&mut report).await?;
        report.problems.sort_by_key(Problem::seq);
        Ok(report)
    }

    /// Every stored file must still hash to its address.
    async fn verify_files(&self, report: &mut VerifyReport) -> Result<(), StoreError> {
        use sea_orm::{EntityTrait, QuerySelect};
        let addresses: Vec<String> = crate::entity::file::Entity::find()
            .select_only()
            .column(crate::entity::file::Column::Sha256)
            .into_tuple()
            .all(&self.db)
            .await?;
        for sha in addresses {
            let Some(f) = crate::entity::file::Entity::find_by_id(sha.clone())
                .one(&self.db)
                .await?
            else {
                continue;
            };
            if hex::encode(Sha256::digest(&f.content)) != sha {
                report.problems.push(Problem::FileChanged { sha256: sha });
            }
        }
        Ok(())
    }

    async fn verify_chain(&self, report: &mut VerifyReport) -> Result<LastEvents, StoreError> {
        let mut last: LastEvents = HashMap::new();
        let mut prev = GENESIS_HASH.to_owned();
        let mut expected_seq = 1;
        let mut pages = event::Entity::find()
            .order_by_asc(event::Column::Seq)
            .paginate(&self.db, 2_000);
        let mut broken = false;
        while let Some(events) = pages.fetch_and_next().await? {
            for e in events {
                report.events += 1;
                let body = EventBody {
                    seq: e.seq,
                    id: &e.id,
                    at: &e.at,
                    actor: &e.actor,
                    actor_name: &e.actor_name,
                    actor_party: e.actor_party_id.as_deref(),
                    entity: &e.entity,
                    entity_id: &e.entity_id,
                    action: &e.action,
                    owner_party: e.owner_party_id.as_deref(),
                    visibility: &e.visibility,
                    payload: &e.payload,
                };
                let reason = if e.seq != expected_seq {
                    Some(format!(
                        "sequence number {} where {expected_seq} was expected",
                        e.seq
                    ))
                } else if e.prev_hash != prev {
                    Some("its previous hash does not match the event before it".to_owned())
                } else if event_hash(&e.prev_hash, &body) != e.hash {
                    Some("its content does not match its hash".to_owned())
                } else {
                    None
                };
                if let (Some(reason), false) = (reason, broken) {
                    // After the first break every later hash is suspect; one report names where it starts.
                    broken = true;
                    report.problems.push(Problem::BrokenChain {
                        seq: e.seq,
                        entity: e.entity.clone(),
                        entity_id: e.entity_id.clone(),
                        reason,
                    });
                }
                let digest = Sha256::digest(e.payload.as_bytes()).into();
                last.insert((e.entity, e.entity_id), (e.seq, e.action, digest));
                prev = e.hash;
                expected_seq += 1;
            }
        }
        let head = chain_head::Entity::find_by_id(1).one(&self.db).await?;
        let head_seq = head.map(|h| h.seq).unwrap_or(-1);
        if head_seq != report.events {
            report.problems.push(Problem::HeadMismatch {
                head_seq,
                last_seq: report.events,
            });
        }
        Ok(last)
    }
}

/// Who each record reaches beyond its visibility: the people named on it and the third parties it was opened to.
#[derive(Default)]
struct AccessLists {
    people: HashMap<(String, String), Vec<String>>,
    parties: HashMap<(String, String), Vec<String>>,
}

async fn load_access(conn: &impl ConnectionTrait) -> Result<AccessLists, StoreError> {
    let mut lists = AccessLists::default();
    let rows = record_access::Entity::find()
        .order_by_asc(record_access::Column::PersonId)
        .all(conn)
        .await?;
    for r in rows {
        lists
            .people
            .entry((r.entity, r.entity_id))
            .or_default()
            .push(r.person_id);
    }
    let rows = record_parties::Entity::find()
        .order_by_asc(record_parties::Column::PartyId)
        .all(conn)
        .await?;
    for r in rows {
        lists
            .parties
            .entry((r.entity, r.entity_id))
            .or_default()
            .push(r.party_id);
    }
    Ok(lists)
}

async fn compare<E: Audited>(
    conn: &impl ConnectionTrait,
    last: &LastEvents,
    access: &AccessLists,
    seen: &mut HashMap<(String, String), ()>,
    report: &mut VerifyReport,
) -> Result<(), StoreError> {
    let mut pages = E::all_by_id().paginate(conn, 2_000);
    while let Some(rows) = pages.fetch_and_next().await? {
        for row in rows {
            report.records += 1;
            let key = (E::ENTITY.to_owned(), E::id_of(&row).to_owned());
            let people = access.people.get(&key).cloned().unwrap_or_default();
            let parties = access.parties.get(&key).cloned().unwrap_or_default();
            let payload = payload_of::<E>(&row, people, parties);
            let digest: [u8; 32] = Sha256::digest(canonical_json(&payload).as_bytes()).into();
            let matches_before_migration = |recorded: &[u8; 32]| {
                before_added_columns(E::ENTITY, &payload).is_some_and(|older| {
                    let d: [u8; 32] = Sha256::digest(canonical_json(&older).as_bytes()).into();
                    d == *recorded
                })
            };
            match last.get(&key) {
                None => report.problems.push(Problem::RowWithoutEvent {
                    entity: E::ENTITY,
                    id: key.1.clone(),
                }),
                Some((seq, _, recorded))
                    if *recorded != digest && !matches_before_migration(recorded) =>
                {
                    report.problems.push(Problem::RowChanged {
                        entity: E::ENTITY,
                        id: key.1.clone(),
                        name: display_name(&payload),
                        last_seq: *seq,
                    })
                }
                Some(_) => {}
            }
            seen.insert(key, ());
        }
    }
    Ok(())
}

/// Columns later migrations added, with the value every existing row received. A record last changed before
/// its column existed was logged without it; it still matches when the column holds exactly that value, so
/// upgrading never looks like tampering, while any other value in the new column still does.
const ADDED_COLUMNS: &[(&str, &str, Option<&str>)] = &[
    ("body", "member_ids", Some("[]")),
    ("agenda_item", "translations", Some("{}")),
    ("minutes_entry", "translations", Some("{}")),
    ("register_item", "translations", Some("{}")),
    ("minutes_redline", "language", Some("en")),
    ("user", "time_zone", None),
    ("agenda_item", "links", Some("[]")),
    ("register_item", "links", Some("[]")),
    ("party", "standing", Some("member")),
];

/// The payload as it was logged before the columns added to `entity` existed, when they hold their defaults.
fn before_added_columns(entity: &str, payload: &serde_json::Value) -> Option<serde_json::Value> {
    let mut older = payload.clone();
    let map = older.as_object_mut()?;
    let mut removed = false;
    for (e, column, default) in ADDED_COLUMNS {
        let default = default.map_or(serde_json::Value::Null, |d| d.into());
        if *e == entity && map.get(*column) == Some(&default) {
            map.remove(*column);
            removed = true;
        }
    }
    removed.then_some(older)
}

/// The name a person would recognise a record by.
fn display_name(payload: &serde_json::Value) -> String {
    ["name", "full_name", "username", "role"]
        .iter()
        .find_map(|k| payload.get(*k).and_then(|v| v.as_str()))
        .unwrap_or("")
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::before_added_columns;
    use serde_json::json;

    #[test]
    fn a_row_from_before_a_migration_matches_only_with_the_default_in_the_new_column() {
        let logged = json!({"id": "a1", "title": "Framework Agreement"});
        let upgraded = json!({"id": "a1", "title": "Framework Agreement", "translations": "{}"});
        assert_eq!(before_added_columns("agenda_item", &upgraded), Some(logged));
        let tampered =
            json!({"id": "a1", "title": "Framework Agreement", "translations": "{\"zh\":\"x\"}"});
        assert_eq!(before_added_columns("agenda_item", &tampered), None);
        assert_eq!(
            before_added_columns("party", &upgraded),
            None,
            "only the tables the migration touched"
        );
    }
}
