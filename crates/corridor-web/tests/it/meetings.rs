//! Meetings over HTTP: the demo's 5th and 6th meetings, the lifecycle with its refusals, the register and its
//! filters, each side's briefing notes, and the calendar file.

use crate::support::{Auth, TestApp};
use axum::http::StatusCode;
use corridor_core::ids::{AgendaItemId, BodyId, MeetingId};
use corridor_store::testing::each_backend_demo;
use serde_json::json;

pub(crate) fn id(kind: &str, key: &str) -> String {
    let key = format!("demo/{kind}/{key}");
    match kind {
        "meeting" => MeetingId::from_key(&key).to_string(),
        "agenda" => AgendaItemId::from_key(&key).to_string(),
        _ => BodyId::from_key(&key).to_string(),
    }
}

#[tokio::test]
async fn the_industrial_visits_request_is_carried_into_the_sixth_meeting() {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        let cn = app.token("cn.secretariat").await;
        let arising = app
            .get(
                &format!(
                    "/api/v1/meetings/{}/matters-arising",
                    id("meeting", "jwg-6")
                ),
                Auth::Bearer(&cn),
            )
            .await
            .json();
        let texts: Vec<&str> = arising["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["text"].as_str().unwrap())
            .collect();
        assert!(
            texts.iter().any(|t| t.contains("industrial visits")),
            "{label}: {texts:?}"
        );
        assert!(
            !texts.iter().any(|t| t.contains("China accepts the draft")),
            "{label}: a done item was carried"
        );
        let reviews = app
            .get("/api/v1/register?kind=request", Auth::Bearer(&cn))
            .await
            .json();
        let item = &reviews["data"][0];
        assert_eq!(item["status"], "in_progress", "{label}");
        let story = app
            .get(
                &format!("/api/v1/register/{}/reviews", item["id"].as_str().unwrap()),
                Auth::Bearer(&cn),
            )
            .await
            .json();
        assert_eq!(
            story["data"][0]["meeting"]["name"], "6th meeting",
            "{label}"
        );
        for (query, field) in [
            ("status=maybe", "status"),
            ("overdue=perhaps", "overdue"),
            ("due_before=30/06/2021", "due_before"),
            ("colour=red", "colour"),
        ] {
            let r = app
                .get(&format!("/api/v1/register?{query}"), Auth::Bearer(&cn))
                .await;
            assert_eq!(
                (r.status, r.json()["error"]["field"].as_str()),
                (StatusCode::UNPROCESSABLE_ENTITY, Some(field)),
                "{label}: {query}"
            );
        }
        let page = app
            .get(&format!("/meetings/{}", id("meeting", "jwg-6")), Auth::None)
            .await
            .body;
        assert!(
            page.contains("Matters arising") && page.contains("industrial visits"),
            "{label}: the public page lacks matters arising"
        );
    }
}

