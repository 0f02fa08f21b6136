//! What reads return: records as a viewer sees them, with references resolved to names the viewer may see.
//! Pages and the JSON API render the same views.

use crate::audit::FieldChange;
use serde::Serialize;
use utoipa::ToSchema;

/// A reference to another record; `name` is absent when the viewer may not see that record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct Ref {
    /// The record's id.
    pub id: String,
    /// Its name, if visible to the viewer.
    pub name: Option<String>,
}

/// Who owns a record and who may see it, with whether the viewer may change it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct AccessView {
    /// The owner party.
    pub owner_party: Ref,
    /// `public`, `shared`, `party` or `restricted`.
    pub visibility: String,
    /// The people named on a restricted record.
    pub restricted_to: Vec<Ref>,
    /// The version to send back with an edit.
    pub version: i64,
    /// Created, RFC 3339.
    pub created_at: String,
    /// Last changed, RFC 3339.
    pub updated_at: String,
    /// Whether the viewer may change the record.
    pub can_edit: bool,
}

/// A party.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct PartyView {
    /// Id.
    pub id: String,
    /// ISO 3166-1 alpha-2 code.
    pub code: String,
    /// Full name.
    pub name: String,
    /// Short name.
    pub short_name: String,
    /// When it joined the framework.
    pub joined_on: Option<String>,
    /// `member` or `third_party`.
    pub standing: String,
    /// Ownership and visibility.
    pub access: AccessView,
}

/// An organisation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct OrganisationView {
    /// Id.
    pub id: String,
    /// Full name.
    pub name: String,
    /// Short name.
    pub short_name: Option<String>,
    /// Kind (`ministry`…).
    pub kind: String,
    /// Kind as a reader sees it.
    pub kind_label: String,
    /// Its party.
    pub party: Ref,
    /// The organisation it is part of.
    pub parent: Option<Ref>,
    /// Web site.
    pub website: Option<String>,
    /// Ownership and visibility.
    pub access: AccessView,
}

/// A person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct PersonView {
    /// Id.
    pub id: String,
    /// Name in English.
    pub full_name: String,
    /// Name in own script.
    pub native_name: Option<String>,
    /// Position.
    pub title: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// Telephone.
    pub phone: Option<String>,
    /// Party served.
    pub party: Ref,
    /// Ownership and visibility.
    pub access: AccessView,
}

/// A membership.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct MembershipView {
    /// Id.
    pub id: String,
    /// The person.
    pub person: Ref,
    /// The organisation.
    pub organisation: Ref,
    /// The role.
    pub role: String,
    /// The organisation represented.
    pub on_behalf_of: Option<Ref>,
    /// First day.
    pub starts_on: Option<String>,
    /// Last day.
    pub ends_on: Option<String>,
    /// Ownership and visibility.
    pub access: AccessView,
}

/// A user account (never its password).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct UserView {
    /// Id.
    pub id: String,
    /// Sign-in name.
    pub username: String,
    /// The person.
    pub person: Ref,
    /// The account's party.
    pub party: Ref,
    /// The organisation acted for.
    pub organisation: Option<Ref>,
    /// Role.
    pub role: String,
    /// Whether sign-in is refused.
    pub disabled: bool,
    /// The IANA time zone meeting times are shown in, if chosen.
    pub time_zone: Option<String>,
    /// The interface's language the account chose (`en`, `zh`, `ur`); none means the browser's.
    pub language: Option<String>,
    /// Ownership and visibility.
    pub access: AccessView,
}

/// An API token (never its secret, which is shown once at creation).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct TokenView {
    /// Id.
    pub id: String,
    /// What it is for.
    pub name: String,
    /// Created, RFC 3339.
    pub created_at: String,
    /// Last used, RFC 3339.
    pub last_used_at: Option<String>,
    /// Revoked, RFC 3339.
    pub revoked_at: Option<String>,
}

/// One event of the log, as the API lists it.
#[derive(Clone, Debug, PartialEq, Serialize, ToSchema)]
pub struct EventView {
    /// Position in the chain.
    pub seq: i64,
    /// Unique id.
    pub id: String,
    /// When, RFC 3339.
    pub at: String,
    /// The acting user's id or `system`.
    pub actor: String,
    /// The acting user's name.
    pub actor_name: String,
    /// The acting user's party.
    pub actor_party_id: Option<String>,
    /// Record kind.
    pub entity: String,
    /// Record id.
    pub entity_id: String,
    /// What happened.
    pub action: String,
    /// Visibility after the change.
    pub visibility: String,
    /// The record's state after the change.
    #[schema(value_type = Object)]
    pub payload: serde_json::Value,
    /// The previous event's hash.
    pub prev_hash: String,
    /// This event's hash.
    pub hash: String,
}

/// One step of a record's history, as a reader wants it: who, when, what changed from what to what.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct HistoryEntry {
    /// Position in the chain.
    pub seq: i64,
    /// When, RFC 3339.
    pub at: String,
    /// The acting user's name.
    pub actor_name: String,
    /// The acting user's party.
    pub actor_party: Option<Ref>,
    /// What happened.
    pub action: String,
    /// The fields that changed, with references shown by name where the viewer may see them.
    pub changes: Vec<FieldChange>,
}
