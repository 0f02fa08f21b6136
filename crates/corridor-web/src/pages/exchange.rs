//! Delegation visits and exchange cohorts' pages: the list, the form (which can start from a register item),
//! and an exchange's page where each side does its part: the sending side nominates, the host decides,
//! plans the programme, issues letters and records attendance, and either side closes, cancels or reports.

use crate::AppState;
use crate::api::exchange::{ExchangeQuery, StatusInput, yes_no};
use crate::error::{AppError, PageError};
use crate::extract::{CsrfForm, CurrentUser, MaybeUser, SignedIn};
use crate::pages::directory::{
    FormPlace, form_page, organisation_choices, party_choices, people_choices, save,
};
use crate::pages::portfolio::{label, words};
use crate::pages::widgets::{HistoryRow, describe_access, history_rows};
use crate::pages::{Cell, Field, Layout, ListPage, render, visibility_fields};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use corridor_core::exchange::view::ExchangeView;
use corridor_core::exchange::{
    ExchangeInput, ExchangeKind, ExchangeStatus, Gender, NewExchange, NewNomination,
    NewProgrammeItem, NominationDecision, NominationDecisionInput, NominationInput,
    NominationStatus, ProgrammeInput, SiteKind, VisitReport, VisitReportInput,
};
use corridor_core::ids::{ExchangeId, NominationId, ProgrammeItemId};
use corridor_core::portfolio::ProjectKind;
use corridor_store::entity::exchange;
use serde::Deserialize;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/exchanges", get(list).post(create))
        .route("/exchanges/new", get(new_form))
        .route("/exchanges/{id}", get(show))
        .route("/exchanges/{id}/status", post(set_status))
        .route("/exchanges/{id}/report", post(report))
        .route("/exchanges/{id}/nominations", post(nominate))
        .route("/exchanges/{id}/programme", post(add_programme))
        .route("/exchanges/{id}/nominations/{n}/decision", post(decide))
        .route(
            "/exchanges/{id}/nominations/{n}/attendance",
            post(attendance),
        )
        .route("/exchanges/{id}/nominations/{n}/letter", post(issue_letter))
}

async fn list(
    State(s): State<AppState>,
    user: MaybeUser,
    Query(q): Query<ExchangeQuery>,
) -> Result<Response, PageError> {
    let items = s.store.exchanges(&user.viewer(), &q.filter()).await?;
    let rows = items
        .iter()
        .map(|x| {
            vec![
                Cell::link(x.title.clone(), format!("/exchanges/{}", x.id)),
                Cell::text(label(&x.kind, ExchangeKind::label)),
                Cell::text(format!(
                    "{} → {}",
                    x.sending_party.name.clone().unwrap_or_default(),
                    x.host_party.name.clone().unwrap_or_default()
                )),
                Cell::text(format!("{} to {}", x.starts_on, x.ends_on)),
                Cell::text(label(&x.status, ExchangeStatus::label)),
                Cell::text(format!(
                    "{} nominated, {} approved, {} attended",
                    x.counts.nominated, x.counts.approved, x.counts.attended
                )),
            ]
        })
        .collect();
    let page = ListPage {
        layout: Layout::new(&s, user.0.as_ref(), "Delegations and exchanges").await,
        intro: "Delegation visits and yearly exchange cohorts: from the request on the register, through the sending side's nominations and the host's programme and letters, to attendance and the post-visit report.".into(),
        filters: vec![],
        columns: vec!["Exchange", "Kind", "Sending → host", "Dates", "Status", "People"],
        rows,
        next_href: None,
        new_href: user.0.as_ref().map(|_| "/exchanges/new".into()),
        empty: "No exchange that you may see.",
        links: Vec::new(),
    };
    Ok(render(&page))
}

