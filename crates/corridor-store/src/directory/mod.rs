//! The directory's operations: parties, organisations, people, memberships, accounts, sessions and tokens.
//! This module holds what they share: who owns a new record, access lists, edit checks, and names.

mod account;
mod credential;
mod membership;
mod names;
mod organisation;
mod party;
mod person;
mod sheet;

pub(crate) use account::{actor_from, random_hex, sha256_hex};
pub use credential::SessionStart;
pub use membership::MembershipFilter;
pub(crate) use names::PartyNames;
pub use names::{Choice, DirectoryCounts};
pub use organisation::OrganisationFilter;
pub use person::PersonFilter;

use crate::access::{Audited, meta, restricted_to, set_restricted_to};
use crate::audit::WriteTx;
use crate::entity;
use crate::{Store, StoreError};
use corridor_core::ids::PartyId;
use corridor_core::input::Access;
use corridor_core::view::{AccessView, Ref};
use corridor_core::visibility::{can_create, can_edit};
use corridor_core::{Actor, Viewer, Visibility};
use sea_orm::ConnectionTrait;
use sea_orm::sea_query::ExprTrait;

/// The owner of a record being created: the actor's party and organisation, or for the system the record's
/// natural party (an organisation's or person's own party).
pub(crate) struct Owner {
    pub party: String,
    pub organisation: Option<String>,
}

impl Owner {
    pub(crate) fn for_new(actor: &Actor, natural_party: PartyId) -> Result<Owner, StoreError> {
        match actor {
            Actor::System => Ok(Owner {
                party: natural_party.to_string(),
                organisation: None,
            }),
            Actor::User(u) => {
                can_create(actor, u.organisation_id)?;
                Ok(Owner {
                    party: u.party_id.to_string(),
                    organisation: u.organisation_id.map(|o| o.to_string()),
                })
            }
        }
    }
}

/// Loads a record the actor is about to change: not found when invisible, refused when not theirs.
pub(crate) async fn editable<E: Audited>(tx: &WriteTx, id: &str) -> Result<E::Model, StoreError> {
    let actor = tx.actor();
    let model = E::find_visible(&actor.viewer(), id)
        .one(&tx.txn)
        .await?
        .ok_or(StoreError::NotFound { entity: E::ENTITY })?;
    let (owner, org, vis) = E::meta_of(&model);
    let people = restricted_to(&tx.txn, E::ENTITY, id).await?;
    can_edit(actor, &meta(owner, org, vis, &people)?)?;
    Ok(model)
}

/// Refuses an edit made from an older version than the stored one.
pub(crate) fn check_version(
    entity: &str,
    expected: Option<i64>,
    stored: i64,
) -> Result<(), StoreError> {
    match expected {
        Some(v) if v != stored => Err(StoreError::Conflict {
            field: Some("version".into()),
            message: format!(
                "this {entity} was changed by someone else since version {v} (it is now version {stored}); \
                 reload it and make your change again"
            ),
        }),
        _ => Ok(()),
    }
}

/// Checks that a referenced record exists and is visible to the actor; the message never says which.
pub(crate) async fn require_visible<E: Audited>(
    conn: &impl ConnectionTrait,
    viewer: &Viewer,
    id: &str,
    field: &str,
) -> Result<E::Model, StoreError> {
    E::find_visible(viewer, id).one(conn).await?.ok_or_else(|| {
        StoreError::invalid(field, format!("there is no {} with id {id}", E::ENTITY))
    })
}

/// Stores who may see a record; the author is always among the people named on a restricted record.
/// `was_restricted` says whether the record had an access list to clear; other records have none.
pub(crate) async fn store_access(
    tx: &WriteTx,
    entity: &str,
    id: &str,
    access: &Access,
    was_restricted: bool,
) -> Result<(), StoreError> {
    if access.visibility != Visibility::Restricted && !was_restricted {
        return Ok(());
    }
    let viewer = tx.actor().viewer();
    let mut people = access.restricted_to.clone();
    for p in &people {
        require_visible::<entity::person::Entity>(
            &tx.txn,
            &viewer,
            &p.to_string(),
            "restricted_to",
        )
        .await?;
    }
    if access.visibility == Visibility::Restricted {
        if let Some(u) = tx.actor().user()
            && !people.contains(&u.person_id)
        {
            people.push(u.person_id);
        }
        if people.is_empty() {
            return Err(StoreError::invalid(
                "restricted_to",
                "a restricted record must name at least one person",
            ));
        }
    } else {
        people.clear();
    }
    set_restricted_to(&tx.txn, entity, id, &people).await
}

