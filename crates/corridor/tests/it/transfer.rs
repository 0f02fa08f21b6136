//! `export --bundle`, `import --bundle`, `backup` and `restore` as an operator runs them.

use super::{corridor, text};
use corridor_store::testing::{each_backend, postgres, sqlite};
use std::process::Command;

#[tokio::test]
async fn the_demo_moves_from_sqlite_to_each_backend_by_bundle_and_verifies_there() {
    let source = sqlite().await;
    assert!(corridor(&source, &["demo"]).status.success());
    let dir = tempfile::tempdir().unwrap();
    let bundle = dir.path().join("world.jsonl");
    let bundle_arg = bundle.to_str().unwrap();
    let out = corridor(&source, &["export", "--bundle", bundle_arg]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("rows in"), "{}", text(&out));
    assert!(!bundle.with_extension("partial").exists());
    let again = corridor(&source, &["export", "--bundle", bundle_arg]);
    assert_eq!(again.status.code(), Some(2), "{}", text(&again));
    assert!(text(&again).contains("exists already"), "{}", text(&again));

    for target in each_backend().await {
        let label = target.label;
        let out = corridor(&target, &["import", "--bundle", bundle_arg]);
        assert!(out.status.success(), "{label}: {}", text(&out));
        assert!(
            text(&out).contains("the chain is intact"),
            "{label}: {}",
            text(&out)
        );
        assert!(
            target
                .store
                .authenticate("cn.secretariat", "corridor-demo")
                .await
                .is_ok()
        );
        let twice = corridor(&target, &["import", "--bundle", bundle_arg]);
        assert_eq!(twice.status.code(), Some(1), "{label}: {}", text(&twice));
        assert!(
            text(&twice).contains("not empty") && text(&twice).contains("nothing was imported"),
            "{label}: {}",
            text(&twice)
        );
    }
}

