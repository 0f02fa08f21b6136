//! Alerts over HTTP and SMTP: the demo officer who follows Rashakai gets an inbox entry and an instant e-mail
//! with context when a milestone slips. The e-mail goes through a real SMTP server (Python's aiosmtpd, which
//! `.ci/run` installs, writing to a maildir) and is read back with Python's own e-mail parser: plain text
//! and HTML parts, the unsubscribe headers, one message however often the dispatcher runs. Then the
//! unsubscribe link works once, and bad follows are refused by field.

use crate::support::{Auth, Sink, TestApp, between};
use axum::http::StatusCode;
use corridor_core::config::Config;
use corridor_core::ids::ProjectId;
use corridor_core::portfolio::milestone::{MilestoneInput, NewMilestone};
use corridor_store::testing::each_backend_demo;
use corridor_web::AppState;

/// Moves the forecast of Rashakai's first milestone to 2031-12-31, as Pakistan's administrator.
pub(crate) async fn slip_a_milestone(app: &TestApp) {
    move_milestone(app, "2031-12-31").await;
}

/// Moves the forecast of Rashakai's first milestone to `forecast`, as Pakistan's administrator.
pub(crate) async fn move_milestone(app: &TestApp, forecast: &str) {
    let s = &app.db.store;
    let actor = s.actor_of("pk.admin").await.unwrap();
    let rashakai = ProjectId::from_key("demo/project/rashakai").to_string();
    let all = s
        .milestones_by_project(&actor.viewer(), std::slice::from_ref(&rashakai))
        .await
        .unwrap();
    let m = &all[&rashakai][0];
    let input = MilestoneInput {
        title: Some(m.title.clone()),
        kind: Some(m.kind.clone()),
        planned_on: m.planned_on.clone(),
        forecast_on: Some(forecast.into()),
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
#[expect(
    clippy::too_many_lines,
    reason = "one story: a slip, its e-mail, the inbox, unsubscribing"
)]
async fn a_slipped_milestone_reaches_the_officer_by_inbox_and_by_email_once() {
    for db in each_backend_demo().await {
        let label = db.label;
        let dir = std::env::temp_dir().join(format!("corridor-mail-{}", uuid::Uuid::now_v7()));
        let sink = Sink::start(&dir);
        let config = Config {
            smtp_url: format!("smtp://127.0.0.1:{}", sink.port),
            mail_from: "Corridor secretariat <alerts@corridor.example>".into(),
            public_url: "https://corridor.example".into(),
            ..Config::default()
        };
        let app = TestApp::with_config(db, config.clone()).await;
        let state = AppState::new(app.db.store.clone(), config.clone());
        let smtp = corridor_web::dispatch::transport(&config.smtp_url).unwrap();
        assert_eq!(
            corridor_web::dispatch::round(&state, Some(&smtp))
                .await
                .unwrap(),
            0,
            "{label}: the demo is history"
        );
        slip_a_milestone(&app).await;
        assert_eq!(
            corridor_web::dispatch::round(&state, Some(&smtp))
                .await
                .unwrap(),
            1,
            "{label}"
        );
        assert_eq!(
            corridor_web::dispatch::round(&state, Some(&smtp))
                .await
                .unwrap(),
            0,
            "{label}: never twice"
        );
        let mail = sink.received();
        assert_eq!(mail.len(), 1, "{label}");
        let m = &mail[0];
        assert!(m.contains("To: amna.tariq@pmu.example.pk"), "{label}: {m}");
        assert!(
            m.contains("Subject: [Corridor] Milestone “"),
            "{label}: {m}"
        );
        assert!(
            m.contains("--- text/plain") && m.contains("--- text/html"),
            "{label}: {m}"
        );
        assert!(
            m.contains("→ 2031-12-31"),
            "{label}: what changed, from what to what"
        );
        assert!(m.contains("by Bilal Hussain"), "{label}: who did it");
        assert!(
            m.contains("you follow project “Rashakai Special Economic Zone”"),
            "{label}: why"
        );
        let rashakai = ProjectId::from_key("demo/project/rashakai").to_string();
        assert!(
            m.contains(&format!("https://corridor.example/projects/{rashakai}")),
            "{label}: the link"
        );
        assert!(
            m.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"),
            "{label}"
        );
        let unsubscribe = between(m, "List-Unsubscribe: <https://corridor.example", '>');
        // The inbox says the same, and the project page offers to stop following.
        let (cookie, csrf) = app.sign_in("pk.secretariat").await;
        let inbox = app.get("/inbox", Auth::Cookie(&cookie)).await;
        assert_eq!(inbox.status, StatusCode::OK, "{label}");
        assert!(inbox.body.contains("→ 2031-12-31"), "{label}");
        assert!(inbox.body.contains("aria-label=\"1 unread\""), "{label}");
        let project = app
            .get(&format!("/projects/{rashakai}"), Auth::Cookie(&cookie))
            .await;
        assert!(project.body.contains("Following · stop"), "{label}");
        let read = app
            .form("/inbox/read", Auth::Cookie(&cookie), &[("csrf", &csrf)])
            .await;
        assert_eq!(read.status, StatusCode::SEE_OTHER, "{label}");
        assert!(
            !app.get("/inbox", Auth::Cookie(&cookie))
                .await
                .body
                .contains("unread\""),
            "{label}"
        );
        // The API shows the same inbox, and refuses a follow it cannot parse by field.
        let token = app.token("pk.secretariat").await;
        let api = app.get("/api/v1/inbox", Auth::Bearer(&token)).await.json();
        assert_eq!(api["data"]["unread"], 0, "{label}");
        for (query, field) in [
            ("limit=0", "limit"),
            ("limit=many", "limit"),
            ("unread=maybe", "unread"),
        ] {
            let r = app
                .get(&format!("/api/v1/inbox?{query}"), Auth::Bearer(&token))
                .await;
            assert_eq!(
                r.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{label}: {query}"
            );
            assert_eq!(r.json()["error"]["field"], field, "{label}: {query}");
        }
        assert_eq!(
            api["data"]["groups"][0]["group"],
            format!("project:{rashakai}"),
            "{label}"
        );
        for bad in [
            r#"{"target":"area:gossip"}"#,
            r#"{"target":"person:0193a0a0-0000-7000-8000-000000000001"}"#,
        ] {
            let r = app
                .json("POST", "/api/v1/follows", Auth::Bearer(&token), bad)
                .await;
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{label}: {bad}");
            assert_eq!(r.json()["error"]["field"], "target", "{label}");
        }
        // Unsubscribing asks first, works once, and a used link is not found.
        let page = app.get(&unsubscribe, Auth::None).await;
        assert!(
            page.body.contains("Nothing changes until you confirm"),
            "{label}"
        );
        let done = app.form(&unsubscribe, Auth::None, &[]).await;
        assert!(done.body.contains("have stopped"), "{label}: {}", done.body);
        assert_eq!(
            app.form(&unsubscribe, Auth::None, &[]).await.status,
            StatusCode::NOT_FOUND,
            "{label}"
        );
        drop(sink);
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[tokio::test]
async fn a_failed_email_is_logged_for_its_sides_administrator_who_can_retry_it() {
    for db in each_backend_demo().await {
        let label = db.label;
        // Nothing listens on this port: every attempt fails.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let config = Config {
            smtp_url: format!("smtp://127.0.0.1:{port}"),
            ..Config::default()
        };
        let app = TestApp::with_config(db, config.clone()).await;
        let state = AppState::new(app.db.store.clone(), config.clone());
        let smtp = corridor_web::dispatch::transport(&config.smtp_url).unwrap();
        corridor_web::dispatch::round(&state, Some(&smtp))
            .await
            .unwrap();
        slip_a_milestone(&app).await;
        assert_eq!(
            corridor_web::dispatch::round(&state, Some(&smtp))
                .await
                .unwrap(),
            0,
            "{label}"
        );
        let (admin, csrf) = app.sign_in("pk.admin").await;
        let page = app.get("/admin/deliveries", Auth::Cookie(&admin)).await;
        assert_eq!(page.status, StatusCode::OK, "{label}");
        assert!(page.body.contains("amna.tariq@pmu.example.pk"), "{label}");
        assert!(
            page.body.contains("refused"),
            "{label}: the attempt is logged"
        );
        assert!(page.body.contains("next "), "{label}: a retry is scheduled");
        assert!(
            !page.body.contains("Milestone"),
            "{label}: what the e-mail says is not shown"
        );
        let id = between(&page.body, "/admin/deliveries/", '/');
        // The other side's administrator sees nothing of it and cannot retry it; an officer has no outbox.
        let (cn_admin, cn_csrf) = app.sign_in("cn.admin").await;
        let theirs = app.get("/admin/deliveries", Auth::Cookie(&cn_admin)).await;
        assert!(!theirs.body.contains("amna.tariq"), "{label}");
        let refused = app
            .form(
                &format!("/admin/deliveries/{id}/retry"),
                Auth::Cookie(&cn_admin),
                &[("csrf", &cn_csrf)],
            )
            .await;
        assert_eq!(refused.status, StatusCode::NOT_FOUND, "{label}");
        let (officer, _) = app.sign_in("pk.secretariat").await;
        assert_eq!(
            app.get("/admin/deliveries", Auth::Cookie(&officer))
                .await
                .status,
            StatusCode::FORBIDDEN,
            "{label}"
        );
        // Retrying puts it back in the queue now, to be attempted again.
        let retried = app
            .form(
                &format!("/admin/deliveries/{id}/retry"),
                Auth::Cookie(&admin),
                &[("csrf", &csrf)],
            )
            .await;
        assert_eq!(retried.status, StatusCode::SEE_OTHER, "{label}");
        corridor_web::dispatch::round(&state, Some(&smtp))
            .await
            .unwrap();
        let after = app.get("/admin/deliveries", Auth::Cookie(&admin)).await;
        assert!(after.body.contains("2 attempts"), "{label}: {}", after.body);
    }
}
