//! The event log: chained on every change, refused when edited, and `verify` finding what was tampered with.

use crate::support::{event_count, org, org_input, world};
use corridor_core::Viewer;
use corridor_core::directory::NewOrganisation;
use corridor_core::ids::OrganisationId;
use corridor_store::audit::Problem;
use corridor_store::entity::organisation;
use corridor_store::testing::{each_backend, each_backend_demo};
use corridor_store::{Backend, Page, StoreError};
use sea_orm::ConnectionTrait;

#[tokio::test]
async fn every_change_appends_a_chained_event_and_verify_passes() {
    for db in each_backend().await {
        let s = &db.store;
        let w = world(s).await;
        let before = event_count(s).await;
        let id = org(s, &w.pk_sec, "Project Management Unit", w.pk, "shared").await;
        let mut input = org_input(
            "Project Management Unit on Industrial Cooperation",
            w.pk,
            "shared",
        );
        input.parent_id = Some(w.boi.to_string());
        s.update_organisation(
            &w.pk_sec,
            &id.to_string(),
            &NewOrganisation::try_from(&input).unwrap(),
        )
        .await
        .unwrap();
        assert_eq!(event_count(s).await, before + 2, "{}", db.label);
        let events = s
            .events(&Viewer::System, &Page::first(500))
            .await
            .unwrap()
            .items;
        for pair in events.windows(2) {
            assert_eq!(pair[1].seq, pair[0].seq + 1, "{}", db.label);
            assert_eq!(pair[1].prev_hash, pair[0].hash, "{}", db.label);
        }
        let last = events.last().unwrap();
        assert_eq!(
            (last.entity.as_str(), last.action.as_str()),
            ("organisation", "updated")
        );
        assert_eq!(last.actor_name, "pk.sec");
        assert_eq!(last.payload["parent_id"], w.boi.to_string());
        let report = s.verify().await.unwrap();
        assert!(
            report.problems.is_empty(),
            "{}: {:?}",
            db.label,
            report.problems
        );
        assert_eq!(report.events as usize, events.len());
    }
}

#[tokio::test]
async fn a_row_changed_behind_the_application_is_named_by_verify() {
    for db in each_backend().await {
        let s = &db.store;
        let w = world(s).await;
        s.connection()
            .execute_unprepared(&format!(
                "UPDATE organisations SET name = 'Forged' WHERE id = '{}'",
                w.boi
            ))
            .await
            .unwrap();
        let report = s.verify().await.unwrap();
        assert_eq!(
            report.problems.len(),
            1,
            "{}: {:?}",
            db.label,
            report.problems
        );
        match &report.problems[0] {
            Problem::RowChanged {
                entity, id, name, ..
            } => {
                assert_eq!(name, "Forged");
                assert_eq!(
                    (*entity, id.as_str()),
                    ("organisation", w.boi.to_string().as_str())
                );
            }
            other => panic!("{}: unexpected {other:?}", db.label),
        }
    }
}

#[tokio::test]
async fn an_edited_event_breaks_the_chain_at_its_sequence_number() {
    for db in each_backend().await {
        let s = &db.store;
        world(s).await;
        let c = s.connection();
        let refused = c
            .execute_unprepared("UPDATE events SET action = 'x' WHERE seq = 3")
            .await;
        assert!(refused.is_err(), "{}: the log accepted an update", db.label);
        assert!(
            c.execute_unprepared("DELETE FROM events WHERE seq = 3")
                .await
                .is_err(),
            "{}",
            db.label
        );
        let drop = match s.backend() {
            Backend::Sqlite => "DROP TRIGGER events_no_update",
            Backend::Postgres => "DROP TRIGGER events_append_only ON events",
        };
        c.execute_unprepared(drop).await.unwrap();
        c.execute_unprepared("UPDATE events SET actor_name = 'someone else' WHERE seq = 3")
            .await
            .unwrap();
        let report = s.verify().await.unwrap();
        match report.problems.first() {
            Some(Problem::BrokenChain { seq, reason, .. }) => {
                assert_eq!(*seq, 3, "{}", db.label);
                assert!(reason.contains("hash"), "{reason}");
            }
            other => panic!("{}: expected a broken chain at 3, got {other:?}", db.label),
        }
    }
}

#[tokio::test]
async fn a_failed_operation_leaves_no_row_and_no_event() {
    for db in each_backend().await {
        let s = &db.store;
        let w = world(s).await;
        let events = event_count(s).await;
        let dup =
            NewOrganisation::try_from(&org_input("Board of Investment", w.pk, "shared")).unwrap();
        let err = s
            .create_organisation(&w.pk_sec, OrganisationId::new(), &dup)
            .await
            .unwrap_err();
        match err {
            StoreError::Conflict { field, message } => {
                assert_eq!(field.as_deref(), Some("name"), "{}", db.label);
                assert!(message.contains("already"), "{message}");
            }
            other => panic!("{}: expected a conflict, got {other:?}", db.label),
        }
        assert_eq!(event_count(s).await, events, "{}", db.label);
        assert!(
            s.verify().await.unwrap().problems.is_empty(),
            "{}",
            db.label
        );
    }
}

