//! Signing keys: each signer's ed25519 private key is stored encrypted with ChaCha20-Poly1305 under a key
//! derived from their password with Argon2, and unlocked only at the moment of signing.

use super::minutes::{conflict, latest, move_meeting, state_of};
use super::parse_json_ids;
use crate::access::Audited;
use crate::entity::signing_key;
use crate::entity::{meeting, minutes_signature, person};
use crate::{Store, StoreError};
use argon2::Argon2;
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use corridor_core::Actor;
use corridor_core::ids::SignatureId;
use corridor_core::meeting::MeetingState;
use corridor_core::meeting::minutes::VersionStatus;
use ed25519_dalek::{Signer, SigningKey};
use password_hash::rand_core::{OsRng, RngCore};
use sea_orm::{ColumnTrait, QueryFilter};
use sea_orm::{ConnectionTrait, EntityTrait, Set};

fn derive(password: &str, salt: &[u8]) -> Result<[u8; 32], StoreError> {
    let mut key = [0u8; 32];
    Argon2::default()
        .hash_password_into(password.as_bytes(), salt, &mut key)
        .map_err(|e| StoreError::Config(format!("cannot derive the signing key: {e}")))?;
    Ok(key)
}

/// Signs `digest` with the person's key, creating the key (encrypted under `password`) at first use. When
/// the stored key was locked under an earlier password, a new key pair replaces it: signatures already made
/// keep verifying with the public key recorded beside them. Returns the public key and the signature, hex.
pub(crate) async fn sign(
    conn: &impl ConnectionTrait,
    person_id: &str,
    password: &str,
    digest: &[u8],
) -> Result<(String, String), StoreError> {
    let stored = signing_key::Entity::find_by_id(person_id.to_owned())
        .one(conn)
        .await?;
    let replace = stored.is_some();
    let key = match unlock(stored, password.to_owned()).await? {
        Some(k) => k,
        None => create(conn, person_id, password, replace).await?,
    };
    Ok((
        hex::encode(key.verifying_key().to_bytes()),
        hex::encode(key.sign(digest).to_bytes()),
    ))
}

/// Decrypts a stored key with the password; `None` when there is none or it was locked under another password.
async fn unlock(
    stored: Option<signing_key::Model>,
    password: String,
) -> Result<Option<SigningKey>, StoreError> {
    let Some(k) = stored else { return Ok(None) };
    tokio::task::spawn_blocking(move || -> Result<Option<SigningKey>, StoreError> {
        let (Ok(salt), Ok(nonce), Ok(sealed)) = (
            hex::decode(&k.salt),
            hex::decode(&k.nonce),
            hex::decode(&k.encrypted_key),
        ) else {
            return Ok(None);
        };
        let key = derive(&password, &salt)?;
        let cipher = ChaCha20Poly1305::new(Key::from_slice(&key));
        Ok(cipher
            .decrypt(Nonce::from_slice(&nonce), sealed.as_slice())
            .ok()
            .and_then(|secret| <[u8; 32]>::try_from(secret.as_slice()).ok())
            .map(|secret| SigningKey::from_bytes(&secret)))
    })
    .await
    .map_err(|e| StoreError::Config(format!("signing stopped: {e}")))?
}

async fn create(
    conn: &impl ConnectionTrait,
    person_id: &str,
    password: &str,
    replace: bool,
) -> Result<SigningKey, StoreError> {
    let mut secret = [0u8; 32];
    let mut salt = [0u8; 16];
    let mut nonce = [0u8; 12];
    OsRng.fill_bytes(&mut secret);
    OsRng.fill_bytes(&mut salt);
    OsRng.fill_bytes(&mut nonce);
    let password = password.to_owned();
    let sealed = tokio::task::spawn_blocking(move || -> Result<Vec<u8>, StoreError> {
        let key = derive(&password, &salt)?;
        ChaCha20Poly1305::new(Key::from_slice(&key))
            .encrypt(Nonce::from_slice(&nonce), secret.as_slice())
            .map_err(|_| StoreError::Config("cannot seal the signing key".into()))
    })
    .await
    .map_err(|e| StoreError::Config(format!("signing stopped: {e}")))??;
    let key = SigningKey::from_bytes(&secret);
    let row = signing_key::ActiveModel {
        person_id: Set(person_id.to_owned()),
        public_key: Set(hex::encode(key.verifying_key().to_bytes())),
        encrypted_key: Set(hex::encode(sealed)),
        salt: Set(hex::encode(salt)),
        nonce: Set(hex::encode(nonce)),
        created_at: Set(corridor_core::now()),
    };
    if replace {
        signing_key::Entity::delete_by_id(person_id.to_owned())
            .exec(conn)
            .await?;
    }
    signing_key::Entity::insert(row)
        .exec_without_returning(conn)
        .await?;
    Ok(key)
}

