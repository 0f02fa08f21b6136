//! The demo's exchanges and business-to-business records. The 5th meeting asked China to arrange industrial
//! visits of Pakistani delegations; here that request becomes a delegation visit to parks in Jiangsu and
//! Zhejiang (whose development and reform commissions attended the 6th meeting), with nominations, the host's
//! programme, attendance, a report and a matchmaking held during it. The young workers exchange gets a past
//! cohort and one taking nominations. The visit's dates, the people, the companies and the amounts are
//! illustrative and say so; the request and the meetings are the seed's.

use super::exchange_data::{COMPANIES, INTENTIONS, NOMINEES, PROGRAMME};
use super::{DemoReport, key, missing};
use crate::entity::exchange;
use crate::{Store, StoreError};
use corridor_core::Actor;
use corridor_core::business::{
    BusinessMouInput, CompanyInput, IntentionInput, MatchmakingInput, NewBusinessMou, NewCompany,
    NewIntention, NewMatchmaking, Stage, StageInput,
};
use corridor_core::exchange::{
    ExchangeInput, NewExchange, NewNomination, NewProgrammeItem, NominationDecision,
    NominationDecisionInput, NominationInput, ProgrammeInput, VisitReport, VisitReportInput,
};
use corridor_core::ids::{
    BusinessMouId, CompanyId, ExchangeId, IntentionId, MatchmakingId, MeetingId, NominationId,
    OrganisationId, PartyId, ProgrammeItemId, ProjectId, RegisterItemId,
};

fn id_of(kind: &str, k: &str) -> String {
    match kind {
        "party" => PartyId::from_key(&key(kind, k)).to_string(),
        "organisation" => OrganisationId::from_key(&key(kind, k)).to_string(),
        "project" => ProjectId::from_key(&key(kind, k)).to_string(),
        "company" => CompanyId::from_key(&key(kind, k)).to_string(),
        "meeting" => MeetingId::from_key(&key(kind, k)).to_string(),
        _ => RegisterItemId::from_key(&key(kind, k)).to_string(),
    }
}

fn exchange_id(k: &str) -> ExchangeId {
    ExchangeId::from_key(&key("exchange", k))
}

pub(super) async fn load(store: &Store, report: &mut DemoReport) -> Result<(), StoreError> {
    if !missing::<exchange::Entity>(store, &exchange_id("jiangsu-visit").to_string()).await? {
        return Ok(());
    }
    let pk = store.actor_of("pk.secretariat").await?;
    let cn = store.actor_of("cn.secretariat").await?;
    companies(store, (&pk, &cn)).await?;
    visit(store, (&pk, &cn)).await?;
    cohorts(store, (&pk, &cn)).await?;
    business(store, (&pk, &cn)).await?;
    report.created += COMPANIES.len() + 3 + NOMINEES.len() + PROGRAMME.len() + 3 + 2;
    Ok(())
}

async fn companies(store: &Store, (pk, cn): (&Actor, &Actor)) -> Result<(), StoreError> {
    for (k, party, name, zh, sector, size, city) in COMPANIES {
        let input = CompanyInput {
            name: Some(name.into()),
            name_zh: Some(zh.into()),
            party_id: Some(id_of("party", party)),
            sector: Some(sector.into()),
            size: Some(size.into()),
            city: Some(city.into()),
            ..Default::default()
        };
        let actor = if party == "pk" { pk } else { cn };
        store
            .create_company(
                actor,
                CompanyId::from_key(&key("company", k)),
                &NewCompany::try_from(&input)?,
            )
            .await?;
    }
    Ok(())
}

