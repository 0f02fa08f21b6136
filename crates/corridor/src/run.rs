//! Carries out each command.

use crate::Failure;
use crate::cli::{Cli, Command, ConfigCommand};
use crate::config;
use corridor_store::Store;

/// Opens the configured database and brings its schema up to date.
pub(crate) async fn open(cfg: &corridor_core::config::Config) -> Result<Store, Failure> {
    config::prepare_data_dir(cfg)?;
    let store = Store::connect(&cfg.effective_database_url()).await?;
    let applied = store.migrate().await?;
    if !applied.is_empty() {
        tracing::info!(migrations = ?applied, "database schema brought up to date");
    }
    Ok(store)
}

pub(crate) async fn run(cli: Cli) -> Result<(), Failure> {
    match &cli.command {
        Command::Serve(s) => {
            let cfg = config::load(&cli, s.bind.as_deref())?;
            serve(cfg, s.demo).await
        }
        Command::Demo => {
            let store = open(&config::load(&cli, None)?).await?;
            let report = corridor_store::demo::load(&store).await?;
            println!("demo world loaded: {} records created", report.created);
            print_logins(&report);
            Ok(())
        }
        Command::Migrate => {
            let cfg = config::load(&cli, None)?;
            config::prepare_data_dir(&cfg)?;
            let store = Store::connect(&cfg.effective_database_url()).await?;
            let applied = store.migrate().await?;
            if applied.is_empty() {
                println!("the database schema is up to date");
            } else {
                println!(
                    "applied {} migration(s): {}",
                    applied.len(),
                    applied.join(", ")
                );
            }
            Ok(())
        }
        Command::Verify => verify(&config::load(&cli, None)?).await,
        Command::Export { bundle } => {
            crate::transfer::export(&open(&config::load(&cli, None)?).await?, bundle).await
        }
        Command::Import(i) => {
            let cfg = config::load(&cli, None)?;
            let store = open(&cfg).await?;
            match (&i.bundle, &i.iati) {
                (Some(bundle), _) => {
                    crate::transfer::import(&store, bundle).await?;
                    verify(&cfg).await
                }
                (None, Some(file)) => crate::transfer::import_iati(&store, file, i).await,
                (None, None) => Err(Failure::Usage("give --bundle FILE or --iati FILE".into())),
            }
        }
        Command::Reindex => {
            let cfg = config::load(&cli, None)?;
            crate::reindex::reindex(&open(&cfg).await?, &cfg).await
        }
        Command::Backup { file } => {
            crate::transfer::backup(&open(&config::load(&cli, None)?).await?, file).await
        }
        Command::Restore { file, force } => {
            let cfg = config::load(&cli, None)?;
            crate::transfer::restore(&open(&cfg).await?, file, *force).await?;
            verify(&cfg).await
        }
        Command::VerifyDocument { file } => verify_document(file),
        Command::User(cmd) => crate::user::run(&open(&config::load(&cli, None)?).await?, cmd).await,
        Command::Config(ConfigCommand::Example) => {
            print!("{}", config::EXAMPLE);
            Ok(())
        }
        Command::Config(ConfigCommand::Check) => {
            let cfg = config::load(&cli, None)?;
            config::prepare_data_dir(&cfg)?;
            let store = Store::connect(&cfg.effective_database_url()).await?;
            let state = store.schema_state().await?;
            println!("{cfg:#?}");
            println!(
                "database reachable; {} migration(s) applied, {} pending",
                state.applied,
                state.pending.len()
            );
            Ok(())
        }
    }
}

fn print_logins(report: &corridor_store::demo::DemoReport) {
    for l in &report.logins {
        println!(
            "demo login: {} {} ({}, {})",
            l.username, l.password, l.role, l.party
        );
    }
}

