//! An instrument's page (its story from MoU to signature on one page), a version's clauses side by side, and
//! the redline between two versions.

use super::timeline::{Timeline, build};
use crate::AppState;
use crate::error::PageError;
use crate::extract::MaybeUser;
use crate::pages::widgets::{HistoryRow, describe_access, history_rows};
use crate::pages::{Cell, Layout, render};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use corridor_core::instrument::diff::Comparison;
use corridor_core::instrument::steps::{ConsentType, StepKind};
use corridor_core::instrument::text::flatten;
use corridor_core::instrument::view::{
    InstrumentStatusView, InstrumentView, StepView, VersionView,
};
use corridor_core::instrument::{InstrumentKind, Relation};
use corridor_store::entity::instrument;

fn label_of<T: std::str::FromStr>(raw: &str, label: impl Fn(T) -> &'static str) -> String {
    raw.parse::<T>()
        .map_or_else(|_| raw.replace('_', " "), |v| label(v).to_owned())
}

/// A step kind as people read it.
pub(crate) fn step_name(raw: &str) -> String {
    step_label(raw)
}

fn step_label(raw: &str) -> String {
    label_of(raw, StepKind::label)
}

/// One row of the status table.
struct PartyRow {
    party: String,
    signed: String,
    consent: String,
    in_force: String,
}

