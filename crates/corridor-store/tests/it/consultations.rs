//! Consultations: Pakistan's provinces on its draft Framework Agreement, each comment beside its clause and
//! marked taken up or not; kept from China; and every refusal the issue names.

use corridor_core::ids::{ConsultationId, OrganisationId, ResponseId};
use corridor_core::instrument::consultation::{NewResponse, ResponseInput};
use corridor_store::StoreError;
use corridor_store::testing::each_backend_demo;

fn org(k: &str) -> String {
    OrganisationId::from_key(&format!("demo/organisation/{k}")).to_string()
}

fn field(r: Result<impl std::fmt::Debug, StoreError>) -> String {
    match r {
        Err(StoreError::Invalid(e)) => e.0[0].field.clone(),
        Err(StoreError::Conflict { field, .. }) => field.unwrap_or_default(),
        other => panic!("expected a refusal naming a field, got {other:?}"),
    }
}

#[tokio::test]
#[expect(
    clippy::too_many_lines,
    reason = "one story: the demo consultation, its refusals, a second one"
)]
async fn provinces_answer_clause_by_clause_and_the_consultation_stays_with_pakistan() {
    for db in each_backend_demo().await {
        let (s, label) = (&db.store, db.label);
        let pk = s.actor_of("pk.secretariat").await.unwrap();
        let cn = s.actor_of("cn.secretariat").await.unwrap();
        let fa = corridor_core::ids::InstrumentId::from_key("demo/instrument/fa").to_string();
        let list = s.consultations(&pk.viewer(), &fa).await.unwrap();
        assert_eq!(list.len(), 1, "{label}");
        let c = &list[0];
        assert!(
            c.not_answered.is_empty(),
            "{label}: all four provinces answered"
        );
        let late: Vec<_> = c
            .responses
            .iter()
            .filter(|r| r.late)
            .map(|r| r.organisation.name.clone().unwrap_or_default())
            .collect();
        assert_eq!(
            late.len(),
            1,
            "{label}: Balochistan answered after the deadline: {late:?}"
        );
        let sindh = c.responses.iter().find(|r| r.comments.len() == 2).unwrap();
        assert_eq!(sindh.comments[1].clause_key, "a4", "{label}");
        assert_eq!(sindh.comments[1].taken_up, Some(true), "{label}");
        assert!(
            s.consultations(&cn.viewer(), &fa).await.unwrap().is_empty(),
            "{label}: China saw the provinces' answers"
        );

        let answer = |who: &str, comments: &str| ResponseInput {
            consultation_id: Some(c.id.clone()),
            organisation_id: Some(org(who)),
            position: Some(
                if comments.is_empty() {
                    "no_objection"
                } else {
                    "comments"
                }
                .into(),
            ),
            responded_on: Some("2020-10-01".into()),
            comments: Some(comments.into()),
        };
        let pk_ref = &pk;
        let record = |input: ResponseInput| async move {
            s.record_response(
                pk_ref,
                ResponseId::new(),
                &NewResponse::try_from(&input).unwrap(),
            )
            .await
        };
        assert_eq!(
            field(record(answer("planning", "")).await),
            "organisation_id",
            "{label}: not consulted"
        );
        assert_eq!(
            field(record(answer("punjab", "")).await),
            "organisation_id",
            "{label}: answered twice"
        );
        let events = s.verify().await.unwrap().events;
        let cn_try = s
            .record_response(
                &cn,
                ResponseId::new(),
                &NewResponse::try_from(&answer("punjab", "")).unwrap(),
            )
            .await;
        assert!(
            matches!(cn_try, Err(StoreError::NotFound { .. })),
            "{label}: {cn_try:?}"
        );
        let response = sindh.id.clone();
        assert_eq!(
            field(s.take_up_comment(&pk, &response, 0, false, None).await),
            "reason",
            "{label}"
        );
        assert_eq!(
            field(s.take_up_comment(&pk, &response, 7, true, None).await),
            "index",
            "{label}"
        );
        assert_eq!(
            s.verify().await.unwrap().events,
            events,
            "{label}: a refusal wrote something"
        );

        // A second consultation on the agreed text: an unknown clause is refused, a late answer is marked.
        let agreed =
            corridor_core::ids::InstrumentVersionId::from_key("demo/version/fa-agreed").to_string();
        let input = corridor_core::instrument::consultation::ConsultationInput {
            version_id: Some(agreed),
            title: Some("Ministries on the agreed text".into()),
            deadline: Some("2022-01-25".into()),
            organisation_ids: vec![org("moip"), org("planning")],
            ..Default::default()
        };
        let new =
            corridor_core::instrument::consultation::NewConsultation::try_from(&input).unwrap();
        let second = s
            .open_consultation(&pk, ConsultationId::new(), &new)
            .await
            .unwrap();
        assert_eq!(second.not_answered.len(), 2, "{label}");
        let mut bad = answer("moip", "[a99] No such clause.");
        bad.consultation_id = Some(second.id.clone());
        assert_eq!(field(record(bad).await), "comments", "{label}");
        let mut late = answer("moip", "[a7] Visits should include SME clusters.");
        late.consultation_id = Some(second.id.clone());
        late.responded_on = Some("2022-01-30".into());
        let after = record(late).await.unwrap();
        assert!(after.responses[0].late, "{label}");
        assert_eq!(
            after.not_answered.len(),
            1,
            "{label}: planning has not answered"
        );
        assert!(s.verify().await.unwrap().problems.is_empty(), "{label}");
    }
}

