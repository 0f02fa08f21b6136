//! Agreed minutes between two parties: drafted by the host, redlined by the counterpart, agreed, signed by
//! both co-chairs over one hash; every refusal on the way; a signed record that verifies offline.

use crate::support::{World, world};
use corridor_core::Actor;
use corridor_core::ids::{BodyId, MeetingId};
use corridor_core::language::Translations;
use corridor_core::meeting::minutes::check_record;
use corridor_core::meeting::*;
use corridor_store::testing::each_backend;
use corridor_store::{Store, StoreError};

const PASSWORD: &str = "correct horse battery staple";

fn none() -> Translations {
    Translations::default()
}

pub(crate) async fn concluded_meeting(s: &Store, w: &World) -> String {
    let body = BodyInput {
        name: Some("JWG-IC".into()),
        agenda_template: Some("Framework Agreement\nIndustrial visits".into()),
        ..Default::default()
    };
    let body = s
        .create_body(&w.pk_sec, BodyId::new(), &NewBody::try_from(&body).unwrap())
        .await
        .unwrap()
        .id;
    let chairs = [&w.pk_sec, &w.cn_sec]
        .map(|a| a.user().unwrap().person_id.to_string())
        .to_vec();
    let input = MeetingInput {
        body_id: Some(body),
        number: Some(5),
        modality: Some("video".into()),
        time_zone: Some("Asia/Karachi".into()),
        starts_at: Some("2020-12-15T10:00".into()),
        ends_at: Some("2020-12-15T12:30".into()),
        host_party_id: Some(w.pk.to_string()),
        co_chair_ids: chairs,
        ..Default::default()
    };
    let m = s
        .create_meeting(
            &w.pk_sec,
            MeetingId::new(),
            &NewMeeting::try_from(&input).unwrap(),
        )
        .await
        .unwrap()
        .id;
    let item = s.agenda(&w.pk_sec.viewer(), &m).await.unwrap()[0]
        .id
        .clone();
    let early = s
        .write_minutes(&w.pk_sec, &item, "Too early", &none())
        .await
        .unwrap_err();
    assert!(matches!(early, StoreError::Conflict { .. }), "{early:?}");
    for a in [
        MeetingAction::Convene,
        MeetingAction::Open,
        MeetingAction::Conclude,
    ] {
        s.change_meeting_state(&w.pk_sec, &m, a).await.unwrap();
    }
    m
}

fn conflict(r: Result<(), StoreError>, needle: &str) {
    match r {
        Err(StoreError::Conflict { message, .. }) => assert!(message.contains(needle), "{message}"),
        other => panic!("expected a conflict about {needle}, got {other:?}"),
    }
}

