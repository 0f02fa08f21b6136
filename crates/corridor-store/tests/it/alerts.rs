//! Alerts in the store: a slipped milestone reaches the followers of its project once, with what changed, who
//! did it and why; a typo reaches nobody; a side's own project never reaches the other side, who cannot
//! follow it either, and a record narrowed to one side takes its alerts back; dates coming or gone alert
//! once a day; e-mail is claimed under a lease, so a sender that dies loses
//! nothing and a sent one is never claimed again; digests are queued once per period; follows refuse what
//! the user may not see.

use corridor_core::Viewer;
use corridor_core::actor::UserActor;
use corridor_core::ids::ProjectId;
use corridor_core::portfolio::milestone::{MilestoneInput, NewMilestone};
use corridor_core::portfolio::{NewProject, ProjectInput};
use corridor_store::alerts::Attempt;
use corridor_store::testing::each_backend_demo;
use corridor_store::{Store, StoreError};
use time::Duration;

fn rashakai() -> String {
    ProjectId::from_key("demo/project/rashakai").to_string()
}

async fn user(s: &Store, name: &str) -> UserActor {
    s.actor_of(name).await.unwrap().user().unwrap().clone()
}

/// Moves the forecast (or only the title) of Rashakai's first milestone, as `by`.
async fn edit_milestone(s: &Store, by: &str, forecast: Option<&str>, title: Option<&str>) {
    let actor = s.actor_of(by).await.unwrap();
    let all = s
        .milestones_by_project(&actor.viewer(), &[rashakai()])
        .await
        .unwrap();
    let m = &all[&rashakai()][0];
    let input = MilestoneInput {
        title: Some(title.unwrap_or(&m.title).to_owned()),
        title_zh: m.title_zh.clone(),
        kind: Some(m.kind.clone()),
        planned_on: m.planned_on.clone(),
        forecast_on: forecast
            .map(str::to_owned)
            .or_else(|| m.forecast_on.clone()),
        actual_on: m.actual_on.clone(),
        status: Some(m.status.clone()),
        version: Some(m.access.version),
        ..Default::default()
    };
    s.update_milestone(&actor, &m.id, &NewMilestone::try_from(&input).unwrap())
        .await
        .unwrap();
}

#[tokio::test]
async fn a_slipped_milestone_reaches_each_follower_once_with_its_context() {
    for db in each_backend_demo().await {
        let (s, label) = (&db.store, db.label);
        let amna = user(s, "pk.secretariat").await;
        let li = user(s, "cn.secretariat").await;
        s.follow(&li, &format!("project:{}", rashakai()))
            .await
            .unwrap();
        // The demo world is history: nothing to fan out yet.
        assert_eq!(s.fan_out_all().await.unwrap().notifications, 0, "{label}");
        edit_milestone(s, "pk.admin", Some("2031-03-31"), None).await;
        let done = s.fan_out_all().await.unwrap();
        assert_eq!(
            (done.notifications, done.emails),
            (2, 1),
            "{label}: both followers, Amna by e-mail"
        );
        let inbox = s.inbox(&amna, false, 50).await.unwrap();
        let e = &inbox[0].entries[0];
        assert!(e.record.starts_with("milestone “"), "{label}: {}", e.record);
        assert_eq!(e.step, "updated", "{label}");
        assert!(
            e.changes.starts_with("forecast date: ") && e.changes.ends_with("→ 2031-03-31"),
            "{label}: {}",
            e.changes
        );
        assert_eq!(e.actor, "Bilal Hussain", "{label}");
        assert_eq!(
            e.reason, "you follow project “Rashakai Special Economic Zone”",
            "{label}"
        );
        assert_eq!(e.link, format!("/projects/{}", rashakai()), "{label}");
        assert_eq!(inbox[0].group, format!("project:{}", rashakai()), "{label}");
        assert_eq!(s.unread_count(&li).await.unwrap(), 1, "{label}");
        // Read to the end: running again alerts nobody twice.
        assert_eq!(s.fan_out_all().await.unwrap().events, 0, "{label}");
        assert_eq!(s.unread_count(&amna).await.unwrap(), 1, "{label}");
        // A typo in the title is not news; the actor hears nothing of their own change.
        edit_milestone(
            s,
            "pk.secretariat",
            None,
            Some("Land handover (revised wording)"),
        )
        .await;
        let typo = s.fan_out_all().await.unwrap();
        assert_eq!((typo.events, typo.notifications), (1, 0), "{label}");
        // Marking read touches only the reader's own.
        assert_eq!(s.mark_read(&amna, &[], None).await.unwrap(), 1, "{label}");
        assert_eq!(s.unread_count(&li).await.unwrap(), 1, "{label}");
    }
}

