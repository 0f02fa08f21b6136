//! Measurable impact over HTTP: the dashboard with its scoreboard, charts and formula; the demo's discrepancy
//! validated as an officer of each side (one through the page, one through the API) and the roll-up changing;
//! bad input refused by name; and a side's own indicator kept from the other side everywhere.

use crate::support::{Auth, TestApp};
use axum::http::StatusCode;
use corridor_core::ids::{IndicatorId, PeriodId, ResultId};
use corridor_store::testing::each_backend_demo;

fn indicator(k: &str) -> String {
    IndicatorId::from_key(&format!("demo/indicator/{k}")).to_string()
}

fn period(k: &str, year: i32) -> String {
    PeriodId::from_key(&format!("{}/{year}-01-01", indicator(k))).to_string()
}

/// The score printed on the scoreboard card of `line`.
fn card_score(page: &str, line: &str) -> String {
    let card = page
        .split(&format!("<span class=\"card-title\">{line}</span>"))
        .nth(1)
        .unwrap_or_else(|| panic!("no card for {line}"));
    card.split("<span class=\"card-score\">")
        .nth(1)
        .and_then(|s| s.split('<').next())
        .unwrap()
        .to_owned()
}

#[tokio::test]
#[expect(
    clippy::too_many_lines,
    reason = "one story: the dashboard, the discrepancy, its validation"
)]
async fn a_newcomer_finds_the_discrepancy_validates_it_as_each_side_and_sees_the_roll_up_change() {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        let anonymous = app.get("/impact", Auth::None).await;
        assert_eq!(anonymous.status, StatusCode::OK, "{label}");
        assert!(
            anonymous
                .body
                .contains("No results framework that you may see."),
            "{label}"
        );
        let (pk, pk_csrf) = app.sign_in("pk.secretariat").await;
        let board = app.get("/impact", Auth::Cookie(&pk)).await.body;
        for expected in [
            "Industrial cooperation",
            "Special economic zones",
            "Business to business",
            "People to people",
            "1 discrepancy",
            "Plots allotted to enterprises in the four zones</a>, 2021: China 96 · Pakistan 118",
            "Σ wᵢ × sᵢ ÷ Σ wᵢ",
            "<svg class=\"bars\"",
        ] {
            assert!(board.contains(expected), "{label}: “{expected}” missing");
        }
        assert_eq!(
            card_score(&board, "Special economic zones"),
            "100 %",
            "{label}"
        );
        let page = app
            .get(
                &format!("/indicators/{}", indicator("plots")),
                Auth::Cookie(&pk),
            )
            .await
            .body;
        for expected in [
            "<svg class=\"chart\"",
            "aria-describedby=\"chart-data\"",
            "Reported by Pakistan",
            "<td class=\"state\">Discrepancy</td>",
            "Breakdown, 2021",
            "zone Rashakai",
        ] {
            assert!(page.contains(expected), "{label}: “{expected}” missing");
        }
        let mine = app
            .form(
                &format!("/periods/{}/validations", period("plots", 2021)),
                Auth::Cookie(&pk),
                &[("csrf", &pk_csrf), ("value", "110")],
            )
            .await;
        assert_eq!(mine.status, StatusCode::SEE_OTHER, "{label}: {}", mine.body);
        assert_eq!(
            mine.headers["location"],
            format!("/indicators/{}#periods", indicator("plots"))
        );
        // The same side again is refused; the other side's officer confirms through the API.
        let pk_admin = app.token("pk.admin").await;
        let again = app
            .json(
                "POST",
                &format!("/api/v1/periods/{}/validations", period("plots", 2021)),
                Auth::Bearer(&pk_admin),
                r#"{"value":"110"}"#,
            )
            .await;
        assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        assert!(again.body.contains("one officer of each side"), "{label}");
        let cn = app.token("cn.secretariat").await;
        let theirs = app
            .json(
                "POST",
                &format!("/api/v1/periods/{}/validations", period("plots", 2021)),
                Auth::Bearer(&cn),
                r#"{"value":"110"}"#,
            )
            .await;
        assert_eq!(theirs.status, StatusCode::OK, "{label}: {}", theirs.body);
        assert_eq!(theirs.json()["data"]["current"], 110.0);
        let after = app.get("/impact", Auth::Cookie(&pk)).await.body;
        assert_eq!(
            card_score(&after, "Special economic zones"),
            "69 %",
            "{label}"
        );
        assert!(!after.contains("1 discrepancy"), "{label}");
        let summary = app.get("/impact/summary", Auth::Bearer(&cn)).await;
        assert_eq!(summary.status, StatusCode::OK, "{label}");
        assert!(
            summary.body.contains("Measurable impact: summary"),
            "{label}"
        );
        assert!(summary.body.contains("@page"), "{label}: a print layout");
        let history = app
            .get(
                &format!("/api/v1/periods/{}/history", period("plots", 2021)),
                Auth::Bearer(&cn),
            )
            .await
            .json();
        let actions: Vec<&str> = history["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["action"].as_str().unwrap())
            .collect();
        assert_eq!(&actions[..2], ["agreed", "validated"], "{label}");
    }
}

