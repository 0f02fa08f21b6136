//! Studies over HTTP: the textile study read from its terms of reference to the action plan on the 6th
//! meeting's register, report versions uploaded with a token and downloaded by whoever sees the study, and
//! the phase rules' refusals by name.

use crate::support::{Auth, TestApp};
use axum::http::StatusCode;
use corridor_core::ids::{BodyId, StudyId};
use corridor_store::testing::each_backend_demo;

#[tokio::test]
#[expect(
    clippy::too_many_lines,
    reason = "one story: the demo study read, then a new study's report and refusals"
)]
async fn the_textile_study_reads_from_workshop_to_action_plan() {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        let textile = StudyId::from_key("demo/study/textile").to_string();
        let cn = app.token("cn.secretariat").await;
        let list = app.get("/studies", Auth::None).await;
        assert!(
            list.body
                .contains("Joint diagnostic study of the textile industry"),
            "{label}"
        );
        let page = app
            .get(&format!("/studies/{textile}"), Auth::Bearer(&cn))
            .await;
        assert_eq!(page.status, StatusCode::OK, "{label}");
        for expected in [
            "纺织产业联合诊断研究",
            "CIECC consultant team (illustrative)",
            "Draft presented at the BoI workshop",
            "Submitted to a meeting</strong>: 2020-12-15, at <a",
            "Accepted</strong>: 2022-04-08, at <a",
            "ready-made garment producers",
            "href=\"/register/",
        ] {
            assert!(
                page.body.contains(expected),
                "{label}: “{expected}” missing"
            );
        }
        let register = app
            .get(
                &format!("/register?linked=study:{textile}"),
                Auth::Bearer(&cn),
            )
            .await
            .body;
        assert!(register.contains("man-made fibre plant"), "{label}");
        assert!(register.contains("6th meeting"), "{label}");

        // A new study, its report uploaded with a token, and a phase out of turn refused by name.
        let made = app
            .json(
                "POST",
                "/api/v1/studies",
                Auth::Bearer(&cn),
                &format!(
                    r#"{{"sector":"engineering","title":"Joint study of engineering goods","body_id":"{}"}}"#,
                    BodyId::from_key("demo/body/jwg-ic")
                ),
            )
            .await;
        assert_eq!(made.status, StatusCode::CREATED, "{label}: {}", made.body);
        let id = made.json()["data"]["id"].as_str().unwrap().to_owned();
        let out_of_turn = app
            .json(
                "POST",
                &format!("/api/v1/studies/{id}/phases"),
                Auth::Bearer(&cn),
                r#"{"phase":"draft_report","on":"2023-01-10"}"#,
            )
            .await;
        assert_eq!(
            out_of_turn.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{label}"
        );
        assert_eq!(out_of_turn.json()["error"]["field"], "phase", "{label}");
        let up = app
            .raw(
                &format!("/api/v1/studies/{id}/reports?label=Inception%20note&dated_on=2023-01-10&filename=inception.txt"),
                Auth::Bearer(&cn),
                "application/octet-stream",
                b"Inception note of the engineering goods study.".to_vec(),
            )
            .await;
        assert_eq!(up.status, StatusCode::CREATED, "{label}: {}", up.body);
        let report = up.json()["data"]["reports"][0]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let pk = app.token("pk.secretariat").await;
        let got = app
            .get(
                &format!("/api/v1/study-reports/{report}"),
                Auth::Bearer(&pk),
            )
            .await;
        assert_eq!(got.status, StatusCode::OK, "{label}");
        assert_eq!(
            got.body, "Inception note of the engineering goods study.",
            "{label}"
        );
        let empty = app
            .raw(
                &format!("/api/v1/studies/{id}/reports?label=x&dated_on=2023-01-10&filename=e.txt"),
                Auth::Bearer(&cn),
                "application/octet-stream",
                vec![],
            )
            .await;
        assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        assert_eq!(empty.json()["error"]["field"], "file", "{label}");
    }
}
