//! Alerts that come from the calendar rather than from a change: an outcome or a milestone due in a week or
//! tomorrow, one that became overdue, a meeting in a week or tomorrow, a consultation closing in three days
//! or tomorrow. The job runs once a day: a node runs it only by moving `scheduler_runs.ran_on` forward in
//! its transaction, so several nodes run it once, and after a restart it catches up on the days it missed
//! (at most a week back). Each alert's key names the record and its date, so nothing is alerted twice.

use super::batch::{Accounts, Alert, Batch, followers_of, people_of};
use crate::entity::{
    alert, consultation, meeting, milestone, record_access, record_parties, register_item,
    scheduler_run,
};
use crate::{Store, StoreError};
use corridor_core::alert::{Change, concern};
use corridor_core::visibility::{RecordMeta, Visibility};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QuerySelect, Set, TransactionTrait,
};
use serde::Serialize;
use time::{Date, Duration};

/// The job's name in `scheduler_runs`.
const DAILY: &str = "daily";

/// How far back a job that missed days catches up.
const CATCH_UP_DAYS: i64 = 7;

/// What one run of the daily job did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Scheduled {
    /// Whether this call ran the job (false: it already ran today, here or on another node).
    pub ran: bool,
    /// Notifications written.
    pub notifications: usize,
    /// Instant e-mails queued.
    pub emails: usize,
}

/// A record with a date that concerns someone today.
struct Dated {
    entity: &'static str,
    id: String,
    payload: serde_json::Value,
    owner_party: String,
    visibility: String,
    trigger: &'static str,
    on: Date,
    step: String,
}

fn dated<M: Serialize>(
    entity: &'static str,
    m: &M,
    (id, owner, vis): (&str, &str, &str),
    trigger: &'static str,
    on: Date,
    step: String,
) -> Dated {
    Dated {
        entity,
        id: id.to_owned(),
        payload: serde_json::to_value(m).unwrap_or_default(),
        owner_party: owner.to_owned(),
        visibility: vis.to_owned(),
        trigger,
        on,
        step,
    }
}

/// For each day `d` the job covers, the dates that are "in `n` days" from it.
fn ahead(days: &[Date], n: i64) -> Vec<Date> {
    days.iter().map(|d| *d + Duration::days(n)).collect()
}

fn overdue_dates(days: &[Date]) -> Vec<Date> {
    days.iter().map(|d| *d - Duration::days(1)).collect()
}

/// Claims today's run; answers the days it covers (those since the last run, at most a week), or none.
async fn claim(txn: &DatabaseTransaction, today: Date) -> Result<Vec<Date>, StoreError> {
    scheduler_run::Entity::insert(scheduler_run::ActiveModel {
        name: Set(DAILY.to_owned()),
        ran_on: Set(today - Duration::days(1)),
    })
    .on_conflict_do_nothing_on([scheduler_run::Column::Name])
    .exec(txn)
    .await?;
    let Some(last) = scheduler_run::Entity::find_by_id(DAILY.to_owned())
        .one(txn)
        .await?
        .map(|r| r.ran_on)
    else {
        return Ok(Vec::new());
    };
    let moved = scheduler_run::Entity::update_many()
        .col_expr(scheduler_run::Column::RanOn, Expr::value(today))
        .filter(scheduler_run::Column::Name.eq(DAILY))
        .filter(scheduler_run::Column::RanOn.eq(last))
        .filter(scheduler_run::Column::RanOn.lt(today))
        .exec(txn)
        .await?;
    if moved.rows_affected == 0 {
        return Ok(Vec::new());
    }
    let first = (last + Duration::days(1)).max(today - Duration::days(CATCH_UP_DAYS - 1));
    let mut days = Vec::new();
    let mut d = first;
    while d <= today {
        days.push(d);
        d += Duration::days(1);
    }
    Ok(days)
}

fn in_days(n: i64) -> String {
    if n == 1 {
        "tomorrow".to_owned()
    } else {
        format!("in {n} days")
    }
}

/// Outcomes and milestones due soon or just overdue, then what `coming` finds.
async fn due(txn: &DatabaseTransaction, days: &[Date]) -> Result<Vec<Dated>, StoreError> {
    let mut out = Vec::new();
    for (n, trigger) in [(7, "due_in_7"), (1, "due_in_1"), (-1, "overdue")] {
        let dates = if n > 0 {
            ahead(days, n)
        } else {
            overdue_dates(days)
        };
        for i in register_item::Entity::find()
            .filter(register_item::Column::Status.is_in(["open", "in_progress"]))
            .filter(register_item::Column::DueOn.is_in(dates.clone()))
            .all(txn)
            .await?
        {
            let on = i.due_on.unwrap_or(days[0]);
            let step = if n > 0 {
                format!("due {} ({on})", in_days(n))
            } else {
                format!("overdue: it was due on {on}")
            };
            out.push(dated(
                "register_item",
                &i,
                (&i.id, &i.owner_party_id, &i.visibility),
                trigger,
                on,
                step,
            ));
        }
        for m in milestone::Entity::find()
            .filter(milestone::Column::Status.eq("scheduled"))
            .filter(
                sea_orm::Condition::any()
                    .add(milestone::Column::ForecastOn.is_in(dates.clone()))
                    .add(
                        sea_orm::Condition::all()
                            .add(milestone::Column::ForecastOn.is_null())
                            .add(milestone::Column::PlannedOn.is_in(dates.clone())),
                    ),
            )
            .all(txn)
            .await?
        {
            let Some(on) = m.forecast_on.or(m.planned_on) else {
                continue;
            };
            let step = if n > 0 {
                format!("due {} ({on})", in_days(n))
            } else {
                format!("overdue: it was due on {on}")
            };
            out.push(dated(
                "milestone",
                &m,
                (&m.id, &m.owner_party_id, &m.visibility),
                trigger,
                on,
                step,
            ));
        }
    }
    out.extend(coming(txn, days).await?);
    Ok(out)
}

