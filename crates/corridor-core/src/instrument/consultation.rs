//! Consultations on a version of an instrument: the author side sends it to organisations (provinces,
//! ministries) with a deadline; each answers no objection, comments clause by clause, or objection; the author
//! side marks each comment as taken up or not, with a reason.

use crate::error::{Collector, FieldError, ValidationErrors};
use crate::ids::{ConsultationId, InstrumentVersionId, OrganisationId};
use crate::input::{self, Access, limit};
use crate::visibility::Visibility;
use crate::words::word_enum;
use serde::{Deserialize, Serialize};
use time::Date;

word_enum!(
    /// What an organisation answered.
    Position {
        /// It does not object.
        NoObjection = "no_objection" / "No objection",
        /// It comments on clauses.
        Comments = "comments" / "Comments",
        /// It objects.
        Objection = "objection" / "Objection",
    }
);

/// A consultation as a form or JSON client sends it.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ConsultationInput {
    /// The version consulted on.
    pub version_id: Option<String>,
    /// What the consultation is called.
    pub title: Option<String>,
    /// Answers are due by this date, `YYYY-MM-DD`.
    pub deadline: Option<String>,
    /// The organisations consulted.
    #[serde(deserialize_with = "input::one_or_many")]
    pub organisation_ids: Vec<String>,
    /// `party` (default: the consulting side only), `shared`, `public` or `restricted`.
    pub visibility: Option<String>,
    /// People who may see a restricted record.
    #[serde(deserialize_with = "input::one_or_many")]
    pub restricted_to: Vec<String>,
}

/// A validated consultation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewConsultation {
    /// The version.
    pub version_id: InstrumentVersionId,
    /// Its title.
    pub title: String,
    /// The deadline.
    pub deadline: Date,
    /// Those consulted.
    pub organisation_ids: Vec<OrganisationId>,
    /// Who may see it.
    pub access: Access,
}

impl TryFrom<&ConsultationInput> for NewConsultation {
    type Error = ValidationErrors;
    fn try_from(i: &ConsultationInput) -> Result<Self, Self::Error> {
        let mut c = Collector::default();
        let version_id = c.take(input::required_parsed(
            "version_id",
            i.version_id.as_deref(),
            "a version id",
        ));
        let title = c.take(input::required_text(
            "title",
            i.title.as_deref(),
            limit::NAME,
        ));
        let deadline = c.take(
            input::optional_date("deadline", i.deadline.as_deref())
                .and_then(|d| d.ok_or_else(|| FieldError::new("deadline", "is required"))),
        );
        let orgs = c.take(
            i.organisation_ids
                .iter()
                .filter(|o| !o.trim().is_empty())
                .map(|o| {
                    o.trim().parse().map_err(|_| {
                        FieldError::new(
                            "organisation_ids",
                            format!("“{o}” is not an organisation id"),
                        )
                    })
                })
                .collect::<Result<Vec<OrganisationId>, _>>()
                .and_then(|mut v| {
                    v.dedup();
                    if v.is_empty() {
                        Err(FieldError::new(
                            "organisation_ids",
                            "consult at least one organisation",
                        ))
                    } else {
                        Ok(v)
                    }
                }),
        );
        let access = c.take(input::access(
            i.visibility.as_deref(),
            &i.restricted_to,
            Visibility::Party,
        ));
        c.finish(|| {
            Some(NewConsultation {
                version_id: version_id?,
                title: title?,
                deadline: deadline?,
                organisation_ids: orgs?,
                access: access?,
            })
        })
    }
}

/// A response as a form or JSON client sends it.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ResponseInput {
    /// The consultation.
    pub consultation_id: Option<String>,
    /// The organisation that answered.
    pub organisation_id: Option<String>,
    /// `no_objection`, `comments` or `objection`.
    pub position: Option<String>,
    /// When it answered, `YYYY-MM-DD`.
    pub responded_on: Option<String>,
    /// One comment per line, each opened by the clause it concerns: `[a3] The deadline is too short.`
    pub comments: Option<String>,
}

/// A validated response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewResponse {
    /// The consultation.
    pub consultation_id: ConsultationId,
    /// Who answered.
    pub organisation_id: OrganisationId,
    /// What it answered.
    pub position: Position,
    /// When.
    pub responded_on: Date,
    /// (clause key, comment), in the order given.
    pub comments: Vec<(String, String)>,
}

/// Reads comment lines `[key] text`; a line without a key continues the comment before it.
pub fn parse_comments(raw: &str) -> Result<Vec<(String, String)>, FieldError> {
    let mut out: Vec<(String, String)> = Vec::new();
    for (i, line) in raw.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if let Some(rest) = line.strip_prefix('[') {
            let (key, text) = rest.split_once(']').ok_or_else(|| {
                FieldError::new(
                    "comments",
                    format!("line {}: write [clause key] then the comment", i + 1),
                )
            })?;
            out.push((key.trim().to_owned(), text.trim().to_owned()));
        } else if let Some(last) = out.last_mut() {
            last.1.push('\n');
            last.1.push_str(line);
        } else {
            return Err(FieldError::new(
                "comments",
                format!(
                    "line {}: open each comment with the clause it concerns, like [a3]",
                    i + 1
                ),
            ));
        }
    }
    if out.len() > 500 {
        return Err(FieldError::new(
            "comments",
            "at most 500 comments per response",
        ));
    }
    Ok(out)
}

impl TryFrom<&ResponseInput> for NewResponse {
    type Error = ValidationErrors;
    fn try_from(i: &ResponseInput) -> Result<Self, Self::Error> {
        let mut c = Collector::default();
        let consultation_id = c.take(input::required_parsed(
            "consultation_id",
            i.consultation_id.as_deref(),
            "a consultation id",
        ));
        let organisation_id = c.take(input::required_parsed(
            "organisation_id",
            i.organisation_id.as_deref(),
            "an organisation id",
        ));
        let position: Option<Position> = c.take(input::required_parsed(
            "position",
            i.position.as_deref(),
            "a position",
        ));
        let responded_on = c.take(
            input::optional_date("responded_on", i.responded_on.as_deref())
                .and_then(|d| d.ok_or_else(|| FieldError::new("responded_on", "is required"))),
        );
        let text = c.take(input::optional_long_text(
            "comments",
            i.comments.as_deref(),
            limit::TEXT,
        ));
        let comments = text.and_then(|t| c.take(parse_comments(t.as_deref().unwrap_or_default())));
        if let (Some(Position::Comments), Some(cs)) = (position, &comments)
            && cs.is_empty()
        {
            c.take::<()>(Err(FieldError::new(
                "comments",
                "a response with comments names at least one clause",
            )));
        }
        c.finish(|| {
            Some(NewResponse {
                consultation_id: consultation_id?,
                organisation_id: organisation_id?,
                position: position?,
                responded_on: responded_on?,
                comments: comments?,
            })
        })
    }
}
