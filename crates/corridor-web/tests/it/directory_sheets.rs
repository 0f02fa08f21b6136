//! Organisations and people as spreadsheets: a corrected web site and a new organisation come back in one step
//! with their history; a person's new position likewise; a file with bad rows changes nothing and names each
//! problem by row and column; the other side's internal records are not in its export, and it cannot change a
//! side's records through a file.

use crate::sheets::{apply_checked, column, upload_to};
use crate::support::{Auth, TestApp, demo_id};
use axum::http::StatusCode;
use corridor_core::directory::sheet::{ORGANISATION_COLUMNS, PERSON_COLUMNS};
use corridor_core::sheet::Cell;
use corridor_store::testing::each_backend_demo;

/// The row of `table` whose `name` column reads `value`.
fn row_named(table: &corridor_core::sheet::Table, name: &str, value: &str) -> Vec<Cell> {
    let c = column(table, name);
    table
        .rows
        .iter()
        .map(|(_, r)| r)
        .find(|r| r[c] == Cell::text(value))
        .unwrap_or_else(|| panic!("no row with {name} {value}"))
        .clone()
}

#[tokio::test]
#[expect(
    clippy::too_many_lines,
    reason = "one story: export, edit and add, check, apply, history, and the refusals"
)]
async fn organisations_come_back_from_a_spreadsheet_with_their_history() {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        let (cookie, csrf) = app.sign_in("pk.secretariat").await;
        let list = app.get("/organisations", Auth::Cookie(&cookie)).await;
        assert!(
            list.body.contains(r#"href="/organisations/import""#)
                && list.body.contains("/organisations/export.xlsx?"),
            "{label}: the list offers no round trip"
        );
        let pk = demo_id("party", "pk");
        let xlsx = app
            .get(
                &format!("/organisations/export.xlsx?party_id={pk}"),
                Auth::Cookie(&cookie),
            )
            .await;
        assert_eq!(xlsx.status, StatusCode::OK, "{label}");
        let table = corridor_formats::sheet::read(&xlsx.bytes).unwrap();
        assert_eq!(table.headers.len(), ORGANISATION_COLUMNS.len(), "{label}");
        let party = column(&table, "party_id");
        assert!(
            table
                .rows
                .iter()
                .all(|(_, r)| r[party] == Cell::text(pk.as_str())),
            "{label}: the party filter was not applied"
        );
        let mut boi = row_named(&table, "name", "Board of Investment");
        boi[column(&table, "website")] = Cell::text("https://invest.gov.pk/en");
        let mut added = vec![Cell::Empty; boi.len()];
        added[column(&table, "name")] =
            Cell::text("Punjab Industrial Estates Development and Management Company");
        added[column(&table, "short_name")] = Cell::text("PIEDMC");
        added[column(&table, "kind")] = Cell::text("zone_authority");
        added[column(&table, "party_id")] = Cell::text(pk.as_str());
        added[column(&table, "visibility")] = Cell::text("shared");
        let file = corridor_formats::sheet::write_xlsx(
            "Organisations",
            ORGANISATION_COLUMNS,
            &[boi, added],
        )
        .unwrap();
        let before = app.event_count().await;
        let checked = upload_to(
            &app,
            "/organisations/import",
            &cookie,
            &csrf,
            "o.xlsx",
            &file,
        )
        .await;
        assert_eq!(checked.status, StatusCode::OK, "{label}: {}", checked.body);
        assert!(
            checked.body.contains("<td>website</td>")
                && checked.body.contains("https://invest.gov.pk/en")
                && checked.body.contains("Punjab Industrial Estates"),
            "{label}: the check does not show the changes"
        );
        assert_eq!(app.event_count().await, before, "{label}: the check wrote");
        let applied = apply_checked(&app, "/organisations", &cookie, &csrf, &checked).await;
        assert!(
            applied
                .body
                .contains("Done: 1 record(s) added and 1 changed"),
            "{label}: {}",
            applied.body
        );
        assert_eq!(app.event_count().await, before + 2, "{label}");
        let token = app.token("pk.secretariat").await;
        let history = app
            .get(
                &format!(
                    "/api/v1/organisations/{}/history",
                    demo_id("organisation", "boi")
                ),
                Auth::Bearer(&token),
            )
            .await
            .body;
        assert!(history.contains("https://invest.gov.pk/en"), "{label}");

        // Bad rows: nothing applied, each named by row and column.
        let mut bad_kind = vec![Cell::Empty; ORGANISATION_COLUMNS.len()];
        bad_kind[column(&table, "name")] = Cell::text("Ministry of Magic");
        bad_kind[column(&table, "kind")] = Cell::text("wizardry");
        bad_kind[column(&table, "party_id")] = Cell::text(pk.as_str());
        let mut no_party = bad_kind.clone();
        no_party[column(&table, "kind")] = Cell::text("ministry");
        no_party[column(&table, "party_id")] = Cell::text(demo_id("party", "nowhere").as_str());
        let mut twin = no_party.clone();
        twin[column(&table, "name")] = Cell::text("Board of Investment");
        twin[column(&table, "party_id")] = Cell::text(pk.as_str());
        let before = app.event_count().await;
        // A word outside the kinds is caught as the file is read; the others when checked against the records.
        for (rows, expected) in [
            (
                vec![bad_kind],
                vec!["<td>2</td><td>kind</td><td>“wizardry” is not one of"],
            ),
            (
                vec![no_party, twin],
                vec![
                    "<td>2</td><td>party_id</td><td>there is no party with id",
                    "<td>3</td><td>name</td><td>this party already has an organisation of this name",
                ],
            ),
        ] {
            let file = corridor_formats::sheet::write_csv(ORGANISATION_COLUMNS, &rows);
            let refused = upload_to(
                &app,
                "/organisations/import",
                &cookie,
                &csrf,
                "o.csv",
                &file,
            )
            .await;
            assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{label}");
            for e in expected {
                assert!(refused.body.contains(e), "{label}: {e} in {}", refused.body);
            }
        }
        assert_eq!(
            app.event_count().await,
            before,
            "{label}: a refused file wrote"
        );

        // China's export leaves out Pakistan's internal organisations, and China cannot change Pakistan's.
        let (cn_cookie, cn_csrf) = app.sign_in("cn.secretariat").await;
        let theirs = app
            .get("/organisations/export.csv", Auth::Cookie(&cn_cookie))
            .await;
        assert!(
            theirs.body.contains("Board of Investment") && !theirs.body.contains("BoI Legal Wing"),
            "{label}: China's export is wrong"
        );
        let table = corridor_formats::sheet::read(theirs.body.as_bytes()).unwrap();
        let mut forged = row_named(&table, "name", "Board of Investment");
        forged[column(&table, "website")] = Cell::text("https://forged.example");
        let file = corridor_formats::sheet::write_csv(ORGANISATION_COLUMNS, &[forged]);
        let refused = upload_to(
            &app,
            "/organisations/import",
            &cn_cookie,
            &cn_csrf,
            "o.csv",
            &file,
        )
        .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        assert!(
            refused.body.contains("<td>id</td>"),
            "{label}: {}",
            refused.body
        );
        let internal = demo_id("organisation", "boi-legal");
        let mut probe = vec![Cell::Empty; ORGANISATION_COLUMNS.len()];
        probe[column(&table, "id")] = Cell::text(internal.as_str());
        probe[column(&table, "version")] = Cell::Number(1.0);
        probe[column(&table, "name")] = Cell::text("Probe");
        let file = corridor_formats::sheet::write_csv(ORGANISATION_COLUMNS, &[probe]);
        let refused = upload_to(
            &app,
            "/organisations/import",
            &cn_cookie,
            &cn_csrf,
            "o.csv",
            &file,
        )
        .await;
        assert!(
            refused
                .body
                .contains("there is no organisation with this id that you may change")
                && !refused.body.contains("BoI Legal Wing"),
            "{label}: an internal record was revealed: {}",
            refused.body
        );
        // Nor does a new row with the name of Pakistan's internal organisation tell China that it exists.
        let mut namesake = vec![Cell::Empty; ORGANISATION_COLUMNS.len()];
        namesake[column(&table, "name")] = Cell::text("BoI Legal Wing");
        namesake[column(&table, "kind")] = Cell::text("other");
        namesake[column(&table, "party_id")] = Cell::text(demo_id("party", "pk").as_str());
        let file = corridor_formats::sheet::write_csv(ORGANISATION_COLUMNS, &[namesake]);
        let checked = upload_to(
            &app,
            "/organisations/import",
            &cn_cookie,
            &cn_csrf,
            "o.csv",
            &file,
        )
        .await;
        assert_eq!(checked.status, StatusCode::OK, "{label}: {}", checked.body);
        assert!(
            !checked.body.contains("already has an organisation"),
            "{label}: {}",
            checked.body
        );
    }
}

