//! The portfolio over HTTP: the list with its map, timeline and finance totals; Rashakai's page with both
//! reported areas and their sources; the weights and update forms refusing bad input by name; the 5th
//! meeting's review pack; and a party's own project hidden from the other side.

use crate::support::{Auth, TestApp};
use axum::http::StatusCode;
use corridor_core::ids::{MeetingId, ProjectId};
use corridor_store::testing::each_backend_demo;

fn project(k: &str) -> String {
    ProjectId::from_key(&format!("demo/project/{k}")).to_string()
}

#[tokio::test]
#[expect(
    clippy::too_many_lines,
    reason = "one story: the list, a zone's page, each refusal, the pack and visibility"
)]
async fn the_portfolio_reads_on_a_map_and_a_zone_keeps_both_reported_areas() {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        let list = app.get("/projects", Auth::None).await;
        assert_eq!(list.status, StatusCode::OK, "{label}");
        for expected in [
            "Rashakai Special Economic Zone",
            "Karachi Coastal Comprehensive Development Zone",
            "<svg class=\"map\"",
            "class=\"pin implementation\"",
            "<svg class=\"gantt\"",
            "7,000,000,000",
            "China–Pakistan Young Workers Exchange and Cooperation</a>.",
        ] {
            assert!(
                list.body.contains(expected),
                "{label}: “{expected}” missing"
            );
        }

        let (pk, pk_csrf) = app.sign_in("pk.secretariat").await;
        let cn = app.token("cn.secretariat").await;
        let rashakai = project("rashakai");
        let page = app
            .get(&format!("/projects/{rashakai}"), Auth::Bearer(&cn))
            .await
            .body;
        for expected in [
            "sources disagree",
            "1,000 acres",
            "247 acres",
            "Reply to the Senate, July 2020",
            "Zone status report, 2024",
            "How it is computed:",
        ] {
            assert!(page.contains(expected), "{label}: “{expected}” missing");
        }
        assert!(
            !page.contains("Set the weights"),
            "{label}: China sees no weights form"
        );

        // Weights must total 100; a figure needs its source. Nothing is written by either refusal.
        let before = app.event_count().await;
        let detail = app
            .get(&format!("/api/v1/projects/{rashakai}"), Auth::Bearer(&cn))
            .await
            .json();
        let ids: Vec<String> = detail["data"]["milestones"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["id"].as_str().unwrap().to_owned())
            .collect();
        let mut pairs: Vec<(&str, &str)> = vec![("csrf", &pk_csrf)];
        for id in &ids {
            pairs.push(("milestone_id", id));
            pairs.push(("weight", "20"));
        }
        let bad = app
            .form(
                &format!("/projects/{rashakai}/weights"),
                Auth::Cookie(&pk),
                &pairs,
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        assert!(bad.body.contains("total 80"), "{label}: {}", bad.body);
        let no_source = app
            .form(
                &format!("/projects/{rashakai}/updates"),
                Auth::Cookie(&pk),
                &[
                    ("csrf", &pk_csrf),
                    ("reported_on", "2022-03-01"),
                    ("narrative", "Plots allotted so far."),
                    ("figure_metric", "plots_allotted"),
                    ("figure_value", "12"),
                    ("figure_unit", ""),
                    ("figure_source", ""),
                ],
            )
            .await;
        assert_eq!(
            no_source.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{label}"
        );
        assert!(no_source.body.contains("figures[0].source"), "{label}");
        assert_eq!(app.event_count().await, before, "{label}");
        let good = app
            .form(
                &format!("/projects/{rashakai}/updates"),
                Auth::Cookie(&pk),
                &[
                    ("csrf", &pk_csrf),
                    ("reported_on", "2022-03-01"),
                    ("narrative", "Plots allotted so far (illustrative)."),
                    ("figure_metric", "plots_allotted"),
                    ("figure_value", "12"),
                    ("figure_unit", ""),
                    ("figure_source", "Zone company's monthly return"),
                ],
            )
            .await;
        assert_eq!(good.status, StatusCode::SEE_OTHER, "{label}: {}", good.body);

        // The API names the field of bad input.
        for (path, body, field) in [
            (
                "/api/v1/projects",
                r#"{"kind":"special_economic_zone","name":"Test zone","latitude":"95","longitude":"72"}"#,
                "latitude",
            ),
            (
                "/api/v1/projects",
                r#"{"kind":"special_economic_zone","name":"Test zone","area":"-3"}"#,
                "area",
            ),
            (
                "/api/v1/finance",
                r#"{"kind":"pledge","amount":"100","dated_on":"2021-01-01","project_id":"x"}"#,
                "currency",
            ),
        ] {
            let r = app.json("POST", path, Auth::Cookie(&pk), body).await;
            assert_eq!(
                r.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{label}: {}",
                r.body
            );
            assert_eq!(r.json()["error"]["field"], field, "{label}: {}", r.body);
        }

        // The 5th meeting's pack: what happened since the 4th.
        let fifth = MeetingId::from_key("demo/meeting/jwg-5").to_string();
        let pack = app
            .get(
                &format!("/meetings/{fifth}/progress-review"),
                Auth::Bearer(&cn),
            )
            .await;
        assert_eq!(pack.status, StatusCode::OK, "{label}");
        assert!(
            pack.body.contains("Ground-breaking (2020-01-15)"),
            "{label}"
        );
        assert!(
            pack.body
                .contains("Bids invited from developers (due 2020-06-30)"),
            "{label}"
        );

        // A party's own project never reaches the other side.
        let made = app
            .json(
                "POST",
                "/api/v1/projects",
                Auth::Cookie(&pk),
                r#"{"kind":"industrial_park","name":"Candidate <b>textile</b> park","visibility":"party"}"#,
            )
            .await;
        assert_eq!(made.status, StatusCode::CREATED, "{label}: {}", made.body);
        let id = made.json()["data"]["id"].as_str().unwrap().to_owned();
        let hidden = app
            .get(&format!("/api/v1/projects/{id}"), Auth::Bearer(&cn))
            .await;
        assert_eq!(hidden.status, StatusCode::NOT_FOUND, "{label}");
        let cn_list = app.get("/projects", Auth::Bearer(&cn)).await.body;
        assert!(!cn_list.contains("Candidate"), "{label}");
        let pk_list = app.get("/projects", Auth::Cookie(&pk)).await.body;
        assert!(
            pk_list.contains("Candidate &#60;b&#62;textile"),
            "{label}: escaped"
        );
    }
}
