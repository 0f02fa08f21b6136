//! The demo's meetings: the joint cooperation committee and its working group on industrial cooperation,
//! the meeting of 22 October 2019, the 5th meeting of 15 December 2020 and the 6th of 8 April 2022, with
//! agendas, outcomes on the register, reviews and each side's briefing notes. The public record gives no number
//! for the 2019 meeting; the demo calls it the 4th and says so in its title. Dates, participants and what
//! was decided follow `shared/seed/`; clock times, due dates and the notes are illustrative and say so.

use super::meeting_data::{AGENDA_LINKS, DemoMeeting, MEETINGS, MINUTES, OUTCOMES, REDLINES};
use super::{DemoReport, key, missing};
use crate::entity::{body, meeting};
use crate::{Store, StoreError};
use corridor_core::Actor;
use corridor_core::ids::{
    AgendaItemId, BodyId, BriefingNoteId, MeetingId, OrganisationId, PartyId, PersonId,
    RegisterItemId, ReviewId,
};
use corridor_core::language::Translations;
use corridor_core::meeting::*;

fn org(k: &str) -> String {
    OrganisationId::from_key(&key("organisation", k)).to_string()
}
fn person(k: &str) -> String {
    PersonId::from_key(&key("person", k)).to_string()
}

/// The joint cooperation committee and the working group under it.
pub(super) async fn bodies(store: &Store, report: &mut DemoReport) -> Result<(), StoreError> {
    let pk = store.actor_of("pk.secretariat").await?;
    let jcc = BodyId::from_key(&key("body", "jcc"));
    if missing::<body::Entity>(store, &jcc.to_string()).await? {
        let input = BodyInput {
            name: Some("CPEC Joint Cooperation Committee".into()),
            short_name: Some("JCC".into()),
            visibility: Some("public".into()),
            ..Default::default()
        };
        store
            .create_body(&pk, jcc, &NewBody::try_from(&input)?)
            .await?;
        report.created += 1;
    }
    let jwg = BodyId::from_key(&key("body", "jwg-ic"));
    if missing::<body::Entity>(store, &jwg.to_string()).await? {
        let input = BodyInput {
            name: Some("Joint Working Group on Industrial Cooperation".into()),
            short_name: Some("JWG-IC".into()),
            parent_id: Some(jcc.to_string()),
            agenda_template: Some(
                "Opening remarks by the co-chairs\nMatters arising from earlier meetings".into(),
            ),
            member_ids: ["khashih", "asim", "ying", "cn-officer"]
                .iter()
                .map(|p| person(p))
                .collect(),
            visibility: Some("public".into()),
            ..Default::default()
        };
        store
            .create_body(&pk, jwg, &NewBody::try_from(&input)?)
            .await?;
        report.created += 1;
    }
    Ok(())
}

/// The meetings, their outcomes, delegations and minutes.
pub(super) async fn load(store: &Store, report: &mut DemoReport) -> Result<(), StoreError> {
    let pk = store.actor_of("pk.secretariat").await?;
    let jwg = BodyId::from_key(&key("body", "jwg-ic"));
    // Each meeting's outcomes are recorded before the next meeting, whose agenda links to them.
    for m in &MEETINGS {
        meeting(store, &pk, jwg, m, report).await?;
        outcomes(store, &pk, m.key, report).await?;
    }
    reviews(store, &pk, report).await?;
    delegations(store, report).await?;
    minutes(store, &pk, report).await
}

/// The 5th meeting's delegations: the co-chairs and secretariats of both sides (further delegates from line
/// ministries, provinces and embassies attended; the demo records the organisations it has people for).
async fn delegations(store: &Store, report: &mut DemoReport) -> Result<(), StoreError> {
    let meeting = MeetingId::from_key(&key("meeting", "jwg-5")).to_string();
    let delegates = [
        (
            "pk.secretariat",
            "khashih",
            "boi",
            "Co-chair; Additional Secretary and Executive Director General, BoI",
        ),
        (
            "pk.secretariat",
            "asim",
            "pmu",
            "Project Director, PMU on Industrial Cooperation",
        ),
        ("pk.secretariat", "pk-officer", "pmu", "Secretariat"),
        (
            "cn.secretariat",
            "ying",
            "ndrc",
            "Co-chair; Director General, NDRC",
        ),
        ("cn.secretariat", "cn-officer", "ndrc", "Secretariat"),
    ];
    for (username, who, org_key, title) in delegates {
        let id =
            corridor_core::ids::DelegateId::from_key(&key("delegate", &format!("jwg-5-{who}")));
        if !missing::<crate::entity::delegate::Entity>(store, &id.to_string()).await? {
            continue;
        }
        let input = DelegateInput {
            meeting_id: Some(meeting.clone()),
            person_id: Some(person(who)),
            organisation_id: Some(org(org_key)),
            title: Some(title.into()),
            attendance: Some("present".into()),
            ..Default::default()
        };
        store
            .add_delegate(
                &store.actor_of(username).await?,
                id,
                &NewDelegate::try_from(&input)?,
            )
            .await?;
        report.created += 1;
    }
    Ok(())
}

