//! Reading the framework: nodes, indicators and periods the viewer may see, each indicator's current value and
//! score from agreed (or computed) figures, and each node's weighted roll-up. One query per table for the
//! whole framework; an indicator's own page adds its actuals.

use super::computed::Bounds;
use super::periods::{
    StoredFigure, confirmations_of, headlines_of, member_parties, targets_of, unit_of,
};
use super::standing::{figure, standing};
use crate::access::{Audited, visible};
use crate::directory::{access_view, parse_id};
use crate::entity::{actual, indicator, indicator_period, indicator_standing, party, result_node};
use crate::{Store, StoreError};
use corridor_core::Viewer;
use corridor_core::dates::{format_date, format_rfc3339};
use corridor_core::ids::{IndicatorId, ResultId};
use corridor_core::language::Translations;
use corridor_core::results::rollup::{FORMULA, PeriodFigure, weighted};
use corridor_core::results::values::{Reconciliation, Value, format_number, parse_value};
use corridor_core::results::view::{
    ActualView, ConfirmationView, DISCREPANCIES_LISTED, DiscrepancyView, FigureView, Framework,
    HeadlineView, IndicatorView, PeriodView, ResultView,
};
use corridor_core::results::{Computed, PeriodKind, Unit};
use corridor_core::view::Ref;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::{BTreeMap, HashMap};

fn label(kind: &str, start: time::Date) -> String {
    match kind.parse().unwrap_or(PeriodKind::Year) {
        PeriodKind::Year => start.year().to_string(),
        PeriodKind::Quarter => format!(
            "{} Q{}",
            start.year(),
            (u8::from(start.month()) - 1) / 3 + 1
        ),
        PeriodKind::Month => format!("{}-{:02}", start.year(), u8::from(start.month())),
    }
}

fn reconciliation(raw: &str) -> Reconciliation {
    match raw {
        "awaiting" => Reconciliation::Awaiting,
        "consistent" => Reconciliation::Consistent,
        "discrepancy" => Reconciliation::Discrepancy,
        "agreed" => Reconciliation::Agreed,
        _ => Reconciliation::Empty,
    }
}

fn figure_view(f: StoredFigure) -> FigureView {
    FigureView {
        value: f.value,
        dimensions: f.dimensions,
    }
}

/// What reading one indicator needs besides its row and periods.
struct Context<'a> {
    viewer: &'a Viewer,
    members: &'a [party::Model],
    actuals: &'a HashMap<String, Vec<actual::Model>>,
    nodes: &'a HashMap<String, String>,
}

impl Store {
    async fn indicator_view(
        &self,
        cx: &Context<'_>,
        i: indicator::Model,
        periods: Vec<indicator_period::Model>,
    ) -> Result<IndicatorView, StoreError> {
        let computed_from = i
            .computed_from
            .as_deref()
            .and_then(|c| c.parse::<Computed>().ok());
        let bounds: Vec<Bounds> = periods.iter().map(|p| (p.starts_on, p.ends_on)).collect();
        let computed = match computed_from {
            Some(c) => self.computed_values(cx.viewer, c, &bounds).await?,
            None => vec![None; periods.len()],
        };
        let mut views = Vec::with_capacity(periods.len());
        let mut figures = Vec::with_capacity(periods.len());
        for (p, computed) in periods.into_iter().zip(computed) {
            let (view, figure) = period_view(cx, &i, p, computed, computed_from.is_some());
            views.push(view);
            figures.push(figure);
        }
        let (value, target, scored) = standing(&i, &figures);
        let access = access_view::<indicator::Entity>(
            &self.db,
            cx.viewer,
            &i,
            i.version,
            i.created_at,
            i.updated_at,
        )
        .await?;
        let tr = Translations::from_json(&i.translations);
        Ok(IndicatorView {
            discrepancies: views
                .iter()
                .filter(|p| p.reconciliation == Reconciliation::Discrepancy)
                .count(),
            score: scored,
            current: value,
            current_target: target,
            result: Ref {
                name: cx.nodes.get(&i.result_id).cloned(),
                id: i.result_id.clone(),
            },
            title_zh: tr.zh,
            title_ur: tr.ur,
            dimensions: serde_json::from_str(&i.dimensions).unwrap_or_default(),
            baseline_on: i.baseline_on.map(format_date),
            periods: views,
            id: i.id,
            title: i.title,
            unit: i.unit,
            currency: i.currency,
            direction: i.direction,
            aggregation: i.aggregation,
            tolerance: i.tolerance,
            weight: i.weight,
            baseline_value: i.baseline_value,
            baseline_source: i.baseline_source,
            computed_from: i.computed_from,
            period_kind: i.period_kind,
            access,
        })
    }