#[derive(Template)]
#[template(path = "instrument.html")]
struct InstrumentPage {
    layout: Layout,
    id: String,
    visibility: String,
    can_edit: bool,
    is_party: bool,
    own_party_id: String,
    facts: Vec<(&'static str, Cell)>,
    parties: Vec<PartyRow>,
    blocking: String,
    timeline: Option<Timeline>,
    versions: Vec<VersionView>,
    steps: Vec<Vec<Cell>>,
    step_kinds: Vec<(String, String)>,
    consent_types: Vec<(String, String)>,
    history: Vec<HistoryRow>,
    consultations: Vec<super::consult::ConsultationBlock>,
    own_versions: Vec<(String, String)>,
    organisations: Vec<(String, String)>,
    people: Vec<(String, String)>,
    files: Vec<super::files::FileRow>,
    attach_targets: Vec<(String, String)>,
    accessions: Vec<super::join::AccessionBlock>,
    join_candidates: Vec<(String, String)>,
    open_to_accession: bool,
}

fn step_row(s: &StepView) -> Vec<Cell> {
    let track = s.party.as_ref().map_or_else(
        || "joint".to_owned(),
        |p| p.name.clone().unwrap_or_default(),
    );
    let kind = match s.consent_type.as_deref() {
        Some(c) => format!(
            "{} ({})",
            step_label(&s.kind),
            label_of(c, ConsentType::label)
        ),
        None => step_label(&s.kind),
    };
    let when = match (&s.acted_on, &s.effective_on) {
        (Some(a), Some(e)) => format!("{a} (effect {e})"),
        (Some(a), None) => a.clone(),
        _ => "—".into(),
    };
    vec![
        Cell::text(when),
        Cell::text(kind),
        Cell::text(track),
        Cell::text(s.status.clone()),
        Cell::text(
            [
                s.organisation.as_ref().and_then(|o| o.name.clone()),
                s.person.as_ref().and_then(|p| p.name.clone()),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", "),
        ),
        Cell::opt(s.note.as_deref()),
        Cell::text(match s.access.visibility.as_str() {
            "public" => "everyone".to_owned(),
            "shared" => "the parties".to_owned(),
            "party" => format!(
                "{} only",
                s.access.owner_party.name.clone().unwrap_or_default()
            ),
            _ => "the people named".to_owned(),
        }),
    ]
}

fn facts(i: &InstrumentView) -> Vec<(&'static str, Cell)> {
    let mut facts = vec![
        ("Kind", Cell::text(label_of(&i.kind, InstrumentKind::label))),
        ("Title", Cell::text(i.title.clone())),
    ];
    if let Some(t) = &i.title_zh {
        facts.push(("In Chinese", Cell::text(t.clone())));
    }
    if let Some(t) = &i.title_ur {
        facts.push(("In Urdu", Cell::text(t.clone())));
    }
    let party_names: Vec<String> = i.parties.iter().filter_map(|p| p.name.clone()).collect();
    facts.push(("Parties", Cell::text(party_names.join(", "))));
    facts.push(("Overseen by", Cell::maybe_ref(i.body.as_ref(), "/bodies")));
    facts.push(("Stage", Cell::text(i.stage.replace('_', " "))));
    facts.push((
        "Umbrella",
        Cell::text(if i.umbrella {
            "yes: never summed with what sits under it"
        } else {
            "no"
        }),
    ));
    facts.push((
        "Third parties",
        Cell::text(if i.open_to_accession {
            "open to accession"
        } else {
            "closed"
        }),
    ));
    for l in &i.lineage {
        facts.push((
            "Stands to",
            Cell::link(
                format!(
                    "{} {}",
                    label_of(&l.relation, Relation::label).to_lowercase(),
                    l.instrument.name.clone().unwrap_or_default()
                ),
                format!("/instruments/{}", l.instrument.id),
            ),
        ));
    }
    facts
}

/// The status table's rows, one per party.
fn party_rows(i: &InstrumentView, status: &InstrumentStatusView) -> Vec<PartyRow> {
    let name_of = |pid: &str| {
        i.parties
            .iter()
            .find(|p| p.id == pid)
            .and_then(|p| p.name.clone())
            .unwrap_or_default()
    };
    status
        .parties
        .iter()
        .map(|p| PartyRow {
            party: name_of(&p.party_id),
            signed: p.signed_on.clone().unwrap_or_default(),
            consent: match (&p.consent_type, &p.consent_on) {
                (Some(t), Some(d)) => format!("{d} ({})", t.label().to_lowercase()),
                _ => String::new(),
            },
            in_force: p.in_force_on.clone().unwrap_or_default(),
        })
        .collect()
}

fn blocking(status: &InstrumentStatusView) -> String {
    match &status.next_step {
        None => "Nothing: the instrument is in force for every party, or has ended.".to_owned(),
        Some(step) if status.owed_by.is_empty() => format!("{step}: a joint step."),
        Some(step) => {
            let who: Vec<String> = status
                .owed_by
                .iter()
                .filter_map(|p| p.name.clone())
                .collect();
            format!("{step}: owed by {}.", who.join(" and "))
        }
    }
}

/// The steps and versions the viewer's side may attach files to.
fn attach_targets(steps: &[StepView], versions: &[VersionView]) -> Vec<(String, String)> {
    steps
        .iter()
        .filter(|x| x.access.can_edit)
        .map(|x| {
            (
                format!("instrument_step:{}", x.id),
                format!(
                    "Step: {} {}",
                    step_label(&x.kind),
                    x.acted_on.clone().unwrap_or_default()
                ),
            )
        })
        .chain(versions.iter().filter(|v| v.access.can_edit).map(|v| {
            (
                format!("instrument_version:{}", v.id),
                format!("Version {}: {}", v.number, v.label),
            )
        }))
        .collect()
}

/// The steps of the instruments this one stands to, as the viewer may see them, titled.
async fn earlier_steps(
    s: &AppState,
    viewer: &corridor_core::Viewer,
    i: &InstrumentView,
) -> Result<Vec<(String, Vec<StepView>)>, PageError> {
    let mut earlier = Vec::new();
    for l in &i.lineage {
        let list = s.store.instrument_steps(viewer, &l.instrument.id).await?;
        earlier.push((l.instrument.name.clone().unwrap_or_default(), list));
    }
    Ok(earlier)
}

/// The steps table: the earlier instruments' steps first, their track naming the instrument, then this one's.
fn story_rows(steps: &[StepView], earlier: &[(String, Vec<StepView>)]) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    for (title, list) in earlier {
        for st in list {
            let mut row = step_row(st);
            row[2] = Cell::text(title.clone());
            rows.push(row);
        }
    }
    rows.extend(steps.iter().map(step_row));
    rows
}