/// The 5th meeting's minutes, written in our words, taken from draft to a record signed by both co-chairs.
async fn minutes(store: &Store, pk: &Actor, report: &mut DemoReport) -> Result<(), StoreError> {
    let meeting = MeetingId::from_key(&key("meeting", "jwg-5")).to_string();
    if !store
        .minutes(&corridor_core::Viewer::System, &meeting)
        .await?
        .versions
        .is_empty()
    {
        return Ok(());
    }
    let item = |i: usize| AgendaItemId::from_key(&key("agenda", &format!("jwg-5-{i}"))).to_string();
    for (i, (en, zh)) in MINUTES.iter().enumerate() {
        let chinese = Translations {
            zh: Some((*zh).to_owned()),
            ur: None,
        };
        store.write_minutes(pk, &item(i), en, &chinese).await?;
    }
    store.circulate_minutes(pk, &meeting).await?;
    let cn = store.actor_of("cn.secretariat").await?;
    let version = store
        .minutes(&corridor_core::Viewer::System, &meeting)
        .await?
        .versions[0]
        .id
        .clone();
    for (language, text) in REDLINES {
        store
            .propose_redline(&cn, &version, &item(0), language, text)
            .await?;
    }
    store.finish_review(&cn, &version).await?;
    let redlines: Vec<String> = store
        .minutes(&corridor_core::Viewer::System, &meeting)
        .await?
        .versions[0]
        .redlines
        .iter()
        .map(|r| r.id.clone())
        .collect();
    for redline in redlines {
        store.decide_redline(pk, &redline, true, None).await?;
    }
    store.agree_minutes(pk, &meeting).await?;
    for chair in ["pk.cochair", "cn.cochair"] {
        store
            .sign_minutes(
                &store.actor_of(chair).await?,
                &meeting,
                super::DEMO_PASSWORD,
            )
            .await?;
    }
    report.created += 1;
    Ok(())
}

async fn meeting(
    store: &Store,
    pk: &Actor,
    body: BodyId,
    m: &DemoMeeting,
    report: &mut DemoReport,
) -> Result<(), StoreError> {
    let id = MeetingId::from_key(&key("meeting", m.key));
    if !missing::<meeting::Entity>(store, &id.to_string()).await? {
        return Ok(());
    }
    let input = MeetingInput {
        body_id: Some(body.to_string()),
        number: Some(m.number),
        title: Some(m.title.into()),
        modality: Some("video".into()),
        time_zone: Some("Asia/Karachi".into()),
        starts_at: Some(format!("{}T{}", m.day, m.hours.0)),
        ends_at: Some(format!("{}T{}", m.day, m.hours.1)),
        host_party_id: Some(PartyId::from_key(&key("party", "pk")).to_string()),
        co_chair_ids: m.chairs.iter().map(|c| person(c)).collect(),
        visibility: Some("public".into()),
        ..Default::default()
    };
    store
        .create_meeting(pk, id, &NewMeeting::try_from(&input)?)
        .await?;
    report.created += 1;
    for (i, (title, zh, lead)) in m.items.iter().enumerate() {
        let mut input = AgendaItemInput {
            meeting_id: Some(id.to_string()),
            title: Some((*title).into()),
            title_zh: Some((*zh).into()),
            lead_party_id: Some(PartyId::from_key(&key("party", lead)).to_string()),
            duration_minutes: Some(15),
            ..Default::default()
        };
        let item = AgendaItemId::from_key(&key("agenda", &format!("{}-{i}", m.key)));
        input.links = AGENDA_LINKS
            .iter()
            .filter(|(at, _, _)| *at == format!("{}-{i}", m.key))
            .map(|(_, kind, target)| match *kind {
                "instrument" => format!(
                    "instrument:{}",
                    corridor_core::ids::InstrumentId::from_key(&key("instrument", target))
                ),
                "project" => format!(
                    "project:{}",
                    corridor_core::ids::ProjectId::from_key(&key("project", target))
                ),
                _ => format!(
                    "register_item:{}",
                    RegisterItemId::from_key(&key("register", target))
                ),
            })
            .collect();
        store
            .add_agenda_item(pk, item, &NewAgendaItem::try_from(&input)?)
            .await?;
        report.created += 1;
    }
    for action in m.state {
        store
            .change_meeting_state(pk, &id.to_string(), *action)
            .await?;
    }
    Ok(())
}

