//! Meeting pages: the list, one meeting with its agenda, the forms, state moves, the calendar file.

use crate::AppState;
use crate::error::{AppError, PageError};
use crate::extract::{CsrfForm, CurrentUser, MaybeUser, SignedIn};
use crate::pages::directory::{FormPlace, form_page, party_choices, people_choices, save};
use crate::pages::{Cell, Field, Layout, ListPage, render};
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use corridor_core::ids::{AgendaItemId, BriefingNoteId, MeetingId};
use corridor_core::meeting::*;
use corridor_store::Page;
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
                super::when_cell(m, super::viewer_zone(&user)),
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
        links: Vec::new(),
    };
    Ok(render(&page))
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
    let meeting = match i.meeting_id.as_deref() {
        Some(m) => s.store.meeting(&viewer, m).await.ok(),
        None => None,
    };
    let links = match meeting {
        Some(m) => super::link_choices(s, &viewer, &m.body.id).await?,
        None => Vec::new(),
    };
    Ok(vec![
        Field::text("meeting_id", "", i.meeting_id.as_deref()).kind("hidden"),
        Field::text("title", "Title", i.title.as_deref()).required(),
        Field::text("title_zh", "Title in Chinese", i.title_zh.as_deref()).lang("zh"),
        Field::text("title_ur", "Title in Urdu", i.title_ur.as_deref()).lang("ur"),
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
        Field::multi("links", "Records it discusses", &i.links, links),
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

pub(crate) async fn add_delegate(
    State(s): State<AppState>,
    form: CsrfForm<DelegateInput>,
) -> Result<Response, PageError> {
    let new = NewDelegate::try_from(&form.form)?;
    s.store
        .add_delegate(
            &form.user.actor(),
            corridor_core::ids::DelegateId::new(),
            &new,
        )
        .await?;
    Ok(Redirect::to(&format!("/meetings/{}#delegations", new.meeting_id)).into_response())
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
