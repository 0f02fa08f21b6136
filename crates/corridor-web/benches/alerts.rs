//! How fast alerts fan out and digests render, on a fresh SQLite database with the demo world:
//! - one change to a project followed by 10,000 accounts: the fan-out's time and notifications per second;
//! - 100,000 changes (milestone edits through the store, with the event log), each with ten followers of
//!   both sides, a tenth of them taking instant e-mail: the fan-out's time, events and notifications per
//!   second; target under 10 s;
//! - as the baseline, measured in the same run: the same number of alert and notification rows inserted
//!   bare, in the same batches, without reading the log, judging visibility or writing context;
//! - digest rendering: 1,000 daily digests of an official's 100 latest alerts, each rendered to a
//!   multipart e-mail (plain text and HTML), per second.
//!
//! Accounts and follows are inserted bare to build the world quickly; the changes go through the store.
//! Run: `cargo bench -p corridor-web --bench alerts` (`CORRIDOR_BENCH_EVENTS` to change the 100,000).

use corridor_core::config::Config;
use corridor_core::ids::ProjectId;
use corridor_core::portfolio::milestone::{MilestoneInput, NewMilestone};
use corridor_store::Store;
use corridor_store::alerts::{Mail, MailKind};
use corridor_store::entity::{alert, alert_setting, follow, notification, person, user};
use corridor_store::testing::sqlite;
use corridor_web::AppState;
use sea_orm::{EntityTrait, Set, TransactionTrait};
use std::time::Instant;

fn size(var: &str, default: usize) -> usize {
    std::env::var(var)
        .ok()
        .and_then(|v| v.replace([',', '_'], "").parse().ok())
        .unwrap_or(default)
}

/// Inserts `n` accounts of alternating sides, each with a person and an address, answering their ids.
async fn accounts(s: &Store, n: usize, prefix: &str) -> Vec<String> {
    let pk = s.actor_of("pk.secretariat").await.unwrap();
    let cn = s.actor_of("cn.secretariat").await.unwrap();
    let parties = [
        pk.user().unwrap().party_id.to_string(),
        cn.user().unwrap().party_id.to_string(),
    ];
    let now = corridor_core::now();
    let conn = s.connection();
    let mut ids = Vec::with_capacity(n);
    for chunk in (0..n).collect::<Vec<_>>().chunks(1_000) {
        let txn = conn.begin().await.unwrap();
        let (mut people, mut users) = (Vec::new(), Vec::new());
        for &i in chunk {
            let party = parties[i % 2].clone();
            let (pid, uid) = (
                uuid::Uuid::now_v7().to_string(),
                uuid::Uuid::now_v7().to_string(),
            );
            people.push(person::ActiveModel {
                id: Set(pid.clone()),
                full_name: Set(format!("Bench official {prefix}{i}")),
                native_name: Set(None),
                title: Set(None),
                email: Set(Some(format!("{prefix}{i}@bench.example"))),
                phone: Set(None),
                party_id: Set(party.clone()),
                owner_party_id: Set(party.clone()),
                owner_organisation_id: Set(None),
                visibility: Set("shared".into()),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
            });
            users.push(user::ActiveModel {
                id: Set(uid.clone()),
                username: Set(format!("{prefix}{i}")),
                person_id: Set(pid),
                party_id: Set(party.clone()),
                organisation_id: Set(None),
                role: Set("observer".into()),
                password_hash: Set("not-a-password".into()),
                disabled: Set(false),
                time_zone: Set(None),
                language: Set(None),
                owner_party_id: Set(party),
                owner_organisation_id: Set(None),
                visibility: Set("shared".into()),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
            });
            ids.push(uid);
        }
        person::Entity::insert_many(people)
            .exec_without_returning(&txn)
            .await
            .unwrap();
        user::Entity::insert_many(users)
            .exec_without_returning(&txn)
            .await
            .unwrap();
        txn.commit().await.unwrap();
    }
    ids
}

