//! A side's internal briefing note on an agenda item: party-internal (or restricted) by construction, so the
//! other side never sees it.

use crate::error::{Collector, FieldError, ValidationErrors};
use crate::ids::AgendaItemId;
use crate::input::{self, Access, limit};
use crate::visibility::Visibility;
use serde::{Deserialize, Serialize};

/// A briefing note as a form or JSON client sends it.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct BriefingNoteInput {
    /// The agenda item.
    pub agenda_item_id: Option<String>,
    /// The note.
    pub text: Option<String>,
    /// `party` (default) or `restricted`.
    pub visibility: Option<String>,
    /// People who may see a restricted note.
    #[serde(deserialize_with = "input::one_or_many")]
    pub restricted_to: Vec<String>,
}

/// A validated briefing note.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewBriefingNote {
    /// The agenda item.
    pub agenda_item_id: AgendaItemId,
    /// The note.
    pub text: String,
    /// Who may see it: never beyond the author's side.
    pub access: Access,
}

impl TryFrom<&BriefingNoteInput> for NewBriefingNote {
    type Error = ValidationErrors;
    fn try_from(i: &BriefingNoteInput) -> Result<Self, Self::Error> {
        let mut c = Collector::default();
        let item = c.take(input::required_parsed(
            "agenda_item_id",
            i.agenda_item_id.as_deref(),
            "an agenda item id",
        ));
        let text = c.take(input::required_long_text(
            "text",
            i.text.as_deref(),
            limit::TEXT,
        ));
        let access = c.take(input::access(
            i.visibility.as_deref(),
            &i.restricted_to,
            Visibility::Party,
        ));
        if let Some(a) = &access
            && !matches!(a.visibility, Visibility::Party | Visibility::Restricted)
        {
            c.push(FieldError::new(
                "visibility",
                "a briefing note stays with its side: party or restricted",
            ));
        }
        c.finish(|| {
            Some(NewBriefingNote {
                agenda_item_id: item?,
                text: text?,
                access: access?,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_briefing_note_cannot_be_shared_with_the_other_side() {
        let mut i = BriefingNoteInput {
            agenda_item_id: Some(AgendaItemId::new().to_string()),
            text: Some("Hold firm on the signing date".into()),
            ..Default::default()
        };
        assert_eq!(
            NewBriefingNote::try_from(&i).unwrap().access.visibility,
            Visibility::Party
        );
        i.visibility = Some("shared".into());
        assert_eq!(
            NewBriefingNote::try_from(&i).unwrap_err().0[0].field,
            "visibility"
        );
    }
}