async fn visit(store: &Store, (pk, cn): (&Actor, &Actor)) -> Result<(), StoreError> {
    let id = exchange_id("jiangsu-visit");
    let xid = id.to_string();
    let input = ExchangeInput {
        title: Some("Industrial visit of a Pakistani delegation to parks in Jiangsu and Zhejiang".into()),
        title_zh: Some("巴基斯坦代表团赴江苏、浙江园区产业考察".into()),
        purpose: Some("See at first hand how Chinese industrial parks attract and serve garment and fibre makers, as the 5th meeting asked; the dates and the programme are illustrative.".into()),
        request_item_id: Some(id_of("register", "industrial-visits")),
        sending_party_id: Some(id_of("party", "pk")),
        host_party_id: Some(id_of("party", "cn")),
        starts_on: Some("2023-05-15".into()),
        ends_on: Some("2023-05-19".into()),
        ..Default::default()
    };
    store
        .create_exchange(pk, id, &NewExchange::try_from(&input)?)
        .await?;
    for (k, name, position, org, gender, decision, reason) in NOMINEES {
        let n = NominationInput {
            name: Some(name.into()),
            position: Some(position.into()),
            organisation_id: Some(id_of("organisation", org)),
            gender: Some(gender.into()),
        };
        let nid = NominationId::from_key(&key("nomination", k));
        store
            .nominate(pk, &xid, nid, &NewNomination::try_from(&n)?)
            .await?;
        let d = NominationDecisionInput {
            status: Some(decision.into()),
            reason: (!reason.is_empty()).then(|| reason.into()),
        };
        store
            .decide_nomination(cn, &nid.to_string(), &NominationDecision::try_from(&d)?)
            .await?;
    }
    store
        .set_exchange_status(
            pk,
            &xid,
            corridor_core::exchange::ExchangeStatus::Closed,
            None,
        )
        .await?;
    for (k, on, at, kind, site, project, company, notes) in PROGRAMME {
        let p = ProgrammeInput {
            on: Some(on.into()),
            at: Some(at.into()),
            site_kind: Some(kind.into()),
            site: Some(site.into()),
            project_id: (!project.is_empty()).then(|| id_of("project", project)),
            company_id: (!company.is_empty()).then(|| id_of("company", company)),
            notes: Some(notes.into()),
        };
        store
            .add_programme_item(
                cn,
                &xid,
                ProgrammeItemId::from_key(&key("programme", k)),
                &NewProgrammeItem::try_from(&p)?,
            )
            .await?;
    }
    for (k, _, _, _, _, decision, _) in NOMINEES {
        if decision == "approved" {
            let nid = NominationId::from_key(&key("nomination", k)).to_string();
            store.record_attendance(cn, &nid, true).await?;
        }
    }
    let r = VisitReportInput {
        reported_on: Some("2023-05-31".into()),
        summary: Some("The delegation visited two parks and two plants over five days. Park administrations explained their one-window services, standard factory buildings and training centres; the garment maker showed how it moved lines between provinces. (Illustrative.)".into()),
        outcomes: Some("Suzhou Industrial Park offers a twinning arrangement with Allama Iqbal Industrial City (illustrative)\nJiangsu Garment Group states an intention to invest in Allama Iqbal Industrial City (illustrative)\nBoI to prepare a one-window service design for the priority zones (illustrative)".into()),
    };
    store
        .report_exchange(pk, &xid, &VisitReport::try_from(&r)?)
        .await?;
    Ok(())
}

async fn cohorts(store: &Store, (pk, cn): (&Actor, &Actor)) -> Result<(), StoreError> {
    for (k, year, starts, ends) in [
        ("ywe-2023", 2023, "2023-10-09", "2023-10-20"),
        ("ywe-2027", 2027, "2027-04-05", "2027-04-16"),
    ] {
        let id = exchange_id(k);
        let input = ExchangeInput {
            kind: Some("cohort".into()),
            title: Some(format!("Young workers exchange, {year} cohort")),
            title_zh: Some(format!("中巴青年工人交流 {year} 年批次")),
            purpose: Some("Young technicians from Pakistani zones train for two weeks in Chinese plants of their trade (illustrative).".into()),
            programme_project_id: Some(id_of("project", "young-workers")),
            cohort_year: Some(year),
            sending_party_id: Some(id_of("party", "pk")),
            host_party_id: Some(id_of("party", "cn")),
            starts_on: Some(starts.into()),
            ends_on: Some(ends.into()),
            ..Default::default()
        };
        store
            .create_exchange(pk, id, &NewExchange::try_from(&input)?)
            .await?;
        let nominee = NominationInput {
            name: Some(format!("Cohort {year} nominee (illustrative)")),
            position: Some("Machine technician".into()),
            organisation_id: Some(id_of("organisation", "boi")),
            gender: Some("female".into()),
        };
        let nid = NominationId::from_key(&key("nomination", k));
        store
            .nominate(
                pk,
                &id.to_string(),
                nid,
                &NewNomination::try_from(&nominee)?,
            )
            .await?;
        if year == 2023 {
            let ok = NominationDecisionInput {
                status: Some("approved".into()),
                reason: None,
            };
            store
                .decide_nomination(cn, &nid.to_string(), &NominationDecision::try_from(&ok)?)
                .await?;
            store.record_attendance(cn, &nid.to_string(), true).await?;
            let r = VisitReportInput {
                reported_on: Some("2023-11-15".into()),
                summary: Some(
                    "The cohort completed its two weeks of plant training (illustrative).".into(),
                ),
                outcomes: Some("Trainees certified in machine maintenance (illustrative)".into()),
            };
            store
                .report_exchange(pk, &id.to_string(), &VisitReport::try_from(&r)?)
                .await?;
        }
    }
    Ok(())
}

