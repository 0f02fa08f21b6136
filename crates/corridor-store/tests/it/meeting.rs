//! Meetings: the lifecycle, numbering, co-chairs, the register carried from meeting to meeting, and each
//! side's briefing notes.

use crate::support::{World, person, world};
use corridor_core::ids::{
    AgendaItemId, BodyId, BriefingNoteId, MeetingId, RegisterItemId, ReviewId,
};
use corridor_core::meeting::*;
use corridor_core::{Actor, Viewer};
use corridor_store::meeting::RegisterFilter;
use corridor_store::testing::each_backend;
use corridor_store::{Page, Store, StoreError};

pub async fn body(s: &Store, w: &World) -> String {
    let input = BodyInput {
        name: Some("Joint Working Group on Industrial Cooperation".into()),
        short_name: Some("JWG-IC".into()),
        agenda_template: Some("Opening remarks\nMatters arising\nAny other business".into()),
        ..Default::default()
    };
    s.create_body(
        &w.pk_sec,
        BodyId::new(),
        &NewBody::try_from(&input).unwrap(),
    )
    .await
    .unwrap()
    .id
}

fn meeting_input(body: &str, number: i64, w: &World, day: &str) -> MeetingInput {
    MeetingInput {
        body_id: Some(body.into()),
        number: Some(number),
        modality: Some("video".into()),
        time_zone: Some("Asia/Karachi".into()),
        starts_at: Some(format!("{day}T10:00")),
        ends_at: Some(format!("{day}T13:00")),
        host_party_id: Some(w.pk.to_string()),
        ..Default::default()
    }
}

pub async fn meeting(s: &Store, w: &World, body: &str, number: i64, day: &str) -> String {
    let new = NewMeeting::try_from(&meeting_input(body, number, w, day)).unwrap();
    s.create_meeting(&w.pk_sec, MeetingId::new(), &new)
        .await
        .unwrap()
        .id
}

#[tokio::test]
async fn a_meeting_follows_its_lifecycle_and_starts_from_the_standing_agenda() {
    for db in each_backend().await {
        let (s, label) = (&db.store, db.label);
        let w = world(s).await;
        let b = body(s, &w).await;
        let m = meeting(s, &w, &b, 5, "2020-12-15").await;
        let agenda = s.agenda(&w.cn_obs.viewer(), &m).await.unwrap();
        let titles: Vec<&str> = agenda.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(
            titles,
            ["Opening remarks", "Matters arising", "Any other business"],
            "{label}"
        );
        assert_eq!(agenda[1].item_kind, "matters_arising");
        let view = s.meeting(&w.cn_obs.viewer(), &m).await.unwrap();
        assert_eq!(
            (
                view.state.as_str(),
                view.starts_local.as_str(),
                view.starts_at.as_str()
            ),
            ("draft", "2020-12-15 10:00", "2020-12-15T05:00:00Z")
        );
        assert!(
            view.actions.is_empty(),
            "{label}: the other side was offered state changes"
        );
        let err = s
            .change_meeting_state(&w.pk_sec, &m, MeetingAction::Open)
            .await
            .unwrap_err();
        assert!(
            matches!(&err, StoreError::Conflict { message, .. } if message.contains("draft cannot be opened")),
            "{label}: {err:?}"
        );
        assert!(
            matches!(
                s.change_meeting_state(&w.cn_admin, &m, MeetingAction::Convene)
                    .await,
                Err(StoreError::Forbidden(_))
            ),
            "{label}"
        );
        assert!(
            matches!(
                s.change_meeting_state(&w.pk_obs, &m, MeetingAction::Convene)
                    .await,
                Err(StoreError::Forbidden(_))
            ),
            "{label}"
        );
        for a in [
            MeetingAction::Convene,
            MeetingAction::Open,
            MeetingAction::Conclude,
        ] {
            s.change_meeting_state(&w.pk_sec, &m, a).await.unwrap();
        }
        assert_eq!(
            s.meeting(&w.pk_sec.viewer(), &m).await.unwrap().state,
            "concluded"
        );
        assert!(
            s.change_meeting_state(&w.pk_sec, &m, MeetingAction::Cancel)
                .await
                .is_err(),
            "{label}: a concluded meeting was cancelled"
        );
        assert!(s.verify().await.unwrap().problems.is_empty(), "{label}");
    }
}

#[tokio::test]
async fn numbers_are_unique_per_body_and_co_chairs_one_per_party() {
    for db in each_backend().await {
        let (s, label) = (&db.store, db.label);
        let w = world(s).await;
        let b = body(s, &w).await;
        meeting(s, &w, &b, 5, "2020-12-15").await;
        let dup = NewMeeting::try_from(&meeting_input(&b, 5, &w, "2021-01-15")).unwrap();
        let err = s
            .create_meeting(&w.pk_sec, MeetingId::new(), &dup)
            .await
            .unwrap_err();
        assert!(
            matches!(&err, StoreError::Conflict { field: Some(f), .. } if f == "number"),
            "{label}: {err:?}"
        );
        let a = person(s, &w.pk_sec, "Khashih-ur-Rehman", w.pk, "shared").await;
        let b2 = person(s, &w.pk_sec, "Asim Ayub", w.pk, "shared").await;
        let mut input = meeting_input(&b, 6, &w, "2022-04-08");
        input.co_chair_ids = vec![a.to_string(), b2.to_string()];
        let err = s
            .create_meeting(
                &w.pk_sec,
                MeetingId::new(),
                &NewMeeting::try_from(&input).unwrap(),
            )
            .await
            .unwrap_err();
        assert!(
            matches!(&err, StoreError::Invalid(e) if e.0[0].field == "co_chair_ids"),
            "{label}: {err:?}"
        );
    }
}

