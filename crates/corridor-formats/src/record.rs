//! The Record of Discussions as a document: one neutral structure, filled once from the frozen version, then
//! rendered to HTML (by the web layer's template) and to DOCX (here).

use docx_rs::{AlignmentType, Docx, Paragraph, Run, Table, TableCell, TableRow};

/// Everything the record shows, in reading order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
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
    pub items: Vec<(String, String)>,
    /// Outcomes: kind, text, due date.
    pub outcomes: Vec<(String, String, String)>,
    /// "signed by Pakistan and China" and the like.
    pub signature_state: String,
    /// Signature block: name, "for Party, date" or "signature pending", key fingerprint.
    pub signatures: Vec<(String, String, String)>,
}

fn heading(text: &str, size: usize) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(text).bold().size(size))
}

fn line(text: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(text))
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
    for (i, (title, minutes)) in doc.items.iter().enumerate() {
        d = d.add_paragraph(heading(&format!("{}. {title}", i + 1), 24));
        if !minutes.is_empty() {
            d = d.add_paragraph(line(minutes));
        }
    }
    if !doc.outcomes.is_empty() {
        d = d.add_paragraph(heading("Outcomes", 28));
        let mut rows = vec![TableRow::new(vec![cell("Kind"), cell("What"), cell("Due")])];
        rows.extend(
            doc.outcomes
                .iter()
                .map(|(k, t, due)| TableRow::new(vec![cell(k), cell(t), cell(due)])),
        );
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
            items: vec![(
                "Framework Agreement".into(),
                "China accepted the draft & said so.".into(),
            )],
            signatures: vec![("Ying Xiong".into(), "for China".into(), "key 2b1b".into())],
            ..Default::default()
        };
        let bytes = docx(&doc).unwrap();
        assert_eq!(&bytes[..2], b"PK", "a DOCX file is a zip");
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("word/document.xml"));
    }
}
