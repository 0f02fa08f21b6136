//! The portfolio in the store: the demo's zones with their progress by the published formula, figures whose
//! sources disagree kept side by side, a parent's roll-up, the finance totals' rules, the progress review pack
//! of the 5th meeting, and the visibility of a party's own project. Refusals change nothing.

use crate::support::event_count;
use corridor_core::ids::{FinanceId, InstrumentId, MeetingId, MilestoneId, ProjectId};
use corridor_core::portfolio::finance::{FinanceInput, NewFinance};
use corridor_core::portfolio::milestone::WeightsInput;
use corridor_core::portfolio::{NewProject, ProjectInput};
use corridor_store::StoreError;
use corridor_store::testing::each_backend_demo;

fn project(k: &str) -> String {
    ProjectId::from_key(&format!("demo/project/{k}")).to_string()
}

fn milestone(k: &str) -> String {
    MilestoneId::from_key(&format!("demo/milestone/{k}")).to_string()
}

fn finance(
    kind: &str,
    amount: &str,
    currency: &str,
    project: Option<String>,
    instrument: Option<String>,
) -> NewFinance {
    NewFinance::try_from(&FinanceInput {
        kind: Some(kind.into()),
        amount: Some(amount.into()),
        currency: Some(currency.into()),
        dated_on: Some("2021-01-10".into()),
        project_id: project,
        instrument_id: instrument,
        ..Default::default()
    })
    .unwrap()
}

#[tokio::test]
#[expect(
    clippy::too_many_lines,
    reason = "one story: a zone's page, its weights, the roll-up, finance, and the review pack"
)]
async fn zones_progress_by_the_published_formula_and_keep_every_source() {
    for db in each_backend_demo().await {
        let (s, label) = (&db.store, db.label);
        let pk = s.actor_of("pk.secretariat").await.unwrap();
        let cn = s.actor_of("cn.secretariat").await.unwrap();

        // Rashakai: met, met, partly met, scheduled, with equal weights: 25 + 25 + 12.5 = 62.5.
        let r = s
            .project_detail(&cn.viewer(), &project("rashakai"))
            .await
            .unwrap();
        assert_eq!(r.progress.percent, Some(62.5), "{label}");
        assert!(!r.progress.weighted, "{label}");
        assert!(
            r.progress.formula.contains("Σ (weight × credit)"),
            "{label}"
        );
        let area = r.figures.iter().find(|g| g.metric == "area").unwrap();
        assert!(
            area.disagree,
            "{label}: the Senate's 1,000 acres and the 2024 report's 247"
        );
        let sources: Vec<(&str, f64)> = area
            .reported
            .iter()
            .map(|f| (f.source.as_str(), f.value))
            .collect();
        assert_eq!(
            sources,
            [
                ("Zone status report, 2024", 247.0),
                ("Reply to the Senate, July 2020", 1000.0)
            ],
            "{label}"
        );
        assert_eq!(r.risks.len(), 1, "{label}");
        assert_eq!(r.project.lead_organisations.len(), 2, "{label}");

        // Weights that do not total 100 are refused and change nothing; good ones change the progress.
        let ids = [
            "rashakai-da",
            "rashakai-gb",
            "rashakai-plots",
            "rashakai-utilities",
        ];
        let weights = |ws: [&str; 4]| WeightsInput {
            weights: ids
                .iter()
                .zip(ws)
                .map(|(k, w)| (milestone(k), w.to_owned()))
                .collect(),
        };
        let before = event_count(s).await;
        let err = s
            .set_milestone_weights(&pk, &project("rashakai"), &weights(["40", "40", "10", "5"]))
            .await
            .unwrap_err();
        match err {
            StoreError::Invalid(e) => {
                assert!(e.0[0].message.contains("total 95"), "{label}: {e:?}")
            }
            other => panic!("{label}: {other:?}"),
        }
        assert_eq!(event_count(s).await, before, "{label}");
        assert!(
            s.set_milestone_weights(
                &cn,
                &project("rashakai"),
                &weights(["40", "40", "10", "10"])
            )
            .await
            .is_err(),
            "{label}: only the owner side weighs"
        );
        s.set_milestone_weights(
            &pk,
            &project("rashakai"),
            &weights(["40", "40", "10", "10"]),
        )
        .await
        .unwrap();
        let r = s
            .project_detail(&cn.viewer(), &project("rashakai"))
            .await
            .unwrap();
        assert_eq!(r.progress.percent, Some(85.0), "{label}: 40 + 40 + 5");
        assert!(r.progress.weighted, "{label}");
        assert_eq!(r.milestones[0].weight, 40.0, "{label}");

        // The revival rolls up its industrial park (met, scheduled: 50).
        let psm = s
            .project_detail(&cn.viewer(), &project("psm"))
            .await
            .unwrap();
        assert_eq!(psm.parts.len(), 1, "{label}");
        assert_eq!(psm.progress.roll_up, Some(50.0), "{label}");
        assert_eq!(psm.progress.percent, Some(0.0), "{label}");

        // Finance: kinds and currencies apart, the umbrella agreement's amount never added to projects.
        let fa = InstrumentId::from_key("demo/instrument/fa").to_string();
        for (kind, amount, currency, p, i) in [
            (
                "pledge",
                "50,000,000",
                "USD",
                Some(project("dhabeji")),
                None,
            ),
            (
                "commitment",
                "20,000,000",
                "USD",
                Some(project("dhabeji")),
                None,
            ),
            (
                "commitment",
                "30,000,000",
                "USD",
                Some(project("aiic")),
                None,
            ),
            ("commitment", "1,000,000,000", "USD", None, Some(fa.clone())),
        ] {
            s.add_finance(
                &pk,
                FinanceId::new(),
                &finance(kind, amount, currency, p, i),
            )
            .await
            .unwrap();
        }
        let all = s.all_finance(&cn.viewer()).await.unwrap();
        let totals = corridor_store::portfolio::finance_totals(&all);
        let view: Vec<(&str, &str, &str, bool)> = totals
            .iter()
            .map(|t| {
                (
                    t.kind.as_str(),
                    t.currency.as_str(),
                    t.amount.as_str(),
                    t.umbrella,
                )
            })
            .collect();
        assert_eq!(
            view,
            [
                ("pledge", "USD", "50,000,000", false),
                ("commitment", "PKR", "7,000,000,000", false),
                ("commitment", "USD", "50,000,000", false),
                ("commitment", "USD", "1,000,000,000", true),
            ],
            "{label}"
        );
        let other_side = s
            .add_finance(
                &cn,
                FinanceId::new(),
                &finance("pledge", "1", "USD", Some(project("dhabeji")), None),
            )
            .await;
        assert!(
            other_side.is_err(),
            "{label}: China records no finance on Pakistan's project"
        );

        // The 5th meeting's review pack covers the time since the 4th.
        let fifth = MeetingId::from_key("demo/meeting/jwg-5").to_string();
        let pack = s.progress_review(&cn.viewer(), &fifth).await.unwrap();
        assert_eq!(pack.since.as_deref(), Some("2019-10-23"), "{label}");
        assert_eq!(pack.until, "2020-12-15", "{label}");
        let rashakai = pack
            .projects
            .iter()
            .find(|p| p.project.id == project("rashakai"))
            .unwrap();
        let met: Vec<&str> = rashakai.met.iter().map(|m| m.title.as_str()).collect();
        assert_eq!(
            met,
            ["Development agreement signed", "Ground-breaking"],
            "{label}"
        );
        assert_eq!(
            rashakai.updates.len(),
            1,
            "{label}: the Senate reply, not the 2019 note"
        );
        let dhabeji = pack
            .projects
            .iter()
            .find(|p| p.project.id == project("dhabeji"))
            .unwrap();
        assert_eq!(dhabeji.missed.len(), 1, "{label}: the bids not invited");
        assert!(s.verify().await.unwrap().problems.is_empty(), "{label}");
    }
}

