//! The large world: the demo world, then bodies, meetings, register items, projects, indicators with their
//! periods, and each side's actuals, cloned from the demo's own records with new ids, numbers, dates and words,
//! each with a history of versions in the event log. Written through [`corridor_store::audit::Bulk`], so the
//! rows and the hash chain are what `corridor verify` expects.

use anyhow::{Context, Result};
use corridor_core::Actor;
use corridor_store::Store;
use corridor_store::audit::Bulk;
use corridor_store::entity::{
    actual, body, indicator, indicator_period, meeting, project, register_item,
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use time::{Date, Duration, Month, OffsetDateTime};

/// How many of each record, at scale 1 (the figures).
#[derive(Clone, Copy, Debug)]
pub struct Counts {
    pub bodies: usize,
    pub meetings: usize,
    pub register_items: usize,
    pub projects: usize,
    pub indicators: usize,
    pub periods_per_indicator: usize,
    pub actuals: usize,
}

impl Counts {
    pub fn at(scale: f64) -> Counts {
        let n = |full: f64| ((full * scale).round() as usize).max(1);
        Counts {
            bodies: 20,
            meetings: n(2_000.0).max(20),
            register_items: n(200_000.0),
            projects: n(20_000.0),
            indicators: n(10_000.0),
            periods_per_indicator: 10,
            actuals: n(1_000_000.0),
        }
    }
}

/// Versions logged per record: with the counts above, about five million events.
const REGISTER_VERSIONS: i64 = 5;
const ACTUAL_VERSIONS: i64 = 3;
const PERIOD_VERSIONS: i64 = 5;
const PROJECT_VERSIONS: i64 = 24;
const MEETING_VERSIONS: i64 = 10;
const INDICATOR_VERSIONS: i64 = 2;

/// The visibilities cloned: records both sides (and visitors) see, so either side's reads find them.
const OPEN: [&str; 2] = ["public", "shared"];

/// Records per transaction: bounded memory, and a progress line per chunk.
const CHUNK: usize = 20_000;

/// Words that vary the cloned texts, so the search index sees a realistic vocabulary in three languages.
const WORDS: [&str; 24] = [
    "textile",
    "garment",
    "Rashakai",
    "Dhabeji",
    "Allama Iqbal",
    "logistics",
    "cold chain",
    "solar",
    "steel",
    "fisheries",
    "training",
    "customs",
    "纺织",
    "物流",
    "工业园",
    "培训",
    "太阳能",
    "海关",
    "ٹیکسٹائل",
    "تربیت",
    "کسٹمز",
    "صنعتی زون",
    "ماہی گیری",
    "شمسی",
];

fn word(i: usize) -> &'static str {
    WORDS[i % WORDS.len()]
}

fn id() -> String {
    uuid::Uuid::now_v7().to_string()
}

fn must<T>(rows: Vec<T>, what: &str) -> Result<Vec<T>> {
    anyhow::ensure!(!rows.is_empty(), "the demo world holds no {what} to clone");
    Ok(rows)
}

/// A day in the ten years before 2026, spread by `i`.
fn day(i: usize) -> Date {
    Date::from_calendar_date(2016, Month::January, 1).expect("a date")
        + Duration::days((i % 3_650) as i64)
}

/// The demo's records the world is cloned from.
struct Protos {
    bodies: Vec<body::Model>,
    meetings: Vec<meeting::Model>,
    items: Vec<register_item::Model>,
    projects: Vec<project::Model>,
    indicators: Vec<indicator::Model>,
    period: indicator_period::Model,
    actuals: Vec<actual::Model>,
}

impl Protos {
    async fn load(store: &Store) -> Result<Protos> {
        let db = store.connection();
        let bodies = must(body::Entity::find().all(db).await?, "bodies")?;
        let meetings = must(
            meeting::Entity::find()
                .filter(meeting::Column::Visibility.is_in(OPEN))
                .all(db)
                .await?,
            "public or shared meetings",
        )?;
        let items = must(
            register_item::Entity::find()
                .filter(register_item::Column::Visibility.is_in(OPEN))
                .all(db)
                .await?,
            "public or shared register items",
        )?;
        let projects = must(
            project::Entity::find()
                .filter(project::Column::Visibility.is_in(OPEN))
                .all(db)
                .await?,
            "public or shared projects",
        )?;
        let indicators = must(
            indicator::Entity::find()
                .filter(indicator::Column::ComputedFrom.is_null())
                .filter(indicator::Column::Visibility.is_in(OPEN))
                .all(db)
                .await?,
            "public or shared entered indicators",
        )?;
        let period = must(
            indicator_period::Entity::find().all(db).await?,
            "indicator periods",
        )?
        .remove(0);
        let actuals = must(actual::Entity::find().all(db).await?, "actuals")?;
        Ok(Protos {
            bodies,
            meetings,
            items,
            projects,
            indicators,
            period,
            actuals,
        })
    }
}

