//! One meeting's page: particulars, delegations, agenda with matters arising and outcomes, each side's
//! briefing notes, the minutes with their versions and signatures, and the calendar file.

use super::outcome_cell;
use crate::AppState;
use crate::error::PageError;
use crate::extract::MaybeUser;
use crate::pages::widgets::{HistoryRow, describe_access, history_rows};
use crate::pages::{Cell, Layout, render};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use corridor_core::meeting::view::{MeetingView, RegisterItemView};
use corridor_core::meeting::*;
use corridor_store::Page;
use corridor_store::entity::meeting;
use corridor_store::meeting::RegisterFilter;

struct AgendaRow {
    id: String,
    title: String,
    title_zh: String,
    lead: String,
    presenter: String,
    minutes: String,
    links: Vec<(String, String)>,
    arising: Vec<Cell>,
    /// When the page lists only the first matters arising: what it says of the rest, and the register's
    /// list of them all.
    arising_more: Option<(String, String)>,
    outcomes: Vec<Cell>,
    notes: Vec<String>,
}

/// How many matters arising a meeting's page lists; the rest are one click away in the register.
const ARISING_SHOWN: u64 = 50;

/// How far the page counts them; a body with more says "1000 or more" instead of reading every one.
const ARISING_COUNTED: u64 = 1000;

#[derive(Template)]
#[template(path = "meeting.html")]
struct MeetingPage {
    layout: Layout,
    id: String,
    visibility: String,
    state: String,
    actions: Vec<(String, String)>,
    can_edit: bool,
    facts: Vec<(&'static str, Cell)>,
    agenda: Vec<AgendaRow>,
    agenda_minutes: i32,
    meeting_minutes: i64,
    other_outcomes: Vec<Cell>,
    history: Vec<HistoryRow>,
    minutes: corridor_core::meeting::view::MinutesView,
    titles: std::collections::HashMap<String, String>,
    circulated: Option<String>,
    is_host: bool,
    is_counterpart: bool,
    can_sign: bool,
    has_record: bool,
    delegations: Vec<SideRow>,
    own_people: Vec<(String, String)>,
    organisations: Vec<(String, String)>,
}

fn facts(m: &MeetingView, zone: Option<&str>) -> Vec<(&'static str, Cell)> {
    let yours =
        corridor_core::meeting::schedule::for_viewer(&m.starts_at, &m.ends_at, &m.time_zone, zone)
            .map(|t| ("In your time zone", Cell::text(t)));
    let chairs = m
        .co_chairs
        .iter()
        .map(|c| {
            c.name
                .clone()
                .unwrap_or_else(|| "(not visible to you)".into())
        })
        .collect::<Vec<_>>()
        .join(", ");
    let place = [m.venue.clone(), m.city.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    let mut facts = vec![
        ("Body", Cell::reference(&m.body, "/bodies")),
        (
            "Number",
            Cell::text(corridor_core::meeting::schedule::ordinal(i64::from(
                m.number,
            ))),
        ),
        (
            "When",
            Cell::text(format!(
                "{} to {} ({}; {} to {} UTC)",
                m.starts_local,
                &m.ends_local[11..],
                m.time_zone,
                &m.starts_at[..16].replace('T', " "),
                &m.ends_at[11..16]
            )),
        ),
        (
            "Modality",
            Cell::text(
                m.modality
                    .parse::<Modality>()
                    .map_or(m.modality.clone(), |x| x.label().to_owned()),
            ),
        ),
        (
            "Where",
            Cell::text(if place.is_empty() {
                "—".to_owned()
            } else {
                place
            }),
        ),
        (
            "Video link",
            m.video_link
                .clone()
                .map_or_else(|| Cell::text("—"), |l| Cell::link(l.clone(), l)),
        ),
        ("Host", Cell::reference(&m.host_party, "/parties")),
        (
            "Co-chairs",
            Cell::text(if chairs.is_empty() {
                "—".to_owned()
            } else {
                chairs
            }),
        ),
    ];
    if let Some(y) = yours {
        facts.insert(3, y);
    }
    facts
}

async fn ics(s: &AppState, user: &MaybeUser, id: &str) -> Result<Response, PageError> {
    let m = s.store.meeting(&user.viewer(), id).await?;
    let body = m.body.name.clone().unwrap_or_default();
    let url = format!("{}/meetings/{}", s.config.base_url(), m.id);
    let event = corridor_formats::ical::CalendarEvent {
        meeting: &m,
        body: &body,
        url,
    };
    let text = corridor_formats::ical::calendar(&m.title, &[event]);
    let disposition = format!("attachment; filename=\"meeting-{}.ics\"", m.number);
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_owned(),
            ),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        text,
    )
        .into_response())
}

