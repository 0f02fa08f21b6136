use super::rollup::{PeriodFigure, current, score, weighted};
use super::values::{
    Confirmation, Reconciliation, Value, check_confirmation, parse_value, reconcile,
};
use super::*;
use time::macros::date;

#[test]
fn periods_are_generated_from_the_range_and_cover_it() {
    let years = periods(
        PeriodKind::Year,
        date!(2019 - 06 - 01),
        date!(2022 - 02 - 01),
    )
    .unwrap();
    assert_eq!(years.len(), 4);
    assert_eq!(years[0].starts_on, date!(2019 - 01 - 01));
    assert_eq!(years[3].ends_on, date!(2022 - 12 - 31));
    let quarters = periods(
        PeriodKind::Quarter,
        date!(2021 - 05 - 10),
        date!(2021 - 12 - 31),
    )
    .unwrap();
    let spans: Vec<_> = quarters.iter().map(|s| (s.starts_on, s.ends_on)).collect();
    assert_eq!(
        spans,
        [
            (date!(2021 - 04 - 01), date!(2021 - 06 - 30)),
            (date!(2021 - 07 - 01), date!(2021 - 09 - 30)),
            (date!(2021 - 10 - 01), date!(2021 - 12 - 31)),
        ]
    );
    assert!(
        periods(
            PeriodKind::Month,
            date!(2000 - 01 - 01),
            date!(2030 - 01 - 01)
        )
        .is_err()
    );
    assert_eq!(
        periods(
            PeriodKind::Year,
            date!(2022 - 01 - 01),
            date!(2021 - 01 - 01)
        )
        .unwrap_err()
        .field,
        "last_period"
    );
}

#[test]
fn values_are_read_by_unit() {
    assert_eq!(
        parse_value("value", Unit::Number, "1,250").unwrap(),
        Value::Number(1250.0)
    );
    let e = parse_value("value", Unit::Percentage, "120").unwrap_err();
    assert!(e.message.contains("from 0 to 100"), "{e:?}");
    assert_eq!(
        parse_value("value", Unit::Percentage, "45%").unwrap(),
        Value::Number(45.0)
    );
    assert_eq!(
        parse_value("value", Unit::YesNo, "Yes").unwrap(),
        Value::Number(1.0)
    );
    assert!(parse_value("value", Unit::YesNo, "maybe").is_err());
    assert!(
        parse_value("value", Unit::Number, "many")
            .unwrap_err()
            .message
            .contains("not a number")
    );
    assert!(parse_value("value", Unit::Currency, "-5").is_err());
    assert_eq!(
        parse_value("value", Unit::Qualitative, " Good progress ").unwrap(),
        Value::Text("Good progress".into())
    );
    assert_eq!(values::format_number(1_234_567.5), "1,234,567.5");
    assert_eq!(values::format_number(-40.0), "-40");
}

#[test]
fn the_two_sides_are_reconciled_within_the_tolerance() {
    let n = Value::Number;
    assert_eq!(reconcile(None, None, 5.0, false), Reconciliation::Empty);
    assert_eq!(
        reconcile(Some(&n(100.0)), None, 5.0, false),
        Reconciliation::Awaiting
    );
    assert_eq!(
        reconcile(Some(&n(100.0)), Some(&n(96.0)), 5.0, false),
        Reconciliation::Consistent
    );
    assert_eq!(
        reconcile(Some(&n(100.0)), Some(&n(90.0)), 5.0, false),
        Reconciliation::Discrepancy
    );
    assert_eq!(
        reconcile(Some(&n(100.0)), Some(&n(90.0)), 5.0, true),
        Reconciliation::Agreed
    );
    assert_eq!(
        reconcile(Some(&n(0.0)), Some(&n(0.0)), 0.0, false),
        Reconciliation::Consistent
    );
}

#[test]
fn an_agreed_figure_needs_one_officer_of_each_side_and_the_same_value() {
    let name = |p: &str| {
        if p == "pk" {
            "Pakistan".into()
        } else {
            "China".into()
        }
    };
    assert_eq!(check_confirmation(&[], "pk", name, "120"), Ok(false));
    let pk = Confirmation {
        party_id: "pk".into(),
        by: "pk.secretariat".into(),
        value: "120".into(),
        at: "2022-04-08T10:00:00Z".into(),
    };
    let e = check_confirmation(std::slice::from_ref(&pk), "pk", name, "120").unwrap_err();
    assert!(e.message.contains("one officer of each side"), "{e:?}");
    let e = check_confirmation(std::slice::from_ref(&pk), "cn", name, "118").unwrap_err();
    assert!(e.message.contains("Pakistan validated 120"), "{e:?}");
    assert_eq!(check_confirmation(&[pk], "cn", name, "120"), Ok(true));
}

