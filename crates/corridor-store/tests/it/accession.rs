//! Accession in the store: a third party asks to join the demo's Framework Agreement, both parties consent,
//! and the third party becomes a party that sees the instrument's shared records from its accession on and
//! nothing of either side's domestic track; an objection refuses; every refusal changes nothing.

use crate::support::{account, event_count, third_party};
use corridor_core::ids::{AccessionDecisionId, AccessionId, InstrumentId, StepId};
use corridor_core::instrument::accession::{
    AccessionInput, DecisionInput, NewAccession, NewDecision,
};
use corridor_core::instrument::steps::{NewStep, StepInput};
use corridor_core::instrument::view::StepView;
use corridor_core::{Actor, Role};
use corridor_store::entity::instrument_step;
use corridor_store::testing::each_backend_demo;
use corridor_store::{Store, StoreError};

fn instrument(key: &str) -> InstrumentId {
    InstrumentId::from_key(&format!("demo/instrument/{key}"))
}

fn request(inst: InstrumentId, party: &str, on: &str) -> NewAccession {
    NewAccession::parse(
        inst,
        &AccessionInput {
            party_id: Some(party.into()),
            requested_on: Some(on.into()),
            note: Some("Note verbale asking to join the framework.".into()),
        },
    )
    .unwrap()
}

fn decision(what: &str, on: &str, note: Option<&str>) -> NewDecision {
    NewDecision::try_from(&DecisionInput {
        decision: Some(what.into()),
        decided_on: Some(on.into()),
        note: note.map(Into::into),
    })
    .unwrap()
}

