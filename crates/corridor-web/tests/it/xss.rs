//! Script payloads typed into the text fields of every kind of record the API writes are shown as text on every
//! page a crawler reaches from the menus, and in the documents and feeds those pages link to.

use crate::support::{Auth, TestApp, demo_id};
use axum::http::StatusCode;
use corridor_store::testing::each_backend_demo;
use serde_json::{Value, json};
use std::collections::{BTreeSet, VecDeque};

/// Payloads for text, for attributes and for the end of a text area, numbered so a leak names its field.
fn payload(n: usize) -> String {
    match n % 4 {
        0 => format!("<script>alert('xss{n}')</script>"),
        1 => format!("\"><img src=x onerror=alert('xss{n}')>"),
        2 => format!("'><svg/onload=alert('xss{n}')>"),
        _ => format!("</textarea><script>alert('xss{n}')</script>"),
    }
}

/// What a payload looks like when it reaches a page unescaped.
const RAW: [&str; 4] = [
    "<script>alert(",
    "<img src=x onerror",
    "<svg/onload",
    "</textarea><script>",
];

/// Sends a write, checks it succeeded, and returns the id of the record it made or changed.
async fn write(app: &TestApp, token: &str, method: &str, path: &str, body: &Value) -> String {
    let r = app
        .json(method, path, Auth::Bearer(token), &body.to_string())
        .await;
    assert!(r.status.is_success(), "{method} {path}: {}", r.body);
    r.json()["data"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// Links within the site from a page's HTML.
fn links(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|h| h.starts_with('/') && !h.starts_with("//"))
        .map(|h| h.replace("&amp;", "&").replace("&#38;", "&"))
        .map(|h| h.split('#').next().unwrap_or_default().to_owned())
        .collect()
}

#[tokio::test]
async fn script_in_every_text_field_is_shown_as_text_on_every_page() {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        let meeting = write_records(&app, label).await;
        let (cookie, _) = app.sign_in("pk.admin").await;
        let (pages, shown) = crawl(&app, &cookie, &meeting, label).await;
        println!("{label}: {pages} pages and documents crawled, payload text shown {shown} times");
        assert!(pages > 150, "{label}: the crawl reached only {pages} pages");
        assert!(
            shown > 50,
            "{label}: the payloads were not shown as text ({shown})"
        );
    }
}

