//! Loads the configuration in layers: defaults, then `corridor.toml`, then `CORRIDOR_*` variables, then flags.

use crate::Failure;
use crate::cli::Cli;
use corridor_core::config::Config;
use std::path::{Path, PathBuf};

/// The text `corridor config example` prints.
pub(crate) const EXAMPLE: &str = include_str!("../../../corridor.example.toml");

/// Reads a configuration file.
fn from_file(path: &Path) -> Result<Config, Failure> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::Usage(format!("cannot read {}: {e}", path.display())))?;
    toml::from_str(&text).map_err(|e| Failure::Usage(format!("{}: {e}", path.display())))
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn parsed<T: std::str::FromStr>(name: &str) -> Result<Option<T>, Failure> {
    env(name)
        .map(|v| {
            v.trim()
                .parse()
                .map_err(|_| Failure::Usage(format!("{name}=“{v}” is not a valid value")))
        })
        .transpose()
}

/// Applies `CORRIDOR_*` variables over `c`.
fn apply_env(c: &mut Config) -> Result<(), Failure> {
    if let Some(v) = env("CORRIDOR_BIND") {
        c.bind = v;
    }
    if let Some(v) = env("CORRIDOR_DATA_DIR") {
        c.data_dir = PathBuf::from(v);
    }
    if let Some(v) = env("CORRIDOR_DATABASE_URL") {
        c.database_url = v;
    }
    if let Some(v) = env("CORRIDOR_PUBLIC_URL") {
        c.public_url = v;
    }
    if let Some(v) = env("CORRIDOR_SMTP_URL") {
        c.smtp_url = v;
    }
    if let Some(v) = env("CORRIDOR_MAIL_FROM") {
        c.mail_from = v;
    }
    if let Some(v) = env("CORRIDOR_IATI_PUBLISHER") {
        c.iati_publisher = v;
    }
    if let Some(v) = parsed("CORRIDOR_SECURE_COOKIES")? {
        c.secure_cookies = Some(v);
    }
    if let Some(v) = parsed("CORRIDOR_SESSION_HOURS")? {
        c.session_hours = v;
    }
    if let Some(v) = parsed("CORRIDOR_LOGIN_ATTEMPTS")? {
        c.login_attempts = v;
    }
    if let Some(v) = parsed("CORRIDOR_LOGIN_WINDOW_MINUTES")? {
        c.login_window_minutes = v;
    }
    if let Some(v) = parsed("CORRIDOR_MAX_BODY_BYTES")? {
        c.max_body_bytes = v;
    }
    if let Some(v) = std::env::var_os("CORRIDOR_FONT_DIRS").filter(|v| !v.is_empty()) {
        c.font_dirs = std::env::split_paths(&v).collect();
    }
    Ok(())
}

/// The configuration for this run.
pub(crate) fn load(cli: &Cli, bind: Option<&str>) -> Result<Config, Failure> {
    let file = cli
        .config
        .clone()
        .or_else(|| Some(PathBuf::from("corridor.toml")).filter(|p| p.exists()));
    let mut c = match &file {
        Some(path) => from_file(path)?,
        None => Config::default(),
    };
    apply_env(&mut c)?;
    if let Some(d) = &cli.data_dir {
        c.data_dir.clone_from(d);
    }
    if let Some(u) = &cli.database {
        c.database_url.clone_from(u);
    }
    if let Some(b) = bind {
        c.bind = b.to_owned();
    }
    c.check().map_err(Failure::Usage)?;
    Ok(c)
}

/// Creates the data folder when the database is the default SQLite file inside it.
pub(crate) fn prepare_data_dir(c: &Config) -> Result<(), Failure> {
    if c.database_url.trim().is_empty() {
        std::fs::create_dir_all(&c.data_dir).map_err(|e| {
            Failure::Failed(format!(
                "cannot create the data folder {}: {e}",
                c.data_dir.display()
            ))
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_file_parses_and_holds_the_defaults() {
        let c: Config = toml::from_str(EXAMPLE).unwrap();
        assert_eq!(c, Config::default());
    }

    #[test]
    fn an_unknown_key_is_refused_with_its_name() {
        let e = toml::from_str::<Config>("bindd = \"x\"")
            .unwrap_err()
            .to_string();
        assert!(e.contains("bindd"), "{e}");
    }
}
