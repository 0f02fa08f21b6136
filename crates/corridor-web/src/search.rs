//! Keeps the search index current with the event log. The index remembers the last event it read; a
//! catch-up reads the log past it, replaces each changed record's document (reading the text of attached
//! files) and commits with the new place. An index with no place, or whose place is not an event of this
//! log (a restored or replaced database), is rebuilt from every record's latest event. Runs in the
//! server every second and before each search, and from `corridor reindex`.

use corridor_core::search::{Filters, Results};
use corridor_search::{Change, Place, Request, SearchIndex};
use corridor_store::Store;
use corridor_store::search::{CHUNK, Indexed};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tokio::runtime::Handle;

/// The index with what keeps it current.
pub struct Indexer {
    /// The index.
    pub index: Arc<SearchIndex>,
    /// One catch-up at a time in this process.
    gate: tokio::sync::Mutex<()>,
    /// Whether the index's place has been found in this database's log since the process started.
    checked: AtomicBool,
}

/// What a catch-up did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Caught {
    /// Whether the index was rebuilt from the start.
    pub rebuilt: bool,
    /// Records added, replaced or removed.
    pub records: usize,
    /// Whether the index reached the end of the log.
    pub current: bool,
}

/// Why the index could not be brought up to date.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] corridor_store::StoreError),
    /// The index failed.
    #[error(transparent)]
    Index(#[from] corridor_search::SearchError),
    /// The blocking task stopped.
    #[error("the search indexer stopped: {0}")]
    Stopped(String),
}

impl Indexer {
    /// Keeps `index` current.
    pub fn new(index: SearchIndex) -> Self {
        Indexer {
            index: Arc::new(index),
            gate: tokio::sync::Mutex::new(()),
            checked: AtomicBool::new(false),
        }
    }

    /// Brings the index up to the end of the log, or by at most `chunks` reads of it when given. Rebuilds
    /// it when it has no place in this log. `progress(done, of)` hears of a rebuild's progress.
    pub async fn catch_up(
        self: &Arc<Self>,
        store: &Store,
        chunks: Option<usize>,
        progress: Arc<dyn Fn(usize, usize) + Send + Sync>,
    ) -> Result<Caught, IndexError> {
        self.locked(store, chunks, false, progress).await
    }

    /// Rebuilds the index from every record's latest event (`corridor reindex`), then reads the log to
    /// its end.
    pub async fn rebuild(
        self: &Arc<Self>,
        store: &Store,
        progress: Arc<dyn Fn(usize, usize) + Send + Sync>,
    ) -> Result<Caught, IndexError> {
        let mut done = self.locked(store, None, true, progress).await?;
        let after = self.locked(store, None, false, Arc::new(|_, _| {})).await?;
        done.records += after.records;
        done.current = after.current;
        Ok(done)
    }

    async fn locked(
        self: &Arc<Self>,
        store: &Store,
        chunks: Option<usize>,
        force: bool,
        progress: Arc<dyn Fn(usize, usize) + Send + Sync>,
    ) -> Result<Caught, IndexError> {
        let _one = self.gate.lock().await;
        let me = Arc::clone(self);
        let store = store.clone();
        let handle = Handle::current();
        // The index writes block; the store reads are awaited on this blocking thread.
        tokio::task::spawn_blocking(move || {
            handle.block_on(async {
                let place = if force {
                    None
                } else {
                    me.valid_place(&store).await?
                };
                me.catch_up_from(&store, place, chunks, &*progress).await
            })
        })
        .await
        .map_err(|e| IndexError::Stopped(e.to_string()))?
    }

    /// The index's place if it is an event of this database's log (checked once per process); `None`
    /// when the index must be rebuilt.
    async fn valid_place(&self, store: &Store) -> Result<Option<Place>, IndexError> {
        Ok(match self.index.place() {
            Some(p) if self.checked.load(Ordering::Relaxed) => Some(p),
            // An index built over an empty log reads it from the start.
            Some(p) if p.seq == 0 && p.hash.is_empty() => Some(p),
            Some(p) if store.event_hash(p.seq).await?.as_deref() == Some(&p.hash) => {
                self.checked.store(true, Ordering::Relaxed);
                Some(p)
            }
            _ => None,
        })
    }

