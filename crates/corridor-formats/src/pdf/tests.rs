use super::*;
use crate::record::{Parallel, RecordItem, RecordOutcome};
use std::path::PathBuf;
use std::process::Command;

static FONTS: LazyLock<FontSet> = LazyLock::new(|| {
    FontSet::load_default(&[]).unwrap_or_else(|e| panic!("the tests need Debian's Noto fonts: {e}"))
});

fn sample() -> RecordDocument {
    RecordDocument {
        body: "Joint Working Group on Industrial Cooperation".into(),
        title: "5th meeting".into(),
        when: "2020-12-15 10:00 to 12:30 (Asia/Karachi)".into(),
        modality: "Video conference".into(),
        version: 3,
        status: "agreed".into(),
        hash: "9f2c".repeat(16),
        chairs: vec!["Khashih-ur-Rehman".into(), "Ying Xiong".into()],
        delegations: vec![(
            "Pakistan".into(),
            2,
            vec!["Khashih-ur-Rehman, Additional Secretary (present)".into()],
        )],
        items: vec![RecordItem {
            title: Parallel {
                en: "Joint industrial diagnosis".into(),
                zh: "联合产业诊断".into(),
                ur: "مشترکہ صنعتی تشخیص".into(),
            },
            minutes: Parallel {
                en: "Both sides agreed to study the textile sector together: #panic(\"x\") *not bold* ] }".into(),
                zh: "双方同意共同研究纺织行业。".into(),
                ur: String::new(),
            },
        }],
        outcomes: vec![RecordOutcome {
            kind: "decision".into(),
            text: Parallel {
                en: "Run the diagnosis jointly, ending in an action plan".into(),
                zh: "联合开展诊断并形成行动计划".into(),
                ur: String::new(),
            },
            due: "2021-06-30".into(),
        }],
        signature_state: "signed by Pakistan, pending China".into(),
        signatures: vec![(
            "Khashih-ur-Rehman".into(),
            "for Pakistan, 2021-01-12".into(),
            "key 2b1b 77aa".into(),
        )],
        bilingual: false,
    }
    .with_layout()
}

/// A file of its own for each PDF a test reads back: tests run in parallel, and a shared name let one test
/// read another's record.
fn written(pdf: &[u8]) -> std::path::PathBuf {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let file = std::env::temp_dir().join(format!("corridor-pdf-{}-{n}.pdf", std::process::id()));
    std::fs::write(&file, pdf).unwrap();
    file
}

/// The text a PDF reader extracts, which only works when every glyph maps back to its character.
fn extracted(pdf: &[u8]) -> String {
    let file = written(pdf);
    let out = Command::new("pdftotext")
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext (Debian's poppler-utils) reads the PDF back");
    std::fs::remove_file(&file).unwrap();
    assert!(out.status.success(), "pdftotext refused the file");
    String::from_utf8(out.stdout).unwrap()
}

fn fonts_in(pdf: &[u8]) -> String {
    let file = written(pdf);
    let out = Command::new("pdffonts")
        .arg(&file)
        .output()
        .expect("pdffonts runs");
    std::fs::remove_file(&file).unwrap();
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_bilingual_record_is_a_pdf_with_every_script_in_a_real_font() {
    let pdf = pdf(&sample(), &FONTS).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let text = extracted(&pdf);
    for wanted in [
        "Record of Discussions",
        "会谈纪要",
        "联合产业诊断",
        "纺织行业",
        "Ying Xiong",
        "2021-06-30",
    ] {
        assert!(text.contains(wanted), "{wanted} is missing from:\n{text}");
    }
    let fonts = fonts_in(&pdf);
    for face in ["NotoSans-Regular", "NotoSansCJK", "NotoNastaliqUrdu"] {
        assert!(fonts.contains(face), "{face} is not embedded:\n{fonts}");
    }
}

#[test]
fn text_a_user_wrote_is_placed_literally_never_run_as_markup() {
    let text = extracted(&pdf(&sample(), &FONTS).unwrap());
    assert!(text.contains("#panic(\"x\") *not bold* ] }"), "{text}");
}

#[test]
fn an_english_only_record_needs_no_chinese_font_and_has_one_column() {
    let mut doc = sample();
    doc.items[0].title = Parallel::en("Industrial visits");
    doc.items[0].minutes = Parallel::en("Visits to be arranged.");
    doc.outcomes.clear();
    let doc = doc.with_layout();
    assert!(!doc.bilingual);
    let latin_only = FontSet::load(&[PathBuf::from(DEFAULT_DIRS[1])]).unwrap();
    let text = extracted(&pdf(&doc, &latin_only).unwrap());
    assert!(text.contains("Visits to be arranged."));
    assert!(!text.contains("会谈纪要"));
}

#[test]
fn a_missing_font_names_the_package_to_install() {
    let latin_only = FontSet::load(&[PathBuf::from(DEFAULT_DIRS[1])]).unwrap();
    let err = pdf(&sample(), &latin_only).unwrap_err();
    assert!(
        err.contains("Chinese text") && err.contains("fonts-noto-cjk"),
        "{err}"
    );

    let empty = std::env::temp_dir().join("corridor-no-fonts");
    std::fs::create_dir_all(&empty).unwrap();
    let err = FontSet::load(&[empty]).unwrap_err();
    assert!(err.contains("fonts-noto-core"), "{err}");
}

#[test]
fn scripts_are_told_apart() {
    assert_eq!(Script::used_in("textile"), vec![Script::Latin]);
    assert_eq!(Script::used_in("纺织"), vec![Script::Latin, Script::Han]);
    assert_eq!(
        Script::used_in("صنعتی"),
        vec![Script::Latin, Script::Arabic]
    );
}

#[test]
fn an_invitation_letter_names_the_nominee_the_dates_and_the_programme_literally() {
    let doc = crate::letter::LetterDocument {
        reference: "JWG-IC/X-1a2b/N-3c4d".into(),
        issued_on: "2021-08-02".into(),
        host_party: "People's Republic of China".into(),
        issuer: "National Development and Reform Commission".into(),
        name: "Ayesha #strong[Khan]".into(),
        position: "Deputy Director".into(),
        organisation: "Board of Investment".into(),
        sending_party: "Islamic Republic of Pakistan".into(),
        title: "Industrial visit to zones in Jiangsu".into(),
        title_zh: "江苏园区产业考察".into(),
        purpose: "See how parks attract garment makers.".into(),
        starts_on: "2021-09-06".into(),
        ends_on: "2021-09-10".into(),
        request: "the request recorded at the 5th meeting".into(),
        programme: vec![crate::letter::LetterStop {
            day: "2021-09-07".into(),
            at: "09:30".into(),
            site: "Suzhou Industrial Park".into(),
        }],
    };
    let bytes = letter(&doc, &FONTS).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let text = extracted(&bytes);
    for expected in [
        "Letter of invitation",
        "Ayesha #strong[Khan]",
        "2021-09-06",
        "Suzhou Industrial Park",
        "江苏园区产业考察",
        "JWG-IC/X-1a2b/N-3c4d",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
}
