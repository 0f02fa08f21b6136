//! Agreed minutes through the pages: each party in its own session follows a meeting from draft to a record
//! signed by both co-chairs, and the signed record downloads and verifies.

use crate::support::{Auth, TestApp, demo_id};
use axum::http::StatusCode;
use corridor_core::ids::BodyId;
use corridor_core::meeting::minutes::{SignedRecord, check_record};
use corridor_store::testing::each_backend_demo;
use serde_json::json;

#[tokio::test]
#[expect(
    clippy::too_many_lines,
    reason = "one story from draft to signed record reads best in one place"
)]
async fn each_party_follows_a_meeting_from_draft_to_a_record_signed_by_both_co_chairs() {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        let token = app.token("pk.secretariat").await;
        let chairs = [
            app.db
                .store
                .user_by_username("pk.cochair")
                .await
                .unwrap()
                .person
                .id,
            app.db
                .store
                .user_by_username("cn.cochair")
                .await
                .unwrap()
                .person
                .id,
        ];
        let body = json!({
            "body_id": BodyId::from_key("demo/body/jwg-ic").to_string(), "number": 9, "modality": "video",
            "time_zone": "Asia/Karachi", "starts_at": "2023-09-01T10:00", "ends_at": "2023-09-01T12:00",
            "host_party_id": demo_id("party", "pk"), "co_chair_ids": chairs
        });
        let m = app
            .json(
                "POST",
                "/api/v1/meetings",
                Auth::Bearer(&token),
                &body.to_string(),
            )
            .await
            .json()["data"]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        for a in ["convene", "open", "conclude"] {
            app.json(
                "POST",
                &format!("/api/v1/meetings/{m}/state"),
                Auth::Bearer(&token),
                &json!({"action": a}).to_string(),
            )
            .await;
        }
        let item = app
            .get(
                &format!("/api/v1/meetings/{m}/agenda"),
                Auth::Bearer(&token),
            )
            .await
            .json()["data"][0]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let (pk, pk_csrf) = app.sign_in("pk.secretariat").await;
        let (cn, cn_csrf) = app.sign_in("cn.secretariat").await;
        let page = format!("/meetings/{m}");
        let post = |path: String, cookie: String, pairs: Vec<(&'static str, String)>| {
            let app = &app;
            async move {
                let pairs: Vec<(&str, &str)> =
                    pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
                app.form(&path, Auth::Cookie(&cookie), &pairs).await
            }
        };
        let r = post(
            format!("{page}/minutes"),
            cn.clone(),
            vec![
                ("csrf", cn_csrf.clone()),
                ("agenda_item_id", item.clone()),
                ("text", "Guest draft".into()),
            ],
        )
        .await;
        assert_eq!(
            r.status,
            StatusCode::FORBIDDEN,
            "{label}: the counterpart wrote the host's draft"
        );
        let r = post(
            format!("{page}/minutes"),
            pk.clone(),
            vec![
                ("csrf", pk_csrf.clone()),
                ("agenda_item_id", item.clone()),
                ("text", "The co-chairs opened the meeting.".into()),
            ],
        )
        .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{label}: {}", r.body);
        let r = post(
            format!("{page}/minutes/agree"),
            pk.clone(),
            vec![("csrf", pk_csrf.clone())],
        )
        .await;
        assert_eq!(
            r.status,
            StatusCode::CONFLICT,
            "{label}: agreed without a counterpart review"
        );
        assert!(r.body.contains("circulate"), "{label}");
        post(
            format!("{page}/minutes/circulate"),
            pk.clone(),
            vec![("csrf", pk_csrf.clone())],
        )
        .await;
        let cn_page = app.get(&page, Auth::Cookie(&cn)).await.body;
        let version = cn_page
            .split("/minutes-versions/")
            .nth(1)
            .unwrap()
            .split('/')
            .next()
            .unwrap()
            .to_owned();
        let r = post(
            format!("/minutes-versions/{version}/redlines"),
            cn.clone(),
            vec![
                ("csrf", cn_csrf.clone()),
                ("agenda_item_id", item.clone()),
                (
                    "proposed_text",
                    "The co-chairs of both sides opened the meeting.".into(),
                ),
            ],
        )
        .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{label}: {}", r.body);
        post(
            format!("/minutes-versions/{version}/review"),
            cn.clone(),
            vec![("csrf", cn_csrf.clone())],
        )
        .await;
        let pk_page = app.get(&page, Auth::Cookie(&pk)).await.body;
        assert!(
            pk_page.contains(r#"(en): <ins lang="en" dir="auto">The co-chairs of both sides opened the meeting.</ins>"#),
            "{label}: the redline is not shown as a tracked change"
        );
        let redline = pk_page
            .split("/redlines/")
            .nth(1)
            .unwrap()
            .split('/')
            .next()
            .unwrap()
            .to_owned();
        post(
            format!("/redlines/{redline}/decision"),
            pk.clone(),
            vec![("csrf", pk_csrf.clone()), ("accept", "true".into())],
        )
        .await;
        let r = post(
            format!("{page}/minutes/agree"),
            pk.clone(),
            vec![("csrf", pk_csrf.clone())],
        )
        .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{label}: {}", r.body);
        let r = post(
            format!("{page}/minutes/sign"),
            pk.clone(),
            vec![
                ("csrf", pk_csrf.clone()),
                ("password", "corridor-demo".into()),
            ],
        )
        .await;
        assert_eq!(
            r.status,
            StatusCode::FORBIDDEN,
            "{label}: a secretariat officer who is not co-chair signed"
        );
        let (pk_chair, pk_chair_csrf) = app.sign_in("pk.cochair").await;
        let (cn_chair, cn_chair_csrf) = app.sign_in("cn.cochair").await;
        let r = post(
            format!("{page}/minutes/sign"),
            pk_chair.clone(),
            vec![
                ("csrf", pk_chair_csrf.clone()),
                ("password", "wrong password!".into()),
            ],
        )
        .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        post(
            format!("{page}/minutes/sign"),
            pk_chair.clone(),
            vec![
                ("csrf", pk_chair_csrf),
                ("password", "corridor-demo".into()),
            ],
        )
        .await;
        let state = app.get(&page, Auth::Cookie(&cn_chair)).await.body;
        assert!(
            state.contains("signed by Pakistan, pending Ying Xiong"),
            "{label}"
        );
        assert!(
            state.contains("Sign as co-chair"),
            "{label}: the other co-chair is not offered to sign"
        );
        post(
            format!("{page}/minutes/sign"),
            cn_chair.clone(),
            vec![
                ("csrf", cn_chair_csrf),
                ("password", "corridor-demo".into()),
            ],
        )
        .await;
        let done = app
            .get(&format!("/api/v1/meetings/{m}"), Auth::Bearer(&token))
            .await
            .json();
        assert_eq!(done["data"]["state"], "minutes_signed", "{label}");
        let file = app
            .get(&format!("{page}/record.json"), Auth::Cookie(&cn))
            .await;
        assert_eq!(file.headers["content-type"], "application/json");
        let record: SignedRecord = serde_json::from_str(&file.body).unwrap();
        assert!(check_record(&record).valid(), "{label}");
        assert_eq!(
            record.content["items"][0]["minutes"]["en"],
            "The co-chairs of both sides opened the meeting."
        );
        assert!(
            app.db.store.verify().await.unwrap().problems.is_empty(),
            "{label}"
        );
    }
}