async fn fields(s: &AppState, user: &SignedIn, i: &ExchangeInput) -> Result<Vec<Field>, PageError> {
    let viewer = user.viewer();
    let requests = s
        .store
        .register(
            &viewer,
            &Default::default(),
            &corridor_store::Page::first(500),
        )
        .await?
        .items
        .into_iter()
        .filter(|r| matches!(r.kind.as_str(), "request" | "action" | "decision"))
        .map(|r| {
            let text: String = r.text.chars().take(90).collect();
            (
                r.id,
                format!("{}: {text}", r.meeting.name.unwrap_or_default()),
            )
        })
        .collect();
    let programmes = s
        .store
        .projects(
            &viewer,
            &corridor_store::portfolio::ProjectFilter {
                kind: Some(ProjectKind::ExchangeProgramme),
                ..Default::default()
            },
            &corridor_store::Page::first(500),
        )
        .await?
        .items
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let parties = party_choices(s, &viewer).await?;
    let year = i.cohort_year.map(|y| y.to_string());
    let mut f = vec![
        Field::select(
            "kind",
            "Kind",
            Some(i.kind.as_deref().unwrap_or("delegation_visit")),
            words(ExchangeKind::ALL, ExchangeKind::as_str, ExchangeKind::label),
        )
        .required(),
        Field::text("title", "Title", i.title.as_deref()).required(),
        Field::text("title_zh", "Title in Chinese", i.title_zh.as_deref()).lang("zh"),
        Field::text("purpose", "Purpose", i.purpose.as_deref()).kind("textarea"),
        Field::select(
            "request_item_id",
            "Requested by (register item)",
            i.request_item_id.as_deref(),
            requests,
        )
        .hint("The meeting's request or action this exchange answers."),
        Field::select(
            "programme_project_id",
            "Programme (cohorts only)",
            i.programme_project_id.as_deref(),
            programmes,
        ),
        Field::text("cohort_year", "Cohort year (cohorts only)", year.as_deref()),
        Field::select(
            "sending_party_id",
            "Sending side",
            i.sending_party_id.as_deref(),
            parties.clone(),
        )
        .required(),
        Field::select(
            "host_party_id",
            "Host side",
            i.host_party_id.as_deref(),
            parties,
        )
        .required(),
        Field::text("starts_on", "First day", i.starts_on.as_deref())
            .kind("date")
            .required(),
        Field::text("ends_on", "Last day", i.ends_on.as_deref())
            .kind("date")
            .required(),
    ];
    f.extend(visibility_fields(
        i.visibility.as_deref(),
        &i.restricted_to,
        people_choices(s, &viewer).await?,
    ));
    Ok(f)
}

fn place() -> FormPlace {
    FormPlace::new("New exchange", "/exchanges", "/exchanges")
}

/// `?request=` starts the form from a register item, `?programme=` as a cohort of an exchange programme.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(crate) struct NewQuery {
    request: Option<String>,
    programme: Option<String>,
}

async fn new_form(
    State(s): State<AppState>,
    user: CurrentUser,
    Query(q): Query<NewQuery>,
) -> Result<Response, PageError> {
    let input = ExchangeInput {
        kind: q.programme.as_ref().map(|_| "cohort".to_owned()),
        programme_project_id: q.programme,
        request_item_id: q.request,
        sending_party_id: Some(user.user.party_id.to_string()),
        ..Default::default()
    };
    let f = fields(&s, &user, &input).await?;
    Ok(form_page(&s, &user, place(), f, None).await)
}

async fn create(
    State(s): State<AppState>,
    form: CsrfForm<ExchangeInput>,
) -> Result<Response, PageError> {
    let (user, input) = (&form.user, &form.form);
    let op = async |new: NewExchange| {
        s.store
            .create_exchange(&user.actor(), ExchangeId::new(), &new)
            .await
    };
    save(
        &s,
        user,
        input,
        place(),
        async || fields(&s, user, input).await,
        op,
        |x| format!("/exchanges/{}", x.id),
    )
    .await
}

#[derive(Template)]
#[template(path = "exchange.html")]
struct ExchangePage {
    layout: Layout,
    visibility: String,
    kind: String,
    status: String,
    is_sending: bool,
    is_host: bool,
    open: bool,
    active: bool,
    organisations: Vec<(String, String)>,
    projects: Vec<(String, String)>,
    genders: Vec<(String, String)>,
    site_kinds: Vec<(String, String)>,
    history: Vec<HistoryRow>,
    x: ExchangeView,
}

impl ExchangePage {
    fn nomination_status(&self, raw: &str) -> String {
        label(raw, NominationStatus::label)
    }
    fn gender(&self, raw: &str) -> String {
        label(raw, Gender::label)
    }
    fn site_kind(&self, raw: &str) -> String {
        label(raw, SiteKind::label)
    }
}

