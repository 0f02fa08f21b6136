//! Meeting times in each viewer's own clock: the demo's Chinese officer reads the 5th meeting (held at 10:00 in
//! Karachi) at 13:00 Beijing time; anyone can choose their zone, and a zone that does not exist is refused.

use crate::support::{Auth, TestApp};
use axum::http::StatusCode;
use corridor_store::testing::each_backend_demo;

#[tokio::test]
async fn each_side_reads_the_meeting_in_its_own_clock_and_can_change_it() {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        let fifth = corridor_core::ids::MeetingId::from_key("demo/meeting/jwg-5").to_string();
        let page = format!("/meetings/{fifth}");
        let cn = app.token("cn.secretariat").await;
        let body = app.get(&page, Auth::Bearer(&cn)).await.body;
        assert!(body.contains("In your time zone"), "{label}");
        assert!(
            body.contains("2020-12-15 13:00 to 15:30 (Asia/Shanghai)"),
            "{label}"
        );
        let pk = app.token("pk.secretariat").await;
        let body = app.get(&page, Auth::Bearer(&pk)).await.body;
        assert!(
            !body.contains("In your time zone"),
            "{label}: Karachi is the meeting's own zone"
        );
        let list = app.get("/meetings", Auth::Bearer(&cn)).await.body;
        assert!(
            list.contains("yours: 2020-12-15 13:00 to 15:30 (Asia/Shanghai)"),
            "{label}"
        );

        let bad = app
            .json(
                "PUT",
                "/api/v1/me/time-zone",
                Auth::Bearer(&cn),
                r#"{"time_zone":"Mars/Olympus"}"#,
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        assert!(
            bad.body.contains("time_zone") && bad.body.contains("not a time zone"),
            "{label}: {}",
            bad.body
        );
        let me = app.get("/api/v1/me", Auth::Bearer(&cn)).await.json();
        assert_eq!(
            me["data"]["time_zone"], "Asia/Shanghai",
            "{label}: a refused zone changes nothing"
        );

        let (cookie, csrf) = app.sign_in("cn.secretariat").await;
        let saved = app
            .form(
                "/account/time-zone",
                Auth::Cookie(&cookie),
                &[("csrf", &csrf), ("time_zone", "Europe/London")],
            )
            .await;
        assert_eq!(saved.status, StatusCode::OK, "{label}: {}", saved.body);
        assert!(
            saved
                .body
                .contains("Meeting times now also show in Europe/London"),
            "{label}"
        );
        let body = app.get(&page, Auth::Bearer(&cn)).await.body;
        assert!(
            body.contains("2020-12-15 05:00 to 07:30 (Europe/London)"),
            "{label}"
        );

        let cleared = app
            .json(
                "PUT",
                "/api/v1/me/time-zone",
                Auth::Bearer(&cn),
                r#"{"time_zone":null}"#,
            )
            .await;
        assert_eq!(cleared.status, StatusCode::OK, "{label}");
        assert!(cleared.json()["data"]["time_zone"].is_null(), "{label}");
        let body = app.get(&page, Auth::Bearer(&cn)).await.body;
        assert!(!body.contains("In your time zone"), "{label}");
    }
}