    async fn catch_up_from(
        &self,
        store: &Store,
        place: Option<Place>,
        chunks: Option<usize>,
        progress: &(dyn Fn(usize, usize) + Send + Sync),
    ) -> Result<Caught, IndexError> {
        let Some(mut place) = place else {
            let records = self.build_afresh(store, progress).await?;
            self.checked.store(true, Ordering::Relaxed);
            return Ok(Caught {
                rebuilt: true,
                records,
                current: false,
            });
        };
        let mut done = Caught::default();
        let mut reads = 0;
        loop {
            if chunks.is_some_and(|c| reads >= c) {
                return Ok(done);
            }
            reads += 1;
            let changes = store.search_changes(place.seq, CHUNK).await?;
            let Some((seq, hash)) = changes.last else {
                done.current = true;
                return Ok(done);
            };
            done.records += changes.records.len();
            let list = self.changes(store, changes.records).await?;
            place = Place { seq, hash };
            self.index.apply(list, place.clone())?;
        }
    }

    /// Builds the index afresh from every record's latest event, committing once at the end: until then
    /// searches see the old index.
    async fn build_afresh(
        &self,
        store: &Store,
        progress: &(dyn Fn(usize, usize) + Send + Sync),
    ) -> Result<usize, IndexError> {
        // The place is taken before the plan: events after it are read again by the next catch-up, which
        // only replaces documents with the same or newer states.
        let head = store.log_head().await?;
        let plan = store.search_rebuild_plan().await?;
        let mut batch = self.index.batch();
        batch.clear()?;
        let mut done = 0;
        progress(0, plan.len());
        for part in plan.chunks(500) {
            let records = store.search_records_at(part).await?;
            for c in self.changes(store, records).await? {
                batch.change(c)?;
            }
            done += part.len();
            progress(done, plan.len());
        }
        let (seq, hash) = head.unwrap_or((0, String::new()));
        batch.commit(Place { seq, hash })?;
        Ok(plan.len())
    }

    /// The index changes for `records`, with the text of their files.
    async fn changes(
        &self,
        store: &Store,
        records: Vec<Indexed>,
    ) -> Result<Vec<Change>, IndexError> {
        let mut out = Vec::with_capacity(records.len());
        for r in records {
            match r.doc {
                None => out.push(Change::Remove(r.key)),
                Some(doc) => {
                    let text = match &doc.file {
                        Some((media_type, sha)) => store
                            .file_bytes(sha)
                            .await?
                            .and_then(|b| corridor_formats::text::text_of(media_type, &b)),
                        None => None,
                    };
                    out.push(Change::Put(Box::new(doc), text));
                }
            }
        }
        Ok(out)
    }

    /// Runs a search for `viewer` after one read of the log, so what the viewer just wrote is found.
    pub async fn search(
        self: &Arc<Self>,
        store: &Store,
        viewer: &corridor_core::Viewer,
        query: &str,
        filters: &Filters,
        offset: usize,
        limit: usize,
    ) -> Result<Results, IndexError> {
        // Skipped while another catch-up runs, which brings the index as far. An index never built is
        // waited for (the server's indexer builds it at start) rather than answering "nothing found".
        if self.index.place().is_none() || self.gate.try_lock().is_ok() {
            self.catch_up(store, Some(1), Arc::new(|_, _| {})).await?;
        }
        let scope = store.search_scope(viewer).await?;
        let index = Arc::clone(&self.index);
        let (query, filters) = (query.to_owned(), filters.clone());
        tokio::task::spawn_blocking(move || {
            index.search(&Request {
                query: &query,
                filters: &filters,
                scope: &scope,
                offset,
                limit,
            })
        })
        .await
        .map_err(|e| IndexError::Stopped(e.to_string()))?
        .map_err(IndexError::from)
    }
}

/// Keeps the index current while the server runs: at start (a rebuild if needed), then every second.
#[async_recursion::async_recursion]
pub async fn run(state: crate::AppState) {
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    let mut failing = false;
    loop {
        tick.tick().await;
        match state
            .search
            .catch_up(&state.store, None, Arc::new(|_, _| {}))
            .await
        {
            Ok(c) => {
                if c.rebuilt {
                    tracing::info!(
                        records = c.records,
                        "search index rebuilt from the event log"
                    );
                }
                failing = false;
            }
            // Said once per outage, not every second.
            Err(e) if !failing => {
                tracing::warn!("search index: {e}");
                failing = true;
            }
            Err(_) => {}
        }
    }
}
