//! Agreed minutes between two parties. The host side drafts; circulating freezes a version the counterpart
//! redlines; the host accepts or rejects each redline; agreeing freezes the agreed version; each co-chair signs
//! the SHA-256 of that version's canonical form with ed25519. A signed record verifies offline.

use crate::audit::canonical_json;
use ed25519_dalek::{Signature, VerifyingKey};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

/// Where a minutes version stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum VersionStatus {
    /// Sent to the counterpart for review.
    Circulated,
    /// Followed by a later version.
    Superseded,
    /// The text both sides agreed; the one the co-chairs sign.
    Agreed,
}

impl VersionStatus {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Circulated => "circulated",
            Self::Superseded => "superseded",
            Self::Agreed => "agreed",
        }
    }
}

/// The SHA-256 of a version's canonical form, hex encoded: what the co-chairs sign.
pub fn content_hash(content: &Value) -> String {
    hex::encode(Sha256::digest(canonical_json(content).as_bytes()))
}

/// A short fingerprint of a public key, for the signature block: `3f2a 9c1e 77b0 d4e5`.
pub fn key_fingerprint(public_key_hex: &str) -> String {
    let digest = hex::encode(Sha256::digest(public_key_hex.as_bytes()));
    digest.as_bytes()[..16]
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// One co-chair's signature in a signed record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct RecordSignature {
    /// The signer's party.
    pub party_id: String,
    /// Its name.
    pub party_name: String,
    /// The signer.
    pub person_id: String,
    /// Their name.
    pub person_name: String,
    /// The ed25519 public key, hex.
    pub public_key: String,
    /// The signature of the content hash's 32 bytes, hex.
    pub signature: String,
    /// When, RFC 3339.
    pub signed_at: String,
}

/// A signed Record of Discussions as exported: the content, its hash, and the signatures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SignedRecord {
    /// Format marker, `corridor-signed-record/1`.
    pub format: String,
    /// The agreed version's canonical content.
    #[schema(value_type = Object)]
    pub content: Value,
    /// `content_hash(content)`.
    pub hash: String,
    /// Signatures of `hash`.
    pub signatures: Vec<RecordSignature>,
}

/// The format marker of signed records.
pub const RECORD_FORMAT: &str = "corridor-signed-record/1";

/// Checks one signature of `hash` (hex) by `public_key` (hex).
pub fn verify_signature(hash: &str, public_key: &str, signature: &str) -> Result<(), String> {
    let digest = hex::decode(hash).map_err(|_| "the hash is not hex".to_owned())?;
    let key: [u8; 32] = hex::decode(public_key)
        .ok()
        .and_then(|k| k.try_into().ok())
        .ok_or_else(|| "the public key is not 32 bytes of hex".to_owned())?;
    let sig: [u8; 64] = hex::decode(signature)
        .ok()
        .and_then(|s| s.try_into().ok())
        .ok_or_else(|| "the signature is not 64 bytes of hex".to_owned())?;
    let key = VerifyingKey::from_bytes(&key)
        .map_err(|_| "the public key is not a valid ed25519 key".to_owned())?;
    key.verify_strict(&digest, &Signature::from_bytes(&sig))
        .map_err(|_| "the signature does not match the content".to_owned())
}

/// What checking a signed record found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordCheck {
    /// Whether the content still hashes to the recorded hash.
    pub hash_matches: bool,
    /// Each signature with its verdict.
    pub signatures: Vec<(RecordSignature, Result<(), String>)>,
}

impl RecordCheck {
    /// True when the content is intact and every signature is valid (and there is at least one).
    pub fn valid(&self) -> bool {
        self.hash_matches
            && !self.signatures.is_empty()
            && self.signatures.iter().all(|(_, r)| r.is_ok())
    }
}

/// Checks a signed record offline: the content against its hash, and every signature against the hash
/// recomputed from the content (so an edited content fails even if the recorded hash was edited too).
pub fn check_record(record: &SignedRecord) -> RecordCheck {
    let actual = content_hash(&record.content);
    RecordCheck {
        hash_matches: actual == record.hash,
        signatures: record
            .signatures
            .iter()
            .map(|s| {
                (
                    s.clone(),
                    verify_signature(&actual, &s.public_key, &s.signature),
                )
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ed25519_dalek::{Signer, SigningKey};
    use serde_json::json;

    fn signed(content: Value, key: &SigningKey) -> SignedRecord {
        let hash = content_hash(&content);
        let sig = key.sign(&hex::decode(&hash).unwrap());
        SignedRecord {
            format: RECORD_FORMAT.into(),
            content,
            hash,
            signatures: vec![RecordSignature {
                party_id: "pk".into(),
                party_name: "Pakistan".into(),
                person_id: "p".into(),
                person_name: "Co-chair".into(),
                public_key: hex::encode(key.verifying_key().to_bytes()),
                signature: hex::encode(sig.to_bytes()),
                signed_at: "2020-12-20T10:00:00Z".into(),
            }],
        }
    }

    #[test]
    fn a_signed_record_verifies_and_a_tampered_one_does_not() {
        let key = SigningKey::from_bytes(&[7u8; 32]);
        let record = signed(
            json!({"items": [{"title": "Framework Agreement", "minutes": "Accepted as the basis."}]}),
            &key,
        );
        assert!(check_record(&record).valid());
        let mut tampered = record.clone();
        tampered.content["items"][0]["minutes"] = json!("Rejected.");
        let check = check_record(&tampered);
        assert!(!check.hash_matches && !check.valid());
        tampered.hash = content_hash(&tampered.content);
        let check = check_record(&tampered);
        assert!(check.hash_matches, "the hash was recomputed by the forger");
        assert_eq!(
            check.signatures[0].1,
            Err("the signature does not match the content".into())
        );
    }

    #[test]
    fn key_order_does_not_change_the_hash_and_fingerprints_are_short() {
        assert_eq!(
            content_hash(&json!({"a": 1, "b": 2})),
            content_hash(&json!({"b": 2, "a": 1}))
        );
        assert_eq!(key_fingerprint("00").len(), 19);
    }
}
