//! A joint body: the joint cooperation committee, its working groups. A body meets in numbered meetings.

use crate::error::{Collector, FieldError, ValidationErrors};
use crate::ids::BodyId;
use crate::input::{self, Access, limit};
use crate::visibility::Visibility;
use serde::{Deserialize, Serialize};

/// A body as a form or JSON client sends it.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct BodyInput {
    /// Full name.
    pub name: Option<String>,
    /// Acronym (`JWG-IC`).
    pub short_name: Option<String>,
    /// The body it reports to.
    pub parent_id: Option<String>,
    /// The standing agenda new meetings start from, one item per line.
    pub agenda_template: Option<String>,
    /// The people who sit on the body, of every side.
    #[serde(deserialize_with = "input::one_or_many")]
    pub member_ids: Vec<String>,
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

/// A validated body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewBody {
    /// Name.
    pub name: String,
    /// Acronym.
    pub short_name: Option<String>,
    /// Parent body.
    pub parent_id: Option<BodyId>,
    /// Standing agenda items.
    pub agenda_template: Vec<String>,
    /// Members.
    pub member_ids: Vec<crate::ids::PersonId>,
    /// Who may see it.
    pub access: Access,
    /// The version being edited.
    pub expected_version: Option<i64>,
}

impl TryFrom<&BodyInput> for NewBody {
    type Error = ValidationErrors;
    fn try_from(i: &BodyInput) -> Result<Self, Self::Error> {
        let mut c = Collector::default();
        let name = c.take(input::required_text("name", i.name.as_deref(), limit::NAME));
        let short_name = c.take(input::optional_text(
            "short_name",
            i.short_name.as_deref(),
            limit::SHORT,
        ));
        let parent_id = c.take(input::optional_parsed(
            "parent_id",
            i.parent_id.as_deref(),
            "a body id",
        ));
        let template = c.take(input::optional_long_text(
            "agenda_template",
            i.agenda_template.as_deref(),
            limit::TEXT,
        ));
        let items: Option<Vec<String>> = template.map(|t| {
            t.unwrap_or_default()
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect()
        });
        if let Some(items) = &items
            && let Some(long) = items.iter().find(|l| l.chars().count() > limit::NAME)
        {
            c.push(FieldError::new(
                "agenda_template",
                format!(
                    "the item “{}…” is longer than {} characters",
                    long.chars().take(30).collect::<String>(),
                    limit::NAME
                ),
            ));
        }
        let mut members = Vec::new();
        for raw in i.member_ids.iter().filter(|r| !r.trim().is_empty()) {
            match raw.trim().parse() {
                Ok(p) if !members.contains(&p) => members.push(p),
                Ok(_) => {}
                Err(_) => c.push(FieldError::new(
                    "member_ids",
                    format!("“{raw}” is not a person id"),
                )),
            }
        }
        let access = c.take(input::access(
            i.visibility.as_deref(),
            &i.restricted_to,
            Visibility::Shared,
        ));
        c.finish(|| {
            Some(NewBody {
                member_ids: members,
                name: name?,
                short_name: short_name?,
                parent_id: parent_id?,
                agenda_template: items?,
                access: access?,
                expected_version: i.version,
            })
        })
    }
}
