//! The news page's e-mail: visitors subscribe with a double opt-in through a real SMTP server, get each
//! published item once in the language they chose, and unsubscribe with one link that a forger cannot guess
//! and that subscribing again makes void. A failed e-mail is shown to both sides' administrators, who can
//! send it again.

use crate::support::{Auth, Sink, TestApp, between};
use axum::http::StatusCode;
use corridor_core::config::Config;
use corridor_core::ids::NewsItemId;
use corridor_store::testing::each_backend_demo;
use corridor_web::AppState;

fn item(key: &str) -> String {
    NewsItemId::from_key(&format!("demo/news/{key}")).to_string()
}

#[tokio::test]
#[expect(
    clippy::too_many_lines,
    reason = "one story: sign up, confirm, receive, unsubscribe, and every bad link"
)]
async fn a_visitor_subscribes_with_a_double_opt_in_and_receives_each_item_once() {
    for db in each_backend_demo().await {
        let label = db.label;
        let dir = std::env::temp_dir().join(format!("corridor-news-mail-{}", uuid::Uuid::now_v7()));
        let sink = Sink::start(&dir);
        let config = Config {
            smtp_url: format!("smtp://127.0.0.1:{}", sink.port),
            mail_from: "Corridor secretariat <news@corridor.example>".into(),
            public_url: "https://corridor.example".into(),
            login_attempts: 3,
            ..Config::default()
        };
        let app = TestApp::with_config(db, config.clone()).await;
        let state = AppState::new(app.db.store.clone(), config.clone());
        let smtp = corridor_web::dispatch::transport(&config.smtp_url).unwrap();
        let round = async || {
            corridor_web::dispatch::round(&state, Some(&smtp))
                .await
                .unwrap()
        };
        assert_eq!(round().await, 0, "{label}: the demo is history");

        let page = app.get("/news", Auth::None).await;
        let cookie_token = page.cookie("corridor_news_csrf").unwrap();
        let form_token = between(&page.body, "name=\"csrf\" value=\"", '"');
        assert_eq!(cookie_token, form_token);
        let cookie = format!("corridor_news_csrf={cookie_token}");
        let sign_up = async |email: &str, csrf: &str| {
            app.form(
                "/news/subscribe",
                Auth::Cookie(&cookie),
                &[("csrf", csrf), ("email", email), ("language", "zh")],
            )
            .await
        };
        let bad = sign_up("not-an-address", &form_token).await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        assert!(
            bad.body
                .contains("email: “not-an-address” is not an e-mail address"),
            "{label}: {}",
            bad.body
        );
        assert!(
            bad.body.contains("value=\"not-an-address\""),
            "{label}: what was typed is kept"
        );
        let forged = sign_up("reader@example.org", "forged").await;
        assert_eq!(forged.status, StatusCode::FORBIDDEN, "{label}");
        assert_eq!(
            app.db.store.subscriber_counts().await.unwrap(),
            (0, 0, 0),
            "{label}"
        );

        let ok = sign_up("Reader@Example.org", &form_token).await;
        assert_eq!(ok.status, StatusCode::OK, "{label}: {}", ok.body);
        assert!(ok.body.contains("reader@example.org"), "{label}");
        assert_eq!(round().await, 1, "{label}: the confirmation");
        let mail = sink.received();
        assert_eq!(mail.len(), 1, "{label}");
        assert!(
            mail[0].contains("To: reader@example.org"),
            "{label}: {}",
            mail[0]
        );
        assert!(
            mail[0].contains("Subject: 请确认订阅联合工作组新闻"),
            "{label}: {}",
            mail[0]
        );
        assert!(
            mail[0].contains("--- text/plain") && mail[0].contains("--- text/html"),
            "{label}"
        );
        let confirm = format!(
            "/news/confirm/{}",
            between(&mail[0], "https://corridor.example/news/confirm/", '\n').trim()
        );
        // Asking again within ten minutes sends nothing more, and says the same.
        let twice = sign_up("reader@example.org", &form_token).await;
        assert_eq!(twice.status, StatusCode::OK, "{label}");
        assert_eq!(round().await, 0, "{label}");

        let (sid, nonce) = confirm
            .trim_start_matches("/news/confirm/")
            .split_once('/')
            .unwrap();
        let guessed = format!("/news/confirm/{sid}/{}", "0".repeat(nonce.len()));
        assert_eq!(
            app.get(&guessed, Auth::None).await.status,
            StatusCode::NOT_FOUND,
            "{label}"
        );
        assert_eq!(
            app.form(&guessed, Auth::None, &[]).await.status,
            StatusCode::NOT_FOUND,
            "{label}"
        );
        let ask = app.get(&confirm, Auth::None).await;
        assert_eq!(
            ask.status,
            StatusCode::OK,
            "{label}: opening the link only asks"
        );
        assert_eq!(
            app.db.store.subscriber_counts().await.unwrap(),
            (1, 0, 0),
            "{label}"
        );
        let done = app.form(&confirm, Auth::None, &[]).await;
        assert_eq!(done.status, StatusCode::OK, "{label}: {}", done.body);
        assert_eq!(
            app.db.store.subscriber_counts().await.unwrap(),
            (0, 1, 0),
            "{label}"
        );
        assert_eq!(
            app.form(&confirm, Auth::None, &[]).await.status,
            StatusCode::NOT_FOUND,
            "{label}: used"
        );

        // Pakistan approves China's draft: it is published, and the subscriber gets it once, in Chinese.
        let pk = app.db.store.actor_of("pk.secretariat").await.unwrap();
        app.db
            .store
            .approve_news(&pk, &item("textile-workshop"), 1)
            .await
            .unwrap();
        assert_eq!(round().await, 1, "{label}");
        assert_eq!(round().await, 0, "{label}: never twice");
        let mail = sink.received();
        assert_eq!(mail.len(), 2, "{label}");
        // The maildir's names do not sort by arrival within a second: find the item by its subject.
        let news = mail
            .iter()
            .find(|m| m.contains("Subject: 纺织产业诊断研究研讨会"))
            .unwrap_or_else(|| panic!("{label}: no news e-mail in {mail:?}"));
        assert!(news.contains("研究聚焦成衣、化学纤维和技能培训"), "{label}");
        assert!(
            news.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"),
            "{label}"
        );
        let unsubscribe = format!(
            "/news/unsubscribe/{}",
            between(news, "<https://corridor.example/news/unsubscribe/", '>')
        );
        assert_eq!(
            app.get(&unsubscribe, Auth::None).await.status,
            StatusCode::OK,
            "{label}"
        );
        assert_eq!(
            app.db.store.subscriber_counts().await.unwrap(),
            (0, 1, 0),
            "{label}: a look changes nothing"
        );
        let stop = app
            .form(
                &unsubscribe,
                Auth::None,
                &[("List-Unsubscribe", "One-Click")],
            )
            .await;
        assert_eq!(stop.status, StatusCode::OK, "{label}: {}", stop.body);
        assert_eq!(
            app.db.store.subscriber_counts().await.unwrap(),
            (0, 0, 1),
            "{label}"
        );
        let replay = app.form(&unsubscribe, Auth::None, &[]).await;
        assert_eq!(replay.status, StatusCode::OK, "{label}");
        assert_eq!(
            app.db.store.subscriber_counts().await.unwrap(),
            (0, 0, 1),
            "{label}: replayed, nothing changed"
        );
        let forged = unsubscribe.replace(&unsubscribe[unsubscribe.len() - 4..], "0000");
        assert_eq!(
            app.form(&forged, Auth::None, &[]).await.status,
            StatusCode::NOT_FOUND,
            "{label}"
        );

        // Subscribing again sends a new confirmation and voids the old unsubscribe link.
        assert_eq!(
            sign_up("reader@example.org", &form_token).await.status,
            StatusCode::OK
        );
        assert_eq!(round().await, 1, "{label}");
        assert_eq!(
            app.form(&unsubscribe, Auth::None, &[]).await.status,
            StatusCode::NOT_FOUND,
            "{label}"
        );
        // A fourth sign-up from one address within the window is refused.
        let limited = sign_up("other@example.org", &form_token).await;
        assert_eq!(
            limited.status,
            StatusCode::TOO_MANY_REQUESTS,
            "{label}: {}",
            limited.body
        );
    }
}

