//! Exchanges and business over HTTP: the demo visit traced back to the 5th meeting; a new visit started from
//! the register item, with the sending side nominating through its pages and the host deciding, planning
//! and issuing the invitation letter, kept as a PDF; refusals by name; and the business page.

use crate::support::{Auth, TestApp};
use axum::http::StatusCode;
use corridor_core::ids::{CompanyId, ExchangeId, RegisterItemId};
use corridor_store::testing::each_backend_demo;

fn demo(kind: &str, k: &str) -> String {
    let key = format!("demo/{kind}/{k}");
    match kind {
        "exchange" => ExchangeId::from_key(&key).to_string(),
        "company" => CompanyId::from_key(&key).to_string(),
        _ => RegisterItemId::from_key(&key).to_string(),
    }
}

/// The id at the end of a redirect to `/exchanges/{id}`.
fn redirected_id(location: &str) -> String {
    location
        .trim_start_matches("/exchanges/")
        .split('#')
        .next()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn the_demo_visit_is_traced_back_to_the_fifth_meetings_request() {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        let (cookie, _) = app.sign_in("cn.secretariat").await;
        let page = app
            .get(
                &format!("/exchanges/{}", demo("exchange", "jiangsu-visit")),
                Auth::Cookie(&cookie),
            )
            .await;
        assert_eq!(page.status, StatusCode::OK, "{label}");
        for expected in [
            "巴基斯坦代表团赴江苏、浙江园区产业考察",
            "so that they see successful industrial models",
            "request recorded at <a href=\"/meetings/",
            ">5th meeting</a>",
            "4 nominated, 3 approved, 3 attended (women: 2)",
            "three guests",
            "Jiangsu Garment Group (illustrative)",
            "twinning arrangement",
        ] {
            assert!(
                page.body.contains(expected),
                "{label}: “{expected}” missing"
            );
        }
        // Traced the other way: the request's page names the visit; the programme lists its cohorts.
        let item = app
            .get(
                &format!("/register/{}", demo("register", "industrial-visits")),
                Auth::Cookie(&cookie),
            )
            .await
            .body;
        assert!(item.contains("Exchanges it started"), "{label}");
        assert!(
            item.contains(
                "Industrial visit of a Pakistani delegation to parks in Jiangsu and Zhejiang"
            ),
            "{label}"
        );
        let programme = corridor_core::ids::ProjectId::from_key("demo/project/young-workers");
        let project = app
            .get(&format!("/projects/{programme}"), Auth::Cookie(&cookie))
            .await
            .body;
        assert!(
            project.contains("Young workers exchange, 2023 cohort"),
            "{label}"
        );
        assert!(
            project.contains("1 approved, 1 attended (women: 1)"),
            "{label}"
        );
        assert!(
            project.contains(&format!("/exchanges/new?programme={programme}")),
            "{label}"
        );
        let list = app.get("/exchanges", Auth::Cookie(&cookie)).await.body;
        assert!(
            list.contains("Young workers exchange, 2027 cohort"),
            "{label}"
        );
        // Shared records: the public sees neither the list's rows nor the page.
        assert!(
            !app.get("/exchanges", Auth::None)
                .await
                .body
                .contains("Jiangsu")
        );
        let hidden = app
            .get(
                &format!("/exchanges/{}", demo("exchange", "jiangsu-visit")),
                Auth::None,
            )
            .await;
        assert_eq!(hidden.status, StatusCode::NOT_FOUND, "{label}");
    }
}

