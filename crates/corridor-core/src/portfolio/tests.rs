use super::finance::{
    FinanceFact, FinanceInput, FinanceKind, NewFinance, amount, format_amount, totals,
};
use super::milestone::{
    MilestoneFact, MilestoneInput, MilestoneStatus, NewMilestone, WeightsInput, parse_weights,
    progress, roll_up,
};
use super::update::{Figure, FigureInput, Metric, NewUpdate, Reported, UpdateInput, disagree};
use super::{NewProject, ProjectInput};
use crate::ids::MilestoneId;
use std::collections::BTreeMap;
use time::macros::date;

const TODAY: time::Date = date!(2026 - 11 - 29);

fn fields(e: &crate::ValidationErrors) -> Vec<&str> {
    e.0.iter().map(|f| f.field.as_str()).collect()
}

#[test]
fn a_project_refuses_bad_coordinates_negative_areas_and_future_actual_dates() {
    let e = NewProject::parse(
        &ProjectInput {
            kind: Some("special_economic_zone".into()),
            name: Some("Rashakai".into()),
            latitude: Some("95".into()),
            longitude: Some("72".into()),
            area: Some("-4".into()),
            actual_start: Some("2030-01-01".into()),
            stalled: Some("true".into()),
            ..Default::default()
        },
        TODAY,
    )
    .unwrap_err();
    assert_eq!(
        fields(&e),
        ["latitude", "area", "stalled_reason", "actual_start"]
    );
    let ok = NewProject::parse(
        &ProjectInput {
            kind: Some("special_economic_zone".into()),
            name: Some("Rashakai Special Economic Zone".into()),
            latitude: Some("34.03".into()),
            longitude: Some("72.07".into()),
            area: Some("1,000".into()),
            ..Default::default()
        },
        TODAY,
    )
    .unwrap();
    assert_eq!(ok.area.unwrap().0, 1000.0);
    assert_eq!(ok.location, Some((34.03, 72.07)));
}

fn m(status: MilestoneStatus) -> MilestoneFact {
    MilestoneFact {
        id: MilestoneId::new(),
        status,
    }
}

#[test]
fn progress_weighs_milestones_by_the_published_formula() {
    let list = [
        m(MilestoneStatus::Met),
        m(MilestoneStatus::PartlyMet),
        m(MilestoneStatus::Scheduled),
        m(MilestoneStatus::NotMet),
    ];
    // Without weights every milestone counts 25: 25 + 12.5 = 37.5.
    let p = progress(&list, &BTreeMap::new());
    assert_eq!(p.percent, Some(37.5));
    assert!(!p.weighted);
    // With weights 40/20/20/20: 40 + 10 = 50.
    let w: BTreeMap<MilestoneId, u32> = list
        .iter()
        .zip([40, 20, 20, 20])
        .map(|(m, w)| (m.id, w))
        .collect();
    let p = progress(&list, &w);
    assert_eq!(p.percent, Some(50.0));
    assert!(p.weighted);
    // Weights that no longer cover every milestone fall back to equal weights.
    let mut more = list.to_vec();
    more.push(m(MilestoneStatus::Met));
    let p = progress(&more, &w);
    assert!(!p.weighted);
    assert_eq!(p.percent, Some(50.0));
    assert_eq!(progress(&[], &w).percent, None);
    assert_eq!(roll_up(&[Some(50.0), None, Some(100.0)]), Some(75.0));
    assert_eq!(roll_up(&[None]), None);
}

#[test]
fn weights_must_cover_every_milestone_and_total_100() {
    let (a, b) = (MilestoneId::new(), MilestoneId::new());
    let input = |pairs: &[(MilestoneId, &str)]| WeightsInput {
        weights: pairs
            .iter()
            .map(|(id, w)| (id.to_string(), (*w).to_owned()))
            .collect(),
    };
    let e = parse_weights(&input(&[(a, "60"), (b, "30")]), &[a, b]).unwrap_err();
    assert!(e.0[0].message.contains("total 90"), "{e:?}");
    assert!(parse_weights(&input(&[(a, "100")]), &[a, b]).is_err());
    assert!(parse_weights(&input(&[(a, "50"), (b, "x")]), &[a, b]).is_err());
    let ok = parse_weights(&input(&[(a, "70"), (b, "30")]), &[a, b]).unwrap();
    assert_eq!(ok[&a], 70);
}

