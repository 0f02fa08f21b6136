//! Search over the demo world through the real router: Chinese, English and Urdu queries find the right
//! records; each side's internal notes and files stay with that side in results, facet counts and pages;
//! a record written a moment ago is found, and found no more by the other side once made internal; bad
//! parameters are named.

use crate::support::{Auth, TestApp};
use axum::http::StatusCode;
use corridor_core::ids::{MeetingId, StepId};
use corridor_store::testing::{each_backend, each_backend_demo};
use serde_json::{Value, json};

fn hits(reply: &Value) -> Vec<(String, String)> {
    reply["data"]["hits"]
        .as_array()
        .unwrap_or_else(|| panic!("no hits in {reply}"))
        .iter()
        .map(|h| {
            (
                h["entity"].as_str().unwrap().to_owned(),
                h["title"]["en"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn facet(reply: &Value, name: &str, value: &str) -> u64 {
    reply["data"]["facets"][name]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["value"] == value)
        .map_or(0, |f| f["count"].as_u64().unwrap())
}

async fn search(app: &TestApp, token: &str, query: &str) -> Value {
    let url = format!(
        "/api/v1/search?{}",
        serde_urlencoded::to_string([("q", query)]).unwrap()
    );
    let r = app.get(&url, Auth::Bearer(token)).await;
    assert_eq!(r.status, StatusCode::OK, "{query}: {}", r.body);
    r.json()
}

#[tokio::test]
#[expect(
    clippy::too_many_lines,
    reason = "one story: three languages, both sides, a new record, files, the page"
)]
async fn both_sides_search_the_demo_in_three_languages_and_never_see_each_others_notes() {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        let (pk, cn) = (
            app.token("pk.secretariat").await,
            app.token("cn.secretariat").await,
        );

        // 纺织 ("textile"): the study by its Chinese title, the framework agreement's clauses.
        let r = search(&app, &cn, "纺织").await;
        let found = hits(&r);
        assert!(
            found
                .iter()
                .any(|(e, t)| e == "study" && t.contains("textile")),
            "{label}: {found:?}"
        );
        assert!(
            found.iter().any(|(e, _)| e == "instrument_version"),
            "{label}: {found:?}"
        );
        assert!(
            r["data"]["hits"][0]["snippet"]
                .as_str()
                .unwrap()
                .contains("<b>纺织</b>"),
            "{label}: {r}"
        );

        // Rashakai, in English and by its Urdu name (typed with Arabic letter forms).
        let r = search(&app, &pk, "Rashakai").await;
        assert!(
            hits(&r)
                .iter()
                .any(|(e, t)| e == "project" && t == "Rashakai Special Economic Zone"),
            "{label}: {r}"
        );
        let r = search(&app, &cn, "رشكئي").await;
        assert_eq!(
            hits(&r).first().map(|h| h.1.as_str()),
            Some("Rashakai Special Economic Zone"),
            "{label}: {r}"
        );
        let r = search(&app, &cn, "مفاہمت یادداشت").await;
        assert!(
            hits(&r).iter().any(|(e, _)| e == "instrument"),
            "{label}: {r}"
        );

        // Each side's briefing note for the 5th meeting: its own side finds it, the other never, not even
        // in a facet's count.
        let own = search(&app, &pk, "\"Prime Minister's approval\" briefing").await;
        assert!(
            hits(&own).iter().any(|(e, _)| e == "briefing_note"),
            "{label}: {own}"
        );
        let other = search(&app, &cn, "\"Prime Minister's approval\" briefing").await;
        assert!(
            hits(&other).iter().all(|(e, _)| e != "briefing_note"),
            "{label}: {other}"
        );
        assert_eq!(facet(&other, "area", "meetings"), 0, "{label}: {other}");
        let cn_note = search(&app, &cn, "provincial commissions").await;
        assert!(
            hits(&cn_note).iter().any(|(e, _)| e == "briefing_note"),
            "{label}"
        );
        let pk_view = search(&app, &pk, "provincial commissions").await;
        assert!(
            hits(&pk_view).iter().all(|(e, _)| e != "briefing_note"),
            "{label}"
        );

        // A text file on an internal step: its words are found by its side only.
        let vetting = StepId::from_key("demo/step/fa-vetting").to_string();
        let made = app
            .raw(
                &format!(
                    "/api/v1/attachments?entity=instrument_step&id={vetting}&filename=memo.txt"
                ),
                Auth::Bearer(&pk),
                "text/plain",
                "Vetting memo: the law ministry raises no objection to the arbitration clause."
                    .as_bytes()
                    .to_vec(),
            )
            .await;
        assert_eq!(made.status, StatusCode::CREATED, "{label}: {}", made.body);
        let r = search(&app, &pk, "arbitration objection").await;
        assert!(
            hits(&r)
                .iter()
                .any(|(e, t)| e == "attachment" && t == "memo.txt"),
            "{label}: {r}"
        );
        assert_eq!(
            search(&app, &cn, "arbitration objection").await["data"]["total"],
            0,
            "{label}"
        );

        // An outcome written a moment ago is found at once; made internal, the other side loses it.
        let sixth = MeetingId::from_key("demo/meeting/jwg-6").to_string();
        let mut outcome = json!({"meeting_id": sixth, "kind": "action",
            "text": "Survey the zanzibarite <script>alert(1)</script> deposits", "visibility": "shared"});
        let made = app
            .json(
                "POST",
                "/api/v1/register",
                Auth::Bearer(&pk),
                &outcome.to_string(),
            )
            .await;
        assert_eq!(made.status, StatusCode::CREATED, "{label}: {}", made.body);
        let made = made.json();
        let id = made["data"]["id"].as_str().unwrap().to_owned();
        assert_eq!(
            search(&app, &cn, "zanzibarite").await["data"]["total"],
            1,
            "{label}"
        );
        let page = app.get("/search?q=zanzibarite", Auth::Bearer(&cn)).await;
        assert_eq!(page.status, StatusCode::OK, "{label}");
        assert!(
            page.body.contains("<b>zanzibarite</b>"),
            "{label}: {}",
            page.body
        );
        assert!(
            !page.body.contains("<script>alert(1)"),
            "{label}: the page must escape the text"
        );
        assert!(page.body.contains("&lt;script&gt;"), "{label}");
        outcome["version"] = made["data"]["version"].clone();
        outcome["visibility"] = "party".into();
        let changed = app
            .json(
                "PUT",
                &format!("/api/v1/register/{id}"),
                Auth::Bearer(&pk),
                &outcome.to_string(),
            )
            .await;
        assert_eq!(changed.status, StatusCode::OK, "{label}: {}", changed.body);
        assert_eq!(
            search(&app, &cn, "zanzibarite").await["data"]["total"],
            0,
            "{label}"
        );
        assert_eq!(
            search(&app, &pk, "zanzibarite").await["data"]["total"],
            1,
            "{label}"
        );

        // Facets narrow: the area and the year of the textile study.
        let r = app
            .get("/api/v1/search?q=textile&area=studies", Auth::Bearer(&cn))
            .await
            .json();
        assert!(
            hits(&r)
                .iter()
                .all(|(e, _)| e.starts_with("stud") || e == "recommendation"),
            "{label}: {r}"
        );
        assert!(facet(&r, "area", "studies") > 0, "{label}");
        // Parties and bodies are named in the facets, not shown by id.
        let parties: Vec<&str> = r["data"]["facets"]["party"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["label"].as_str().unwrap())
            .collect();
        assert!(parties.contains(&"Pakistan"), "{label}: {parties:?}");
        assert!(
            r["data"]["facets"]["body"]
                .as_array()
                .unwrap()
                .iter()
                .all(|f| f["label"] != f["value"]),
            "{label}: {r}"
        );

        // Visitors who are not signed in find public records only.
        let r = app
            .get("/api/v1/search?q=Rashakai", Auth::None)
            .await
            .json();
        assert!(!hits(&r).is_empty(), "{label}");
        let r = app
            .get("/api/v1/search?q=briefing", Auth::None)
            .await
            .json();
        assert!(
            hits(&r).iter().all(|(e, _)| e != "briefing_note"),
            "{label}: {r}"
        );
    }
}

#[tokio::test]
async fn bad_search_parameters_are_named_and_the_page_explains() {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        let token = app.token("pk.secretariat").await;
        for (query, field) in [
            ("q=zone&area=zones", "area"),
            ("q=zone&year=twenty", "year"),
            ("q=zone&page=0", "page"),
            (&format!("q={}", "x".repeat(201)) as &str, "q"),
        ] {
            let r = app
                .get(&format!("/api/v1/search?{query}"), Auth::Bearer(&token))
                .await;
            assert_eq!(
                r.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{label} {query}"
            );
            assert_eq!(r.json()["error"]["field"], field, "{label} {query}");
        }
        let r = app
            .get("/api/v1/search?q=zone&colour=red", Auth::Bearer(&token))
            .await;
        assert_eq!(
            (r.status, r.json()["error"]["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("colour")),
            "{label}: {}",
            r.body
        );
        let page = app
            .get("/search?q=zone&area=zones", Auth::Bearer(&token))
            .await;
        assert_eq!(page.status, StatusCode::OK, "{label}");
        assert!(
            page.body.contains("area: `zones` is not an area"),
            "{label}: {}",
            page.body
        );
        let empty = app.get("/search", Auth::Bearer(&token)).await;
        assert_eq!(empty.status, StatusCode::OK, "{label}");
        assert!(empty.body.contains("role=\"search\""), "{label}");
    }
}

#[tokio::test]
async fn an_index_of_another_database_is_rebuilt_not_trusted() {
    use corridor_core::Viewer;
    use corridor_core::search::Filters;
    use corridor_search::SearchIndex;
    use corridor_web::search::Indexer;
    use std::sync::Arc;
    for first in each_backend().await {
        let label = first.label;
        let second = corridor_store::testing::sqlite().await;
        for db in [&first, &second] {
            corridor_store::demo::load(&db.store).await.unwrap();
        }
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("search");
        let quiet = || Arc::new(|_: usize, _: usize| {});
        {
            let indexer = Arc::new(Indexer::new(SearchIndex::open(&folder).unwrap()));
            let built = indexer.catch_up(&first.store, None, quiet()).await.unwrap();
            assert!(built.rebuilt && built.records > 100, "{label}: {built:?}");
            let again = indexer.catch_up(&first.store, None, quiet()).await.unwrap();
            assert!(
                !again.rebuilt && again.current && again.records == 0,
                "{label}: {again:?}"
            );
        }
        // Reopened over the same database, it goes on from its place.
        {
            let indexer = Arc::new(Indexer::new(SearchIndex::open(&folder).unwrap()));
            let on = indexer.catch_up(&first.store, None, quiet()).await.unwrap();
            assert!(!on.rebuilt && on.current, "{label}: {on:?}");
        }
        // Reopened over another database (as after a restore), its place is not in that log: rebuilt.
        let indexer = Arc::new(Indexer::new(SearchIndex::open(&folder).unwrap()));
        let moved = indexer
            .catch_up(&second.store, None, quiet())
            .await
            .unwrap();
        assert!(moved.rebuilt, "{label}: {moved:?}");
        let r = indexer
            .search(
                &second.store,
                &Viewer::System,
                "Rashakai",
                &Filters::default(),
                0,
                5,
            )
            .await
            .unwrap();
        assert!(r.total > 0, "{label}");
    }
}
