//! The Record of Discussions as a PDF: English beside Chinese in real fonts, and a message naming the package
//! to install when the fonts are missing.

use crate::support::{Auth, TestApp};
use axum::http::StatusCode;
use corridor_core::config::Config;
use corridor_store::testing::each_backend_demo;
use std::process::Command;

/// The PDF's text as pdftotext reads it. Each call has a file of its own: tests of one process run side by
/// side, and a name shared between them let one test read another's PDF, or a half-written one.
fn pdf_text(bytes: &[u8]) -> String {
    let file = std::env::temp_dir().join(format!("corridor-web-{}.pdf", uuid::Uuid::now_v7()));
    std::fs::write(&file, bytes).unwrap();
    let out = Command::new("pdftotext")
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext (Debian's poppler-utils) reads the PDF back");
    let _ = std::fs::remove_file(&file);
    assert!(
        out.status.success(),
        "pdftotext failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[tokio::test]
async fn the_signed_fifth_meeting_downloads_as_a_bilingual_pdf() {
    for db in each_backend_demo().await {
        let label = db.label;
        let app = TestApp::new(db).await;
        let fifth = corridor_core::ids::MeetingId::from_key("demo/meeting/jwg-5").to_string();
        let token = app.token("cn.secretariat").await;
        let file = app
            .get(
                &format!("/meetings/{fifth}/record.pdf"),
                Auth::Bearer(&token),
            )
            .await;
        assert_eq!(file.status, StatusCode::OK, "{label}: {}", file.body);
        assert_eq!(file.headers["content-type"], "application/pdf");
        assert!(file.bytes.starts_with(b"%PDF-"), "{label}");
        let text = pdf_text(&file.bytes);
        for expected in [
            "Record of Discussions",
            "会谈纪要",
            "工业合作框架协议",
            "双方同意继续磋商",
            "both sides agreed to continue consultations",
            "signed by Pakistan and China",
            "Ying Xiong",
        ] {
            assert!(
                text.contains(expected),
                "{label}: “{expected}” missing from the PDF:\n{text}"
            );
        }
        let html = app
            .get(
                &format!("/meetings/{fifth}/record.html"),
                Auth::Bearer(&token),
            )
            .await;
        assert!(
            html.body.contains("<div class=\"two\">"),
            "{label}: the page is two-column too"
        );
    }
}

#[tokio::test]
async fn without_the_fonts_the_pdf_is_refused_with_the_package_to_install() {
    for db in each_backend_demo().await {
        let label = db.label;
        let empty = std::env::temp_dir().join(format!("corridor-no-fonts-{}", std::process::id()));
        std::fs::create_dir_all(&empty).unwrap();
        let config = Config {
            font_dirs: vec![empty],
            ..Config::default()
        };
        let app = TestApp::with_config(db, config).await;
        let fifth = corridor_core::ids::MeetingId::from_key("demo/meeting/jwg-5").to_string();
        let reply = app
            .get(&format!("/meetings/{fifth}/record.pdf"), Auth::None)
            .await;
        assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE, "{label}");
        assert!(
            reply.body.contains("fonts-noto-core"),
            "{label}: {}",
            reply.body
        );
        let hidden = app
            .get(
                "/meetings/00000000-0000-7000-8000-000000000000/record.pdf",
                Auth::None,
            )
            .await;
        assert_eq!(
            hidden.status,
            StatusCode::NOT_FOUND,
            "{label}: a missing meeting is not a font problem"
        );
    }
}

/// LibreOffice, headless, turns the DOCX into a PDF; its text proves Writer read the document, tables and
/// Chinese included.
#[tokio::test]
async fn libreoffice_opens_the_docx_record() {
    let db = corridor_store::testing::sqlite().await;
    let app = TestApp::new(db).await;
    let fifth = corridor_core::ids::MeetingId::from_key("demo/meeting/jwg-5").to_string();
    let token = app.token("pk.secretariat").await;
    let docx = app
        .get(
            &format!("/meetings/{fifth}/record.docx"),
            Auth::Bearer(&token),
        )
        .await;
    assert_eq!(docx.status, StatusCode::OK);
    let dir = std::env::temp_dir().join(format!("corridor-lo-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("record.docx");
    std::fs::write(&file, &docx.bytes).unwrap();
    let out = Command::new("soffice")
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(&dir)
        .arg(&file)
        .env("HOME", &dir)
        .output()
        .expect("soffice (Debian's libreoffice-writer-nogui) converts the DOCX");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = pdf_text(&std::fs::read(dir.join("record.pdf")).unwrap());
    // Table cells wrap lines anywhere; compare without whitespace.
    let squeezed: String = text.split_whitespace().collect();
    for expected in [
        "Record of Discussions",
        "both sides agreed to continue consultations",
        "工业合作框架协议",
        "2021-06-30",
    ] {
        let wanted: String = expected.split_whitespace().collect();
        assert!(
            squeezed.contains(&wanted),
            "“{expected}” missing after LibreOffice read the DOCX:\n{text}"
        );
    }
}
