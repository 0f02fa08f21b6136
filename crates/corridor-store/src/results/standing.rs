//! Each reported indicator's standing (current value, target, score, discrepancies), derived from its
//! periods inside the transaction that changes them, so the dashboard reads one row per indicator. Computed
//! indicators have none: they depend on other records and on who reads them.

use super::periods::{targets_of, unit_of};
use crate::entity::{indicator, indicator_period, indicator_standing};
use crate::{Store, StoreError};
use corridor_core::results::rollup::{PeriodFigure, current, score};
use corridor_core::results::values::parse_value;
use corridor_core::results::{Aggregation, Direction, Unit};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

/// A stored value as a number, when it is one.
pub(crate) fn number(unit: Unit, raw: Option<&str>) -> Option<f64> {
    parse_value("value", unit, raw?)
        .ok()
        .and_then(|v| v.number())
}

/// The roll-up figures of one period: its agreed figure (or `computed`) and its headline target.
pub(crate) fn figure(
    unit: Unit,
    p: &indicator_period::Model,
    computed: Option<f64>,
) -> PeriodFigure {
    let targets = targets_of(p);
    PeriodFigure {
        agreed: computed.or_else(|| number(unit, p.agreed_value.as_deref())),
        target: number(
            unit,
            targets
                .iter()
                .find(|t| t.dimensions.is_empty())
                .map(|t| t.value.as_str()),
        ),
    }
}

/// Current value, its target and the score, from the periods' figures in order.
pub(crate) fn standing(
    i: &indicator::Model,
    figures: &[PeriodFigure],
) -> (Option<f64>, Option<f64>, Option<f64>) {
    let unit = unit_of(i);
    let aggregation: Aggregation = i.aggregation.parse().unwrap_or(Aggregation::Latest);
    let direction: Direction = i.direction.parse().unwrap_or(Direction::Higher);
    let now = current(aggregation, figures);
    let baseline = number(unit, i.baseline_value.as_deref());
    (
        now.map(|n| n.0),
        now.and_then(|n| n.1),
        now.and_then(|(v, t)| score(unit, direction, baseline, v, t)),
    )
}

/// Recomputes and stores the standing of indicator `id` from its periods.
pub(crate) async fn refresh(conn: &impl ConnectionTrait, id: &str) -> Result<(), StoreError> {
    let Some(i) = indicator::Entity::find_by_id(id.to_owned())
        .one(conn)
        .await?
    else {
        return Ok(());
    };
    let periods = indicator_period::Entity::find()
        .filter(indicator_period::Column::IndicatorId.eq(id))
        .order_by_asc(indicator_period::Column::StartsOn)
        .all(conn)
        .await?;
    let unit = unit_of(&i);
    let figures: Vec<PeriodFigure> = periods.iter().map(|p| figure(unit, p, None)).collect();
    let (value, target, scored) = standing(&i, &figures);
    let discrepancies = periods
        .iter()
        .filter(|p| p.reconciliation == "discrepancy")
        .count();
    indicator_standing::Entity::delete_by_id(id.to_owned())
        .exec(conn)
        .await?;
    indicator_standing::Entity::insert(indicator_standing::ActiveModel {
        indicator_id: Set(id.to_owned()),
        current_value: Set(value),
        current_target: Set(target),
        score: Set(scored),
        discrepancies: Set(i32::try_from(discrepancies).unwrap_or(i32::MAX)),
    })
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

impl Store {
    /// Recomputes every indicator's standing from its periods (after a bulk load or a restore); answers how
    /// many were refreshed.
    #[crate::boxed]
    pub async fn refresh_standings(&self) -> Result<usize, StoreError> {
        let ids: Vec<String> = indicator::Entity::find()
            .all(&self.db)
            .await?
            .into_iter()
            .map(|i| i.id)
            .collect();
        for id in &ids {
            refresh(&self.db, id).await?;
        }
        Ok(ids.len())
    }
}