#[tokio::test]
async fn open_outcomes_are_carried_into_the_next_meetings_matters_arising() {
    for db in each_backend().await {
        let (s, label) = (&db.store, db.label);
        let w = world(s).await;
        let b = body(s, &w).await;
        let fifth = meeting(s, &w, &b, 5, "2020-12-15").await;
        let sixth = meeting(s, &w, &b, 6, "2022-04-08").await;
        let item = request(s, &w, &fifth).await;
        assert!(
            item.overdue,
            "{label}: an open item past its due date is overdue"
        );
        assert_eq!(item.leads.len(), 2);
        let carried = arising(s, &w, &sixth).await;
        assert_eq!(carried, [item.id.as_str()], "{label}");
        assert!(arising(s, &w, &fifth).await.is_empty());
        // A second open item: the list pages in the order items were recorded and counts them all.
        let later = request(s, &w, &fifth).await;
        let f = RegisterFilter {
            arising_for: Some(sixth.clone()),
            ..Default::default()
        };
        let viewer = w.cn_obs.viewer();
        assert_eq!(
            s.register_count(&viewer, &f, 1000).await.unwrap(),
            2,
            "{label}"
        );
        assert_eq!(
            s.register_count(&viewer, &f, 1).await.unwrap(),
            1,
            "{label}: counted up to 1"
        );
        let first = s
            .matters_arising(&viewer, &sixth, &Page::first(1))
            .await
            .unwrap();
        assert_eq!(first.items[0].id, item.id, "{label}");
        let rest = Page {
            after: first.next.clone(),
            limit: Some(1),
        };
        let second = s.matters_arising(&viewer, &sixth, &rest).await.unwrap();
        assert_eq!(
            (second.items[0].id.as_str(), second.next),
            (later.id.as_str(), None),
            "{label}"
        );
        let bad = RegisterFilter {
            arising_for: Some(MeetingId::new().to_string()),
            ..Default::default()
        };
        match s.register_count(&viewer, &bad, 1000).await {
            Err(StoreError::Invalid(e)) => assert_eq!(e.0[0].field, "arising_for", "{label}"),
            other => panic!("{label}: an unknown meeting gave {other:?}"),
        }
        drop_item(s, &w, &later.id).await;
        let review = ReviewInput {
            item_id: Some(item.id.clone()),
            meeting_id: Some(sixth.clone()),
            status: Some("in_progress".into()),
            note: Some("First visit planned for the autumn".into()),
        };
        s.review_item(
            &w.pk_sec,
            ReviewId::new(),
            &NewReview::try_from(&review).unwrap(),
        )
        .await
        .unwrap();
        let story = s.reviews(&w.cn_obs.viewer(), &item.id).await.unwrap();
        assert_eq!(story.len(), 1);
        assert_eq!(
            story[0].meeting.as_ref().and_then(|m| m.name.as_deref()),
            Some("6th meeting"),
            "{label}"
        );
        assert_eq!(
            s.register_item(&w.cn_obs.viewer(), &item.id)
                .await
                .unwrap()
                .status,
            "in_progress"
        );
        let done = ReviewInput {
            status: Some("done".into()),
            ..review
        };
        s.review_item(
            &w.pk_sec,
            ReviewId::new(),
            &NewReview::try_from(&done).unwrap(),
        )
        .await
        .unwrap();
        let seventh = meeting(s, &w, &b, 7, "2023-01-10").await;
        assert!(
            arising(s, &w, &seventh).await.is_empty(),
            "{label}: a done item was carried"
        );
        assert!(s.verify().await.unwrap().problems.is_empty(), "{label}");
    }
}