pub(crate) async fn show(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let viewer = user.viewer();
    let i = s.store.instrument(&viewer, &id).await?;
    let versions = s.store.instrument_versions(&viewer, &i.id).await?;
    let steps = s.store.instrument_steps(&viewer, &i.id).await?;
    let status = s.store.instrument_status(&viewer, &i.id).await?;
    let earlier = earlier_steps(&s, &viewer, &i).await?;
    let consultations =
        super::consult::blocks(&s.store.consultations(&viewer, &i.id).await?, &versions);
    let attached = s.store.instrument_attachments(&viewer, &i.id).await?;
    let files = super::files::rows(&attached, &steps, &versions);
    let own_party = user
        .0
        .as_ref()
        .map(|u| u.user.party_id.to_string())
        .unwrap_or_default();
    let (accessions, join_candidates) = super::join::section(&s, &viewer, &i, &own_party).await?;
    let own_versions = versions
        .iter()
        .filter(|v| v.author_party.id == own_party)
        .map(|v| (v.id.clone(), format!("{}. {}", v.number, v.label)))
        .collect();
    let attach_targets = attach_targets(&steps, &versions);
    let (organisations, people) = if user.0.is_some() {
        (
            crate::pages::directory::organisation_choices(&s, &viewer).await?,
            crate::pages::directory::people_choices(&s, &viewer).await?,
        )
    } else {
        (Vec::new(), Vec::new())
    };
    let history = history_rows(
        s.store
            .history::<instrument::Entity>(&viewer, &i.id)
            .await?,
    );
    let parties = party_rows(&i, &status);
    let blocking = blocking(&status);
    let facts = facts(&i);
    let is_party = user.0.as_ref().is_some_and(|u| {
        i.parties
            .iter()
            .any(|p| p.id == u.user.party_id.to_string())
    });
    let page = InstrumentPage {
        layout: Layout::new(&s, user.0.as_ref(), i.title.clone())
            .await
            .following(&s, user.0.as_ref(), format!("instrument:{}", i.id))
            .await,
        id: i.id.clone(),
        visibility: describe_access(&i.access),
        can_edit: i.access.can_edit,
        is_party,
        own_party_id: user
            .0
            .as_ref()
            .map(|u| u.user.party_id.to_string())
            .unwrap_or_default(),
        facts,
        parties,
        blocking,
        timeline: build(&steps, &earlier),
        steps: story_rows(&steps, &earlier),
        versions,
        step_kinds: StepKind::ALL
            .iter()
            .filter(|k| **k != StepKind::Accession)
            .map(|k| (k.as_str().to_owned(), k.label().to_owned()))
            .collect(),
        consent_types: ConsentType::ALL
            .iter()
            .map(|k| (k.as_str().to_owned(), k.label().to_owned()))
            .collect(),
        history,
        consultations,
        own_versions,
        organisations,
        people,
        files,
        attach_targets,
        accessions,
        join_candidates,
        open_to_accession: i.open_to_accession,
    };
    Ok(render(&page))
}

/// One clause, a row of the side-by-side text.
struct ClauseRow {
    key: String,
    depth: usize,
    number: String,
    heading: [String; 3],
    text: [String; 3],
}

#[derive(Template)]
#[template(path = "instrument_version.html")]
struct VersionPage {
    layout: Layout,
    v: VersionView,
    instrument_title: String,
    rows: Vec<ClauseRow>,
    stale: Vec<(String, String)>,
    can_edit: bool,
}

pub(crate) async fn version(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let viewer = user.viewer();
    let v = s.store.instrument_version(&viewer, &id).await?;
    let inst = s.store.instrument(&viewer, &v.instrument_id).await?;
    let depth = |kind: &str| match kind {
        "part" => 0,
        "article" => 1,
        _ => 2,
    };
    let rows = flatten(&v.clauses)
        .into_iter()
        .map(|c| ClauseRow {
            key: c.key.clone(),
            depth: depth(&c.kind),
            number: c.number.clone(),
            heading: [
                c.heading.en.clone(),
                c.heading.zh.clone(),
                c.heading.ur.clone(),
            ],
            text: [c.text.en.clone(), c.text.zh.clone(), c.text.ur.clone()],
        })
        .collect();
    let stale = v
        .stale
        .iter()
        .map(|(lang, keys)| (lang.clone(), keys.join(", ")))
        .collect();
    let page = VersionPage {
        layout: Layout::new(
            &s,
            user.0.as_ref(),
            format!("{}: version {}", inst.title, v.number),
        )
        .await,
        instrument_title: inst.title,
        can_edit: v.access.can_edit,
        rows,
        stale,
        v,
    };
    Ok(render(&page))
}

#[derive(serde::Deserialize)]
pub(crate) struct CompareQuery {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    language: String,
}

#[derive(Template)]
#[template(path = "instrument_compare.html")]
struct ComparePage {
    layout: Layout,
    c: Comparison,
    from: VersionView,
    to: VersionView,
    language: String,
}

pub(crate) async fn compare(
    State(s): State<AppState>,
    user: MaybeUser,
    Query(q): Query<CompareQuery>,
) -> Result<Response, PageError> {
    let viewer = user.viewer();
    let language = if q.language.trim().is_empty() {
        "en".to_owned()
    } else {
        q.language.trim().to_owned()
    };
    let c = s
        .store
        .compare_versions(&viewer, &q.from, &q.to, &language)
        .await?;
    let from = s.store.instrument_version(&viewer, &q.from).await?;
    let to = s.store.instrument_version(&viewer, &q.to).await?;
    let page = ComparePage {
        layout: Layout::new(
            &s,
            user.0.as_ref(),
            format!("Version {} against version {}", to.number, from.number),
        )
        .await,
        c,
        from,
        to,
        language,
    };
    Ok(render(&page))
}