/// Meetings in a week or tomorrow, consultations closing in three days or tomorrow.
async fn coming(txn: &DatabaseTransaction, days: &[Date]) -> Result<Vec<Dated>, StoreError> {
    let mut out = Vec::new();
    for (n, trigger) in [(7, "meeting_in_7"), (1, "meeting_in_1")] {
        for d in ahead(days, n) {
            let (from, to) = (
                d.midnight().assume_utc(),
                (d + Duration::days(1)).midnight().assume_utc(),
            );
            for m in meeting::Entity::find()
                .filter(meeting::Column::State.is_not_in([
                    "concluded",
                    "minutes_signed",
                    "cancelled",
                ]))
                .filter(meeting::Column::StartsAt.gte(from))
                .filter(meeting::Column::StartsAt.lt(to))
                .all(txn)
                .await?
            {
                let step = format!("meets {} ({d})", in_days(n));
                out.push(dated(
                    "meeting",
                    &m,
                    (&m.id, &m.owner_party_id, &m.visibility),
                    trigger,
                    d,
                    step,
                ));
            }
        }
    }
    for (n, trigger) in [(3, "closing_in_3"), (1, "closing_in_1")] {
        for c in consultation::Entity::find()
            .filter(consultation::Column::Deadline.is_in(ahead(days, n)))
            .all(txn)
            .await?
        {
            let step = format!("closes for responses {} ({})", in_days(n), c.deadline);
            out.push(dated(
                "consultation",
                &c,
                (&c.id, &c.owner_party_id, &c.visibility),
                trigger,
                c.deadline,
                step,
            ));
        }
    }
    Ok(out)
}

/// Who may see a record now: its reach, the people on it when restricted, the third parties it was shared with.
async fn meta_now(txn: &DatabaseTransaction, d: &Dated) -> Result<RecordMeta, StoreError> {
    let restricted_to = record_access::Entity::find()
        .filter(record_access::Column::Entity.eq(d.entity))
        .filter(record_access::Column::EntityId.eq(d.id.as_str()))
        .all(txn)
        .await?
        .into_iter()
        .filter_map(|r| r.person_id.parse().ok())
        .collect();
    let shared_with = record_parties::Entity::find()
        .filter(record_parties::Column::Entity.eq(d.entity))
        .filter(record_parties::Column::EntityId.eq(d.id.as_str()))
        .all(txn)
        .await?
        .into_iter()
        .filter_map(|r| r.party_id.parse().ok())
        .collect();
    Ok(RecordMeta {
        owner_party: d.owner_party.parse().unwrap_or_default(),
        owner_organisation: None,
        visibility: d.visibility.parse().unwrap_or(Visibility::Restricted),
        restricted_to,
        shared_with,
    })
}

impl Store {
    /// Runs the daily job for `today` if no node has yet: writes the notifications of dates coming or gone
    /// and the instant e-mails, in one transaction with the claim.
    #[crate::boxed]
    pub async fn scheduled_alerts(&self, today: Date) -> Result<Scheduled, StoreError> {
        let txn = self.db.begin().await?;
        let days = claim(&txn, today).await?;
        if days.is_empty() {
            txn.rollback().await?;
            return Ok(Scheduled::default());
        }
        let records = due(&txn, &days).await?;
        let concerns: Vec<_> = records
            .iter()
            .map(|d| concern(d.entity, &d.id, &d.payload))
            .collect();
        let mut targets: Vec<String> = concerns
            .iter()
            .flatten()
            .flat_map(|c| c.targets.iter().cloned())
            .collect();
        targets.sort();
        targets.dedup();
        let followers = followers_of(&txn, &targets).await?;
        let accounts = Accounts::load(&txn, &people_of(&followers, std::iter::empty())).await?;
        let now = corridor_core::now();
        let keys: Vec<String> = records
            .iter()
            .map(|d| format!("{}:{}:{}", d.trigger, d.id, d.on))
            .collect();
        // A key already alerted (a job re-run by hand, a clock set back) is not alerted again.
        let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
        for chunk in keys.chunks(500) {
            seen.extend(
                alert::Entity::find()
                    .select_only()
                    .column(alert::Column::Key)
                    .filter(alert::Column::Key.is_in(chunk.to_vec()))
                    .into_tuple::<String>()
                    .all(&txn)
                    .await?,
            );
        }
        let hooks = super::webhooks::hooks_on(&txn).await?;
        let mut batch = Batch::default();
        for ((d, c), key) in records.iter().zip(&concerns).zip(keys) {
            let Some(c) = c else { continue };
            if !seen.insert(key.clone()) {
                continue;
            }
            let change = Change {
                step: d.step.clone(),
                details: Vec::new(),
            };
            let alert = Alert {
                key,
                event_seq: None,
                entity: d.entity,
                entity_id: &d.id,
                concern: c,
                change: &change,
                author: None,
            };
            let meta = meta_now(&txn, d).await?;
            batch.notify(&accounts, &followers, &hooks, &alert, &meta, now);
        }
        let done = Scheduled {
            ran: true,
            notifications: batch.notes.len(),
            emails: batch.mails.len(),
        };
        batch.write(&txn).await?;
        txn.commit().await?;
        Ok(done)
    }
}
