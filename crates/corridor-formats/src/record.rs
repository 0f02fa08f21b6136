//! The Record of Discussions as a document: one neutral structure, filled once from the frozen version, then
//! rendered to HTML (by the web layer's template) and to DOCX (here).

use docx_rs::{AlignmentType, Docx, Paragraph, Run, RunFonts, Table, TableCell, TableRow};
use serde::Serialize;

/// One text in the languages it was written in; an empty string is a language not (yet) written.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Parallel {
    /// English, the working language and the one every text has.
    pub en: String,
    /// Simplified Chinese.
    pub zh: String,
    /// Urdu.
    pub ur: String,
}

impl Parallel {
    /// A text in English only.
    pub fn en(text: impl Into<String>) -> Self {
        Parallel {
            en: text.into(),
            ..Parallel::default()
        }
    }
}

/// An agenda item with its minutes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RecordItem {
    /// The item's title.
    pub title: Parallel,
    /// What was said and agreed under it.
    pub minutes: Parallel,
}

/// One outcome in the table.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RecordOutcome {
    /// Decision, agreement, request, action item or note.
    pub kind: String,
    /// What it says.
    pub text: Parallel,
    /// Its due date, or a dash.
    pub due: String,
}

/// Everything the record shows, in reading order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RecordDocument {
    /// The body that met.
    pub body: String,
    /// The meeting's title.
    pub title: String,
    /// When, in the meeting's time zone.
    pub when: String,
    /// How it was held.
    pub modality: String,
    /// The version shown.
    pub version: i32,
    /// Its status (`agreed`, `circulated`…).
    pub status: String,
    /// Its SHA-256.
    pub hash: String,
    /// The co-chairs' names.
    pub chairs: Vec<String>,
    /// Per side: its name, the organisations attending, its delegates as lines.
    pub delegations: Vec<(String, usize, Vec<String>)>,
    /// Agenda items with their minutes.
    pub items: Vec<RecordItem>,
    /// The outcomes table.
    pub outcomes: Vec<RecordOutcome>,
    /// "signed by Pakistan and China" and the like.
    pub signature_state: String,
    /// Signature block: name, "for Party, date" or "signature pending", key fingerprint.
    pub signatures: Vec<(String, String, String)>,
    /// English beside Chinese: set when any text of the record has a Chinese version.
    pub bilingual: bool,
}

impl RecordDocument {
    /// Sets `bilingual` from the texts; call once the items and outcomes are filled.
    #[must_use]
    pub fn with_layout(mut self) -> Self {
        self.bilingual = self
            .items
            .iter()
            .any(|i| !i.title.zh.is_empty() || !i.minutes.zh.is_empty())
            || self.outcomes.iter().any(|o| !o.text.zh.is_empty());
        self
    }
}

fn heading(text: &str, size: usize) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(text).bold().size(size))
}

fn line(text: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(text))
}

/// A run of Chinese text, with the East Asian font named so Word does not fall back to a Latin one.
fn chinese(text: &str) -> Run {
    Run::new()
        .add_text(text)
        .fonts(RunFonts::new().east_asia("Noto Sans CJK SC"))
}

/// A right-to-left paragraph of Urdu.
fn urdu(text: &str) -> Paragraph {
    let mut p = Paragraph::new().add_run(
        Run::new()
            .add_text(text)
            .fonts(RunFonts::new().cs("Noto Nastaliq Urdu")),
    );
    // docx-rs has no setter for paragraph direction yet; the property itself is public.
    p.property = p.property.bidi(true);
    p
}

fn cell(text: &str) -> TableCell {
    TableCell::new().add_paragraph(line(text))
}

