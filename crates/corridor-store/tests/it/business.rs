//! Business-to-business records in the store: the demo's matchmakings, memorandum and intentions; the pipeline
//! that never adds dollars to rupees; companies of both sides; intentions that only move forward; and a
//! side's confidential intention that the other side never sees.

use crate::support::event_count;
use corridor_core::Viewer;
use corridor_core::business::{
    IntentionInput, MatchmakingInput, NewIntention, NewMatchmaking, Stage, StageInput,
};
use corridor_core::ids::{CompanyId, IntentionId, MatchmakingId, ProjectId};
use corridor_store::StoreError;
use corridor_store::testing::each_backend_demo;

fn company(k: &str) -> String {
    CompanyId::from_key(&format!("demo/company/{k}")).to_string()
}

fn stage(status: &str, on: &str) -> Stage {
    Stage::try_from(&StageInput {
        status: Some(status.into()),
        on: Some(on.into()),
    })
    .unwrap()
}

#[tokio::test]
async fn the_demo_pipeline_counts_intentions_by_stage_per_currency() {
    for db in each_backend_demo().await {
        let (s, label) = (&db.store, db.label);
        let pk = s.actor_of("pk.secretariat").await.unwrap();
        let b = s.business_overview(&pk.viewer(), None).await.unwrap();
        assert_eq!(
            (
                b.companies.len(),
                b.matchmakings.len(),
                b.mous.len(),
                b.intentions.len()
            ),
            (4, 2, 1, 2),
            "{label}"
        );
        let at = |status: &str| b.pipeline.iter().find(|p| p.status == status).unwrap();
        assert_eq!(at("land_allotted").count, 1, "{label}");
        assert_eq!(at("land_allotted").amounts, ["USD 25,000,000"], "{label}");
        assert_eq!(at("intention").amounts, ["USD 40,000,000"], "{label}");
        assert_eq!(at("operational").count, 0, "{label}");
        let garment = b
            .intentions
            .iter()
            .find(|i| i.status == "land_allotted")
            .unwrap();
        assert_eq!(garment.stages.len(), 3, "{label}");
        assert_eq!(
            garment.project.as_ref().unwrap().name.as_deref(),
            Some("Allama Iqbal Industrial City")
        );
        // The matchmaking held during the visit names it.
        let during = b
            .matchmakings
            .iter()
            .find(|m| m.exchange.is_some())
            .unwrap();
        assert_eq!(during.companies.len(), 2, "{label}");
        // A company's page shows what concerns it only.
        let lahore = s
            .business_overview(&pk.viewer(), Some(&company("lahore-denim")))
            .await
            .unwrap();
        assert_eq!(
            (
                lahore.companies.len(),
                lahore.matchmakings.len(),
                lahore.mous.len(),
                lahore.intentions.len()
            ),
            (1, 1, 1, 0),
            "{label}"
        );
        assert_eq!(lahore.mous[0].value.as_deref(), Some("USD 25,000,000"));
    }
}

#[tokio::test]
async fn b2b_needs_both_sides_intentions_move_forward_and_confidential_ones_stay_home() {
    for db in each_backend_demo().await {
        let s = &db.store;
        let pk = s.actor_of("pk.secretariat").await.unwrap();
        let cn = s.actor_of("cn.secretariat").await.unwrap();
        let today = corridor_core::now().date();
        let before = event_count(s).await;
        let same_side = NewMatchmaking::parse(
            &MatchmakingInput {
                held_on: Some("2024-01-10".into()),
                company_ids: vec![company("lahore-denim"), company("faisalabad-knit")],
                topic: Some("Denim and knitwear".into()),
                ..Default::default()
            },
            today,
        )
        .unwrap();
        match s
            .add_matchmaking(&pk, MatchmakingId::new(), &same_side)
            .await
        {
            Err(StoreError::Invalid(e)) => {
                assert_eq!(e.0[0].field, "company_ids");
                assert!(e.0[0].message.contains("both sides"), "{e:?}");
            }
            other => panic!("expected a refusal, got {other:?}"),
        }
        // Intentions move forward, and a withdrawn one stays withdrawn.
        let fibre = IntentionId::from_key("demo/intention/fibre-rashakai").to_string();
        match s
            .move_intention(&cn, &fibre, &stage("intention", "2023-01-01"))
            .await
        {
            Err(StoreError::Invalid(e)) => assert!(e.0[0].message.contains("forward only")),
            other => panic!("expected a refusal, got {other:?}"),
        }
        // Only the side that recorded it moves it.
        assert!(matches!(
            s.move_intention(&pk, &fibre, &stage("agreement", "2023-01-01"))
                .await,
            Err(StoreError::Forbidden(_))
        ));
        assert_eq!(event_count(s).await, before);
        let gone = s
            .move_intention(&cn, &fibre, &stage("withdrawn", "2024-06-01"))
            .await
            .unwrap();
        assert_eq!(gone.status, "withdrawn");
        assert!(
            s.move_intention(&cn, &fibre, &stage("agreement", "2024-07-01"))
                .await
                .is_err()
        );
        // A side's confidential intention: the other side and the public never see it, not even in the
        // pipeline's counts.
        let secret = NewIntention::parse(
            &IntentionInput {
                company_id: Some(company("lahore-denim")),
                project_id: Some(ProjectId::from_key("demo/project/dhabeji").to_string()),
                sector: Some("textiles".into()),
                amount: Some("900,000,000".into()),
                currency: Some("PKR".into()),
                stated_on: Some("2024-05-01".into()),
                visibility: Some("party".into()),
                ..Default::default()
            },
            today,
        )
        .unwrap();
        let sid = IntentionId::new();
        s.add_intention(&pk, sid, &secret).await.unwrap();
        let mine = s.business_overview(&pk.viewer(), None).await.unwrap();
        assert!(
            mine.pipeline
                .iter()
                .any(|p| p.amounts.contains(&"PKR 900,000,000".to_owned()))
        );
        for v in [cn.viewer(), Viewer::Anonymous] {
            let theirs = s.business_overview(&v, None).await.unwrap();
            assert!(theirs.intentions.iter().all(|i| i.id != sid.to_string()));
            assert!(
                theirs
                    .pipeline
                    .iter()
                    .all(|p| p.amounts.iter().all(|a| !a.starts_with("PKR")))
            );
            assert!(matches!(
                s.intention(&v, &sid.to_string()).await,
                Err(StoreError::NotFound { .. })
            ));
        }
        assert!(s.verify().await.unwrap().problems.is_empty());
    }
}
