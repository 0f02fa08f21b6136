//! The instruments area's pages: the list, an instrument's story, its versions side by side, the redline
//! between two versions, and the forms that record them.

mod consult;
mod files;
mod join;
mod page;
mod timeline;

use crate::AppState;
use crate::api::instrument::InstrumentQuery;
use crate::error::{AppError, PageError};
use crate::extract::{CsrfForm, CurrentUser, MaybeUser, SignedIn};
use crate::pages::directory::{FormPlace, form_page, party_choices, people_choices, save};
use crate::pages::{Cell, Field, Layout, ListPage, render, visibility_fields};
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use corridor_core::ids::{InstrumentId, InstrumentVersionId, StepId};
use corridor_core::instrument::steps::{NewStep, StepInput};
use corridor_core::instrument::text::render as render_text;
use corridor_core::instrument::{
    InstrumentInput, InstrumentKind, NewInstrument, NewVersion, VersionInput, VersionStatus,
};
use corridor_core::language::Language;
use serde::Deserialize;

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/instruments", get(list).post(create))
        .route("/instruments/new", get(new_form))
        .route("/instruments/compare", get(page::compare))
        .route("/instruments/{id}", get(page::show).post(update))
        .route("/instruments/{id}/edit", get(edit_form))
        .route("/instruments/{id}/versions/new", get(version_form))
        .route("/instruments/{id}/versions", post(create_version))
        .route("/instruments/{id}/steps", post(create_step))
        .route("/instrument-versions/{id}", get(page::version))
        .route("/instrument-versions/{id}/status", post(version_status))
        .route("/instrument-versions/{id}/confirm", post(confirm))
        .route("/instruments/{id}/consultations", post(consult::open))
        .route(
            "/instruments/{id}/files",
            post(files::upload).layer(axum::extract::DefaultBodyLimit::max(
                corridor_core::attachment::MAX_BYTES + 64 * 1024,
            )),
        )
        .route(
            "/instruments/{id}/consultations/{c}/responses",
            post(consult::respond),
        )
        .route(
            "/instruments/{id}/responses/{r}/comments/{index}",
            post(consult::take_up),
        )
        .route("/instruments/{id}/accessions", post(join::request))
        .route(
            "/instruments/{id}/accessions/{a}/decisions",
            post(join::decide),
        )
}

fn kinds() -> Vec<(String, String)> {
    InstrumentKind::ALL
        .iter()
        .map(|k| (k.as_str().to_owned(), k.label().to_owned()))
        .collect()
}