#[tokio::test]
#[expect(
    clippy::too_many_lines,
    reason = "one visit told in order, from each side's pages"
)]
async fn both_sides_run_a_visit_from_their_pages_and_the_letter_is_kept() {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        let (pk, pk_csrf) = app.sign_in("pk.secretariat").await;
        let (cn, cn_csrf) = app.sign_in("cn.secretariat").await;
        let request = demo("register", "industrial-visits");
        let form = app
            .get(
                &format!("/exchanges/new?request={request}"),
                Auth::Cookie(&pk),
            )
            .await;
        assert!(
            form.body.contains(&format!("value=\"{request}\" selected")),
            "{label}: the form starts from the register item"
        );
        let made = app
            .form(
                "/exchanges",
                Auth::Cookie(&pk),
                &[
                    ("csrf", &pk_csrf),
                    ("kind", "delegation_visit"),
                    ("title", "Second visit <script>alert(1)</script>"),
                    ("request_item_id", &request),
                    ("sending_party_id", &crate::support::demo_id("party", "pk")),
                    ("host_party_id", &crate::support::demo_id("party", "cn")),
                    ("starts_on", "2024-09-02"),
                    ("ends_on", "2024-09-06"),
                    ("visibility", "shared"),
                ],
            )
            .await;
        assert_eq!(made.status, StatusCode::SEE_OTHER, "{label}: {}", made.body);
        let x = redirected_id(made.headers["location"].to_str().unwrap());
        let nominated = app
            .form(
                &format!("/exchanges/{x}/nominations"),
                Auth::Cookie(&pk),
                &[
                    ("csrf", &pk_csrf),
                    ("name", "Sana Iqbal"),
                    ("position", "Director"),
                    (
                        "organisation_id",
                        &crate::support::demo_id("organisation", "boi"),
                    ),
                    ("gender", "female"),
                ],
            )
            .await;
        assert_eq!(
            nominated.status,
            StatusCode::SEE_OTHER,
            "{label}: {}",
            nominated.body
        );
        let api = app
            .get(&format!("/api/v1/exchanges/{x}"), Auth::Cookie(&cn))
            .await
            .json();
        let n = api["data"]["nominations"][0]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        // The host's page offers the decision; the sending side's does not.
        let host_page = app
            .get(&format!("/exchanges/{x}"), Auth::Cookie(&cn))
            .await
            .body;
        assert!(host_page.contains("Decision on Sana Iqbal"), "{label}");
        assert!(
            host_page.contains("Second visit &#60;script&#62;"),
            "{label}"
        );
        assert!(!host_page.contains("<script>alert"), "{label}");
        let sending_page = app
            .get(&format!("/exchanges/{x}"), Auth::Cookie(&pk))
            .await
            .body;
        assert!(!sending_page.contains("Decision on Sana Iqbal"), "{label}");
        let before = app.event_count().await;
        let wrong_side = app
            .form(
                &format!("/exchanges/{x}/nominations/{n}/decision"),
                Auth::Cookie(&pk),
                &[("csrf", &pk_csrf), ("status", "approved")],
            )
            .await;
        assert_eq!(wrong_side.status, StatusCode::FORBIDDEN, "{label}");
        assert!(wrong_side.body.contains("for the host side"), "{label}");
        assert_eq!(app.event_count().await, before, "{label}");
        for (path, pairs) in [
            (
                format!("/exchanges/{x}/nominations/{n}/decision"),
                vec![("csrf", cn_csrf.as_str()), ("status", "approved")],
            ),
            (
                format!("/exchanges/{x}/programme"),
                vec![
                    ("csrf", cn_csrf.as_str()),
                    ("on", "2024-09-03"),
                    ("at", "10:00"),
                    ("site_kind", "zone"),
                    ("site", "Tianjin Economic-Technological Development Area"),
                ],
            ),
            (
                format!("/exchanges/{x}/nominations/{n}/letter"),
                vec![("csrf", cn_csrf.as_str())],
            ),
        ] {
            let r = app.form(&path, Auth::Cookie(&cn), &pairs).await;
            assert_eq!(
                r.status,
                StatusCode::SEE_OTHER,
                "{label}: {path}: {}",
                r.body
            );
        }
        // The letter is kept as issued: both sides download the same PDF; the public cannot.
        let pk_token = app.token("pk.secretariat").await;
        let letter = app
            .get(
                &format!("/api/v1/nominations/{n}/letter"),
                Auth::Bearer(&pk_token),
            )
            .await;
        assert_eq!(letter.status, StatusCode::OK, "{label}");
        assert_eq!(letter.headers["content-type"], "application/pdf");
        assert!(letter.bytes.starts_with(b"%PDF-"), "{label}");
        let again = app
            .get(
                &format!("/api/v1/nominations/{n}/letter"),
                Auth::Cookie(&cn),
            )
            .await;
        assert_eq!(again.bytes, letter.bytes, "{label}");
        let anonymous = app
            .get(&format!("/api/v1/nominations/{n}/letter"), Auth::None)
            .await;
        assert_eq!(anonymous.status, StatusCode::NOT_FOUND, "{label}");
        let issued = app
            .get(&format!("/exchanges/{x}"), Auth::Cookie(&pk))
            .await
            .body;
        assert!(
            issued.contains("Tianjin Economic-Technological Development Area"),
            "{label}"
        );
        assert!(
            issued.contains(&format!("/api/v1/nominations/{n}/letter")),
            "{label}"
        );
        // The sending side cannot issue a letter, through the API either.
        let refused = app
            .json(
                "POST",
                &format!("/api/v1/nominations/{n}/letter"),
                Auth::Bearer(&pk_token),
                "",
            )
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{label}");
        // Closed nominations refuse a late nominee by name.
        let closed = app
            .json(
                "POST",
                &format!("/api/v1/exchanges/{x}/status"),
                Auth::Bearer(&pk_token),
                r#"{"status":"closed"}"#,
            )
            .await;
        assert_eq!(closed.status, StatusCode::OK, "{label}: {}", closed.body);
        let late = app
            .json(
                "POST",
                &format!("/api/v1/exchanges/{x}/nominations"),
                Auth::Bearer(&pk_token),
                r#"{"name":"Late nominee"}"#,
            )
            .await;
        assert_eq!(late.status, StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        assert_eq!(late.json()["error"]["field"], "status", "{label}");
        assert!(late.body.contains("closed"), "{label}");
    }
}