#[tokio::test]
async fn bad_figures_are_refused_by_name_and_a_sides_own_indicator_stays_home() {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        let pk = app.token("pk.secretariat").await;
        let cn = app.token("cn.secretariat").await;
        let before = app.event_count().await;
        for (path, body, field) in [
            (
                format!("/api/v1/indicators/{}/actuals", indicator("plots")),
                r#"{"period":"2025","value":"12"}"#,
                "period",
            ),
            (
                format!("/api/v1/indicators/{}/actuals", indicator("plots")),
                r#"{"period":"2022","value":"twelve"}"#,
                "value",
            ),
            (
                format!("/api/v1/periods/{}/lock", period("plots", 2019)),
                r#"{"locked":false}"#,
                "reason",
            ),
        ] {
            let r = app.json("POST", &path, Auth::Bearer(&pk), body).await;
            assert_eq!(
                r.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{label}: {path} {}",
                r.body
            );
            assert_eq!(r.json()["error"]["field"], field, "{label}: {path}");
        }
        let locked = app
            .json(
                "POST",
                &format!("/api/v1/periods/{}/actuals", period("plots", 2019)),
                Auth::Bearer(&cn),
                r#"{"value":"29"}"#,
            )
            .await;
        assert_eq!(locked.status, StatusCode::CONFLICT, "{label}");
        assert_eq!(
            app.event_count().await,
            before,
            "{label}: nothing was written"
        );
        // Pakistan's own outcome and indicator: China sees neither, in pages, API or the framework.
        let node = app
            .json(
                "POST",
                "/api/v1/results",
                Auth::Bearer(&pk),
                &format!(
                    r#"{{"level":"outcome","parent_id":"{}","title":"Internal zone readiness","visibility":"party"}}"#,
                    ResultId::from_key("demo/result/sez")
                ),
            )
            .await;
        assert_eq!(node.status, StatusCode::CREATED, "{label}: {}", node.body);
        let made = app
            .json(
                "POST",
                "/api/v1/indicators",
                Auth::Bearer(&pk),
                &format!(
                    r#"{{"result_id":"{}","title":"Internal readiness score","unit":"percentage","first_period":"2022-01-01","last_period":"2022-12-31"}}"#,
                    node.json()["data"]["id"].as_str().unwrap()
                ),
            )
            .await;
        assert_eq!(made.status, StatusCode::CREATED, "{label}: {}", made.body);
        let id = made.json()["data"]["id"].as_str().unwrap().to_owned();
        for path in [
            format!("/api/v1/indicators/{id}"),
            format!("/indicators/{id}"),
        ] {
            assert_eq!(
                app.get(&path, Auth::Bearer(&cn)).await.status,
                StatusCode::NOT_FOUND,
                "{label}: {path}"
            );
        }
        for path in ["/impact", "/api/v1/impact", "/impact/summary"] {
            let body = app.get(path, Auth::Bearer(&cn)).await.body;
            assert!(!body.contains("Internal readiness"), "{label}: {path}");
            let mine = app.get(path, Auth::Bearer(&pk)).await.body;
            assert!(mine.contains("Internal readiness"), "{label}: {path}");
        }
    }
}
