//! The interface's language: from the switcher's cookie, else the browser's Accept-Language, else English;
//! Urdu right to left; the switcher returns to the page it was used on and refuses a language it lacks.

use crate::support::{Auth, TestApp};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use corridor_store::testing::each_backend_demo;

async fn page(
    app: &TestApp,
    path: &str,
    headers: &[(header::HeaderName, &str)],
) -> (String, String) {
    let mut req = Request::get(path);
    for (k, v) in headers {
        req = req.header(k, *v);
    }
    let r = app.send(req.body(Body::empty()).unwrap()).await;
    assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
    let lang = r.headers[header::CONTENT_LANGUAGE]
        .to_str()
        .unwrap()
        .to_owned();
    (lang, r.body)
}

#[tokio::test]
async fn pages_speak_the_chosen_language_and_urdu_runs_right_to_left() {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        let (lang, body) = page(&app, "/", &[]).await;
        assert_eq!(lang, "en", "{label}");
        assert!(body.contains(r#"<html lang="en" dir="ltr">"#), "{label}");
        assert!(body.contains(">Meetings</a>"), "{label}");

        let (lang, body) = page(
            &app,
            "/",
            &[(header::ACCEPT_LANGUAGE, "zh-CN,zh;q=0.9,en;q=0.5")],
        )
        .await;
        assert_eq!(lang, "zh", "{label}");
        assert!(body.contains(r#"<html lang="zh" dir="ltr">"#), "{label}");
        assert!(
            body.contains(">会议</a>") && body.contains("最新动态"),
            "{label}: {body}"
        );

        // The switcher's cookie outranks the browser.
        let (lang, body) = page(
            &app,
            "/search?q=%E7%BA%BA%E7%BB%87",
            &[
                (header::ACCEPT_LANGUAGE, "zh-CN"),
                (header::COOKIE, "corridor_lang=ur"),
            ],
        )
        .await;
        assert_eq!(lang, "ur", "{label}");
        assert!(body.contains(r#"<html lang="ur" dir="rtl">"#), "{label}");
        assert!(body.contains(">اجلاس</a>"), "{label}");
        assert!(
            body.contains("نتائج") && body.contains("شعبہ"),
            "{label}: {body}"
        );
        // The record's own Chinese title still shows, marked as Chinese inside the Urdu page.
        assert!(
            body.contains(r#"<span class="other" lang="zh" dir="ltr">纺织产业联合诊断研究</span>"#),
            "{label}"
        );

        let (_, body) = page(
            &app,
            "/search?q=%E7%BA%BA%E7%BB%87",
            &[(header::COOKIE, "corridor_lang=zh")],
        )
        .await;
        assert!(
            body.contains("条结果") && body.contains("领域"),
            "{label}: {body}"
        );

        // Error pages too.
        let r = app
            .send(
                Request::get("/projects/no-such-project")
                    .header(header::COOKIE, "corridor_lang=zh")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{label}");
        assert!(
            r.body.contains("<h1>未找到</h1>") && r.body.contains(r#"lang="zh""#),
            "{label}: {}",
            r.body
        );

        // A language the interface lacks falls back to English.
        let (lang, _) = page(&app, "/", &[(header::ACCEPT_LANGUAGE, "fr-FR, de;q=0.8")]).await;
        assert_eq!(lang, "en", "{label}");
        let (lang, _) = page(&app, "/", &[(header::COOKIE, "corridor_lang=klingon")]).await;
        assert_eq!(lang, "en", "{label}");
    }
}

#[tokio::test]
async fn the_switcher_remembers_the_choice_and_returns_to_the_page() {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        let switch = |lang: &str, referer: &str| {
            Request::post("/language")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::HOST, "corridor.test")
                .header(header::REFERER, referer.to_owned())
                .body(Body::from(format!("lang={lang}")))
                .unwrap()
        };
        let r = app
            .send(switch(
                "ur",
                "http://corridor.test/search?q=zone&area=portfolio",
            ))
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{label}: {}", r.body);
        assert_eq!(
            r.headers[header::LOCATION],
            "/search?q=zone&area=portfolio",
            "{label}"
        );
        assert_eq!(r.cookie("corridor_lang").as_deref(), Some("ur"), "{label}");
        // Another site's page is not returned to.
        let r = app
            .send(switch("zh", "https://elsewhere.example/phish"))
            .await;
        assert_eq!(r.headers[header::LOCATION], "/", "{label}");
        let r = app.send(switch("zh", "//elsewhere.example/x")).await;
        assert_eq!(r.headers[header::LOCATION], "/", "{label}");
        // A language the interface lacks is refused, and nothing is remembered.
        let r = app.send(switch("fr", "/")).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        assert!(r.body.contains("lang"), "{label}: {}", r.body);
        assert_eq!(r.cookie("corridor_lang"), None, "{label}");
        // Signed-in pages speak the choice too.
        let (session, _) = app.sign_in("cn.secretariat").await;
        let both = format!("{session}; corridor_lang=zh");
        let r = app.get("/", Auth::Cookie(&both)).await;
        assert!(
            r.body.contains("退出") && r.body.contains("收件箱"),
            "{label}: {}",
            r.body
        );

        // Signed in, the choice is kept with the account (the form carries the session's token) and comes
        // back at the next sign-in in another browser.
        let (session, csrf) = app.sign_in("pk.secretariat").await;
        let forged = app
            .form("/language", Auth::Cookie(&session), &[("lang", "ur")])
            .await;
        assert_eq!(
            forged.status,
            StatusCode::FORBIDDEN,
            "{label}: {}",
            forged.body
        );
        let kept = app
            .form(
                "/language",
                Auth::Cookie(&session),
                &[("lang", "ur"), ("csrf", &csrf)],
            )
            .await;
        assert_eq!(kept.status, StatusCode::SEE_OTHER, "{label}: {}", kept.body);
        let login = app.get("/login", Auth::None).await;
        let pre = login.cookie("corridor_login_csrf").unwrap();
        let again = app
            .form(
                "/login",
                Auth::Cookie(&format!("corridor_login_csrf={pre}")),
                &[
                    ("csrf", &pre),
                    ("username", "pk.secretariat"),
                    ("password", "corridor-demo"),
                    ("next", "/"),
                ],
            )
            .await;
        assert_eq!(again.status, StatusCode::SEE_OTHER, "{label}");
        assert_eq!(
            again.cookie("corridor_lang").as_deref(),
            Some("ur"),
            "{label}"
        );
        let other = app.get("/login", Auth::None).await;
        assert_eq!(other.cookie("corridor_lang"), None, "{label}");
    }
}
