//! Documents as PDF, laid out by typst: the Record of Discussions and invitation letters. Each document's values
//! travel to its template as a JSON file, so no text a user wrote is ever read as typst markup: templates only
//! place strings.

mod fonts;

pub use fonts::{DEFAULT_DIRS, FontSet, Script};

use crate::letter::LetterDocument;
use crate::record::RecordDocument;
use std::sync::LazyLock;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// The record's layout, written in typst's language.
const TEMPLATE: &str = include_str!("record.typ");

/// The invitation letter's layout.
const LETTER: &str = include_str!("letter.typ");

/// Built once: the standard library holds no state between documents.
static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

fn file_id(name: &str) -> FileId {
    let path =
        VirtualPath::new(name).unwrap_or_else(|_| unreachable!("{name} is a plain file name"));
    FileId::new(RootedPath::new(VirtualRoot::Project, path))
}

/// One document's world: the template, its values as JSON, and the shared fonts.
struct RecordWorld<'a> {
    fonts: &'a FontSet,
    main: Source,
    data_id: FileId,
    data: Bytes,
}

impl World for RecordWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.fonts.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            Ok(self.data.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        // The record is dated by its meeting and signatures, never by when it was printed.
        None
    }
}

/// Every text of the record in one string, to see which scripts it needs.
fn all_text(doc: &RecordDocument) -> String {
    serde_json::to_string(doc).unwrap_or_default()
}

/// A laid-out record.
#[derive(Debug)]
pub struct Rendered {
    /// The PDF file.
    pub bytes: Vec<u8>,
    /// How many pages it has.
    pub pages: usize,
}

/// The record as a PDF file. Fails, naming the Debian package, when a script it contains has no font.
pub fn pdf(doc: &RecordDocument, fonts: &FontSet) -> Result<Vec<u8>, String> {
    render(doc, fonts).map(|r| r.bytes)
}

/// The record as a PDF file with its page count.
pub fn render(doc: &RecordDocument, fonts: &FontSet) -> Result<Rendered, String> {
    fonts.require(&Script::used_in(&all_text(doc)))?;
    let data = serde_json::to_vec(doc).map_err(|e| format!("cannot encode the record: {e}"))?;
    compile(
        ("record.typ", TEMPLATE),
        ("record.json", data),
        fonts,
        "record",
    )
}

/// An invitation letter as a PDF file. Fails, naming the Debian package, when a script it contains has no
/// font.
pub fn letter(doc: &LetterDocument, fonts: &FontSet) -> Result<Vec<u8>, String> {
    let data = serde_json::to_vec(doc).map_err(|e| format!("cannot encode the letter: {e}"))?;
    fonts.require(&Script::used_in(&String::from_utf8_lossy(&data)))?;
    compile(
        ("letter.typ", LETTER),
        ("letter.json", data),
        fonts,
        "letter",
    )
    .map(|r| r.bytes)
}

/// Lays out `template`, which reads its values from the JSON file `data`, and writes the PDF.
fn compile(
    (template_name, template): (&str, &str),
    (data_name, data): (&str, Vec<u8>),
    fonts: &FontSet,
    what: &str,
) -> Result<Rendered, String> {
    let world = RecordWorld {
        fonts,
        main: Source::new(file_id(template_name), template.to_owned()),
        data_id: file_id(data_name),
        data: Bytes::new(data),
    };
    let compiled = typst::compile::<typst_layout::PagedDocument>(&world);
    // typst memoises layouts across calls; drop what the last few documents left so a server does not grow.
    typst::comemo::evict(4);
    let document = compiled.output.map_err(|errors| {
        let messages: Vec<String> = errors.iter().map(|e| e.message.to_string()).collect();
        format!("cannot lay out the {what}: {}", messages.join("; "))
    })?;
    let bytes = typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default()).map_err(|errors| {
        let messages: Vec<String> = errors.iter().map(|e| e.message.to_string()).collect();
        format!("cannot write the PDF: {}", messages.join("; "))
    })?;
    Ok(Rendered {
        bytes,
        pages: document.pages().len(),
    })
}

#[cfg(test)]
mod tests;
