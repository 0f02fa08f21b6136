//! The public news page. An item reaches the public only when one approver of each party has approved its
//! current version; an edit asks both again; either side withdraws it. Visitors read it without signing in, in
//! their language, and in a feed that validates against RFC 4287's schema. A shared record is never made
//! public by one side alone, and a news item never names the other side's internal records. The e-mail
//! sign-up is in `news_mail.rs`.

use crate::support::{Auth, TestApp, between};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use corridor_core::ids::{NewsItemId, OrganisationId};
use corridor_store::testing::each_backend_demo;

fn item(key: &str) -> String {
    NewsItemId::from_key(&format!("demo/news/{key}")).to_string()
}

const FIFTH: &str = "Fifth meeting of the working group held by video link";
const WORKSHOP: &str = "Workshop on the textile industry diagnostic study";

async fn get_in(app: &TestApp, path: &str, lang: &str) -> crate::support::Reply {
    app.send(
        Request::get(path)
            .header(header::ACCEPT_LANGUAGE, lang)
            .body(Body::empty())
            .unwrap(),
    )
    .await
}

fn atom_is_valid(xml: &str) -> Result<(), String> {
    let file = std::env::temp_dir().join(format!("corridor-news-{}.xml", uuid::Uuid::now_v7()));
    std::fs::write(&file, xml).unwrap();
    let schema = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../corridor-formats/tests/atom.rng"
    );
    let out = std::process::Command::new("xmllint")
        .args(["--noout", "--relaxng", schema])
        .arg(&file)
        .output()
        .expect("xmllint (Debian's libxml2-utils; .ci/run installs it)");
    let _ = std::fs::remove_file(&file);
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

#[tokio::test]
async fn visitors_read_only_what_both_parties_approved_in_their_language() {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        let page = app.get("/news", Auth::None).await;
        assert_eq!(page.status, StatusCode::OK, "{label}");
        assert!(page.body.contains(FIFTH), "{label}: the approved item");
        assert!(!page.body.contains(WORKSHOP), "{label}: a draft stays off");
        assert!(
            !page.body.contains("News desk"),
            "{label}: the desk is for officers"
        );
        let draft = app
            .get(&format!("/news/{}", item("textile-workshop")), Auth::None)
            .await;
        assert_eq!(draft.status, StatusCode::NOT_FOUND, "{label}");
        let one = app
            .get(&format!("/news/{}", item("jwg-5")), Auth::None)
            .await;
        assert_eq!(one.status, StatusCode::OK, "{label}");
        assert!(
            one.body
                .contains("China accepted the draft Framework Agreement"),
            "{label}"
        );
        assert!(
            one.body.contains("/meetings/"),
            "{label}: the 5th meeting is public, so a visitor follows the link to it"
        );
        assert!(
            !one.body.contains("approved by"),
            "{label}: who approved is internal"
        );

        let zh = get_in(&app, "/news", "zh-CN,zh;q=0.9").await;
        assert!(
            zh.body.contains("工作组第五次会议以视频方式举行"),
            "{label}"
        );
        assert!(zh.body.contains("<html lang=\"zh\""), "{label}");
        let ur = get_in(&app, &format!("/news/{}", item("jwg-5")), "ur").await;
        assert!(ur.body.contains("dir=\"rtl\""), "{label}");
        assert!(ur.body.contains("ورکنگ گروپ کا پانچواں اجلاس"), "{label}");
        assert!(
            ur.body.contains("دسمبر") || ur.body.contains("اشاعت"),
            "{label}"
        );
        assert!(
            ur.body.contains("id=\"v-en\""),
            "{label}: the English version one click away"
        );

        let feed = get_in(&app, "/news.atom", "zh").await;
        assert_eq!(feed.status, StatusCode::OK, "{label}");
        assert_eq!(
            feed.headers[header::CONTENT_TYPE],
            "application/atom+xml; charset=utf-8"
        );
        assert!(
            feed.body.contains("工作组第五次会议以视频方式举行"),
            "{label}"
        );
        assert!(
            !feed.body.contains("纺织产业诊断研究研讨会"),
            "{label}: no draft"
        );
        atom_is_valid(&feed.body).unwrap_or_else(|e| panic!("{label}: {e}\n{}", feed.body));
    }
}

async fn approve(app: &TestApp, who: &str, id: &str, version: i64) -> crate::support::Reply {
    let (cookie, csrf) = app.sign_in(who).await;
    app.form(
        &format!("/news/{id}/approve"),
        Auth::Cookie(&cookie),
        &[("csrf", &csrf), ("version", &version.to_string())],
    )
    .await
}

