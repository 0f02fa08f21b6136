//! The register as a spreadsheet: exported as XLSX, opened and saved by LibreOffice with changed statuses,
//! checked, applied in one step and visible in history; bad files are reported by row and column and change
//! nothing; one side cannot reach the other side's own outcomes through a file.

use crate::support::{Auth, Reply, TestApp, between};
use axum::http::StatusCode;
use corridor_core::sheet::Cell;
use corridor_store::testing::each_backend_demo;
use std::path::Path;
use std::process::Command;

/// LibreOffice converts `bytes` (a file named `name`) to `to` in a fresh folder and returns the result.
fn libreoffice(bytes: &[u8], name: &str, to: &str, infilter: Option<&str>) -> Vec<u8> {
    let dir = std::env::temp_dir().join(format!("corridor-sheet-{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(name);
    std::fs::write(&file, bytes).unwrap();
    let out_dir = dir.join("out");
    let mut cmd = Command::new("soffice");
    cmd.args(["--headless", "--norestore"]);
    if let Some(f) = infilter {
        cmd.arg(format!("--infilter={f}"));
    }
    let out = cmd
        .args(["--convert-to", to, "--outdir"])
        .arg(&out_dir)
        .arg(&file)
        .env("HOME", &dir)
        .output()
        .expect("soffice (Debian's libreoffice-calc-nogui) converts spreadsheets");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ext = to.split(':').next().unwrap();
    let stem = Path::new(name).file_stem().unwrap().to_str().unwrap();
    let result = std::fs::read(out_dir.join(format!("{stem}.{ext}"))).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    result
}

async fn upload(app: &TestApp, cookie: &str, csrf: &str, name: &str, file: &[u8]) -> Reply {
    upload_to(app, "/register/import", cookie, csrf, name, file).await
}

pub(crate) async fn upload_to(
    app: &TestApp,
    path: &str,
    cookie: &str,
    csrf: &str,
    name: &str,
    file: &[u8],
) -> Reply {
    let mut body = Vec::new();
    body.extend(
        format!("--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n")
            .as_bytes(),
    );
    body.extend(
        format!("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .as_bytes(),
    );
    body.extend(file);
    body.extend(b"\r\n--XyZ--\r\n");
    app.raw(
        path,
        Auth::Cookie(cookie),
        "multipart/form-data; boundary=XyZ",
        body,
    )
    .await
}

/// Presses the Apply button of a sound check: sends the file the check carried back to `{base}/import/apply`.
pub(crate) async fn apply_checked(
    app: &TestApp,
    base: &str,
    cookie: &str,
    csrf: &str,
    checked: &Reply,
) -> Reply {
    let sheet = between(&checked.body, r#"name="sheet" value=""#, '"');
    app.form(
        &format!("{base}/import/apply"),
        Auth::Cookie(cookie),
        &[("csrf", csrf), ("sheet", &sheet)],
    )
    .await
}

pub(crate) fn column(table: &corridor_core::sheet::Table, name: &str) -> usize {
    table.headers.iter().position(|h| h == name).unwrap()
}

#[tokio::test]
#[expect(
    clippy::too_many_lines,
    reason = "one story: export, edit in LibreOffice, check, apply, history"
)]
async fn statuses_changed_in_libreoffice_come_back_as_exactly_those_changes() {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        let (cookie, csrf) = app.sign_in("pk.secretariat").await;
        let list = app.get("/register", Auth::Cookie(&cookie)).await;
        assert!(list.body.contains("/register/export.xlsx?"), "{label}");
        assert!(list.body.contains(r#"href="/register/import""#), "{label}");

        let xlsx = app
            .get("/register/export.xlsx", Auth::Cookie(&cookie))
            .await;
        assert_eq!(xlsx.status, StatusCode::OK, "{label}");
        assert!(
            xlsx.headers[axum::http::header::CONTENT_DISPOSITION]
                .to_str()
                .unwrap()
                .contains(".xlsx")
        );
        // A frozen header row and set widths, as the sheet's own XML says.
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx.bytes.clone())).unwrap();
        let mut sheet = String::new();
        std::io::Read::read_to_string(
            &mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(),
            &mut sheet,
        )
        .unwrap();
        assert!(
            sheet.contains(r#"state="frozen""#) && sheet.contains("<cols>"),
            "{label}: {sheet}"
        );

        // LibreOffice reads the workbook; an officer changes two open items in it; LibreOffice saves XLSX.
        let csv = libreoffice(
            &xlsx.bytes,
            "register.xlsx",
            "csv:Text - txt - csv (StarCalc):44,34,76,1",
            None,
        );
        let mut table = corridor_formats::sheet::read(&csv).unwrap();
        let (status, id) = (column(&table, "status"), column(&table, "id"));
        let open: Vec<usize> = table
            .rows
            .iter()
            .enumerate()
            .filter(|(_, (_, r))| r[status] == Cell::text("open"))
            .map(|(i, _)| i)
            .take(2)
            .collect();
        assert_eq!(open.len(), 2, "{label}: the demo has open items");
        let changed: Vec<String> = open
            .iter()
            .map(|i| match &table.rows[*i].1[id] {
                Cell::Text(t) => t.clone(),
                other => panic!("{label}: id cell {other:?}"),
            })
            .collect();
        table.rows[open[0]].1[status] = Cell::text("done");
        table.rows[open[1]].1[status] = Cell::text("in_progress");
        let edited = corridor_formats::sheet::write_csv(
            corridor_core::meeting::register_sheet::COLUMNS,
            &table
                .rows
                .iter()
                .map(|(_, r)| r.clone())
                .collect::<Vec<_>>(),
        );
        let saved = libreoffice(
            &edited,
            "register.csv",
            "xlsx:Calc MS Excel 2007 XML",
            Some("CSV:44,34,76,1"),
        );
        assert!(saved.starts_with(b"PK"), "{label}");

        let before = app.event_count().await;
        let checked = upload(&app, &cookie, &csrf, "register.xlsx", &saved).await;
        assert_eq!(checked.status, StatusCode::OK, "{label}: {}", checked.body);
        assert!(
            checked.body.contains("change 2;"),
            "{label}: {}",
            checked.body
        );
        assert!(
            checked
                .body
                .contains("<td>status</td><td>open</td><td>done</td>"),
            "{label}"
        );
        assert_eq!(
            app.event_count().await,
            before,
            "{label}: a check changes nothing"
        );
        let sheet_b64 = between(&checked.body, r#"name="sheet" value=""#, '"');
        let applied = app
            .form(
                "/register/import/apply",
                Auth::Cookie(&cookie),
                &[("csrf", &csrf), ("sheet", &sheet_b64)],
            )
            .await;
        assert_eq!(applied.status, StatusCode::OK, "{label}: {}", applied.body);
        assert!(
            applied
                .body
                .contains("Done: 0 record(s) added and 2 changed"),
            "{label}: {}",
            applied.body
        );
        assert_eq!(
            app.event_count().await,
            before + 2,
            "{label}: one event per changed outcome"
        );
        let token = app.token("pk.secretariat").await;
        for (id, now) in changed.iter().zip(["done", "in_progress"]) {
            let item = app
                .get(&format!("/api/v1/register/{id}"), Auth::Bearer(&token))
                .await
                .json();
            assert_eq!(item["data"]["status"], now, "{label}");
            let history = app
                .get(
                    &format!("/api/v1/register/{id}/history"),
                    Auth::Bearer(&token),
                )
                .await;
            assert!(
                history.body.contains("open") && history.body.contains(now),
                "{label}: {}",
                history.body
            );
        }
        // The same file again: its versions are now stale, so nothing is applied.
        let again = upload(&app, &cookie, &csrf, "register.xlsx", &saved).await;
        assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        assert!(
            again
                .body
                .contains("has changed since the sheet was exported"),
            "{label}: {}",
            again.body
        );
        // Unchanged text survives: the exported texts are still there, Chinese included.
        // Chinese went out and came back through LibreOffice untouched.
        let zh = column(&table, "text_zh");
        assert!(
            table
                .rows
                .iter()
                .any(|(_, r)| matches!(&r[zh], Cell::Text(t) if !t.is_ascii())),
            "{label}"
        );
    }
}

#[tokio::test]
async fn bad_files_are_reported_by_row_and_column_and_change_nothing() {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        let (cookie, csrf) = app.sign_in("pk.secretariat").await;
        let csv = app
            .get("/register/export.csv", Auth::Cookie(&cookie))
            .await
            .bytes;
        let text = String::from_utf8(csv).unwrap();
        let before = app.event_count().await;
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        let first_row = lines[1].clone();

        let renamed = text.replacen("status", "Status", 1);
        let duplicated = format!("{text}{first_row}\n");
        let bad_date = {
            let mut t = corridor_formats::sheet::read(text.as_bytes()).unwrap();
            let status = column(&t, "status");
            t.rows[0].1[status] = Cell::text("someday");
            let rows: Vec<Vec<Cell>> = t.rows.into_iter().map(|(_, r)| r).collect();
            String::from_utf8(corridor_formats::sheet::write_csv(
                corridor_core::meeting::register_sheet::COLUMNS,
                &rows,
            ))
            .unwrap()
        };
        lines.truncate(2);
        let mut latin1 = lines.join("\n").into_bytes();
        latin1.extend(b"\n,,,,,caf\xe9\n");
        let mut formula = rust_xlsxwriter::Workbook::new();
        let ws = formula.add_worksheet();
        for (i, c) in corridor_core::meeting::register_sheet::COLUMNS
            .iter()
            .enumerate()
        {
            ws.write_string(0, u16::try_from(i).unwrap(), c.name)
                .unwrap();
        }
        ws.write_formula(1, 5, "=CONCAT(\"a\",\"b\")").unwrap();
        let formula = formula.save_to_buffer().unwrap();
        for (name, file, expected) in [
            (
                "renamed.csv",
                renamed.into_bytes(),
                "<td>Status</td><td>is not a column of this sheet",
            ),
            (
                "duplicated.csv",
                duplicated.into_bytes(),
                "is already on row 2",
            ),
            (
                "status.csv",
                bad_date.into_bytes(),
                "“someday” is not one of",
            ),
            ("latin1.csv", latin1, "save it as “CSV UTF-8”"),
            ("formula.xlsx", formula, "holds a formula"),
        ] {
            let reply = upload(&app, &cookie, &csrf, name, &file).await;
            let problems: String = reply.body.lines().filter(|l| l.contains("<td>")).collect();
            assert_eq!(
                reply.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{label} {name}: {problems}"
            );
            assert!(reply.body.contains("Nothing was changed"), "{label} {name}");
            assert!(
                reply
                    .body
                    .contains(&expected.replace('“', "&#8220;").replace('”', "&#8221;"))
                    || reply.body.contains(expected),
                "{label} {name}: no {expected} in {}",
                reply.body
            );
            assert!(
                !reply.body.contains(r#"name="sheet""#),
                "{label} {name}: no apply button"
            );
        }
        assert_eq!(app.event_count().await, before, "{label}");
    }
}

#[tokio::test]
async fn the_other_side_neither_exports_nor_imports_a_sides_own_outcomes() {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        // Pakistan records a note it keeps to itself.
        let s = &app.db.store;
        let pk_admin = s.actor_of("pk.admin").await.unwrap();
        let mut made = None;
        for key in [
            "demo/meeting/jwg-5",
            "demo/meeting/jwg-4",
            "demo/meeting/jwg-6",
        ] {
            let new = corridor_core::meeting::NewOutcome::try_from(
                &corridor_core::meeting::register::OutcomeInput {
                    meeting_id: Some(corridor_core::ids::MeetingId::from_key(key).to_string()),
                    kind: Some("note".into()),
                    text: Some("Pakistan's own fallback position on land prices".into()),
                    visibility: Some("party".into()),
                    ..Default::default()
                },
            )
            .unwrap();
            if let Ok(v) = s
                .create_outcome(&pk_admin, corridor_core::ids::RegisterItemId::new(), &new)
                .await
            {
                made = Some(v);
                break;
            }
        }
        assert!(
            made.is_some(),
            "{label}: Pakistan may add outcomes to one of its meetings"
        );
        let (pk_cookie, _) = app.sign_in("pk.secretariat").await;
        let (cn_cookie, cn_csrf) = app.sign_in("cn.secretariat").await;
        let pk = corridor_formats::sheet::read(
            &app.get("/register/export.csv", Auth::Cookie(&pk_cookie))
                .await
                .bytes,
        )
        .unwrap();
        let cn_csv = app
            .get("/register/export.csv", Auth::Cookie(&cn_cookie))
            .await
            .bytes;
        let cn = corridor_formats::sheet::read(&cn_csv).unwrap();
        let vis = column(&pk, "visibility");
        let own: Vec<_> = pk
            .rows
            .iter()
            .filter(|(_, r)| r[vis] == Cell::text("party"))
            .collect();
        assert!(
            !own.is_empty(),
            "{label}: the demo has outcomes Pakistan keeps to itself"
        );
        let id = column(&pk, "id");
        for (_, r) in &own {
            assert!(
                !cn.rows.iter().any(|(_, c)| c[id] == r[id]),
                "{label}: China's export holds Pakistan's own outcome"
            );
        }
        // China's officer puts Pakistan's own outcome into a file: refused as if it did not exist.
        let mut rows: Vec<Vec<Cell>> = vec![own[0].1.clone()];
        rows[0][column(&pk, "status")] = Cell::text("dropped");
        let forged = corridor_formats::sheet::write_csv(
            corridor_core::meeting::register_sheet::COLUMNS,
            &rows,
        );
        let before = app.event_count().await;
        let reply = upload(&app, &cn_cookie, &cn_csrf, "forged.csv", &forged).await;
        let problems: String = reply.body.lines().filter(|l| l.contains("<td>")).collect();
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{label}: {problems}"
        );
        assert!(
            reply
                .body
                .contains("no register item with this id that you may change"),
            "{label}: {problems} {}",
            reply.body
        );
        let text = match &own[0].1[column(&pk, "text")] {
            Cell::Text(t) => t.clone(),
            _ => String::new(),
        };
        assert!(
            !reply.body.contains(&text),
            "{label}: the report names Pakistan's outcome"
        );
        assert_eq!(app.event_count().await, before, "{label}");
    }
}