    /// One indicator with its periods, every actual the viewer may see, and its standing.
    #[crate::boxed]
    pub async fn indicator(&self, viewer: &Viewer, id: &str) -> Result<IndicatorView, StoreError> {
        let id: IndicatorId = parse_id("indicator", id)?;
        let i = indicator::Entity::find_visible(viewer, &id.to_string())
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound {
                entity: "indicator",
            })?;
        let periods = indicator_period::Entity::find()
            .filter(indicator_period::Column::IndicatorId.eq(i.id.as_str()))
            .filter(visible(viewer, "indicator_periods", "indicator_period"))
            .order_by_asc(indicator_period::Column::StartsOn)
            .all(&self.db)
            .await?;
        let mut actuals: HashMap<String, Vec<actual::Model>> = HashMap::new();
        for a in actual::Entity::find()
            .filter(actual::Column::IndicatorId.eq(i.id.as_str()))
            .filter(visible(viewer, "actuals", "actual"))
            .order_by_asc(actual::Column::CreatedAt)
            .all(&self.db)
            .await?
        {
            actuals.entry(a.period_id.clone()).or_default().push(a);
        }
        let members = member_parties(&self.db).await?;
        let nodes: HashMap<String, String> =
            result_node::Entity::find_visible(viewer, &i.result_id)
                .one(&self.db)
                .await?
                .map(|n| (n.id, n.title))
                .into_iter()
                .collect();
        let cx = Context {
            viewer,
            members: &members,
            actuals: &actuals,
            nodes: &nodes,
        };
        self.indicator_view(&cx, i, periods).await
    }

    /// The whole framework the viewer may see, scored.
    #[crate::boxed]
    pub async fn framework(&self, viewer: &Viewer) -> Result<Framework, StoreError> {
        let nodes = result_node::Entity::find()
            .filter(visible(viewer, "results", "result_node"))
            .order_by_asc(result_node::Column::CreatedAt)
            .order_by_asc(result_node::Column::Id)
            .all(&self.db)
            .await?;
        let members = member_parties(&self.db).await?;
        let titles: HashMap<String, String> = nodes
            .iter()
            .map(|n| (n.id.clone(), n.title.clone()))
            .collect();
        let indicators = indicator::Entity::find()
            .filter(visible(viewer, "indicators", "indicator"))
            .order_by_asc(indicator::Column::CreatedAt)
            .order_by_asc(indicator::Column::Id)
            .all(&self.db)
            .await?;
        // A reported indicator's standing is kept up to date as its periods change, so only a computed
        // indicator's periods are read here, to compute them.
        let computed: Vec<String> = indicators
            .iter()
            .filter(|i| i.computed_from.is_some())
            .map(|i| i.id.clone())
            .collect();
        let mut periods: HashMap<String, Vec<indicator_period::Model>> = HashMap::new();
        if !computed.is_empty() {
            for p in indicator_period::Entity::find()
                .filter(visible(viewer, "indicator_periods", "indicator_period"))
                .filter(indicator_period::Column::IndicatorId.is_in(computed))
                .order_by_asc(indicator_period::Column::StartsOn)
                .all(&self.db)
                .await?
            {
                periods.entry(p.indicator_id.clone()).or_default().push(p);
            }
        }
        let discrepancies = self
            .latest_discrepancies(viewer, &indicators, &members)
            .await?;
        let standings = self.standings().await?;
        let none = HashMap::new();
        let cx = Context {
            viewer,
            members: &members,
            actuals: &none,
            nodes: &titles,
        };
        let mut by_node: HashMap<String, Vec<IndicatorView>> = HashMap::new();
        for i in indicators {
            let ps = periods.remove(&i.id).unwrap_or_default();
            let node = i.result_id.clone();
            let kept = standings
                .get(&i.id)
                .filter(|_| i.computed_from.is_none())
                .cloned();
            let mut v = self.indicator_view(&cx, i, ps).await?;
            if let Some(st) = kept {
                v.current = st.current_value;
                v.current_target = st.current_target;
                v.score = st.score;
                v.discrepancies = usize::try_from(st.discrepancies).unwrap_or(0);
            }
            by_node.entry(node).or_default().push(v);
        }
        let mut flat = Vec::with_capacity(nodes.len());
        for n in nodes {
            let access = access_view::<result_node::Entity>(
                &self.db,
                viewer,
                &n,
                n.version,
                n.created_at,
                n.updated_at,
            )
            .await?;
            let tr = Translations::from_json(&n.translations);
            flat.push(ResultView {
                contributions: self.link_views(viewer, &n.links).await?,
                indicators: by_node.remove(&n.id).unwrap_or_default(),
                children: Vec::new(),
                score: None,
                discrepancies: 0,
                title_zh: tr.zh,
                title_ur: tr.ur,
                id: n.id,
                level: n.level,
                parent_id: n.parent_id,
                title: n.title,
                weight: n.weight,
                access,
            });
        }
        let roots = tree(flat);
        Ok(Framework {
            discrepancy_total: roots.iter().map(|r| r.discrepancies).sum(),
            roots,
            formula: FORMULA.to_owned(),
            discrepancies,
        })
    }

    /// The latest periods with a discrepancy among `indicators`, newest first, reading only the columns the
    /// list shows.
    async fn latest_discrepancies(
        &self,
        viewer: &Viewer,
        indicators: &[indicator::Model],
        members: &[party::Model],
    ) -> Result<Vec<DiscrepancyView>, StoreError> {
        let rows: Vec<(String, String, time::Date, String)> = indicator_period::Entity::find()
            .select_only()
            .columns([
                indicator_period::Column::Id,
                indicator_period::Column::IndicatorId,
                indicator_period::Column::StartsOn,
                indicator_period::Column::Headlines,
            ])
            .filter(indicator_period::Column::Reconciliation.eq("discrepancy"))
            .filter(visible(viewer, "indicator_periods", "indicator_period"))
            .order_by_desc(indicator_period::Column::StartsOn)
            .order_by_asc(indicator_period::Column::Id)
            .limit(DISCREPANCIES_LISTED)
            .into_tuple()
            .all(&self.db)
            .await?;
        let by_id: HashMap<&str, &indicator::Model> =
            indicators.iter().map(|i| (i.id.as_str(), i)).collect();
        Ok(rows
            .into_iter()
            .filter_map(|(id, indicator_id, starts_on, headlines)| {
                let i = by_id.get(indicator_id.as_str())?;
                let headlines: BTreeMap<String, String> =
                    serde_json::from_str(&headlines).unwrap_or_default();
                Some(DiscrepancyView {
                    indicator: Ref {
                        id: indicator_id,
                        name: Some(i.title.clone()),
                    },
                    unit: i.unit.clone(),
                    currency: i.currency.clone(),
                    period_id: id,
                    label: label(&i.period_kind, starts_on),
                    headlines: headline_views(members, &headlines),
                })
            })
            .collect())
    }

    /// Every kept standing, by indicator.
    async fn standings(&self) -> Result<HashMap<String, indicator_standing::Model>, StoreError> {
        Ok(indicator_standing::Entity::find()
            .all(&self.db)
            .await?
            .into_iter()
            .map(|s| (s.indicator_id.clone(), s))
            .collect())
    }

    /// One node with everything under it that the viewer may see.
    #[crate::boxed]
    pub async fn result(&self, viewer: &Viewer, id: &str) -> Result<ResultView, StoreError> {
        let id: ResultId = parse_id("result", id)?;
        let id = id.to_string();
        let mut stack = self.framework(viewer).await?.roots;
        while let Some(n) = stack.pop() {
            if n.id == id {
                return Ok(n);
            }
            stack.extend(n.children);
        }
        Err(StoreError::NotFound { entity: "result" })
    }
}