#[tokio::test]
#[expect(
    clippy::too_many_lines,
    reason = "one story: draft, approve, edit, approve again, publish, withdraw"
)]
async fn an_item_is_published_when_each_party_approves_its_current_version() {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        let store = app.db.store.clone();
        // The demo's Chinese draft waits for Pakistan.
        let workshop = item("textile-workshop");
        let (pk, pk_csrf) = app.sign_in("pk.secretariat").await;
        let desk = app.get("/news", Auth::Cookie(&pk)).await;
        assert!(
            desk.body.contains("News desk") && desk.body.contains(WORKSHOP),
            "{label}"
        );
        assert!(
            desk.body.contains("Still to approve: Pakistan"),
            "{label}: {}",
            desk.body
        );
        let page = app
            .get(&format!("/news/{workshop}"), Auth::Cookie(&pk))
            .await;
        assert!(page.body.contains("Approve for publication"), "{label}");
        let again = approve(&app, "cn.secretariat", &workshop, 1).await;
        assert_eq!(
            again.status,
            StatusCode::CONFLICT,
            "{label}: {}",
            again.body
        );
        assert!(again.body.contains("already approved"), "{label}");
        let observer = approve(&app, "pk.cochair", &workshop, 1).await;
        assert!(
            observer.status == StatusCode::FORBIDDEN,
            "{label}: a co-chair's account is not the secretariat: {}",
            observer.status
        );
        let unknown = approve(&app, "pk.secretariat", &NewsItemId::new().to_string(), 1).await;
        assert_eq!(unknown.status, StatusCode::NOT_FOUND, "{label}");
        let events = app.event_count().await;
        let ok = approve(&app, "pk.secretariat", &workshop, 1).await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER, "{label}: {}", ok.body);
        assert_eq!(
            app.event_count().await,
            events + 2,
            "{label}: approved, published"
        );
        let public = app.get("/news", Auth::None).await;
        assert!(public.body.contains(WORKSHOP), "{label}: now public");

        // A new item: approved by one side, edited, then both must approve the new version.
        let created = app
            .form(
                "/news",
                Auth::Cookie(&pk),
                &[
                    ("csrf", &pk_csrf),
                    ("title", "Rashakai zone opens to investors"),
                    ("summary", "The zone's first plots are offered."),
                ],
            )
            .await;
        assert_eq!(
            created.status,
            StatusCode::SEE_OTHER,
            "{label}: {}",
            created.body
        );
        let id = created.headers[header::LOCATION]
            .to_str()
            .unwrap()
            .trim_start_matches("/news/")
            .to_owned();
        assert_eq!(
            approve(&app, "pk.secretariat", &id, 1).await.status,
            StatusCode::SEE_OTHER
        );
        let edited = app
            .form(
                &format!("/news/{id}"),
                Auth::Cookie(&pk),
                &[
                    ("csrf", &pk_csrf),
                    ("version", "1"),
                    ("title", "Rashakai zone opens to investors"),
                    (
                        "summary",
                        "The zone's first plots are offered to investors of both countries.",
                    ),
                ],
            )
            .await;
        assert_eq!(
            edited.status,
            StatusCode::SEE_OTHER,
            "{label}: {}",
            edited.body
        );
        let stale = approve(&app, "cn.secretariat", &id, 1).await;
        assert_eq!(
            stale.status,
            StatusCode::CONFLICT,
            "{label}: approving what changed"
        );
        assert_eq!(
            approve(&app, "cn.secretariat", &id, 2).await.status,
            StatusCode::SEE_OTHER
        );
        let view = store
            .news_item(&corridor_core::Viewer::System, &id)
            .await
            .unwrap();
        assert_eq!(
            view.state,
            corridor_core::news::NewsState::Draft,
            "{label}: Pakistan's approval was of version 1"
        );
        assert_eq!(
            approve(&app, "pk.secretariat", &id, 2).await.status,
            StatusCode::SEE_OTHER
        );
        let view = store
            .news_item(&corridor_core::Viewer::Anonymous, &id)
            .await
            .unwrap();
        assert_eq!(
            view.state,
            corridor_core::news::NewsState::Published,
            "{label}"
        );
        let edit_published = app
            .form(
                &format!("/news/{id}"),
                Auth::Cookie(&pk),
                &[
                    ("csrf", &pk_csrf),
                    ("version", "2"),
                    ("title", "Changed"),
                    ("summary", "Changed."),
                ],
            )
            .await;
        assert_eq!(
            edit_published.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{label}"
        );
        assert!(
            edit_published.body.contains("withdraw it before changing"),
            "{label}"
        );

        // Either side withdraws; it leaves the public page, and both must approve again.
        let (cn, cn_csrf) = app.sign_in("cn.secretariat").await;
        let gone = app
            .form(
                &format!("/news/{id}/withdraw"),
                Auth::Cookie(&cn),
                &[("csrf", &cn_csrf)],
            )
            .await;
        assert_eq!(gone.status, StatusCode::SEE_OTHER, "{label}: {}", gone.body);
        assert_eq!(
            app.get(&format!("/news/{id}"), Auth::None).await.status,
            StatusCode::NOT_FOUND,
            "{label}"
        );
        // Withdrawal asks both sides again: China's approval of the new version alone does not publish it.
        let public = async || app.get(&format!("/news/{id}"), Auth::None).await.status;
        assert_eq!(
            approve(&app, "cn.secretariat", &id, 3).await.status,
            StatusCode::SEE_OTHER
        );
        assert_eq!(public().await, StatusCode::NOT_FOUND, "{label}");
        assert_eq!(
            approve(&app, "pk.secretariat", &id, 3).await.status,
            StatusCode::SEE_OTHER
        );
        assert_eq!(public().await, StatusCode::OK, "{label}: published anew");
        let forged = app
            .form(
                &format!("/news/{id}/withdraw"),
                Auth::Cookie(&cn),
                &[("csrf", "forged")],
            )
            .await;
        assert_eq!(forged.status, StatusCode::FORBIDDEN, "{label}");
    }
}

