//! What meeting reads return.

use crate::links::LinkView;
use crate::view::{AccessView, Ref};
use serde::Serialize;
use utoipa::ToSchema;

/// A joint body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct BodyView {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Acronym.
    pub short_name: Option<String>,
    /// The body it reports to.
    pub parent: Option<Ref>,
    /// Standing agenda items.
    pub agenda_template: Vec<String>,
    /// Members, grouped by side.
    pub members: Vec<BodySide>,
    /// Ownership and visibility.
    pub access: AccessView,
}

/// The members of one side of a body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct BodySide {
    /// The side.
    pub party: Ref,
    /// Its members.
    pub members: Vec<Ref>,
}

/// A meeting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct MeetingView {
    /// Id.
    pub id: String,
    /// The body that meets.
    pub body: Ref,
    /// Number in the body's series.
    pub number: i32,
    /// Title.
    pub title: String,
    /// `regular` or `special`.
    pub kind: String,
    /// `video`, `in_person` or `hybrid`.
    pub modality: String,
    /// Room or building.
    pub venue: Option<String>,
    /// City.
    pub city: Option<String>,
    /// Video link.
    pub video_link: Option<String>,
    /// IANA time zone the meeting is held in.
    pub time_zone: String,
    /// Start, RFC 3339 UTC.
    pub starts_at: String,
    /// End, RFC 3339 UTC.
    pub ends_at: String,
    /// Start in the meeting's zone, `YYYY-MM-DD HH:MM`.
    pub starts_local: String,
    /// End in the meeting's zone.
    pub ends_local: String,
    /// Host party.
    pub host_party: Ref,
    /// Co-chairs.
    pub co_chairs: Vec<Ref>,
    /// Lifecycle state.
    pub state: String,
    /// What the viewer may do to the state now.
    pub actions: Vec<String>,
    /// Ownership and visibility.
    pub access: AccessView,
}

/// An agenda item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct AgendaItemView {
    /// Id.
    pub id: String,
    /// The meeting.
    pub meeting_id: String,
    /// The item it belongs under.
    pub parent_id: Option<String>,
    /// Position, from 1.
    pub position: i32,
    /// Title.
    pub title: String,
    /// The title in Chinese, when written.
    pub title_zh: Option<String>,
    /// The title in Urdu, when written.
    pub title_ur: Option<String>,
    /// `item`, or `matters_arising` for the item that follows up earlier outcomes.
    pub item_kind: String,
    /// The side leading it.
    pub lead_party: Option<Ref>,
    /// Who presents it.
    pub presenter: Option<Ref>,
    /// Minutes set aside.
    pub duration_minutes: Option<i32>,
    /// Records it discusses that the viewer may see.
    pub links: Vec<LinkView>,
    /// Ownership and visibility.
    pub access: AccessView,
}

/// An outcome on the register.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct RegisterItemView {
    /// Id.
    pub id: String,
    /// The body.
    pub body: Ref,
    /// The meeting that produced it.
    pub meeting: Ref,
    /// The agenda item it came under.
    pub agenda_item_id: Option<String>,
    /// `decision`, `agreement`, `request`, `action` or `note`.
    pub kind: String,
    /// What was decided, agreed or asked.
    pub text: String,
    /// The text in Chinese, when written.
    pub text_zh: Option<String>,
    /// The text in Urdu, when written.
    pub text_ur: Option<String>,
    /// The lead organisation of each side.
    pub leads: Vec<Ref>,
    /// Due date.
    pub due_on: Option<String>,
    /// Records it concerns that the viewer may see.
    pub links: Vec<LinkView>,
    /// `open`, `in_progress`, `done` or `dropped`.
    pub status: String,
    /// Open past its due date.
    pub overdue: bool,
    /// Ownership and visibility.
    pub access: AccessView,
}