/// Writes the world after the demo; prints a line per chunk. Returns the events appended.
pub async fn generate(store: &Store, counts: Counts) -> Result<u64> {
    let p = Protos::load(store).await?;
    let (bodies, body_proto, meeting_protos) = (&p.bodies, &p.bodies[0], &p.meetings);
    let mut events = 0;
    let now = OffsetDateTime::now_utc();

    // Bodies, up to 20 with the demo's; the generated meetings belong to the new ones.
    let new_bodies: Vec<body::Model> = (bodies.len()..counts.bodies)
        .map(|i| body::Model {
            id: id(),
            name: format!("Working Group {} on {}", i + 1, word(i)),
            short_name: Some(format!("WG{}", i + 1)),
            parent_id: None,
            version: 1,
            created_at: now,
            updated_at: now,
            ..body_proto.clone()
        })
        .collect();
    let hosts: Vec<&body::Model> = if new_bodies.is_empty() {
        bodies.iter().collect()
    } else {
        new_bodies.iter().collect()
    };
    let mut bulk = store.bulk(&Actor::System).await?;
    bulk.insert::<body::Entity>(new_bodies.clone(), "created")
        .await?;
    events += bulk.commit().await?;

    // Meetings, numbered per body from 100 so the demo's own numbers never collide.
    let meetings: Vec<meeting::Model> = (0..counts.meetings)
        .map(|i| {
            let proto = &meeting_protos[i % meeting_protos.len()];
            let host = hosts[i % hosts.len()];
            let starts =
                OffsetDateTime::new_utc(day(i * 7), time::Time::from_hms(4, 0, 0).expect("a time"));
            meeting::Model {
                id: id(),
                body_id: host.id.clone(),
                number: 100 + (i / hosts.len()) as i32,
                title: format!("{} meeting on {}", host.name, word(i)),
                starts_at: starts,
                ends_at: starts + Duration::hours(6),
                version: MEETING_VERSIONS,
                created_at: now,
                updated_at: now,
                ..proto.clone()
            }
        })
        .collect();
    for chunk in meetings.chunks(CHUNK) {
        let mut bulk = store.bulk(&Actor::System).await?;
        history::<meeting::Entity, _>(&mut bulk, chunk, MEETING_VERSIONS, |m, v| meeting::Model {
            version: v,
            ..m.clone()
        })
        .await?;
        bulk.insert::<meeting::Entity>(chunk.to_vec(), "updated")
            .await?;
        events += bulk.commit().await?;
    }
    progress("meetings", meetings.len(), events);

    events += register(store, counts, &meetings, &p.items).await?;
    events += projects(store, counts, &p.projects).await?;
    events += results(store, counts, &p.indicators, &p.period, &p.actuals).await?;
    Ok(events)
}

fn progress(what: &str, n: usize, events: u64) {
    println!("  {n:>9} {what:<16} {events:>9} events in this part");
}

/// Logs versions 1 to `versions - 1` of each record (`at(model, version)` makes the earlier state).
async fn history<E, F>(bulk: &mut Bulk, rows: &[E::Model], versions: i64, at: F) -> Result<()>
where
    E: corridor_store::access::Audited,
    F: Fn(&E::Model, i64) -> E::Model,
{
    let first: Vec<E::Model> = rows.iter().map(|m| at(m, 1)).collect();
    bulk.history::<E>(&first, true).await?;
    for v in 2..versions {
        let later: Vec<E::Model> = rows.iter().map(|m| at(m, v)).collect();
        bulk.history::<E>(&later, false).await?;
    }
    Ok(())
}

async fn register(
    store: &Store,
    counts: Counts,
    meetings: &[meeting::Model],
    protos: &[register_item::Model],
) -> Result<u64> {
    let statuses = ["open", "in_progress", "done", "dropped"];
    let mut events = 0;
    let mut made = 0;
    while made < counts.register_items {
        let n = CHUNK.min(counts.register_items - made);
        let rows: Vec<register_item::Model> = (made..made + n)
            .map(|i| {
                let proto = &protos[i % protos.len()];
                let m = &meetings[i % meetings.len()];
                register_item::Model {
                    id: id(),
                    body_id: m.body_id.clone(),
                    meeting_id: m.id.clone(),
                    agenda_item_id: None,
                    text: format!("{} ({}, {} {})", proto.text, word(i), word(i / 7), i),
                    links: "[]".into(),
                    due_on: Some(day(i)),
                    status: statuses[i % statuses.len()].into(),
                    version: REGISTER_VERSIONS,
                    ..proto.clone()
                }
            })
            .collect();
        let mut bulk = store.bulk(&Actor::System).await?;
        history::<register_item::Entity, _>(&mut bulk, &rows, REGISTER_VERSIONS, |r, v| {
            register_item::Model {
                version: v,
                status: if v == 1 { "open" } else { "in_progress" }.into(),
                ..r.clone()
            }
        })
        .await?;
        bulk.insert::<register_item::Entity>(rows, "updated")
            .await?;
        events += bulk.commit().await.context("register items")?;
        made += n;
        progress("register items", made, events);
    }
    Ok(events)
}

