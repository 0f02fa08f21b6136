//! A period's life: the indicator's owner sets targets; each member side reports its own actuals, from which
//! the period keeps each side's headline figure and whether they agree; one officer of each side validates
//! the same figure, which becomes the agreed one; a validated period can be locked, and is unlocked only with
//! a reason, which stays in its history.

use super::reconciliation_word;
use crate::access::{Audited, visible};
use crate::audit::WriteTx;
use crate::directory::Owner;
use crate::entity::{actual, indicator, indicator_period, party};
use crate::meeting::user_owner;
use crate::{Store, StoreError};
use corridor_core::ids::ActualId;
use corridor_core::results::values::{
    ActualInput, Confirmation, NewFigure, Reconciliation, TargetInput, Value, check_confirmation,
    parse_value, reconcile,
};
use corridor_core::results::view::IndicatorView;
use corridor_core::results::{Computed, Unit};
use corridor_core::{Actor, Viewer};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use std::collections::BTreeMap;

/// A stored target or breakdown: value and dimensions.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct StoredFigure {
    pub value: String,
    #[serde(default)]
    pub dimensions: BTreeMap<String, String>,
}

pub(crate) fn targets_of(p: &indicator_period::Model) -> Vec<StoredFigure> {
    serde_json::from_str(&p.targets).unwrap_or_default()
}

pub(crate) fn headlines_of(p: &indicator_period::Model) -> BTreeMap<String, String> {
    serde_json::from_str(&p.headlines).unwrap_or_default()
}

pub(crate) fn confirmations_of(p: &indicator_period::Model) -> Vec<Confirmation> {
    serde_json::from_str(&p.confirmations).unwrap_or_default()
}

pub(crate) fn unit_of(i: &indicator::Model) -> Unit {
    i.unit.parse().unwrap_or(Unit::Number)
}

fn dimensions_of(i: &indicator::Model) -> Vec<String> {
    serde_json::from_str(&i.dimensions).unwrap_or_default()
}

/// The member parties, in a stable order: the two sides whose figures are reconciled.
pub(crate) async fn member_parties(
    conn: &impl ConnectionTrait,
) -> Result<Vec<party::Model>, StoreError> {
    Ok(party::Entity::find()
        .filter(party::Column::Standing.eq("member"))
        .order_by_asc(party::Column::Code)
        .all(conn)
        .await?)
}

/// The period and its indicator, visible to the viewer.
async fn period_of(
    conn: &impl ConnectionTrait,
    viewer: &Viewer,
    id: &str,
) -> Result<(indicator_period::Model, indicator::Model), StoreError> {
    let p = indicator_period::Entity::find_visible(viewer, id)
        .one(conn)
        .await?
        .ok_or(StoreError::NotFound { entity: "period" })?;
    let i = indicator::Entity::find_visible(viewer, &p.indicator_id)
        .one(conn)
        .await?
        .ok_or(StoreError::NotFound { entity: "period" })?;
    Ok((p, i))
}

/// A member side's officer; third parties and observers do not report or validate.
fn member_owner(actor: &Actor, what: &str) -> Result<Owner, StoreError> {
    let owner = user_owner(actor)?;
    if actor.user().is_some_and(|u| !u.member) {
        return Err(StoreError::Forbidden(format!(
            "{what} is for the member sides of the framework"
        )));
    }
    Ok(owner)
}

fn refuse_locked(p: &indicator_period::Model) -> Result<(), StoreError> {
    if p.locked {
        return Err(StoreError::conflict(format!(
            "the period from {} is locked after validation; unlock it, giving a reason, before changing it",
            p.starts_on
        )));
    }
    Ok(())
}

fn refuse_computed(i: &indicator::Model) -> Result<(), StoreError> {
    match i
        .computed_from
        .as_deref()
        .and_then(|c| c.parse::<Computed>().ok())
    {
        Some(c) => Err(StoreError::invalid(
            "value",
            format!(
                "this indicator is computed from the records ({}); nothing is typed in",
                c.label()
            ),
        )),
        None => Ok(()),
    }
}

