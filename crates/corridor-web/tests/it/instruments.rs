//! Instruments over HTTP: the demo's Framework Agreement read from MoU to signature on one page by each side,
//! the redline between Pakistan's draft and the agreed text in English and Chinese, and refusals by name.

use crate::support::{Auth, TestApp};
use axum::http::StatusCode;
use corridor_core::ids::{InstrumentId, InstrumentVersionId};
use corridor_store::testing::each_backend_demo;
use serde_json::json;

#[tokio::test]
#[expect(
    clippy::too_many_lines,
    reason = "one story: both sides read the agreement, then every refusal"
)]
async fn each_side_reads_the_agreements_story_and_the_redline() {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        let fa = InstrumentId::from_key("demo/instrument/fa").to_string();
        let mou = InstrumentId::from_key("demo/instrument/mou").to_string();
        let draft = InstrumentVersionId::from_key("demo/version/fa-draft").to_string();
        let agreed = InstrumentVersionId::from_key("demo/version/fa-agreed").to_string();
        let (cn, pk) = (
            app.token("cn.secretariat").await,
            app.token("pk.secretariat").await,
        );

        let page = app
            .get(&format!("/instruments/{fa}"), Auth::Bearer(&cn))
            .await;
        assert_eq!(page.status, StatusCode::OK, "{label}");
        for expected in [
            "Framework Agreement on Industrial Cooperation",
            "产业合作框架协议",
            "elevates Memorandum of Understanding on Industrial Cooperation",
            "What is blocking:</strong> Consent to be bound: owed by Pakistan and China.",
            "<td>2022-02-04</td>",
            "<svg class=\"timeline\"",
            "Accepted as the basis for negotiation",
            "The Prime Minister approved the draft",
            "Signed at the 8th meeting of the Joint Cooperation Committee",
            "<td>Memorandum of Understanding on Industrial Cooperation</td>",
        ] {
            assert!(
                page.body.contains(expected),
                "{label}: “{expected}” missing for China"
            );
        }
        assert!(
            !page.body.contains("Law and Justice Division"),
            "{label}: China saw Pakistan's legal vetting"
        );
        assert!(!page.body.contains("<td>Legal vetting</td>"), "{label}");
        assert!(
            !page
                .body
                .contains("provinces and other stakeholders consulted"),
            "{label}"
        );
        let pk_page = app
            .get(&format!("/instruments/{fa}"), Auth::Bearer(&pk))
            .await
            .body;
        assert!(
            pk_page.contains("<td>Legal vetting</td>")
                && pk_page.contains("Law and Justice Division"),
            "{label}"
        );
        assert!(
            !pk_page.contains("Internal approval of the text for signature"),
            "{label}: Pakistan saw China's own step"
        );

        let zh = app
            .get(
                &format!("/instruments/compare?from={draft}&to={agreed}&language=zh"),
                Auth::Bearer(&cn),
            )
            .await;
        assert_eq!(zh.status, StatusCode::OK, "{label}");
        assert!(zh.body.contains("<ins>，本着互利原则</ins>"), "{label}");
        assert!(
            zh.body.contains("moved, was 第五条"),
            "{label}: Chinese numbering in the Chinese redline"
        );
        assert!(
            zh.body
                .contains("1 clause(s) added, 0 removed, 2 changed, 2 moved or renumbered"),
            "{label}"
        );
        let en = app
            .get(
                &format!("/instruments/compare?from={draft}&to={agreed}&language=en"),
                Auth::None,
            )
            .await
            .body;
        assert!(
            en.contains("moved, was Article 5"),
            "{label}: the renumbered third-party clause"
        );
        assert!(
            en.contains("<ins> on the basis of mutual benefit</ins>"),
            "{label}: {en}"
        );
        let version = app
            .get(&format!("/instrument-versions/{agreed}"), Auth::None)
            .await
            .body;
        assert!(
            version.contains("本协议对第三方参与开放")
                && version.contains("open to the participation of third parties"),
            "{label}"
        );

        let listed = app
            .get("/api/v1/instruments?kind=mou", Auth::None)
            .await
            .json();
        let ids: Vec<&str> = listed["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, vec![mou.as_str()], "{label}");
        let first = app
            .get("/api/v1/instruments?stage=signed&limit=1", Auth::None)
            .await
            .json();
        assert_eq!(first["data"].as_array().unwrap().len(), 1, "{label}");
        let next = first["next"]
            .as_str()
            .expect("a second signed instrument follows")
            .to_owned();
        let second = app
            .get(
                &format!("/api/v1/instruments?stage=signed&limit=1&after={next}"),
                Auth::None,
            )
            .await
            .json();
        assert_eq!(second["data"].as_array().unwrap().len(), 1, "{label}");
        assert_ne!(first["data"][0]["id"], second["data"][0]["id"], "{label}");
        let none = app
            .get("/api/v1/instruments?stage=in_force", Auth::None)
            .await
            .json();
        assert!(none["data"].as_array().unwrap().is_empty(), "{label}");
        let bad_stage = app
            .get("/api/v1/instruments?stage=ratified", Auth::None)
            .await;
        assert_eq!(
            bad_stage.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{label}"
        );
        let mou_text = InstrumentVersionId::from_key("demo/version/mou-text").to_string();
        let across = app
            .get(
                &format!("/api/v1/instrument-versions/compare?from={mou_text}&to={agreed}"),
                Auth::None,
            )
            .await;
        assert_eq!(across.status, StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        assert_eq!(across.json()["error"]["field"], "to", "{label}");

        let steps = format!("/api/v1/instruments/{fa}/steps");
        let eif = json!({"kind": "entry_into_force", "acted_on": "2022-03-01"}).to_string();
        let before = app.event_count().await;
        let refused = app.json("POST", &steps, Auth::Bearer(&pk), &eif).await;
        assert_eq!(
            refused.status,
            StatusCode::CONFLICT,
            "{label}: {}",
            refused.body
        );
        assert!(refused.body.contains("every party's consent"), "{label}");
        let bad = app
            .json(
                "POST",
                &steps,
                Auth::Bearer(&pk),
                r#"{"kind":"ratified","acted_on":"2022-03-01"}"#,
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        assert_eq!(bad.json()["error"]["field"], "kind", "{label}");
        assert_eq!(
            app.event_count().await,
            before,
            "{label}: a refusal wrote something"
        );

        let text = json!({"label": "Broken", "dated_on": "2026-11-01", "text_en": "[a1] Article 1\nx\n[a1] again"});
        let broken = app
            .json(
                "POST",
                &format!("/api/v1/instruments/{fa}/versions"),
                Auth::Bearer(&pk),
                &text.to_string(),
            )
            .await;
        assert_eq!(broken.status, StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        assert!(
            broken.body.contains("line 3: [a1] appears twice"),
            "{label}: {}",
            broken.body
        );

        let consent = json!({"kind": "consent", "party_id": corridor_core::ids::PartyId::from_key("demo/party/cn").to_string(), "consent_type": "approval", "acted_on": "2022-03-10"});
        let made = app
            .json("POST", &steps, Auth::Bearer(&cn), &consent.to_string())
            .await;
        assert_eq!(made.status, StatusCode::CREATED, "{label}: {}", made.body);
        let status = app
            .get(
                &format!("/api/v1/instruments/{fa}/status"),
                Auth::Bearer(&pk),
            )
            .await
            .json();
        assert_eq!(
            status["data"]["parties"][1]["consent_type"], "approval",
            "{label}"
        );
        assert_eq!(
            status["data"]["owed_by"].as_array().unwrap().len(),
            1,
            "{label}: only Pakistan's consent is missing"
        );
    }
}

#[tokio::test]
async fn the_provinces_comments_stand_beside_their_clauses_for_pakistan_only() {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        let fa = InstrumentId::from_key("demo/instrument/fa").to_string();
        let (cn, pk) = (
            app.token("cn.secretariat").await,
            app.token("pk.secretariat").await,
        );
        let page = app
            .get(&format!("/instruments/{fa}"), Auth::Bearer(&pk))
            .await
            .body;
        for expected in [
            "Everyone consulted has answered.",
            "Article 4 [a4]",
            "Diagnosis should be done jointly",
            "taken up: Article 4 now provides for joint diagnosis",
            "not taken up: Zones are followed in the portfolio",
            "2020-10-08, late",
        ] {
            assert!(
                page.contains(expected),
                "{label}: “{expected}” missing for Pakistan"
            );
        }
        let cn_page = app
            .get(&format!("/instruments/{fa}"), Auth::Bearer(&cn))
            .await
            .body;
        assert!(
            !cn_page.contains("Punjab has most of its firms"),
            "{label}: China saw a province's comment"
        );
        let listed = app
            .get(
                &format!("/api/v1/instruments/{fa}/consultations"),
                Auth::Bearer(&cn),
            )
            .await
            .json();
        assert_eq!(listed["data"].as_array().unwrap().len(), 0, "{label}");
        let consultation = app
            .get(
                &format!("/api/v1/instruments/{fa}/consultations"),
                Auth::Bearer(&pk),
            )
            .await
            .json();
        let cid = consultation["data"][0]["id"].as_str().unwrap().to_owned();
        let planning =
            corridor_core::ids::OrganisationId::from_key("demo/organisation/planning").to_string();
        let answer = json!({"organisation_id": planning, "position": "no_objection", "responded_on": "2020-10-01"});
        let refused = app
            .json(
                "POST",
                &format!("/api/v1/consultations/{cid}/responses"),
                Auth::Bearer(&pk),
                &answer.to_string(),
            )
            .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        assert_eq!(
            refused.json()["error"]["field"],
            "organisation_id",
            "{label}"
        );
        let hidden = app
            .json(
                "POST",
                &format!("/api/v1/consultations/{cid}/responses"),
                Auth::Bearer(&cn),
                &answer.to_string(),
            )
            .await;
        assert_eq!(
            hidden.status,
            StatusCode::NOT_FOUND,
            "{label}: China cannot reach Pakistan's consultation"
        );
    }
}

#[tokio::test]
async fn a_planned_step_names_who_will_act_and_stays_with_its_side() {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        let fa = InstrumentId::from_key("demo/instrument/fa").to_string();
        let (cn, pk) = (
            app.token("cn.secretariat").await,
            app.token("pk.secretariat").await,
        );
        // A planned step through the page's form, naming who will act.
        let (cookie, csrf) = app.sign_in("pk.secretariat").await;
        let khashih = corridor_core::ids::PersonId::from_key("demo/person/khashih").to_string();
        let boi = corridor_core::ids::OrganisationId::from_key("demo/organisation/boi").to_string();
        let pk_party = corridor_core::ids::PartyId::from_key("demo/party/pk").to_string();
        let sent = app
            .form(
                &format!("/instruments/{fa}/steps"),
                Auth::Cookie(&cookie),
                &[
                    ("csrf", &csrf),
                    ("kind", "ratification"),
                    ("party_id", &pk_party),
                    ("status", "planned"),
                    ("acted_on", ""),
                    ("effective_on", ""),
                    ("organisation_id", &boi),
                    ("person_id", &khashih),
                    ("consent_type", ""),
                    ("note", "Cabinet to ratify after the provinces are briefed."),
                    ("visibility", ""),
                ],
            )
            .await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "{label}: {}", sent.body);
        let page = app
            .get(&format!("/instruments/{fa}"), Auth::Bearer(&pk))
            .await
            .body;
        assert!(
            page.contains("Board of Investment, Khashih-ur-Rehman"),
            "{label}"
        );
        assert!(
            page.contains("Cabinet to ratify after the provinces are briefed."),
            "{label}"
        );
        let cn_page = app
            .get(&format!("/instruments/{fa}"), Auth::Bearer(&cn))
            .await
            .body;
        assert!(
            !cn_page.contains("Cabinet to ratify"),
            "{label}: China saw Pakistan's planned ratification"
        );
    }
}