/// The access part of a view, with the viewer's right to edit; names are filled in later by `fill_names`.
pub(crate) async fn access_view<E: Audited>(
    conn: &impl ConnectionTrait,
    viewer: &Viewer,
    model: &E::Model,
    version: i64,
    created_at: time::OffsetDateTime,
    updated_at: time::OffsetDateTime,
) -> Result<AccessView, StoreError> {
    let (owner, org, vis) = E::meta_of(model);
    let people = if vis == "restricted" {
        restricted_to(conn, E::ENTITY, E::id_of(model)).await?
    } else {
        vec![]
    };
    let m = meta(owner, org, vis, &people)?;
    let can = match viewer {
        Viewer::Anonymous => false,
        Viewer::System => true,
        Viewer::User(u) => can_edit(&Actor::User(u.clone()), &m).is_ok(),
    };
    Ok(AccessView {
        owner_party: unnamed(owner),
        visibility: vis.to_owned(),
        restricted_to: people.iter().map(|p| unnamed(p)).collect(),
        version,
        created_at: corridor_core::dates::format_rfc3339(created_at),
        updated_at: corridor_core::dates::format_rfc3339(updated_at),
        can_edit: can,
    })
}

/// A reference whose name is still to be filled in.
pub(crate) fn unnamed(id: &str) -> Ref {
    Ref {
        id: id.to_owned(),
        name: None,
    }
}

/// The table a reference points into.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Table {
    Parties,
    Organisations,
    People,
    Bodies,
    Meetings,
    Instruments,
    Projects,
    Companies,
    Exchanges,
}

/// How many tables `Table` names.
pub(crate) const TABLES: usize = 9;

/// Views whose references get names in one batch.
pub(crate) trait Named {
    fn refs(&mut self) -> Vec<(Table, &mut Ref)>;
}

impl Store {
    /// Fills the names of every reference in `views` that the viewer may see.
    pub(crate) async fn fill_names<V: Named>(
        &self,
        viewer: &Viewer,
        views: &mut [V],
    ) -> Result<(), StoreError> {
        let mut ids: [Vec<String>; TABLES] = Default::default();
        for v in views.iter_mut() {
            for (table, r) in v.refs() {
                ids[table as usize].push(r.id.clone());
            }
        }
        for list in &mut ids {
            list.sort();
            list.dedup();
        }
        let names = self.names_by_table(viewer, &ids).await?;
        for v in views.iter_mut() {
            for (_, r) in v.refs() {
                r.name = names.get(&r.id).cloned();
            }
        }
        Ok(())
    }
}

/// A reference left to a foreign key: the input field, the table, the record kind and the id.
pub(crate) type Reference = (&'static str, &'static str, &'static str, String);

/// The party reference of a record: parties are always public, so existing is being visible and the foreign
/// key is the whole check.
pub(crate) fn party_ref(party: corridor_core::ids::PartyId) -> Reference {
    ("party_id", "parties", "party", party.to_string())
}

impl Store {
    /// Turns a foreign-key failure of `result` into an error naming the field whose record is missing. Only
    /// a failure pays for the look-ups; they run outside the failed transaction.
    pub(crate) async fn name_missing<T>(
        &self,
        result: Result<T, impl Into<StoreError>>,
        refs: &[Reference],
    ) -> Result<T, StoreError> {
        match result.map_err(Into::into) {
            Err(StoreError::MissingReference) => {
                for (field, table, entity, id) in refs {
                    let probe = sea_orm::sea_query::Query::select()
                        .expr(sea_orm::sea_query::Expr::val(1))
                        .from(sea_orm::sea_query::Alias::new(*table))
                        .and_where(sea_orm::sea_query::Expr::col("id").eq(id.as_str()))
                        .to_owned();
                    if self.db.query_one(&probe).await?.is_none() {
                        return Err(StoreError::invalid(
                            field,
                            format!("there is no {entity} with id {id}"),
                        ));
                    }
                }
                Err(StoreError::invalid(
                    "input",
                    "refers to a record that does not exist",
                ))
            }
            other => other,
        }
    }
}

/// Parses an id from a path or filter; anything malformed is simply not found.
pub(crate) fn parse_id<T: std::str::FromStr>(
    entity: &'static str,
    raw: &str,
) -> Result<T, StoreError> {
    raw.parse().map_err(|_| StoreError::NotFound { entity })
}
