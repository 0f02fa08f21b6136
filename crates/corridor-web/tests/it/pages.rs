//! The browser side: signing in, sessions, CSRF, forms that show their errors, pages that escape what they
//! show and keep each side's internal records to that side.

use crate::support::{Auth, TestApp, demo_id};
use axum::http::StatusCode;
use corridor_store::testing::each_backend_demo;

#[tokio::test]
async fn signing_in_starts_a_fresh_session_and_signing_out_ends_it() {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        assert_eq!(
            app.get("/organisations/new", Auth::None).await.headers["location"],
            "/login?next=%2Forganisations%2Fnew"
        );
        // A session id planted before signing in must not survive it.
        let planted = "corridor_session=planted-by-someone-else";
        let login = app.get("/login", Auth::Cookie(planted)).await;
        let pre = login.cookie("corridor_login_csrf").unwrap();
        let cookies = format!("{planted}; corridor_login_csrf={pre}");
        let r = app
            .form(
                "/login",
                Auth::Cookie(&cookies),
                &[
                    ("csrf", &pre),
                    ("username", "pk.secretariat"),
                    ("password", "corridor-demo"),
                    ("next", "/people"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{label}: {}", r.body);
        assert_eq!(r.headers["location"], "/people");
        let session = r.cookie("corridor_session").unwrap();
        assert_ne!(session, "planted-by-someone-else");
        let set_cookie = r.headers["set-cookie"].to_str().unwrap();
        assert!(
            set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"),
            "{set_cookie}"
        );
        let cookie = format!("corridor_session={session}");
        let home = app.get("/", Auth::Cookie(&cookie)).await;
        assert!(
            home.body.contains("pk.secretariat") && home.body.contains("Pakistan"),
            "{label}"
        );
        let csrf = home
            .body
            .split("name=\"csrf\" value=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_owned();
        let out = app
            .form("/logout", Auth::Cookie(&cookie), &[("csrf", &csrf)])
            .await;
        assert_eq!(out.status, StatusCode::SEE_OTHER);
        assert_eq!(
            app.get("/account", Auth::Cookie(&cookie)).await.status,
            StatusCode::SEE_OTHER,
            "{label}: the session outlived sign-out"
        );
    }
}

#[tokio::test]
async fn repeated_failed_sign_ins_are_refused_with_a_clear_message() {
    for db in each_backend_demo().await {
        let app = TestApp::new(db).await;
        let attempt = |password: &'static str| {
            let app = &app;
            async move {
                let pre = app
                    .get("/login", Auth::None)
                    .await
                    .cookie("corridor_login_csrf")
                    .unwrap();
                app.form(
                    "/login",
                    Auth::Cookie(&format!("corridor_login_csrf={pre}")),
                    &[
                        ("csrf", &pre),
                        ("username", "cn.admin"),
                        ("password", password),
                    ],
                )
                .await
            }
        };
        for _ in 0..3 {
            let r = attempt("not the password").await;
            assert_eq!(r.status, StatusCode::UNAUTHORIZED);
            assert!(r.body.contains("The username or password is not right."));
        }
        let r = attempt("corridor-demo").await;
        assert_eq!(
            r.status,
            StatusCode::TOO_MANY_REQUESTS,
            "the right password got through a locked account"
        );
        assert!(
            r.body.contains("Too many failed sign-ins") && r.body.contains("minutes"),
            "{}",
            r.body
        );
        let r = app
            .form(
                "/login",
                Auth::None,
                &[
                    ("csrf", "forged"),
                    ("username", "pk.admin"),
                    ("password", "corridor-demo"),
                ],
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::FORBIDDEN,
            "sign-in without the form's own token"
        );
    }
}

#[tokio::test]
async fn forms_refuse_a_missing_token_and_show_errors_beside_their_fields() {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        let (cookie, csrf) = app.sign_in("pk.secretariat").await;
        let party = demo_id("party", "pk");
        let before = app.event_count().await;
        let fields = [
            ("name", "Gwadar Port Authority"),
            ("kind", "zone_authority"),
            ("party_id", party.as_str()),
            ("visibility", "shared"),
        ];
        let r = app
            .form("/organisations", Auth::Cookie(&cookie), &fields)
            .await;
        assert_eq!(
            r.status,
            StatusCode::FORBIDDEN,
            "{label}: a form without its CSRF token was accepted"
        );
        let mut with_bad = vec![
            ("csrf", csrf.as_str()),
            ("name", "Gwadar Port Authority"),
            ("kind", "harbour"),
            ("party_id", party.as_str()),
            ("website", "gwadar"),
            ("visibility", "shared"),
        ];
        let r = app
            .form("/organisations", Auth::Cookie(&cookie), &with_bad)
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        assert!(r.body.contains("2 things to correct"), "{}", r.body);
        assert!(
            r.body.contains("id=\"e-kind\"") && r.body.contains("id=\"e-website\""),
            "{label}: errors not beside their fields"
        );
        assert!(
            r.body.contains("value=\"Gwadar Port Authority\""),
            "{label}: the form lost what was typed"
        );
        assert_eq!(app.event_count().await, before, "{label}");
        with_bad[2] = ("kind", "zone_authority");
        with_bad[4] = ("website", "https://gwadarport.gov.pk");
        let r = app
            .form("/organisations", Auth::Cookie(&cookie), &with_bad)
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{label}: {}", r.body);
        let page = app
            .get(
                r.headers["location"].to_str().unwrap(),
                Auth::Cookie(&cookie),
            )
            .await;
        assert!(
            page.body.contains("Gwadar Port Authority")
                && page.body.contains("History")
                && page.body.contains("pk.secretariat"),
            "{label}"
        );
        let dup = app
            .form("/organisations", Auth::Cookie(&cookie), &with_bad)
            .await;
        assert_eq!(dup.status, StatusCode::CONFLICT);
        assert!(
            dup.body
                .contains("already has an organisation with this name"),
            "{label}"
        );
    }
}

#[tokio::test]
async fn pages_keep_each_sides_internal_records_to_that_side() {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        let (cn, _) = app.sign_in("cn.secretariat").await;
        let (pk, _) = app.sign_in("pk.secretariat").await;
        let legal = format!("/organisations/{}", demo_id("organisation", "boi-legal"));
        assert_eq!(
            app.get(&legal, Auth::Cookie(&pk)).await.status,
            StatusCode::OK,
            "{label}"
        );
        let hidden = app.get(&legal, Auth::Cookie(&cn)).await;
        let missing = app
            .get(
                &format!("/organisations/{}", uuid::Uuid::new_v4()),
                Auth::Cookie(&cn),
            )
            .await;
        assert_eq!(
            (hidden.status, &hidden.body),
            (StatusCode::NOT_FOUND, &missing.body),
            "{label}"
        );
        for path in [
            "/organisations",
            "/people",
            "/events",
            "/",
            &format!("/organisations/{}", demo_id("organisation", "boi")),
        ] {
            let body = app.get(path, Auth::Cookie(&cn)).await.body;
            for secret in ["BoI Legal Wing", "Saima Rauf", "Legal vetting"] {
                assert!(
                    !body.contains(secret),
                    "{label}: {path} showed “{secret}” to the other side"
                );
            }
        }
        let pk_people = app.get("/people", Auth::Cookie(&pk)).await.body;
        assert!(
            pk_people.contains("Saima Rauf") && !pk_people.contains("Wang Fang"),
            "{label}"
        );
        assert_eq!(
            app.get("/users", Auth::Cookie(&cn))
                .await
                .body
                .matches("/users/")
                .count(),
            3,
            "{label}: accounts of the other side listed"
        );
    }
}

