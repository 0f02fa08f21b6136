//! The command line.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Corridor: the secretariat of an intergovernmental cooperation programme.
#[derive(Parser, Debug)]
#[command(name = "corridor", version, about)]
pub(crate) struct Cli {
    /// Configuration file (default: ./corridor.toml when it exists).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Database URL: sqlite://… or postgres://… (env CORRIDOR_DATABASE_URL).
    #[arg(long, global = true, value_name = "URL")]
    pub database: Option<String>,
    /// Folder for the SQLite database (env CORRIDOR_DATA_DIR).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub(crate) enum Command {
    /// Run the web server (migrates the database first).
    Serve(Serve),
    /// Load the demo world into the configured database.
    Demo,
    /// Apply pending database migrations.
    Migrate,
    /// Check the event log's hash chain and that every record equals its last event.
    Verify,
    /// Check a signed Record of Discussions offline: its content against its hash and every signature.
    VerifyDocument {
        /// The `.json` file downloaded from a meeting's `record.json`.
        file: std::path::PathBuf,
    },
    /// Write the whole database as a JSON Lines bundle (read in one consistent moment while the server runs).
    Export {
        /// The bundle to write; an existing file is never overwritten.
        #[arg(long, value_name = "FILE")]
        bundle: PathBuf,
    },
    /// Load a bundle into an empty database and verify it, or import another publisher's IATI activities.
    Import(Import),
    /// Rebuild the search index in the data folder from the event log (stop the server first; it keeps
    /// the index current by itself and rebuilds it at start when it is missing or outdated).
    Reindex,
    /// Copy a SQLite database to FILE while the server runs and writes (PostgreSQL: use pg_dump).
    Backup {
        /// The copy to write; an existing file is never overwritten.
        file: PathBuf,
    },
    /// Replace the database's content with a backup in one transaction, then verify it.
    Restore {
        /// The file written by `corridor backup`.
        file: PathBuf,
        /// Replace a database that holds records.
        #[arg(long)]
        force: bool,
    },
    /// Manage user accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Show or check the configuration.
    #[command(subcommand)]
    Config(ConfigCommand),
}

#[derive(Args, Debug)]
pub(crate) struct Serve {
    /// Load the demo world and print its logins.
    #[arg(long)]
    pub demo: bool,
    /// Address to listen on, e.g. 127.0.0.1:8080 (env CORRIDOR_BIND).
    #[arg(long, value_name = "ADDR")]
    pub bind: Option<String>,
}

/// `corridor import`.
#[derive(Args, Debug)]
#[command(group(clap::ArgGroup::new("source").required(true).args(["bundle", "iati"])))]
pub(crate) struct Import {
    /// A bundle written by `corridor export --bundle`: loaded into an empty database in one transaction.
    #[arg(long, value_name = "FILE")]
    pub bundle: Option<PathBuf>,
    /// An IATI 2.03 activities file: each activity becomes (or updates) a project of the importer's side.
    #[arg(long, value_name = "FILE", requires = "as_user")]
    pub iati: Option<PathBuf>,
    /// The account the IATI import acts as (its side owns the projects).
    #[arg(long = "as", value_name = "USERNAME")]
    pub as_user: Option<String>,
    /// The kind given to imported projects.
    #[arg(long, default_value = "revival_project")]
    pub kind: String,
    /// Who may see imported projects: party (your side, until shared), shared or public.
    #[arg(long, default_value = "party")]
    pub visibility: String,
}

#[derive(Subcommand, Debug)]
pub(crate) enum UserCommand {
    /// Create a person and an account for them.
    Add(AddUser),
    /// List accounts.
    List,
    /// Set a new password (generated and printed, or read from standard input).
    Passwd {
        /// The account.
        username: String,
        /// Read the password from standard input instead of generating one.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Issue an API token and print it.
    Token {
        /// The account.
        username: String,
        /// What the token is for.
        #[arg(long, default_value = "issued at the command line")]
        name: String,
    },
}

#[derive(Subcommand, Debug)]
pub(crate) enum ConfigCommand {
    /// Print a commented configuration file.
    Example,
    /// Load the configuration, check it and the database connection, and print it (without secrets).
    Check,
}

/// `corridor user add`.
#[derive(Args, Debug)]
pub(crate) struct AddUser {
    /// Sign-in name (a–z, 0–9, dot, dash, underscore).
    pub username: String,
    /// The person's full name.
    #[arg(long)]
    pub name: String,
    /// The party's two-letter code, e.g. PK.
    #[arg(long)]
    pub party: String,
    /// admin, secretariat, contributor or observer.
    #[arg(long)]
    pub role: String,
    /// The person's e-mail address.
    #[arg(long)]
    pub email: Option<String>,
    /// The id of the organisation the account acts for.
    #[arg(long)]
    pub organisation: Option<String>,
    /// Read the password from standard input instead of generating one.
    #[arg(long)]
    pub password_stdin: bool,
}