#[tokio::test]
async fn a_backup_of_a_running_server_restores_only_with_force_over_records() {
    let live = sqlite().await;
    let (mut server, mut lines) = super::serve_demo(&live);
    while !lines
        .next()
        .expect("serve printed its address")
        .unwrap()
        .starts_with("Corridor is listening")
    {}
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("corridor-backup.db");
    let copy_arg = copy.to_str().unwrap();
    let out = corridor(&live, &["backup", copy_arg]);
    server.kill().ok();
    server.wait().ok();
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("wrote"), "{}", text(&out));

    for target in each_backend().await {
        let label = target.label;
        let out = corridor(&target, &["restore", copy_arg]);
        assert!(out.status.success(), "{label}: {}", text(&out));
        assert!(
            text(&out).contains("the chain is intact"),
            "{label}: {}",
            text(&out)
        );
        let refused = corridor(&target, &["restore", copy_arg]);
        assert_eq!(
            refused.status.code(),
            Some(1),
            "{label}: {}",
            text(&refused)
        );
        assert!(
            text(&refused).contains("--force") && text(&refused).contains("was not changed"),
            "{label}: {}",
            text(&refused)
        );
        let forced = corridor(&target, &["restore", "--force", copy_arg]);
        assert!(forced.status.success(), "{label}: {}", text(&forced));
    }
    if let Some(pg) = postgres().await {
        let out = corridor(&pg, &["backup", dir.path().join("pg.db").to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{}", text(&out));
        assert!(text(&out).contains("pg_dump"), "{}", text(&out));
    }
}

/// The README's PostgreSQL backup: `pg_dump --format=custom`, then `pg_restore` into a new database, which
/// `corridor verify` passes.
#[tokio::test]
async fn a_postgresql_database_survives_pg_dump_and_pg_restore() {
    let Some(source) = postgres().await else {
        return;
    };
    assert!(corridor(&source, &["demo"]).status.success());
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("corridor.dump");
    let out = Command::new("pg_dump")
        .args([
            "--format=custom",
            "--file",
            dump.to_str().unwrap(),
            &source.url,
        ])
        .output()
        .expect("pg_dump is installed (postgresql-client)");
    assert!(out.status.success(), "{}", text(&out));
    let target = postgres().await.unwrap();
    // The target is migrated; pg_restore --clean replaces its schema with the dump's.
    let out = Command::new("pg_restore")
        .args([
            "--clean",
            "--if-exists",
            "--no-owner",
            "--dbname",
            &target.url,
        ])
        .arg(&dump)
        .output()
        .expect("pg_restore is installed");
    assert!(out.status.success(), "{}", text(&out));
    let out = corridor(&target, &["verify"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("the chain is intact"), "{}", text(&out));
}

/// The official annotated example, as IATI publishes it: a real publisher's file.
fn iati_example() -> std::path::PathBuf {
    let dir = std::env::var_os("CORRIDOR_IATI_STANDARDS").map_or_else(
        || {
            std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../../../shared/standards/iati")
        },
        std::path::PathBuf::from,
    );
    let file = dir.join("examples/activity-standard-example-annotated.xml");
    assert!(
        file.exists(),
        "the IATI example is not at {}; set CORRIDOR_IATI_STANDARDS",
        file.display()
    );
    file
}

#[tokio::test]
async fn a_publishers_iati_file_imports_once_with_what_was_not_mapped_and_updates_after() {
    for db in each_backend().await {
        let label = db.label;
        assert!(corridor(&db, &["demo"]).status.success());
        let example = iati_example();
        let file = example.to_str().unwrap();
        let out = corridor(&db, &["import", "--iati", file, "--as", "pk.secretariat"]);
        assert!(out.status.success(), "{label}: {}", text(&out));
        assert!(
            text(&out).contains("1 activities read: 1 projects created, 0 updated, 0 skipped; 1 transactions recorded"),
            "{label}: {}",
            text(&out)
        );
        let s = &db.store;
        let pk = corridor_core::Viewer::User(
            s.actor_of("pk.secretariat")
                .await
                .unwrap()
                .user()
                .unwrap()
                .clone(),
        );
        let cn = corridor_core::Viewer::User(
            s.actor_of("cn.secretariat")
                .await
                .unwrap()
                .user()
                .unwrap()
                .clone(),
        );
        let all = corridor_store::Page::first(500);
        let filter = corridor_store::portfolio::ProjectFilter::default();
        let mine = s.projects(&pk, &filter, &all).await.unwrap().items;
        let imported = mine
            .iter()
            .find(|p| p.name == "Activity title")
            .expect("the activity became a project");
        assert_eq!(
            (
                imported.status.as_str(),
                imported.access.visibility.as_str()
            ),
            ("implementation", "party")
        );
        assert_eq!(
            imported.planned_start.as_deref(),
            Some("2012-04-15"),
            "{label}"
        );
        let source = s.iati_source(&pk, &imported.id).await.unwrap().unwrap();
        assert_eq!(source.identifier, "AA-AAA-123456789-ABC123");
        for kept in [
            "reporting-org",
            "budget",
            "result",
            "contact-info",
            "recipient-country",
            "description: General activity description text.",
            "description [fr]: Activité générale",
            "participating organisation (funding): Name of Agency B (BB-BBB-123456789)",
            "title [fr]: Titre de l'activité",
        ] {
            assert!(
                source.unmapped.contains(kept),
                "{label}: {kept} not kept in\n{}",
                source.unmapped
            );
        }
        // Kept to the importing side until it shares it.
        let theirs = s.projects(&cn, &filter, &all).await.unwrap().items;
        assert!(!theirs.iter().any(|p| p.id == imported.id), "{label}");
        assert!(s.iati_source(&cn, &imported.id).await.is_err(), "{label}");
        // Again: the same project, updated, and no transaction twice.
        let again = corridor(&db, &["import", "--iati", file, "--as", "pk.secretariat"]);
        assert!(
            text(&again)
                .contains("0 projects created, 1 updated, 0 skipped; 0 transactions recorded"),
            "{label}: {}",
            text(&again)
        );
        // The other side importing the same file cannot take Pakistan's project over.
        let theirs = corridor(&db, &["import", "--iati", file, "--as", "cn.secretariat"]);
        assert!(theirs.status.success(), "{label}: {}", text(&theirs));
        assert!(
            text(&theirs).contains("0 projects created, 0 updated, 1 skipped")
                && text(&theirs).contains("ask the side that imported it to share the project"),
            "{label}: {}",
            text(&theirs)
        );
        let ok = corridor(&db, &["verify"]);
        assert!(ok.status.success(), "{label}: {}", text(&ok));
    }
}

#[tokio::test]
async fn broken_hostile_and_foreign_xml_imports_what_is_sound_and_says_where_it_stopped() {
    let db = sqlite().await;
    assert!(corridor(&db, &["demo"]).status.success());
    let dir = tempfile::tempdir().unwrap();
    let example = std::fs::read_to_string(iati_example()).unwrap();
    let write = |name: &str, body: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, body).unwrap();
        p.to_str().unwrap().to_owned()
    };
    let bomb = write(
        "bomb.xml",
        "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n<iati-activities><iati-activity><iati-identifier>&b;</iati-identifier></iati-activity></iati-activities>",
    );
    let atom = write(
        "feed.xml",
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>x</title></feed>",
    );
    // Two activities, the second cut off in the middle.
    let second = example.replacen("AA-AAA-123456789-ABC123", "AA-AAA-123456789-ABC124", 1);
    let body = second.split("<iati-activity ").nth(1).unwrap();
    let cut_at = body.find("<transaction").unwrap();
    let joined = example.replacen(
        "</iati-activities>",
        &format!("<iati-activity {}", &body[..cut_at]),
        1,
    );
    let cut = write("cut.xml", &joined);
    let events = |db: &corridor_store::testing::TestDb| {
        let s = db.store.clone();
        async move { s.verify().await.unwrap().events }
    };
    let before = events(&db).await;
    for (file, expected) in [
        (&bomb, "declares entities"),
        (&atom, "not an IATI activities file"),
    ] {
        let out = corridor(&db, &["import", "--iati", file, "--as", "pk.secretariat"]);
        assert_eq!(out.status.code(), Some(1), "{}", text(&out));
        assert!(text(&out).contains(expected), "{}", text(&out));
        assert!(text(&out).contains("line "), "{}", text(&out));
    }
    assert_eq!(events(&db).await, before, "hostile files change nothing");
    let out = corridor(&db, &["import", "--iati", &cut, "--as", "pk.secretariat"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("1 projects created"), "{}", text(&out));
    assert!(text(&out).contains("was cut short"), "{}", text(&out));
    let usage = corridor(&db, &["import", "--iati", &cut]);
    assert_eq!(usage.status.code(), Some(2), "{}", text(&usage));
    let nobody = corridor(&db, &["import", "--iati", &cut, "--as", "nobody"]);
    assert_eq!(nobody.status.code(), Some(2), "{}", text(&nobody));
    assert!(
        text(&nobody).contains("no active account"),
        "{}",
        text(&nobody)
    );
    assert!(corridor(&db, &["verify"]).status.success());
}
