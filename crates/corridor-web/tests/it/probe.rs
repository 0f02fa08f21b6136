//! A user of one side probes every API route of the OpenAPI document with the ids of the other side's internal
//! records: each answer is exactly the answer for an id that does not exist (reads: 404), and nothing changes.

use crate::support::{Auth, TestApp, demo_id};
use axum::http::StatusCode;
use corridor_store::testing::each_backend_demo;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::json;

/// The records whose latest event makes them internal to `party`: (entity, id).
async fn internal_records(app: &TestApp, party: &str) -> Vec<(String, String)> {
    let c = app.db.store.connection();
    let sql = format!(
        "SELECT e.entity, e.entity_id FROM events e WHERE e.visibility = 'party' AND e.owner_party_id = '{party}' \
         AND e.seq = (SELECT MAX(x.seq) FROM events x WHERE x.entity = e.entity AND x.entity_id = e.entity_id) \
         ORDER BY e.entity, e.entity_id"
    );
    c.query_all_raw(Statement::from_string(c.get_database_backend(), sql))
        .await
        .unwrap()
        .iter()
        .map(|r| {
            (
                r.try_get::<String>("", "entity").unwrap(),
                r.try_get::<String>("", "entity_id").unwrap(),
            )
        })
        .collect()
}

/// `template` with its `{id}` set to `id` and any other parameter to 0.
fn fill(template: &str, id: &str) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = open + rest[open..].find('}').unwrap();
        out.push_str(if &rest[open..=close] == "{id}" {
            id
        } else {
            "0"
        });
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

#[tokio::test]
async fn every_api_route_answers_the_other_sides_internal_ids_as_if_they_did_not_exist() {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        let pk = app.token("pk.admin").await;
        // Beside the demo's internal records, a party-internal project and meeting of Pakistan's.
        for (path, body) in [
            (
                "/api/v1/projects",
                json!({"kind": "industrial_park", "name": "Candidate park under internal review", "visibility": "party"}),
            ),
            (
                "/api/v1/meetings",
                json!({"body_id": corridor_core::ids::BodyId::from_key("demo/body/jwg-ic").to_string(), "number": 31,
                    "modality": "video", "video_link": "https://video.example.org/prep", "time_zone": "Asia/Karachi",
                    "starts_at": "2027-01-10T10:00", "ends_at": "2027-01-10T11:00",
                    "host_party_id": demo_id("party", "pk"), "visibility": "party"}),
            ),
        ] {
            let r = app
                .json("POST", path, Auth::Bearer(&pk), &body.to_string())
                .await;
            assert_eq!(r.status, StatusCode::CREATED, "{label}: {path}: {}", r.body);
        }
        let hidden = internal_records(&app, &demo_id("party", "pk")).await;
        let kinds: std::collections::BTreeSet<_> = hidden.iter().map(|(e, _)| e.as_str()).collect();
        assert!(
            kinds.len() >= 8,
            "{label}: too few kinds of internal record to probe: {kinds:?}"
        );
        let cn = app.token("cn.admin").await;
        let doc = app.get("/api/v1/openapi.json", Auth::None).await.json();
        let before = app.event_count().await;
        let mut probes = 0;
        for (template, item) in doc["paths"].as_object().unwrap() {
            if !template.contains("{id}") {
                continue;
            }
            for method in ["get", "put", "post", "delete"] {
                if item.get(method).is_none() {
                    continue;
                }
                let body = if matches!(method, "get" | "delete") {
                    ""
                } else {
                    "{}"
                };
                let method = method.to_uppercase();
                for (entity, id) in &hidden {
                    let unknown = uuid::Uuid::new_v4().to_string();
                    let probe = app
                        .json(&method, &fill(template, id), Auth::Bearer(&cn), body)
                        .await;
                    let absent = app
                        .json(&method, &fill(template, &unknown), Auth::Bearer(&cn), body)
                        .await;
                    assert_eq!(
                        (probe.status, probe.body.replace(id.as_str(), "ID")),
                        (absent.status, absent.body.replace(&unknown, "ID")),
                        "{label}: {method} {template} told the {entity} {id} apart from an id that does not exist"
                    );
                    if method == "GET" {
                        assert_eq!(
                            probe.status,
                            StatusCode::NOT_FOUND,
                            "{label}: GET {template} for the {entity}"
                        );
                    }
                    probes += 1;
                }
            }
        }
        println!(
            "{label}: {probes} probes of {} internal records ({} kinds)",
            hidden.len(),
            kinds.len()
        );
        assert!(probes > 1000, "{label}: only {probes} probes");
        assert_eq!(
            app.event_count().await,
            before,
            "{label}: a probe changed something"
        );
    }
}
