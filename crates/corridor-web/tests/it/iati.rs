//! The portfolio as an IATI 2.03 file: it validates against the official schema with xmllint, every code is
//! in the official codelists, narratives carry their languages, and nothing kept to one side is published.

use crate::support::{Auth, TestApp};
use axum::http::StatusCode;
use corridor_core::ids::ProjectId;
use corridor_core::portfolio::{NewProject, ProjectInput};
use corridor_store::testing::each_backend_demo;
use std::path::PathBuf;
use std::process::Command;

/// The official schemas and codelists (`../shared/standards/iati` beside the checkout, or
/// `CORRIDOR_IATI_STANDARDS`). Missing means failure: the file must be checked against the real schema.
pub(crate) fn standards() -> PathBuf {
    let dir = std::env::var_os("CORRIDOR_IATI_STANDARDS").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/standards/iati"),
        PathBuf::from,
    );
    assert!(
        dir.join("schemas-2.03/iati-activities-schema.xsd").exists(),
        "the IATI 2.03 schemas are not at {}; set CORRIDOR_IATI_STANDARDS",
        dir.display()
    );
    dir
}

/// Checks each coded attribute against its official codelist and prints how many it checked.
const CODES: &str = r#"
import sys, xml.etree.ElementTree as ET
root, doc = sys.argv[1], ET.parse(sys.argv[2])
def codes(name, embedded=False):
    kind = 'embedded' if embedded else 'nonembedded'
    return {c.findtext('code') for c in ET.parse(f'{root}/codelists-{kind}/xml/{name}.xml').iter('codelist-item')}
checks = [
    ('.//reporting-org', 'type', codes('OrganisationType')),
    ('.//participating-org', 'type', codes('OrganisationType')),
    ('.//participating-org', 'role', codes('OrganisationRole', True)),
    ('.//activity-status', 'code', codes('ActivityStatus', True)),
    ('.//activity-date', 'type', codes('ActivityDateType', True)),
    ('.//recipient-country', 'code', codes('Country')),
    ('.//sector', 'vocabulary', codes('SectorVocabulary')),
    (".//sector[@vocabulary='1']", 'code', codes('Sector')),
    ('.//transaction-type', 'code', codes('TransactionType', True)),
    ('.//transaction/value', 'currency', codes('Currency')),
    ('.//result', 'type', codes('ResultType')),
    ('.//indicator', 'measure', codes('IndicatorMeasure')),
    ('.//narrative', '{http://www.w3.org/XML/1998/namespace}lang', codes('Language')),
]
n = 0
for path, attr, allowed in checks:
    for e in doc.iterfind(path):
        v = e.get(attr)
        if v is not None:
            assert v in allowed, (path, attr, v)
            n += 1
print(n)
"#;

