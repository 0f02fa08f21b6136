//! Delegations: the people each side invites to a meeting, and whether they attended, were absent, or were
//! represented by someone else. Each side keeps its own delegation.

use crate::error::{Collector, FieldError, ValidationErrors};
use crate::ids::{MeetingId, OrganisationId, PersonId};
use crate::input::{self, limit};
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// Whether a delegate took part.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Attendance {
    /// Invited; not yet marked.
    Invited,
    /// Took part.
    Present,
    /// Did not take part.
    Absent,
    /// Someone else took part in their place.
    Represented,
}

impl Attendance {
    /// Every value.
    pub const ALL: [Attendance; 4] = [
        Self::Invited,
        Self::Present,
        Self::Absent,
        Self::Represented,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Invited => "invited",
            Self::Present => "present",
            Self::Absent => "absent",
            Self::Represented => "represented",
        }
    }

    /// Whether the delegate's organisation took part.
    pub fn attended(self) -> bool {
        matches!(self, Self::Present | Self::Represented)
    }
}

impl FromStr for Attendance {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|a| a.as_str() == s.trim())
            .ok_or_else(|| "must be one of invited, present, absent, represented".to_owned())
    }
}

/// A delegate as a form or JSON client sends it.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct DelegateInput {
    /// The meeting.
    pub meeting_id: Option<String>,
    /// The person; a delegate joins their own party's delegation.
    pub person_id: Option<String>,
    /// The organisation they come from.
    pub organisation_id: Option<String>,
    /// Their position for this meeting.
    pub title: Option<String>,
    /// The organisation they speak for, when it differs.
    pub on_behalf_of_id: Option<String>,
    /// `invited` (default), `present`, `absent` or `represented`.
    pub attendance: Option<String>,
    /// Who took part in their place (with `represented`).
    pub represented_by_id: Option<String>,
    /// The version being edited.
    #[serde(deserialize_with = "input::int_or_text")]
    #[schema(value_type = Option<i64>)]
    pub version: Option<i64>,
}

/// A validated delegate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewDelegate {
    /// The meeting.
    pub meeting_id: MeetingId,
    /// The person.
    pub person_id: PersonId,
    /// Their organisation.
    pub organisation_id: OrganisationId,
    /// Their position.
    pub title: Option<String>,
    /// Represented organisation.
    pub on_behalf_of_id: Option<OrganisationId>,
    /// Attendance.
    pub attendance: Attendance,
    /// Their stand-in.
    pub represented_by_id: Option<PersonId>,
    /// The version being edited.
    pub expected_version: Option<i64>,
}

impl TryFrom<&DelegateInput> for NewDelegate {
    type Error = ValidationErrors;
    fn try_from(i: &DelegateInput) -> Result<Self, Self::Error> {
        let mut c = Collector::default();
        let meeting_id = c.take(input::required_parsed(
            "meeting_id",
            i.meeting_id.as_deref(),
            "a meeting id",
        ));
        let person_id = c.take(input::required_parsed(
            "person_id",
            i.person_id.as_deref(),
            "a person id",
        ));
        let organisation_id = c.take(input::required_parsed(
            "organisation_id",
            i.organisation_id.as_deref(),
            "an organisation id",
        ));
        let title = c.take(input::optional_text(
            "title",
            i.title.as_deref(),
            limit::NAME,
        ));
        let behalf = c.take(input::optional_parsed(
            "on_behalf_of_id",
            i.on_behalf_of_id.as_deref(),
            "an organisation id",
        ));
        let attendance = c.take(
            input::optional_parsed("attendance", i.attendance.as_deref(), "an attendance")
                .map(|a| a.unwrap_or(Attendance::Invited)),
        );
        let by: Option<Option<PersonId>> = c.take(input::optional_parsed(
            "represented_by_id",
            i.represented_by_id.as_deref(),
            "a person id",
        ));
        match (attendance, by) {
            (Some(Attendance::Represented), Some(None)) => c.push(FieldError::new(
                "represented_by_id",
                "say who represented the delegate",
            )),
            (Some(a), Some(Some(_))) if a != Attendance::Represented => {
                c.push(FieldError::new(
                    "represented_by_id",
                    "is given only when the attendance is represented",
                ));
            }
            _ => {}
        }
        if let (Some(Some(b)), Some(p)) = (by, person_id)
            && b == p
        {
            c.push(FieldError::new(
                "represented_by_id",
                "a delegate cannot represent themselves",
            ));
        }
        c.finish(|| {
            Some(NewDelegate {
                meeting_id: meeting_id?,
                person_id: person_id?,
                organisation_id: organisation_id?,
                title: title?,
                on_behalf_of_id: behalf?,
                attendance: attendance?,
                represented_by_id: by?,
                expected_version: i.version,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(attendance: &str, by: Option<PersonId>) -> DelegateInput {
        DelegateInput {
            meeting_id: Some(MeetingId::new().to_string()),
            person_id: Some(PersonId::new().to_string()),
            organisation_id: Some(OrganisationId::new().to_string()),
            attendance: Some(attendance.into()),
            represented_by_id: by.map(|p| p.to_string()),
            ..Default::default()
        }
    }

    #[test]
    fn represented_needs_a_stand_in_and_only_then() {
        assert_eq!(
            NewDelegate::try_from(&input("represented", None))
                .unwrap_err()
                .0[0]
                .field,
            "represented_by_id"
        );
        assert_eq!(
            NewDelegate::try_from(&input("present", Some(PersonId::new())))
                .unwrap_err()
                .0[0]
                .field,
            "represented_by_id"
        );
        assert!(NewDelegate::try_from(&input("represented", Some(PersonId::new()))).is_ok());
        assert_eq!(
            NewDelegate::try_from(&input("late", None)).unwrap_err().0[0].field,
            "attendance"
        );
        assert!(Attendance::Represented.attended() && !Attendance::Absent.attended());
    }
}
