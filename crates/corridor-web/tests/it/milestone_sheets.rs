//! Milestones as a spreadsheet: a slipped forecast and a new milestone come back in one step, and the
//! other side cannot add to a side's project through a file.

use crate::sheets::{column, upload_to};
use crate::support::{Auth, TestApp, between};
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
        let sheet = between(&checked.body, r#"name="sheet" value=""#, '"');
        let applied = app
            .form(
                "/milestones/import/apply",
                Auth::Cookie(&cookie),
                &[("csrf", &csrf), ("sheet", &sheet)],
            )
            .await;
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
