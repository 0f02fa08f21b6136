//! Redlines between two versions of an instrument: a word-level diff of each clause in one language, and the
//! clauses matched across versions by their stable key, so a clause that moved or was renumbered is compared
//! with itself rather than shown as removed and added.
//!
//! Words are runs of letters and digits; every Chinese character is a word of its own (Chinese has no spaces,
//! and a character-level diff is what a Chinese reader checks); spaces and punctuation are tokens too, so the
//! pieces put back together give the texts exactly.

use super::text::{Clause, flatten};
use crate::language::Language;
use serde::Serialize;
use similar::{Algorithm, DiffOp, capture_diff_slices};

/// One piece of a tracked-changes view.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Piece {
    /// `same`, `inserted` or `deleted`.
    pub change: &'static str,
    /// The text of the piece.
    pub text: String,
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FA1F}')
}

/// Splits a text into the tokens the diff compares.
pub fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let wordy = c.is_alphanumeric() && !is_han(c);
        match (start, wordy) {
            (None, true) => start = Some(i),
            (Some(_), true) => {}
            (Some(s), false) => {
                out.push(&text[s..i]);
                start = None;
                out.push(&text[i..i + c.len_utf8()]);
            }
            (None, false) => out.push(&text[i..i + c.len_utf8()]),
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

/// The word-level tracked changes that turn `old` into `new`; neighbouring pieces of one kind are merged.
pub fn word_diff(old: &str, new: &str) -> Vec<Piece> {
    let (a, b) = (tokens(old), tokens(new));
    let mut out: Vec<Piece> = Vec::new();
    let mut push = |change: &'static str, words: &[&str]| {
        if words.is_empty() {
            return;
        }
        let text: String = words.concat();
        match out.last_mut() {
            Some(last) if last.change == change => last.text.push_str(&text),
            _ => out.push(Piece { change, text }),
        }
    };
    for op in capture_diff_slices(Algorithm::Myers, &a, &b) {
        match op {
            DiffOp::Equal { old_index, len, .. } => push("same", &a[old_index..old_index + len]),
            DiffOp::Delete {
                old_index, old_len, ..
            } => {
                push("deleted", &a[old_index..old_index + old_len]);
            }
            DiffOp::Insert {
                new_index, new_len, ..
            } => {
                push("inserted", &b[new_index..new_index + new_len]);
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                push("deleted", &a[old_index..old_index + old_len]);
                push("inserted", &b[new_index..new_index + new_len]);
            }
        }
    }
    out
}

/// What happened to one clause between the two versions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ClauseChange {
    /// The clause's stable key.
    pub key: String,
    /// `added`, `removed`, `changed`, `moved` (same text, another place or number) or `same`.
    pub change: &'static str,
    /// Its number in the older version, if it was there.
    pub old_number: Option<String>,
    /// Its number in the newer version, if it is there.
    pub new_number: Option<String>,
    /// The older text in the language compared.
    pub old_text: String,
    /// The newer text.
    pub new_text: String,
    /// Tracked changes from the older to the newer text.
    pub pieces: Vec<Piece>,
}

/// The whole comparison: every clause in reading order of the newer version (removed ones where they stood),
/// and the counts a reader checks first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Comparison {
    /// The language compared.
    pub language: Language,
    /// Clause by clause.
    pub clauses: Vec<ClauseChange>,
    /// Clauses added.
    pub added: usize,
    /// Clauses removed.
    pub removed: usize,
    /// Clauses whose text changed.
    pub changed: usize,
    /// Clauses moved or renumbered without a change of text.
    pub moved: usize,
}

/// Compares two clause trees in `language`. Clauses are matched by key; position and number are compared to
/// tell a moved or renumbered clause from an unchanged one.
pub fn compare(old: &[Clause], new: &[Clause], language: Language) -> Comparison {
    let (old, new) = (flatten(old), flatten(new));
    let text = |c: &Clause| c.text.get(language).to_owned();
    let mut clauses = Vec::new();
    let mut counts = (0, 0, 0, 0);
    let old_pos = |key: &str| old.iter().position(|c| c.key == key);
    let mut last_old = None;
    for (i, n) in new.iter().enumerate() {
        // Removed clauses that stood before this one in the old version come first.
        let here = old_pos(&n.key);
        if let Some(h) = here {
            for o in old
                .iter()
                .take(h)
                .skip(last_old.map_or(0, |l: usize| l + 1))
            {
                if !new.iter().any(|x| x.key == o.key) {
                    counts.1 += 1;
                    clauses.push(removed(o, &text(o), language));
                }
            }
            last_old = Some(last_old.map_or(h, |l: usize| l.max(h)));
        }
        let Some(h) = here else {
            counts.0 += 1;
            clauses.push(ClauseChange {
                key: n.key.clone(),
                change: "added",
                old_number: None,
                new_number: Some(n.number_in(language).to_owned()),
                old_text: String::new(),
                new_text: text(n),
                pieces: vec![Piece {
                    change: "inserted",
                    text: text(n),
                }],
            });
            continue;
        };
        let o = old[h];
        let (a, b) = (text(o), text(n));
        let change = if a != b || o.heading.get(language) != n.heading.get(language) {
            counts.2 += 1;
            "changed"
        } else if o.number != n.number || relative_order_moved(&old, &new, h, i) {
            counts.3 += 1;
            "moved"
        } else {
            "same"
        };
        clauses.push(ClauseChange {
            key: n.key.clone(),
            change,
            old_number: Some(o.number_in(language).to_owned()),
            new_number: Some(n.number_in(language).to_owned()),
            pieces: word_diff(&a, &b),
            old_text: a,
            new_text: b,
        });
    }
    for o in old.iter().skip(last_old.map_or(0, |l| l + 1)) {
        if !new.iter().any(|x| x.key == o.key) {
            counts.1 += 1;
            clauses.push(removed(o, &text(o), language));
        }
    }
    Comparison {
        language,
        clauses,
        added: counts.0,
        removed: counts.1,
        changed: counts.2,
        moved: counts.3,
    }
}

fn removed(o: &Clause, text: &str, language: Language) -> ClauseChange {
    ClauseChange {
        key: o.key.clone(),
        change: "removed",
        old_number: Some(o.number_in(language).to_owned()),
        new_number: None,
        old_text: text.to_owned(),
        new_text: String::new(),
        pieces: vec![Piece {
            change: "deleted",
            text: text.to_owned(),
        }],
    }
}

/// Whether the clause at `old_at`/`new_at` changed places relative to the clauses both versions share.
fn relative_order_moved(old: &[&Clause], new: &[&Clause], old_at: usize, new_at: usize) -> bool {
    let shared_before = |list: &[&Clause], at: usize, other: &[&Clause]| {
        list[..at]
            .iter()
            .filter(|c| other.iter().any(|x| x.key == c.key))
            .count()
    };
    shared_before(old, old_at, new) != shared_before(new, new_at, old)
}
