//! The demo's instruments: the 2018 MoU on Industrial Cooperation, and the Framework Agreement that elevates
//! it, from Pakistan's provincial consultation and the Prime Minister's approval to the signature in Beijing
//! on 4 February 2022. Dates the seed gives only to the month or year carry an illustrative day and say so.

use super::instrument_data::*;
use super::{DemoReport, key, missing};
use crate::entity::instrument;
use crate::{Store, StoreError};
use corridor_core::Actor;
use corridor_core::ids::{
    BodyId, ConsultationId, InstrumentId, InstrumentVersionId, OrganisationId, PartyId, ResponseId,
    StepId,
};
use corridor_core::instrument::consultation::{
    ConsultationInput, NewConsultation, NewResponse, ResponseInput,
};
use corridor_core::instrument::steps::{NewStep, StepInput};
use corridor_core::instrument::{
    InstrumentInput, NewInstrument, NewVersion, VersionInput, VersionStatus,
};

fn party(k: &str) -> String {
    PartyId::from_key(&key("party", k)).to_string()
}

/// (key, instrument, kind, party or empty, date, note, visibility or empty, acting organisation, by China).
type DemoStep = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    bool,
);

const STEPS: [DemoStep; 9] = [
    (
        "mou-negotiated",
        "mou",
        "negotiated",
        "",
        "2018-12-20",
        "Text settled for the 8th meeting of the Joint Cooperation Committee (day illustrative).",
        "",
        "boi",
        false,
    ),
    (
        "mou-signed",
        "mou",
        "signed",
        "",
        "2018-12-20",
        "Signed at the 8th meeting of the Joint Cooperation Committee (day illustrative).",
        "",
        "boi",
        false,
    ),
    (
        "fa-consultation",
        "fa",
        "consultation",
        "pk",
        "2020-09-30",
        "All provinces and other stakeholders consulted on the draft (day illustrative).",
        "",
        "boi",
        false,
    ),
    (
        "fa-vetting",
        "fa",
        "legal_vetting",
        "pk",
        "2020-10-12",
        "Law and Justice Division vetted the draft (illustrative step).",
        "",
        "boi",
        false,
    ),
    (
        "fa-approval",
        "fa",
        "approval",
        "pk",
        "2020-10-27",
        "The Prime Minister approved the draft (day illustrative).",
        "public",
        "boi",
        false,
    ),
    (
        "fa-shared",
        "fa",
        "shared",
        "",
        "2020-11-05",
        "BoI shared the draft with NDRC in early November 2020 (day illustrative).",
        "",
        "boi",
        false,
    ),
    (
        "fa-accepted",
        "fa",
        "accepted_as_basis",
        "",
        "2020-12-15",
        "China accepted the draft at the 5th meeting of the working group.",
        "",
        "ndrc",
        true,
    ),
    (
        "fa-cn-approval",
        "fa",
        "approval",
        "cn",
        "2022-01-25",
        "Internal approval of the text for signature (illustrative step).",
        "",
        "ndrc",
        true,
    ),
    (
        "fa-signed",
        "fa",
        "signed",
        "",
        "2022-02-04",
        "Signed in Beijing by the Chairman of BoI, Muhammad Azfar Ahsan, and the Chairman of NDRC, He Lifeng.",
        "",
        "boi",
        false,
    ),
];

