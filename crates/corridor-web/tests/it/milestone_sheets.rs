//! Milestones as a spreadsheet: a slipped forecast and a new milestone come back in one step, and the
//! other side cannot add to a side's project through a file.

use crate::sheets::{apply_checked, column, upload_to};
use crate::support::{Auth, TestApp};
use axum::http::StatusCode;
use corridor_core::sheet::Cell;
use corridor_store::testing::each_backend_demo;

#[tokio::test]
#[expect(
    clippy::too_many_lines,
    reason = "one story: export, slip and add, check, apply, and the other side refused"
)]
async fn a_slipped_forecast_and_a_new_milestone_come_back_from_the_milestones_sheet() {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        let (cookie, csrf) = app.sign_in("pk.secretariat").await;
        let projects = app.get("/projects", Auth::Cookie(&cookie)).await;
        assert!(
            projects.body.contains(r#"href="/milestones/import""#),
            "{label}"
        );
        let xlsx = app
            .get("/milestones/export.xlsx", Auth::Cookie(&cookie))
            .await;
        assert_eq!(xlsx.status, StatusCode::OK, "{label}");
        let table = corridor_formats::sheet::read(&xlsx.bytes).unwrap();
        let (project, title, forecast, pid) = (
            column(&table, "project"),
            column(&table, "title"),
            column(&table, "forecast_on"),
            column(&table, "project_id"),
        );
        let rashakai: Vec<&Vec<Cell>> = table
            .rows
            .iter()
            .map(|(_, r)| r)
            .filter(|r| r[project] == Cell::text("Rashakai Special Economic Zone"))
            .collect();
        assert!(
            !rashakai.is_empty(),
            "{label}: Rashakai's milestones are in the sheet"
        );
        let mut slipped = rashakai[0].clone();
        slipped[forecast] = Cell::Date(time::macros::date!(2031 - 12 - 31));
        let mut added = vec![Cell::Empty; slipped.len()];
        added[pid] = slipped[pid].clone();
        added[title] = Cell::text("Second power feeder energised");
        added[column(&table, "kind")] = Cell::text("delivery");
        added[column(&table, "planned_on")] = Cell::text("2027-06-30");
        let file = corridor_formats::sheet::write_xlsx(
            "Milestones",
            corridor_core::portfolio::milestone_sheet::COLUMNS,
            &[slipped.clone(), added],
        )
        .unwrap();
        let before = app.event_count().await;
        let checked = upload_to(&app, "/milestones/import", &cookie, &csrf, "m.xlsx", &file).await;
        assert_eq!(checked.status, StatusCode::OK, "{label}: {}", checked.body);
        assert!(
            checked.body.contains("<td>forecast_on</td>") && checked.body.contains("2031-12-31"),
            "{label}"
        );
        assert!(
            checked.body.contains("Second power feeder energised"),
            "{label}"
        );
        let applied = apply_checked(&app, "/milestones", &cookie, &csrf, &checked).await;
        assert!(
            applied
                .body
                .contains("Done: 1 record(s) added and 1 changed"),
            "{label}: {}",
            applied.body
        );
        assert_eq!(app.event_count().await, before + 2, "{label}");
        let project_id = match &slipped[pid] {
            Cell::Text(t) => t.clone(),
            other => panic!("{other:?}"),
        };
        let token = app.token("pk.secretariat").await;
        let detail = app
            .get(
                &format!("/api/v1/projects/{project_id}"),
                Auth::Bearer(&token),
            )
            .await
            .body;
        assert!(
            detail.contains("2031-12-31") && detail.contains("Second power feeder energised"),
            "{label}"
        );
        // China's officer cannot add milestones to Pakistan's project through a file.
        let (cn_cookie, cn_csrf) = app.sign_in("cn.secretariat").await;
        let mut theirs = vec![Cell::Empty; slipped.len()];
        theirs[pid] = slipped[pid].clone();
        theirs[title] = Cell::text("Forged milestone");
        theirs[column(&table, "kind")] = Cell::text("delivery");
        let forged = corridor_formats::sheet::write_csv(
            corridor_core::portfolio::milestone_sheet::COLUMNS,
            &[theirs],
        );
        let refused = upload_to(
            &app,
            "/milestones/import",
            &cn_cookie,
            &cn_csrf,
            "m.csv",
            &forged,
        )
        .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        assert!(
            refused.body.contains("to which you may add milestones"),
            "{label}"
        );
    }
}

#[tokio::test]
async fn a_sheet_above_the_general_body_limit_is_checked_and_applied_and_a_too_large_one_is_refused()
 {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        let (cookie, csrf) = app.sign_in("pk.secretariat").await;
        let csv = app
            .get("/milestones/export.csv", Auth::Cookie(&cookie))
            .await;
        let table = corridor_formats::sheet::read(csv.body.as_bytes()).unwrap();
        let mut slipped = table.rows[0].1.clone();
        slipped[column(&table, "forecast_on")] = Cell::text("2032-03-31");
        let mut file = corridor_formats::sheet::write_csv(
            corridor_core::portfolio::milestone_sheet::COLUMNS,
            &[slipped],
        );
        // Blank lines, as a spreadsheet saved with many empty rows has: 3 MB, above the 2 MB other forms take,
        // and a little more again once the Apply form carries the file back in base64.
        file.extend(b"\r\n".repeat(1_500_000));
        assert!(file.len() > 3_000_000);
        let checked = upload_to(&app, "/milestones/import", &cookie, &csrf, "big.csv", &file).await;
        assert_eq!(checked.status, StatusCode::OK, "{label}: {}", checked.body);
        assert!(checked.body.contains("2032-03-31"), "{label}");
        let applied = apply_checked(&app, "/milestones", &cookie, &csrf, &checked).await;
        assert!(
            applied
                .body
                .contains("Done: 0 record(s) added and 1 changed"),
            "{label}: {} {}",
            applied.status,
            applied.body.chars().take(2000).collect::<String>()
        );

        // Above the import's own limit: refused by its size, nothing changed.
        let before = app.event_count().await;
        let huge = vec![b'\n'; 17 * 1024 * 1024];
        let refused = upload_to(
            &app,
            "/milestones/import",
            &cookie,
            &csrf,
            "huge.csv",
            &huge,
        )
        .await;
        assert_eq!(refused.status, StatusCode::PAYLOAD_TOO_LARGE, "{label}");
        assert!(
            refused
                .body
                .contains("the spreadsheet is larger than the 16 MB an import takes"),
            "{label}: {}",
            refused.body
        );
        assert_eq!(app.event_count().await, before, "{label}");
    }
}