/// Makes every account in `ids` follow `target`; one in `instant_every` takes e-mail as it happens.
async fn follows(s: &Store, ids: &[String], target: &str, instant_every: usize) {
    let now = corridor_core::now();
    let conn = s.connection();
    for chunk in ids.chunks(1_000) {
        let txn = conn.begin().await.unwrap();
        let rows: Vec<follow::ActiveModel> = chunk
            .iter()
            .map(|u| follow::ActiveModel {
                id: Set(uuid::Uuid::now_v7().to_string()),
                user_id: Set(u.clone()),
                target: Set(target.to_owned()),
                label: Set("project “Rashakai Special Economic Zone”".into()),
                reason: Set("chosen".into()),
                created_at: Set(now),
            })
            .collect();
        follow::Entity::insert_many(rows)
            .exec_without_returning(&txn)
            .await
            .unwrap();
        let settings: Vec<alert_setting::ActiveModel> = chunk
            .iter()
            .enumerate()
            .map(|(i, u)| alert_setting::ActiveModel {
                user_id: Set(u.clone()),
                email_mode: Set(if i % instant_every == 0 {
                    "instant"
                } else {
                    "daily"
                }
                .into()),
                last_digest_at: Set(Some(now)),
                unsubscribe_nonce: Set(format!("nonce-{u}")),
                feed_token_digest: Set(None),
            })
            .collect();
        alert_setting::Entity::insert_many(settings)
            .exec_without_returning(&txn)
            .await
            .unwrap();
        txn.commit().await.unwrap();
    }
}

/// Moves the forecast of one of Rashakai's milestones `n` times, through the store.
async fn changes(s: &Store, n: usize) {
    let actor = s.actor_of("pk.admin").await.unwrap();
    let rashakai = ProjectId::from_key("demo/project/rashakai").to_string();
    let all = s
        .milestones_by_project(&actor.viewer(), std::slice::from_ref(&rashakai))
        .await
        .unwrap();
    let mut m = all[&rashakai][0].clone();
    let start = time::Date::from_calendar_date(2030, time::Month::January, 1).unwrap();
    for i in 0..n {
        let input = MilestoneInput {
            title: Some(m.title.clone()),
            kind: Some(m.kind.clone()),
            planned_on: m.planned_on.clone(),
            forecast_on: Some(
                (start + time::Duration::days(i64::try_from(i % 3000).unwrap())).to_string(),
            ),
            actual_on: m.actual_on.clone(),
            status: Some(m.status.clone()),
            version: Some(m.access.version),
            ..Default::default()
        };
        m = s
            .update_milestone(&actor, &m.id, &NewMilestone::try_from(&input).unwrap())
            .await
            .unwrap();
    }
}