#[test]
fn the_current_value_aggregates_agreed_periods_only() {
    let p = |agreed: Option<f64>, target: Option<f64>| PeriodFigure { agreed, target };
    let periods = [
        p(Some(10.0), Some(10.0)),
        p(None, Some(20.0)),
        p(Some(30.0), Some(30.0)),
        p(None, Some(40.0)),
    ];
    assert_eq!(
        current(Aggregation::Sum, &periods),
        Some((40.0, Some(60.0)))
    );
    assert_eq!(
        current(Aggregation::Average, &periods),
        Some((20.0, Some(20.0)))
    );
    assert_eq!(
        current(Aggregation::Latest, &periods),
        Some((30.0, Some(30.0)))
    );
    assert_eq!(current(Aggregation::Latest, &[p(None, Some(1.0))]), None);
}

#[test]
fn scores_run_from_baseline_to_target_both_ways_and_roll_up_by_weight() {
    let s = |d, base, v, t| score(Unit::Number, d, base, v, t);
    assert_eq!(
        s(Direction::Higher, Some(100.0), 150.0, Some(200.0)),
        Some(0.5)
    );
    assert_eq!(
        s(Direction::Higher, Some(100.0), 250.0, Some(200.0)),
        Some(1.0)
    );
    assert_eq!(
        s(Direction::Higher, Some(100.0), 50.0, Some(200.0)),
        Some(0.0)
    );
    assert_eq!(s(Direction::Lower, Some(40.0), 30.0, Some(20.0)), Some(0.5));
    assert_eq!(s(Direction::Higher, None, 30.0, Some(40.0)), Some(0.75));
    assert_eq!(s(Direction::Higher, Some(5.0), 5.0, Some(5.0)), Some(1.0));
    assert_eq!(s(Direction::Higher, Some(5.0), 5.0, None), None);
    assert_eq!(
        score(Unit::YesNo, Direction::Higher, None, 1.0, None),
        Some(1.0)
    );
    assert_eq!(
        score(Unit::Qualitative, Direction::Higher, None, 1.0, Some(1.0)),
        None
    );
    // Σ wᵢ·sᵢ ÷ Σ wᵢ over scored parts: (2 × 0.5 + 1 × 1.0) ÷ 3.
    let r = weighted(&[(2.0, Some(0.5)), (1.0, Some(1.0)), (5.0, None)]).unwrap();
    assert!((r - 2.0 / 3.0).abs() < 1e-9, "{r}");
    assert_eq!(weighted(&[(1.0, None)]), None);
}

#[test]
fn an_indicator_input_is_checked_whole() {
    let base = IndicatorInput {
        result_id: Some(ResultId::from_key("r").to_string()),
        title: Some("Share of actions done on time".into()),
        first_period: Some("2019-01-01".into()),
        last_period: Some("2022-12-31".into()),
        ..Default::default()
    };
    let ok = NewIndicator::try_from(&base).unwrap();
    assert_eq!(
        (ok.unit, ok.periods.len(), ok.tolerance),
        (Unit::Number, 4, 5.0)
    );
    let mut i = base.clone();
    i.computed_from = Some("register_on_time".into());
    i.unit = Some("number".into());
    i.baseline_value = Some("150".into());
    i.currency = Some("USD".into());
    i.dimensions = vec!["Province".into()];
    let e = NewIndicator::try_from(&i).unwrap_err();
    let fields: Vec<_> = e.0.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["unit", "currency", "dimensions"]);
    let mut i = base;
    i.computed_from = Some("register_on_time".into());
    i.baseline_value = Some("150".into());
    let e = NewIndicator::try_from(&i).unwrap_err();
    assert_eq!(e.0[0].field, "baseline_value");
    assert!(e.0[0].message.contains("from 0 to 100"));
}

#[test]
fn a_node_hangs_under_the_level_above_it() {
    let node = |level: &str, parent: Option<&str>| ResultInput {
        level: Some(level.into()),
        parent_id: parent.map(Into::into),
        title: Some("Node".into()),
        ..Default::default()
    };
    let parent = ResultId::from_key("goal").to_string();
    assert!(NewResult::try_from(&node("goal", None)).is_ok());
    assert_eq!(
        NewResult::try_from(&node("goal", Some(&parent)))
            .unwrap_err()
            .0[0]
            .field,
        "parent_id"
    );
    let e = NewResult::try_from(&node("outcome", None)).unwrap_err();
    assert!(
        e.0[0]
            .message
            .contains("an outcome hangs under a line of impact")
            || e.0[0].message.contains("hangs under"),
        "{e:?}"
    );
    let mut w = node("line", Some(&parent));
    w.weight = Some("-1".into());
    assert_eq!(NewResult::try_from(&w).unwrap_err().0[0].field, "weight");
}