#[tokio::test]
async fn a_partys_own_project_stays_with_it_and_bad_input_changes_nothing() {
    for db in each_backend_demo().await {
        let (s, label) = (&db.store, db.label);
        let pk = s.actor_of("pk.secretariat").await.unwrap();
        let cn = s.actor_of("cn.secretariat").await.unwrap();
        let today = corridor_core::now().date();
        let own = NewProject::parse(
            &ProjectInput {
                kind: Some("industrial_park".into()),
                name: Some("Candidate site for a textile park".into()),
                visibility: Some("party".into()),
                ..Default::default()
            },
            today,
        )
        .unwrap();
        let id = ProjectId::new();
        s.create_project(&pk, id, &own).await.unwrap();
        assert!(
            s.project(&cn.viewer(), &id.to_string()).await.is_err(),
            "{label}"
        );
        let listed = s
            .projects(
                &cn.viewer(),
                &Default::default(),
                &corridor_store::Page::first(500),
            )
            .await
            .unwrap();
        assert!(
            listed.items.iter().all(|p| p.id != id.to_string()),
            "{label}"
        );
        assert_eq!(listed.items.len(), 8, "{label}");
        // A part of itself, through its parent.
        let before = event_count(s).await;
        let mut input = ProjectInput {
            kind: Some("revival_project".into()),
            name: Some("Revival of Pakistan Steel Mills".into()),
            parent_id: Some(project("psm-park")),
            ..Default::default()
        };
        let err = s
            .update_project(
                &pk,
                &project("psm"),
                &NewProject::parse(&input, today).unwrap(),
            )
            .await
            .unwrap_err();
        assert!(format!("{err:?}").contains("parent_id"), "{label}: {err:?}");
        input.parent_id = Some(id.to_string());
        let err = s
            .update_project(
                &cn,
                &project("psm"),
                &NewProject::parse(&input, today).unwrap(),
            )
            .await;
        assert!(err.is_err(), "{label}: China edits Pakistan's project");
        assert_eq!(event_count(s).await, before, "{label}");
    }
}