/// A meeting's page title: its body and its own title.
fn meeting_title(m: &corridor_core::meeting::view::MeetingView) -> String {
    format!("{}: {}", m.body.name.clone().unwrap_or_default(), m.title)
}

/// The first matters arising the page shows and, when there are more, a line with the count the viewer may
/// see and a link to all of them in the register; nothing when the agenda has no item to show them under.
async fn matters_arising(
    s: &AppState,
    viewer: &corridor_core::Viewer,
    meeting_id: &str,
    shown: bool,
) -> Result<(Vec<RegisterItemView>, Option<(String, String)>), PageError> {
    // Only an agenda with a matters-arising item shows them.
    if !shown {
        return Ok((Vec::new(), None));
    }
    let arising = s
        .store
        .matters_arising(viewer, meeting_id, &Page::first(ARISING_SHOWN))
        .await?;
    let more = match arising.next {
        None => None,
        Some(_) => {
            let all = RegisterFilter {
                arising_for: Some(meeting_id.to_owned()),
                ..Default::default()
            };
            let n = s
                .store
                .register_count(viewer, &all, ARISING_COUNTED)
                .await?;
            let n = if n < ARISING_COUNTED {
                n.to_string()
            } else {
                format!("{ARISING_COUNTED} or more")
            };
            Some((
                format!(
                    "The first {ARISING_SHOWN} of {n} open items; all of them are in the register."
                ),
                format!("/register?arising_for={meeting_id}"),
            ))
        }
    };
    Ok((arising.items, more))
}

/// How long the meeting is scheduled to last, in minutes.
fn duration_minutes(m: &corridor_core::meeting::view::MeetingView) -> i64 {
    let at = |t: &str| {
        time::OffsetDateTime::parse(t, &time::format_description::well_known::Rfc3339).ok()
    };
    at(&m.starts_at)
        .zip(at(&m.ends_at))
        .map_or(0, |(a, b)| (b - a).whole_minutes())
}

pub(crate) async fn show(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    if let Some(id) = id.strip_suffix(".ics") {
        return ics(&s, &user, id).await;
    }
    let viewer = user.viewer();
    let m = s.store.meeting(&viewer, &id).await?;
    let agenda = s.store.agenda(&viewer, &m.id).await?;
    let shows_arising = agenda.iter().any(|a| a.item_kind == "matters_arising");
    let (arising, arising_more) = matters_arising(&s, &viewer, &m.id, shows_arising).await?;
    let outcomes = s
        .store
        .register(
            &viewer,
            &RegisterFilter {
                meeting_id: Some(m.id.clone()),
                ..Default::default()
            },
            &Page::first(500),
        )
        .await?
        .items;
    let rows = agenda_rows(
        &s,
        &user,
        &agenda,
        (&arising, arising_more.as_ref()),
        &outcomes,
    )
    .await?;
    let other_outcomes = outcomes
        .iter()
        .filter(|o| o.agenda_item_id.is_none())
        .map(outcome_cell)
        .collect();
    let history = history_rows(s.store.history::<meeting::Entity>(&viewer, &m.id).await?);
    let minutes = s.store.minutes(&viewer, &m.id).await?;
    let me = user.0.as_ref().map(|u| u.user.clone());
    let flags = MinutesFlags::new(&minutes, me.as_ref(), &m.state);
    let titles = agenda
        .iter()
        .map(|a| (a.id.clone(), a.title.clone()))
        .collect();
    let delegations = s
        .store
        .delegations(&viewer, &m.id)
        .await?
        .into_iter()
        .map(side_row)
        .collect();
    let (own_people, organisations) = match &me {
        Some(u) => {
            let party = u.party_id.to_string();
            let people = s.store.party_person_choices(&viewer, Some(&party)).await?;
            let orgs = s.store.organisation_choices(&viewer).await?;
            (
                people.into_iter().map(|c| (c.id, c.name)).collect(),
                orgs.into_iter().map(|c| (c.id, c.name)).collect(),
            )
        }
        None => (vec![], vec![]),
    };
    let page = MeetingPage {
        delegations,
        own_people,
        organisations,
        is_host: m.access.can_edit,
        is_counterpart: flags.is_counterpart,
        can_sign: flags.can_sign,
        has_record: flags.has_record,
        titles,
        circulated: flags.circulated,
        minutes,
        layout: Layout::new(&s, user.0.as_ref(), meeting_title(&m))
            .await
            .following(&s, user.0.as_ref(), format!("meeting:{}", m.id))
            .await,
        visibility: describe_access(&m.access),
        state: m
            .state
            .parse::<MeetingState>()
            .map_or(m.state.clone(), |x| x.label().to_owned()),
        actions: m
            .actions
            .iter()
            .filter_map(|a| a.parse::<MeetingAction>().ok())
            .map(|a| (a.as_str().to_owned(), a.label().to_owned()))
            .collect(),
        can_edit: m.access.can_edit,
        facts: facts(&m, super::viewer_zone(&user)),
        agenda_minutes: agenda.iter().filter_map(|a| a.duration_minutes).sum(),
        meeting_minutes: duration_minutes(&m),
        agenda: rows,
        other_outcomes,
        history,
        id: m.id,
    };
    Ok(render(&page))
}

