//! Indicators computed from the system's own records, recomputed at every read so they follow the records as
//! they change. Each reader gets the value from the records it may see: a count must never reveal a record of
//! the other side's, so a party-internal record counts only for its own side.

use crate::access::visible;
use crate::entity::{
    business_mou, exchange, matchmaking, meeting, nomination, progress_update, register_item,
    review,
};
use crate::{Store, StoreError};
use corridor_core::Viewer;
use corridor_core::portfolio::update::{Figure, Metric};
use corridor_core::results::Computed;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::collections::{BTreeMap, HashMap};
use time::Date;

/// A period: first and last day.
pub(crate) type Bounds = (Date, Date);

fn within(d: Date, (start, end): Bounds) -> bool {
    d >= start && d <= end
}

#[expect(clippy::cast_precision_loss, reason = "counts of records")]
fn count(n: usize) -> f64 {
    n as f64
}

impl Store {
    /// The value of `source` in each period, from the records `viewer` may see; `None` for a period that has
    /// not begun or has nothing to count from.
    pub(crate) async fn computed_values(
        &self,
        viewer: &Viewer,
        source: Computed,
        periods: &[Bounds],
    ) -> Result<Vec<Option<f64>>, StoreError> {
        let today = corridor_core::now().date();
        let values = match source {
            Computed::EnterprisesCommitted => self.enterprises(viewer, periods).await?,
            Computed::ExchangeParticipants => self.participants(viewer, periods).await?,
            Computed::RegisterOnTime => self.on_time(viewer, periods).await?,
            Computed::Matchmakings => {
                let days: Vec<Date> = matchmaking::Entity::find()
                    .filter(visible(viewer, "matchmakings", "matchmaking"))
                    .all(&self.db)
                    .await?
                    .into_iter()
                    .map(|m| m.held_on)
                    .collect();
                counts(&days, periods)
            }
            Computed::BusinessMous => {
                let days: Vec<Date> = business_mou::Entity::find()
                    .filter(visible(viewer, "business_mous", "business_mou"))
                    .all(&self.db)
                    .await?
                    .into_iter()
                    .map(|m| m.signed_on)
                    .collect();
                counts(&days, periods)
            }
        };
        Ok(values
            .into_iter()
            .zip(periods)
            .map(|(v, (start, _))| if *start > today { None } else { v })
            .collect())
    }

    /// Per period: each project's latest "enterprises committed" figure reported by the period's end, added up.
    async fn enterprises(
        &self,
        viewer: &Viewer,
        periods: &[Bounds],
    ) -> Result<Vec<Option<f64>>, StoreError> {
        let mut reported: Vec<(String, Date, f64)> = Vec::new();
        for u in progress_update::Entity::find()
            .filter(visible(viewer, "progress_updates", "progress_update"))
            .all(&self.db)
            .await?
        {
            let figures: Vec<Figure> = serde_json::from_str(&u.figures).unwrap_or_default();
            for f in figures
                .into_iter()
                .filter(|f| f.metric == Metric::EnterprisesCommitted)
            {
                reported.push((u.project_id.clone(), u.reported_on, f.value));
            }
        }
        Ok(periods
            .iter()
            .map(|(_, end)| {
                let mut latest: HashMap<&str, (Date, f64)> = HashMap::new();
                for (project, on, value) in reported.iter().filter(|r| r.1 <= *end) {
                    let e = latest.entry(project).or_insert((*on, *value));
                    if *on >= e.0 {
                        *e = (*on, *value);
                    }
                }
                (!latest.is_empty()).then(|| latest.values().map(|v| v.1).sum())
            })
            .collect())
    }

    /// Per period: people who attended exchanges that ended in it.
    async fn participants(
        &self,
        viewer: &Viewer,
        periods: &[Bounds],
    ) -> Result<Vec<Option<f64>>, StoreError> {
        let ends: HashMap<String, Date> = exchange::Entity::find()
            .filter(visible(viewer, "exchanges", "exchange"))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|x| (x.id, x.ends_on))
            .collect();
        let attended: Vec<Date> = nomination::Entity::find()
            .filter(visible(viewer, "nominations", "nomination"))
            .filter(nomination::Column::Attended.eq(true))
            .all(&self.db)
            .await?
            .into_iter()
            .filter_map(|n| ends.get(&n.exchange_id).copied())
            .collect();
        Ok(periods
            .iter()
            .map(|b| Some(count(attended.iter().filter(|d| within(**d, *b)).count())))
            .collect())
    }

    /// Per period: the share of register items due in it that a review reported done by their due date.
    async fn on_time(
        &self,
        viewer: &Viewer,
        periods: &[Bounds],
    ) -> Result<Vec<Option<f64>>, StoreError> {
        let meetings: HashMap<String, Date> = meeting::Entity::find()
            .filter(visible(viewer, "meetings", "meeting"))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|m| (m.id, m.starts_at.date()))
            .collect();
        let mut done: BTreeMap<String, Date> = BTreeMap::new();
        for r in review::Entity::find()
            .filter(visible(viewer, "register_reviews", "review"))
            .filter(review::Column::Status.eq("done"))
            .all(&self.db)
            .await?
        {
            let on = r
                .meeting_id
                .as_ref()
                .and_then(|m| meetings.get(m).copied())
                .unwrap_or_else(|| r.created_at.date());
            let e = done.entry(r.item_id).or_insert(on);
            *e = (*e).min(on);
        }
        let due: Vec<(String, Date)> = register_item::Entity::find()
            .filter(visible(viewer, "register_items", "register_item"))
            .filter(register_item::Column::DueOn.is_not_null())
            .all(&self.db)
            .await?
            .into_iter()
            .filter_map(|i| i.due_on.map(|d| (i.id, d)))
            .collect();
        Ok(periods
            .iter()
            .map(|b| {
                let in_period: Vec<&(String, Date)> =
                    due.iter().filter(|(_, d)| within(*d, *b)).collect();
                let on_time = in_period
                    .iter()
                    .filter(|(id, d)| done.get(id).is_some_and(|on| on <= d))
                    .count();
                (!in_period.is_empty()).then(|| count(on_time) / count(in_period.len()) * 100.0)
            })
            .collect())
    }
}

/// How many of `days` fall in each period.
fn counts(days: &[Date], periods: &[Bounds]) -> Vec<Option<f64>> {
    periods
        .iter()
        .map(|b| Some(count(days.iter().filter(|d| within(**d, *b)).count())))
        .collect()
}