#[tokio::test]
async fn the_lifecycle_is_followed_and_bad_moves_are_refused() {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        let pk = app.token("pk.secretariat").await;
        let cn = app.token("cn.secretariat").await;
        let body = json!({
            "body_id": id("body", "jwg-ic"), "number": 7, "modality": "hybrid", "venue": "Board of Investment",
            "city": "Islamabad", "time_zone": "Asia/Karachi", "starts_at": "2023-05-10T10:00", "ends_at": "2023-05-10T13:00",
            "host_party_id": crate::support::demo_id("party", "pk")
        });
        let before = app.event_count().await;
        for (patch, field, status) in [
            (
                json!({"ends_at": "2023-05-10T09:00"}),
                "ends_at",
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            (
                json!({"time_zone": "Asia/Lahore"}),
                "time_zone",
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            (
                json!({"city": null, "modality": "in_person"}),
                "city",
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            (json!({"number": 5}), "number", StatusCode::CONFLICT),
        ] {
            let mut b = body.clone();
            for (k, v) in patch.as_object().unwrap() {
                b[k] = v.clone();
            }
            let r = app
                .json(
                    "POST",
                    "/api/v1/meetings",
                    Auth::Bearer(&pk),
                    &b.to_string(),
                )
                .await;
            assert_eq!(
                (r.status, r.json()["error"]["field"].as_str()),
                (status, Some(field)),
                "{label}: {}",
                r.body
            );
        }
        assert_eq!(
            app.event_count().await,
            before,
            "{label}: a refused meeting left something behind"
        );
        let r = app
            .json(
                "POST",
                "/api/v1/meetings",
                Auth::Bearer(&pk),
                &body.to_string(),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{label}: {}", r.body);
        let m = r.json()["data"]["id"].as_str().unwrap().to_owned();
        let state = |action: &str| json!({ "action": action }).to_string();
        let path = format!("/api/v1/meetings/{m}/state");
        assert_eq!(
            app.json("POST", &path, Auth::Bearer(&cn), &state("convene"))
                .await
                .status,
            StatusCode::FORBIDDEN,
            "{label}"
        );
        let r = app
            .json("POST", &path, Auth::Bearer(&pk), &state("adjourn"))
            .await;
        assert_eq!(
            (r.status, r.json()["error"]["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("action")),
            "{label}"
        );
        let r = app
            .json("POST", &path, Auth::Bearer(&pk), &state("conclude"))
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{label}: {}", r.body);
        assert!(
            r.json()["error"]["message"]
                .as_str()
                .unwrap()
                .contains("draft cannot be concluded")
        );
        assert_eq!(
            app.json("POST", &path, Auth::Bearer(&pk), &state("convene"))
                .await
                .json()["data"]["state"],
            "convened"
        );
    }
}

#[tokio::test]
async fn briefing_notes_never_cross_to_the_other_side() {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        let item = id("agenda", "jwg-5-0");
        let cn = app.token("cn.secretariat").await;
        let notes = app
            .get(
                &format!("/api/v1/agenda-items/{item}/briefing-notes"),
                Auth::Bearer(&cn),
            )
            .await
            .json();
        let texts: Vec<&str> = notes["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["text"].as_str().unwrap())
            .collect();
        assert_eq!(texts.len(), 1, "{label}: {texts:?}");
        assert!(texts[0].contains("provincial commissions"), "{label}");
        let (pk_cookie, csrf) = app.sign_in("pk.secretariat").await;
        let (cn_cookie, _) = app.sign_in("cn.secretariat").await;
        let meeting = format!("/meetings/{}", id("meeting", "jwg-5"));
        let pk_page = app.get(&meeting, Auth::Cookie(&pk_cookie)).await.body;
        let cn_page = app.get(&meeting, Auth::Cookie(&cn_cookie)).await.body;
        assert!(
            pk_page.contains("press for an early signing date")
                && !pk_page.contains("provincial commissions' views"),
            "{label}"
        );
        assert!(
            cn_page.contains("provincial commissions&#39; views")
                && !cn_page.contains("press for an early signing date"),
            "{label}"
        );
        let r = app
            .form(
                "/briefing-notes",
                Auth::Cookie(&pk_cookie),
                &[
                    ("csrf", &csrf),
                    ("agenda_item_id", &item),
                    ("text", "Bring the provinces' letters of support"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{label}: {}", r.body);
        assert!(
            !app.get(&meeting, Auth::Cookie(&cn_cookie))
                .await
                .body
                .contains("letters of support"),
            "{label}"
        );
        let shared = app
            .form(
                "/briefing-notes",
                Auth::Cookie(&pk_cookie),
                &[
                    ("csrf", &csrf),
                    ("agenda_item_id", &item),
                    ("text", "x"),
                    ("visibility", "shared"),
                ],
            )
            .await;
        assert_eq!(
            shared.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{label}: a briefing note was shared"
        );
    }
}

#[tokio::test]
async fn an_outcome_recorded_through_the_form_appears_on_the_register() {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        let (cookie, csrf) = app.sign_in("pk.secretariat").await;
        let m = id("meeting", "jwg-6");
        let form = app
            .get(
                &format!("/meetings/{m}/outcomes/new"),
                Auth::Cookie(&cookie),
            )
            .await;
        assert_eq!(form.status, StatusCode::OK, "{label}");
        let fields = [
            ("csrf", csrf.as_str()),
            ("meeting_id", m.as_str()),
            ("kind", "action"),
            (
                "text",
                "Share the list of sectors for the first industrial visits",
            ),
            ("due_on", "2022-06-30"),
            ("status", "open"),
            ("visibility", "shared"),
        ];
        let bad = app
            .form(
                "/register",
                Auth::Cookie(&cookie),
                &[
                    ("csrf", csrf.as_str()),
                    ("meeting_id", m.as_str()),
                    ("kind", "wish"),
                    ("status", "open"),
                ],
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        assert!(
            bad.body.contains("id=\"e-kind\"") && bad.body.contains("id=\"e-text\""),
            "{label}"
        );
        let r = app.form("/register", Auth::Cookie(&cookie), &fields).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{label}: {}", r.body);
        let register = app.get("/register?kind=action", Auth::None).await.body;
        assert!(
            !register.contains("list of sectors"),
            "{label}: a shared item was public"
        );
        let (cn_cookie, _) = app.sign_in("cn.secretariat").await;
        let register = app
            .get("/register?kind=action", Auth::Cookie(&cn_cookie))
            .await
            .body;
        assert!(register.contains("list of sectors"), "{label}");
    }
}

#[tokio::test]
async fn a_meeting_exports_to_icalendar_and_a_cancellation_follows() {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        let pk = app.token("pk.secretariat").await;
        let cn = app.token("cn.secretariat").await;
        let body = json!({
            "body_id": id("body", "jwg-ic"), "number": 7, "modality": "hybrid", "venue": "Board of Investment",
            "city": "Islamabad", "time_zone": "Asia/Karachi", "starts_at": "2023-05-10T10:00", "ends_at": "2023-05-10T13:00",
            "host_party_id": crate::support::demo_id("party", "pk")
        });
        let created = app
            .json(
                "POST",
                "/api/v1/meetings",
                Auth::Bearer(&pk),
                &body.to_string(),
            )
            .await
            .json();
        let m = created["data"]["id"].as_str().unwrap().to_owned();
        let state = |action: &str| json!({ "action": action }).to_string();
        let path = format!("/api/v1/meetings/{m}/state");
        app.json("POST", &path, Auth::Bearer(&pk), &state("convene"))
            .await;
        let ics = app
            .get(&format!("/meetings/{m}.ics"), Auth::Bearer(&cn))
            .await;
        assert_eq!(ics.headers["content-type"], "text/calendar; charset=utf-8");
        for expected in [
            format!("UID:{m}@corridor"),
            "DTSTART:20230510T050000Z".into(),
            "SEQUENCE:1".into(),
            "STATUS:CONFIRMED".into(),
            "LOCATION:Board of Investment\\, Islamabad".into(),
        ] {
            assert!(
                ics.body.contains(&expected),
                "{label}: {expected} missing from\n{}",
                ics.body
            );
        }
        assert!(
            ics.body.split("\r\n").all(|l| l.len() <= 75),
            "{label}: a line is not folded"
        );
        app.json("POST", &path, Auth::Bearer(&pk), &state("cancel"))
            .await;
        let ics = app
            .get(&format!("/meetings/{m}.ics"), Auth::Bearer(&cn))
            .await
            .body;
        assert!(
            ics.contains("STATUS:CANCELLED") && ics.contains("SEQUENCE:2"),
            "{label}: {ics}"
        );
        let feed = app
            .get(&format!("/bodies/{}.ics", id("body", "jwg-ic")), Auth::None)
            .await
            .body;
        assert_eq!(
            feed.matches("BEGIN:VEVENT").count(),
            3,
            "{label}: the public feed holds the three public demo meetings only"
        );
    }
}

#[tokio::test]
async fn the_fifth_meetings_delegations_show_each_side_and_accept_only_own_delegates() {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        let cn = app.token("cn.secretariat").await;
        let m = id("meeting", "jwg-5");
        let sides = app
            .get(
                &format!("/api/v1/meetings/{m}/delegations"),
                Auth::Bearer(&cn),
            )
            .await
            .json();
        assert_eq!(sides["data"][0]["party"]["name"], "Pakistan", "{label}");
        assert_eq!(
            sides["data"][0]["organisations_attending"], 2,
            "{label}: BoI and the PMU"
        );
        assert_eq!(
            sides["data"][1]["organisations_attending"], 1,
            "{label}: NDRC"
        );
        let asim = corridor_core::ids::PersonId::from_key("demo/person/asim").to_string();
        let body = json!({"meeting_id": m, "person_id": asim, "organisation_id": crate::support::demo_id("organisation", "boi")});
        let r = app
            .json(
                "POST",
                "/api/v1/delegates",
                Auth::Bearer(&cn),
                &body.to_string(),
            )
            .await;
        assert_eq!(
            (r.status, r.json()["error"]["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("person_id")),
            "{label}"
        );
        let page = app.get(&format!("/meetings/{m}"), Auth::None).await.body;
        assert!(
            page.contains("Pakistan · 2 organisations attending")
                && page.contains("China · 1 organisation attending"),
            "{label}"
        );
    }
}

#[tokio::test]
async fn a_body_lists_its_members_by_side() {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        let body = app
            .get(
                &format!("/api/v1/bodies/{}", id("body", "jwg-ic")),
                Auth::None,
            )
            .await
            .json();
        let sides = body["data"]["members"].as_array().unwrap();
        assert_eq!(sides.len(), 2, "{label}");
        assert_eq!(sides[0]["party"]["name"], "Pakistan");
        assert_eq!(sides[0]["members"][0]["name"], "Khashih-ur-Rehman");
        let page = app
            .get(&format!("/bodies/{}", id("body", "jwg-ic")), Auth::None)
            .await
            .body;
        assert!(
            page.contains("Members") && page.contains("China: Ying Xiong"),
            "{label}: members missing from the page"
        );
        let token = app.token("pk.secretariat").await;
        let bad = json!({"name": "Joint Working Group on Special Economic Zones", "member_ids": [uuid::Uuid::new_v4().to_string()]});
        let r = app
            .json(
                "POST",
                "/api/v1/bodies",
                Auth::Bearer(&token),
                &bad.to_string(),
            )
            .await;
        assert_eq!(
            (r.status, r.json()["error"]["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("member_ids")),
            "{label}"
        );
    }
}