#[tokio::test]
async fn briefing_notes_stay_with_their_side() {
    for db in each_backend().await {
        let (s, label) = (&db.store, db.label);
        let w = world(s).await;
        let b = body(s, &w).await;
        let m = meeting(s, &w, &b, 5, "2020-12-15").await;
        let item = s.agenda(&w.pk_sec.viewer(), &m).await.unwrap()[1]
            .id
            .clone();
        let note = BriefingNoteInput {
            agenda_item_id: Some(item.clone()),
            text: Some("Press for a signing date before June".into()),
            ..Default::default()
        };
        let pk_note = s
            .add_briefing_note(
                &w.pk_sec,
                BriefingNoteId::new(),
                &NewBriefingNote::try_from(&note).unwrap(),
            )
            .await
            .unwrap();
        let note = BriefingNoteInput {
            agenda_item_id: Some(item.clone()),
            text: Some("Confirm the provinces' consent first".into()),
            ..Default::default()
        };
        s.add_briefing_note(
            &w.cn_sec,
            BriefingNoteId::new(),
            &NewBriefingNote::try_from(&note).unwrap(),
        )
        .await
        .unwrap();
        let mut seen = Vec::new();
        for v in [w.pk_obs.viewer(), w.cn_obs.viewer(), Viewer::Anonymous] {
            seen.push(
                s.briefing_notes(&v, &item)
                    .await
                    .unwrap()
                    .into_iter()
                    .map(|n| n.text)
                    .collect::<Vec<_>>(),
            );
        }
        assert_eq!(seen[0], ["Press for a signing date before June"], "{label}");
        assert_eq!(seen[1], ["Confirm the provinces' consent first"], "{label}");
        assert!(seen[2].is_empty());
        let events = s
            .events(&w.cn_admin.viewer(), &Page::first(500))
            .await
            .unwrap()
            .items;
        assert!(
            events.iter().all(|e| e.entity_id != pk_note.id),
            "{label}: the other side saw the note's event"
        );
        assert!(matches!(
            s.add_briefing_note(
                &Actor::System,
                BriefingNoteId::new(),
                &NewBriefingNote::try_from(&note).unwrap()
            )
            .await,
            Err(StoreError::Forbidden(_))
        ));
        let sub = AgendaItemInput {
            meeting_id: Some(m.clone()),
            title: Some("Framework Agreement".into()),
            lead_party_id: Some(w.pk.to_string()),
            duration_minutes: Some(30),
            ..Default::default()
        };
        let added = s
            .add_agenda_item(
                &w.pk_sec,
                AgendaItemId::new(),
                &NewAgendaItem::try_from(&sub).unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(added.position, 4, "{label}: appended at the end");
        assert!(
            matches!(
                s.add_agenda_item(
                    &w.cn_sec,
                    AgendaItemId::new(),
                    &NewAgendaItem::try_from(&sub).unwrap()
                )
                .await,
                Err(StoreError::Forbidden(_))
            ),
            "{label}"
        );
    }
}

/// The 5th meeting's request for industrial visits, led by BoI and NDRC.
/// The ids of a meeting's matters arising, as China's observer sees them.
async fn arising(s: &Store, w: &World, meeting: &str) -> Vec<String> {
    s.matters_arising(&w.cn_obs.viewer(), meeting, &Page::first(500))
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|i| i.id)
        .collect()
}

/// Marks an item dropped at no meeting, so it no longer arises.
async fn drop_item(s: &Store, w: &World, item: &str) {
    let review = ReviewInput {
        item_id: Some(item.to_owned()),
        meeting_id: None,
        status: Some("dropped".into()),
        note: Some("Merged into the earlier request".into()),
    };
    s.review_item(
        &w.pk_sec,
        ReviewId::new(),
        &NewReview::try_from(&review).unwrap(),
    )
    .await
    .unwrap();
}

async fn request(
    s: &Store,
    w: &World,
    meeting: &str,
) -> corridor_core::meeting::view::RegisterItemView {
    let input = OutcomeInput {
        meeting_id: Some(meeting.to_owned()),
        kind: Some("request".into()),
        text: Some("Arrange industrial visits of Pakistani delegations to China".into()),
        lead_organisation_ids: vec![w.boi.to_string(), w.ndrc.to_string()],
        due_on: Some("2021-06-30".into()),
        ..Default::default()
    };
    s.create_outcome(
        &w.pk_sec,
        RegisterItemId::new(),
        &NewOutcome::try_from(&input).unwrap(),
    )
    .await
    .unwrap()
}

#[tokio::test]
async fn the_register_filters_by_party_status_and_kind() {
    for db in each_backend().await {
        let (s, label) = (&db.store, db.label);
        let w = world(s).await;
        let b = body(s, &w).await;
        let fifth = meeting(s, &w, &b, 5, "2020-12-15").await;
        request(s, &w, &fifth).await;
        let f = RegisterFilter {
            party_id: Some(w.cn.to_string()),
            ..Default::default()
        };
        assert_eq!(
            s.register(&w.cn_obs.viewer(), &f, &Page::first(50))
                .await
                .unwrap()
                .items
                .len(),
            1,
            "{label}"
        );
        let f = RegisterFilter {
            status: Some(OutcomeStatus::Done),
            ..Default::default()
        };
        assert!(
            s.register(&w.cn_obs.viewer(), &f, &Page::first(50))
                .await
                .unwrap()
                .items
                .is_empty(),
            "{label}"
        );
        let f = RegisterFilter {
            overdue: true,
            kind: Some(OutcomeKind::Request),
            ..Default::default()
        };
        assert_eq!(
            s.register(&w.cn_obs.viewer(), &f, &Page::first(50))
                .await
                .unwrap()
                .items
                .len(),
            1,
            "{label}"
        );
    }
}