#[tokio::test]
async fn a_sides_own_project_never_reaches_the_other_side_nor_can_it_be_followed_there() {
    for db in each_backend_demo().await {
        let (s, label) = (&db.store, db.label);
        let pk = s.actor_of("pk.admin").await.unwrap();
        let amna = user(s, "pk.secretariat").await;
        let li = user(s, "cn.secretariat").await;
        for u in [&amna, &li] {
            s.follow(u, "area:portfolio").await.unwrap();
        }
        s.fan_out_all().await.unwrap();
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
        s.create_project(&pk, ProjectId::new(), &own).await.unwrap();
        s.fan_out_all().await.unwrap();
        let seen = |groups: Vec<corridor_core::alert::view::InboxGroup>| {
            groups
                .iter()
                .flat_map(|g| g.entries.iter().map(|e| e.record.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            seen(s.inbox(&amna, false, 50).await.unwrap()),
            ["project “Candidate site for a textile park”"],
            "{label}"
        );
        assert!(
            seen(s.inbox(&li, false, 50).await.unwrap()).is_empty(),
            "{label}: not even a count"
        );
        assert_eq!(s.unread_count(&li).await.unwrap(), 0, "{label}");
        // Following the other side's internal project is refused as if it did not exist.
        let listed = s.inbox(&amna, false, 1).await.unwrap();
        let hidden = listed[0].group.clone();
        match s.follow(&li, &hidden).await {
            Err(StoreError::Invalid(e)) => {
                assert_eq!(e.0[0].field, "target", "{label}");
                assert!(e.0[0].message.contains("there is no project"), "{label}");
            }
            other => panic!("{label}: {other:?}"),
        }
        assert!(
            s.follows(&li)
                .await
                .unwrap()
                .iter()
                .all(|f| f.target != hidden),
            "{label}"
        );
    }
}

#[tokio::test]
async fn email_is_claimed_under_a_lease_so_a_dead_sender_loses_nothing_and_nothing_goes_twice() {
    for db in each_backend_demo().await {
        let (s, label) = (&db.store, db.label);
        edit_milestone(s, "pk.admin", Some("2031-06-30"), None).await;
        s.fan_out_all().await.unwrap();
        let now = corridor_core::now();
        let lease = Duration::minutes(5);
        let first = s.claim_mail(now, lease, 10).await.unwrap();
        assert_eq!(first.len(), 1, "{label}");
        assert_eq!(first[0].to, "amna.tariq@pmu.example.pk", "{label}");
        assert_eq!(first[0].entries.len(), 1, "{label}");
        // The sender dies here. While its lease runs nobody else takes the e-mail …
        assert!(
            s.claim_mail(now, lease, 10).await.unwrap().is_empty(),
            "{label}"
        );
        // … and when it ends the e-mail is claimed again, as attempt 2.
        let later = now + Duration::minutes(6);
        let again = s.claim_mail(later, lease, 10).await.unwrap();
        assert_eq!((again.len(), again[0].attempt), (1, 2), "{label}");
        // A refusal is retried after a backoff; acceptance ends it for good.
        let refused = Attempt {
            ok: false,
            response: "451 try again later".into(),
        };
        s.finish_mail(&again[0].id, &refused, later).await.unwrap();
        assert!(
            s.claim_mail(later, lease, 10).await.unwrap().is_empty(),
            "{label}: backing off"
        );
        let retry_at = later + Duration::hours(1);
        let third = s.claim_mail(retry_at, lease, 10).await.unwrap();
        assert_eq!(third[0].attempt, 3, "{label}");
        let ok = Attempt {
            ok: true,
            response: "250 queued".into(),
        };
        s.finish_mail(&third[0].id, &ok, retry_at).await.unwrap();
        assert!(
            s.claim_mail(retry_at + Duration::days(1), lease, 10)
                .await
                .unwrap()
                .is_empty(),
            "{label}"
        );
    }
}

#[tokio::test]
async fn a_digest_is_queued_once_per_period_with_the_periods_alerts() {
    for db in each_backend_demo().await {
        let (s, label) = (&db.store, db.label);
        let amna = user(s, "pk.secretariat").await;
        s.set_email_mode(&amna, "daily").await.unwrap();
        edit_milestone(s, "pk.admin", Some("2031-09-30"), None).await;
        let done = s.fan_out_all().await.unwrap();
        assert_eq!(
            (done.notifications, done.emails),
            (1, 0),
            "{label}: a digest reader gets no instant e-mail"
        );
        let now = corridor_core::now();
        assert_eq!(
            s.queue_digests(now).await.unwrap(),
            0,
            "{label}: the day has not passed"
        );
        let tomorrow = now + Duration::days(1) + Duration::minutes(1);
        assert_eq!(s.queue_digests(tomorrow).await.unwrap(), 1, "{label}");
        assert_eq!(s.queue_digests(tomorrow).await.unwrap(), 0, "{label}: once");
        let mail = s
            .claim_mail(tomorrow, Duration::minutes(5), 10)
            .await
            .unwrap();
        assert_eq!(mail.len(), 1, "{label}");
        assert_eq!(mail[0].subject, "Your daily digest: 1 alert", "{label}");
        assert_eq!(mail[0].entries.len(), 1, "{label}");
        // Unsubscribing works once; the used or a forged link changes nothing.
        let nonce = mail[0].unsubscribe_nonce.clone();
        let id = amna.user_id.to_string();
        assert!(
            matches!(
                s.unsubscribe(&id, "forged").await,
                Err(StoreError::NotFound { .. })
            ),
            "{label}"
        );
        assert_eq!(
            s.unsubscribe(&id, &nonce).await.unwrap(),
            "pk.secretariat",
            "{label}"
        );
        assert!(
            matches!(
                s.unsubscribe(&id, &nonce).await,
                Err(StoreError::NotFound { .. })
            ),
            "{label}"
        );
        assert_eq!(
            s.alert_settings(&amna).await.unwrap().email_mode.as_str(),
            "off",
            "{label}"
        );
        assert!(s.set_email_mode(&amna, "hourly").await.is_err(), "{label}");
    }
}

#[tokio::test]
async fn dates_coming_and_gone_alert_once_a_day_and_catch_up_after_a_gap() {
    for db in each_backend_demo().await {
        let (s, label) = (&db.store, db.label);
        let li = user(s, "cn.secretariat").await;
        s.follow(&li, "area:register").await.unwrap();
        let day = |d: &str| {
            time::Date::parse(d, &time::format_description::well_known::Iso8601::DATE).unwrap()
        };
        let records = async || {
            s.inbox(&li, false, 100)
                .await
                .unwrap()
                .iter()
                .flat_map(|g| g.entries.iter().map(|e| e.step.clone()))
                .collect::<Vec<_>>()
        };
        // A week before the technicians' training is due.
        let first = s.scheduled_alerts(day("2024-06-23")).await.unwrap();
        assert!(first.ran, "{label}");
        assert_eq!(records().await, ["due in 7 days (2024-06-30)"], "{label}");
        let e = &s.inbox(&li, false, 10).await.unwrap()[0].entries[0];
        assert!(
            e.record.starts_with("outcome “Set up joint training"),
            "{label}: {}",
            e.record
        );
        assert_eq!(e.reason, "you follow the whole register", "{label}");
        // Once a day, whichever node asks.
        assert!(
            !s.scheduled_alerts(day("2024-06-23")).await.unwrap().ran,
            "{label}"
        );
        // After a gap of six days the job catches up: the day before it was due is covered.
        s.scheduled_alerts(day("2024-06-29")).await.unwrap();
        s.scheduled_alerts(day("2024-07-01")).await.unwrap();
        let mut steps = records().await;
        steps.sort();
        assert_eq!(
            steps,
            [
                "due in 7 days (2024-06-30)",
                "due tomorrow (2024-06-30)",
                "overdue: it was due on 2024-06-30"
            ],
            "{label}"
        );
    }
}

#[tokio::test]
async fn a_record_narrowed_to_one_side_takes_its_alerts_back_from_the_other() {
    use corridor_core::meeting::register::{NewOutcome, OutcomeInput};
    use corridor_store::meeting::RegisterFilter;
    for db in each_backend_demo().await {
        let (s, label) = (&db.store, db.label);
        let amna = user(s, "pk.secretariat").await;
        let li = user(s, "cn.secretariat").await;
        for u in [&amna, &li] {
            s.follow(u, "area:register").await.unwrap();
        }
        let items = s
            .register(
                &Viewer::System,
                &RegisterFilter::default(),
                &corridor_store::Page::first(100),
            )
            .await
            .unwrap()
            .items;
        let item = items
            .iter()
            .find(|i| i.text.starts_with("Set up joint training"))
            .unwrap();
        // The owner side edits it; the other side is the one that will lose sight of it.
        let pk_owns = item.access.owner_party.id == amna.party_id.to_string();
        let (owner, other) = if pk_owns {
            ("pk.secretariat", &li)
        } else {
            ("cn.secretariat", &amna)
        };
        let actor = s.actor_of(owner).await.unwrap();
        let target = format!("register_item:{}", item.id);
        let followed = s.follow(other, &target).await.unwrap();
        assert!(
            followed.label.starts_with("outcome “Set up"),
            "{label}: {}",
            followed.label
        );
        let edit = |status: &str, visibility: &str, version: i64| OutcomeInput {
            meeting_id: Some(item.meeting.id.clone()),
            agenda_item_id: item.agenda_item_id.clone(),
            kind: Some(item.kind.clone()),
            text: Some(item.text.clone()),
            lead_organisation_ids: item.leads.iter().map(|l| l.id.clone()).collect(),
            due_on: item.due_on.clone(),
            status: Some(status.into()),
            visibility: Some(visibility.into()),
            version: Some(version),
            ..Default::default()
        };
        let v = item.access.version;
        s.update_outcome(
            &actor,
            &item.id,
            &NewOutcome::try_from(&edit("in_progress", &item.access.visibility, v)).unwrap(),
        )
        .await
        .unwrap();
        s.fan_out_all().await.unwrap();
        assert_eq!(
            s.unread_count(other).await.unwrap(),
            1,
            "{label}: the other side was told"
        );
        s.update_outcome(
            &actor,
            &item.id,
            &NewOutcome::try_from(&edit("in_progress", "party", v + 1)).unwrap(),
        )
        .await
        .unwrap();
        let done = s.fan_out_all().await.unwrap();
        assert_eq!(done.withdrawn, 1, "{label}");
        assert!(
            s.inbox(other, false, 50).await.unwrap().is_empty(),
            "{label}: nothing left, not even a count"
        );
        assert_eq!(s.unread_count(other).await.unwrap(), 0, "{label}");
    }
}