fn run(tool: &str, args: &[&str], xml: &str) -> String {
    let file = std::env::temp_dir().join(format!("corridor-iati-{}.xml", uuid::Uuid::now_v7()));
    std::fs::write(&file, xml).unwrap();
    let out = Command::new(tool).args(args).arg(&file).output().unwrap();
    let _ = std::fs::remove_file(&file);
    assert!(
        out.status.success(),
        "{tool}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Validates `xml` against the official schema and codelists; returns how many codes were checked.
fn assert_valid_iati(xml: &str) -> usize {
    let dir = standards();
    let schema = dir.join("schemas-2.03/iati-activities-schema.xsd");
    run(
        "xmllint",
        &["--noout", "--schema", schema.to_str().unwrap()],
        xml,
    );
    run("python3", &["-c", CODES, dir.to_str().unwrap()], xml)
        .trim()
        .parse()
        .unwrap()
}

#[tokio::test]
async fn the_demo_portfolio_is_a_valid_iati_file_without_either_sides_own_projects() {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        let s = &app.db.store;
        let own = NewProject::parse(
            &ProjectInput {
                kind: Some("industrial_park".into()),
                name: Some("Site <Pakistan> keeps to itself".into()),
                planned_start: Some("2025-01-01".into()),
                developer: Some("Internal developer".into()),
                visibility: Some("party".into()),
                ..Default::default()
            },
            corridor_core::now().date(),
        )
        .unwrap();
        let pk_admin = s.actor_of("pk.admin").await.unwrap();
        s.create_project(&pk_admin, ProjectId::new(), &own)
            .await
            .unwrap();

        let page = app.get("/projects", Auth::None).await;
        assert!(
            page.body.contains(r#"href="/api/v1/iati/activities.xml""#),
            "{label}"
        );
        let token = app.token("pk.secretariat").await;
        let reply = app
            .get("/api/v1/iati/activities.xml", Auth::Bearer(&token))
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{label}: {}", reply.body);
        assert!(
            reply.headers[axum::http::header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with("application/xml"),
            "{label}"
        );
        let xml = &reply.body;
        let checked = assert_valid_iati(xml);
        assert!(checked > 50, "{label}: only {checked} codes");
        assert!(
            xml.matches("<iati-activity ").count() >= 5,
            "{label}: {xml}"
        );
        for expected in [
            "<narrative>Rashakai Special Economic Zone</narrative>",
            r#"<narrative xml:lang="zh">"#,
            "<iati-identifier>XI-IATI-CORRIDOR-",
            r#"<transaction-type code="#,
            r#"<result type="#,
            r#"<dimension name="reported by" value="China"/>"#,
            "Left out: Karachi Coastal",
        ] {
            assert!(xml.contains(expected), "{label}: no {expected} in {xml}");
        }
        // A project one side keeps to itself is not published, not even by that side.
        assert!(!xml.contains("keeps to itself"), "{label}");
        let cn = app.token("cn.secretariat").await;
        let theirs = app
            .get("/api/v1/iati/activities.xml", Auth::Bearer(&cn))
            .await;
        assert!(!theirs.body.contains("keeps to itself"), "{label}");
        assert_valid_iati(&theirs.body);
        // Anyone may ask; without signing in, exactly the public projects, each published or named as left out.
        let public = app.get("/api/v1/iati/activities.xml", Auth::None).await;
        assert_eq!(public.status, StatusCode::OK, "{label}");
        assert_valid_iati(&public.body);
        let listed = app
            .get("/api/v1/projects?limit=500", Auth::None)
            .await
            .json();
        let open = listed["data"].as_array().unwrap().len();
        let published = public.body.matches("<iati-activity ").count();
        let left_out = public.body.matches("Left out: ").count();
        assert_eq!(published + left_out, open, "{label}: {}", public.body);
        assert!(
            published < xml.matches("<iati-activity ").count(),
            "{label}"
        );
    }
}

#[tokio::test]
async fn an_exported_file_imports_back_as_projects_whose_page_shows_their_origin() {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        let token = app.token("pk.secretariat").await;
        let xml = app
            .get("/api/v1/iati/activities.xml", Auth::Bearer(&token))
            .await
            .body;
        let published = xml.matches("<iati-activity ").count();
        let s = &app.db.store;
        let cn = s.actor_of("cn.secretariat").await.unwrap();
        let how = corridor_store::portfolio::IatiImport {
            kind: "development_zone".into(),
            visibility: "party".into(),
            file: "corridor-iati-activities.xml".into(),
        };
        let mut seen = 0;
        let report = corridor_web::iati_import::import_iati(
            s,
            &cn,
            std::io::Cursor::new(xml.into_bytes()),
            &how,
            &mut |bytes, _| seen = bytes,
        )
        .await
        .unwrap();
        assert_eq!(
            (report.activities, report.created),
            (published, published),
            "{label}: {report:?}"
        );
        assert!(
            report.stopped.is_none() && report.skipped.is_empty(),
            "{label}: {report:?}"
        );
        assert!(
            report.finance > 0 && report.unmapped > 0,
            "{label}: {report:?}"
        );
        assert!(seen > 0, "{label}: progress was reported");
        // The copy of Rashakai belongs to China's side; its page says where it came from.
        let cn_token = app.token("cn.secretariat").await;
        let listed = app
            .get(
                "/api/v1/projects?limit=500&kind=development_zone",
                Auth::Bearer(&cn_token),
            )
            .await
            .json();
        let copy = listed["data"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == "Rashakai Special Economic Zone")
            .unwrap_or_else(|| panic!("{label}: {listed}"))["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let page = app
            .get(&format!("/projects/{copy}"), Auth::Bearer(&cn_token))
            .await;
        assert!(page.body.contains("Imported from IATI"), "{label}");
        assert!(
            page.body.contains("reporting-org"),
            "{label}: the publisher is kept as unmapped"
        );
        let theirs = app
            .get(&format!("/projects/{copy}"), Auth::Bearer(&token))
            .await;
        assert_eq!(
            theirs.status,
            StatusCode::NOT_FOUND,
            "{label}: kept to China's side"
        );
    }
}
