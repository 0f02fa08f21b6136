//! Webhooks against a real HTTP listener started by the test: a bad or self-pointing address is refused by
//! field; an alert is posted as JSON with an HMAC-SHA256 signature the receiver can check; the other side's
//! internal records never reach it; a receiver that keeps failing has its calls retried, then the webhook
//! turns itself off and the person who set it up is told.

use crate::alerts::{move_milestone, slip_a_milestone};
use crate::support::{Auth, TestApp};
use axum::http::{HeaderMap, StatusCode};
use corridor_core::config::Config;
use corridor_core::ids::ProjectId;
use corridor_core::portfolio::{NewProject, ProjectInput};
use corridor_store::testing::each_backend_demo;
use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::{Arc, Mutex};

/// What the listener received, and the status it answers with.
#[derive(Clone, Default)]
struct Receiver {
    got: Arc<Mutex<Vec<(HeaderMap, String)>>>,
    answer: Arc<AtomicU16>,
}

async fn listen() -> (Receiver, String) {
    let r = Receiver::default();
    r.answer.store(204, Ordering::SeqCst);
    let kept = r.clone();
    let app = axum::Router::new().route(
        "/hook",
        axum::routing::post(move |headers: HeaderMap, body: String| {
            let kept = kept.clone();
            async move {
                kept.got.lock().unwrap().push((headers, body));
                StatusCode::from_u16(kept.answer.load(Ordering::SeqCst)).unwrap()
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (r, url)
}

#[tokio::test]
#[expect(
    clippy::too_many_lines,
    reason = "one story: set up, receive, keep out, fail, turn off"
)]
async fn an_organisations_webhook_receives_signed_alerts_and_turns_off_after_failing() {
    for db in each_backend_demo().await {
        let label = db.label;
        let (receiver, url) = listen().await;
        let config = Config::default();
        let app = TestApp::with_config(db, config.clone()).await;
        let state = corridor_web::AppState::new(app.db.store.clone(), config);
        corridor_web::dispatch::round(&state, None).await.unwrap();
        let token = app.token("pk.admin").await;
        for (bad, why) in [
            ("ftp://hooks.example.com/x", "http:// or https://"),
            ("http://127.0.0.1:8080/hook", "this server itself"),
        ] {
            let r = app
                .json(
                    "POST",
                    "/api/v1/webhooks",
                    Auth::Bearer(&token),
                    &format!(r#"{{"url":"{bad}"}}"#),
                )
                .await;
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{label}: {bad}");
            assert_eq!(r.json()["error"]["field"], "url", "{label}");
            assert!(
                r.json()["error"]["message"].as_str().unwrap().contains(why),
                "{label}: {}",
                r.body
            );
        }
        let made = app
            .json(
                "POST",
                "/api/v1/webhooks",
                Auth::Bearer(&token),
                &format!(r#"{{"url":"{url}"}}"#),
            )
            .await;
        assert_eq!(made.status, StatusCode::CREATED, "{label}: {}", made.body);
        let secret = made.json()["data"]["secret"].as_str().unwrap().to_owned();
        // The other side does not see this side's webhooks; an observer may not set one up.
        let cn = app.token("cn.admin").await;
        let theirs = app.get("/api/v1/webhooks", Auth::Bearer(&cn)).await.json();
        assert_eq!(theirs["data"].as_array().unwrap().len(), 0, "{label}");

        slip_a_milestone(&app).await;
        corridor_web::dispatch::round(&state, None).await.unwrap();
        let got = receiver.got.lock().unwrap().clone();
        assert_eq!(got.len(), 1, "{label}");
        let (headers, body) = &got[0];
        let ts = headers["x-corridor-timestamp"].to_str().unwrap();
        let signed = headers["x-corridor-signature"].to_str().unwrap();
        assert_eq!(
            signed,
            format!(
                "sha256={}",
                corridor_web::dispatch::signature(&secret, ts, body)
            ),
            "{label}"
        );
        assert_ne!(
            signed,
            format!(
                "sha256={}",
                corridor_web::dispatch::signature("forged", ts, body)
            )
        );
        let json: serde_json::Value = serde_json::from_str(body).unwrap();
        assert!(
            json["record"].as_str().unwrap().starts_with("milestone “"),
            "{label}: {body}"
        );
        let rashakai = ProjectId::from_key("demo/project/rashakai").to_string();
        assert_eq!(json["link"], format!("/projects/{rashakai}"), "{label}");
        assert!(
            json["changes"][0]
                .as_str()
                .unwrap()
                .ends_with("→ 2031-12-31"),
            "{label}"
        );

        // China's own project never reaches Pakistan's webhook.
        let cn_actor = app.db.store.actor_of("cn.secretariat").await.unwrap();
        let own = NewProject::parse(
            &ProjectInput {
                kind: Some("industrial_park".into()),
                name: Some("A site China is still weighing".into()),
                visibility: Some("party".into()),
                ..Default::default()
            },
            corridor_core::now().date(),
        )
        .unwrap();
        app.db
            .store
            .create_project(&cn_actor, ProjectId::new(), &own)
            .await
            .unwrap();
        corridor_web::dispatch::round(&state, None).await.unwrap();
        assert_eq!(
            receiver.got.lock().unwrap().len(),
            1,
            "{label}: nothing of the other side's own records"
        );

        // The receiver starts failing: each failure is logged and retried later, and the fifth in a row
        // turns the webhook off and tells its owner.
        receiver.answer.store(500, Ordering::SeqCst);
        let s = &app.db.store;
        let mut at = corridor_core::now();
        move_milestone(&app, "2032-06-30").await;
        corridor_web::dispatch::round(&state, None).await.unwrap();
        for _ in 0..4 {
            at += time::Duration::hours(7);
            let calls = s
                .claim_calls(at, time::Duration::minutes(5), 10)
                .await
                .unwrap();
            assert_eq!(calls.len(), 1, "{label}: retried");
            s.finish_call(&calls[0].id, Some(500), "500 Internal Server Error", at)
                .await
                .unwrap();
        }
        let hooks = app
            .get("/api/v1/webhooks", Auth::Bearer(&token))
            .await
            .json();
        assert_eq!(hooks["data"][0]["enabled"], false, "{label}: {hooks}");
        assert_eq!(hooks["data"][0]["calls"][0]["last_code"], 500, "{label}");
        assert!(
            s.claim_calls(at + time::Duration::days(1), time::Duration::minutes(5), 10)
                .await
                .unwrap()
                .is_empty(),
            "{label}"
        );
        let inbox = app.get("/api/v1/inbox", Auth::Bearer(&token)).await.json();
        let step = inbox["data"]["groups"][0]["entries"][0]["step"]
            .as_str()
            .unwrap()
            .to_owned();
        assert!(
            step.contains("turned off after 5 failed deliveries"),
            "{label}: {inbox}"
        );
    }
}
