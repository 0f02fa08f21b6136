//! A long list of matters arising: paged through the API, the first of them on the meeting's page with the
//! count each side may see, and the rest in the register.

use crate::meetings::id;
use crate::support::{Auth, TestApp};
use axum::http::StatusCode;
use corridor_core::ids::MeetingId;
use corridor_store::testing::each_backend_demo;
use serde_json::json;

#[tokio::test]
async fn a_long_list_of_matters_arising_is_paged_and_counted_as_each_side_may_see_it() {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        let pk = app.token("pk.secretariat").await;
        let cn = app.token("cn.secretariat").await;
        let (fifth, sixth) = (id("meeting", "jwg-5"), id("meeting", "jwg-6"));
        let count = |token: &str| {
            let (app, sixth, token) = (&app, sixth.clone(), token.to_owned());
            async move {
                let mut n = 0;
                let mut next = String::new();
                loop {
                    let page = app
                        .get(
                            &format!("/api/v1/meetings/{sixth}/matters-arising?limit=20{next}"),
                            Auth::Bearer(&token),
                        )
                        .await
                        .json();
                    n += page["data"].as_array().unwrap().len();
                    match page["next"].as_str() {
                        Some(after) => next = format!("&after={after}"),
                        None => return n,
                    }
                }
            }
        };
        let (pk_before, cn_before) = (count(&pk).await, count(&cn).await);
        // Sixty open actions at the 5th meeting, ten of them for Pakistan's eyes only.
        for n in 0..60 {
            let visibility = if n < 10 { "party" } else { "public" };
            let r = app
                .json(
                    "POST",
                    "/api/v1/register",
                    Auth::Bearer(&pk),
                    &json!({"meeting_id": fifth, "kind": "action", "text": format!("Follow-up action {n}"),
                        "visibility": visibility})
                    .to_string(),
                )
                .await;
            assert_eq!(r.status, StatusCode::CREATED, "{label}: {}", r.body);
        }
        assert_eq!(count(&pk).await, pk_before + 60, "{label}");
        assert_eq!(count(&cn).await, cn_before + 50, "{label}");
        // The page lists the first fifty and counts the rest as the viewer may see them.
        for (token, before, total) in [
            (&pk, pk_before, pk_before + 60),
            (&cn, cn_before, cn_before + 50),
        ] {
            let page = app
                .get(&format!("/meetings/{sixth}"), Auth::Bearer(token))
                .await
                .body;
            assert!(
                page.contains(&format!("The first 50 of {total} open items"))
                    && page.contains(&format!("/register?arising_for={sixth}")),
                "{label}: the page does not say how many items arise ({total})"
            );
            // Items are listed in the order they were recorded: the demo's first, then the new ones.
            assert_eq!(
                page.matches("Follow-up action").count(),
                50 - before,
                "{label}: the page lists more or fewer than fifty"
            );
        }
        let register = app
            .get(
                &format!("/register?arising_for={sixth}&limit=500"),
                Auth::Bearer(&cn),
            )
            .await;
        assert_eq!(register.status, StatusCode::OK, "{label}");
        assert!(
            register.body.contains("Matters arising for")
                && register.body.contains("Follow-up action 59")
                && !register.body.contains("Follow-up action 9<"),
            "{label}: the register's list of matters arising is wrong for China"
        );
        let bad = app
            .get(
                &format!("/api/v1/register?arising_for={}", MeetingId::new()),
                Auth::Bearer(&cn),
            )
            .await;
        assert_eq!(
            (bad.status, bad.json()["error"]["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("arising_for")),
            "{label}"
        );
    }
}
