//! Attachments: evidence documents and signed copies, stored once per content (addressed by SHA-256), their
//! type read from the bytes rather than trusted from the file name or the client.

use crate::error::FieldError;
use sha2::{Digest, Sha256};

/// The largest attachment accepted, in bytes.
pub const MAX_BYTES: usize = 20 * 1024 * 1024;

/// Types accepted, as detected from content.
const ALLOWED: [&str; 5] = [
    "application/pdf",
    "image/png",
    "image/jpeg",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "text/plain",
];

/// A checked upload.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Upload {
    /// Hex SHA-256 of the content.
    pub sha256: String,
    /// Detected type.
    pub media_type: String,
    /// The name to offer on download, cleaned of paths and control characters.
    pub filename: String,
}

/// Checks an upload: not empty, not larger than `max`, of an accepted type by its content, with a usable name.
pub fn check(bytes: &[u8], filename: &str, max: usize) -> Result<Upload, FieldError> {
    if bytes.is_empty() {
        return Err(FieldError::new("file", "is empty"));
    }
    if bytes.len() > max {
        return Err(FieldError::new(
            "file",
            format!("is {} bytes; at most {max} are accepted", bytes.len()),
        ));
    }
    let detected = infer::get(bytes)
        .map(|t| t.mime_type().to_owned())
        .or_else(|| {
            std::str::from_utf8(bytes)
                .ok()
                .filter(|t| {
                    !t.chars()
                        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
                })
                .map(|_| "text/plain".to_owned())
        });
    let media_type = detected
        .filter(|t| ALLOWED.contains(&t.as_str()))
        .ok_or_else(|| {
            FieldError::new("file", "is not a PDF, PNG, JPEG, DOCX or plain-text file")
        })?;
    let base = filename.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | ';'))
        .take(120)
        .collect();
    let clean = clean.trim();
    if clean.is_empty() {
        return Err(FieldError::new("filename", "is required"));
    }
    Ok(Upload {
        sha256: hex::encode(Sha256::digest(bytes)),
        media_type,
        filename: clean.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uploads_are_typed_by_content_and_bounded() {
        let pdf = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n";
        let u = check(pdf, "C:\\\\scans\\\\signed copy.pdf", MAX_BYTES).unwrap();
        assert_eq!(
            (u.media_type.as_str(), u.filename.as_str()),
            ("application/pdf", "signed copy.pdf")
        );
        assert_eq!(u.sha256.len(), 64);
        assert_eq!(
            check(b"", "x.pdf", MAX_BYTES).unwrap_err().message,
            "is empty"
        );
        assert!(
            check(pdf, "x.pdf", 10)
                .unwrap_err()
                .message
                .contains("at most 10")
        );
        let exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff";
        assert!(
            check(exe, "notes.pdf", MAX_BYTES)
                .unwrap_err()
                .message
                .contains("is not a PDF")
        );
        assert_eq!(
            check("会议纪要".as_bytes(), "notes.txt", MAX_BYTES)
                .unwrap()
                .media_type,
            "text/plain"
        );
        assert_eq!(check(pdf, "../", MAX_BYTES).unwrap_err().field, "filename");
    }
}
