//! The demo's joint diagnostic study of the textile industry: NDRC and CIECC with Pakistan's experts, the
//! draft declared ready at the 2019 meeting, the January 2020 workshop at BoI on ready-made garments, man-made
//! fibre and skills, the report submitted to the 5th meeting and accepted at the 6th, where its three
//! recommendations became actions on the register. Dates other than the seed's, the experts' names and the
//! recommendations' wording are illustrative and say so.

use super::{DemoReport, key, missing};
use crate::entity::study;
use crate::{Store, StoreError};
use corridor_core::Actor;
use corridor_core::ids::{
    BodyId, ExpertId, MeetingId, OrganisationId, PartyId, RecommendationId, StudyId,
};
use corridor_core::study::{
    ExpertInput, NewExpert, NewPhase, NewRecommendation, NewStudy, PhaseInput, RecommendationInput,
    StudyInput,
};

fn org(k: &str) -> String {
    OrganisationId::from_key(&key("organisation", k)).to_string()
}

/// (key, finding, recommendation, Chinese, leads, due).
type DemoRecommendation = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    [&'static str; 2],
    &'static str,
);

const RECOMMENDATIONS: [DemoRecommendation; 3] = [
    (
        "garments",
        "Ready-made garments add the most value per worker, but few Pakistani mills sew what they spin.",
        "Prepare a package for relocating ready-made garment producers to priority zones (illustrative).",
        "制定成衣生产企业向重点园区转移的一揽子方案（示例）。",
        ["boi", "ndrc"],
        "2023-06-30",
    ),
    (
        "fibre",
        "Man-made fibre is largely imported, which keeps blended fabrics costly.",
        "Study a man-made fibre plant with a Chinese partner, including feedstock supply (illustrative).",
        "研究与中方伙伴合作建设化纤工厂，包括原料供应（示例）。",
        ["moip", "ciecc"],
        "2023-12-31",
    ),
    (
        "skills",
        "Skills in garment technology and maintenance are short in every zone visited.",
        "Set up joint training for garment technicians in the three prioritised zones (illustrative).",
        "在三个优先园区联合开展服装技术人员培训（示例）。",
        ["boi", "ciecc"],
        "2024-06-30",
    ),
];

pub(super) async fn load(store: &Store, report: &mut DemoReport) -> Result<(), StoreError> {
    let id = StudyId::from_key(&key("study", "textile"));
    if !missing::<study::Entity>(store, &id.to_string()).await? {
        return Ok(());
    }
    let pk = store.actor_of("pk.secretariat").await?;
    let input = StudyInput {
        sector: Some("textiles".into()),
        title: Some("Joint diagnostic study of the textile industry".into()),
        title_zh: Some("纺织产业联合诊断研究".into()),
        title_ur: Some("ٹیکسٹائل صنعت کا مشترکہ تشخیصی مطالعہ".into()),
        terms_of_reference: Some(
            "Diagnose the textile value chain of Pakistan with experts of both sides, with attention to ready-made garments, man-made fibre and skills; assess the zones offered for relocation and prioritise among them; end in a diagnosis report and a sector action plan for the working group."
                .into(),
        ),
        body_id: Some(BodyId::from_key(&key("body", "jwg-ic")).to_string()),
        visibility: Some("public".into()),
        ..Default::default()
    };
    let sid = id.to_string();
    store
        .create_study(&pk, id, &NewStudy::try_from(&input)?)
        .await?;
    team(store, &pk, &sid).await?;
    let phase = |phase: &str, on: &str, meeting: Option<&str>| PhaseInput {
        phase: Some(phase.into()),
        on: Some(on.into()),
        meeting_id: meeting.map(|m| MeetingId::from_key(&key("meeting", m)).to_string()),
    };
    for p in [
        phase("terms_agreed", "2019-05-15", None),
        phase("fieldwork", "2019-06-10", None),
        phase("draft_report", "2019-10-22", None),
    ] {
        store
            .move_study(&pk, &sid, &NewPhase::try_from(&p)?)
            .await?;
    }
    draft_report(store, &pk, &sid).await?;
    for (k, finding, text, zh, leads, due) in RECOMMENDATIONS {
        let r = RecommendationInput {
            finding: Some(finding.into()),
            text: Some(text.into()),
            text_zh: Some(zh.into()),
            lead_organisation_ids: leads.iter().map(|o| org(o)).collect(),
            due_on: Some(due.into()),
            potential: Some("substantial".into()),
            ..Default::default()
        };
        store
            .add_recommendation(
                &pk,
                &sid,
                RecommendationId::from_key(&key("recommendation", k)),
                &NewRecommendation::try_from(&r)?,
            )
            .await?;
    }
    for p in [
        phase("submitted", "2020-12-15", Some("jwg-5")),
        phase("accepted", "2022-04-08", Some("jwg-6")),
    ] {
        store
            .move_study(&pk, &sid, &NewPhase::try_from(&p)?)
            .await?;
    }
    report.created += 1 + 4 + 3;
    Ok(())
}

async fn team(store: &Store, pk: &Actor, sid: &str) -> Result<(), StoreError> {
    for (k, name, party, o, role) in [
        (
            "ciecc-lead",
            "CIECC consultant team (illustrative)",
            "cn",
            "ciecc",
            "team leader",
        ),
        (
            "ndrc",
            "NDRC industry department (illustrative)",
            "cn",
            "ndrc",
            "counterpart",
        ),
        (
            "boi-expert",
            "BoI national textile expert (illustrative)",
            "pk",
            "boi",
            "national expert",
        ),
        (
            "moip",
            "MoIP textile wing (illustrative)",
            "pk",
            "moip",
            "national expert",
        ),
    ] {
        let e = ExpertInput {
            name: Some(name.into()),
            party_id: Some(PartyId::from_key(&key("party", party)).to_string()),
            organisation_id: Some(org(o)),
            role: Some(role.into()),
        };
        store
            .add_expert(
                pk,
                sid,
                ExpertId::from_key(&key("expert", k)),
                &NewExpert::try_from(&e)?,
            )
            .await?;
    }
    Ok(())
}

async fn draft_report(store: &Store, pk: &Actor, sid: &str) -> Result<(), StoreError> {
    let summary = "Joint diagnostic study of the textile industry: draft summary (illustrative)\n\n\
        Presented at the workshop held at the Board of Investment on 22 January 2020 by NDRC and CIECC.\n\
        Focus: ready-made garments, man-made fibre and skills. Nine zones were listed and three prioritised.\n";
    let upload = corridor_core::attachment::check(
        summary.as_bytes(),
        "textile-diagnosis-draft-summary.txt",
        corridor_core::attachment::MAX_BYTES,
    )
    .map_err(|e| StoreError::invalid(&e.field, e.message))?;
    let on = time::Date::from_calendar_date(2020, time::Month::January, 22)
        .map_err(|e| StoreError::Config(e.to_string()))?;
    store
        .add_report(
            pk,
            sid,
            corridor_core::ids::ReportId::from_key(&key("report", "textile-draft")),
            ("Draft presented at the BoI workshop", on),
            &upload,
            summary.as_bytes().to_vec(),
        )
        .await?;
    Ok(())
}
