//! Another publisher's IATI file imported from the portfolio's page: the official annotated example becomes a
//! project of the importer's side, a second upload updates it, and bad forms and files that are not IATI are
//! refused or reported without a change.

use crate::support::{Auth, Reply, TestApp};
use axum::http::StatusCode;
use corridor_store::testing::each_backend_demo;

/// Posts the import form with `fields` and, when given, the file `(name, bytes)`.
async fn post(
    app: &TestApp,
    cookie: &str,
    fields: &[(&str, &str)],
    file: Option<(&str, &[u8])>,
) -> Reply {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend(
            format!("--XyZ\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                .as_bytes(),
        );
    }
    if let Some((name, bytes)) = file {
        body.extend(
            format!("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/xml\r\n\r\n")
                .as_bytes(),
        );
        body.extend(bytes);
        body.extend(b"\r\n");
    }
    body.extend(b"--XyZ--\r\n");
    app.raw(
        "/projects/import-iati",
        Auth::Cookie(cookie),
        "multipart/form-data; boundary=XyZ",
        body,
    )
    .await
}

#[tokio::test]
async fn a_publishers_file_uploaded_on_the_page_becomes_a_project_of_the_importers_side() {
    let example = std::fs::read(
        crate::iati::standards().join("examples/activity-standard-example-annotated.xml"),
    )
    .unwrap();
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        let (cookie, csrf) = app.sign_in("pk.secretariat").await;
        let portfolio = app.get("/projects", Auth::Cookie(&cookie)).await;
        assert!(
            portfolio.body.contains(r#"href="/projects/import-iati""#),
            "{label}"
        );
        let form = app
            .get("/projects/import-iati", Auth::Cookie(&cookie))
            .await;
        assert_eq!(form.status, StatusCode::OK, "{label}");
        assert!(form.body.contains(r#"name="visibility""#), "{label}");

        let fields = [
            ("csrf", csrf.as_str()),
            ("kind", "revival_project"),
            ("visibility", "party"),
        ];
        let name = "activity-standard-example-annotated.xml";
        let done = post(&app, &cookie, &fields, Some((name, &example))).await;
        assert_eq!(done.status, StatusCode::OK, "{label}: {}", done.body);
        assert!(
            done.body.contains(
                "1 activities read; 1 projects created and 0 brought up to date, 0 skipped"
            ),
            "{label}: {}",
            done.body
        );
        let token = app.token("pk.secretariat").await;
        let ours = app
            .get(
                "/api/v1/projects?limit=500&kind=revival_project",
                Auth::Bearer(&token),
            )
            .await
            .json();
        let imported = ours["data"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == "Activity title")
            .cloned()
            .unwrap_or_else(|| panic!("{label}: the activity is not a project: {ours}"));
        assert_eq!(
            imported["access"]["visibility"], "party",
            "{label}: {imported}"
        );
        let page = app
            .get(
                &format!("/projects/{}", imported["id"].as_str().unwrap()),
                Auth::Cookie(&cookie),
            )
            .await;
        assert!(
            page.body.contains("Imported from IATI") && page.body.contains(name),
            "{label}: the page names the file it came from"
        );
        // Kept to Pakistan's side: China's officer does not see it.
        let id = imported["id"].as_str().unwrap().to_owned();
        let cn = app.token("cn.secretariat").await;
        let theirs = app
            .get(&format!("/api/v1/projects/{id}"), Auth::Bearer(&cn))
            .await;
        assert_eq!(theirs.status, StatusCode::NOT_FOUND, "{label}");

        // The same file again brings the project up to date instead of adding a second one.
        let again = post(&app, &cookie, &fields, Some((name, &example))).await;
        assert!(
            again
                .body
                .contains("1 activities read; 0 projects created and 1 brought up to date"),
            "{label}: {}",
            again.body
        );
    }
}

#[tokio::test]
async fn bad_forms_and_files_that_are_not_iati_are_refused_by_field_and_change_nothing() {
    let example = std::fs::read(
        crate::iati::standards().join("examples/activity-standard-example-annotated.xml"),
    )
    .unwrap();
    let name = "activity-standard-example-annotated.xml";
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        let (cookie, csrf) = app.sign_in("pk.secretariat").await;
        let fields = [
            ("csrf", csrf.as_str()),
            ("kind", "revival_project"),
            ("visibility", "party"),
        ];
        let before = app.event_count().await;
        let wizardry = [
            ("csrf", csrf.as_str()),
            ("kind", "wizardry"),
            ("visibility", "party"),
        ];
        let refused = post(&app, &cookie, &wizardry, Some((name, &example))).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        assert!(refused.body.contains("kind: “wizardry”"), "{label}");
        let secret = [
            ("csrf", csrf.as_str()),
            ("kind", "revival_project"),
            ("visibility", "secret"),
        ];
        let refused = post(&app, &cookie, &secret, Some((name, &example))).await;
        assert!(
            refused
                .body
                .contains("visibility: “secret” must be party, shared or public"),
            "{label}"
        );
        let refused = post(&app, &cookie, &fields, None).await;
        assert!(
            refused
                .body
                .contains("file: choose the IATI file to import"),
            "{label}"
        );
        let html = b"<html><body>not an activity file</body></html>";
        let foreign = post(&app, &cookie, &fields, Some(("page.xml", html))).await;
        assert_eq!(
            foreign.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{label}: {}",
            foreign.body
        );
        assert!(
            foreign.body.contains("Nothing was imported"),
            "{label}: {}",
            foreign.body
        );
        let forged = [
            ("csrf", "forged"),
            ("kind", "revival_project"),
            ("visibility", "party"),
        ];
        let refused = post(&app, &cookie, &forged, Some((name, &example))).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{label}");
        assert_eq!(app.event_count().await, before, "{label}");
    }
}
