//! An agenda item: its place in the order, the side that leads it, who presents, how long it takes.

use crate::error::{Collector, FieldError, ValidationErrors};
use crate::ids::{AgendaItemId, MeetingId, PartyId, PersonId};
use crate::input::{self, Access, limit};
use crate::language::Translations;
use crate::links::RecordLink;
use crate::visibility::Visibility;
use serde::{Deserialize, Serialize};

/// An agenda item as a form or JSON client sends it.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct AgendaItemInput {
    /// The meeting.
    pub meeting_id: Option<String>,
    /// What is discussed.
    pub title: Option<String>,
    /// The title in Chinese.
    pub title_zh: Option<String>,
    /// The title in Urdu.
    pub title_ur: Option<String>,
    /// The item it is part of (a sub-item).
    pub parent_id: Option<String>,
    /// Position in the agenda, from 1; at the end when not given.
    #[serde(deserialize_with = "input::int_or_text")]
    #[schema(value_type = Option<i64>)]
    pub position: Option<i64>,
    /// The side that leads the item.
    pub lead_party_id: Option<String>,
    /// Who presents it.
    pub presenter_id: Option<String>,
    /// Minutes set aside for it.
    #[serde(deserialize_with = "input::int_or_text")]
    #[schema(value_type = Option<i64>)]
    pub duration_minutes: Option<i64>,
    /// Records it discusses, each written `kind:id` (`register_item:…`, `meeting:…`, `body:…`,
    /// `organisation:…`).
    #[serde(deserialize_with = "input::one_or_many")]
    pub links: Vec<String>,
    /// `public`, `shared` (default), `party` or `restricted`.
    pub visibility: Option<String>,
    /// People who may see a restricted record.
    #[serde(deserialize_with = "input::one_or_many")]
    pub restricted_to: Vec<String>,
    /// The version being edited.
    #[serde(deserialize_with = "input::int_or_text")]
    #[schema(value_type = Option<i64>)]
    pub version: Option<i64>,
}

/// A validated agenda item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewAgendaItem {
    /// The meeting.
    pub meeting_id: MeetingId,
    /// Title.
    pub title: String,
    /// The title in Chinese and Urdu.
    pub title_translations: Translations,
    /// Records it discusses.
    pub links: Vec<RecordLink>,
    /// Parent item.
    pub parent_id: Option<AgendaItemId>,
    /// Position.
    pub position: Option<i32>,
    /// Leading side.
    pub lead_party_id: Option<PartyId>,
    /// Presenter.
    pub presenter_id: Option<PersonId>,
    /// Minutes.
    pub duration_minutes: Option<i32>,
    /// Who may see it.
    pub access: Access,
    /// The version being edited.
    pub expected_version: Option<i64>,
}

fn bounded(field: &str, v: Option<i64>, max: i64) -> Result<Option<i32>, FieldError> {
    match v {
        None => Ok(None),
        Some(n) if (1..=max).contains(&n) => Ok(Some(n as i32)),
        Some(_) => Err(FieldError::new(
            field,
            format!("must be a whole number from 1 to {max}"),
        )),
    }
}

impl TryFrom<&AgendaItemInput> for NewAgendaItem {
    type Error = ValidationErrors;
    fn try_from(i: &AgendaItemInput) -> Result<Self, Self::Error> {
        let mut c = Collector::default();
        let meeting_id = c.take(input::required_parsed(
            "meeting_id",
            i.meeting_id.as_deref(),
            "a meeting id",
        ));
        let title = c.take(input::required_text(
            "title",
            i.title.as_deref(),
            limit::NAME,
        ));
        let translations = c.take(Translations::parse(
            "title",
            i.title_zh.as_deref(),
            i.title_ur.as_deref(),
            limit::NAME,
        ));
        let parent_id = c.take(input::optional_parsed(
            "parent_id",
            i.parent_id.as_deref(),
            "an agenda item id",
        ));
        let position = c.take(bounded("position", i.position, 500));
        let lead = c.take(input::optional_parsed(
            "lead_party_id",
            i.lead_party_id.as_deref(),
            "a party id",
        ));
        let presenter = c.take(input::optional_parsed(
            "presenter_id",
            i.presenter_id.as_deref(),
            "a person id",
        ));
        let duration = c.take(bounded("duration_minutes", i.duration_minutes, 24 * 60));
        let links = c.take(RecordLink::parse_all("links", &i.links));
        let access = c.take(input::access(
            i.visibility.as_deref(),
            &i.restricted_to,
            Visibility::Shared,
        ));
        c.finish(|| {
            Some(NewAgendaItem {
                meeting_id: meeting_id?,
                title: title?,
                title_translations: translations?,
                links: links?,
                parent_id: parent_id?,
                position: position?,
                lead_party_id: lead?,
                presenter_id: presenter?,
                duration_minutes: duration?,
                access: access?,
                expected_version: i.version,
            })
        })
    }
}