async fn outcomes(
    store: &Store,
    pk: &Actor,
    meeting: &str,
    report: &mut DemoReport,
) -> Result<(), StoreError> {
    for (m, k, kind, text, zh, leads, due) in OUTCOMES.iter().filter(|o| o.0 == meeting) {
        let id = RegisterItemId::from_key(&key("register", k));
        if !missing::<crate::entity::register_item::Entity>(store, &id.to_string()).await? {
            continue;
        }
        let input = OutcomeInput {
            meeting_id: Some(MeetingId::from_key(&key("meeting", m)).to_string()),
            kind: Some((*kind).into()),
            text: Some((*text).into()),
            text_zh: Some((*zh).into()),
            lead_organisation_ids: leads.iter().map(|o| org(o)).collect(),
            due_on: (!due.is_empty()).then(|| (*due).to_owned()),
            status: Some(if *kind == "note" { "done" } else { "open" }.into()),
            visibility: Some("public".into()),
            ..Default::default()
        };
        store
            .create_outcome(pk, id, &NewOutcome::try_from(&input)?)
            .await?;
        report.created += 1;
    }
    Ok(())
}

async fn reviews(store: &Store, pk: &Actor, report: &mut DemoReport) -> Result<(), StoreError> {
    let sixth = MeetingId::from_key(&key("meeting", "jwg-6")).to_string();
    let reviews = [
        (
            "fa-accepted",
            "done",
            "The Framework Agreement was signed in Beijing on 4 February 2022 by the chairmen of BoI and NDRC.",
        ),
        (
            "industrial-visits",
            "in_progress",
            "Both sides are drawing up a list of sectors for the first visits (illustrative).",
        ),
        (
            "joint-diagnosis",
            "in_progress",
            "The joint textile study is under way with experts of both sides (illustrative).",
        ),
    ];
    for (k, status, note) in reviews {
        let id = ReviewId::from_key(&key("review", k));
        if !missing::<crate::entity::review::Entity>(store, &id.to_string()).await? {
            continue;
        }
        let input = ReviewInput {
            item_id: Some(RegisterItemId::from_key(&key("register", k)).to_string()),
            meeting_id: Some(sixth.clone()),
            status: Some(status.into()),
            note: Some(note.into()),
        };
        store
            .review_item(pk, id, &NewReview::try_from(&input)?)
            .await?;
        report.created += 1;
    }
    briefings(store, report).await
}

async fn briefings(store: &Store, report: &mut DemoReport) -> Result<(), StoreError> {
    let item = AgendaItemId::from_key(&key("agenda", "jwg-5-0")).to_string();
    let notes = [
        (
            "pk.secretariat",
            "pk-fa",
            "Illustrative briefing: press for an early signing date; the Prime Minister's approval of the draft is already in hand.",
        ),
        (
            "cn.secretariat",
            "cn-fa",
            "Illustrative briefing: welcome the draft as the basis; confirm the provincial commissions' views before committing to a date.",
        ),
    ];
    for (username, k, text) in notes {
        let id = BriefingNoteId::from_key(&key("briefing", k));
        if !missing::<crate::entity::briefing_note::Entity>(store, &id.to_string()).await? {
            continue;
        }
        let actor = store.actor_of(username).await?;
        let input = BriefingNoteInput {
            agenda_item_id: Some(item.clone()),
            text: Some(text.into()),
            ..Default::default()
        };
        store
            .add_briefing_note(&actor, id, &NewBriefingNote::try_from(&input)?)
            .await?;
        report.created += 1;
    }
    Ok(())
}