#[test]
fn a_milestone_met_has_its_date_and_never_a_future_one() {
    let e = NewMilestone::parse(
        &MilestoneInput {
            title: Some("Development agreement signed".into()),
            kind: Some("approval".into()),
            status: Some("met".into()),
            ..Default::default()
        },
        TODAY,
    )
    .unwrap_err();
    assert_eq!(fields(&e), ["actual_on"]);
    let e = NewMilestone::parse(
        &MilestoneInput {
            title: Some("Ground-breaking".into()),
            kind: Some("delivery".into()),
            actual_on: Some("2027-01-01".into()),
            ..Default::default()
        },
        TODAY,
    )
    .unwrap_err();
    assert!(e.0[0].message.contains("future"));
}

#[test]
fn amounts_need_a_currency_and_totals_never_mix_kinds_currencies_or_umbrellas() {
    let e = NewFinance::try_from(&FinanceInput {
        kind: Some("commitment".into()),
        amount: Some("7,000,000,000".into()),
        dated_on: Some("2021-06-04".into()),
        ..Default::default()
    })
    .unwrap_err();
    assert_eq!(fields(&e), ["currency", "project_id"]);
    assert_eq!(amount("amount", Some("1,500.5")).unwrap(), 150_050);
    assert!(
        amount("amount", Some("-3"))
            .unwrap_err()
            .message
            .contains("negative")
    );
    assert!(amount("amount", Some("1.234")).is_err());
    assert_eq!(format_amount(700_000_000_000), "7,000,000,000");
    assert_eq!(format_amount(150_050), "1,500.50");
    let fact = |kind, currency: &str, amount_minor, umbrella| FinanceFact {
        kind,
        currency: currency.into(),
        amount_minor,
        umbrella,
    };
    let t = totals(&[
        fact(FinanceKind::Pledge, "USD", 100, false),
        fact(FinanceKind::Commitment, "USD", 200, false),
        fact(FinanceKind::Commitment, "USD", 300, false),
        fact(FinanceKind::Commitment, "PKR", 400, false),
        fact(FinanceKind::Commitment, "USD", 9_000, true),
    ]);
    let view: Vec<(&str, &str, i64, bool)> = t
        .iter()
        .map(|t| {
            (
                t.kind.as_str(),
                t.currency.as_str(),
                t.amount_minor,
                t.umbrella,
            )
        })
        .collect();
    assert_eq!(
        view,
        [
            ("pledge", "USD", 100, false),
            ("commitment", "PKR", 400, false),
            ("commitment", "USD", 500, false),
            ("commitment", "USD", 9_000, true),
        ]
    );
}

#[test]
fn figures_keep_their_sources_and_disagreements_show() {
    let e = NewUpdate::parse(
        &UpdateInput {
            reported_on: Some("2020-07-15".into()),
            narrative: Some("Areas reported to the Senate.".into()),
            figures: vec![
                FigureInput {
                    metric: Some("area".into()),
                    value: Some("1,000".into()),
                    unit: Some("acres".into()),
                    source: None,
                },
                FigureInput {
                    metric: Some("investment".into()),
                    value: Some("128000000".into()),
                    ..Default::default()
                },
            ],
            ..Default::default()
        },
        TODAY,
    )
    .unwrap_err();
    assert_eq!(fields(&e), ["figures[0].source", "figures[1].unit"]);
    let r = |value, source: &str, on| Reported {
        figure: Figure {
            metric: Metric::Area,
            value,
            unit: "acres".into(),
            source: source.into(),
        },
        on,
    };
    assert!(disagree(&[
        r(1000.0, "Senate reply", date!(2020 - 07 - 15)),
        r(247.0, "Zone report", date!(2024 - 03 - 01)),
    ]));
    assert!(!disagree(&[
        r(1000.0, "Senate reply", date!(2020 - 07 - 15)),
        r(1000.0, "Zone report", date!(2024 - 03 - 01)),
    ]));
    // A source that revised its own figure does not disagree with itself.
    assert!(!disagree(&[
        r(900.0, "Senate reply", date!(2019 - 07 - 15)),
        r(1000.0, "Senate reply", date!(2020 - 07 - 15)),
    ]));
}