async fn projects(store: &Store, counts: Counts, protos: &[project::Model]) -> Result<u64> {
    let mut events = 0;
    let mut made = 0;
    while made < counts.projects {
        let n = CHUNK.min(counts.projects - made);
        let rows: Vec<project::Model> = (made..made + n)
            .map(|i| {
                let proto = &protos[i % protos.len()];
                project::Model {
                    id: id(),
                    name: format!("{} {} {}", proto.name, word(i), i),
                    parent_id: None,
                    planned_start: Some(day(i)),
                    planned_end: Some(day(i) + Duration::days(900)),
                    version: PROJECT_VERSIONS,
                    ..proto.clone()
                }
            })
            .collect();
        let mut bulk = store.bulk(&Actor::System).await?;
        history::<project::Entity, _>(&mut bulk, &rows, PROJECT_VERSIONS, |p, v| project::Model {
            version: v,
            ..p.clone()
        })
        .await?;
        bulk.insert::<project::Entity>(rows, "updated").await?;
        events += bulk.commit().await.context("projects")?;
        made += n;
        progress("projects", made, events);
    }
    Ok(events)
}

async fn results(
    store: &Store,
    counts: Counts,
    protos: &[indicator::Model],
    period_proto: &indicator_period::Model,
    actual_protos: &[actual::Model],
) -> Result<u64> {
    let mut events = 0;
    let indicators: Vec<indicator::Model> = (0..counts.indicators)
        .map(|i| {
            let proto = &protos[i % protos.len()];
            indicator::Model {
                id: id(),
                title: format!("{} — {} {}", proto.title, word(i), i),
                version: INDICATOR_VERSIONS,
                ..proto.clone()
            }
        })
        .collect();
    let mut periods = Vec::with_capacity(indicators.len() * counts.periods_per_indicator);
    for ind in &indicators {
        for y in 0..counts.periods_per_indicator {
            let year = 2016 + y as i32;
            periods.push(indicator_period::Model {
                id: id(),
                indicator_id: ind.id.clone(),
                starts_on: Date::from_calendar_date(year, Month::January, 1)?,
                ends_on: Date::from_calendar_date(year, Month::December, 31)?,
                agreed_value: None,
                locked: false,
                lock_reason: None,
                owner_party_id: ind.owner_party_id.clone(),
                visibility: ind.visibility.clone(),
                version: PERIOD_VERSIONS,
                ..period_proto.clone()
            });
        }
    }
    for chunk in indicators.chunks(CHUNK) {
        let mut bulk = store.bulk(&Actor::System).await?;
        history::<indicator::Entity, _>(&mut bulk, chunk, INDICATOR_VERSIONS, |m, v| {
            indicator::Model {
                version: v,
                ..m.clone()
            }
        })
        .await?;
        bulk.insert::<indicator::Entity>(chunk.to_vec(), "updated")
            .await?;
        events += bulk.commit().await.context("indicators")?;
    }
    progress("indicators", indicators.len(), events);
    for chunk in periods.chunks(CHUNK) {
        let mut bulk = store.bulk(&Actor::System).await?;
        history::<indicator_period::Entity, _>(&mut bulk, chunk, PERIOD_VERSIONS, |m, v| {
            indicator_period::Model {
                version: v,
                ..m.clone()
            }
        })
        .await?;
        bulk.insert::<indicator_period::Entity>(chunk.to_vec(), "updated")
            .await?;
        events += bulk.commit().await.context("periods")?;
    }
    progress("periods", periods.len(), events);
    let mut made = 0;
    while made < counts.actuals {
        let n = CHUNK.min(counts.actuals - made);
        let rows: Vec<actual::Model> = (made..made + n)
            .map(|i| {
                let proto = &actual_protos[i % actual_protos.len()];
                let period = &periods[(i / 2) % periods.len()];
                actual::Model {
                    id: id(),
                    period_id: period.id.clone(),
                    indicator_id: period.indicator_id.clone(),
                    value: format!("{}", (i * 37) % 10_000),
                    source: Some(format!("generated return {i}")),
                    version: ACTUAL_VERSIONS,
                    ..proto.clone()
                }
            })
            .collect();
        let mut bulk = store.bulk(&Actor::System).await?;
        history::<actual::Entity, _>(&mut bulk, &rows, ACTUAL_VERSIONS, |m, v| actual::Model {
            version: v,
            ..m.clone()
        })
        .await?;
        bulk.insert::<actual::Entity>(rows, "updated").await?;
        events += bulk.commit().await.context("actuals")?;
        made += n;
        if made % 100_000 == 0 || made == counts.actuals {
            progress("actuals", made, events);
        }
    }
    Ok(events)
}