async fn show(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let viewer = user.viewer();
    let x = s.store.exchange(&viewer, &id).await?;
    let party = user.0.as_ref().map(|u| u.user.party_id.to_string());
    let is_sending = party.as_deref() == Some(x.sending_party.id.as_str());
    let is_host = party.as_deref() == Some(x.host_party.id.as_str());
    let (organisations, projects) = if is_sending || is_host {
        let orgs = organisation_choices(&s, &viewer).await?;
        let projects = s
            .store
            .projects(
                &viewer,
                &Default::default(),
                &corridor_store::Page::first(500),
            )
            .await?
            .items
            .into_iter()
            .map(|p| (p.id, p.name))
            .collect();
        (orgs, projects)
    } else {
        (Vec::new(), Vec::new())
    };
    let status: ExchangeStatus = x.status.parse().unwrap_or(ExchangeStatus::Open);
    let page = ExchangePage {
        layout: Layout::new(&s, user.0.as_ref(), x.title.clone())
            .await
            .following(&s, user.0.as_ref(), format!("exchange:{}", x.id))
            .await,
        visibility: describe_access(&x.access),
        kind: label(&x.kind, ExchangeKind::label),
        status: status.label().to_owned(),
        is_sending,
        is_host,
        open: status == ExchangeStatus::Open,
        active: matches!(status, ExchangeStatus::Open | ExchangeStatus::Closed),
        organisations,
        projects,
        genders: words(Gender::ALL, Gender::as_str, Gender::label),
        site_kinds: words(SiteKind::ALL, SiteKind::as_str, SiteKind::label),
        history: history_rows(s.store.history::<exchange::Entity>(&viewer, &x.id).await?),
        x,
    };
    Ok(render(&page))
}

fn back(id: &str, anchor: &str) -> Response {
    Redirect::to(&format!("/exchanges/{id}#{anchor}")).into_response()
}

async fn set_status(
    State(s): State<AppState>,
    Path(id): Path<String>,
    form: CsrfForm<StatusInput>,
) -> Result<Response, PageError> {
    let to = form.form.parse().map_err(AppError::from)?;
    s.store
        .set_exchange_status(&form.user.actor(), &id, to, form.form.reason.as_deref())
        .await?;
    Ok(back(&id, "status"))
}

async fn report(
    State(s): State<AppState>,
    Path(id): Path<String>,
    form: CsrfForm<VisitReportInput>,
) -> Result<Response, PageError> {
    let r = VisitReport::try_from(&form.form)?;
    s.store.report_exchange(&form.user.actor(), &id, &r).await?;
    Ok(back(&id, "report"))
}

async fn nominate(
    State(s): State<AppState>,
    Path(id): Path<String>,
    form: CsrfForm<NominationInput>,
) -> Result<Response, PageError> {
    let new = NewNomination::try_from(&form.form)?;
    s.store
        .nominate(&form.user.actor(), &id, NominationId::new(), &new)
        .await?;
    Ok(back(&id, "people"))
}

async fn add_programme(
    State(s): State<AppState>,
    Path(id): Path<String>,
    form: CsrfForm<ProgrammeInput>,
) -> Result<Response, PageError> {
    let new = NewProgrammeItem::try_from(&form.form)?;
    s.store
        .add_programme_item(&form.user.actor(), &id, ProgrammeItemId::new(), &new)
        .await?;
    Ok(back(&id, "programme"))
}

async fn decide(
    State(s): State<AppState>,
    Path((id, n)): Path<(String, String)>,
    form: CsrfForm<NominationDecisionInput>,
) -> Result<Response, PageError> {
    let d = NominationDecision::try_from(&form.form)?;
    s.store
        .decide_nomination(&form.user.actor(), &n, &d)
        .await?;
    Ok(back(&id, "people"))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AttendanceForm {
    attended: String,
}

async fn attendance(
    State(s): State<AppState>,
    Path((id, n)): Path<(String, String)>,
    form: CsrfForm<AttendanceForm>,
) -> Result<Response, PageError> {
    let attended = yes_no(&form.form.attended).map_err(AppError::from)?;
    s.store
        .record_attendance(&form.user.actor(), &n, attended)
        .await?;
    Ok(back(&id, "people"))
}

async fn issue_letter(
    State(s): State<AppState>,
    Path((id, n)): Path<(String, String)>,
    form: CsrfForm<crate::pages::Empty>,
) -> Result<Response, PageError> {
    crate::letter::issue(&s, &form.user, &n).await?;
    Ok(back(&id, "people"))
}