#[tokio::test]
#[expect(
    clippy::too_many_lines,
    reason = "one story from draft to signed record reads best in one place"
)]
async fn minutes_go_from_draft_to_a_record_signed_by_both_co_chairs() {
    for db in each_backend().await {
        let (s, label) = (&db.store, db.label);
        let w = world(s).await;
        let m = concluded_meeting(s, &w).await;
        let items: Vec<String> = s
            .agenda(&w.pk_sec.viewer(), &m)
            .await
            .unwrap()
            .into_iter()
            .map(|a| a.id)
            .collect();
        s.write_minutes(
            &w.pk_sec,
            &items[0],
            "China accepted the draft Framework Agreement as the basis.",
            &Translations {
                zh: Some("中方接受框架协议草案作为基础。".into()),
                ur: None,
            },
        )
        .await
        .unwrap();
        assert!(
            matches!(
                s.write_minutes(&w.cn_sec, &items[0], "Rewritten by the guest", &none())
                    .await,
                Err(StoreError::Forbidden(_))
            ),
            "{label}: the counterpart edited the host's draft"
        );
        conflict(s.agree_minutes(&w.pk_sec, &m).await, "circulate");
        s.circulate_minutes(&w.pk_sec, &m).await.unwrap();
        conflict(
            s.agree_minutes(&w.pk_sec, &m).await,
            "not finished reviewing",
        );
        let v = s.minutes(&w.cn_sec.viewer(), &m).await.unwrap().versions[0]
            .id
            .clone();
        assert!(
            matches!(
                s.propose_redline(&w.pk_sec, &v, &items[0], "en", "x").await,
                Err(StoreError::Forbidden(_))
            ),
            "{label}"
        );
        s.propose_redline(&w.cn_sec, &v, &items[0], "en", "China accepted the draft Framework Agreement shared in early November 2020 as the basis for consultations.").await.unwrap();
        s.propose_redline(
            &w.cn_sec,
            &v,
            &items[1],
            "",
            "Visits to be arranged after the pandemic.",
        )
        .await
        .unwrap();
        s.finish_review(&w.cn_sec, &v).await.unwrap();
        conflict(s.agree_minutes(&w.pk_sec, &m).await, "2 redline(s)");
        let minutes = s.minutes(&w.pk_sec.viewer(), &m).await.unwrap();
        let redlines = &minutes.versions[0].redlines;
        assert_eq!(
            redlines[0].author_party.name.as_deref(),
            Some("China"),
            "{label}"
        );
        s.decide_redline(&w.pk_sec, &redlines[0].id, true, None)
            .await
            .unwrap();
        let no_reason = s
            .decide_redline(&w.pk_sec, &redlines[1].id, false, None)
            .await
            .unwrap_err();
        assert!(
            matches!(&no_reason, StoreError::Invalid(e) if e.0[0].field == "reason"),
            "{label}"
        );
        s.decide_redline(
            &w.pk_sec,
            &redlines[1].id,
            false,
            Some("Dates are for the next meeting to set."),
        )
        .await
        .unwrap();
        conflict(
            s.decide_redline(&w.pk_sec, &redlines[1].id, true, None)
                .await
                .map(drop),
            "already rejected",
        );
        s.agree_minutes(&w.pk_sec, &m).await.unwrap();
        assert_eq!(
            s.meeting(&w.cn_sec.viewer(), &m).await.unwrap().state,
            "minutes_agreed"
        );
        let minutes = s.minutes(&w.cn_sec.viewer(), &m).await.unwrap();
        assert!(
            minutes.entries[0].text.contains("early November 2020"),
            "{label}: the accepted redline is in the text"
        );
        assert_eq!(minutes.versions[0].status, "agreed");
        assert!(
            matches!(
                s.sign_minutes(&w.pk_obs, &m, PASSWORD).await,
                Err(StoreError::Forbidden(_))
            ),
            "{label}: a non-co-chair signed"
        );
        let wrong = s
            .sign_minutes(&w.pk_sec, &m, "not my password")
            .await
            .unwrap_err();
        assert!(
            matches!(&wrong, StoreError::Invalid(e) if e.0[0].field == "password"),
            "{label}"
        );
        s.sign_minutes(&w.pk_sec, &m, PASSWORD).await.unwrap();
        conflict(
            s.sign_minutes(&w.pk_sec, &m, PASSWORD).await,
            "already signed",
        );
        let minutes = s.minutes(&w.cn_sec.viewer(), &m).await.unwrap();
        assert_eq!(
            minutes.signature_state, "signed by Pakistan, pending cn.sec",
            "{label}"
        );
        s.sign_minutes(&w.cn_sec, &m, PASSWORD).await.unwrap();
        assert_eq!(
            s.meeting(&w.pk_obs.viewer(), &m).await.unwrap().state,
            "minutes_signed",
            "{label}"
        );
        let record = s.signed_record(&w.cn_obs.viewer(), &m).await.unwrap();
        assert_eq!(record.signatures.len(), 2);
        assert!(check_record(&record).valid(), "{label}");
        let mut forged = record.clone();
        forged.content["items"][0]["minutes"]["en"] = "China rejected the draft.".into();
        assert!(
            !check_record(&forged).valid(),
            "{label}: a tampered record verified"
        );
        assert!(s.verify().await.unwrap().problems.is_empty(), "{label}");
    }
}

#[tokio::test]
async fn a_change_after_agreement_starts_a_new_unsigned_version_and_keeps_the_old_signatures() {
    for db in each_backend().await {
        let (s, label) = (&db.store, db.label);
        let w = world(s).await;
        let m = concluded_meeting(s, &w).await;
        let item = s.agenda(&w.pk_sec.viewer(), &m).await.unwrap()[0]
            .id
            .clone();
        s.write_minutes(&w.pk_sec, &item, "First text.", &none())
            .await
            .unwrap();
        s.circulate_minutes(&w.pk_sec, &m).await.unwrap();
        let v = s.minutes(&w.cn_sec.viewer(), &m).await.unwrap().versions[0]
            .id
            .clone();
        s.finish_review(&w.cn_sec, &v).await.unwrap();
        s.agree_minutes(&w.pk_sec, &m).await.unwrap();
        s.sign_minutes(&w.pk_sec, &m, PASSWORD).await.unwrap();
        assert!(matches!(
            s.sign_minutes(&Actor::System, &m, PASSWORD).await,
            Err(StoreError::Forbidden(_))
        ));
        s.write_minutes(&w.pk_sec, &item, "Corrected text.", &none())
            .await
            .unwrap();
        assert_eq!(
            s.meeting(&w.pk_sec.viewer(), &m).await.unwrap().state,
            "concluded",
            "{label}: the minutes were not reopened"
        );
        conflict(s.sign_minutes(&w.cn_sec, &m, PASSWORD).await, "not agreed");
        s.circulate_minutes(&w.pk_sec, &m).await.unwrap();
        let minutes = s.minutes(&w.pk_sec.viewer(), &m).await.unwrap();
        let numbers: Vec<(i32, &str, usize)> = minutes
            .versions
            .iter()
            .map(|v| (v.number, v.status.as_str(), v.signatures.len()))
            .collect();
        assert_eq!(
            numbers,
            [(3, "circulated", 0), (2, "agreed", 1), (1, "superseded", 0)],
            "{label}"
        );
        assert!(s.verify().await.unwrap().problems.is_empty(), "{label}");
    }
}
