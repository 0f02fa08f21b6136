//! Instruments in the store: the demo's Framework Agreement from Pakistan's draft to signature, each side's
//! domestic track kept to itself, the redline between versions in English and Chinese, and the lifecycle's
//! refusals, which change nothing.

use corridor_core::Viewer;
use corridor_core::ids::{InstrumentId, InstrumentVersionId, StepId};
use corridor_core::instrument::steps::{NewStep, StepInput};
use corridor_core::instrument::{NewVersion, VersionInput, VersionStatus};
use corridor_store::StoreError;
use corridor_store::testing::each_backend_demo;

fn id(kind: &str, key: &str) -> String {
    let key = format!("demo/{kind}/{key}");
    match kind {
        "instrument" => InstrumentId::from_key(&key).to_string(),
        "version" => InstrumentVersionId::from_key(&key).to_string(),
        _ => corridor_core::ids::PartyId::from_key(&key).to_string(),
    }
}

fn conflict_or_invalid(r: Result<impl std::fmt::Debug, StoreError>) -> String {
    match r {
        Err(StoreError::Conflict { message, .. }) => message,
        Err(StoreError::Invalid(e)) => format!("{}: {}", e.0[0].field, e.0[0].message),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[tokio::test]
#[expect(
    clippy::too_many_lines,
    reason = "one story: the demo agreement read by each side, then every refusal"
)]
async fn the_framework_agreement_reads_from_draft_to_signature_and_each_side_keeps_its_track() {
    for db in each_backend_demo().await {
        let (s, label) = (&db.store, db.label);
        let pk = s.actor_of("pk.secretariat").await.unwrap();
        let cn = s.actor_of("cn.secretariat").await.unwrap();
        let fa = id("instrument", "fa");

        let steps = |v: Viewer| async move {
            s.instrument_steps(&v, &id("instrument", "fa"))
                .await
                .unwrap()
        };
        let kinds = |list: &[corridor_core::instrument::view::StepView]| {
            list.iter().map(|x| x.kind.clone()).collect::<Vec<_>>()
        };
        let pk_sees = kinds(&steps(pk.viewer()).await);
        let cn_sees = kinds(&steps(cn.viewer()).await);
        assert!(pk_sees.contains(&"legal_vetting".to_owned()), "{label}");
        assert!(
            !cn_sees.contains(&"legal_vetting".to_owned()),
            "{label}: China saw Pakistan's legal vetting"
        );
        assert!(!cn_sees.contains(&"consultation".to_owned()), "{label}");
        assert!(
            cn_sees.contains(&"approval".to_owned()),
            "{label}: the Prime Minister's approval is shared"
        );
        assert_eq!(
            pk_sees.iter().filter(|k| *k == "approval").count(),
            1,
            "{label}: China's own approval stays with China"
        );
        let inst = s.instrument(&cn.viewer(), &fa).await.unwrap();
        assert_eq!(inst.stage, "signed", "{label}");
        assert_eq!(inst.lineage[0].relation, "elevates", "{label}");
        let status = s.instrument_status(&cn.viewer(), &fa).await.unwrap();
        assert_eq!(
            status.parties[0].signed_on.as_deref(),
            Some("2022-02-04"),
            "{label}"
        );
        assert_eq!(
            status.next_step.as_deref(),
            Some("Consent to be bound"),
            "{label}"
        );
        assert_eq!(status.owed_by.len(), 2, "{label}");

        // The redline from Pakistan's draft to the agreed text, in English and in Chinese.
        let (draft, agreed) = (id("version", "fa-draft"), id("version", "fa-agreed"));
        let en = s
            .compare_versions(&cn.viewer(), &draft, &agreed, "en")
            .await
            .unwrap();
        assert_eq!(
            (en.added, en.removed, en.changed, en.moved),
            (1, 0, 2, 2),
            "{label}: {en:?}"
        );
        let zh = s
            .compare_versions(&cn.viewer(), &draft, &agreed, "zh")
            .await
            .unwrap();
        let a1 = zh.clauses.iter().find(|c| c.key == "a1").unwrap();
        let inserted: String = a1
            .pieces
            .iter()
            .filter(|p| p.change == "inserted")
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(inserted, "，本着互利原则", "{label}");
        let mou_text = id("version", "mou-text");
        let msg = conflict_or_invalid(
            s.compare_versions(&cn.viewer(), &mou_text, &agreed, "en")
                .await,
        );
        assert!(
            msg.contains("two versions of one instrument"),
            "{label}: {msg}"
        );
        let versions = s.instrument_versions(&pk.viewer(), &fa).await.unwrap();
        let status: Vec<&str> = versions.iter().map(|v| v.status.as_str()).collect();
        assert_eq!(status, ["superseded", "agreed_text"], "{label}");

        // A new draft stays with its author until shared, and only drafts are shared.
        let input = VersionInput {
            label: Some("Pakistan's proposed amendment".into()),
            dated_on: Some("2026-11-01".into()),
            text_en: Some("[a1] Article 1: Objectives\nAmended.".into()),
            ..Default::default()
        };
        let v3 = s
            .add_version(
                &pk,
                InstrumentVersionId::new(),
                &fa,
                &NewVersion::try_from(&input).unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(v3.number, 3, "{label}");
        assert!(
            s.instrument_version(&cn.viewer(), &v3.id).await.is_err(),
            "{label}: China saw a draft"
        );
        let msg = conflict_or_invalid(
            s.set_version_status(&pk, &agreed, VersionStatus::Shared)
                .await,
        );
        assert!(msg.contains("cannot become shared"), "{label}: {msg}");
        s.set_version_status(&pk, &v3.id, VersionStatus::Shared)
            .await
            .unwrap();
        assert_eq!(
            s.instrument_version(&cn.viewer(), &v3.id)
                .await
                .unwrap()
                .status,
            "shared",
            "{label}"
        );

        // Refusals: each names what is wrong and changes nothing.
        let events = s.verify().await.unwrap().events;
        let step = |kind: &str, party: Option<String>, on: &str| StepInput {
            instrument_id: Some(fa.clone()),
            kind: Some(kind.into()),
            party_id: party,
            acted_on: Some(on.into()),
            consent_type: (kind == "consent").then(|| "approval".to_owned()),
            ..Default::default()
        };
        let record = |actor, input: StepInput| async move {
            s.add_step(actor, StepId::new(), &NewStep::try_from(&input).unwrap())
                .await
        };
        let msg = conflict_or_invalid(
            record(
                &cn,
                step("legal_vetting", Some(id("party", "pk")), "2022-01-01"),
            )
            .await,
        );
        assert!(msg.contains("its own domestic steps"), "{label}: {msg}");
        let msg = conflict_or_invalid(record(&pk, step("signed", None, "2022-02-05")).await);
        assert!(msg.contains("already recorded"), "{label}: {msg}");
        let msg =
            conflict_or_invalid(record(&pk, step("entry_into_force", None, "2022-03-01")).await);
        assert!(msg.contains("every party's consent"), "{label}: {msg}");
        let msg = conflict_or_invalid(
            record(&pk, step("consent", Some(id("party", "pk")), "2022-01-01")).await,
        );
        assert!(msg.contains("signed text"), "{label}: {msg}");
        let msg = conflict_or_invalid(
            record(&pk, step("consent", Some(id("party", "pk")), "2031-01-01")).await,
        );
        assert!(msg.contains("record it as planned"), "{label}: {msg}");
        assert_eq!(
            s.verify().await.unwrap().events,
            events,
            "{label}: a refusal wrote something"
        );

        // Both consents, then entry into force: the instrument is in force for each party.
        record(&pk, step("consent", Some(id("party", "pk")), "2022-03-01"))
            .await
            .unwrap();
        record(&cn, step("consent", Some(id("party", "cn")), "2022-03-10"))
            .await
            .unwrap();
        record(&pk, step("entry_into_force", None, "2022-03-10"))
            .await
            .unwrap();
        let status = s.instrument_status(&pk.viewer(), &fa).await.unwrap();
        assert_eq!(status.next_step, None, "{label}");
        assert_eq!(
            status.parties[1].in_force_on.as_deref(),
            Some("2022-03-10"),
            "{label}"
        );
        assert_eq!(
            s.instrument(&pk.viewer(), &fa).await.unwrap().stage,
            "in_force",
            "{label}"
        );
        assert!(s.verify().await.unwrap().problems.is_empty(), "{label}");
    }
}

#[tokio::test]
async fn agreeing_a_text_never_writes_the_other_sides_versions() {
    use corridor_core::instrument::{InstrumentInput, NewInstrument};
    for db in each_backend_demo().await {
        let (s, label) = (&db.store, db.label);
        let pk = s.actor_of("pk.secretariat").await.unwrap();
        let cn = s.actor_of("cn.secretariat").await.unwrap();
        let input = InstrumentInput {
            kind: Some("protocol".into()),
            title: Some("Protocol on zone incentives".into()),
            party_ids: vec![id("party", "pk"), id("party", "cn")],
            ..Default::default()
        };
        let inst = s
            .create_instrument(
                &pk,
                InstrumentId::new(),
                &NewInstrument::try_from(&input).unwrap(),
            )
            .await
            .unwrap()
            .id;
        let mut ids = Vec::new();
        for (who, label_) in [
            (&pk, "Pakistan's draft"),
            (&cn, "China's counter-draft"),
            (&pk, "Revised draft"),
        ] {
            let v = VersionInput {
                label: Some(label_.into()),
                dated_on: Some("2026-10-01".into()),
                text_en: Some("[a1] Article 1: Incentives\nText.".into()),
                ..Default::default()
            };
            let made = s
                .add_version(
                    who,
                    InstrumentVersionId::new(),
                    &inst,
                    &NewVersion::try_from(&v).unwrap(),
                )
                .await
                .unwrap();
            s.set_version_status(who, &made.id, VersionStatus::Shared)
                .await
                .unwrap();
            ids.push(made.id);
        }
        let events = s.verify().await.unwrap().events;
        s.set_version_status(&pk, &ids[2], VersionStatus::AgreedText)
            .await
            .unwrap();
        let written = s.verify().await.unwrap().events - events;
        assert_eq!(
            written, 2,
            "{label}: the agreed text and Pakistan's own draft, nothing of China's"
        );
        let status: Vec<String> = s
            .instrument_versions(&cn.viewer(), &inst)
            .await
            .unwrap()
            .into_iter()
            .map(|v| v.status)
            .collect();
        assert_eq!(
            status,
            ["superseded", "superseded", "agreed_text"],
            "{label}: China's draft reads as superseded"
        );
    }
}
