//! The binary as an operator uses it: its commands, their output and their exit statuses.

mod crash;
mod search;
mod transfer;

use corridor_store::testing::{TestDb, each_backend};
use sea_orm::ConnectionTrait;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Output, Stdio};

/// A data folder of the test's own for `db`, which holds the search index: two servers or a server and
/// `reindex` on one folder would wait for each other.
fn data_dir(db: &TestDb) -> std::path::PathBuf {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    db.url.hash(&mut h);
    std::env::temp_dir().join(format!("corridor-cli-{:x}", h.finish()))
}

fn corridor(db: &TestDb, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_corridor"))
        .args(args)
        .env("CORRIDOR_DATABASE_URL", &db.url)
        .env("CORRIDOR_DATA_DIR", data_dir(db))
        .env("CORRIDOR_LOG", "warn")
        .current_dir(std::env::temp_dir())
        .output()
        .expect("the corridor binary runs")
}

/// `corridor serve --demo` on `db` at a free port: the child and its output's lines, which start with the
/// demo logins and then the address.
fn serve_demo(
    db: &TestDb,
) -> (
    std::process::Child,
    std::io::Lines<BufReader<std::process::ChildStdout>>,
) {
    serve_with(db, &["serve", "--demo", "--bind", "127.0.0.1:0"])
}

/// The binary run with `args` (a `serve` command) on `db`, quiet but for errors: the child and its output's lines.
fn serve_with(
    db: &TestDb,
    args: &[&str],
) -> (
    std::process::Child,
    std::io::Lines<BufReader<std::process::ChildStdout>>,
) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_corridor"))
        .args(args)
        .env("CORRIDOR_DATABASE_URL", &db.url)
        .env("CORRIDOR_DATA_DIR", data_dir(db))
        .env("CORRIDOR_LOG", "error")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let lines = BufReader::new(child.stdout.take().unwrap()).lines();
    (child, lines)
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[tokio::test]
async fn verify_passes_on_the_demo_and_names_a_tampered_record_with_exit_1() {
    for db in each_backend().await {
        let label = db.label;
        let out = corridor(&db, &["demo"]);
        assert!(out.status.success(), "{label}: {}", text(&out));
        assert!(
            text(&out).contains("demo login: pk.secretariat corridor-demo (secretariat, Pakistan)"),
            "{}",
            text(&out)
        );
        let again = corridor(&db, &["demo"]);
        assert!(
            text(&again).contains("0 records created"),
            "{label}: {}",
            text(&again)
        );
        let ok = corridor(&db, &["verify"]);
        assert_eq!(ok.status.code(), Some(0), "{label}: {}", text(&ok));
        assert!(text(&ok).contains("the chain is intact"));
        db.store
            .connection()
            .execute_unprepared("UPDATE organisations SET website = 'https://forged.example' WHERE name = 'National Development and Reform Commission'")
            .await
            .unwrap();
        let bad = corridor(&db, &["verify"]);
        assert_eq!(bad.status.code(), Some(1), "{label}: {}", text(&bad));
        assert!(
            text(&bad).contains("organisation “National Development and Reform Commission”"),
            "{label}: {}",
            text(&bad)
        );
        assert!(
            text(&bad).contains("the first is at event"),
            "{}",
            text(&bad)
        );
    }
}

#[tokio::test]
async fn an_edited_event_is_reported_with_its_sequence_number() {
    let db = corridor_store::testing::sqlite().await;
    corridor(&db, &["demo"]);
    let c = db.store.connection();
    c.execute_unprepared("DROP TRIGGER events_no_update")
        .await
        .unwrap();
    c.execute_unprepared("UPDATE events SET actor_name = 'intruder' WHERE seq = 7")
        .await
        .unwrap();
    let out = corridor(&db, &["verify"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out).contains("the first is at event 7"),
        "{}",
        text(&out)
    );
}

#[tokio::test]
async fn serve_prints_the_demo_logins_and_answers_on_its_address() {
    let db = corridor_store::testing::sqlite().await;
    let (mut child, mut lines) = serve_demo(&db);
    let mut logins = Vec::new();
    let addr = loop {
        let line = lines.next().expect("serve printed its address").unwrap();
        if let Some(l) = line.strip_prefix("demo login: ") {
            logins.push(l.to_owned());
        }
        if let Some(rest) = line.strip_prefix("Corridor is listening on http://") {
            break rest.trim_end_matches('/').to_owned();
        }
    };
    assert!(
        logins.contains(&"pk.secretariat corridor-demo (secretariat, Pakistan)".to_owned()),
        "{logins:?}"
    );
    assert!(
        logins.contains(&"cn.secretariat corridor-demo (secretariat, China)".to_owned()),
        "{logins:?}"
    );
    let mut stream = std::net::TcpStream::connect(&addr).unwrap();
    write!(
        stream,
        "GET /healthz HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).unwrap();
    child.kill().ok();
    child.wait().ok();
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
}

#[tokio::test]
async fn bad_usage_and_bad_configuration_exit_2_with_a_message() {
    let db = corridor_store::testing::sqlite().await;
    let out = corridor(&db, &["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    let out = Command::new(env!("CARGO_BIN_EXE_corridor"))
        .args(["config", "check"])
        .env("CORRIDOR_DATABASE_URL", "mysql://localhost/x")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out).contains("database_url must start with"),
        "{}",
        text(&out)
    );
    let out = Command::new(env!("CARGO_BIN_EXE_corridor"))
        .args(["config", "check"])
        .env("CORRIDOR_SESSION_HOURS", "forever")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out).contains("CORRIDOR_SESSION_HOURS"),
        "{}",
        text(&out)
    );
    let example = corridor(&db, &["config", "example"]);
    assert!(text(&example).contains("login_attempts = 5"));
    corridor(&db, &["demo"]);
    let out = corridor(
        &db,
        &[
            "user", "add", "sana", "--name", "Sana Mir", "--party", "XX", "--role", "observer",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out).contains("--party: no party with code XX; known: CN, PK")
            || text(&out).contains("known: PK, CN"),
        "{}",
        text(&out)
    );
    let out = corridor(
        &db,
        &[
            "user", "add", "sana", "--name", "Sana Mir", "--party", "PK", "--role", "chair",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("role:"), "{}", text(&out));
}

