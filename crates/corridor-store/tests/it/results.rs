//! Measurable impact in the store: the demo framework scored from agreed figures only, a discrepancy resolved
//! by one officer of each side and the roll-up changing with it, computed indicators following their
//! records, and the reconciliation rules' refusals, which change nothing.

use crate::support::event_count;
use corridor_core::Viewer;
use corridor_core::business::{MatchmakingInput, NewMatchmaking};
use corridor_core::ids::{CompanyId, IndicatorId, MatchmakingId, PeriodId};
use corridor_core::results::values::{ActualInput, Reconciliation};
use corridor_core::results::view::{Framework, IndicatorView, ResultView};
use corridor_core::results::{IndicatorInput, NewIndicator};
use corridor_store::testing::each_backend_demo;
use corridor_store::{Store, StoreError};

fn indicator(k: &str) -> String {
    IndicatorId::from_key(&format!("demo/indicator/{k}")).to_string()
}

fn period(k: &str, year: i32) -> String {
    PeriodId::from_key(&format!("{}/{year}-01-01", indicator(k))).to_string()
}

fn line<'a>(f: &'a Framework, title: &str) -> &'a ResultView {
    f.roots[0]
        .children
        .iter()
        .find(|l| l.title == title)
        .unwrap_or_else(|| panic!("no line {title}"))
}

fn find<'a>(n: &'a ResultView, k: &str) -> Option<&'a IndicatorView> {
    let id = indicator(k);
    n.indicators
        .iter()
        .find(|i| i.id == id)
        .or_else(|| n.children.iter().find_map(|c| find(c, k)))
}

