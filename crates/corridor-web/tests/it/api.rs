//! The JSON API: envelopes, errors that name their field with the right status, and nothing leaking across
//! parties.

use crate::support::{Auth, TestApp, demo_id};
use axum::http::StatusCode;
use corridor_store::testing::each_backend_demo;
use serde_json::json;

#[tokio::test]
async fn health_and_the_openapi_document_answer() {
    for db in each_backend_demo().await {
        let app = TestApp::new(db).await;
        assert_eq!(app.get("/healthz", Auth::None).await.status, StatusCode::OK);
        let doc = app.get("/api/v1/openapi.json", Auth::None).await.json();
        for path in [
            "/api/v1/organisations",
            "/api/v1/organisations/{id}/history",
            "/api/v1/people",
            "/api/v1/events",
            "/api/v1/tokens",
        ] {
            assert!(
                doc["paths"][path].is_object(),
                "{path} missing from the OpenAPI document"
            );
        }
        assert_eq!(
            doc["components"]["securitySchemes"]["bearer"]["scheme"],
            "bearer"
        );
    }
}

#[tokio::test]
async fn each_side_reads_only_what_it_may_see_and_hidden_records_look_absent() {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        let cn = app.token("cn.secretariat").await;
        let pk = app.token("pk.secretariat").await;
        let legal = demo_id("organisation", "boi-legal");
        let names = |r: serde_json::Value| -> Vec<String> {
            r["data"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o["name"].as_str().unwrap().to_owned())
                .collect()
        };
        let cn_list = names(
            app.get("/api/v1/organisations?limit=500", Auth::Bearer(&cn))
                .await
                .json(),
        );
        let pk_list = names(
            app.get("/api/v1/organisations?limit=500", Auth::Bearer(&pk))
                .await
                .json(),
        );
        let public = names(
            app.get("/api/v1/organisations?limit=500", Auth::None)
                .await
                .json(),
        );
        assert!(pk_list.contains(&"BoI Legal Wing".to_owned()));
        assert!(!cn_list.contains(&"BoI Legal Wing".to_owned()), "{label}");
        assert_eq!(public.len(), 3, "{label}: public organisations {public:?}");
        let hidden = app
            .get(&format!("/api/v1/organisations/{legal}"), Auth::Bearer(&cn))
            .await;
        let absent = app
            .get(
                &format!("/api/v1/organisations/{}", uuid::Uuid::new_v4()),
                Auth::Bearer(&cn),
            )
            .await;
        assert_eq!(hidden.status, StatusCode::NOT_FOUND, "{label}");
        assert_eq!(
            hidden.body, absent.body,
            "{label}: a hidden record answered differently from a missing one"
        );
        for path in [format!("/api/v1/organisations/{legal}/history")] {
            assert_eq!(
                app.get(&path, Auth::Bearer(&cn)).await.status,
                StatusCode::NOT_FOUND,
                "{label}: {path}"
            );
        }
        let events = app
            .get("/api/v1/events?limit=500", Auth::Bearer(&cn))
            .await
            .json();
        assert!(
            !events.to_string().contains("Legal Wing"),
            "{label}: the event stream leaked an internal record"
        );
        assert_eq!(
            app.get("/api/v1/organisations?limit=1", Auth::Bearer(&pk))
                .await
                .json()["data"]
                .as_array()
                .unwrap()
                .len(),
            1
        );
        assert!(
            app.get("/api/v1/organisations?limit=1", Auth::Bearer(&pk))
                .await
                .json()["next"]
                .is_string()
        );
    }
}

