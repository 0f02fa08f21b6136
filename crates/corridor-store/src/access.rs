//! Party and visibility in SQL: the filter every read adds, the access lists of restricted records, and the
//! `Audited` trait that ties an entity to its table, its event name and its visibility columns.

use crate::StoreError;
use crate::entity::{record_access, record_parties};
use corridor_core::ids::PersonId;
use corridor_core::{RecordMeta, Viewer, Visibility};
use sea_orm::sea_query::{Alias, Condition, Expr, ExprTrait, Query, SimpleExpr};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Select};
use serde::Serialize;

/// The visibility rule of `corridor_core::visibility::can_see`, as SQL over a row whose visibility columns
/// are `visibility` and `owner_party_id`, whose access list is found by `restricted` and whose third parties
/// are found by `granted`.
fn rule(
    viewer: &Viewer,
    col: impl Fn(&str) -> SimpleExpr,
    restricted: impl FnOnce(String) -> SimpleExpr,
    granted: impl FnOnce(String) -> SimpleExpr,
) -> Condition {
    match viewer {
        Viewer::System => Condition::all(),
        Viewer::Anonymous => Condition::all().add(col("visibility").eq("public")),
        Viewer::User(u) => {
            let shared = if u.member {
                Condition::all().add(col("visibility").eq("shared"))
            } else {
                Condition::all()
                    .add(col("visibility").eq("shared"))
                    .add(granted(u.party_id.to_string()))
            };
            Condition::any()
                .add(col("visibility").eq("public"))
                .add(shared)
                .add(
                    Condition::all()
                        .add(col("visibility").eq("party"))
                        .add(col("owner_party_id").eq(u.party_id.to_string())),
                )
                .add(
                    Condition::all()
                        .add(col("visibility").eq("restricted"))
                        .add(restricted(u.person_id.to_string())),
                )
        }
    }
}

/// The rows of `table` (records of kind `entity`) that `viewer` may see.
pub fn visible(viewer: &Viewer, table: &'static str, entity: &'static str) -> Condition {
    let col = |c: &str| Expr::col((Alias::new(table), Alias::new(c)));
    let listed = |list: &str, column: &str, who: String| {
        col("id").in_subquery(
            Query::select()
                .column("entity_id")
                .from(Alias::new(list))
                .and_where(Expr::col("entity").eq(entity))
                .and_where(Expr::col(Alias::new(column)).eq(who))
                .to_owned(),
        )
    };
    rule(
        viewer,
        col,
        |person| listed("record_access", "person_id", person),
        |party| listed("record_parties", "party_id", party),
    )
}

/// The events (under the alias `alias`) that `viewer` may see, judged by the record's state in each event. A
/// third party sees a shared record's events from the one that opened the record to it on.
pub fn visible_event(viewer: &Viewer, alias: &'static str) -> Condition {
    let col = |c: &str| Expr::col((Alias::new(alias), Alias::new(c)));
    let same_record = |list: &'static str| {
        Query::select()
            .expr(Expr::val(1))
            .from_as(Alias::new(list), Alias::new("acl"))
            .and_where(
                Expr::col(("acl", "entity")).equals((Alias::new(alias), Alias::new("entity"))),
            )
            .and_where(
                Expr::col(("acl", "entity_id"))
                    .equals((Alias::new(alias), Alias::new("entity_id"))),
            )
            .to_owned()
    };
    rule(
        viewer,
        col,
        |person| {
            Expr::exists(
                same_record("record_access")
                    .and_where(Expr::col(("acl", "person_id")).eq(person))
                    .to_owned(),
            )
        },
        |party| {
            Expr::exists(
                same_record("record_parties")
                    .and_where(Expr::col(("acl", "party_id")).eq(party))
                    .and_where(
                        Expr::col(("acl", "granted_seq"))
                            .lte(Expr::col((Alias::new(alias), Alias::new("seq")))),
                    )
                    .to_owned(),
            )
        },
    )
}

/// A table whose rows are records with an owner party, a visibility and an event history.
pub trait Audited: EntityTrait<Model: Serialize + Send + Sync> {
    /// The record kind in the event log and in access lists (`organisation`).
    const ENTITY: &'static str;
    /// The table (`organisations`).
    const TABLE: &'static str;
    /// Selects the row with this id.
    fn find_id(id: &str) -> Select<Self>;
    /// The row's id.
    fn id_of(m: &Self::Model) -> &str;
    /// The row's owner party, owner organisation and visibility.
    fn meta_of(m: &Self::Model) -> (&str, Option<&str>, &str);
    /// Every row in id order, for `verify`.
    fn all_by_id() -> Select<Self>;

