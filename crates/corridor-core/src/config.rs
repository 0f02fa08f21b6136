//! The one typed configuration, filled from defaults, `corridor.toml`, `CORRIDOR_*` variables and flags.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::PathBuf;

/// Everything a Corridor process can be told.
#[derive(Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Address and port the web server listens on.
    pub bind: String,
    /// Folder for the SQLite database (and, later, the search index).
    pub data_dir: PathBuf,
    /// `sqlite://…` or `postgres://…`; empty means `corridor.db` in `data_dir`.
    pub database_url: String,
    /// The address people reach the server at, used in links; set it when behind a proxy.
    pub public_url: String,
    /// Mark session cookies `Secure`; on by default when `public_url` is https.
    pub secure_cookies: Option<bool>,
    /// How long a sign-in lasts, in hours.
    pub session_hours: u32,
    /// Failed sign-ins allowed per account and per address within `login_window_minutes`.
    pub login_attempts: u32,
    /// The window of the sign-in limit, in minutes.
    pub login_window_minutes: u32,
    /// Largest request body accepted, in bytes.
    pub max_body_bytes: usize,
    /// Folders holding the Noto fonts for PDF documents; empty means Debian's (`/usr/share/fonts/…/noto`).
    pub font_dirs: Vec<PathBuf>,
    /// The SMTP relay for alert e-mail: `smtp://host:port`, `smtp+starttls://…` or `smtps://…`, with
    /// `user:password@` when it asks; empty keeps e-mail in the outbox, unsent.
    pub smtp_url: String,
    /// The sender of alert e-mail.
    pub mail_from: String,
    /// The IATI organisation identifier of the publisher of IATI files (the registered identifier of the
    /// secretariat or the ministry that publishes); every activity's identifier starts with it.
    pub iati_publisher: String,
    /// The publisher's name in IATI files.
    pub iati_publisher_name: String,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            bind: "127.0.0.1:8080".into(),
            data_dir: PathBuf::from("corridor-data"),
            database_url: String::new(),
            public_url: String::new(),
            secure_cookies: None,
            session_hours: 12,
            login_attempts: 5,
            login_window_minutes: 15,
            max_body_bytes: 2 * 1024 * 1024,
            font_dirs: Vec::new(),
            smtp_url: String::new(),
            mail_from: "Corridor <corridor@localhost>".into(),
            iati_publisher: "XI-IATI-CORRIDOR".into(),
            iati_publisher_name: "Joint Working Group on Industrial Cooperation".into(),
        }
    }
}

impl Config {
    /// The database URL to connect to: the configured one, else SQLite in the data folder.
    pub fn effective_database_url(&self) -> String {
        if self.database_url.trim().is_empty() {
            format!(
                "sqlite://{}?mode=rwc",
                self.data_dir.join("corridor.db").display()
            )
        } else {
            self.database_url.trim().to_owned()
        }
    }

    /// The address links in e-mail, feeds and calendars start with: `public_url` without its trailing
    /// slash, else the address the server listens on.
    pub fn base_url(&self) -> String {
        let u = self.public_url.trim().trim_end_matches('/');
        if u.is_empty() {
            format!("http://{}", self.bind)
        } else {
            u.to_owned()
        }
    }

    /// Whether session cookies carry `Secure`.
    pub fn cookies_secure(&self) -> bool {
        self.secure_cookies
            .unwrap_or_else(|| self.public_url.starts_with("https://"))
    }

    /// Checks values that parse but cannot work.
    pub fn check(&self) -> Result<(), String> {
        if self.session_hours == 0 {
            return Err("session_hours must be at least 1".into());
        }
        if self.login_attempts == 0 || self.login_window_minutes == 0 {
            return Err("login_attempts and login_window_minutes must be at least 1".into());
        }
        let smtp = self.smtp_url.trim();
        if !smtp.is_empty()
            && !["smtp://", "smtps://", "smtp+starttls://"]
                .iter()
                .any(|p| smtp.starts_with(p))
        {
            return Err("smtp_url must start with smtp://, smtp+starttls:// or smtps://".into());
        }
        if !self.mail_from.contains('@') {
            return Err(
                "mail_from must be an e-mail address, e.g. Corridor <corridor@example.org>".into(),
            );
        }
        let publisher = self.iati_publisher.trim();
        if publisher.is_empty() || publisher.chars().any(|c| c.is_whitespace() || c == '/') {
            return Err(
                "iati_publisher must be an IATI organisation identifier such as GB-GOV-1 (no spaces or slashes)"
                    .into(),
            );
        }
        if self.max_body_bytes < 1024 {
            return Err("max_body_bytes must be at least 1024".into());
        }
        let url = self.effective_database_url();
        if !(url.starts_with("sqlite:")
            || url.starts_with("postgres://")
            || url.starts_with("postgresql://"))
        {
            return Err(format!(
                "database_url must start with sqlite:, postgres:// or postgresql://, not “{}”",
                redact_url(&url)
            ));
        }
        Ok(())
    }
}

/// Hides the password in a database URL, for logs and messages.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let creds = &url[scheme + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

// Hand-written so that a logged configuration never shows the database password.
impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("bind", &self.bind)
            .field("data_dir", &self.data_dir)
            .field("database_url", &redact_url(&self.effective_database_url()))
            .field("public_url", &self.public_url)
            .field("secure_cookies", &self.cookies_secure())
            .field("session_hours", &self.session_hours)
            .field("smtp_url", &redact_url(&self.smtp_url))
            .field("mail_from", &self.mail_from)
            .field("iati_publisher", &self.iati_publisher)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_reach_the_debug_output() {
        let c = Config {
            database_url: "postgres://corridor:s3cret@db/corridor".into(),
            ..Config::default()
        };
        let shown = format!("{c:?}");
        assert!(!shown.contains("s3cret"));
        assert!(shown.contains("corridor:***@db"));
    }

    #[test]
    fn default_database_is_sqlite_in_the_data_folder() {
        assert_eq!(
            Config::default().effective_database_url(),
            "sqlite://corridor-data/corridor.db?mode=rwc"
        );
        assert!(Config::default().check().is_ok());
    }
}