/// The agenda as the page lists it: each item with its matters arising, outcomes and the viewer's side's notes.
async fn agenda_rows(
    s: &AppState,
    user: &MaybeUser,
    agenda: &[corridor_core::meeting::view::AgendaItemView],
    (arising, arising_more): (
        &[corridor_core::meeting::view::RegisterItemView],
        Option<&(String, String)>,
    ),
    outcomes: &[corridor_core::meeting::view::RegisterItemView],
) -> Result<Vec<AgendaRow>, PageError> {
    let viewer = user.viewer();
    let mut rows = Vec::with_capacity(agenda.len());
    for item in agenda {
        let notes = if user.0.is_some() {
            s.store.briefing_notes(&viewer, &item.id).await?
        } else {
            vec![]
        };
        rows.push(AgendaRow {
            id: item.id.clone(),
            title: item.title.clone(),
            title_zh: item.title_zh.clone().unwrap_or_default(),
            links: super::link_pairs(&item.links),
            lead: item
                .lead_party
                .as_ref()
                .and_then(|p| p.name.clone())
                .unwrap_or_default(),
            presenter: item
                .presenter
                .as_ref()
                .and_then(|p| p.name.clone())
                .unwrap_or_default(),
            minutes: item
                .duration_minutes
                .map(|d| d.to_string())
                .unwrap_or_default(),
            arising: if item.item_kind == "matters_arising" {
                arising.iter().map(outcome_cell).collect()
            } else {
                vec![]
            },
            arising_more: arising_more
                .filter(|_| item.item_kind == "matters_arising")
                .cloned(),
            outcomes: outcomes
                .iter()
                .filter(|o| o.agenda_item_id.as_deref() == Some(item.id.as_str()))
                .map(outcome_cell)
                .collect(),
            notes: notes.into_iter().map(|n| n.text).collect(),
        });
    }
    Ok(rows)
}

/// One side's delegation as the page shows it: name, position, organisation, on behalf of, attendance.
fn side_row(side: corridor_core::meeting::view::DelegationView) -> SideRow {
    let name = |r: &corridor_core::view::Ref| {
        r.name
            .clone()
            .unwrap_or_else(|| "(not visible to you)".into())
    };
    SideRow {
        party: side.party.name.clone().unwrap_or_default(),
        attending: side.organisations_attending,
        delegates: side
            .delegates
            .iter()
            .map(|d| {
                let attendance = match &d.represented_by {
                    Some(by) => format!("represented by {}", name(by)),
                    None => d.attendance.clone(),
                };
                (
                    name(&d.person),
                    d.title.clone().unwrap_or_default(),
                    name(&d.organisation),
                    d.on_behalf_of.as_ref().map(name).unwrap_or_default(),
                    attendance,
                )
            })
            .collect(),
    }
}

struct SideRow {
    party: String,
    attending: usize,
    delegates: Vec<(String, String, String, String, String)>,
}

/// What the minutes section offers the viewer.
struct MinutesFlags {
    /// The version in circulation, which the counterpart may redline.
    circulated: Option<String>,
    /// A signed-in secretariat user of a party other than the host.
    is_counterpart: bool,
    /// A co-chair whose signature of the agreed version is missing.
    can_sign: bool,
    /// A signed version exists to download.
    has_record: bool,
}

impl MinutesFlags {
    fn new(
        minutes: &corridor_core::meeting::view::MinutesView,
        me: Option<&corridor_core::actor::UserActor>,
        state: &str,
    ) -> Self {
        let host = &minutes.host_party.id;
        MinutesFlags {
            circulated: minutes
                .versions
                .first()
                .filter(|v| v.status == "circulated")
                .map(|v| v.id.clone()),
            is_counterpart: me.is_some_and(|u| {
                &u.party_id.to_string() != host && u.role != corridor_core::Role::Observer
            }),
            can_sign: state == "minutes_agreed"
                && me.is_some_and(|u| {
                    minutes
                        .pending_signers
                        .iter()
                        .any(|p| p.id == u.person_id.to_string())
                }),
            has_record: minutes
                .versions
                .iter()
                .any(|v| v.status == "agreed" && !v.signatures.is_empty()),
        }
    }
}
