//! Instruments: agreements from an MoU to entry into force. Their kinds and lineage, their versions with
//! parallel-language clauses, the redline between two versions, and the lifecycle of joint and domestic steps
//! with its rules.

pub mod accession;
pub mod consultation;
pub mod diff;
pub mod status;
pub mod steps;
pub mod text;
pub mod view;

use crate::error::{Collector, FieldError, ValidationErrors};
use crate::ids::{BodyId, InstrumentId, PartyId};
use crate::input::{self, Access, limit};
use crate::language::{Language, Translations};
use crate::visibility::Visibility;
use crate::words::word_enum;
use serde::{Deserialize, Serialize};
use text::Clause;
use time::Date;

word_enum!(
    /// What kind of instrument.
    InstrumentKind {
        /// A memorandum of understanding.
        Mou = "mou" / "Memorandum of understanding",
        /// A framework agreement, under which later agreements and projects sit.
        FrameworkAgreement = "framework_agreement" / "Framework agreement",
        /// An agreement.
        Agreement = "agreement" / "Agreement",
        /// A protocol to an agreement.
        Protocol = "protocol" / "Protocol",
        /// An exchange of notes.
        ExchangeOfNotes = "exchange_of_notes" / "Exchange of notes",
        /// An action plan.
        ActionPlan = "action_plan" / "Action plan",
    }
);

word_enum!(
    /// How an instrument stands to an earlier one.
    Relation {
        /// Raises an earlier instrument to a higher form (a framework agreement elevating an MoU).
        Elevates = "elevates" / "Elevates",
        /// Replaces it.
        Supersedes = "supersedes" / "Supersedes",
        /// Changes it.
        Amends = "amends" / "Amends",
        /// Carries it out.
        Implements = "implements" / "Implements",
    }
);

word_enum!(
    /// Where a version of the text stands.
    VersionStatus {
        /// Being written by its author side; may change.
        Draft = "draft" / "Draft",
        /// Sent to the counterpart; frozen.
        Shared = "shared" / "Shared",
        /// Replaced by a later version.
        Superseded = "superseded" / "Superseded",
        /// The text both sides agreed; frozen.
        AgreedText = "agreed_text" / "Agreed text",
    }
);

impl VersionStatus {
    /// Whether the text may still change.
    pub fn is_frozen(self) -> bool {
        !matches!(self, VersionStatus::Draft)
    }
}

/// An instrument as a form or JSON client sends it.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct InstrumentInput {
    /// `mou`, `framework_agreement`, `agreement`, `protocol`, `exchange_of_notes` or `action_plan`.
    pub kind: Option<String>,
    /// Title in English.
    pub title: Option<String>,
    /// Title in Chinese.
    pub title_zh: Option<String>,
    /// Title in Urdu.
    pub title_ur: Option<String>,
    /// The parties to it.
    #[serde(deserialize_with = "input::one_or_many")]
    pub party_ids: Vec<String>,
    /// The body that oversees it.
    pub body_id: Option<String>,
    /// `true` for an umbrella instrument, never summed with what sits under it.
    pub umbrella: Option<String>,
    /// `true` when third parties may accede.
    pub open_to_accession: Option<String>,
    /// Earlier instruments it stands to, each written `relation:id` (`elevates:…`).
    #[serde(deserialize_with = "input::one_or_many")]
    pub lineage: Vec<String>,
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

/// A validated instrument.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewInstrument {
    /// Kind.
    pub kind: InstrumentKind,
    /// English title.
    pub title: String,
    /// Other titles.
    pub title_translations: Translations,
    /// Parties, at least two.
    pub party_ids: Vec<PartyId>,
    /// Overseeing body.
    pub body_id: Option<BodyId>,
    /// Umbrella instrument.
    pub umbrella: bool,
    /// Open to third parties.
    pub open_to_accession: bool,
    /// Earlier instruments and how this one stands to them.
    pub lineage: Vec<(Relation, InstrumentId)>,
    /// Who may see it.
    pub access: Access,
    /// The version being edited.
    pub expected_version: Option<i64>,
}

fn lineage(raw: &[String]) -> Result<Vec<(Relation, InstrumentId)>, FieldError> {
    let mut out = Vec::new();
    for r in raw.iter().map(|r| r.trim()).filter(|r| !r.is_empty()) {
        let (rel, id) = r.split_once(':').ok_or_else(|| {
            FieldError::new(
                "lineage",
                format!("“{r}” is not relation:id, like elevates:0193…"),
            )
        })?;
        let rel: Relation = rel
            .parse()
            .map_err(|e| FieldError::new("lineage", format!("“{rel}” {e}")))?;
        let id = id
            .parse()
            .map_err(|_| FieldError::new("lineage", format!("“{id}” is not an instrument id")))?;
        if !out.contains(&(rel, id)) {
            out.push((rel, id));
        }
    }
    Ok(out)
}