/// Inserts `alerts` alert rows and `per` notifications of each bare, in the fan-out's batches: the
/// baseline.
async fn bare_rows(s: &Store, users: &[String], alerts: usize, per: usize) -> f64 {
    let now = corridor_core::now();
    let conn = s.connection();
    let start = Instant::now();
    let mut written = 0;
    while written < alerts {
        let txn = conn.begin().await.unwrap();
        let n = 2_000.min(alerts - written);
        let ids: Vec<String> = (0..n).map(|_| uuid::Uuid::now_v7().to_string()).collect();
        let rows: Vec<alert::ActiveModel> = ids
            .iter()
            .enumerate()
            .map(|(i, id)| alert::ActiveModel {
                id: Set(id.clone()),
                key: Set(format!("bench:{}", written + i)),
                event_seq: Set(None),
                entity: Set("milestone".into()),
                entity_id: Set("m".into()),
                record: Set("milestone “Land handover”".into()),
                step: Set("updated".into()),
                summary: Set("forecast date: 2030-01-01 → 2030-01-02".into()),
                link: Set("/projects/p".into()),
                group_key: Set("project:p".into()),
                created_at: Set(now),
            })
            .collect();
        for chunk in rows.chunks(1_000) {
            alert::Entity::insert_many(chunk.to_vec())
                .exec_without_returning(&txn)
                .await
                .unwrap();
        }
        let notes: Vec<notification::ActiveModel> = ids
            .iter()
            .flat_map(|id| {
                users
                    .iter()
                    .take(per)
                    .map(move |u| notification::ActiveModel {
                        user_id: Set(u.clone()),
                        alert_id: Set(id.clone()),
                        actor_name: Set("Bilal Hussain".into()),
                        reason: Set("you follow project “Rashakai Special Economic Zone”".into()),
                        created_at: Set(now),
                        read_at: Set(None),
                    })
            })
            .collect();
        for chunk in notes.chunks(2_000) {
            notification::Entity::insert_many(chunk.to_vec())
                .exec_without_returning(&txn)
                .await
                .unwrap();
        }
        txn.commit().await.unwrap();
        written += n;
    }
    start.elapsed().as_secs_f64()
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let events = size("CORRIDOR_BENCH_EVENTS", 100_000);
    let db = sqlite().await;
    let s = db.store.clone();
    corridor_store::demo::load(&s).await.unwrap();
    let rashakai = format!("project:{}", ProjectId::from_key("demo/project/rashakai"));

    // One change, 10,000 followers.
    let crowd = accounts(&s, 10_000, "crowd").await;
    follows(&s, &crowd, &rashakai, 100).await;
    s.fan_out_all().await.unwrap();
    changes(&s, 1).await;
    let t = Instant::now();
    let one = s.fan_out_all().await.unwrap();
    let secs = t.elapsed().as_secs_f64();
    println!(
        "one change to 10,000 followers: {} notifications and {} instant e-mails in {:.0} ms ({:.0} notifications/s)",
        one.notifications,
        one.emails,
        secs * 1000.0,
        one.notifications as f64 / secs
    );
    // The crowd stops following; ten officials of both sides follow instead.
    follow::Entity::delete_many()
        .exec(s.connection())
        .await
        .unwrap();
    let officials = accounts(&s, 10, "official").await;
    follows(&s, &officials, &rashakai, 10).await;

    let built = Instant::now();
    changes(&s, events).await;
    println!(
        "{events} changes written through the store in {:.0} s",
        built.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    let many = s.fan_out_all().await.unwrap();
    let fan = t.elapsed().as_secs_f64();
    let bare = bare_rows(
        &s,
        &officials,
        many.events,
        many.notifications / many.events.max(1),
    )
    .await;
    println!(
        "{} events fanned out to their followers in {fan:.2} s: {:.0} events/s, {} notifications ({:.0}/s), {} instant e-mails; target under 10 s",
        many.events,
        many.events as f64 / fan,
        many.notifications,
        many.notifications as f64 / fan,
        many.emails
    );
    println!(
        "baseline: {} alerts and {} notifications inserted bare in {bare:.2} s; the fan-out takes {:.2} × as long",
        many.events,
        many.notifications,
        fan / bare
    );

    // Digest rendering: 1,000 daily digests of an official's 100 latest alerts, each rendered to a
    // multipart e-mail.
    let state = AppState::new(s.clone(), Config::default());
    let reader = s
        .actor_of("official1")
        .await
        .unwrap()
        .user()
        .unwrap()
        .clone();
    let entries: Vec<_> = s
        .inbox(&reader, false, 100)
        .await
        .unwrap()
        .into_iter()
        .flat_map(|g| g.entries)
        .collect();
    let t = Instant::now();
    let mut bytes = 0;
    for i in 0..1_000 {
        let mail = Mail {
            id: format!("bench-{i}"),
            kind: MailKind::Daily,
            to: "official1@bench.example".into(),
            subject: format!("Your daily digest: {} alerts", entries.len()),
            user_id: reader.user_id.to_string(),
            unsubscribe_nonce: "nonce".into(),
            entries: entries.clone(),
            attempt: 1,
        };
        bytes += corridor_web::dispatch::render(&state, &mail)
            .unwrap()
            .formatted()
            .len();
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "1,000 digests of {} alerts rendered (plain text and HTML) in {secs:.2} s: {:.0} digests/s, {:.0} KB each",
        entries.len(),
        1_000.0 / secs,
        bytes as f64 / 1_000.0 / 1024.0
    );
}