#[tokio::test]
async fn one_side_never_makes_a_shared_record_public() {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        // Pakistan's shared organisation cannot be made public by Pakistan alone.
        let pmu = OrganisationId::from_key("demo/organisation/pmu").to_string();
        let token = app.token("pk.admin").await;
        let current = app
            .get(
                &format!("/api/v1/organisations/{pmu}"),
                Auth::Bearer(&token),
            )
            .await
            .json()["data"]
            .clone();
        let body = serde_json::json!({
            "name": current["name"],
            "kind": current["kind"],
            "party_id": current["party"]["id"],
            "visibility": "public",
            "version": current["access"]["version"],
        });
        let events = app.event_count().await;
        let refused = app
            .json(
                "PUT",
                &format!("/api/v1/organisations/{pmu}"),
                Auth::Bearer(&token),
                &body.to_string(),
            )
            .await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{label}: {}",
            refused.body
        );
        assert!(
            refused.body.contains("visibility"),
            "{label}: {}",
            refused.body
        );
        assert!(
            refused.body.contains("news item"),
            "{label}: {}",
            refused.body
        );
        assert_eq!(app.event_count().await, events, "{label}: nothing written");
    }
}

#[tokio::test]
async fn a_news_item_never_names_the_other_side_s_internal_records() {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        let store = &app.db.store;
        // A Pakistani draft that points at Pakistan's internal legal wing: China and the public never see
        // the link or its name.
        let legal = OrganisationId::from_key("demo/organisation/boi-legal").to_string();
        let (pk, pk_csrf) = app.sign_in("pk.secretariat").await;
        let created = app
            .form(
                "/news",
                Auth::Cookie(&pk),
                &[
                    ("csrf", &pk_csrf),
                    ("title", "Legal review of the zone agreements"),
                    ("summary", "The review is finished."),
                    ("links", &format!("organisation:{legal}")),
                ],
            )
            .await;
        assert_eq!(
            created.status,
            StatusCode::SEE_OTHER,
            "{label}: {}",
            created.body
        );
        let id = between(
            created.headers[header::LOCATION].to_str().unwrap(),
            "/news/",
            '?',
        );
        let own = app.get(&format!("/news/{id}"), Auth::Cookie(&pk)).await;
        assert!(
            own.body.contains("BoI Legal Wing"),
            "{label}: Pakistan sees its own"
        );
        let (cn, _) = app.sign_in("cn.secretariat").await;
        let theirs = app.get(&format!("/news/{id}"), Auth::Cookie(&cn)).await;
        assert_eq!(
            theirs.status,
            StatusCode::OK,
            "{label}: a draft is shared for approval"
        );
        assert!(
            !theirs.body.contains("BoI Legal Wing"),
            "{label}: {}",
            theirs.body
        );
        assert!(!theirs.body.contains(&legal), "{label}: not even the id");
        let api = store
            .news_item(
                &app.db
                    .store
                    .actor_of("cn.secretariat")
                    .await
                    .unwrap()
                    .viewer(),
                &id,
            )
            .await
            .unwrap();
        assert!(api.links.is_empty(), "{label}");
    }
}
