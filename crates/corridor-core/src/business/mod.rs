//! Business-to-business cooperation: companies of each side, the matchmaking meetings that bring them
//! together, the memoranda they sign, and investment intentions followed from a stated intention to an
//! operating plant in a zone. These are the records behind the working group's B2B line of impact.

pub mod view;

use crate::error::{Collector, FieldError, ValidationErrors};
use crate::ids::{CompanyId, ExchangeId, MatchmakingId, MeetingId, PartyId};
use crate::input::{self, Access, limit};
use crate::language::Translations;
use crate::portfolio::finance::{amount, currency};
use crate::visibility::Visibility;
use crate::words::word_enum;
use serde::{Deserialize, Serialize};
use time::Date;

word_enum!(
    /// A company's size, by headcount.
    CompanySize {
        /// Fewer than 10 people.
        Micro = "micro" / "Micro",
        /// 10 to 49.
        Small = "small" / "Small",
        /// 50 to 249.
        Medium = "medium" / "Medium",
        /// 250 or more.
        Large = "large" / "Large",
    }
);

word_enum!(
    /// How far an investment intention has come; it moves forward, or is withdrawn.
    IntentionStatus {
        /// Stated by the company.
        Intention = "intention" / "Intention stated",
        /// An agreement with the zone or the government is signed.
        Agreement = "agreement" / "Agreement signed",
        /// Land in the zone is allotted.
        LandAllotted = "land_allotted" / "Land allotted",
        /// The plant is being built.
        Construction = "construction" / "Under construction",
        /// The plant operates.
        Operational = "operational" / "Operational",
        /// The company gave up.
        Withdrawn = "withdrawn" / "Withdrawn",
    }
);

fn not_future(field: &str, d: Option<Date>, today: Date) -> Result<(), FieldError> {
    match d {
        Some(d) if d > today => Err(FieldError::new(
            field,
            format!("{d} is in the future: record what has happened"),
        )),
        _ => Ok(()),
    }
}

/// An optional amount: both the amount and its currency, or neither.
fn money(
    amount_raw: Option<&str>,
    currency_raw: Option<&str>,
) -> Result<Option<(i64, String)>, FieldError> {
    match (input::trimmed(amount_raw), input::trimmed(currency_raw)) {
        (None, None) => Ok(None),
        (None, Some(_)) => Err(FieldError::new(
            "amount",
            "a currency is given without an amount",
        )),
        (Some(a), c) => Ok(Some((amount("amount", Some(a))?, currency("currency", c)?))),
    }
}

/// A company as a form or JSON client sends it.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct CompanyInput {
    /// Name in English.
    pub name: Option<String>,
    /// In Chinese.
    pub name_zh: Option<String>,
    /// In Urdu.
    pub name_ur: Option<String>,
    /// The side it belongs to.
    pub party_id: Option<String>,
    /// Its sector, e.g. `textiles`.
    pub sector: Option<String>,
    /// `micro`, `small`, `medium` or `large`.
    pub size: Option<String>,
    /// City or province.
    pub city: Option<String>,
    /// `public`, `shared` (default), `party` or `restricted`.
    pub visibility: Option<String>,
    /// People who may see a restricted record.
    #[serde(deserialize_with = "input::one_or_many")]
    pub restricted_to: Vec<String>,
}

/// A validated company.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewCompany {
    /// Name.
    pub name: String,
    /// Other names.
    pub name_translations: Translations,
    /// Side.
    pub party_id: PartyId,
    /// Sector.
    pub sector: String,
    /// Size.
    pub size: Option<CompanySize>,
    /// City.
    pub city: Option<String>,
    /// Who may see it.
    pub access: Access,
}

impl TryFrom<&CompanyInput> for NewCompany {
    type Error = ValidationErrors;
    fn try_from(i: &CompanyInput) -> Result<Self, Self::Error> {
        let mut c = Collector::default();
        let name = c.take(input::required_text("name", i.name.as_deref(), limit::NAME));
        let tr = c.take(Translations::parse(
            "name",
            i.name_zh.as_deref(),
            i.name_ur.as_deref(),
            limit::NAME,
        ));
        let party = c.take(input::required_parsed(
            "party_id",
            i.party_id.as_deref(),
            "a party id",
        ));
        let sector = c.take(input::required_text(
            "sector",
            i.sector.as_deref(),
            limit::SHORT,
        ));
        let size = c.take(input::optional_parsed("size", i.size.as_deref(), "a size"));
        let city = c.take(input::optional_text("city", i.city.as_deref(), limit::NAME));
        let access = c.take(input::access(
            i.visibility.as_deref(),
            &i.restricted_to,
            Visibility::Shared,
        ));
        c.finish(|| {
            Some(NewCompany {
                name: name?,
                name_translations: tr?,
                party_id: party?,
                sector: sector?,
                size: size?,
                city: city?,
                access: access?,
            })
        })
    }
}