async fn save(
    tx: &mut WriteTx,
    p: indicator_period::Model,
    change: impl FnOnce(&mut indicator_period::ActiveModel),
    action: &str,
) -> Result<(), StoreError> {
    let version = p.version + 1;
    let indicator_id = p.indicator_id.clone();
    let mut row: indicator_period::ActiveModel = p.into();
    change(&mut row);
    row.version = Set(version);
    row.updated_at = Set(corridor_core::now());
    let written = row.update(&tx.txn).await?;
    tx.log::<indicator_period::Entity>(written, action).await?;
    super::standing::refresh(&tx.txn, &indicator_id).await
}

impl Store {
    /// The indicator a period belongs to, when the viewer may see the period.
    #[crate::boxed]
    pub async fn period_indicator(
        &self,
        viewer: &Viewer,
        period_id: &str,
    ) -> Result<String, StoreError> {
        Ok(period_of(&self.db, viewer, period_id).await?.1.id)
    }

    /// The period of a visible indicator that contains `day` (a date, or a year meaning its first day), or
    /// an error naming the indicator's range.
    #[crate::boxed]
    pub async fn period_on(
        &self,
        viewer: &Viewer,
        indicator_id: &str,
        day: &str,
    ) -> Result<String, StoreError> {
        let i = indicator::Entity::find_visible(viewer, indicator_id)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound {
                entity: "indicator",
            })?;
        let raw = day.trim();
        let date = if raw.len() == 4 && raw.chars().all(|c| c.is_ascii_digit()) {
            corridor_core::dates::parse_date(&format!("{raw}-01-01"))
        } else {
            corridor_core::dates::parse_date(raw)
        }
        .map_err(|_| {
            StoreError::invalid(
                "period",
                format!("“{raw}” is not a period; give a year (2021) or a day in it (2021-03-31)"),
            )
        })?;
        let periods = indicator_period::Entity::find()
            .filter(indicator_period::Column::IndicatorId.eq(i.id.as_str()))
            .filter(visible(viewer, "indicator_periods", "indicator_period"))
            .order_by_asc(indicator_period::Column::StartsOn)
            .all(&self.db)
            .await?;
        if let Some(p) = periods
            .iter()
            .find(|p| p.starts_on <= date && date <= p.ends_on)
        {
            return Ok(p.id.clone());
        }
        let range = match (periods.first(), periods.last()) {
            (Some(f), Some(l)) => format!("from {} to {}", f.starts_on, l.ends_on),
            _ => "empty".to_owned(),
        };
        Err(StoreError::invalid(
            "period",
            format!("{raw} is outside the indicator's range, {range}"),
        ))
    }

    /// Sets a target of a period (replacing the one with the same breakdown): the indicator's owner side.
    #[crate::boxed]
    pub async fn set_target(
        &self,
        actor: &Actor,
        period_id: &str,
        input: &TargetInput,
    ) -> Result<IndicatorView, StoreError> {
        let mut tx = self.write(actor).await?;
        let viewer = actor.viewer();
        let (p, i) = period_of(&tx.txn, &viewer, period_id).await?;
        crate::directory::editable::<indicator::Entity>(&tx, &i.id).await?;
        refuse_locked(&p)?;
        let target = NewFigure::target(input, unit_of(&i), &dimensions_of(&i))?;
        let mut targets = targets_of(&p);
        targets.retain(|t| t.dimensions != target.dimensions);
        targets.push(StoredFigure {
            value: target.value.stored(),
            dimensions: target.dimensions.clone(),
        });
        targets.sort_by(|a, b| a.dimensions.cmp(&b.dimensions));
        let json = serde_json::to_string(&targets).unwrap_or_else(|_| "[]".into());
        save(&mut tx, p, |row| row.targets = Set(json), "target_set").await?;
        tx.commit().await?;
        self.indicator(&viewer, &i.id).await
    }

    /// Records the actor's side's actual for a period. A figure without breakdown becomes the side's headline
    /// for the period, and the period's reconciliation is recomputed.
    #[crate::boxed]
    pub async fn report_actual(
        &self,
        actor: &Actor,
        period_id: &str,
        id: ActualId,
        input: &ActualInput,
    ) -> Result<IndicatorView, StoreError> {
        let mut tx = self.write(actor).await?;
        let viewer = actor.viewer();
        let owner = member_owner(actor, "reporting an actual")?;
        let (p, i) = period_of(&tx.txn, &viewer, period_id).await?;
        refuse_computed(&i)?;
        let figure = &NewFigure::actual(input, unit_of(&i), &dimensions_of(&i))?;
        refuse_locked(&p)?;
        let now = corridor_core::now();
        let row = actual::ActiveModel {
            id: Set(id.to_string()),
            period_id: Set(p.id.clone()),
            indicator_id: Set(i.id.clone()),
            party_id: Set(owner.party.clone()),
            value: Set(figure.value.stored()),
            dimensions: Set(
                serde_json::to_string(&figure.dimensions).unwrap_or_else(|_| "{}".into())
            ),
            source: Set(figure.source.clone()),
            comment: Set(figure.comment.clone()),
            owner_party_id: Set(owner.party.clone()),
            owner_organisation_id: Set(owner.organisation.clone()),
            visibility: Set(p.visibility.clone()),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        };
        let written = actual::Entity::insert(row)
            .exec_with_returning(&tx.txn)
            .await?;
        super::inherit(
            &tx,
            (indicator_period::Entity::ENTITY, &p.id, &p.visibility),
            (actual::Entity::ENTITY, &written.id),
        )
        .await?;
        tx.log::<actual::Entity>(written, "reported").await?;
        if figure.dimensions.is_empty() {
            let mut headlines = headlines_of(&p);
            headlines.insert(owner.party.clone(), figure.value.stored());
            let members = member_parties(&tx.txn).await?;
            let state = reconcile_headlines(&headlines, &members, &i, p.agreed_value.is_some());
            let json = serde_json::to_string(&headlines).unwrap_or_else(|_| "{}".into());
            save(
                &mut tx,
                p,
                |row| {
                    row.headlines = Set(json);
                    row.reconciliation = Set(reconciliation_word(&state).to_owned());
                },
                "actual_reported",
            )
            .await?;
        }
        tx.commit().await?;
        self.indicator(&viewer, &i.id).await
    }

    /// Confirms `raw` as the period's agreed figure for the actor's side. The second side confirming the same
    /// figure makes it agreed.
    #[crate::boxed]
    pub async fn validate_period(
        &self,
        actor: &Actor,
        period_id: &str,
        raw: &str,
    ) -> Result<IndicatorView, StoreError> {
        let mut tx = self.write(actor).await?;
        let viewer = actor.viewer();
        let owner = member_owner(actor, "validating a figure")?;
        let (p, i) = period_of(&tx.txn, &viewer, period_id).await?;
        refuse_computed(&i)?;
        refuse_locked(&p)?;
        if p.agreed_value.is_some() {
            return Err(StoreError::conflict(
                "both sides already validated this period's figure",
            ));
        }
        let value = parse_value("value", unit_of(&i), raw)
            .map_err(|e| StoreError::invalid(&e.field, e.message))?
            .stored();
        let members = member_parties(&tx.txn).await?;
        let name = |id: &str| {
            members
                .iter()
                .find(|m| m.id == id)
                .map_or_else(|| id.to_owned(), |m| m.short_name.clone())
        };
        let mut confirmations = confirmations_of(&p);
        let complete = check_confirmation(&confirmations, &owner.party, name, &value)
            .map_err(|e| StoreError::invalid(&e.field, e.message))?;
        confirmations.push(Confirmation {
            party_id: owner.party.clone(),
            by: actor.user().map(|u| u.username.clone()).unwrap_or_default(),
            value: value.clone(),
            at: corridor_core::dates::format_rfc3339(corridor_core::now()),
        });
        let json = serde_json::to_string(&confirmations).unwrap_or_else(|_| "[]".into());
        save(
            &mut tx,
            p,
            |row| {
                row.confirmations = Set(json);
                if complete {
                    row.agreed_value = Set(Some(value));
                    row.reconciliation = Set("agreed".into());
                }
            },
            if complete { "agreed" } else { "validated" },
        )
        .await?;
        tx.commit().await?;
        self.indicator(&viewer, &i.id).await
    }

    /// Withdraws the actor's side's confirmation while the other side has not confirmed.
    #[crate::boxed]
    pub async fn withdraw_validation(
        &self,
        actor: &Actor,
        period_id: &str,
    ) -> Result<IndicatorView, StoreError> {
        let mut tx = self.write(actor).await?;
        let viewer = actor.viewer();
        let owner = member_owner(actor, "withdrawing a validation")?;
        let (p, i) = period_of(&tx.txn, &viewer, period_id).await?;
        refuse_locked(&p)?;
        if p.agreed_value.is_some() {
            return Err(StoreError::conflict(
                "both sides validated this figure; it can no longer be withdrawn",
            ));
        }
        let mut confirmations = confirmations_of(&p);
        let before = confirmations.len();
        confirmations.retain(|c| c.party_id != owner.party);
        if confirmations.len() == before {
            return Err(StoreError::invalid(
                "value",
                "your side has not validated this period",
            ));
        }
        let json = serde_json::to_string(&confirmations).unwrap_or_else(|_| "[]".into());
        save(
            &mut tx,
            p,
            |row| row.confirmations = Set(json),
            "validation_withdrawn",
        )
        .await?;
        tx.commit().await?;
        self.indicator(&viewer, &i.id).await
    }

    /// Locks a validated (or computed) period, or unlocks it with a reason; either member side may.
    #[crate::boxed]
    pub async fn lock_period(
        &self,
        actor: &Actor,
        period_id: &str,
        lock: bool,
        reason: Option<&str>,
    ) -> Result<IndicatorView, StoreError> {
        let mut tx = self.write(actor).await?;
        let viewer = actor.viewer();
        member_owner(
            actor,
            if lock {
                "locking a period"
            } else {
                "unlocking a period"
            },
        )?;
        let (p, i) = period_of(&tx.txn, &viewer, period_id).await?;
        let reason = reason
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(str::to_owned);
        match (lock, p.locked) {
            (true, true) => return Err(StoreError::conflict("the period is already locked")),
            (false, false) => return Err(StoreError::conflict("the period is not locked")),
            (true, false) if p.agreed_value.is_none() && i.computed_from.is_none() => {
                return Err(StoreError::invalid(
                    "locked",
                    "a period is locked once both sides have validated its figure",
                ));
            }
            (false, true) if reason.is_none() => {
                return Err(StoreError::invalid(
                    "reason",
                    "say why the period is unlocked; the reason stays in its history",
                ));
            }
            _ => {}
        }
        save(
            &mut tx,
            p,
            |row| {
                row.locked = Set(lock);
                row.lock_reason = Set(reason);
            },
            if lock { "locked" } else { "unlocked" },
        )
        .await?;
        tx.commit().await?;
        self.indicator(&viewer, &i.id).await
    }
}

/// The reconciliation of the first two member sides' headlines.
pub(crate) fn reconcile_headlines(
    headlines: &BTreeMap<String, String>,
    members: &[party::Model],
    i: &indicator::Model,
    agreed: bool,
) -> Reconciliation {
    let unit = unit_of(i);
    let read = |party: Option<&party::Model>| -> Option<Value> {
        let raw = headlines.get(&party?.id)?;
        parse_value("value", unit, raw).ok()
    };
    reconcile(
        read(members.first()).as_ref(),
        read(members.get(1)).as_ref(),
        i.tolerance,
        agreed,
    )
}
