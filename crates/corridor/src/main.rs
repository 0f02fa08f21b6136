//! The `corridor` binary: parses the command line, starts logging, loads the configuration, calls the library.
//! Exit status: 0 on success, 1 when a check fails or the work cannot be done, 2 on bad usage or configuration.

mod cli;
mod config;
mod reindex;
mod run;
mod transfer;
mod user;

use clap::Parser;
use std::process::ExitCode;

/// A failure with its exit status.
pub(crate) enum Failure {
    /// Bad usage or configuration: exit 2.
    Usage(String),
    /// The work failed or a check found a problem: exit 1.
    Failed(String),
}

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure::Failed(e.to_string())
    }
}

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("CORRIDOR_LOG").unwrap_or_else(|_| {
                tracing_subscriber::EnvFilter::new(
                    "info,sqlx=warn,sea_orm=warn,sea_orm_migration=warn",
                )
            }),
        )
        .with_writer(std::io::stderr)
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return ExitCode::from(1);
        }
    };
    match runtime.block_on(run::run(args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(m)) => {
            eprintln!("error: {m}");
            ExitCode::from(2)
        }
        Err(Failure::Failed(m)) => {
            eprintln!("error: {m}");
            ExitCode::from(1)
        }
    }
}
