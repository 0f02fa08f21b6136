//! The demo's results framework, loaded through the same operations a user's change goes through: nodes,
//! indicators with generated periods, targets, each side's actuals, and joint validations by one officer of
//! each side. The 2021 plots figures differ between the sides, so the dashboard opens on a discrepancy a
//! newcomer can resolve by validating as each side.

use super::results_data::{INDICATORS, NODES, SOURCE};
use super::{DemoReport, key, missing};
use crate::entity::result_node;
use crate::{Store, StoreError};
use corridor_core::Actor;
use corridor_core::ids::{
    ActualId, ExchangeId, IndicatorId, InstrumentId, PeriodId, ProjectId, ResultId, StudyId,
};
use corridor_core::results::values::{ActualInput, TargetInput};
use corridor_core::results::{IndicatorInput, NewIndicator, NewResult, ResultInput};

fn node_id(k: &str) -> ResultId {
    ResultId::from_key(&key("result", k))
}

fn link(kind: &str, k: &str) -> String {
    let id = match kind {
        "instrument" => InstrumentId::from_key(&key(kind, k)).to_string(),
        "study" => StudyId::from_key(&key(kind, k)).to_string(),
        "exchange" => ExchangeId::from_key(&key(kind, k)).to_string(),
        _ => ProjectId::from_key(&key(kind, k)).to_string(),
    };
    format!("{kind}:{id}")
}

fn period(indicator: IndicatorId, year: i32) -> String {
    PeriodId::from_key(&format!("{indicator}/{year}-01-01")).to_string()
}

pub(super) async fn load(store: &Store, report: &mut DemoReport) -> Result<(), StoreError> {
    if !missing::<result_node::Entity>(store, &node_id("goal").to_string()).await? {
        return Ok(());
    }
    let pk = store.actor_of("pk.secretariat").await?;
    let cn = store.actor_of("cn.secretariat").await?;
    for n in &NODES {
        let input = ResultInput {
            level: Some(n.level.into()),
            parent_id: (!n.parent.is_empty()).then(|| node_id(n.parent).to_string()),
            title: Some(n.title.into()),
            title_zh: Some(n.zh.into()),
            weight: Some(n.weight.into()),
            links: n.links.iter().map(|(kind, k)| link(kind, k)).collect(),
            ..Default::default()
        };
        store
            .create_result(&pk, node_id(n.key), &NewResult::try_from(&input)?)
            .await?;
    }
    for i in &INDICATORS {
        indicator(store, (&pk, &cn), i).await?;
    }
    report.created += NODES.len() + INDICATORS.len();
    Ok(())
}

async fn indicator(
    store: &Store,
    (pk, cn): (&Actor, &Actor),
    i: &super::results_data::Indicator,
) -> Result<(), StoreError> {
    let id = IndicatorId::from_key(&key("indicator", i.key));
    let first = i.targets.first().map_or(2019, |t| t.0);
    let input = IndicatorInput {
        result_id: Some(node_id(i.node).to_string()),
        title: Some(i.title.into()),
        title_zh: Some(i.zh.into()),
        unit: Some(i.unit.into()),
        currency: (!i.currency.is_empty()).then(|| i.currency.into()),
        aggregation: Some(i.aggregation.into()),
        dimensions: i.dimensions.iter().map(|d| (*d).to_owned()).collect(),
        computed_from: (!i.computed.is_empty()).then(|| i.computed.into()),
        baseline_value: (!i.baseline.0.is_empty()).then(|| i.baseline.0.into()),
        baseline_on: (!i.baseline.1.is_empty()).then(|| i.baseline.1.into()),
        baseline_source: (!i.baseline.0.is_empty()).then(|| SOURCE.into()),
        first_period: Some(format!("{first}-01-01")),
        last_period: Some(format!("{}-12-31", i.last_year)),
        ..Default::default()
    };
    store
        .create_indicator(pk, id, &NewIndicator::try_from(&input)?)
        .await?;
    for (year, value) in i.targets {
        let t = TargetInput {
            value: Some((*value).into()),
            dimensions: None,
        };
        store.set_target(pk, &period(id, *year), &t).await?;
    }
    for (n, (year, party, value, dims)) in i.actuals.iter().enumerate() {
        let a = ActualInput {
            value: Some((*value).into()),
            dimensions: (!dims.is_empty()).then(|| (*dims).into()),
            source: Some(SOURCE.into()),
            comment: None,
        };
        let actor = if *party == "pk" { pk } else { cn };
        let aid = ActualId::from_key(&format!("{}/{n}", key("actual", i.key)));
        store
            .report_actual(actor, &period(id, *year), aid, &a)
            .await?;
    }
    for (year, value) in i.agreed {
        for actor in [pk, cn] {
            store
                .validate_period(actor, &period(id, *year), value)
                .await?;
        }
    }
    for year in i.locked {
        store
            .lock_period(
                pk,
                &period(id, *year),
                true,
                Some("Validated at the year's review (illustrative)"),
            )
            .await?;
    }
    Ok(())
}