async fn list(
    State(s): State<AppState>,
    user: MaybeUser,
    Query(q): Query<InstrumentQuery>,
) -> Result<Response, PageError> {
    let viewer = user.viewer();
    let filter = q.filter()?;
    let page = s.store.instruments(&viewer, &filter, &q.page()?).await?;
    let rows = page
        .items
        .iter()
        .map(|i| {
            vec![
                Cell::link(i.title.clone(), format!("/instruments/{}", i.id)),
                Cell::text(
                    i.kind
                        .parse::<InstrumentKind>()
                        .map_or(i.kind.clone(), |k| k.label().to_owned()),
                ),
                Cell::text(
                    i.parties
                        .iter()
                        .filter_map(|p| p.name.clone())
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
                Cell::text(i.stage.replace('_', " ")),
            ]
        })
        .collect();
    let stages = crate::api::instrument::STAGES
        .iter()
        .map(|st| ((*st).to_owned(), st.replace('_', " ")))
        .collect();
    let page = ListPage {
        layout: Layout::new(&s, user.0.as_ref(), "Instruments").await,
        intro: "Agreements from memorandum to entry into force, with each party's own steps beside the joint ones.".into(),
        filters: vec![
            Field::select("kind", "Kind", filter.kind.map(|k| k.as_str()), kinds()),
            Field::select("party_id", "Party", filter.party_id.as_deref(), party_choices(&s, &viewer).await?),
            Field::select("stage", "Stage", filter.stage.as_deref(), stages),
        ],
        columns: vec!["Title", "Kind", "Parties", "Stage"],
        rows,
        next_href: page.next.map(|n| format!("/instruments?{}", serde_urlencoded::to_string([("after", n)]).unwrap_or_default())),
        new_href: user.0.as_ref().map(|_| "/instruments/new".into()),
        empty: "No instrument that you may see matches.",
        links: Vec::new(),
    };
    Ok(render(&page))
}

async fn fields(
    s: &AppState,
    user: &SignedIn,
    i: &InstrumentInput,
) -> Result<Vec<Field>, PageError> {
    let viewer = user.viewer();
    let bodies = s
        .store
        .bodies(&viewer)
        .await?
        .into_iter()
        .map(|b| (b.id, b.name))
        .collect();
    let page = corridor_store::Page {
        after: None,
        limit: Some(500),
    };
    let earlier = s
        .store
        .instruments(&viewer, &Default::default(), &page)
        .await?
        .items;
    let lineage = earlier
        .iter()
        .flat_map(|e| {
            ["elevates", "supersedes", "amends", "implements"]
                .map(|rel| (format!("{rel}:{}", e.id), format!("{rel} {}", e.title)))
        })
        .collect();
    let flag = |v: &Option<String>| {
        Some(
            if v.as_deref() == Some("true") {
                "true"
            } else {
                ""
            }
            .to_owned(),
        )
    };
    let mut f = vec![
        Field::select("kind", "Kind", i.kind.as_deref(), kinds()).required(),
        Field::text("title", "Title", i.title.as_deref()).required(),
        Field::text("title_zh", "Title in Chinese", i.title_zh.as_deref()).lang("zh"),
        Field::text("title_ur", "Title in Urdu", i.title_ur.as_deref()).lang("ur"),
        Field::multi(
            "party_ids",
            "Parties",
            &i.party_ids,
            party_choices(s, &viewer).await?,
        ),
        Field::select("body_id", "Overseen by", i.body_id.as_deref(), bodies),
        Field::text(
            "umbrella",
            "Umbrella instrument (never summed with what sits under it)",
            flag(&i.umbrella).as_deref(),
        )
        .kind("checkbox"),
        Field::text(
            "open_to_accession",
            "Open to third parties",
            flag(&i.open_to_accession).as_deref(),
        )
        .kind("checkbox"),
        Field::multi(
            "lineage",
            "Stands to earlier instruments",
            &i.lineage,
            lineage,
        ),
    ];
    f.extend(visibility_fields(
        i.visibility.as_deref(),
        &i.restricted_to,
        people_choices(s, &viewer).await?,
    ));
    if let Some(v) = i.version {
        f.push(Field::text("version", "", Some(&v.to_string())).kind("hidden"));
    }
    Ok(f)
}

async fn new_form(State(s): State<AppState>, user: CurrentUser) -> Result<Response, PageError> {
    let input = InstrumentInput {
        party_ids: vec![user.user.party_id.to_string()],
        ..Default::default()
    };
    let f = fields(&s, &user, &input).await?;
    Ok(form_page(
        &s,
        &user,
        FormPlace::new("New instrument", "/instruments", "/instruments"),
        f,
        None,
    )
    .await)
}

async fn create(
    State(s): State<AppState>,
    form: CsrfForm<InstrumentInput>,
) -> Result<Response, PageError> {
    let (user, input) = (&form.user, &form.form);
    let op = async |new: NewInstrument| {
        s.store
            .create_instrument(&user.actor(), InstrumentId::new(), &new)
            .await
    };
    let place = FormPlace::new("New instrument", "/instruments", "/instruments");
    save(
        &s,
        user,
        input,
        place,
        async || fields(&s, user, input).await,
        op,
        |i| format!("/instruments/{}", i.id),
    )
    .await
}

async fn edit_form(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let i = s.store.instrument(&user.viewer(), &id).await?;
    let input = InstrumentInput {
        kind: Some(i.kind.clone()),
        title: Some(i.title.clone()),
        title_zh: i.title_zh.clone(),
        title_ur: i.title_ur.clone(),
        party_ids: i.parties.iter().map(|p| p.id.clone()).collect(),
        body_id: i.body.as_ref().map(|b| b.id.clone()),
        umbrella: Some(i.umbrella.to_string()),
        open_to_accession: Some(i.open_to_accession.to_string()),
        lineage: i
            .lineage
            .iter()
            .map(|l| format!("{}:{}", l.relation, l.instrument.id))
            .collect(),
        visibility: Some(i.access.visibility.clone()),
        restricted_to: i
            .access
            .restricted_to
            .iter()
            .map(|r| r.id.clone())
            .collect(),
        version: Some(i.access.version),
    };
    let f = fields(&s, &user, &input).await?;
    let href = format!("/instruments/{id}");
    Ok(form_page(
        &s,
        &user,
        FormPlace::new(format!("Edit {}", i.title), href.clone(), href),
        f,
        None,
    )
    .await)
}

async fn update(
    State(s): State<AppState>,
    Path(id): Path<String>,
    form: CsrfForm<InstrumentInput>,
) -> Result<Response, PageError> {
    let (user, input) = (&form.user, &form.form);
    let op = async |new: NewInstrument| s.store.update_instrument(&user.actor(), &id, &new).await;
    let href = format!("/instruments/{id}");
    let place = FormPlace::new("Edit instrument", href.clone(), href);
    save(
        &s,
        user,
        input,
        place,
        async || fields(&s, user, input).await,
        op,
        |i| format!("/instruments/{}", i.id),
    )
    .await
}

fn version_fields(i: &VersionInput) -> Vec<Field> {
    let langs = Language::ALL
        .iter()
        .map(|l| (l.code().to_owned(), l.label().to_owned()))
        .collect();
    vec![
        Field::text("label", "Name of this version", i.label.as_deref()).required(),
        Field::text("dated_on", "Dated", i.dated_on.as_deref()).kind("date").required(),
        Field::multi("authentic", "Authentic languages (the others are courtesy translations)", &i.authentic, langs),
        Field::text("text_en", "English text", i.text_en.as_deref())
            .kind("textarea")
            .required()
            .hint("Open each clause with a line [key] number: heading, e.g. [a1] Article 1: Objectives, then its wording. Keys starting with p are parts; a3.1 is a paragraph of a3. Keep a clause's key when it moves or is renumbered."),
        Field::text("text_zh", "Chinese text, for the keys of the English", i.text_zh.as_deref()).kind("textarea").lang("zh"),
        Field::text("text_ur", "Urdu text, for the keys of the English", i.text_ur.as_deref()).kind("textarea").lang("ur"),
    ]
}

/// A new version starts from the latest one the writer may see.
async fn version_form(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let viewer = user.viewer();
    let inst = s.store.instrument(&viewer, &id).await?;
    let latest = s.store.instrument_versions(&viewer, &id).await?.pop();
    let text = |l: Language| latest.as_ref().map(|v| render_text(&v.clauses, l));
    let input = VersionInput {
        text_en: text(Language::En),
        text_zh: text(Language::Zh).filter(|t| !t.is_empty()),
        text_ur: text(Language::Ur).filter(|t| !t.is_empty()),
        authentic: vec!["en".into()],
        dated_on: Some(corridor_core::dates::format_date(
            corridor_core::now().date(),
        )),
        ..Default::default()
    };
    let href = format!("/instruments/{id}");
    let place = FormPlace::new(
        format!("New version of {}", inst.title),
        format!("/instruments/{id}/versions"),
        href,
    );
    Ok(form_page(&s, &user, place, version_fields(&input), None).await)
}

async fn create_version(
    State(s): State<AppState>,
    Path(id): Path<String>,
    form: CsrfForm<VersionInput>,
) -> Result<Response, PageError> {
    let (user, input) = (&form.user, &form.form);
    let op = async |new: NewVersion| {
        s.store
            .add_version(&user.actor(), InstrumentVersionId::new(), &id, &new)
            .await
    };
    let place = FormPlace::new(
        "New version",
        format!("/instruments/{id}/versions"),
        format!("/instruments/{id}"),
    );
    save(
        &s,
        user,
        input,
        place,
        async || Ok(version_fields(input)),
        op,
        |v| format!("/instrument-versions/{}", v.id),
    )
    .await
}

async fn create_step(
    State(s): State<AppState>,
    Path(id): Path<String>,
    form: CsrfForm<StepInput>,
) -> Result<Response, PageError> {
    let mut input = form.form.clone();
    input.instrument_id = Some(id.clone());
    let new = NewStep::try_from(&input)?;
    s.store
        .add_step(&form.user.actor(), StepId::new(), &new)
        .await?;
    Ok(Redirect::to(&format!("/instruments/{id}#steps")).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StatusForm {
    status: String,
}

async fn version_status(
    State(s): State<AppState>,
    Path(id): Path<String>,
    form: CsrfForm<StatusForm>,
) -> Result<Response, PageError> {
    let to: VersionStatus =
        form.form.status.parse().map_err(|m: String| {
            AppError::from(corridor_core::ValidationErrors::one("status", m))
        })?;
    s.store
        .set_version_status(&form.user.actor(), &id, to)
        .await?;
    Ok(Redirect::to(&format!("/instrument-versions/{id}")).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfirmForm {
    language: String,
}

async fn confirm(
    State(s): State<AppState>,
    Path(id): Path<String>,
    form: CsrfForm<ConfirmForm>,
) -> Result<Response, PageError> {
    s.store
        .confirm_translation(&form.user.actor(), &id, &form.form.language)
        .await?;
    Ok(Redirect::to(&format!("/instrument-versions/{id}")).into_response())
}
