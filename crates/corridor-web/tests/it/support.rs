//! `TestApp`: the real application over a fresh database with the demo world, driven in-process.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use corridor_core::config::Config;
use corridor_store::testing::TestDb;
use corridor_web::{AppState, build_app};
use http_body_util::BodyExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use tower::ServiceExt;

pub struct TestApp {
    pub db: TestDb,
    pub router: Router,
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
    pub bytes: Vec<u8>,
}

impl Reply {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .filter_map(|v| v.split(';').next())
            .filter_map(|kv| kv.split_once('='))
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.to_owned())
    }
}

/// The text in `text` after the first `after`, up to the next `until`; panics naming `after` when absent.
pub fn between(text: &str, after: &str, until: char) -> String {
    text.split(after)
        .nth(1)
        .and_then(|r| r.split(until).next())
        .unwrap_or_else(|| panic!("no {after} in {text}"))
        .to_owned()
}

pub fn demo_id(kind: &str, key: &str) -> String {
    uuid_of(&format!("demo/{kind}/{key}"), kind)
}

fn uuid_of(key: &str, kind: &str) -> String {
    use corridor_core::ids::*;
    match kind {
        "organisation" => OrganisationId::from_key(key).to_string(),
        "person" => PersonId::from_key(key).to_string(),
        "party" => PartyId::from_key(key).to_string(),
        "membership" => MembershipId::from_key(key).to_string(),
        _ => UserId::from_key(key).to_string(),
    }
}

impl TestApp {
    pub async fn new(db: TestDb) -> TestApp {
        Self::with_config(
            db,
            Config {
                login_attempts: 3,
                max_body_bytes: 64 * 1024,
                ..Config::default()
            },
        )
        .await
    }

    pub async fn with_config(db: TestDb, config: Config) -> TestApp {
        if !db.demo {
            corridor_store::demo::load(&db.store).await.unwrap();
        }
        let router = build_app(AppState::new(db.store.clone(), config));
        TestApp { db, router }
    }

    pub async fn send(&self, req: Request<Body>) -> Reply {
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            bytes: bytes.to_vec(),
        }
    }

    pub async fn get(&self, path: &str, auth: Auth<'_>) -> Reply {
        self.send(auth.apply(Request::get(path)).body(Body::empty()).unwrap())
            .await
    }

    pub async fn json(&self, method: &str, path: &str, auth: Auth<'_>, body: &str) -> Reply {
        let req = auth
            .apply(Request::builder().method(method).uri(path))
            .header(header::CONTENT_TYPE, "application/json");
        self.send(req.body(Body::from(body.to_owned())).unwrap())
            .await
    }

    pub async fn form(&self, path: &str, auth: Auth<'_>, pairs: &[(&str, &str)]) -> Reply {
        let body = serde_urlencoded::to_string(pairs).unwrap();
        let req = auth
            .apply(Request::post(path))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        self.send(req.body(Body::from(body)).unwrap()).await
    }

    /// A raw body with its content type.
    pub async fn raw(
        &self,
        path: &str,
        auth: Auth<'_>,
        content_type: &str,
        body: Vec<u8>,
    ) -> Reply {
        let req = auth
            .apply(Request::post(path))
            .header(header::CONTENT_TYPE, content_type);
        self.send(req.body(Body::from(body)).unwrap()).await
    }

    /// A bearer token for a demo account.
    pub async fn token(&self, username: &str) -> String {
        let u = self.db.store.user_by_username(username).await.unwrap();
        self.db
            .store
            .create_token(&corridor_core::Actor::System, &u.id, "test")
            .await
            .unwrap()
            .1
    }

    /// Signs in through the form; returns the session cookie and the CSRF token its pages carry.
    pub async fn sign_in(&self, username: &str) -> (String, String) {
        let login = self.get("/login", Auth::None).await;
        let pre = login.cookie("corridor_login_csrf").unwrap();
        let res = self
            .form(
                "/login",
                Auth::Cookie(&format!("corridor_login_csrf={pre}")),
                &[
                    ("csrf", &pre),
                    ("username", username),
                    ("password", "corridor-demo"),
                    ("next", "/"),
                ],
            )
            .await;
        assert_eq!(
            res.status,
            StatusCode::SEE_OTHER,
            "sign-in of {username} failed: {}",
            res.body
        );
        let session = res.cookie("corridor_session").unwrap();
        let cookie = format!("corridor_session={session}");
        let page = self.get("/account", Auth::Cookie(&cookie)).await;
        let csrf = page
            .body
            .split("name=\"csrf\" value=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_owned();
        (cookie, csrf)
    }

    pub async fn event_count(&self) -> i64 {
        self.db.store.verify().await.unwrap().events
    }
}

#[derive(Clone, Copy)]
pub enum Auth<'a> {
    None,
    Bearer(&'a str),
    Cookie(&'a str),
}

impl Auth<'_> {
    pub fn apply(self, b: axum::http::request::Builder) -> axum::http::request::Builder {
        match self {
            Auth::None => b,
            Auth::Bearer(t) => b.header(header::AUTHORIZATION, format!("Bearer {t}")),
            Auth::Cookie(c) => b.header(header::COOKIE, c),
        }
    }
}

/// An SMTP server on a free port of 127.0.0.1 that keeps what it receives in a maildir.
pub struct Sink {
    child: Child,
    pub port: u16,
    dir: std::path::PathBuf,
}

impl Sink {
    pub fn start(dir: &Path) -> Sink {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new("python3")
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}")])
            .args([
                "-c",
                "aiosmtpd.handlers.Mailbox",
                &dir.display().to_string(),
            ])
            .stdout(Stdio::null())
            .spawn()
            .expect("python3 with aiosmtpd (pip install aiosmtpd; .ci/run installs it)");
        // Held by the sink from here on, so a failed start still stops the process (see `Drop`).
        let sink = Sink {
            child,
            port,
            dir: dir.to_owned(),
        };
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return sink;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        panic!("aiosmtpd did not start on port {port}");
    }

    /// Every message received, each as Python's parser reads it: headers, then each part decoded.
    pub fn received(&self) -> Vec<String> {
        let new = self.dir.join("new");
        let mut files: Vec<_> = std::fs::read_dir(&new)
            .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort();
        files
            .iter()
            .map(|f| {
                let out = Command::new("python3")
                    .args(["-c", PARSE, &f.display().to_string()])
                    .output()
                    .unwrap();
                assert!(
                    out.status.success(),
                    "{}",
                    String::from_utf8_lossy(&out.stderr)
                );
                String::from_utf8(out.stdout).unwrap()
            })
            .collect()
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Prints a message's decoded headers and each part with its type.
const PARSE: &str = r#"
import sys, email
from email import policy
m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=policy.default)
for h in ('From', 'To', 'Subject', 'Message-ID', 'List-Unsubscribe', 'List-Unsubscribe-Post'):
    print(f"{h}: {m[h]}")
for part in m.walk():
    if part.get_content_maintype() == 'text':
        print(f"--- {part.get_content_type()}")
        print(part.get_content())
"#;
