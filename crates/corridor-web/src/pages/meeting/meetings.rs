//! Meeting pages: the list, one meeting with its agenda, the forms, state moves, the calendar file.

use super::outcome_cell;
use crate::AppState;
use crate::error::{AppError, PageError};
use crate::extract::{CsrfForm, CurrentUser, MaybeUser, SignedIn};
use crate::pages::directory::{FormPlace, form_page, party_choices, people_choices, save};
use crate::pages::widgets::{HistoryRow, describe_access, history_rows};
use crate::pages::{Cell, Field, Layout, ListPage, render};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use corridor_core::ids::{AgendaItemId, BriefingNoteId, MeetingId};
use corridor_core::meeting::view::MeetingView;
use corridor_core::meeting::*;
use corridor_store::Page;
use corridor_store::entity::meeting;
use corridor_store::meeting::RegisterFilter;
use serde::Deserialize;

#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct ListQuery {
    body_id: Option<String>,
    after: Option<String>,
}

pub(crate) async fn list(
    State(s): State<AppState>,
    user: MaybeUser,
    Query(q): Query<ListQuery>,
) -> Result<Response, PageError> {
    let viewer = user.viewer();
    let body = q.body_id.clone().filter(|b| !b.is_empty());
    let page = s
        .store
        .meetings(
            &viewer,
            body.as_deref(),
            &Page {
                after: q.after.clone(),
                limit: Some(50),
            },
        )
        .await?;
    let rows = page
        .items
        .iter()
        .map(|m| {
            vec![
                Cell::text(m.starts_local.clone()),
                Cell::link(m.title.clone(), format!("/meetings/{}", m.id)),
                Cell::reference(&m.body, "/bodies"),
                Cell::text(
                    m.modality
                        .parse::<Modality>()
                        .map_or(m.modality.clone(), |x| x.label().to_owned()),
                ),
                Cell::text(
                    m.state
                        .parse::<MeetingState>()
                        .map_or(m.state.clone(), |x| x.label().to_owned()),
                ),
            ]
        })
        .collect();
    let bodies = s
        .store
        .bodies(&viewer)
        .await?
        .into_iter()
        .map(|b| (b.id, b.name))
        .collect();
    let page = ListPage {
        layout: Layout::new(&s, user.0.as_ref(), "Meetings").await,
        intro: "Numbered meetings of the joint bodies, newest first. Times are local to where each meeting is held.".into(),
        filters: vec![Field::select("body_id", "Body", q.body_id.as_deref(), bodies)],
        columns: vec!["When (local)", "Meeting", "Body", "Modality", "State"],
        rows,
        next_href: page.next.map(|n| format!("/meetings?{}", serde_urlencoded::to_string([("after", n)]).unwrap_or_default())),
        new_href: user.0.as_ref().map(|_| "/meetings/new".into()),
        empty: "No meetings that you may see.",
    };
    Ok(render(&page))
}

struct AgendaRow {
    id: String,
    title: String,
    lead: String,
    presenter: String,
    minutes: String,
    arising: Vec<Cell>,
    outcomes: Vec<Cell>,
    notes: Vec<String>,
}

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
}

fn facts(m: &MeetingView) -> Vec<(&'static str, Cell)> {
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
    vec![
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
    ]
}

