//! Links over HTTP: the demo's 6th meeting discusses the 5th meeting's acceptance of the draft, an outcome
//! linked through the API is found by the register's linked-record filter, and bad links are refused by name.

use crate::support::{Auth, TestApp};
use axum::http::StatusCode;
use corridor_core::ids::{MeetingId, RegisterItemId};
use corridor_store::testing::each_backend_demo;
use serde_json::json;

#[tokio::test]
async fn records_link_to_what_they_discuss_and_the_register_follows_the_links() {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        let sixth = MeetingId::from_key("demo/meeting/jwg-6").to_string();
        let accepted = RegisterItemId::from_key("demo/register/fa-accepted").to_string();
        let visits = RegisterItemId::from_key("demo/register/industrial-visits").to_string();
        let cn = app.token("cn.secretariat").await;
        let page = app
            .get(&format!("/meetings/{sixth}"), Auth::Bearer(&cn))
            .await
            .body;
        assert!(page.contains("Discusses:"), "{label}");
        assert!(
            page.contains(&format!("href=\"/register/{accepted}\"")),
            "{label}: the agenda links the outcome"
        );
        let fa = corridor_core::ids::InstrumentId::from_key("demo/instrument/fa").to_string();
        let fifth = MeetingId::from_key("demo/meeting/jwg-5").to_string();
        let fifth_page = app
            .get(&format!("/meetings/{fifth}"), Auth::Bearer(&cn))
            .await
            .body;
        assert!(
            fifth_page.contains(&format!("href=\"/instruments/{fa}\"")),
            "{label}: the Framework Agreement item links the instrument"
        );

        let pk = app.token("pk.secretariat").await;
        let bad =
            json!({"meeting_id": sixth, "kind": "note", "text": "x", "links": ["project:123"]});
        let reply = app
            .json(
                "POST",
                "/api/v1/register",
                Auth::Bearer(&pk),
                &bad.to_string(),
            )
            .await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        assert_eq!(
            reply.json()["error"]["field"],
            "links",
            "{label}: {}",
            reply.body
        );

        let follow = json!({
            "meeting_id": sixth, "kind": "action", "text": "Send the list of sectors for the first visits",
            "links": [format!("register_item:{visits}")],
        });
        let made = app
            .json(
                "POST",
                "/api/v1/register",
                Auth::Bearer(&pk),
                &follow.to_string(),
            )
            .await;
        assert_eq!(made.status, StatusCode::CREATED, "{label}: {}", made.body);
        let made = made.json();
        assert_eq!(made["data"]["links"][0]["kind"], "register_item", "{label}");
        assert_eq!(made["data"]["links"][0]["id"], visits.as_str(), "{label}");

        let found = app
            .get(
                &format!("/api/v1/register?linked=register_item:{visits}"),
                Auth::Bearer(&cn),
            )
            .await
            .json();
        let ids: Vec<&str> = found["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, vec![made["data"]["id"].as_str().unwrap()], "{label}");
        let html = app
            .get(
                &format!("/register?linked=register_item:{visits}"),
                Auth::Bearer(&cn),
            )
            .await
            .body;
        assert!(html.contains("Send the list of sectors"), "{label}");

        let unknown = app
            .get(
                &format!(
                    "/api/v1/register?linked=register_item:{}",
                    RegisterItemId::new()
                ),
                Auth::Bearer(&cn),
            )
            .await;
        assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        assert_eq!(unknown.json()["error"]["field"], "linked", "{label}");
    }
}