impl TryFrom<&InstrumentInput> for NewInstrument {
    type Error = ValidationErrors;
    fn try_from(i: &InstrumentInput) -> Result<Self, Self::Error> {
        let mut c = Collector::default();
        let kind = c.take(input::required_parsed(
            "kind",
            i.kind.as_deref(),
            "an instrument kind",
        ));
        let title = c.take(input::required_text(
            "title",
            i.title.as_deref(),
            limit::ADDRESS,
        ));
        let tr = c.take(Translations::parse(
            "title",
            i.title_zh.as_deref(),
            i.title_ur.as_deref(),
            limit::ADDRESS,
        ));
        let parties: Option<Vec<PartyId>> = c.take(
            i.party_ids
                .iter()
                .filter(|p| !p.trim().is_empty())
                .map(|p| {
                    p.trim().parse().map_err(|_| {
                        FieldError::new("party_ids", format!("“{p}” is not a party id"))
                    })
                })
                .collect::<Result<Vec<PartyId>, _>>()
                .and_then(|mut ps| {
                    ps.dedup();
                    if ps.len() < 2 {
                        Err(FieldError::new(
                            "party_ids",
                            "an instrument has at least two parties",
                        ))
                    } else {
                        Ok(ps)
                    }
                }),
        );
        let body_id = c.take(input::optional_parsed(
            "body_id",
            i.body_id.as_deref(),
            "a body id",
        ));
        let umbrella = c.take(input::flag("umbrella", i.umbrella.as_deref()));
        let open = c.take(input::flag(
            "open_to_accession",
            i.open_to_accession.as_deref(),
        ));
        let lineage = c.take(lineage(&i.lineage));
        let access = c.take(input::access(
            i.visibility.as_deref(),
            &i.restricted_to,
            Visibility::Shared,
        ));
        c.finish(|| {
            Some(NewInstrument {
                kind: kind?,
                title: title?,
                title_translations: tr?,
                party_ids: parties?,
                body_id: body_id?,
                umbrella: umbrella?,
                open_to_accession: open?,
                lineage: lineage?,
                access: access?,
                expected_version: i.version,
            })
        })
    }
}

/// A version of the text as a form or JSON client sends it.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct VersionInput {
    /// What it is called: "Pakistan's draft", "Agreed text".
    pub label: Option<String>,
    /// The side that wrote it; the writer's own when not given.
    pub author_party_id: Option<String>,
    /// Its date, `YYYY-MM-DD`.
    pub dated_on: Option<String>,
    /// English text, clause lines `[key] number: heading` followed by the wording.
    pub text_en: Option<String>,
    /// Chinese text, for the keys of the English.
    pub text_zh: Option<String>,
    /// Urdu text, for the keys of the English.
    pub text_ur: Option<String>,
    /// Languages whose text is authentic (`en`, `zh`, `ur`); the others are courtesy translations.
    #[serde(deserialize_with = "input::one_or_many")]
    pub authentic: Vec<String>,
}

/// A validated version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewVersion {
    /// Its name.
    pub label: String,
    /// The author side, if given.
    pub author_party_id: Option<PartyId>,
    /// Its date.
    pub dated_on: Date,
    /// The clause tree.
    pub clauses: Vec<Clause>,
    /// Authentic languages; English at least.
    pub authentic: Vec<Language>,
}

impl TryFrom<&VersionInput> for NewVersion {
    type Error = ValidationErrors;
    fn try_from(i: &VersionInput) -> Result<Self, Self::Error> {
        let mut c = Collector::default();
        let label = c.take(input::required_text(
            "label",
            i.label.as_deref(),
            limit::NAME,
        ));
        let author = c.take(input::optional_parsed(
            "author_party_id",
            i.author_party_id.as_deref(),
            "a party id",
        ));
        let dated_on = c.take(
            input::optional_date("dated_on", i.dated_on.as_deref())
                .and_then(|d| d.ok_or_else(|| FieldError::new("dated_on", "is required"))),
        );
        let clauses = c.take(text::parse(
            i.text_en.as_deref().unwrap_or_default(),
            i.text_zh.as_deref().unwrap_or_default(),
            i.text_ur.as_deref().unwrap_or_default(),
        ));
        let authentic = c.take(
            i.authentic
                .iter()
                .filter(|a| !a.trim().is_empty())
                .map(|a| {
                    a.parse::<Language>()
                        .map_err(|e| FieldError::new("authentic", e))
                })
                .collect::<Result<Vec<_>, _>>()
                .map(|mut ls| {
                    if ls.is_empty() {
                        ls.push(Language::En);
                    }
                    ls.sort();
                    ls.dedup();
                    ls
                }),
        );
        c.finish(|| {
            Some(NewVersion {
                label: label?,
                author_party_id: author?,
                dated_on: dated_on?,
                clauses: clauses?,
                authentic: authentic?,
            })
        })
    }
}

#[cfg(test)]
mod tests;
