//! The full-text index over every record (ARCHITECTURE.md, "Search"). It is derived: the event log is the
//! truth, the index remembers in each commit how far into the log it has read (the sequence number and
//! the hash of that event), and is rebuilt from the store when it is missing, of another schema version,
//! or ahead of or off the log it is given (a restored database). Each node keeps its own index; a crash
//! loses at most the changes since the last commit, which the next catch-up reads again.
//!
//! Searches filter by the viewer's scope inside the index, so results and facet counts alike hold only
//! what the viewer may see.

pub mod analyzer;
mod query;
mod schema;

use corridor_core::search::SearchDoc;
pub use query::Request;
use schema::Fields;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};
use tantivy::directory::MmapDirectory;
use tantivy::directory::error::LockError;
use tantivy::schema::{Facet, TantivyDocument};
use tantivy::tokenizer::TokenizerManager;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyError, Term};

/// What went wrong with the index.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// Another process holds the index for writing.
    #[error(
        "the search index in {0} is in use by another process (a running `corridor serve`?); stop it and try again"
    )]
    Busy(PathBuf),
    /// Reading or writing the index failed.
    #[error("search index: {0}")]
    Index(#[from] TantivyError),
    /// The index folder could not be prepared.
    #[error("search index folder {0}: {1}")]
    Folder(PathBuf, std::io::Error),
}

/// How far into the event log the index has read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// The last event read.
    pub seq: i64,
    /// That event's hash, so a different log with the same length is noticed.
    pub hash: String,
}

#[derive(Serialize, Deserialize)]
struct Payload {
    schema: u32,
    #[serde(flatten)]
    place: Place,
}

/// One change to the index.
#[derive(Clone, Debug)]
pub enum Change {
    /// Adds or replaces a record, with the text of its file if it has one.
    Put(Box<SearchDoc>, Option<String>),
    /// Removes a record (`entity:id`): deleted, or no longer of a kind the index holds.
    Remove(String),
}

