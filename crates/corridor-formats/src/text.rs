//! The words of an attached file, for the search index: plain text as it is, a Word document's paragraphs.
//! Bounded: a file whose text would pass `MAX_TEXT` is cut there, and a document that unpacks past
//! `MAX_UNPACKED` is read no further. Other kinds (PDF, images) give nothing; the record's own fields are
//! still found.

use quick_xml::Reader;
use quick_xml::events::Event;
use std::io::{Cursor, Read};

/// The most text kept from one file, in bytes.
pub const MAX_TEXT: usize = 1 << 20;

/// The most a Word document's body may unpack to.
pub const MAX_UNPACKED: u64 = 32 << 20;

const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// The text of a file of `media_type`, if Corridor reads that kind.
pub fn text_of(media_type: &str, bytes: &[u8]) -> Option<String> {
    let base = media_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let text = match base.as_str() {
        "text/plain" | "text/markdown" | "text/csv" => {
            String::from_utf8_lossy(&bytes[..bytes.len().min(MAX_TEXT)]).into_owned()
        }
        DOCX => docx_text(bytes)?,
        _ => return None,
    };
    Some(cut(text))
}

fn cut(mut s: String) -> String {
    if s.len() > MAX_TEXT {
        let mut end = MAX_TEXT;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s.truncate(end);
    }
    s
}

/// The paragraphs of `word/document.xml`, one per line.
fn docx_text(bytes: &[u8]) -> Option<String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let entry = zip.by_name("word/document.xml").ok()?;
    if entry.size() > MAX_UNPACKED {
        return None;
    }
    let mut xml = String::new();
    entry.take(MAX_UNPACKED).read_to_string(&mut xml).ok()?;
    let mut reader = Reader::from_str(&xml);
    let mut out = String::new();
    let mut in_text = false;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) if e.name().as_ref() == "w:t" => in_text = true,
            Ok(Event::End(e)) if e.name().as_ref() == "w:t" => in_text = false,
            Ok(Event::End(e)) if e.name().as_ref() == "w:p" => out.push('\n'),
            Ok(Event::Empty(e)) if matches!(e.name().as_ref(), "w:tab" | "w:br") => out.push(' '),
            Ok(Event::Text(t)) if in_text => {
                out.push_str(&t.xml10_content());
            }
            Ok(Event::GeneralRef(r)) if in_text => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    out.push(c);
                } else if let Some(s) = quick_xml::escape::resolve_predefined_entity(r.as_ref()) {
                    out.push_str(s);
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        if out.len() > MAX_TEXT {
            break;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn docx(body: &str) -> Vec<u8> {
        let mut buf = Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut buf);
        zip.start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        write!(
            zip,
            r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
        )
        .unwrap();
        zip.finish().unwrap();
        buf.into_inner()
    }

    #[test]
    fn a_word_document_gives_its_paragraphs() {
        let d = docx(
            r#"<w:p><w:r><w:t>Textile &amp; garments</w:t></w:r><w:r><w:tab/><w:t xml:space="preserve">纺织 </w:t></w:r></w:p><w:p><w:r><w:t>اجلاس</w:t></w:r></w:p>"#,
        );
        assert_eq!(
            text_of(DOCX, &d).unwrap(),
            "Textile & garments 纺织 \nاجلاس\n"
        );
    }

    #[test]
    fn plain_text_passes_and_other_kinds_give_nothing() {
        assert_eq!(
            text_of("text/plain; charset=utf-8", "hello".as_bytes()).as_deref(),
            Some("hello")
        );
        assert_eq!(text_of("application/pdf", b"%PDF-1.7"), None);
        assert_eq!(text_of(DOCX, b"not a zip"), None);
        let long = "ab".repeat(MAX_TEXT);
        assert_eq!(
            text_of("text/plain", long.as_bytes()).unwrap().len(),
            MAX_TEXT
        );
    }
}