    /// Selects the row with this id if `viewer` may see it.
    fn find_visible(viewer: &Viewer, id: &str) -> Select<Self> {
        Self::find_id(id).filter(visible(viewer, Self::TABLE, Self::ENTITY))
    }
}

macro_rules! audited {
    ($module:ident, $entity:literal, $table:literal) => {
        impl Audited for crate::entity::$module::Entity {
            const ENTITY: &'static str = $entity;
            const TABLE: &'static str = $table;
            fn find_id(id: &str) -> Select<Self> {
                Self::find().filter(crate::entity::$module::Column::Id.eq(id))
            }
            fn id_of(m: &Self::Model) -> &str {
                &m.id
            }
            fn meta_of(m: &Self::Model) -> (&str, Option<&str>, &str) {
                (
                    &m.owner_party_id,
                    m.owner_organisation_id.as_deref(),
                    &m.visibility,
                )
            }
            fn all_by_id() -> Select<Self> {
                Self::find().order_by_asc(crate::entity::$module::Column::Id)
            }
        }
    };
}

/// Every audited table, once: (entity module, record kind, table). `verify` walks the same list, so a table
/// cannot be audited without being verified.
macro_rules! audited_tables {
    ($then:ident) => {
        $then! {
            (party, "party", "parties"),
            (organisation, "organisation", "organisations"),
            (person, "person", "people"),
            (membership, "membership", "memberships"),
            (user, "user", "users"),
            (api_token, "api_token", "api_tokens"),
            (body, "body", "bodies"),
            (meeting, "meeting", "meetings"),
            (agenda_item, "agenda_item", "agenda_items"),
            (register_item, "register_item", "register_items"),
            (review, "review", "register_reviews"),
            (briefing_note, "briefing_note", "briefing_notes"),
            (minutes_entry, "minutes_entry", "minutes_entries"),
            (minutes_version, "minutes_version", "minutes_versions"),
            (minutes_redline, "minutes_redline", "minutes_redlines"),
            (minutes_signature, "minutes_signature", "minutes_signatures"),
            (delegate, "delegate", "delegates"),
            (instrument, "instrument", "instruments"),
            (instrument_version, "instrument_version", "instrument_versions"),
            (instrument_step, "instrument_step", "instrument_steps"),
            (consultation, "consultation", "consultations"),
            (consultation_response, "consultation_response", "consultation_responses"),
            (attachment, "attachment", "attachments"),
            (accession, "accession", "accessions"),
            (accession_decision, "accession_decision", "accession_decisions"),
            (project, "project", "projects"),
            (milestone, "milestone", "milestones"),
            (progress_update, "progress_update", "progress_updates"),
            (finance, "finance", "finance"),
            (risk, "risk", "risks"),
            (study, "study", "studies"),
            (study_expert, "study_expert", "study_experts"),
            (study_report, "study_report", "study_reports"),
            (recommendation, "recommendation", "recommendations"),
            (company, "company", "companies"),
            (exchange, "exchange", "exchanges"),
            (nomination, "nomination", "nominations"),
            (programme_item, "programme_item", "programme_items"),
            (matchmaking, "matchmaking", "matchmakings"),
            (business_mou, "business_mou", "business_mous"),
            (intention, "investment_intention", "investment_intentions"),
            (result_node, "result_node", "results"),
            (indicator, "indicator", "indicators"),
            (indicator_period, "indicator_period", "indicator_periods"),
            (actual, "actual", "actuals"),
            (news_item, "news_item", "news_items"),
            (news_approval, "news_approval", "news_approvals"),
        }
    };
}
pub(crate) use audited_tables;

macro_rules! audited_impls {
    ($(($module:ident, $entity:literal, $table:literal)),* $(,)?) => {
        $(audited!($module, $entity, $table);)*
    };
}

audited_tables!(audited_impls);

/// The people named on a record, sorted.
pub async fn restricted_to(
    conn: &impl ConnectionTrait,
    entity: &str,
    id: &str,
) -> Result<Vec<String>, StoreError> {
    Ok(record_access::Entity::find()
        .filter(record_access::Column::Entity.eq(entity))
        .filter(record_access::Column::EntityId.eq(id))
        .order_by_asc(record_access::Column::PersonId)
        .all(conn)
        .await?
        .into_iter()
        .map(|r| r.person_id)
        .collect())
}