/// Reads a list of at least two companies.
fn companies(raw: &[String]) -> Result<Vec<CompanyId>, FieldError> {
    let ids: Vec<CompanyId> = crate::portfolio::ids("company_ids", raw, "a company id")?;
    if ids.len() < 2 {
        return Err(FieldError::new(
            "company_ids",
            "name at least two companies, one of each side",
        ));
    }
    Ok(ids)
}

/// A matchmaking meeting as a form or JSON client sends it.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct MatchmakingInput {
    /// When, `YYYY-MM-DD`; not in the future.
    pub held_on: Option<String>,
    /// Where, e.g. `Lahore` or `online`.
    pub place: Option<String>,
    /// The companies that met, at least one of each side.
    #[serde(deserialize_with = "input::one_or_many")]
    pub company_ids: Vec<String>,
    /// What they discussed.
    pub topic: Option<String>,
    /// What came of it.
    pub outcome: Option<String>,
    /// The delegation visit it took place during, if any.
    pub exchange_id: Option<String>,
    /// The meeting it was held beside, if any.
    pub meeting_id: Option<String>,
}

/// A validated matchmaking.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewMatchmaking {
    /// Date.
    pub held_on: Date,
    /// Place.
    pub place: Option<String>,
    /// Companies.
    pub company_ids: Vec<CompanyId>,
    /// Topic.
    pub topic: String,
    /// Outcome.
    pub outcome: Option<String>,
    /// Exchange.
    pub exchange_id: Option<ExchangeId>,
    /// Meeting.
    pub meeting_id: Option<MeetingId>,
}

impl NewMatchmaking {
    /// Validates a matchmaking against `today`.
    pub fn parse(i: &MatchmakingInput, today: Date) -> Result<Self, ValidationErrors> {
        let mut c = Collector::default();
        let held = c.take(input::required_date("held_on", i.held_on.as_deref()));
        c.take(not_future("held_on", held, today));
        let place = c.take(input::optional_text(
            "place",
            i.place.as_deref(),
            limit::NAME,
        ));
        let ids = c.take(companies(&i.company_ids));
        let topic = c.take(input::required_text(
            "topic",
            i.topic.as_deref(),
            limit::ADDRESS,
        ));
        let outcome = c.take(input::optional_long_text(
            "outcome",
            i.outcome.as_deref(),
            limit::TEXT,
        ));
        let exchange = c.take(input::optional_parsed(
            "exchange_id",
            i.exchange_id.as_deref(),
            "an exchange id",
        ));
        let meeting = c.take(input::optional_parsed(
            "meeting_id",
            i.meeting_id.as_deref(),
            "a meeting id",
        ));
        c.finish(|| {
            Some(NewMatchmaking {
                held_on: held?,
                place: place?,
                company_ids: ids?,
                topic: topic?,
                outcome: outcome?,
                exchange_id: exchange?,
                meeting_id: meeting?,
            })
        })
    }
}

/// A business memorandum of understanding as a form or JSON client sends it.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct BusinessMouInput {
    /// What it is about.
    pub title: Option<String>,
    /// When it was signed, `YYYY-MM-DD`; not in the future.
    pub signed_on: Option<String>,
    /// The companies that signed, at least one of each side.
    #[serde(deserialize_with = "input::one_or_many")]
    pub company_ids: Vec<String>,
    /// The matchmaking it came from, if any.
    pub matchmaking_id: Option<String>,
    /// Its sector.
    pub sector: Option<String>,
    /// Its announced value, e.g. `25,000,000`; needs a currency.
    pub amount: Option<String>,
    /// ISO 4217 code of the value.
    pub currency: Option<String>,
}

/// A validated memorandum.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewBusinessMou {
    /// Title.
    pub title: String,
    /// Signed.
    pub signed_on: Date,
    /// Companies.
    pub company_ids: Vec<CompanyId>,
    /// Source matchmaking.
    pub matchmaking_id: Option<MatchmakingId>,
    /// Sector.
    pub sector: Option<String>,
    /// Value in hundredths, with its currency.
    pub value: Option<(i64, String)>,
}

impl NewBusinessMou {
    /// Validates a memorandum against `today`.
    pub fn parse(i: &BusinessMouInput, today: Date) -> Result<Self, ValidationErrors> {
        let mut c = Collector::default();
        let title = c.take(input::required_text(
            "title",
            i.title.as_deref(),
            limit::ADDRESS,
        ));
        let signed = c.take(input::required_date("signed_on", i.signed_on.as_deref()));
        c.take(not_future("signed_on", signed, today));
        let ids = c.take(companies(&i.company_ids));
        let source = c.take(input::optional_parsed(
            "matchmaking_id",
            i.matchmaking_id.as_deref(),
            "a matchmaking id",
        ));
        let sector = c.take(input::optional_text(
            "sector",
            i.sector.as_deref(),
            limit::SHORT,
        ));
        let value = c.take(money(i.amount.as_deref(), i.currency.as_deref()));
        c.finish(|| {
            Some(NewBusinessMou {
                title: title?,
                signed_on: signed?,
                company_ids: ids?,
                matchmaking_id: source?,
                sector: sector?,
                value: value?,
            })
        })
    }
}

mod intention;
pub use intention::*;

#[cfg(test)]
mod tests;