/// Each member side's headline figure, in the members' order.
fn headline_views(
    members: &[party::Model],
    headlines: &BTreeMap<String, String>,
) -> Vec<HeadlineView> {
    members
        .iter()
        .map(|m| HeadlineView {
            party: Ref {
                id: m.id.clone(),
                name: Some(m.short_name.clone()),
            },
            value: headlines.get(&m.id).cloned(),
        })
        .collect()
}

/// One period as the reader sees it, and the figures the roll-up reads from it.
fn period_view(
    cx: &Context<'_>,
    i: &indicator::Model,
    p: indicator_period::Model,
    computed: Option<f64>,
    is_computed: bool,
) -> (PeriodView, PeriodFigure) {
    let unit = unit_of(i);
    let name = |id: &str| {
        cx.members
            .iter()
            .find(|m| m.id == id)
            .map(|m| m.short_name.clone())
    };
    let rolled = figure(unit, &p, computed);
    let targets: Vec<StoredFigure> = targets_of(&p);
    let headlines = headlines_of(&p);
    let actuals = cx
        .actuals
        .get(&p.id)
        .map(|rows| {
            rows.iter()
                .map(|a| ActualView {
                    id: a.id.clone(),
                    party: Ref {
                        id: a.party_id.clone(),
                        name: name(&a.party_id),
                    },
                    figure: FigureView {
                        value: a.value.clone(),
                        dimensions: serde_json::from_str(&a.dimensions).unwrap_or_default(),
                    },
                    source: a.source.clone(),
                    comment: a.comment.clone(),
                    reported_at: format_rfc3339(a.created_at),
                })
                .collect()
        })
        .unwrap_or_default();
    let view = PeriodView {
        label: label(&i.period_kind, p.starts_on),
        starts_on: format_date(p.starts_on),
        ends_on: format_date(p.ends_on),
        targets: targets.into_iter().map(figure_view).collect(),
        actuals,
        headlines: headline_views(cx.members, &headlines),
        reconciliation: if is_computed {
            if computed.is_some() {
                Reconciliation::Agreed
            } else {
                Reconciliation::Empty
            }
        } else {
            reconciliation(&p.reconciliation)
        },
        agreed: p.agreed_value.clone(),
        confirmations: confirmations_of(&p)
            .into_iter()
            .map(|c| ConfirmationView {
                party: Ref {
                    name: name(&c.party_id),
                    id: c.party_id,
                },
                by: c.by,
                value: c.value,
                at: c.at,
            })
            .collect(),
        computed: computed.map(|v| Value::Number(v).stored()),
        locked: p.locked,
        lock_reason: p.lock_reason.clone(),
        id: p.id,
    };
    (view, rolled)
}