pub(super) async fn load(store: &Store, report: &mut DemoReport) -> Result<(), StoreError> {
    let pk = store.actor_of("pk.secretariat").await?;
    let cn = store.actor_of("cn.secretariat").await?;
    let mou = InstrumentId::from_key(&key("instrument", "mou"));
    let fa = InstrumentId::from_key(&key("instrument", "fa"));
    if !missing::<instrument::Entity>(store, &fa.to_string()).await? {
        return Ok(());
    }
    let base = InstrumentInput {
        party_ids: vec![party("pk"), party("cn")],
        visibility: Some("public".into()),
        ..Default::default()
    };
    let mou_input = InstrumentInput {
        kind: Some("mou".into()),
        title: Some("Memorandum of Understanding on Industrial Cooperation".into()),
        title_zh: Some("关于产业合作的谅解备忘录".into()),
        title_ur: Some("صنعتی تعاون پر مفاہمت کی یادداشت".into()),
        body_id: Some(BodyId::from_key(&key("body", "jcc")).to_string()),
        ..base.clone()
    };
    store
        .create_instrument(&pk, mou, &NewInstrument::try_from(&mou_input)?)
        .await?;
    let fa_input = InstrumentInput {
        kind: Some("framework_agreement".into()),
        title: Some("Framework Agreement on Industrial Cooperation".into()),
        title_zh: Some("产业合作框架协议".into()),
        title_ur: Some("صنعتی تعاون کا فریم ورک معاہدہ".into()),
        body_id: Some(BodyId::from_key(&key("body", "jwg-ic")).to_string()),
        umbrella: Some("true".into()),
        open_to_accession: Some("true".into()),
        lineage: vec![format!("elevates:{mou}")],
        ..base
    };
    store
        .create_instrument(&pk, fa, &NewInstrument::try_from(&fa_input)?)
        .await?;
    report.created += 2;
    version(
        store,
        &pk,
        (mou, "mou-text"),
        ("Text signed at the 8th JCC", "2018-12-20"),
        (MOU_EN, MOU_ZH),
        true,
    )
    .await?;
    version(
        store,
        &pk,
        (fa, "fa-draft"),
        (
            "Pakistan's draft, approved by the Prime Minister",
            "2020-10-27",
        ),
        (DRAFT_EN, DRAFT_ZH),
        false,
    )
    .await?;
    version(
        store,
        &pk,
        (fa, "fa-agreed"),
        ("Agreed text", "2022-01-20"),
        (AGREED_EN, AGREED_ZH),
        true,
    )
    .await?;
    report.created += 3;
    consultation(store, &pk, report).await?;
    for (k, inst, kind, side, on, note, vis, org, by_china) in STEPS {
        let input = StepInput {
            instrument_id: Some(if inst == "mou" { mou } else { fa }.to_string()),
            kind: Some(kind.into()),
            party_id: (!side.is_empty()).then(|| party(side)),
            acted_on: Some(on.into()),
            note: Some(note.into()),
            organisation_id: Some(OrganisationId::from_key(&key("organisation", org)).to_string()),
            // Joint steps of a public instrument are public; a party's own steps keep their default unless named.
            visibility: match (vis, side) {
                ("", "") => Some("public".to_owned()),
                ("", _) => None,
                (v, _) => Some(v.to_owned()),
            },
            ..Default::default()
        };
        let actor = if by_china { &cn } else { &pk };
        store
            .add_step(
                actor,
                StepId::from_key(&key("step", k)),
                &NewStep::try_from(&input)?,
            )
            .await?;
        report.created += 1;
    }
    Ok(())
}

/// Writes a version, shares it, and marks it the agreed text when `agreed`. The agreed text is authentic in
/// both languages; a draft's Chinese is a courtesy translation.
async fn version(
    store: &Store,
    pk: &Actor,
    (instrument, k): (InstrumentId, &str),
    (label, dated_on): (&str, &str),
    (en, zh): (&str, &str),
    agreed: bool,
) -> Result<(), StoreError> {
    let input = VersionInput {
        label: Some(label.into()),
        dated_on: Some(dated_on.into()),
        text_en: Some(en.into()),
        text_zh: Some(zh.into()),
        authentic: if agreed {
            vec!["en".into(), "zh".into()]
        } else {
            vec!["en".into()]
        },
        ..Default::default()
    };
    let id = InstrumentVersionId::from_key(&key("version", k));
    store
        .add_version(
            pk,
            id,
            &instrument.to_string(),
            &NewVersion::try_from(&input)?,
        )
        .await?;
    store
        .set_version_status(pk, &id.to_string(), VersionStatus::Shared)
        .await?;
    if agreed {
        store
            .set_version_status(pk, &id.to_string(), VersionStatus::AgreedText)
            .await?;
    }
    Ok(())
}

/// Pakistan's consultation of the four provinces on its draft, with their answers and what became of each
/// comment. The answers are illustrative: the seed says only that all provinces were consulted.
async fn consultation(
    store: &Store,
    pk: &Actor,
    report: &mut DemoReport,
) -> Result<(), StoreError> {
    let org = |k: &str| OrganisationId::from_key(&key("organisation", k)).to_string();
    let id = ConsultationId::from_key(&key("consultation", "fa-provinces"));
    let input = ConsultationInput {
        version_id: Some(InstrumentVersionId::from_key(&key("version", "fa-draft")).to_string()),
        title: Some(
            "Provinces and stakeholders on the draft Framework Agreement (answers illustrative)"
                .into(),
        ),
        deadline: Some("2020-10-05".into()),
        organisation_ids: ["punjab", "sindh", "kp", "balochistan"]
            .iter()
            .map(|o| org(o))
            .collect(),
        ..Default::default()
    };
    store
        .open_consultation(pk, id, &NewConsultation::try_from(&input)?)
        .await?;
    for (k, who, position, on, comments) in PROVINCES {
        let input = ResponseInput {
            consultation_id: Some(id.to_string()),
            organisation_id: Some(org(who)),
            position: Some(position.into()),
            responded_on: Some(on.into()),
            comments: Some(comments.into()),
        };
        let response = ResponseId::from_key(&key("response", k));
        store
            .record_response(pk, response, &NewResponse::try_from(&input)?)
            .await?;
        report.created += 1;
    }
    for (k, index, taken_up, reason) in TAKEN_UP {
        let response = ResponseId::from_key(&key("response", k)).to_string();
        store
            .take_up_comment(pk, &response, index, taken_up, Some(reason))
            .await?;
    }
    report.created += 1;
    Ok(())
}
