//! Each account's feeds: feed links made from the alert settings and shown once; the Atom feed of alerts
//! validates against RFC 4287's structure (xmllint with the grammar in corridor-formats/tests/atom.rng);
//! the calendar of meetings and due dates parses in Python's icalendar; a revoked or forged link is not
//! found, and the other side's reader never finds the first side's own records.

use crate::support::{Auth, TestApp, between};
use axum::http::StatusCode;
use corridor_core::config::Config;
use corridor_core::ids::ProjectId;
use corridor_core::portfolio::{NewProject, ProjectInput};
use corridor_store::testing::each_backend_demo;
use std::process::Command;

fn feed_token(page: &str) -> String {
    between(page, "/feeds/", '/')
}

fn check(tool: &str, args: &[&str], body: &str, suffix: &str) -> String {
    let file = std::env::temp_dir().join(format!("corridor-feed-{}{suffix}", uuid::Uuid::now_v7()));
    std::fs::write(&file, body).unwrap();
    let out = Command::new(tool).args(args).arg(&file).output().unwrap();
    let _ = std::fs::remove_file(&file);
    assert!(
        out.status.success(),
        "{tool}: {}\n{body}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Prints each event's UID and summary as Python's icalendar reads them.
const ICS: &str = r#"
import sys, icalendar
c = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
for e in c.walk('VEVENT'):
    for p in ('uid', 'dtstart', 'dtstamp', 'summary'):
        assert e.get(p) is not None, (p, e)
    print(e.get('uid'), '|', e.get('summary'))
"#;

#[tokio::test]
#[expect(
    clippy::too_many_lines,
    reason = "one story: make links, read both feeds, renew, revoke"
)]
async fn feed_links_carry_the_accounts_alerts_and_calendar_until_revoked() {
    for db in each_backend_demo().await {
        let label = db.label;
        let config = Config {
            public_url: "https://corridor.example".into(),
            ..Config::default()
        };
        let app = TestApp::with_config(db, config.clone()).await;
        let state = corridor_web::AppState::new(app.db.store.clone(), config);
        corridor_web::dispatch::round(&state, None).await.unwrap();
        // Both officers follow the whole portfolio; Pakistan then adds a project of its own.
        let s = &app.db.store;
        for name in ["pk.secretariat", "cn.secretariat"] {
            let u = s.actor_of(name).await.unwrap().user().unwrap().clone();
            s.follow(&u, "area:portfolio").await.unwrap();
        }
        crate::alerts::slip_a_milestone(&app).await;
        let own = NewProject::parse(
            &ProjectInput {
                kind: Some("industrial_park".into()),
                name: Some("Candidate site Pakistan keeps to itself".into()),
                visibility: Some("party".into()),
                ..Default::default()
            },
            corridor_core::now().date(),
        )
        .unwrap();
        let pk_admin = s.actor_of("pk.admin").await.unwrap();
        s.create_project(&pk_admin, ProjectId::new(), &own)
            .await
            .unwrap();
        corridor_web::dispatch::round(&state, None).await.unwrap();
        let (cookie, csrf) = app.sign_in("pk.secretariat").await;
        let made = app
            .form("/alerts/feed", Auth::Cookie(&cookie), &[("csrf", &csrf)])
            .await;
        assert_eq!(made.status, StatusCode::OK, "{label}");
        assert!(made.body.contains("they are not shown again"), "{label}");
        let token = feed_token(&made.body);
        let atom = app
            .get(&format!("/feeds/{token}/alerts.atom"), Auth::None)
            .await;
        assert_eq!(atom.status, StatusCode::OK, "{label}");
        assert!(
            atom.headers[axum::http::header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with("application/atom+xml")
        );
        assert!(atom.body.contains("→ 2031-12-31"), "{label}: {}", atom.body);
        assert!(
            atom.body
                .contains("Candidate site Pakistan keeps to itself"),
            "{label}"
        );
        let schema = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../corridor-formats/tests/atom.rng"
        );
        check(
            "xmllint",
            &["--noout", "--relaxng", schema],
            &atom.body,
            ".xml",
        );
        let ics = app
            .get(&format!("/feeds/{token}/calendar.ics"), Auth::None)
            .await;
        assert_eq!(ics.status, StatusCode::OK, "{label}");
        let events = check("python3", &["-c", ICS], &ics.body, ".ics");
        assert!(
            events.contains("milestone-"),
            "{label}: Rashakai's milestones: {events}"
        );
        assert!(events.contains("Due: "), "{label}: {events}");
        let rashakai = ProjectId::from_key("demo/project/rashakai").to_string();
        assert!(
            ics.body.contains(&format!("projects/{rashakai}")),
            "{label}"
        );
        // The other side's reader gets the shared milestone in their own feed, never Pakistan's own project.
        let (li_cookie, li_csrf) = app.sign_in("cn.secretariat").await;
        let li = feed_token(
            &app.form(
                "/alerts/feed",
                Auth::Cookie(&li_cookie),
                &[("csrf", &li_csrf)],
            )
            .await
            .body,
        );
        let theirs = app
            .get(&format!("/feeds/{li}/alerts.atom"), Auth::None)
            .await;
        assert!(
            theirs.body.contains("→ 2031-12-31"),
            "{label}: {}",
            theirs.body
        );
        assert!(!theirs.body.contains("Candidate site"), "{label}");
        // New links stop the old; revoking stops them all; a forged one was never there.
        let again = feed_token(
            &app.form("/alerts/feed", Auth::Cookie(&cookie), &[("csrf", &csrf)])
                .await
                .body,
        );
        assert_eq!(
            app.get(&format!("/feeds/{token}/alerts.atom"), Auth::None)
                .await
                .status,
            StatusCode::NOT_FOUND,
            "{label}"
        );
        assert_eq!(
            app.get(&format!("/feeds/{again}/calendar.ics"), Auth::None)
                .await
                .status,
            StatusCode::OK,
            "{label}"
        );
        let revoked = app
            .form(
                "/alerts/feed/revoke",
                Auth::Cookie(&cookie),
                &[("csrf", &csrf)],
            )
            .await;
        assert_eq!(revoked.status, StatusCode::SEE_OTHER, "{label}");
        assert_eq!(
            app.get(&format!("/feeds/{again}/calendar.ics"), Auth::None)
                .await
                .status,
            StatusCode::NOT_FOUND,
            "{label}"
        );
        assert_eq!(
            app.get(
                &format!("/feeds/{}/alerts.atom", "0".repeat(48)),
                Auth::None
            )
            .await
            .status,
            StatusCode::NOT_FOUND,
            "{label}"
        );
    }
}
