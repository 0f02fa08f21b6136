//! Store errors, and the one helper that turns a constraint violation into a user error keyed by its name.

use corridor_core::ValidationErrors;
use corridor_core::visibility::Denied;
use sea_orm::{DbErr, SqlErr};

/// What can go wrong in a store operation.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The record does not exist or the viewer may not see it: the two are never told apart.
    #[error("no such {entity}")]
    NotFound {
        /// The kind of record asked for.
        entity: &'static str,
    },
    /// The input breaks a rule; each problem names its field.
    #[error("{0}")]
    Invalid(#[from] ValidationErrors),
    /// The input clashes with a record that exists (a unique name) or was changed meanwhile (a stale version).
    #[error("{message}")]
    Conflict {
        /// The input field concerned.
        field: Option<String>,
        /// What clashed.
        message: String,
    },
    /// A referenced record does not exist (a foreign key failed); `Store::name_missing` says which field.
    #[error("refers to a record that does not exist")]
    MissingReference,
    /// The actor may see the record but not do this to it.
    #[error("{0}")]
    Forbidden(String),
    /// A sign-in or token did not match an active account.
    #[error("{0}")]
    Unauthenticated(String),
    /// The database's schema is newer than this program.
    #[error("{0}")]
    SchemaTooNew(String),
    /// The database cannot be reached or the configuration is wrong.
    #[error("{0}")]
    Config(String),
    /// Anything else from the database: logged, never shown to a client.
    #[error("database error: {0}")]
    Database(DbErr),
}

impl From<corridor_core::FieldError> for StoreError {
    fn from(e: corridor_core::FieldError) -> Self {
        StoreError::invalid(&e.field, e.message)
    }
}

impl From<Denied> for StoreError {
    fn from(d: Denied) -> Self {
        StoreError::Forbidden(d.0)
    }
}

/// Unique constraints by name (PostgreSQL) and by column list (SQLite's message), with the field they concern.
const UNIQUE: &[(&str, &str, &str, &str)] = &[
    (
        "parties_code_key",
        "parties.code",
        "code",
        "a party with this code already exists",
    ),
    (
        "parties_name_key",
        "parties.name",
        "name",
        "a party with this name already exists",
    ),
    (
        "organisations_party_name_key",
        "organisations.party_id, organisations.name",
        "name",
        "this party already has an organisation with this name",
    ),
    (
        "people_email_key",
        "people.email",
        "email",
        "another person already has this e-mail address",
    ),
    (
        "users_username_key",
        "users.username",
        "username",
        "this username is already taken",
    ),
    (
        "users_person_key",
        "users.person_id",
        "person_id",
        "this person already has an account",
    ),
    (
        "bodies_name_key",
        "bodies.name",
        "name",
        "a body with this name already exists",
    ),
    (
        "meetings_body_number_key",
        "meetings.body_id, meetings.number",
        "number",
        "this body already has a meeting with this number",
    ),
    (
        "delegates_person_key",
        "delegates.meeting_id, delegates.person_id",
        "person_id",
        "this person is already on a delegation to this meeting",
    ),
    (
        "consultation_responses_organisation_key",
        "consultation_responses.consultation_id, consultation_responses.organisation_id",
        "organisation_id",
        "this organisation has already answered this consultation",
    ),
    (
        "news_approvals_once_idx",
        "news_approvals.news_item_id, news_approvals.item_version, news_approvals.party_id",
        "version",
        "your party has already approved this version of the news item",
    ),
];

impl From<DbErr> for StoreError {
    fn from(e: DbErr) -> Self {
        match e.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(msg)) => {
                match UNIQUE
                    .iter()
                    .find(|(name, cols, _, _)| msg.contains(name) || msg.ends_with(cols))
                {
                    Some((_, _, field, message)) => StoreError::Conflict {
                        field: Some((*field).to_owned()),
                        message: (*message).to_owned(),
                    },
                    None => StoreError::Conflict {
                        field: None,
                        message: "a record with these values already exists".into(),
                    },
                }
            }
            Some(SqlErr::ForeignKeyConstraintViolation(_)) => StoreError::MissingReference,
            _ => StoreError::Database(e),
        }
    }
}

impl StoreError {
    /// A refusal of the record's state, not of a field: "a shared version cannot change".
    pub fn conflict(message: impl Into<String>) -> Self {
        StoreError::Conflict {
            field: None,
            message: message.into(),
        }
    }

    /// A single field problem.
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        StoreError::Invalid(ValidationErrors::one(field, message))
    }
}