async fn ics(s: &AppState, user: &MaybeUser, id: &str) -> Result<Response, PageError> {
    let m = s.store.meeting(&user.viewer(), id).await?;
    let body = m.body.name.clone().unwrap_or_default();
    let url = format!(
        "{}/meetings/{}",
        s.config.public_url.trim_end_matches('/'),
        m.id
    );
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
    let arising = s.store.matters_arising(&viewer, &m.id).await?;
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
    let rows = agenda_rows(&s, &user, &agenda, &arising, &outcomes).await?;
    let other_outcomes = outcomes
        .iter()
        .filter(|o| o.agenda_item_id.is_none())
        .map(outcome_cell)
        .collect();
    let starts =
        time::OffsetDateTime::parse(&m.starts_at, &time::format_description::well_known::Rfc3339)
            .ok();
    let ends =
        time::OffsetDateTime::parse(&m.ends_at, &time::format_description::well_known::Rfc3339)
            .ok();
    let meeting_minutes = starts.zip(ends).map_or(0, |(a, b)| (b - a).whole_minutes());
    let history = history_rows(s.store.history::<meeting::Entity>(&viewer, &m.id).await?);
    let minutes = s.store.minutes(&viewer, &m.id).await?;
    let me = user.0.as_ref().map(|u| u.user.clone());
    let host = minutes.host_party.id.clone();
    let is_counterpart = me
        .as_ref()
        .is_some_and(|u| u.party_id.to_string() != host && u.role != corridor_core::Role::Observer);
    let circulated = minutes
        .versions
        .first()
        .filter(|v| v.status == "circulated")
        .map(|v| v.id.clone());
    let can_sign = m.state == "minutes_agreed"
        && me.as_ref().is_some_and(|u| {
            minutes
                .pending_signers
                .iter()
                .any(|p| p.id == u.person_id.to_string())
        });
    let has_record = minutes
        .versions
        .iter()
        .any(|v| v.status == "agreed" && !v.signatures.is_empty());
    let titles = agenda
        .iter()
        .map(|a| (a.id.clone(), a.title.clone()))
        .collect();
    let page = MeetingPage {
        is_host: m.access.can_edit,
        is_counterpart,
        can_sign,
        has_record,
        titles,
        circulated,
        minutes,
        layout: Layout::new(
            &s,
            user.0.as_ref(),
            format!("{}: {}", m.body.name.clone().unwrap_or_default(), m.title),
        )
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
        facts: facts(&m),
        agenda_minutes: agenda.iter().filter_map(|a| a.duration_minutes).sum(),
        meeting_minutes,
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
    arising: &[corridor_core::meeting::view::RegisterItemView],
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

async fn fields(s: &AppState, user: &SignedIn, i: &MeetingInput) -> Result<Vec<Field>, PageError> {
    let viewer = user.viewer();
    let bodies = s
        .store
        .bodies(&viewer)
        .await?
        .into_iter()
        .map(|b| (b.id, b.name))
        .collect();
    let modalities = [Modality::Video, Modality::InPerson, Modality::Hybrid]
        .iter()
        .map(|m| (m.as_str().to_owned(), m.label().to_owned()))
        .collect();
    let kinds = vec![
        ("regular".to_owned(), "Regular".to_owned()),
        ("special".to_owned(), "Special".to_owned()),
    ];
    let mut f = vec![
        Field::select("body_id", "Body", i.body_id.as_deref(), bodies).required(),
        Field::text(
            "number",
            "Number in the series",
            i.number.map(|n| n.to_string()).as_deref(),
        )
        .kind("number")
        .required(),
        Field::text("title", "Title", i.title.as_deref())
            .hint("Left empty: “5th meeting” for number 5."),
        Field::select(
            "kind",
            "Kind",
            Some(i.kind.as_deref().unwrap_or("regular")),
            kinds,
        )
        .required(),
        Field::select("modality", "Modality", i.modality.as_deref(), modalities).required(),
        Field::text("venue", "Venue", i.venue.as_deref()),
        Field::text("city", "City", i.city.as_deref()).hint("Required when held in person."),
        Field::text("video_link", "Video link", i.video_link.as_deref()).kind("url"),
        Field::text(
            "time_zone",
            "Time zone",
            Some(i.time_zone.as_deref().unwrap_or("Asia/Karachi")),
        )
        .required()
        .hint("Where the meeting is held, e.g. Asia/Karachi or Asia/Shanghai."),
        Field::text("starts_at", "Starts (local time)", i.starts_at.as_deref())
            .kind("datetime-local")
            .required(),
        Field::text("ends_at", "Ends (local time)", i.ends_at.as_deref())
            .kind("datetime-local")
            .required(),
        Field::select(
            "host_party_id",
            "Host",
            i.host_party_id.as_deref(),
            party_choices(s, &viewer).await?,
        )
        .required(),
        Field::multi(
            "co_chair_ids",
            "Co-chairs (one per party)",
            &i.co_chair_ids,
            people_choices(s, &viewer).await?,
        ),
    ];
    f.extend(crate::pages::visibility_fields(
        i.visibility.as_deref(),
        &i.restricted_to,
        people_choices(s, &viewer).await?,
    ));
    if let Some(v) = i.version {
        f.push(Field::text("version", "", Some(&v.to_string())).kind("hidden"));
    }
    Ok(f)
}

pub(crate) async fn new_form(
    State(s): State<AppState>,
    user: CurrentUser,
) -> Result<Response, PageError> {
    let input = MeetingInput {
        host_party_id: Some(user.user.party_id.to_string()),
        ..Default::default()
    };
    let f = fields(&s, &user, &input).await?;
    Ok(form_page(
        &s,
        &user,
        FormPlace::new("New meeting", "/meetings", "/meetings"),
        f,
        None,
    )
    .await)
}

pub(crate) async fn create(
    State(s): State<AppState>,
    form: CsrfForm<MeetingInput>,
) -> Result<Response, PageError> {
    let (user, input) = (&form.user, &form.form);
    let create = async |new: NewMeeting| {
        s.store
            .create_meeting(&user.actor(), MeetingId::new(), &new)
            .await
    };
    let place = FormPlace::new("New meeting", "/meetings", "/meetings");
    save(
        &s,
        user,
        input,
        place,
        async || fields(&s, user, input).await,
        create,
        |m| format!("/meetings/{}", m.id),
    )
    .await
}

pub(crate) async fn edit_form(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let m = s.store.meeting(&user.viewer(), &id).await?;
    let input = MeetingInput {
        body_id: Some(m.body.id.clone()),
        number: Some(i64::from(m.number)),
        title: Some(m.title.clone()),
        kind: Some(m.kind.clone()),
        modality: Some(m.modality.clone()),
        venue: m.venue.clone(),
        city: m.city.clone(),
        video_link: m.video_link.clone(),
        time_zone: Some(m.time_zone.clone()),
        starts_at: Some(m.starts_local.replace(' ', "T")),
        ends_at: Some(m.ends_local.replace(' ', "T")),
        host_party_id: Some(m.host_party.id.clone()),
        co_chair_ids: m.co_chairs.iter().map(|c| c.id.clone()).collect(),
        visibility: Some(m.access.visibility.clone()),
        restricted_to: m
            .access
            .restricted_to
            .iter()
            .map(|r| r.id.clone())
            .collect(),
        version: Some(m.access.version),
    };
    let f = fields(&s, &user, &input).await?;
    let href = format!("/meetings/{id}");
    Ok(form_page(
        &s,
        &user,
        FormPlace::new(format!("Edit {}", m.title), href.clone(), href),
        f,
        None,
    )
    .await)
}

pub(crate) async fn update(
    State(s): State<AppState>,
    Path(id): Path<String>,
    form: CsrfForm<MeetingInput>,
) -> Result<Response, PageError> {
    let (user, input) = (&form.user, &form.form);
    let update = async |new: NewMeeting| s.store.update_meeting(&user.actor(), &id, &new).await;
    let href = format!("/meetings/{id}");
    let place = FormPlace::new("Edit meeting", href.clone(), href);
    save(
        &s,
        user,
        input,
        place,
        async || fields(&s, user, input).await,
        update,
        |m| format!("/meetings/{}", m.id),
    )
    .await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct StateForm {
    action: String,
}

pub(crate) async fn change_state(
    State(s): State<AppState>,
    Path(id): Path<String>,
    form: CsrfForm<StateForm>,
) -> Result<Response, PageError> {
    let action: MeetingAction = form.form.action.parse().map_err(|m: String| {
        AppError::new(
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            format!("action: {m}"),
        )
    })?;
    s.store
        .change_meeting_state(&form.user.actor(), &id, action)
        .await?;
    Ok(Redirect::to(&format!("/meetings/{id}")).into_response())
}

async fn agenda_fields(
    s: &AppState,
    user: &SignedIn,
    i: &AgendaItemInput,
) -> Result<Vec<Field>, PageError> {
    let viewer = user.viewer();
    Ok(vec![
        Field::text("meeting_id", "", i.meeting_id.as_deref()).kind("hidden"),
        Field::text("title", "Title", i.title.as_deref()).required(),
        Field::select(
            "lead_party_id",
            "Led by",
            i.lead_party_id.as_deref(),
            party_choices(s, &viewer).await?,
        ),
        Field::select(
            "presenter_id",
            "Presented by",
            i.presenter_id.as_deref(),
            people_choices(s, &viewer).await?,
        ),
        Field::text(
            "duration_minutes",
            "Minutes",
            i.duration_minutes.map(|d| d.to_string()).as_deref(),
        )
        .kind("number"),
        Field::text(
            "position",
            "Position (empty: at the end)",
            i.position.map(|d| d.to_string()).as_deref(),
        )
        .kind("number"),
    ])
}

pub(crate) async fn agenda_form(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let m = s.store.meeting(&user.viewer(), &id).await?;
    let input = AgendaItemInput {
        meeting_id: Some(m.id.clone()),
        ..Default::default()
    };
    let f = agenda_fields(&s, &user, &input).await?;
    let href = format!("/meetings/{id}");
    Ok(form_page(
        &s,
        &user,
        FormPlace::new(
            format!("Agenda item for the {}", m.title),
            "/agenda-items",
            href,
        ),
        f,
        None,
    )
    .await)
}

pub(crate) async fn add_agenda_item(
    State(s): State<AppState>,
    form: CsrfForm<AgendaItemInput>,
) -> Result<Response, PageError> {
    let (user, input) = (&form.user, &form.form);
    let add = async |new: NewAgendaItem| {
        s.store
            .add_agenda_item(&user.actor(), AgendaItemId::new(), &new)
            .await
    };
    let back = format!("/meetings/{}", input.meeting_id.clone().unwrap_or_default());
    let place = FormPlace::new("Agenda item", "/agenda-items", back);
    save(
        &s,
        user,
        input,
        place,
        async || agenda_fields(&s, user, input).await,
        add,
        |a| format!("/meetings/{}", a.meeting_id),
    )
    .await
}

pub(crate) async fn add_briefing_note(
    State(s): State<AppState>,
    form: CsrfForm<BriefingNoteInput>,
) -> Result<Response, PageError> {
    let new = NewBriefingNote::try_from(&form.form)?;
    let item = s
        .store
        .agenda_item(&form.user.viewer(), &new.agenda_item_id.to_string())
        .await?;
    s.store
        .add_briefing_note(&form.user.actor(), BriefingNoteId::new(), &new)
        .await?;
    Ok(Redirect::to(&format!("/meetings/{}", item.meeting_id)).into_response())
}