#[tokio::test]
async fn the_record_of_discussions_prints_the_signed_text_with_its_signature_block() {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        let fifth = corridor_core::ids::MeetingId::from_key("demo/meeting/jwg-5").to_string();
        let token = app.token("cn.secretariat").await;
        let page = app
            .get(
                &format!("/meetings/{fifth}/record.html"),
                Auth::Bearer(&token),
            )
            .await;
        assert_eq!(page.status, StatusCode::OK, "{label}");
        for expected in [
            "Record of Discussions",
            "Khashih-ur-Rehman",
            "Ying Xiong",
            "signed by Pakistan and China",
            "both sides agreed to continue consultations",
            "key ",
            "Pakistan (2 organisations attending)",
        ] {
            assert!(
                page.body.contains(expected),
                "{label}: “{expected}” missing from the record"
            );
        }
        let (cookie, _) = app.sign_in("pk.secretariat").await;
        assert_eq!(
            app.get(
                &format!("/meetings/{fifth}/record.html"),
                Auth::Cookie(&cookie)
            )
            .await
            .status,
            StatusCode::OK
        );
        let sixth = corridor_core::ids::MeetingId::from_key("demo/meeting/jwg-6").to_string();
        let none = app
            .get(
                &format!("/meetings/{sixth}/record.html"),
                Auth::Cookie(&cookie),
            )
            .await;
        assert_eq!(none.status, StatusCode::NOT_FOUND, "{label}");
        assert!(none.body.contains("not been circulated yet"), "{label}");
    }
}

#[tokio::test]
async fn the_record_downloads_as_a_docx_file_holding_the_signed_text() {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        let fifth = corridor_core::ids::MeetingId::from_key("demo/meeting/jwg-5").to_string();
        let token = app.token("pk.secretariat").await;
        let file = app
            .get(
                &format!("/meetings/{fifth}/record.docx"),
                Auth::Bearer(&token),
            )
            .await;
        assert_eq!(file.status, StatusCode::OK, "{label}");
        assert_eq!(
            file.headers["content-type"],
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        );
        let mut zip =
            zip::ZipArchive::new(std::io::Cursor::new(file.bytes)).expect("a DOCX file is a zip");
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
            .unwrap();
        for expected in [
            "Record of Discussions",
            "both sides agreed to continue consultations",
            "Ying Xiong",
            "signed by Pakistan and China",
        ] {
            assert!(
                xml.contains(expected),
                "{label}: “{expected}” missing from the DOCX"
            );
        }
        assert_eq!(
            app.get(&format!("/meetings/{fifth}/record.docx"), Auth::None)
                .await
                .status,
            StatusCode::OK,
            "{label}: the public 5th meeting's record is public"
        );
    }
}
