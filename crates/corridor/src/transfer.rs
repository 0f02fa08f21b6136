//! `export --bundle`, `import --bundle`, `backup` and `restore`, with a progress bar on a terminal and a plain
//! line every few seconds otherwise (a log file or CI).

use crate::Failure;
use corridor_store::Store;
use corridor_store::transfer::{Moved, Progress};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{BufReader, BufWriter, IsTerminal, Write};
use std::path::Path;
use std::time::{Duration, Instant};

/// Shows how far a long command has come.
struct Meter {
    bar: Option<ProgressBar>,
    what: &'static str,
    last: Instant,
}

impl Meter {
    /// A bar over `total` bytes when known, else a counter of rows.
    fn new(what: &'static str, total_bytes: Option<u64>) -> Meter {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = match total_bytes {
                Some(total) => ProgressBar::new(total).with_style(
                    ProgressStyle::with_template(
                        "{msg:30} [{bar:40}] {bytes}/{total_bytes} {bytes_per_sec} {eta}",
                    )
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .progress_chars("=> "),
                ),
                None => ProgressBar::new_spinner().with_style(
                    ProgressStyle::with_template("{spinner} {msg} {elapsed}")
                        .unwrap_or_else(|_| ProgressStyle::default_spinner()),
                ),
            };
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        Meter {
            bar,
            what,
            last: Instant::now(),
        }
    }

    fn show(&mut self, p: Progress<'_>) {
        let message = format!("{}: {} rows, {}", self.what, p.rows, p.table);
        match &self.bar {
            Some(bar) => {
                if bar.length().is_some() {
                    bar.set_position(p.bytes);
                }
                bar.set_message(message);
            }
            None if self.last.elapsed() >= Duration::from_secs(5) => {
                self.last = Instant::now();
                eprintln!("{message}");
            }
            None => {}
        }
    }

    fn done(self, summary: &str) {
        if let Some(bar) = self.bar {
            bar.finish_and_clear();
        }
        eprintln!("{}: {summary}", self.what);
    }
}

fn rows(moved: &Moved) -> String {
    let tables = moved.tables.iter().filter(|t| t.1 > 0).count();
    format!("{} rows in {tables} tables", moved.total())
}

fn refuse_existing(path: &Path) -> Result<(), Failure> {
    if path.exists() {
        return Err(Failure::Usage(format!(
            "{} exists already; choose another name or move it away",
            path.display()
        )));
    }
    Ok(())
}

/// Writes the bundle beside its final name and renames it when complete, so a failed export never leaves a
/// file that looks finished.
pub(crate) async fn export(store: &Store, path: &Path) -> Result<(), Failure> {
    refuse_existing(path)?;
    let partial = path.with_extension("partial");
    let file = std::fs::File::create(&partial)
        .map_err(|e| Failure::Usage(format!("cannot write {}: {e}", partial.display())))?;
    let mut out = BufWriter::new(file);
    let mut meter = Meter::new("exported", None);
    let result = store
        .export_bundle(&mut out, &mut |p| meter.show(p))
        .await
        .map_err(Failure::from)
        .and_then(|moved| {
            out.flush()?;
            out.get_ref().sync_all()?;
            Ok(moved)
        });
    match result {
        Ok(moved) => {
            std::fs::rename(&partial, path)?;
            meter.done(&rows(&moved));
            println!("wrote {}", path.display());
            Ok(())
        }
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            Err(e)
        }
    }
}

pub(crate) async fn import(store: &Store, path: &Path) -> Result<(), Failure> {
    let file = std::fs::File::open(path)
        .map_err(|e| Failure::Usage(format!("cannot read {}: {e}", path.display())))?;
    let size = file.metadata().map(|m| m.len()).ok();
    let mut input = BufReader::with_capacity(1 << 20, file);
    let mut meter = Meter::new("imported", size);
    let moved = store
        .import_bundle(&mut input, &mut |p| meter.show(p))
        .await
        .map_err(|e| Failure::Failed(format!("{}: {e}; nothing was imported", path.display())))?;
    meter.done(&rows(&moved));
    Ok(())
}

pub(crate) async fn backup(store: &Store, path: &Path) -> Result<(), Failure> {
    refuse_existing(path)?;
    let mut meter = Meter::new("backup", None);
    meter.show(Progress {
        table: "copying",
        rows: 0,
        bytes: 0,
    });
    store.backup_to(path).await?;
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    meter.done(&format!("{size} bytes"));
    println!(
        "wrote {}; `corridor restore` loads it into a database and verifies it",
        path.display()
    );
    Ok(())
}

pub(crate) async fn restore(store: &Store, path: &Path, force: bool) -> Result<(), Failure> {
    let mut meter = Meter::new("restored", None);
    let moved = store
        .restore_from_file(path, force, &mut |p| meter.show(p))
        .await
        .map_err(|e| Failure::Failed(format!("{e}; the database was not changed")))?;
    meter.done(&rows(&moved));
    Ok(())
}

/// Imports another publisher's IATI file as `--as`, with a bar over the file's bytes, and prints what
/// happened: counts, activities skipped and every problem with its line. Exit 1 when reading stopped early.
pub(crate) async fn import_iati(
    store: &Store,
    path: &Path,
    args: &crate::cli::Import,
) -> Result<(), Failure> {
    use corridor_core::portfolio::ProjectKind;
    let username = args.as_user.as_deref().unwrap_or_default();
    args.kind
        .parse::<ProjectKind>()
        .map_err(|e| Failure::Usage(format!("--kind: “{}” {e}", args.kind)))?;
    if !["party", "shared", "public"].contains(&args.visibility.as_str()) {
        return Err(Failure::Usage(format!(
            "--visibility: “{}” must be party, shared or public",
            args.visibility
        )));
    }
    let actor = store
        .actor_of(username)
        .await
        .map_err(|_| Failure::Usage(format!("--as: there is no active account “{username}”")))?;
    let file = std::fs::File::open(path)
        .map_err(|e| Failure::Usage(format!("cannot read {}: {e}", path.display())))?;
    let size = file.metadata().map(|m| m.len()).ok();
    let how = corridor_store::portfolio::IatiImport {
        kind: args.kind.clone(),
        visibility: args.visibility.clone(),
        file: path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
    };
    let mut meter = Meter::new("imported", size);
    let report = corridor_web::iati_import::import_iati(
        store,
        &actor,
        BufReader::with_capacity(1 << 20, file),
        &how,
        &mut |bytes, r| {
            meter.show(Progress {
                table: "activities",
                rows: r.activities as u64,
                bytes,
            });
        },
    )
    .await?;
    meter.done(&format!(
        "{} activities read: {} projects created, {} updated, {} skipped; {} transactions recorded as \
         finance; {} elements kept as unmapped beside their projects",
        report.activities,
        report.created,
        report.updated,
        report.skipped.len(),
        report.finance,
        report.unmapped
    ));
    for (line, id, why) in &report.skipped {
        println!("skipped: line {line}: {id}: {why}");
    }
    for p in report.problems.iter().take(200) {
        println!("problem: {p}");
    }
    if report.problems.len() > 200 {
        println!("… and {} more problems", report.problems.len() - 200);
    }
    match report.stopped {
        Some(why) => Err(Failure::Failed(format!(
            "{}: {why}; the activities before it were imported",
            path.display()
        ))),
        None => Ok(()),
    }
}
