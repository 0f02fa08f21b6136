//! Evidence documents and signed copies: uploaded by the record's own side (bearer token for the API, the CSRF
//! token for the page's form), typed by content, refused when empty, too large or of another type, and
//! downloadable exactly by those who may see the record.

use crate::support::{Auth, TestApp};
use axum::http::StatusCode;
use corridor_core::ids::{InstrumentId, StepId};
use corridor_store::testing::each_backend_demo;

const PDF: &[u8] =
    b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";

#[tokio::test]
#[expect(
    clippy::too_many_lines,
    reason = "one story: upload, download by each side, every refusal, the form"
)]
async fn files_follow_the_visibility_of_what_they_are_attached_to() {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        let fa = InstrumentId::from_key("demo/instrument/fa").to_string();
        let signed = StepId::from_key("demo/step/fa-signed").to_string();
        let vetting = StepId::from_key("demo/step/fa-vetting").to_string();
        let (cn, pk) = (
            app.token("cn.secretariat").await,
            app.token("pk.secretariat").await,
        );
        let url = |step: &str, name: &str| {
            format!("/api/v1/attachments?entity=instrument_step&id={step}&filename={name}")
        };

        let made = app
            .raw(
                &url(&signed, "signed%20copy.pdf"),
                Auth::Bearer(&pk),
                "application/octet-stream",
                PDF.to_vec(),
            )
            .await;
        assert_eq!(made.status, StatusCode::CREATED, "{label}: {}", made.body);
        let made = made.json();
        assert_eq!(made["data"]["media_type"], "application/pdf", "{label}");
        let signed_copy = made["data"]["id"].as_str().unwrap().to_owned();
        let got = app
            .get(
                &format!("/api/v1/attachments/{signed_copy}"),
                Auth::Bearer(&cn),
            )
            .await;
        assert_eq!(got.status, StatusCode::OK, "{label}");
        assert_eq!(got.bytes, PDF, "{label}");
        assert_eq!(got.headers["x-content-type-options"], "nosniff", "{label}");
        assert!(
            got.headers["content-disposition"]
                .to_str()
                .unwrap()
                .contains("signed copy.pdf"),
            "{label}"
        );

        let memo = "Vetting memo: no objection to Article 6."
            .as_bytes()
            .to_vec();
        let internal = app
            .raw(
                &url(&vetting, "memo.txt"),
                Auth::Bearer(&pk),
                "text/plain",
                memo,
            )
            .await
            .json();
        let internal = internal["data"]["id"].as_str().unwrap().to_owned();
        let hidden = app
            .get(
                &format!("/api/v1/attachments/{internal}"),
                Auth::Bearer(&cn),
            )
            .await;
        let missing = app
            .get(
                &format!(
                    "/api/v1/attachments/{}",
                    corridor_core::ids::AttachmentId::new()
                ),
                Auth::Bearer(&cn),
            )
            .await;
        assert_eq!(
            hidden.status,
            StatusCode::NOT_FOUND,
            "{label}: China downloaded Pakistan's vetting memo"
        );
        assert_eq!(
            hidden.body, missing.body,
            "{label}: a hidden file answers exactly like a missing one"
        );
        assert_eq!(
            app.get(
                &format!("/api/v1/attachments/{internal}"),
                Auth::Bearer(&pk)
            )
            .await
            .status,
            StatusCode::OK
        );
        let listed = app
            .get(
                &format!("/api/v1/instruments/{fa}/attachments"),
                Auth::Bearer(&cn),
            )
            .await
            .json();
        assert_eq!(
            listed["data"].as_array().unwrap().len(),
            1,
            "{label}: China lists only the signed copy"
        );

        let before = app.event_count().await;
        let empty = app
            .raw(
                &url(&signed, "x.pdf"),
                Auth::Bearer(&pk),
                "application/pdf",
                Vec::new(),
            )
            .await;
        assert_eq!(
            (empty.status, empty.json()["error"]["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("file")),
            "{label}"
        );
        let exe = app
            .raw(
                &url(&signed, "x.pdf"),
                Auth::Bearer(&pk),
                "application/pdf",
                b"MZ\x90\x00\x03\x00\x00\x00\x04\x00".to_vec(),
            )
            .await;
        assert_eq!(exe.status, StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        let mut big = PDF.to_vec();
        big.resize(corridor_core::attachment::MAX_BYTES + 1, b' ');
        let big = app
            .raw(
                &url(&signed, "big.pdf"),
                Auth::Bearer(&pk),
                "application/pdf",
                big,
            )
            .await;
        assert!(big.body.contains("at most"), "{label}: {}", big.status);
        let theirs = app
            .raw(
                &url(&signed, "x.pdf"),
                Auth::Bearer(&cn),
                "application/pdf",
                PDF.to_vec(),
            )
            .await;
        assert_eq!(
            theirs.status,
            StatusCode::FORBIDDEN,
            "{label}: China attached to Pakistan's step"
        );
        let (cookie, csrf) = app.sign_in("pk.secretariat").await;
        let by_cookie = app
            .raw(
                &url(&signed, "x.pdf"),
                Auth::Cookie(&cookie),
                "application/pdf",
                PDF.to_vec(),
            )
            .await;
        assert_eq!(
            by_cookie.status,
            StatusCode::FORBIDDEN,
            "{label}: an API upload with only a cookie"
        );
        assert_eq!(
            app.event_count().await,
            before,
            "{label}: a refusal wrote something"
        );

        // The page's form: multipart with the session's CSRF token.
        let form = |token: &str| {
            let mut body = Vec::new();
            for (name, value) in [
                ("csrf", token),
                ("target", &format!("instrument_step:{signed}")),
            ] {
                body.extend(format!("--XyZ\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").as_bytes());
            }
            body.extend(b"--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"exchange.pdf\"\r\nContent-Type: application/pdf\r\n\r\n");
            body.extend(PDF);
            body.extend(b"\r\n--XyZ--\r\n");
            body
        };
        let page = format!("/instruments/{fa}/files");
        let forged = app
            .raw(
                &page,
                Auth::Cookie(&cookie),
                "multipart/form-data; boundary=XyZ",
                form("wrong"),
            )
            .await;
        assert_eq!(forged.status, StatusCode::FORBIDDEN, "{label}");
        let sent = app
            .raw(
                &page,
                Auth::Cookie(&cookie),
                "multipart/form-data; boundary=XyZ",
                form(&csrf),
            )
            .await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "{label}: {}", sent.body);
        let shown = app
            .get(&format!("/instruments/{fa}"), Auth::Bearer(&cn))
            .await
            .body;
        assert!(
            shown.contains("exchange.pdf") && shown.contains("signed copy.pdf"),
            "{label}"
        );
        assert!(!shown.contains("memo.txt"), "{label}");
    }
}