fn refusal(r: Result<impl std::fmt::Debug, StoreError>) -> String {
    match r {
        Err(StoreError::Conflict { message, .. }) => message,
        Err(StoreError::Invalid(e)) => format!("{}: {}", e.0[0].field, e.0[0].message),
        Err(StoreError::Forbidden(m)) => m,
        Err(StoreError::NotFound { entity }) => format!("no {entity}"),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

async fn step_ids(s: &Store, who: &Actor) -> Vec<StepView> {
    s.instrument_steps(&who.viewer(), &instrument("fa").to_string())
        .await
        .unwrap()
}

#[tokio::test]
#[expect(
    clippy::too_many_lines,
    reason = "one story: before, the request, each refusal, the consents, and what each side sees after"
)]
async fn a_third_party_joins_and_sees_shared_records_but_no_domestic_track() {
    for db in each_backend_demo().await {
        let (s, label) = (&db.store, db.label);
        let pk = s.actor_of("pk.secretariat").await.unwrap();
        let cn = s.actor_of("cn.secretariat").await.unwrap();
        let tp = third_party(s, "TL", "Thirdland").await;
        let tl = account(s, "tl.secretariat", tp, None, Role::Secretariat).await;
        let fa = instrument("fa").to_string();

        // Before: the public agreement and its public records, none of the shared ones. The parties plan
        // entry into force between themselves.
        s.add_step(
            &pk,
            StepId::new(),
            &NewStep::try_from(&StepInput {
                instrument_id: Some(fa.clone()),
                kind: Some("entry_into_force".into()),
                status: Some("planned".into()),
                note: Some("Expected once both notifications are exchanged.".into()),
                visibility: Some("shared".into()),
                ..Default::default()
            })
            .unwrap(),
        )
        .await
        .unwrap();
        let cn_steps = step_ids(s, &cn).await;
        let shared: Vec<&StepView> = cn_steps
            .iter()
            .filter(|st| st.access.visibility == "shared")
            .collect();
        assert_eq!(shared.len(), 1, "{label}");
        let before: Vec<String> = step_ids(s, &tl).await.into_iter().map(|st| st.id).collect();
        assert!(
            shared.iter().all(|st| !before.contains(&st.id)),
            "{label}: a third party saw a shared step before joining"
        );
        let pk_internal: Vec<String> = step_ids(s, &pk)
            .await
            .into_iter()
            .filter(|st| st.access.visibility == "party")
            .map(|st| st.id)
            .collect();
        assert!(!pk_internal.is_empty(), "{label}");

        // Refusals, each leaving the log as it was.
        let events = event_count(s).await;
        let msg = refusal(
            s.request_accession(
                &tl,
                AccessionId::new(),
                &request(instrument("mou"), &tp.to_string(), "2023-03-01"),
            )
            .await,
        );
        assert!(msg.contains("closed"), "{label}: {msg}");
        let msg = refusal(
            s.request_accession(
                &tl,
                AccessionId::new(),
                &request(instrument("fa"), &tp.to_string(), "2999-01-01"),
            )
            .await,
        );
        assert!(msg.starts_with("requested_on"), "{label}: {msg}");
        let pk_party = pk.user().unwrap().party_id.to_string();
        let msg = refusal(
            s.request_accession(
                &pk,
                AccessionId::new(),
                &request(instrument("fa"), &pk_party, "2023-03-01"),
            )
            .await,
        );
        assert!(msg.contains("already a party"), "{label}: {msg}");
        assert_eq!(event_count(s).await, events, "{label}: a refusal wrote");

        // The request, made by the third party itself, is seen by both sides and by the third party.
        let acc_id = AccessionId::new();
        let acc = s
            .request_accession(
                &tl,
                acc_id,
                &request(instrument("fa"), &tp.to_string(), "2023-03-01"),
            )
            .await
            .unwrap();
        assert_eq!(acc.status, "requested", "{label}");
        assert_eq!(acc.awaiting.len(), 2, "{label}");
        assert_eq!(s.accessions(&cn.viewer(), &fa).await.unwrap().len(), 1);
        let msg = refusal(
            s.request_accession(
                &tl,
                AccessionId::new(),
                &request(instrument("fa"), &tp.to_string(), "2023-03-02"),
            )
            .await,
        );
        assert!(msg.contains("still waiting"), "{label}: {msg}");
        let acc_id = acc_id.to_string();
        let msg = refusal(
            s.decide_accession(
                &tl,
                &acc_id,
                AccessionDecisionId::new(),
                &decision("consent", "2023-03-05", None),
            )
            .await,
        );
        assert!(msg.contains("existing party"), "{label}: {msg}");
        let msg = refusal(
            s.decide_accession(
                &pk,
                &acc_id,
                AccessionDecisionId::new(),
                &decision("consent", "2023-02-01", None),
            )
            .await,
        );
        assert!(msg.starts_with("decided_on"), "{label}: {msg}");
        let msg = refusal(
            s.add_step(
                &pk,
                StepId::new(),
                &NewStep::try_from(&StepInput {
                    instrument_id: Some(fa.clone()),
                    kind: Some("accession".into()),
                    party_id: Some(tp.to_string()),
                    status: Some("done".into()),
                    acted_on: Some("2023-04-01".into()),
                    ..Default::default()
                })
                .unwrap(),
            )
            .await,
        );
        assert!(msg.contains("decisions"), "{label}: {msg}");

        // Pakistan consents; the request waits for China; China's consent makes Thirdland a party.
        let after_pk = s
            .decide_accession(
                &pk,
                &acc_id,
                AccessionDecisionId::new(),
                &decision("consent", "2023-04-10", None),
            )
            .await
            .unwrap();
        assert_eq!(after_pk.status, "requested", "{label}");
        assert_eq!(after_pk.awaiting.len(), 1, "{label}");
        let msg = refusal(
            s.decide_accession(
                &pk,
                &acc_id,
                AccessionDecisionId::new(),
                &decision("consent", "2023-04-11", None),
            )
            .await,
        );
        assert!(msg.contains("already recorded"), "{label}: {msg}");
        let done = s
            .decide_accession(
                &cn,
                &acc_id,
                AccessionDecisionId::new(),
                &decision(
                    "consent",
                    "2023-05-02",
                    Some("Welcomed at the 7th meeting."),
                ),
            )
            .await
            .unwrap();
        assert_eq!(done.status, "accepted", "{label}");
        assert_eq!(done.decided_on.as_deref(), Some("2023-05-02"), "{label}");
        let inst = s.instrument(&tl.viewer(), &fa).await.unwrap();
        assert!(
            inst.parties.iter().any(|p| p.id == tp.to_string()),
            "{label}"
        );
        let table = s.instrument_status(&tl.viewer(), &fa).await.unwrap();
        assert_eq!(table.parties.len(), 3, "{label}: Thirdland has its row");

        // Thirdland now sees the shared steps and the accession, never a domestic track of either side.
        let tl_steps = step_ids(s, &tl).await;
        let seen: Vec<&str> = tl_steps.iter().map(|st| st.id.as_str()).collect();
        for st in &shared {
            assert!(
                seen.contains(&st.id.as_str()),
                "{label}: {} hidden",
                st.kind
            );
        }
        assert!(
            pk_internal.iter().all(|id| !seen.contains(&id.as_str())),
            "{label}: Thirdland saw Pakistan's domestic track"
        );
        assert!(
            tl_steps.iter().all(|st| st.access.visibility != "party"),
            "{label}"
        );
        assert!(
            tl_steps.iter().any(|st| st.kind == "accession"
                && st.party.as_ref().map(|p| p.id.as_str()) == Some(&*tp.to_string())
                && st.acted_on.as_deref() == Some("2023-05-02")),
            "{label}: the accession step"
        );
        // Its history of a shared step starts at its accession.
        let history = s
            .history::<instrument_step::Entity>(&tl.viewer(), &shared[0].id)
            .await
            .unwrap();
        let actions: Vec<&str> = history.iter().map(|h| h.action.as_str()).collect();
        assert_eq!(actions, ["opened_to_party"], "{label}");

        // Its own domestic track stays its own.
        let own = s
            .add_step(
                &tl,
                StepId::new(),
                &NewStep::try_from(&StepInput {
                    instrument_id: Some(fa.clone()),
                    kind: Some("approval".into()),
                    party_id: Some(tp.to_string()),
                    status: Some("done".into()),
                    acted_on: Some("2023-06-01".into()),
                    ..Default::default()
                })
                .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(own.access.visibility, "party", "{label}");
        assert!(
            step_ids(s, &pk).await.iter().all(|st| st.id != own.id),
            "{label}: Pakistan saw Thirdland's domestic step"
        );
        let report = s.verify().await.unwrap();
        assert!(report.problems.is_empty(), "{label}: {:?}", report.problems);
    }
}

#[tokio::test]
async fn one_objection_refuses_and_the_third_party_stays_outside() {
    for db in each_backend_demo().await {
        let (s, label) = (&db.store, db.label);
        let pk = s.actor_of("pk.secretariat").await.unwrap();
        let cn = s.actor_of("cn.secretariat").await.unwrap();
        let tp = third_party(s, "TL", "Thirdland").await;
        let tl = account(s, "tl.secretariat", tp, None, Role::Secretariat).await;
        let fa = instrument("fa").to_string();
        // Pakistan records a request it received.
        let acc = s
            .request_accession(
                &pk,
                AccessionId::new(),
                &request(instrument("fa"), &tp.to_string(), "2023-03-01"),
            )
            .await
            .unwrap();
        assert_eq!(
            s.accession(&tl.viewer(), &acc.id).await.unwrap().status,
            "requested",
            "{label}: the third party follows its request"
        );
        let no_reason = NewDecision::try_from(&DecisionInput {
            decision: Some("objection".into()),
            decided_on: Some("2023-03-20".into()),
            note: None,
        });
        assert!(no_reason.is_err(), "{label}");
        let refused = s
            .decide_accession(
                &cn,
                &acc.id,
                AccessionDecisionId::new(),
                &decision(
                    "objection",
                    "2023-03-20",
                    Some("Consultations are not finished."),
                ),
            )
            .await
            .unwrap();
        assert_eq!(refused.status, "refused", "{label}");
        assert!(refused.awaiting.is_empty(), "{label}");
        let msg = refusal(
            s.decide_accession(
                &pk,
                &acc.id,
                AccessionDecisionId::new(),
                &decision("consent", "2023-03-21", None),
            )
            .await,
        );
        assert!(msg.contains("already refused"), "{label}: {msg}");
        let inst = s.instrument(&tl.viewer(), &fa).await.unwrap();
        assert_eq!(inst.parties.len(), 2, "{label}");
        assert!(
            step_ids(s, &tl)
                .await
                .iter()
                .all(|st| st.access.visibility == "public"),
            "{label}: a refused third party sees only public steps"
        );
        // A party that is not a third party to the instrument cannot record a stranger's request.
        let other = third_party(s, "OT", "Otherland").await;
        let ot = account(s, "ot.secretariat", other, None, Role::Secretariat).await;
        let msg = refusal(
            s.request_accession(
                &ot,
                AccessionId::new(),
                &request(instrument("fa"), &tp.to_string(), "2023-04-01"),
            )
            .await,
        );
        assert!(msg.contains("third party or recorded"), "{label}: {msg}");
        assert!(
            refusal(s.accession(&ot.viewer(), &acc.id).await).contains("no accession"),
            "{label}: another third party saw the request"
        );
        assert!(s.verify().await.unwrap().problems.is_empty(), "{label}");
    }
}