impl Store {
    /// A co-chair signs the agreed version after re-entering their password. When every co-chair's party has
    /// signed, the meeting's minutes are signed.
    #[crate::boxed]
    pub async fn sign_minutes(
        &self,
        actor: &Actor,
        meeting_id: &str,
        password: &str,
    ) -> Result<(), StoreError> {
        let Some(user) = actor.user() else {
            return Err(StoreError::Forbidden(
                "minutes are signed by a co-chair in person".into(),
            ));
        };
        if self.authenticate(&user.username, password).await.is_err() {
            return Err(StoreError::invalid("password", "is not your password"));
        }
        let mut tx = self.write(actor).await?;
        let m = meeting::Entity::find_visible(&actor.viewer(), meeting_id)
            .one(&tx.txn)
            .await?
            .ok_or(StoreError::NotFound { entity: "meeting" })?;
        if state_of(&m) != MeetingState::MinutesAgreed {
            return Err(conflict(format!(
                "only agreed minutes are signed; these are not agreed (the meeting is {})",
                state_of(&m).label().to_lowercase()
            )));
        }
        let chairs = parse_json_ids(&m.co_chair_ids);
        if !chairs.contains(&user.person_id.to_string()) {
            return Err(StoreError::Forbidden(
                "only the meeting's co-chairs sign its minutes".into(),
            ));
        }
        let v = latest(&tx.txn, &m.id)
            .await?
            .filter(|v| v.status == VersionStatus::Agreed.as_str());
        let Some(v) = v else {
            return Err(conflict(
                "only agreed minutes are signed; these are not agreed",
            ));
        };
        let signed = minutes_signature::Entity::find()
            .filter(minutes_signature::Column::VersionId.eq(v.id.as_str()))
            .all(&tx.txn)
            .await?;
        if signed
            .iter()
            .any(|s| s.party_id == user.party_id.to_string())
        {
            return Err(conflict("your side has already signed this version"));
        }
        let digest = hex::decode(&v.content_hash)
            .map_err(|_| StoreError::Config("a stored hash is not hex".into()))?;
        let (public_key, signature) =
            sign(&tx.txn, &user.person_id.to_string(), password, &digest).await?;
        let now = corridor_core::now();
        let row = minutes_signature::ActiveModel {
            id: Set(SignatureId::new().to_string()),
            version_id: Set(v.id.clone()),
            person_id: Set(user.person_id.to_string()),
            party_id: Set(user.party_id.to_string()),
            public_key: Set(public_key),
            signature: Set(signature),
            owner_party_id: Set(user.party_id.to_string()),
            owner_organisation_id: Set(None),
            visibility: Set(v.visibility.clone()),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        };
        let written = minutes_signature::Entity::insert(row)
            .exec_with_returning(&tx.txn)
            .await?;
        tx.log::<minutes_signature::Entity>(written, "signed")
            .await?;
        let mut parties = Vec::new();
        for c in &chairs {
            if let Some(p) = person::Entity::find_id(c).one(&tx.txn).await? {
                parties.push(p.party_id);
            }
        }
        let mut signed_parties: Vec<String> = signed.into_iter().map(|s| s.party_id).collect();
        signed_parties.push(user.party_id.to_string());
        if parties.iter().all(|p| signed_parties.contains(p)) {
            move_meeting(&mut tx, m, MeetingState::MinutesSigned, "minutes_signed").await?;
        }
        tx.commit().await
    }
}