/// The record as a DOCX file (WordprocessingML in a zip), readable by Word and LibreOffice.
pub fn docx(doc: &RecordDocument) -> Result<Vec<u8>, String> {
    let mut d = Docx::new()
        .add_paragraph(heading("Record of Discussions", 36).align(AlignmentType::Center))
        .add_paragraph(line(&format!("{} · {}", doc.body, doc.title)).align(AlignmentType::Center))
        .add_paragraph(
            line(&format!("{} · {}", doc.when, doc.modality)).align(AlignmentType::Center),
        )
        .add_paragraph(
            line(&format!(
                "Version {} ({}) · SHA-256 {}",
                doc.version, doc.status, doc.hash
            ))
            .size(16),
        )
        .add_paragraph(heading("Co-chairs", 28));
    for c in &doc.chairs {
        d = d.add_paragraph(line(c));
    }
    if !doc.delegations.is_empty() {
        d = d.add_paragraph(heading("Delegations", 28));
        for (party, attending, people) in &doc.delegations {
            d = d.add_paragraph(heading(
                &format!(
                    "{party} ({attending} organisation{} attending)",
                    if *attending == 1 { "" } else { "s" }
                ),
                24,
            ));
            for p in people {
                d = d.add_paragraph(line(p));
            }
        }
    }
    d = d.add_paragraph(heading("Agenda and minutes", 28));
    for (i, item) in doc.items.iter().enumerate() {
        d = d.add_paragraph(heading(&format!("{}. {}", i + 1, item.title.en), 24));
        if doc.bilingual {
            let zh = TableCell::new()
                .add_paragraph(Paragraph::new().add_run(chinese(&item.title.zh).bold()))
                .add_paragraph(Paragraph::new().add_run(chinese(&item.minutes.zh)));
            d = d.add_table(Table::new(vec![TableRow::new(vec![
                cell(&item.minutes.en),
                zh,
            ])]));
        } else if !item.minutes.en.is_empty() {
            d = d.add_paragraph(line(&item.minutes.en));
        }
        for text in [&item.title.ur, &item.minutes.ur] {
            if !text.is_empty() {
                d = d.add_paragraph(urdu(text));
            }
        }
    }
    if !doc.outcomes.is_empty() {
        d = d.add_paragraph(heading("Outcomes", 28));
        let mut rows = vec![TableRow::new(vec![cell("Kind"), cell("What"), cell("Due")])];
        rows.extend(doc.outcomes.iter().map(|o| {
            let mut what = TableCell::new().add_paragraph(line(&o.text.en));
            if !o.text.zh.is_empty() {
                what = what.add_paragraph(Paragraph::new().add_run(chinese(&o.text.zh)));
            }
            if !o.text.ur.is_empty() {
                what = what.add_paragraph(urdu(&o.text.ur));
            }
            TableRow::new(vec![cell(&o.kind), what, cell(&o.due)])
        }));
        d = d.add_table(Table::new(rows));
    }
    d = d
        .add_paragraph(heading("Signatures", 28))
        .add_paragraph(line(&doc.signature_state));
    if !doc.signatures.is_empty() {
        let cells = doc
            .signatures
            .iter()
            .map(|(name, when, key)| {
                TableCell::new()
                    .add_paragraph(
                        Paragraph::new().add_run(Run::new().add_text(name.as_str()).bold()),
                    )
                    .add_paragraph(line(when))
                    .add_paragraph(line(key).size(16))
            })
            .collect();
        d = d.add_table(Table::new(vec![TableRow::new(cells)]));
    }
    let mut out = std::io::Cursor::new(Vec::new());
    d.build()
        .pack(&mut out)
        .map_err(|e| format!("cannot write the DOCX file: {e}"))?;
    Ok(out.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_becomes_a_zip_with_the_text_in_its_document_part() {
        let doc = RecordDocument {
            body: "JWG-IC".into(),
            title: "5th meeting".into(),
            items: vec![RecordItem {
                title: Parallel::en("Framework Agreement"),
                minutes: Parallel {
                    en: "China accepted the draft & said so.".into(),
                    zh: "中方接受草案。".into(),
                    ur: String::new(),
                },
            }],
            signatures: vec![("Ying Xiong".into(), "for China".into(), "key 2b1b".into())],
            ..Default::default()
        }
        .with_layout();
        assert!(doc.bilingual);
        let bytes = docx(&doc).unwrap();
        assert_eq!(&bytes[..2], b"PK", "a DOCX file is a zip");
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("word/document.xml"));
    }
}