#[tokio::test]
async fn a_new_position_comes_back_from_the_people_sheet_and_a_taken_address_is_refused() {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        let (cookie, csrf) = app.sign_in("pk.secretariat").await;
        let csv = app
            .get(
                &format!("/people/export.csv?party_id={}", demo_id("party", "pk")),
                Auth::Cookie(&cookie),
            )
            .await;
        assert_eq!(csv.status, StatusCode::OK, "{label}");
        let table = corridor_formats::sheet::read(csv.body.as_bytes()).unwrap();
        assert!(table.rows.len() >= 2, "{label}: too few people");
        let (title, email) = (column(&table, "title"), column(&table, "email"));
        let mut first = table.rows[0].1.clone();
        first[title] = Cell::text("Secretary, Board of Investment");
        let with_email: Vec<&Vec<Cell>> = table
            .rows
            .iter()
            .map(|(_, r)| r)
            .filter(|r| matches!(&r[email], Cell::Text(t) if !t.is_empty()))
            .collect();
        assert!(
            with_email.len() >= 2,
            "{label}: the demo's people lack e-mail addresses"
        );
        let mut clash = with_email[1].clone();
        clash[email] = with_email[0][email].clone();
        let file = corridor_formats::sheet::write_csv(PERSON_COLUMNS, &[clash]);
        let refused = upload_to(&app, "/people/import", &cookie, &csrf, "p.csv", &file).await;
        assert!(
            refused
                .body
                .contains("<td>email</td><td>another person already has this e-mail address"),
            "{label}: {}",
            refused.body
        );
        let file = corridor_formats::sheet::write_csv(PERSON_COLUMNS, &[first]);
        let checked = upload_to(&app, "/people/import", &cookie, &csrf, "p.csv", &file).await;
        assert_eq!(checked.status, StatusCode::OK, "{label}: {}", checked.body);
        let applied = apply_checked(&app, "/people", &cookie, &csrf, &checked).await;
        assert!(
            applied
                .body
                .contains("Done: 0 record(s) added and 1 changed"),
            "{label}: {}",
            applied.body
        );
        let again = app.get("/people/export.csv", Auth::Cookie(&cookie)).await;
        assert!(
            again.body.contains("Secretary, Board of Investment"),
            "{label}"
        );
    }
}