#[tokio::test]
async fn the_operator_manages_accounts_and_tokens_from_the_command_line() {
    for db in each_backend().await {
        let label = db.label;
        corridor(&db, &["demo"]);
        let mut child = Command::new(env!("CARGO_BIN_EXE_corridor"))
            .args([
                "user",
                "add",
                "sana.mir",
                "--name",
                "Sana Mir",
                "--party",
                "pk",
                "--role",
                "observer",
                "--password-stdin",
            ])
            .env("CORRIDOR_DATABASE_URL", &db.url)
            .env("CORRIDOR_LOG", "warn")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(b"a long enough passphrase\n")
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{label}: {}", text(&out));
        assert!(
            !text(&out).contains("passphrase"),
            "the password was echoed"
        );
        assert!(
            db.store
                .authenticate("sana.mir", "a long enough passphrase")
                .await
                .is_ok(),
            "{label}"
        );
        let list = corridor(&db, &["user", "list"]);
        assert!(
            text(&list).contains("sana.mir\tobserver\tPakistan\tSana Mir"),
            "{label}: {}",
            text(&list)
        );
        let token = corridor(&db, &["user", "token", "sana.mir"]);
        let secret = String::from_utf8_lossy(&token.stdout).trim().to_owned();
        assert!(secret.starts_with("cor_"), "{secret}");
        assert_eq!(
            db.store
                .token_user(&secret)
                .await
                .unwrap()
                .unwrap()
                .username,
            "sana.mir"
        );
        let pw = corridor(&db, &["user", "passwd", "sana.mir"]);
        let new = text(&pw)
            .lines()
            .find_map(|l| l.strip_prefix("password: "))
            .unwrap()
            .to_owned();
        assert!(
            db.store.authenticate("sana.mir", &new).await.is_ok(),
            "{label}"
        );
        assert_eq!(
            corridor(&db, &["user", "token", "nobody"]).status.code(),
            Some(2)
        );
        assert_eq!(corridor(&db, &["verify"]).status.code(), Some(0), "{label}");
    }
}

#[tokio::test]
async fn a_database_newer_than_the_binary_is_refused() {
    let db = corridor_store::testing::sqlite().await;
    db.store
        .connection()
        .execute_unprepared(
            "INSERT INTO seaql_migrations (version, applied_at) VALUES ('m9000_future', 0)",
        )
        .await
        .unwrap();
    for cmd in [
        ["migrate"].as_slice(),
        ["serve", "--bind", "127.0.0.1:0"].as_slice(),
        ["verify"].as_slice(),
    ] {
        let out = corridor(&db, cmd);
        assert_eq!(out.status.code(), Some(1), "{cmd:?}: {}", text(&out));
        assert!(text(&out).contains("m9000_future"), "{}", text(&out));
    }
}

#[tokio::test]
async fn a_signed_record_of_the_demo_verifies_offline_and_a_tampered_copy_does_not() {
    let db = corridor_store::testing::sqlite().await;
    corridor(&db, &["demo"]);
    let meeting = corridor_core::ids::MeetingId::from_key("demo/meeting/jwg-5").to_string();
    let record = db
        .store
        .signed_record(&corridor_core::Viewer::System, &meeting)
        .await
        .unwrap();
    assert_eq!(
        record.signatures.len(),
        2,
        "the demo's 5th meeting is signed by both co-chairs"
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("record.json");
    std::fs::write(&file, serde_json::to_string_pretty(&record).unwrap()).unwrap();
    let ok = corridor(&db, &["verify-document", file.to_str().unwrap()]);
    assert_eq!(ok.status.code(), Some(0), "{}", text(&ok));
    assert!(
        text(&ok).contains("signature valid: Khashih-ur-Rehman for Pakistan"),
        "{}",
        text(&ok)
    );
    assert!(
        text(&ok).contains("signature valid: Ying Xiong for China"),
        "{}",
        text(&ok)
    );
    let forged = std::fs::read_to_string(&file)
        .unwrap()
        .replace("China accepted the draft", "China rejected the draft");
    std::fs::write(&file, forged).unwrap();
    let bad = corridor(&db, &["verify-document", file.to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(1), "{}", text(&bad));
    assert!(
        text(&bad).contains("CHANGED since it was signed")
            && text(&bad).contains("signature INVALID"),
        "{}",
        text(&bad)
    );
    std::fs::write(&file, "not json").unwrap();
    assert_eq!(
        corridor(&db, &["verify-document", file.to_str().unwrap()])
            .status
            .code(),
        Some(2)
    );
}
