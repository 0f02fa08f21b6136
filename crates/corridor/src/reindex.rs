//! `corridor reindex`: rebuilds the search index in the data folder from the event log, with a progress
//! bar on a terminal and a plain line every few seconds otherwise.

use crate::Failure;
use corridor_search::{SearchError, SearchIndex};
use corridor_store::Store;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The index's folder inside the data folder; each server node keeps its own.
pub(crate) fn index_dir(cfg: &corridor_core::config::Config) -> std::path::PathBuf {
    cfg.data_dir.join("search")
}

/// Opens the data folder's index, naming what to do when another process holds it.
pub(crate) fn open_index(cfg: &corridor_core::config::Config) -> Result<SearchIndex, Failure> {
    SearchIndex::open(&index_dir(cfg)).map_err(|e| match e {
        SearchError::Busy(_) => Failure::Usage(e.to_string()),
        other => Failure::Failed(other.to_string()),
    })
}

pub(crate) async fn reindex(
    store: &Store,
    cfg: &corridor_core::config::Config,
) -> Result<(), Failure> {
    let indexer = Arc::new(corridor_web::search::Indexer::new(open_index(cfg)?));
    let bar = std::io::stderr().is_terminal().then(|| {
        ProgressBar::new(0).with_style(
            ProgressStyle::with_template("reindex [{bar:40}] {pos}/{len} records {per_sec} {eta}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        )
    });
    let last = Mutex::new(Instant::now());
    let shown = bar.clone();
    let progress = Arc::new(move |done: usize, of: usize| match &shown {
        Some(b) => {
            b.set_length(of as u64);
            b.set_position(done as u64);
        }
        None => {
            let mut last = last
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if last.elapsed() >= Duration::from_secs(5) || done == of {
                *last = Instant::now();
                eprintln!("reindex: {done} of {of} records");
            }
        }
    });
    let started = Instant::now();
    indexer.rebuild(store, progress).await?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    println!(
        "search index rebuilt in {}: {} records from the event log, in {:.1} s",
        index_dir(cfg).display(),
        indexer.index.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