#[tokio::test]
async fn the_business_page_shows_the_pipeline_and_refuses_one_sided_deals() {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        let cn = app.token("cn.secretariat").await;
        let page = app.get("/business", Auth::Bearer(&cn)).await;
        assert_eq!(page.status, StatusCode::OK, "{label}");
        for expected in [
            "Jiangsu Garment Group (illustrative)",
            "USD 25,000,000",
            "Land allotted (2024-02-01)",
            "Moving two garment lines",
        ] {
            assert!(
                page.body.contains(expected),
                "{label}: “{expected}” missing"
            );
        }
        assert!(
            app.get("/business", Auth::None)
                .await
                .body
                .contains("No company that you may see."),
            "{label}"
        );
        let company = app
            .get(
                &format!("/companies/{}", demo("company", "lahore-denim")),
                Auth::Bearer(&cn),
            )
            .await;
        assert!(company.body.contains("Joint garment line"), "{label}");
        let one_sided = app
            .json(
                "POST",
                "/api/v1/matchmakings",
                Auth::Bearer(&cn),
                &format!(
                    r#"{{"held_on":"2024-01-10","topic":"Fibre","company_ids":["{}","{}"]}}"#,
                    demo("company", "jiangsu-garment"),
                    demo("company", "zhejiang-fibre")
                ),
            )
            .await;
        assert_eq!(
            one_sided.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{label}"
        );
        assert_eq!(one_sided.json()["error"]["field"], "company_ids");
        let no_currency = app
            .json(
                "POST",
                "/api/v1/business-mous",
                Auth::Bearer(&cn),
                &format!(
                    r#"{{"title":"Fibre supply","signed_on":"2024-01-10","amount":"5,000,000","company_ids":["{}","{}"]}}"#,
                    demo("company", "lahore-denim"),
                    demo("company", "zhejiang-fibre")
                ),
            )
            .await;
        assert_eq!(
            no_currency.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{label}"
        );
        assert_eq!(no_currency.json()["error"]["field"], "currency");
    }
}