fn refusal(r: Result<impl std::fmt::Debug, StoreError>) -> String {
    match r {
        Err(StoreError::Invalid(e)) => format!("{}: {}", e.0[0].field, e.0[0].message),
        Err(StoreError::Conflict { message, .. }) => message,
        Err(StoreError::Forbidden(m)) => m,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

async fn refused<T: std::fmt::Debug>(
    s: &Store,
    expected: &str,
    op: impl std::future::Future<Output = Result<T, StoreError>>,
) {
    let before = event_count(s).await;
    let msg = refusal(op.await);
    assert!(msg.contains(expected), "{msg}");
    assert_eq!(event_count(s).await, before, "{msg}");
}

fn actual(value: &str) -> ActualInput {
    ActualInput {
        value: Some(value.into()),
        ..Default::default()
    }
}

#[tokio::test]
async fn a_discrepancy_is_validated_by_each_side_and_the_roll_up_follows() {
    for db in each_backend_demo().await {
        let (s, label) = (&db.store, db.label);
        let pk = s.actor_of("pk.secretariat").await.unwrap();
        let cn = s.actor_of("cn.secretariat").await.unwrap();
        let f = s.framework(&pk.viewer()).await.unwrap();
        assert_eq!(f.roots.len(), 1, "{label}: one goal");
        let lines: Vec<&str> = f.roots[0]
            .children
            .iter()
            .map(|l| l.title.as_str())
            .collect();
        assert_eq!(
            lines,
            [
                "Industrial cooperation",
                "Special economic zones",
                "Business to business",
                "People to people"
            ],
            "{label}"
        );
        let zones = line(&f, "Special economic zones");
        assert_eq!(zones.discrepancies, 1, "{label}");
        let plots = find(zones, "plots").unwrap();
        // The dashboard lists the discrepancy with each side's figure, and counts it.
        assert_eq!(f.discrepancy_total, 1, "{label}");
        let listed = &f.discrepancies[0];
        assert_eq!(
            (listed.indicator.id.as_str(), listed.label.as_str()),
            (plots.id.as_str(), "2021"),
            "{label}"
        );
        let mut figures: Vec<String> = listed
            .headlines
            .iter()
            .filter_map(|h| h.value.clone())
            .collect();
        figures.sort();
        assert_eq!(figures, ["118", "96"], "{label}");
        // Only agreed figures count: 2020's 64 against 60, from a baseline of 20, is the whole way.
        assert_eq!(
            (plots.current, plots.current_target, plots.score),
            (Some(64.0), Some(60.0), Some(1.0))
        );
        let before = zones.score.unwrap();
        // Both sides validate 110 for 2021: the score now counts 110 against 150.
        s.validate_period(&pk, &period("plots", 2021), "110")
            .await
            .unwrap();
        let still = s
            .indicator(&cn.viewer(), &indicator("plots"))
            .await
            .unwrap();
        assert_eq!(
            still.current,
            Some(64.0),
            "{label}: one side's validation agrees nothing"
        );
        let agreed = s
            .validate_period(&cn, &period("plots", 2021), "110")
            .await
            .unwrap();
        let p = agreed.periods.iter().find(|p| p.label == "2021").unwrap();
        assert_eq!(
            (p.reconciliation.clone(), p.agreed.as_deref()),
            (Reconciliation::Agreed, Some("110"))
        );
        assert_eq!(agreed.current, Some(110.0));
        let expected = (110.0 - 20.0) / (150.0 - 20.0);
        assert!((agreed.score.unwrap() - expected).abs() < 1e-9, "{label}");
        let after = s.framework(&cn.viewer()).await.unwrap();
        let zones = line(&after, "Special economic zones");
        assert!(
            zones.score.unwrap() < before,
            "{label}: the line's score follows"
        );
        assert_eq!(zones.discrepancies, 0, "{label}");
        // Computed from the records: the visit's three and the 2023 cohort's one.
        let people = find(line(&after, "People to people"), "participants").unwrap();
        let y2023 = people.periods.iter().find(|p| p.label == "2023").unwrap();
        assert_eq!(y2023.computed.as_deref(), Some("4"), "{label}");
        // The kept standings are what recomputing every indicator from its periods gives.
        assert_eq!(s.refresh_standings().await.unwrap(), 7, "{label}");
        assert_eq!(s.framework(&cn.viewer()).await.unwrap(), after, "{label}");
        // Shared, not public: anonymous readers see no framework.
        assert!(
            s.framework(&Viewer::Anonymous)
                .await
                .unwrap()
                .roots
                .is_empty()
        );
        assert!(s.verify().await.unwrap().problems.is_empty(), "{label}");
    }
}

#[tokio::test]
async fn a_computed_indicator_follows_its_records() {
    for db in each_backend_demo().await {
        let s = &db.store;
        let pk = s.actor_of("pk.secretariat").await.unwrap();
        let count = |i: &IndicatorView, label: &str| {
            i.periods
                .iter()
                .find(|p| p.label == label)
                .and_then(|p| p.computed.clone())
        };
        let before = s
            .indicator(&pk.viewer(), &indicator("matchmakings"))
            .await
            .unwrap();
        assert_eq!(count(&before, "2022").as_deref(), Some("1"));
        let company = |k: &str| CompanyId::from_key(&format!("demo/company/{k}")).to_string();
        let m = NewMatchmaking::parse(
            &MatchmakingInput {
                held_on: Some("2022-11-02".into()),
                company_ids: vec![company("faisalabad-knit"), company("jiangsu-garment")],
                topic: Some("Knitwear orders".into()),
                ..Default::default()
            },
            corridor_core::now().date(),
        )
        .unwrap();
        s.add_matchmaking(&pk, MatchmakingId::new(), &m)
            .await
            .unwrap();
        let after = s
            .indicator(&pk.viewer(), &indicator("matchmakings"))
            .await
            .unwrap();
        assert_eq!(count(&after, "2022").as_deref(), Some("2"));
        assert_eq!(after.current, Some(3.0), "summed over 2022 and 2023");
        // Nothing is typed into a computed indicator.
        refused(
            s,
            "computed from the records",
            s.report_actual(
                &pk,
                &period("matchmakings", 2022),
                Default::default(),
                &actual("5"),
            ),
        )
        .await;
    }
}

#[tokio::test]
#[expect(
    clippy::too_many_lines,
    reason = "each refusal in turn, each checked to change nothing"
)]
async fn reconciliation_refuses_by_name_and_changes_nothing() {
    for db in each_backend_demo().await {
        let s = &db.store;
        let pk = s.actor_of("pk.secretariat").await.unwrap();
        let pk_admin = s.actor_of("pk.admin").await.unwrap();
        let cn = s.actor_of("cn.secretariat").await.unwrap();
        let observer = s.actor_of("pk.cochair").await.unwrap();
        // The same side twice; a different figure from the other side.
        s.validate_period(&pk, &period("investment", 2022), "65,000,000")
            .await
            .unwrap();
        refused(
            s,
            "one officer of each side",
            s.validate_period(&pk_admin, &period("investment", 2022), "65000000"),
        )
        .await;
        refused(
            s,
            "Pakistan validated 65,000,000",
            s.validate_period(&cn, &period("investment", 2022), "64000000"),
        )
        .await;
        // Withdrawn, the other side may then propose its own figure.
        s.withdraw_validation(&pk, &period("investment", 2022))
            .await
            .unwrap();
        s.validate_period(&cn, &period("investment", 2022), "64000000")
            .await
            .unwrap();
        // Values of the wrong kind, and from someone who does not report.
        refused(
            s,
            "not a number",
            s.report_actual(
                &pk,
                &period("plots", 2022),
                Default::default(),
                &actual("many"),
            ),
        )
        .await;
        refused(
            s,
            "not a dimension of this indicator",
            s.report_actual(
                &pk,
                &period("plots", 2022),
                Default::default(),
                &ActualInput {
                    value: Some("12".into()),
                    dimensions: Some("province=Sindh".into()),
                    ..Default::default()
                },
            ),
        )
        .await;
        assert!(matches!(
            s.report_actual(
                &observer,
                &period("plots", 2022),
                Default::default(),
                &actual("12")
            )
            .await,
            Err(StoreError::Forbidden(_))
        ));
        // A period outside the range is named with the range.
        assert!(
            refusal(s.period_on(&pk.viewer(), &indicator("plots"), "2025").await)
                .contains("outside the indicator's range, from 2019-01-01 to 2022-12-31")
        );
        // A percentage over 100.
        let share = NewIndicator::try_from(&IndicatorInput {
            result_id: Some(
                corridor_core::ids::ResultId::from_key("demo/result/ic-plans").to_string(),
            ),
            title: Some("Share of recommendations under way".into()),
            unit: Some("percentage".into()),
            first_period: Some("2022-01-01".into()),
            last_period: Some("2022-12-31".into()),
            ..Default::default()
        })
        .unwrap();
        let made = s
            .create_indicator(&pk, IndicatorId::new(), &share)
            .await
            .unwrap();
        refused(
            s,
            "from 0 to 100",
            s.report_actual(&pk, &made.periods[0].id, Default::default(), &actual("120")),
        )
        .await;
        // A locked period changes only after an unlock with a reason, which stays in its history.
        let locked = period("plots", 2019);
        refused(
            s,
            "locked",
            s.report_actual(&cn, &locked, Default::default(), &actual("29")),
        )
        .await;
        refused(s, "locked", s.set_target(&pk, &locked, &Default::default())).await;
        refused(s, "say why", s.lock_period(&cn, &locked, false, None)).await;
        refused(
            s,
            "once both sides have validated",
            s.lock_period(&cn, &period("plots", 2022), true, None),
        )
        .await;
        s.lock_period(
            &cn,
            &locked,
            false,
            Some("The zone authority corrected its count"),
        )
        .await
        .unwrap();
        s.report_actual(&cn, &locked, Default::default(), &actual("29"))
            .await
            .unwrap();
        let history = s
            .history::<corridor_store::entity::indicator_period::Entity>(&pk.viewer(), &locked)
            .await
            .unwrap();
        let unlock = history.iter().find(|h| h.action == "unlocked").unwrap();
        assert!(
            unlock
                .changes
                .iter()
                .any(|c| c.to.as_deref() == Some("The zone authority corrected its count"))
        );
        // Targets belong to the indicator's owner side.
        assert!(matches!(
            s.set_target(
                &cn,
                &period("plots", 2022),
                &corridor_core::results::values::TargetInput {
                    value: Some("10".into()),
                    dimensions: None,
                }
            )
            .await,
            Err(StoreError::Forbidden(_))
        ));
        assert!(s.verify().await.unwrap().problems.is_empty());
    }
}