#[tokio::test]
async fn a_restricted_consultation_passes_its_people_to_each_answer() {
    for db in each_backend_demo().await {
        let (s, label) = (&db.store, db.label);
        let pk = s.actor_of("pk.secretariat").await.unwrap();
        let admin = s.actor_of("pk.admin").await.unwrap();
        let cochair = s.actor_of("pk.cochair").await.unwrap();
        let named = admin.user().unwrap().person_id.to_string();
        let input = corridor_core::instrument::consultation::ConsultationInput {
            version_id: Some(
                corridor_core::ids::InstrumentVersionId::from_key("demo/version/fa-agreed")
                    .to_string(),
            ),
            title: Some("Legal advisers only".into()),
            deadline: Some("2022-01-25".into()),
            organisation_ids: vec![org("boi-legal")],
            visibility: Some("restricted".into()),
            restricted_to: vec![named.clone()],
        };
        let new =
            corridor_core::instrument::consultation::NewConsultation::try_from(&input).unwrap();
        let c = s
            .open_consultation(&pk, ConsultationId::new(), &new)
            .await
            .unwrap();
        let answer = ResponseInput {
            consultation_id: Some(c.id.clone()),
            organisation_id: Some(org("boi-legal")),
            position: Some("no_objection".into()),
            responded_on: Some("2022-01-20".into()),
            comments: None,
        };
        let after = s
            .record_response(
                &pk,
                ResponseId::new(),
                &NewResponse::try_from(&answer).unwrap(),
            )
            .await
            .unwrap();
        let response = &after.responses[0].id;
        let people = |entity: &'static str, id: String| async move {
            corridor_store::access::restricted_to(s.connection(), entity, &id)
                .await
                .unwrap()
        };
        assert_eq!(
            people("consultation_response", response.clone()).await,
            people("consultation", c.id.clone()).await,
            "{label}: the answer names the consultation's people"
        );
        assert!(
            people("consultation_response", response.clone())
                .await
                .contains(&named),
            "{label}"
        );
        let seen = s.consultation(&admin.viewer(), &c.id).await.unwrap();
        assert_eq!(
            seen.responses.len(),
            1,
            "{label}: the named adviser sees the answer"
        );
        assert!(
            s.consultation(&cochair.viewer(), &c.id).await.is_err(),
            "{label}: an unnamed colleague does not"
        );
    }
}