/// A record that takes its parent's visibility (a review of an outcome, a response to a consultation, a file on
/// a step) names the parent's people too when restricted.
pub(crate) async fn inherit_restricted_to(
    conn: &impl ConnectionTrait,
    (parent_entity, parent_id): (&str, &str),
    (entity, id): (&str, &str),
) -> Result<(), StoreError> {
    let people: Vec<PersonId> = restricted_to(conn, parent_entity, parent_id)
        .await?
        .iter()
        .filter_map(|p| p.parse().ok())
        .collect();
    set_restricted_to(conn, entity, id, &people).await
}

/// The third parties a record reaches, sorted.
pub async fn shared_with(
    conn: &impl ConnectionTrait,
    entity: &str,
    id: &str,
) -> Result<Vec<String>, StoreError> {
    Ok(record_parties::Entity::find()
        .filter(record_parties::Column::Entity.eq(entity))
        .filter(record_parties::Column::EntityId.eq(id))
        .order_by_asc(record_parties::Column::PartyId)
        .all(conn)
        .await?
        .into_iter()
        .map(|r| r.party_id)
        .collect())
}

/// Opens a record to third parties, whose members see it (when shared) and its events from `from_seq` on.
/// A party the record already reaches keeps its earlier grant.
pub(crate) async fn grant_parties(
    conn: &impl ConnectionTrait,
    (entity, id): (&str, &str),
    parties: &[String],
    from_seq: i64,
) -> Result<(), StoreError> {
    let already = shared_with(conn, entity, id).await?;
    let rows: Vec<_> = parties
        .iter()
        .filter(|p| !already.contains(p))
        .map(|p| record_parties::ActiveModel {
            entity: sea_orm::Set(entity.to_owned()),
            entity_id: sea_orm::Set(id.to_owned()),
            party_id: sea_orm::Set(p.clone()),
            granted_seq: sea_orm::Set(from_seq),
        })
        .collect();
    if rows.is_empty() {
        return Ok(());
    }
    record_parties::Entity::insert_many(rows)
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

/// A record that belongs to another (a version of an instrument, a file on a step) reaches the third parties
/// its parent reaches, from its first event on.
pub(crate) async fn inherit_parties(
    tx: &crate::audit::WriteTx,
    (parent_entity, parent_id): (&str, &str),
    (entity, id): (&str, &str),
) -> Result<(), StoreError> {
    let parties = shared_with(&tx.txn, parent_entity, parent_id).await?;
    grant_parties(&tx.txn, (entity, id), &parties, tx.next_seq()).await
}

/// Replaces the people named on a record.
pub(crate) async fn set_restricted_to(
    conn: &impl ConnectionTrait,
    entity: &str,
    id: &str,
    people: &[PersonId],
) -> Result<(), StoreError> {
    record_access::Entity::delete_many()
        .filter(record_access::Column::Entity.eq(entity))
        .filter(record_access::Column::EntityId.eq(id))
        .exec(conn)
        .await?;
    if people.is_empty() {
        return Ok(());
    }
    let rows = people.iter().map(|p| record_access::ActiveModel {
        entity: sea_orm::Set(entity.to_owned()),
        entity_id: sea_orm::Set(id.to_owned()),
        person_id: sea_orm::Set(p.to_string()),
    });
    record_access::Entity::insert_many(rows)
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

/// The rules' view of a stored record, for the rules of editing (which third parties it reaches does not
/// matter to them).
pub(crate) fn meta(
    owner_party: &str,
    owner_org: Option<&str>,
    visibility: &str,
    restricted: &[String],
) -> Result<RecordMeta, StoreError> {
    let bad = |what: &str| {
        StoreError::Database(sea_orm::DbErr::Custom(format!(
            "stored {what} is malformed"
        )))
    };
    Ok(RecordMeta {
        owner_party: owner_party.parse().map_err(|_| bad("owner party"))?,
        owner_organisation: owner_org
            .map(str::parse)
            .transpose()
            .map_err(|_| bad("owner organisation"))?,
        visibility: visibility
            .parse::<Visibility>()
            .map_err(|_| bad("visibility"))?,
        restricted_to: restricted.iter().filter_map(|p| p.parse().ok()).collect(),
        shared_with: vec![],
    })
}