/// Records of ten kinds written through the API with a payload in each text field; the meeting's id, whose
/// minutes are circulated so its Record of Discussions exists.
async fn write_records(app: &TestApp, label: &str) -> String {
    let pk = app.token("pk.admin").await;
    let (party, cn) = (demo_id("party", "pk"), demo_id("party", "cn"));
    let body = corridor_core::ids::BodyId::from_key("demo/body/jwg-ic").to_string();
    let mut n = 0;
    let mut p = || {
        n += 1;
        payload(n)
    };
    let post = async |path: &str, body: Value| write(app, &pk, "POST", path, &body).await;
    post(
        "/api/v1/organisations",
        json!({"name": p(), "short_name": p(), "kind": "company", "party_id": party}),
    )
    .await;
    post("/api/v1/people", json!({"full_name": p(), "native_name": p(), "title": p(), "party_id": party, "visibility": "shared"})).await;
    post(
        "/api/v1/projects",
        json!({"kind": "industrial_park", "name": p(), "name_zh": p(), "name_ur": p(),
        "developer": p(), "stalled_reason": p(), "visibility": "shared"}),
    )
    .await;
    post(
        "/api/v1/studies",
        json!({"sector": "engineering", "title": p(), "body_id": body}),
    )
    .await;
    post("/api/v1/exchanges", json!({"kind": "delegation_visit", "title": p(), "title_zh": p(), "purpose": p(),
        "sending_party_id": party, "host_party_id": cn, "starts_on": "2027-04-01", "ends_on": "2027-04-05"})).await;
    let meeting = post(
        "/api/v1/meetings",
        json!({"body_id": body, "number": 41, "title": p(), "modality": "in_person",
        "venue": p(), "city": p(), "time_zone": "Asia/Karachi", "starts_at": "2027-02-10T10:00",
        "ends_at": "2027-02-10T12:00", "host_party_id": party}),
    )
    .await;
    let item = post(
        "/api/v1/agenda-items",
        json!({"meeting_id": meeting, "title": p(), "title_zh": p(), "title_ur": p()}),
    )
    .await;
    post(
        "/api/v1/register",
        json!({"meeting_id": meeting, "agenda_item_id": item, "kind": "decision",
        "text": p(), "text_zh": p(), "text_ur": p()}),
    )
    .await;
    post(
        "/api/v1/briefing-notes",
        json!({"agenda_item_id": item, "text": p()}),
    )
    .await;
    for action in ["convene", "open", "conclude"] {
        post(
            &format!("/api/v1/meetings/{meeting}/state"),
            json!({"action": action}),
        )
        .await;
    }
    let minutes = json!({"text": p(), "text_zh": p(), "text_ur": p()});
    write(
        app,
        &pk,
        "PUT",
        &format!("/api/v1/agenda-items/{item}/minutes"),
        &minutes,
    )
    .await;
    post(
        &format!("/api/v1/meetings/{meeting}/minutes/circulate"),
        json!({}),
    )
    .await;
    let bad_link = app.json("POST", "/api/v1/organisations", Auth::Bearer(&pk),
        &json!({"name": "Linked works", "kind": "company", "party_id": party, "website": "javascript:alert('xss')"}).to_string()).await;
    assert_eq!(
        bad_link.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{label}: a javascript: link was taken"
    );
    meeting
}

/// Crawls the site from the menus as Pakistan's administrator, checking each page, document and feed; returns
/// how many were read and how often the payloads' text was shown.
async fn crawl(app: &TestApp, cookie: &str, meeting: &str, label: &str) -> (usize, usize) {
    let mut queue: VecDeque<String> = [
        "/",
        "/meetings",
        "/register",
        "/instruments",
        "/projects",
        "/studies",
        "/exchanges",
        "/business",
        "/impact",
        "/parties",
        "/organisations",
        "/people",
        "/events",
        "/inbox",
        "/alerts",
        "/account",
        "/users",
        "/admin/deliveries",
        "/search?q=xss",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    queue.push_back(format!("/meetings/{meeting}"));
    let mut seen: BTreeSet<String> = queue.iter().cloned().collect();
    let (mut pages, mut shown) = (0, 0);
    while let Some(path) = queue.pop_front() {
        let r = app.get(&path, Auth::Cookie(cookie)).await;
        let kind = r
            .headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        pages += 1;
        // Calendars, spreadsheets and JSON carry the text as it was typed; what keeps a browser from running
        // it is their type, which it must not second-guess.
        if !(kind.starts_with("text/html") || kind.contains("+xml") || kind.contains("/xml")) {
            assert_eq!(
                r.headers
                    .get("x-content-type-options")
                    .map(|v| v.to_str().unwrap()),
                Some("nosniff"),
                "{label}: {path} ({kind}) may be sniffed as HTML"
            );
            continue;
        }
        for raw in RAW {
            assert!(
                !r.body.contains(raw),
                "{label}: {path} shows “{raw}” unescaped"
            );
        }
        assert!(
            !r.body.contains("href=\"javascript:"),
            "{label}: {path} links to javascript:"
        );
        shown += r.body.matches("xss").count();
        if kind.starts_with("text/html") {
            for link in links(&r.body) {
                // Not followed: signing out, and each page's JSON twin (JSON is not interpreted as markup).
                if link == "/logout" || link.starts_with("/api/") || seen.len() >= 800 {
                    continue;
                }
                if seen.insert(link.clone()) {
                    queue.push_back(link);
                }
            }
        }
    }
    (pages, shown)
}
