//! Accession over HTTP: a third party signs in, asks to join the Framework Agreement from its page, Pakistan
//! consents through the page and China through the API, and the new party reads the shared story without
//! either side's own track.

use crate::support::{Auth, TestApp};
use axum::http::StatusCode;
use corridor_core::Actor;
use corridor_core::directory::{NewParty, NewPerson, NewUser, PartyInput, PersonInput, UserInput};
use corridor_core::ids::{InstrumentId, PartyId, PersonId, UserId};
use corridor_store::testing::each_backend_demo;

/// A third party with one secretariat account, `tl.secretariat`, signing in with the demo password.
async fn thirdland(app: &TestApp) -> PartyId {
    let store = &app.db.store;
    let party = PartyId::new();
    let new = NewParty::try_from(&PartyInput {
        code: Some("TL".into()),
        name: Some("Republic of Thirdland".into()),
        short_name: Some("Thirdland".into()),
        standing: Some("third_party".into()),
        ..Default::default()
    })
    .unwrap();
    store
        .create_party(&Actor::System, party, &new)
        .await
        .unwrap();
    let person = PersonId::new();
    let new = NewPerson::try_from(&PersonInput {
        full_name: Some("Thirdland desk officer".into()),
        party_id: Some(party.to_string()),
        visibility: Some("party".into()),
        ..Default::default()
    })
    .unwrap();
    store
        .create_person(&Actor::System, person, &new)
        .await
        .unwrap();
    let new = NewUser::try_from(&UserInput {
        username: Some("tl.secretariat".into()),
        person_id: Some(person.to_string()),
        role: Some("secretariat".into()),
        password: Some("corridor-demo".into()),
        ..Default::default()
    })
    .unwrap();
    store
        .create_user(&Actor::System, UserId::new(), &new)
        .await
        .unwrap();
    party
}

#[tokio::test]
#[expect(
    clippy::too_many_lines,
    reason = "one story: the request, each side's decision, and what the new party reads"
)]
async fn a_third_party_asks_from_the_page_and_joins_when_both_sides_consent() {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        let tl_party = thirdland(&app).await;
        let fa = InstrumentId::from_key("demo/instrument/fa").to_string();
        let (tl, tl_csrf) = app.sign_in("tl.secretariat").await;
        let (pk, pk_csrf) = app.sign_in("pk.secretariat").await;
        let cn = app.token("cn.secretariat").await;

        let page = app
            .get(&format!("/instruments/{fa}"), Auth::Cookie(&tl))
            .await;
        assert_eq!(page.status, StatusCode::OK, "{label}");
        assert!(page.body.contains("Request to join for"), "{label}");
        assert!(
            !page.body.contains("Law and Justice Division"),
            "{label}: the third party saw Pakistan's legal vetting"
        );
        let missing = app
            .form(
                &format!("/instruments/{fa}/accessions"),
                Auth::Cookie(&tl),
                &[("csrf", &tl_csrf), ("party_id", &tl_party.to_string())],
            )
            .await;
        assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        assert!(missing.body.contains("requested_on"), "{label}");
        let sent = app
            .form(
                &format!("/instruments/{fa}/accessions"),
                Auth::Cookie(&tl),
                &[
                    ("csrf", &tl_csrf),
                    ("party_id", &tl_party.to_string()),
                    ("requested_on", "2023-03-01"),
                    (
                        "note",
                        "Note verbale of the Embassy of Thirdland <script>x</script>",
                    ),
                ],
            )
            .await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "{label}: {}", sent.body);

        // Pakistan sees the request and consents from the page.
        let pk_page = app
            .get(&format!("/instruments/{fa}"), Auth::Cookie(&pk))
            .await
            .body;
        assert!(pk_page.contains("Thirdland asks to join"), "{label}");
        assert!(pk_page.contains("waiting for Pakistan, China"), "{label}");
        assert!(
            pk_page.contains("&#60;script&#62;x") && !pk_page.contains("<script>x"),
            "{label}: the note is escaped"
        );
        let list = app
            .get(
                &format!("/api/v1/instruments/{fa}/accessions"),
                Auth::Bearer(&cn),
            )
            .await
            .json();
        let acc = list["data"][0]["id"].as_str().unwrap().to_owned();
        let consent = app
            .form(
                &format!("/instruments/{fa}/accessions/{acc}/decisions"),
                Auth::Cookie(&pk),
                &[
                    ("csrf", &pk_csrf),
                    ("decision", "consent"),
                    ("decided_on", "2023-04-10"),
                ],
            )
            .await;
        assert_eq!(
            consent.status,
            StatusCode::SEE_OTHER,
            "{label}: {}",
            consent.body
        );

        // The third party cannot decide on its own request; China's consent completes it.
        let own = app
            .json(
                "POST",
                &format!("/api/v1/accessions/{acc}/decisions"),
                Auth::Cookie(&tl),
                r#"{"decision":"consent","decided_on":"2023-04-11"}"#,
            )
            .await;
        assert_ne!(own.status, StatusCode::CREATED, "{label}");
        let before = app.event_count().await;
        let bad = app
            .json(
                "POST",
                &format!("/api/v1/accessions/{acc}/decisions"),
                Auth::Bearer(&cn),
                r#"{"decision":"objection","decided_on":"2023-05-02"}"#,
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{label}");
        assert_eq!(
            bad.json()["error"]["field"],
            "note",
            "{label}: {}",
            bad.body
        );
        assert_eq!(app.event_count().await, before, "{label}");
        let done = app
            .json(
                "POST",
                &format!("/api/v1/accessions/{acc}/decisions"),
                Auth::Bearer(&cn),
                r#"{"decision":"consent","decided_on":"2023-05-02","note":"Welcomed by the working group."}"#,
            )
            .await;
        assert_eq!(done.status, StatusCode::CREATED, "{label}: {}", done.body);
        assert_eq!(done.json()["data"]["status"], "accepted", "{label}");

        // Thirdland is a party: its row in the table, the accession step, and still no domestic track of others.
        let tl_page = app
            .get(&format!("/instruments/{fa}"), Auth::Cookie(&tl))
            .await
            .body;
        assert!(tl_page.contains("<td>Thirdland</td>"), "{label}");
        assert!(tl_page.contains("Accepted on 2023-05-02"), "{label}");
        assert!(!tl_page.contains("Law and Justice Division"), "{label}");
        assert!(
            !tl_page.contains("Internal approval of the text for signature"),
            "{label}: Thirdland saw China's own step"
        );
        let steps = app
            .get(
                &format!("/api/v1/instruments/{fa}/steps"),
                Auth::Cookie(&tl),
            )
            .await
            .json();
        let kinds: Vec<&str> = steps["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["kind"].as_str().unwrap())
            .collect();
        assert!(kinds.contains(&"accession"), "{label}: {kinds:?}");
        assert!(!kinds.contains(&"legal_vetting"), "{label}: {kinds:?}");
        let doc = app.get("/api/v1/openapi.json", Auth::None).await.body;
        assert!(doc.contains("/api/v1/accessions/{id}/decisions"), "{label}");
    }
}