/// The index.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    writer: Mutex<IndexWriter>,
    fields: Fields,
    queries: TokenizerManager,
    place: Mutex<Option<Place>>,
    /// The lock file that keeps other processes out while this one holds the index.
    _guard: Option<std::fs::File>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl SearchIndex {
    /// Opens the index in `dir`, creating it, or starting it afresh when it was written by another schema
    /// version. `place()` is `None` for a new index: the caller rebuilds it.
    pub fn open(dir: &Path) -> Result<Self, SearchError> {
        let folder = |e| SearchError::Folder(dir.to_owned(), e);
        std::fs::create_dir_all(dir).map_err(folder)?;
        // Held for the index's life, beside the folder rather than in it, so that starting a stale index
        // afresh (which empties the folder) can never pull the lock from under another process.
        let guard = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(dir.with_extension("lock"))
            .map_err(folder)?;
        match guard.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(SearchError::Busy(dir.to_owned()));
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(folder(e)),
        }
        let open_folder = || MmapDirectory::open(dir).map_err(TantivyError::from);
        let mut mmap = open_folder()?;
        let (schema, _) = schema::build();
        if Index::exists(&mmap).map_err(TantivyError::from)? {
            let index = Index::open(mmap)?;
            let current = index
                .load_metas()?
                .payload
                .and_then(|p| serde_json::from_str::<Payload>(&p).ok())
                .is_some_and(|p| p.schema == schema::VERSION);
            if current && index.schema() == schema {
                return Self::wrap(index, Some(dir.to_owned()), Some(guard));
            }
            tracing::info!(dir = %dir.display(), "search index of another version: starting it afresh");
            drop(index);
            std::fs::remove_dir_all(dir).map_err(folder)?;
            std::fs::create_dir_all(dir).map_err(folder)?;
            mmap = open_folder()?;
        }
        Self::wrap(
            Index::create(mmap, schema, tantivy::IndexSettings::default())?,
            Some(dir.to_owned()),
            Some(guard),
        )
    }

    /// An index held in memory, for tests and for a server without a data folder.
    pub fn in_memory() -> Self {
        let (schema, _) = schema::build();
        // Creating in RAM takes no lock and touches no disk; it cannot fail.
        Self::wrap(Index::create_in_ram(schema), None, None).unwrap_or_else(|e| panic!("{e}"))
    }

    fn wrap(
        index: Index,
        folder: Option<PathBuf>,
        guard: Option<std::fs::File>,
    ) -> Result<Self, SearchError> {
        // The fields are numbered in the order they are added, so these match the index's schema, which
        // `open` compared with this one.
        let (_, fields) = schema::build();
        index
            .tokenizers()
            .register(analyzer::NAME, analyzer::analyzer(false));
        let queries = TokenizerManager::default();
        queries.register(analyzer::NAME, analyzer::analyzer(true));
        let writer = index
            .writer_with_num_threads(1, 50_000_000)
            .map_err(|e| match e {
                TantivyError::LockFailure(LockError::LockBusy, _) => {
                    SearchError::Busy(folder.clone().unwrap_or_default())
                }
                other => other.into(),
            })?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let place = index
            .load_metas()?
            .payload
            .and_then(|p| serde_json::from_str::<Payload>(&p).ok())
            .map(|p| p.place);
        Ok(SearchIndex {
            index,
            reader,
            writer: Mutex::new(writer),
            fields,
            queries,
            place: Mutex::new(place),
            _guard: guard,
        })
    }

    /// How far into the log the index has read; `None` for an index never built.
    pub fn place(&self) -> Option<Place> {
        lock(&self.place).clone()
    }

    /// How many records the index holds.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Whether it holds nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Takes the index for writing; changes become visible together at `Batch::commit`. Blocks while
    /// another batch is open.
    pub fn batch(&self) -> Batch<'_> {
        Batch {
            index: self,
            writer: lock(&self.writer),
            done: false,
        }
    }

    /// Applies `changes` and moves the place to `place`, in one commit.
    pub fn apply(&self, changes: Vec<Change>, place: Place) -> Result<(), SearchError> {
        let mut b = self.batch();
        for c in changes {
            b.change(c)?;
        }
        b.commit(place)
    }

    fn document(&self, doc: &SearchDoc, file_text: Option<&str>) -> TantivyDocument {
        let f = &self.fields;
        let mut d = TantivyDocument::default();
        d.add_text(f.key, doc.key());
        d.add_text(f.entity, &doc.entity);
        d.add_text(f.id, &doc.id);
        d.add_text(f.kind, doc.kind_label);
        d.add_text(f.area, doc.area.as_str());
        d.add_text(f.title_en, &doc.title.en);
        d.add_text(f.title, &doc.title.en);
        for (field, t) in [(f.title_zh, &doc.title.zh), (f.title_ur, &doc.title.ur)] {
            if let Some(t) = t {
                d.add_text(field, t);
                d.add_text(f.title, t);
            }
        }
        d.add_text(f.text, &doc.text);
        if let Some(t) = file_text {
            d.add_text(f.text, t);
        }
        d.add_text(f.link, &doc.link);
        d.add_text(f.visibility, &doc.visibility);
        d.add_text(f.owner, &doc.owner_party_id);
        d.add_facet(f.facets, Facet::from_path(["area", doc.area.as_str()]));
        d.add_facet(
            f.facets,
            Facet::from_path(["party", doc.owner_party_id.as_str()]),
        );
        if let Some(b) = &doc.body_id {
            d.add_facet(f.facets, Facet::from_path(["body", b.as_str()]));
        }
        if let Some(s) = &doc.status {
            d.add_facet(f.facets, Facet::from_path(["status", s.as_str()]));
        }
        if let Some(y) = doc.year {
            d.add_facet(
                f.facets,
                Facet::from_path(["year".to_owned(), y.to_string()]),
            );
        }
        d
    }
}

/// Changes to the index, visible at once when committed; dropped without a commit, they are discarded.
pub struct Batch<'a> {
    index: &'a SearchIndex,
    writer: MutexGuard<'a, IndexWriter>,
    done: bool,
}

impl Batch<'_> {
    /// Empties the index (a rebuild starts here).
    pub fn clear(&mut self) -> Result<(), SearchError> {
        self.writer.delete_all_documents()?;
        Ok(())
    }

    /// Adds, replaces or removes one record.
    pub fn change(&mut self, change: Change) -> Result<(), SearchError> {
        let key = self.index.fields.key;
        match change {
            Change::Put(doc, file_text) => {
                self.writer
                    .delete_term(Term::from_field_text(key, &doc.key()));
                let d = self.index.document(&doc, file_text.as_deref());
                self.writer.add_document(d)?;
            }
            Change::Remove(k) => {
                self.writer.delete_term(Term::from_field_text(key, &k));
            }
        }
        Ok(())
    }

    /// Commits the changes with the index's new place in the log, and makes them searchable.
    pub fn commit(mut self, place: Place) -> Result<(), SearchError> {
        let payload = serde_json::to_string(&Payload {
            schema: schema::VERSION,
            place: place.clone(),
        })
        .unwrap_or_default();
        let mut prepared = self.writer.prepare_commit()?;
        prepared.set_payload(&payload);
        prepared.commit()?;
        self.done = true;
        self.index.reader.reload()?;
        *lock(&self.index.place) = Some(place);
        Ok(())
    }
}

impl Drop for Batch<'_> {
    fn drop(&mut self) {
        if !self.done
            && let Err(e) = self.writer.rollback()
        {
            tracing::warn!("search index: discarding uncommitted changes failed: {e}");
        }
    }
}