/// A review of a register item, at a meeting or between meetings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct ReviewView {
    /// Id.
    pub id: String,
    /// The item.
    pub item_id: String,
    /// The meeting that reviewed it.
    pub meeting: Option<Ref>,
    /// Status after the review.
    pub status: String,
    /// What was reported.
    pub note: Option<String>,
    /// Ownership and visibility.
    pub access: AccessView,
}

/// A side's briefing note on an agenda item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct BriefingNoteView {
    /// Id.
    pub id: String,
    /// The agenda item.
    pub agenda_item_id: String,
    /// The note.
    pub text: String,
    /// Ownership and visibility.
    pub access: AccessView,
}

/// A co-chair's signature as a page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct SignatureView {
    /// The signer's party.
    pub party: Ref,
    /// The signer.
    pub person: Ref,
    /// A short fingerprint of the signer's public key.
    pub fingerprint: String,
    /// When, RFC 3339.
    pub signed_at: String,
}

/// A redline the counterpart proposed on a circulated version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct RedlineView {
    /// Id.
    pub id: String,
    /// The agenda item whose minutes it changes.
    pub agenda_item_id: String,
    /// The language of the text it changes: `en`, `zh` or `ur`.
    pub language: String,
    /// The text proposed instead.
    pub proposed_text: String,
    /// `proposed`, `accepted` or `rejected`.
    pub status: String,
    /// Why it was rejected or how it was taken up.
    pub reason: Option<String>,
    /// The side that proposed it.
    pub author_party: Ref,
}

/// A frozen version of the minutes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct MinutesVersionView {
    /// Id.
    pub id: String,
    /// 1, 2, 3…
    pub number: i32,
    /// `circulated`, `superseded` or `agreed`.
    pub status: String,
    /// SHA-256 of the canonical content: what the co-chairs sign.
    pub hash: String,
    /// The counterpart that finished its review.
    pub reviewed_by: Option<Ref>,
    /// Redlines proposed on this version.
    pub redlines: Vec<RedlineView>,
    /// Signatures of this version.
    pub signatures: Vec<SignatureView>,
}

/// The minutes of one agenda item as they stand now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct MinutesEntryView {
    /// The agenda item.
    pub agenda_item_id: String,
    /// Its position.
    pub position: i32,
    /// Its title.
    pub title: String,
    /// Its title in Chinese, when written.
    pub title_zh: Option<String>,
    /// The minutes text, empty when not written yet.
    pub text: String,
    /// The minutes in Chinese, when written.
    pub text_zh: Option<String>,
    /// The minutes in Urdu, when written.
    pub text_ur: Option<String>,
}

/// A meeting's minutes: the current text, every version, and who still has to sign.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct MinutesView {
    /// The meeting.
    pub meeting_id: String,
    /// The side that drafts (the meeting's owner).
    pub host_party: Ref,
    /// The current text per agenda item.
    pub entries: Vec<MinutesEntryView>,
    /// Versions, newest first.
    pub versions: Vec<MinutesVersionView>,
    /// Co-chairs whose signature of the agreed version is still missing.
    pub pending_signers: Vec<Ref>,
    /// "signed by Pakistan, pending China" and the like.
    pub signature_state: String,
}

/// One delegate of one side.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct DelegateView {
    /// Id.
    pub id: String,
    /// The meeting.
    pub meeting_id: String,
    /// The side.
    pub party: Ref,
    /// The person.
    pub person: Ref,
    /// Their organisation.
    pub organisation: Ref,
    /// Their position for this meeting.
    pub title: Option<String>,
    /// The organisation they speak for.
    pub on_behalf_of: Option<Ref>,
    /// `invited`, `present`, `absent` or `represented`.
    pub attendance: String,
    /// Their stand-in.
    pub represented_by: Option<Ref>,
    /// Ownership and visibility.
    pub access: AccessView,
}

/// One side's delegation to a meeting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct DelegationView {
    /// The side.
    pub party: Ref,
    /// Its delegates.
    pub delegates: Vec<DelegateView>,
    /// How many distinct organisations took part (present or represented).
    pub organisations_attending: usize,
}