#[tokio::test]
async fn a_failed_news_email_is_shown_to_administrators_of_both_sides_who_can_retry_it() {
    for db in each_backend_demo().await {
        let label = db.label;
        // Nothing listens on this port: every attempt fails and is recorded.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let config = Config {
            smtp_url: format!("smtp://127.0.0.1:{port}"),
            mail_from: "Corridor secretariat <news@corridor.example>".into(),
            ..Config::default()
        };
        let app = TestApp::with_config(db, config.clone()).await;
        let state = AppState::new(app.db.store.clone(), config.clone());
        let smtp = corridor_web::dispatch::transport(&config.smtp_url).unwrap();
        let new = corridor_core::news::NewSubscription {
            email: "reader@example.org".into(),
            language: corridor_core::language::Language::Ur,
        };
        app.db.store.subscribe_news(&new).await.unwrap();
        let sent = corridor_web::dispatch::round(&state, Some(&smtp))
            .await
            .unwrap();
        assert_eq!(sent, 0, "{label}");
        for admin in ["pk.admin", "cn.admin"] {
            let (cookie, _) = app.sign_in(admin).await;
            let page = app.get("/admin/deliveries", Auth::Cookie(&cookie)).await;
            assert_eq!(page.status, StatusCode::OK, "{label}");
            let public = between(&page.body, "id=\"public\"", '§');
            assert!(public.contains("reader@example.org"), "{label}: {public}");
            assert!(
                public.contains("1 attempt") && public.contains("refused"),
                "{label}: {public}"
            );
        }
        let (officer, csrf) = app.sign_in("pk.secretariat").await;
        let refused = app.get("/admin/deliveries", Auth::Cookie(&officer)).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{label}");
        let pk = app.db.store.actor_of("pk.admin").await.unwrap();
        let corridor_core::Actor::User(admin) = pk else {
            panic!("a user")
        };
        let mail = app.db.store.public_deliveries(&admin, 10).await.unwrap();
        assert_eq!(mail.len(), 1, "{label}");
        assert!(mail[0].last_error.is_some(), "{label}");
        let not_theirs = app
            .form(
                &format!("/admin/public-mail/{}/retry", mail[0].id),
                Auth::Cookie(&officer),
                &[("csrf", &csrf)],
            )
            .await;
        assert_eq!(not_theirs.status, StatusCode::FORBIDDEN, "{label}");
        let (cookie, csrf) = app.sign_in("cn.admin").await;
        let retried = app
            .form(
                &format!("/admin/public-mail/{}/retry", mail[0].id),
                Auth::Cookie(&cookie),
                &[("csrf", &csrf)],
            )
            .await;
        assert_eq!(
            retried.status,
            StatusCode::SEE_OTHER,
            "{label}: {}",
            retried.body
        );
        let mail = app.db.store.public_deliveries(&admin, 10).await.unwrap();
        assert_eq!(
            (mail[0].attempts, mail[0].log.len()),
            (0, 1),
            "{label}: queued again, its first attempt kept"
        );
    }
}
