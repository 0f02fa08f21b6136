//! Studies in the store: the demo's textile study from terms of reference to the action plan accepted at the
//! 6th meeting, whose recommendations are actions on the register linked back to the study; the phase rules;
//! and the refusals, which change nothing.

use crate::support::event_count;
use corridor_core::ids::{BodyId, MeetingId, RecommendationId, StudyId};
use corridor_core::study::{
    Completion, NewPhase, NewRecommendation, NewStudy, PhaseInput, RecommendationInput, StudyInput,
};
use corridor_store::meeting::RegisterFilter;
use corridor_store::testing::each_backend_demo;
use corridor_store::{Page, StoreError};

fn refusal(r: Result<impl std::fmt::Debug, StoreError>) -> String {
    match r {
        Err(StoreError::Invalid(e)) => format!("{}: {}", e.0[0].field, e.0[0].message),
        Err(StoreError::Conflict { message, .. }) => message,
        Err(StoreError::Forbidden(m)) => m,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn the_textile_study_ends_in_actions_on_the_register() {
    for db in each_backend_demo().await {
        let (s, label) = (&db.store, db.label);
        let cn = s.actor_of("cn.secretariat").await.unwrap();
        let pk = s.actor_of("pk.secretariat").await.unwrap();
        let textile = StudyId::from_key("demo/study/textile").to_string();
        let st = s.study(&cn.viewer(), &textile).await.unwrap();
        assert_eq!(st.phase.as_deref(), Some("accepted"), "{label}");
        assert_eq!(st.phases.len(), 5, "{label}");
        assert_eq!(st.experts.len(), 4, "{label}");
        assert_eq!(st.reports.len(), 1, "{label}");
        assert_eq!(st.recommendations.len(), 3, "{label}");
        // Every recommendation is an action of the 6th meeting, with two leads, linked to the study.
        let sixth = MeetingId::from_key("demo/meeting/jwg-6").to_string();
        let register = s
            .register(
                &cn.viewer(),
                &RegisterFilter {
                    linked: Some(format!("study:{textile}")),
                    ..Default::default()
                },
                &Page::first(100),
            )
            .await
            .unwrap()
            .items;
        assert_eq!(register.len(), 3, "{label}");
        for item in &register {
            assert_eq!(item.meeting.id, sixth, "{label}");
            assert_eq!(item.kind, "action", "{label}");
            assert_eq!(item.leads.len(), 2, "{label}");
            assert!(
                st.recommendations
                    .iter()
                    .any(|r| r.register_item_id.as_deref() == Some(item.id.as_str())),
                "{label}"
            );
        }
        // A recommendation is assessed when reviewed; the plan is fixed once accepted.
        let r1 = RecommendationId::from_key("demo/recommendation/garments").to_string();
        let after = s
            .assess_recommendation(&pk, &r1, Completion::Limited)
            .await
            .unwrap();
        assert_eq!(
            after.recommendations[0].completion.as_deref(),
            Some("limited")
        );
        let before = event_count(s).await;
        let more = NewRecommendation::try_from(&RecommendationInput {
            text: Some("One more".into()),
            ..Default::default()
        })
        .unwrap();
        let msg = refusal(
            s.add_recommendation(&pk, &textile, RecommendationId::new(), &more)
                .await,
        );
        assert!(msg.contains("accepted"), "{label}: {msg}");
        assert!(
            s.assess_recommendation(&cn, &r1, Completion::Complete)
                .await
                .is_err(),
            "{label}: only the study's side assesses"
        );
        assert_eq!(event_count(s).await, before, "{label}");
        let (report, bytes) = s
            .study_report(&cn.viewer(), &st.reports[0].id)
            .await
            .unwrap();
        assert_eq!(report.media_type, "text/plain", "{label}");
        assert!(
            String::from_utf8(bytes)
                .unwrap()
                .contains("22 January 2020")
        );
        assert!(s.verify().await.unwrap().problems.is_empty(), "{label}");
    }
}

#[tokio::test]
async fn a_study_moves_one_phase_at_a_time_and_needs_recommendations_to_be_accepted() {
    for db in each_backend_demo().await {
        let (s, label) = (&db.store, db.label);
        let pk = s.actor_of("pk.secretariat").await.unwrap();
        let id = StudyId::new();
        let study = NewStudy::try_from(&StudyInput {
            sector: Some("agro-processing".into()),
            title: Some("Joint diagnostic study of agro-processing".into()),
            body_id: Some(BodyId::from_key("demo/body/jwg-ic").to_string()),
            ..Default::default()
        })
        .unwrap();
        s.create_study(&pk, id, &study).await.unwrap();
        let id = id.to_string();
        let mv = |phase: &str, on: &str, meeting: Option<&str>| {
            NewPhase::try_from(&PhaseInput {
                phase: Some(phase.into()),
                on: Some(on.into()),
                meeting_id: meeting
                    .map(|m| MeetingId::from_key(&format!("demo/meeting/{m}")).to_string()),
            })
            .unwrap()
        };
        let before = event_count(s).await;
        let msg = refusal(
            s.move_study(&pk, &id, &mv("fieldwork", "2021-01-01", None))
                .await,
        );
        assert!(msg.starts_with("phase"), "{label}: {msg}");
        assert_eq!(event_count(s).await, before, "{label}");
        for (p, on) in [
            ("terms_agreed", "2021-01-01"),
            ("fieldwork", "2021-02-01"),
            ("draft_report", "2021-03-01"),
        ] {
            s.move_study(&pk, &id, &mv(p, on, None)).await.unwrap();
        }
        let msg = refusal(
            s.move_study(&pk, &id, &mv("submitted", "2021-04-01", Some("jwg-5")))
                .await,
        );
        assert!(
            msg.contains("held on 2020-12-15") || msg.contains("before"),
            "{label}: {msg}"
        );
        s.move_study(&pk, &id, &mv("submitted", "2022-04-08", Some("jwg-6")))
            .await
            .unwrap();
        let before = event_count(s).await;
        let msg = refusal(
            s.move_study(&pk, &id, &mv("accepted", "2022-04-08", Some("jwg-6")))
                .await,
        );
        assert!(msg.contains("recommendations"), "{label}: {msg}");
        assert_eq!(
            event_count(s).await,
            before,
            "{label}: nothing half-written"
        );
    }
}