async fn serve(cfg: corridor_core::config::Config, demo: bool) -> Result<(), Failure> {
    tracing::info!(config = ?cfg, "starting");
    let store = open(&cfg).await?;
    let index = crate::reindex::open_index(&cfg)?;
    if demo {
        let report = corridor_store::demo::load(&store).await?;
        if report.created > 0 {
            println!("demo world loaded: {} records created", report.created);
        }
        print_logins(&report);
    }
    let listener = tokio::net::TcpListener::bind(&cfg.bind)
        .await
        .map_err(|e| Failure::Usage(format!("cannot listen on {}: {e}", cfg.bind)))?;
    let addr = listener.local_addr()?;
    println!("Corridor is listening on http://{addr}/");
    let state = corridor_web::AppState::new(store, cfg).with_search_index(index);
    // Search: kept current from the event log, rebuilt at start when missing or outdated.
    let search = tokio::spawn(corridor_web::search::run(state.clone()));
    // Alerts: fan the log out, queue digests, send e-mail; all of its state is in the database.
    let dispatch = tokio::spawn(corridor_web::dispatch::run(state.clone()));
    let store = state.store.clone();
    let app = corridor_web::build_app(state);
    // Ctrl-C on a terminal, SIGTERM from a service manager: finish the requests in flight, then stop.
    let shutdown = async {
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            () = terminated() => {}
        }
        tracing::info!("shutting down");
    };
    corridor_web::serve(listener, app, shutdown).await?;
    // The background jobs stop at their next await (each keeps its place in the database), and the pool
    // closes its connections, before the runtime goes: a timer started while it shuts down would panic.
    for job in [search, dispatch] {
        job.abort();
        let _ = job.await;
    }
    store.connection().clone().close().await.ok();
    Ok(())
}

/// Resolves when the process is asked to terminate (SIGTERM); never where there is no such signal.
async fn terminated() {
    #[cfg(unix)]
    if let Ok(mut term) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
    {
        term.recv().await;
        return;
    }
    std::future::pending::<()>().await;
}

pub(crate) async fn verify(cfg: &corridor_core::config::Config) -> Result<(), Failure> {
    let store = Store::connect(&cfg.effective_database_url()).await?;
    store.schema_state().await?;
    let report = store.verify().await?;
    if report.problems.is_empty() {
        println!(
            "verified {} events and {} records: the chain is intact and every record equals its last event",
            report.events, report.records
        );
        return Ok(());
    }
    for p in &report.problems {
        println!("{p}");
    }
    let first = &report.problems[0];
    Err(Failure::Failed(format!(
        "{} problem(s) found in {} events and {} records; the first is at event {}: {first}",
        report.problems.len(),
        report.events,
        report.records,
        first.seq()
    )))
}

/// Checks a signed record without any database: the content against its hash, each signature against the
/// content. Exit 0 when intact and signed, 1 when not, 2 when the file cannot be read as a record.
fn verify_document(file: &std::path::Path) -> Result<(), Failure> {
    use corridor_core::meeting::minutes::{SignedRecord, check_record, key_fingerprint};
    let text = std::fs::read_to_string(file)
        .map_err(|e| Failure::Usage(format!("cannot read {}: {e}", file.display())))?;
    let record: SignedRecord = serde_json::from_str(&text)
        .map_err(|e| Failure::Usage(format!("{} is not a signed record: {e}", file.display())))?;
    let check = check_record(&record);
    println!(
        "content: {}",
        if check.hash_matches {
            "intact (matches its hash)"
        } else {
            "CHANGED since it was signed (does not match its hash)"
        }
    );
    for (s, verdict) in &check.signatures {
        let who = format!(
            "{} for {} (key {})",
            s.person_name,
            s.party_name,
            key_fingerprint(&s.public_key)
        );
        match verdict {
            Ok(()) => println!("signature valid: {who}, signed {}", s.signed_at),
            Err(e) => println!("signature INVALID: {who}: {e}"),
        }
    }
    if check.valid() {
        Ok(())
    } else if check.signatures.is_empty() {
        Err(Failure::Failed("the record carries no signature".into()))
    } else {
        Err(Failure::Failed("the record does not verify".into()))
    }
}