#[tokio::test]
async fn concurrent_writers_never_fork_the_chain() {
    for db in each_backend().await {
        let s = db.store.clone();
        let w = world(&s).await;
        let mut tasks = Vec::new();
        for t in 0..6 {
            let (s, actor, pk) = (s.clone(), w.pk_sec.clone(), w.pk);
            tasks.push(tokio::spawn(async move {
                for i in 0..8 {
                    org(&s, &actor, &format!("Department {t}-{i}"), pk, "party").await;
                }
            }));
        }
        for t in tasks {
            t.await.unwrap();
        }
        let report = s.verify().await.unwrap();
        assert!(
            report.problems.is_empty(),
            "{}: {:?}",
            db.label,
            report.problems
        );
        assert_eq!(report.events, event_count(&s).await as i64);
    }
}

#[tokio::test]
async fn history_reads_as_named_changes_newest_first() {
    for db in each_backend().await {
        let s = &db.store;
        let w = world(s).await;
        let id = org(s, &w.pk_sec, "PMU", w.pk, "shared").await;
        let mut input = org_input("PMU", w.pk, "shared");
        input.parent_id = Some(w.boi.to_string());
        input.kind = Some("project_unit".into());
        s.update_organisation(
            &w.pk_sec,
            &id.to_string(),
            &NewOrganisation::try_from(&input).unwrap(),
        )
        .await
        .unwrap();
        let h = s
            .history::<organisation::Entity>(&w.cn_obs.viewer(), &id.to_string())
            .await
            .unwrap();
        assert_eq!(h.len(), 2, "{}", db.label);
        assert_eq!(h[0].action, "updated");
        let parent = h[0]
            .changes
            .iter()
            .find(|c| c.field == "parent_id")
            .unwrap();
        assert_eq!(
            (parent.from.as_deref(), parent.to.as_deref()),
            (None, Some("Board of Investment"))
        );
        let kind = h[0].changes.iter().find(|c| c.field == "kind").unwrap();
        assert_eq!(kind.to.as_deref(), Some("project_unit"));
        assert!(
            h[0].changes
                .iter()
                .all(|c| c.field != "version" && c.field != "updated_at")
        );
        assert_eq!(
            h[0].actor_party.as_ref().unwrap().name.as_deref(),
            Some("Pakistan")
        );
        assert_eq!(h[1].action, "created");
    }
}

#[tokio::test]
async fn a_database_newer_than_the_binary_is_refused() {
    for db in each_backend().await {
        let s = &db.store;
        s.connection()
            .execute_unprepared("INSERT INTO seaql_migrations (version, applied_at) VALUES ('m9999_from_the_future', 0)")
            .await
            .unwrap();
        match s.migrate().await {
            Err(StoreError::SchemaTooNew(m)) => assert!(m.contains("m9999_from_the_future"), "{m}"),
            other => panic!("{}: expected a refusal, got {other:?}", db.label),
        }
    }
}

#[tokio::test]
async fn a_file_changed_behind_the_application_is_named_by_verify() {
    for db in each_backend_demo().await {
        let s = &db.store;
        let pk = s.actor_of("pk.secretariat").await.unwrap();
        let step = corridor_core::ids::StepId::from_key("demo/step/fa-signed").to_string();
        let bytes = b"%PDF-1.7\nsigned copy\n%%EOF\n".to_vec();
        let upload = corridor_core::attachment::check(&bytes, "signed.pdf", 1 << 20).unwrap();
        s.attach(
            &pk,
            corridor_core::ids::AttachmentId::new(),
            "instrument_step",
            &step,
            &upload,
            bytes,
        )
        .await
        .unwrap();
        assert!(
            s.verify().await.unwrap().problems.is_empty(),
            "{}",
            db.label
        );
        // Only this file is changed: the demo stores others (the study's report).
        let sql = match s.connection().get_database_backend() {
            sea_orm::DatabaseBackend::Postgres => format!(
                "UPDATE files SET content = '\\x00'::bytea WHERE sha256 = '{}'",
                upload.sha256
            ),
            _ => format!(
                "UPDATE files SET content = X'00' WHERE sha256 = '{}'",
                upload.sha256
            ),
        };
        s.connection().execute_unprepared(&sql).await.unwrap();
        let problems = s.verify().await.unwrap().problems;
        assert_eq!(problems.len(), 1, "{}: {problems:?}", db.label);
        assert!(
            problems[0].to_string().contains(&upload.sha256),
            "{}",
            db.label
        );
    }
}