#[tokio::test]
async fn bad_input_gets_a_precise_error_and_changes_nothing() {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        let pk = app.token("pk.secretariat").await;
        let party = demo_id("party", "pk");
        let before = app.event_count().await;
        let ok_body = json!({"name": "Sindh Economic Zones Management Company", "kind": "zone_authority", "party_id": party}).to_string();
        let cases: Vec<(String, &str, StatusCode, &str, Option<&str>)> = vec![
            ("{\"name\": ".into(), "application/json", StatusCode::BAD_REQUEST, "malformed_json", None),
            (json!({"name": "X", "kind": "ministry", "party_id": party, "colour": "red"}).to_string(), "application/json", StatusCode::UNPROCESSABLE_ENTITY, "invalid", Some("colour")),
            (json!({"name": 5, "kind": "ministry", "party_id": party}).to_string(), "application/json", StatusCode::UNPROCESSABLE_ENTITY, "invalid", Some("name")),
            (json!({"kind": "ministry", "party_id": party}).to_string(), "application/json", StatusCode::UNPROCESSABLE_ENTITY, "invalid", Some("name")),
            (json!({"name": "x".repeat(201), "kind": "ministry", "party_id": party}).to_string(), "application/json", StatusCode::UNPROCESSABLE_ENTITY, "invalid", Some("name")),
            (json!({"name": "Board of Investment", "kind": "investment_board", "party_id": party}).to_string(), "application/json", StatusCode::CONFLICT, "conflict", Some("name")),
            (json!({"name": "X", "kind": "ministry", "party_id": party, "parent_id": uuid::Uuid::new_v4().to_string()}).to_string(), "application/json", StatusCode::UNPROCESSABLE_ENTITY, "invalid", Some("parent_id")),
            (json!({"name": "X", "kind": "ministry", "party_id": uuid::Uuid::new_v4().to_string()}).to_string(), "application/json", StatusCode::UNPROCESSABLE_ENTITY, "invalid", Some("party_id")),
            (ok_body.clone(), "text/plain", StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", None),
            (json!({"name": "x".repeat(70_000)}).to_string(), "application/json", StatusCode::PAYLOAD_TOO_LARGE, "too_large", None),
        ];
        for (body, content_type, status, code, field) in cases {
            let req = axum::http::Request::post("/api/v1/organisations")
                .header("authorization", format!("Bearer {pk}"))
                .header("content-type", content_type)
                .body(axum::body::Body::from(body.clone()))
                .unwrap();
            let r = app.send(req).await;
            assert_eq!(
                r.status,
                status,
                "{label}: {} → {}",
                &body[..body.len().min(80)],
                r.body
            );
            let e = r.json();
            assert_eq!(e["error"]["code"], code, "{label}: {}", r.body);
            if let Some(f) = field {
                assert_eq!(e["error"]["field"], f, "{label}: {}", r.body);
            }
        }
        let membership = json!({"person_id": demo_id("person", "asim"), "organisation_id": demo_id("organisation", "pmu"), "role": "x", "starts_on": "2021-02-30"});
        let r = app
            .json(
                "POST",
                "/api/v1/memberships",
                Auth::Bearer(&pk),
                &membership.to_string(),
            )
            .await;
        assert_eq!(
            (r.status, r.json()["error"]["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("starts_on")),
            "{label}"
        );
        let r = app
            .get("/api/v1/organisations?limit=9999", Auth::Bearer(&pk))
            .await;
        assert_eq!(r.json()["error"]["field"], "limit", "{label}");
        let r = app
            .get(
                "/api/v1/organisations?kind=ministry_of_magic",
                Auth::Bearer(&pk),
            )
            .await;
        assert_eq!(r.json()["error"]["field"], "kind", "{label}");
        assert_eq!(
            app.event_count().await,
            before,
            "{label}: a refused request changed something"
        );
        let r = app
            .json("POST", "/api/v1/organisations", Auth::Bearer(&pk), &ok_body)
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{label}: {}", r.body);
        assert_eq!(app.event_count().await, before + 1);
    }
}

#[tokio::test]
async fn writes_need_a_token_of_the_owning_side_with_the_right_role() {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        let body = json!({"name": "Board of Investment", "kind": "investment_board", "party_id": demo_id("party", "pk")}).to_string();
        let path = format!("/api/v1/organisations/{}", demo_id("organisation", "boi"));
        assert_eq!(
            app.json("PUT", &path, Auth::None, &body).await.status,
            StatusCode::UNAUTHORIZED,
            "{label}"
        );
        let r = app
            .json("PUT", &path, Auth::Bearer("cor_not_a_real_token"), &body)
            .await;
        assert_eq!(
            (r.status, r.json()["error"]["code"].as_str()),
            (StatusCode::UNAUTHORIZED, Some("unauthenticated")),
            "{label}"
        );
        let cn = app.token("cn.admin").await;
        assert_eq!(
            app.json("PUT", &path, Auth::Bearer(&cn), &body)
                .await
                .status,
            StatusCode::FORBIDDEN,
            "{label}"
        );
        let pk = app.token("pk.secretariat").await;
        let stale = json!({"name": "Board of Investment", "kind": "investment_board", "party_id": demo_id("party", "pk"), "version": 7}).to_string();
        let r = app.json("PUT", &path, Auth::Bearer(&pk), &stale).await;
        assert_eq!(
            (r.status, r.json()["error"]["field"].as_str()),
            (StatusCode::CONFLICT, Some("version")),
            "{label}"
        );
        let r = app
            .json(
                "PUT",
                &path,
                Auth::Bearer(&pk),
                &body.replace("investment_board", "ministry"),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{label}: {}", r.body);
        assert_eq!(r.json()["data"]["access"]["version"], 2);
        let h = app
            .get(&format!("{path}/history"), Auth::Bearer(&cn))
            .await
            .json();
        assert_eq!(
            h["data"][0]["changes"][0],
            json!({"field": "kind", "from": "investment_board", "to": "ministry"}),
            "{label}"
        );
        assert_eq!(h["data"][0]["actor_name"], "pk.secretariat");
    }
}

#[tokio::test]
async fn tokens_are_issued_listed_and_revoked_through_the_api() {
    for db in each_backend_demo().await {
        let app = TestApp::new(db).await;
        let t = app.token("cn.secretariat").await;
        let r = app
            .json(
                "POST",
                "/api/v1/tokens",
                Auth::Bearer(&t),
                r#"{"name": "nightly export"}"#,
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED);
        let secret = r.json()["data"]["secret"].as_str().unwrap().to_owned();
        let id = r.json()["data"]["token"]["id"].as_str().unwrap().to_owned();
        assert_eq!(
            app.get("/api/v1/me", Auth::Bearer(&secret)).await.json()["data"]["username"],
            "cn.secretariat"
        );
        assert_eq!(
            app.get("/api/v1/tokens", Auth::Bearer(&t)).await.json()["data"]
                .as_array()
                .unwrap()
                .len(),
            2
        );
        let other = app.token("cn.admin").await;
        assert_eq!(
            app.json(
                "POST",
                &format!("/api/v1/tokens/{id}/revoke"),
                Auth::Bearer(&other),
                "{}"
            )
            .await
            .status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            app.json(
                "POST",
                &format!("/api/v1/tokens/{id}/revoke"),
                Auth::Bearer(&t),
                "{}"
            )
            .await
            .status,
            StatusCode::OK
        );
        assert_eq!(
            app.get("/api/v1/me", Auth::Bearer(&secret)).await.status,
            StatusCode::UNAUTHORIZED
        );
    }
}