#[tokio::test]
async fn what_people_type_is_escaped_on_every_page() {
    for db in each_backend_demo().await {
        let app = TestApp::new(db).await;
        let (cookie, csrf) = app.sign_in("pk.secretariat").await;
        let xss = "<script>alert('x')</script>";
        let r = app
            .form(
                "/people",
                Auth::Cookie(&cookie),
                &[
                    ("csrf", &csrf),
                    ("full_name", xss),
                    ("title", "<img src=x onerror=alert(1)>"),
                    ("party_id", &demo_id("party", "pk")),
                    ("visibility", "shared"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let record = r.headers["location"].to_str().unwrap().to_owned();
        for path in [record.as_str(), "/people", "/", "/events"] {
            let body = app.get(path, Auth::Cookie(&cookie)).await.body;
            assert!(
                !body.contains("<script>alert") && !body.contains("<img src=x"),
                "{path} did not escape"
            );
            assert!(
                body.contains("&#60;script&#62;") || path == "/events" || path == "/",
                "{path} lost the text"
            );
        }
    }
}

#[tokio::test]
async fn editing_through_the_form_shows_a_readable_history() {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        let (cookie, csrf) = app.sign_in("pk.secretariat").await;
        let id = demo_id("person", "asim");
        let form = app
            .get(&format!("/people/{id}/edit"), Auth::Cookie(&cookie))
            .await;
        assert!(
            form.body.contains("name=\"version\" value=\"1\""),
            "{label}"
        );
        let fields = [
            ("csrf", csrf.as_str()),
            ("full_name", "Asim Ayub"),
            ("title", "Project Director, PMU-IC"),
            ("party_id", &demo_id("party", "pk")),
            ("visibility", "public"),
            ("version", "1"),
        ];
        let r = app
            .form(&format!("/people/{id}"), Auth::Cookie(&cookie), &fields)
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{label}: {}", r.body);
        let again = app
            .form(&format!("/people/{id}"), Auth::Cookie(&cookie), &fields)
            .await;
        assert_eq!(
            again.status,
            StatusCode::CONFLICT,
            "{label}: a stale form overwrote a newer version"
        );
        assert!(again.body.contains("changed by someone else"));
        let (cn, _) = app.sign_in("cn.secretariat").await;
        let page = app
            .get(&format!("/people/{id}"), Auth::Cookie(&cn))
            .await
            .body;
        assert!(
            page.contains("<del>Project Director, PMU on Industrial Cooperation</del>")
                && page.contains("<ins>Project Director, PMU-IC</ins>"),
            "{label}: {page}"
        );
        assert!(
            !page.contains("Edit this person"),
            "{label}: the other side was offered to edit"
        );
    }
}