async fn business(store: &Store, (pk, cn): (&Actor, &Actor)) -> Result<(), StoreError> {
    let today = corridor_core::now().date();
    let during = MatchmakingInput {
        held_on: Some("2023-05-17".into()),
        place: Some("Suzhou".into()),
        company_ids: vec![
            id_of("company", "lahore-denim"),
            id_of("company", "jiangsu-garment"),
        ],
        topic: Some(
            "Moving two garment lines to Allama Iqbal Industrial City (illustrative)".into(),
        ),
        outcome: Some(
            "Both companies agreed to study a joint line; a memorandum followed (illustrative)."
                .into(),
        ),
        exchange_id: Some(exchange_id("jiangsu-visit").to_string()),
        ..Default::default()
    };
    let first = MatchmakingId::from_key(&key("matchmaking", "suzhou"));
    store
        .add_matchmaking(pk, first, &NewMatchmaking::parse(&during, today)?)
        .await?;
    let beside = MatchmakingInput {
        held_on: Some("2022-04-08".into()),
        place: Some("online, beside the 6th meeting".into()),
        company_ids: vec![
            id_of("company", "faisalabad-knit"),
            id_of("company", "zhejiang-fibre"),
        ],
        topic: Some("Supply of man-made fibre to knitwear makers (illustrative)".into()),
        meeting_id: Some(id_of("meeting", "jwg-6")),
        ..Default::default()
    };
    store
        .add_matchmaking(
            cn,
            MatchmakingId::from_key(&key("matchmaking", "fibre")),
            &NewMatchmaking::parse(&beside, today)?,
        )
        .await?;
    let mou = BusinessMouInput {
        title: Some("Joint garment line at Allama Iqbal Industrial City (illustrative)".into()),
        signed_on: Some("2023-09-12".into()),
        company_ids: during.company_ids.clone(),
        matchmaking_id: Some(first.to_string()),
        sector: Some("textiles".into()),
        amount: Some("25,000,000".into()),
        currency: Some("USD".into()),
    };
    store
        .add_business_mou(
            pk,
            BusinessMouId::from_key(&key("business-mou", "garment-line")),
            &NewBusinessMou::parse(&mou, today)?,
        )
        .await?;
    for (k, company, project, sector, amount, stated, stages) in INTENTIONS {
        let input = IntentionInput {
            company_id: Some(id_of("company", company)),
            project_id: Some(id_of("project", project)),
            sector: Some(sector.into()),
            amount: Some(amount.into()),
            currency: Some("USD".into()),
            stated_on: Some(stated.into()),
            ..Default::default()
        };
        let id = IntentionId::from_key(&key("intention", k));
        store
            .add_intention(cn, id, &NewIntention::parse(&input, today)?)
            .await?;
        for (status, on) in stages {
            let s = StageInput {
                status: Some((*status).into()),
                on: Some((*on).into()),
            };
            store
                .move_intention(cn, &id.to_string(), &Stage::try_from(&s)?)
                .await?;
        }
    }
    Ok(())
}
