//! The demo's portfolio: the four zones, the steel mills' revival with its industrial park, the Karachi coastal
//! zone and the young workers exchange, with milestones, updates whose figures keep their sources (the zones'
//! areas disagree between the 2020 Senate reply and a 2024 report), the park's approved cost, and a risk.

use super::portfolio_data::{MILESTONES, PROJECTS, UPDATES};
use super::{DemoReport, key, missing};
use crate::entity::project;
use crate::{Store, StoreError};
use corridor_core::Actor;
use corridor_core::ids::{FinanceId, MilestoneId, OrganisationId, ProjectId, RiskId, UpdateId};
use corridor_core::portfolio::finance::{FinanceInput, NewFinance};
use corridor_core::portfolio::milestone::{MilestoneInput, NewMilestone};
use corridor_core::portfolio::update::{FigureInput, NewUpdate, UpdateInput};
use corridor_core::portfolio::{NewProject, NewRisk, ProjectInput, RiskInput};

fn project_id(k: &str) -> ProjectId {
    ProjectId::from_key(&key("project", k))
}

fn org(k: &str) -> String {
    OrganisationId::from_key(&key("organisation", k)).to_string()
}

fn text(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_owned())
}

pub(super) async fn load(store: &Store, report: &mut DemoReport) -> Result<(), StoreError> {
    if !missing::<project::Entity>(store, &project_id("rashakai").to_string()).await? {
        return Ok(());
    }
    let pk = store.actor_of("pk.secretariat").await?;
    let cn = store.actor_of("cn.secretariat").await?;
    projects(store, &pk, report).await?;
    milestones(store, &pk, report).await?;
    updates(store, (&pk, &cn), report).await?;
    money_and_risks(store, &pk, report).await
}

async fn projects(store: &Store, pk: &Actor, report: &mut DemoReport) -> Result<(), StoreError> {
    // Demo dates are all in the past; the real clock bounds actual dates.
    let today = corridor_core::now().date();
    for (k, kind, name, zh, sector, province, at, area, leads, parent, status, dates) in PROJECTS {
        let input = ProjectInput {
            kind: Some(kind.into()),
            name: Some(name.into()),
            name_zh: Some(zh.into()),
            name_ur: super::portfolio_data::URDU_NAMES
                .iter()
                .find(|(key, _)| *key == k)
                .map(|(_, ur)| (*ur).to_owned()),
            sector: text(sector),
            province: text(province),
            latitude: at.map(|a| a.0.to_owned()),
            longitude: at.map(|a| a.1.to_owned()),
            area: text(area),
            area_unit: text(area).map(|_| "acres".to_owned()),
            lead_organisation_ids: leads.iter().map(|l| org(l)).collect(),
            parent_id: text(parent).map(|p| project_id(&p).to_string()),
            status: Some(status.into()),
            planned_start: text(dates.0),
            planned_end: text(dates.1),
            actual_start: text(dates.2),
            visibility: Some("public".into()),
            ..Default::default()
        };
        store
            .create_project(pk, project_id(k), &NewProject::parse(&input, today)?)
            .await?;
        report.created += 1;
    }
    Ok(())
}

async fn milestones(store: &Store, pk: &Actor, report: &mut DemoReport) -> Result<(), StoreError> {
    let today = corridor_core::now().date();
    for (k, p, title, kind, planned, actual, status) in MILESTONES {
        let input = MilestoneInput {
            title: Some(title.into()),
            kind: Some(kind.into()),
            planned_on: text(planned),
            actual_on: text(actual),
            status: Some(status.into()),
            ..Default::default()
        };
        store
            .add_milestone(
                pk,
                &project_id(p).to_string(),
                MilestoneId::from_key(&key("milestone", k)),
                &NewMilestone::parse(&input, today)?,
            )
            .await?;
        report.created += 1;
    }
    Ok(())
}

async fn updates(
    store: &Store,
    (pk, cn): (&Actor, &Actor),
    report: &mut DemoReport,
) -> Result<(), StoreError> {
    let today = corridor_core::now().date();
    for (k, p, on, by, narrative, zh, by_china, figures) in UPDATES {
        let input = UpdateInput {
            reported_on: Some(on.into()),
            organisation_id: Some(org(by)),
            narrative: Some(narrative.into()),
            narrative_zh: Some(zh.into()),
            figures: figures
                .iter()
                .map(|(metric, value, unit, source)| FigureInput {
                    metric: Some((*metric).into()),
                    value: Some((*value).into()),
                    unit: Some((*unit).into()),
                    source: Some((*source).into()),
                })
                .collect(),
            ..Default::default()
        };
        store
            .add_update(
                if by_china { cn } else { pk },
                &project_id(p).to_string(),
                UpdateId::from_key(&key("update", k)),
                &NewUpdate::parse(&input, today)?,
            )
            .await?;
        report.created += 1;
    }
    Ok(())
}

async fn money_and_risks(
    store: &Store,
    pk: &Actor,
    report: &mut DemoReport,
) -> Result<(), StoreError> {
    let park = FinanceInput {
        kind: Some("commitment".into()),
        amount: Some("7,000,000,000".into()),
        currency: Some("PKR".into()),
        dated_on: Some("2021-06-04".into()),
        source: Some("Development working party approval, 4 June 2021".into()),
        project_id: Some(project_id("psm-park").to_string()),
        ..Default::default()
    };
    store
        .add_finance(
            pk,
            FinanceId::from_key(&key("finance", "psm-park")),
            &NewFinance::try_from(&park)?,
        )
        .await?;
    let risk = RiskInput {
        title: Some("Reported areas of the zone disagree between sources".into()),
        severity: Some("medium".into()),
        owner_organisation_id: Some(org("kpezdmc")),
        mitigation: Some(
            "Reconcile the developed and notified areas with the zone company before the next review (illustrative)."
                .into(),
        ),
        status: Some("open".into()),
    };
    store
        .add_risk(
            pk,
            &project_id("rashakai").to_string(),
            RiskId::from_key(&key("risk", "rashakai-area")),
            &NewRisk::try_from(&risk)?,
        )
        .await?;
    report.created += 2;
    Ok(())
}