/// Builds the trees from the flat list and scores every node from the bottom up. A node whose parent the
/// viewer may not see becomes a root.
fn tree(flat: Vec<ResultView>) -> Vec<ResultView> {
    let ids: Vec<String> = flat.iter().map(|n| n.id.clone()).collect();
    let mut children: HashMap<String, Vec<ResultView>> = HashMap::new();
    let mut roots = Vec::new();
    for n in flat {
        match n.parent_id.clone().filter(|p| ids.contains(p)) {
            Some(p) => children.entry(p).or_default().push(n),
            None => roots.push(n),
        }
    }
    fn build(mut n: ResultView, children: &mut HashMap<String, Vec<ResultView>>) -> ResultView {
        let kids = children.remove(&n.id).unwrap_or_default();
        n.children = kids.into_iter().map(|k| build(k, children)).collect();
        let mut parts: Vec<(f64, Option<f64>)> =
            n.indicators.iter().map(|i| (i.weight, i.score)).collect();
        parts.extend(n.children.iter().map(|c| (c.weight, c.score)));
        n.score = weighted(&parts);
        n.discrepancies = n.indicators.iter().map(|i| i.discrepancies).sum::<usize>()
            + n.children.iter().map(|c| c.discrepancies).sum::<usize>();
        n
    }
    roots.into_iter().map(|r| build(r, &mut children)).collect()
}

/// Reads a stored value back for display in an indicator's unit, e.g. `45 %` or `USD 1,200`.
pub fn display(unit: &str, currency: Option<&str>, raw: &str) -> String {
    let unit: Unit = unit.parse().unwrap_or(Unit::Number);
    match parse_value("value", unit, raw) {
        Ok(Value::Number(n)) => match unit {
            Unit::Percentage => format!("{} %", format_number(n)),
            Unit::Currency => format!("{} {}", currency.unwrap_or_default(), format_number(n)),
            Unit::YesNo => if n >= 0.5 { "yes" } else { "no" }.to_owned(),
            _ => format_number(n),
        },
        Ok(Value::Text(t)) => t,
        Err(_) => raw.to_owned(),
    }
}
