//! IATI 2.03 activities as Corridor publishes them: the model the writer turns into XML, and how Corridor's
//! words map onto IATI's codelists (ActivityStatus, OrganisationRole, OrganisationType, TransactionType,
//! ResultType, IndicatorMeasure, Sector). The codes are checked against the official codelists in the tests
//! of the web crate.

use crate::directory::OrganisationKind;

/// A text with its English version first and its other languages (`zh`, `ur`) after it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Narratives {
    /// The English text, written without `xml:lang` (the file's default language is English).
    pub en: String,
    /// Other languages as `(code, text)`.
    pub others: Vec<(&'static str, String)>,
}

impl Narratives {
    /// English only.
    pub fn en(text: impl Into<String>) -> Narratives {
        Narratives {
            en: text.into(),
            others: Vec::new(),
        }
    }

    /// English with the Chinese and Urdu versions that exist.
    pub fn with(en: impl Into<String>, zh: Option<String>, ur: Option<String>) -> Narratives {
        let others = [("zh", zh), ("ur", ur)]
            .into_iter()
            .filter_map(|(l, t)| t.filter(|t| !t.trim().is_empty()).map(|t| (l, t)))
            .collect();
        Narratives {
            en: en.into(),
            others,
        }
    }
}

/// The organisation that publishes the file.
#[derive(Clone, Debug, PartialEq)]
pub struct Reporter {
    /// Its IATI organisation identifier.
    pub reference: String,
    /// OrganisationType code.
    pub kind: &'static str,
    /// Its name.
    pub name: Narratives,
}

/// An organisation taking part in an activity.
#[derive(Clone, Debug, PartialEq)]
pub struct Participant {
    /// OrganisationRole code: 1 funding, 2 accountable, 3 extending, 4 implementing.
    pub role: &'static str,
    /// OrganisationType code, when known.
    pub kind: Option<&'static str>,
    /// Its name.
    pub name: Narratives,
}

/// A place with coordinates.
#[derive(Clone, Debug, PartialEq)]
pub struct Location {
    /// What it is called (a province, a zone).
    pub name: String,
    /// WGS 84 latitude.
    pub latitude: f64,
    /// WGS 84 longitude.
    pub longitude: f64,
}

/// A sector: a DAC 5-digit code (vocabulary 1) or the reporter's own words (vocabulary 99).
#[derive(Clone, Debug, PartialEq)]
pub struct Sector {
    /// SectorVocabulary code.
    pub vocabulary: &'static str,
    /// The code in that vocabulary.
    pub code: String,
    /// The sector as Corridor names it.
    pub name: String,
}

/// Money moving for the activity.
#[derive(Clone, Debug, PartialEq)]
pub struct Transaction {
    /// TransactionType code.
    pub kind: &'static str,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// A decimal amount, e.g. `128000000.50`.
    pub value: String,
    /// ISO 4217.
    pub currency: String,
    /// Where it comes from, in words.
    pub provider: Option<String>,
    /// A note.
    pub description: Option<String>,
}

/// A figure of one side, or the figure both agreed.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// The value as recorded.
    pub value: String,
    /// Who reported it, when it is not agreed by both.
    pub reported_by: Option<String>,
    /// A comment.
    pub comment: Option<String>,
}

/// A reporting period of an indicator.
#[derive(Clone, Debug, PartialEq)]
pub struct Period {
    /// `YYYY-MM-DD`.
    pub start: String,
    /// `YYYY-MM-DD`.
    pub end: String,
    /// Targets.
    pub targets: Vec<Figure>,
    /// Actuals.
    pub actuals: Vec<Figure>,
}

/// A baseline.
#[derive(Clone, Debug, PartialEq)]
pub struct Baseline {
    /// Its year.
    pub year: i32,
    /// Its date, when known.
    pub date: Option<String>,
    /// Its value.
    pub value: String,
}

/// An indicator of a result.
#[derive(Clone, Debug, PartialEq)]
pub struct Indicator {
    /// IndicatorMeasure code.
    pub measure: &'static str,
    /// Whether a higher value is better; `None` for qualitative indicators.
    pub ascending: Option<bool>,
    /// Title.
    pub title: Narratives,
    /// Baseline.
    pub baseline: Option<Baseline>,
    /// Periods, oldest first.
    pub periods: Vec<Period>,
}

/// A result the activity contributes to.
#[derive(Clone, Debug, PartialEq)]
pub struct ResultEntry {
    /// ResultType code.
    pub kind: &'static str,
    /// Title.
    pub title: Narratives,
    /// Its indicators; a result without one is left out (IATI requires at least one).
    pub indicators: Vec<Indicator>,
}

/// One project as an IATI activity.
#[derive(Clone, Debug, PartialEq)]
pub struct Activity {
    /// The globally unique identifier: the reporter's identifier, a dash, the project's id.
    pub identifier: String,
    /// When the project last changed, RFC 3339.
    pub updated_at: String,
    /// Title.
    pub title: Narratives,
    /// A general description.
    pub description: Narratives,
    /// Participating organisations (at least one).
    pub participants: Vec<Participant>,
    /// ActivityStatus code.
    pub status: &'static str,
    /// `(ActivityDateType code, YYYY-MM-DD)`.
    pub dates: Vec<(&'static str, String)>,
    /// ISO 3166 country code.
    pub country: Option<String>,
    /// Where.
    pub location: Option<Location>,
    /// Sector.
    pub sector: Option<Sector>,
    /// Money.
    pub transactions: Vec<Transaction>,
    /// Results framework.
    pub results: Vec<ResultEntry>,
}

/// A project left out of the file, with why.
#[derive(Clone, Debug, PartialEq)]
pub struct Skipped {
    /// The project's name.
    pub name: String,
    /// Why it cannot be published as an IATI activity.
    pub reason: String,
}

/// The ActivityStatus of a project status.
pub fn activity_status(status: &str) -> &'static str {
    match status {
        "implementation" => "2",
        "completion" => "3",
        "completed" => "4",
        "cancelled" => "5",
        // identification, preparation
        _ => "1",
    }
}

/// The TransactionType of an amount recorded for a project: money coming to the activity.
pub fn transaction_type(kind: &str) -> &'static str {
    match kind {
        "commitment" => "11",
        "disbursement" => "1",
        // pledge
        _ => "13",
    }
}

/// The OrganisationType of an organisation kind.
pub fn organisation_type(kind: OrganisationKind) -> &'static str {
    match kind {
        OrganisationKind::ProvincialGovernment => "11",
        OrganisationKind::StateEnterprise | OrganisationKind::ZoneAuthority => "15",
        OrganisationKind::Company => "70",
        OrganisationKind::Consultancy => "80",
        OrganisationKind::Other => "90",
        // ministries, embassies, boards, commissions, project units
        _ => "10",
    }
}

/// The ResultType of a level of the results framework.
pub fn result_type(level: &str) -> &'static str {
    match level {
        "output" => "1",
        "outcome" => "2",
        // goal, line of impact
        _ => "3",
    }
}

/// The IndicatorMeasure of an indicator's unit.
pub fn indicator_measure(unit: &str) -> &'static str {
    match unit {
        "percentage" => "2",
        "yes_no" => "3",
        "qualitative" => "5",
        // number, currency
        _ => "1",
    }
}

/// DAC 5-digit purpose codes for the sectors Corridor's projects name, matched on words in the sector.
const DAC_SECTORS: &[(&[&str], &str)] = &[
    (&["textile", "garment", "apparel"], "32163"),
    (&["agro", "food processing"], "32161"),
    (&["steel", "iron"], "32169"),
    (&["pharmaceutical"], "32168"),
    (&["chemical"], "32165"),
    (
        &["automotive", "vehicle", "machinery", "engineering"],
        "32172",
    ),
    (&["electronic", "information technology"], "32172"),
    (&["construction", "building material", "cement"], "32171"),
    (&["mining", "mineral"], "32210"),
    (&["energy", "power"], "23110"),
    (&["logistics", "transport"], "21010"),
    (&["vocational", "skills", "training"], "11330"),
    (&["tourism"], "33210"),
    (&["industr", "manufactur", "economic zone"], "32120"),
];

/// The sector of a project: a DAC code when its words name one, else its own words under vocabulary 99.
pub fn sector(name: &str) -> Sector {
    let lower = name.to_lowercase();
    let found = DAC_SECTORS
        .iter()
        .find(|(words, _)| words.iter().any(|w| lower.contains(w)));
    match found {
        Some((_, code)) => Sector {
            vocabulary: "1",
            code: (*code).to_owned(),
            name: name.to_owned(),
        },
        None => Sector {
            vocabulary: "99",
            code: lower
                .chars()
                .map(|c| if c.is_alphanumeric() { c } else { '-' })
                .collect(),
            name: name.to_owned(),
        },
    }
}

/// A minor-unit amount as a decimal: `12800000050` with 2 digits → `128000000.50`.
pub fn decimal(minor: i64) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_map_to_codes() {
        assert_eq!(activity_status("preparation"), "1");
        assert_eq!(activity_status("completed"), "4");
        assert_eq!(transaction_type("disbursement"), "1");
        assert_eq!(sector("Textiles and garments").code, "32163");
        assert_eq!(sector("Mixed industries").code, "32120");
        let own = sector("Fisheries & ports");
        assert_eq!(
            (own.vocabulary, own.code.as_str()),
            ("99", "fisheries---ports")
        );
        assert_eq!(decimal(12_800_000_050), "128000000.50");
        assert_eq!(decimal(-5), "-0.05");
        let n = Narratives::with("Zone", Some("区".into()), Some(" ".into()));
        assert_eq!(n.others, vec![("zh", "区".to_owned())]);
    }
}

/// An activity as another publisher's file holds it, with what Corridor cannot keep in its own fields and
/// the problems found in it, each with its line.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Incoming {
    /// The line of `<iati-activity>`.
    pub line: u64,
    /// `<iati-identifier>`.
    pub identifier: String,
    /// The title: English (or the activity's default language) and the Chinese and Urdu versions.
    pub title: Narratives,
    /// The first general description.
    pub description: Option<String>,
    /// ActivityStatus code.
    pub status: Option<String>,
    /// `(ActivityDateType code, YYYY-MM-DD)`.
    pub dates: Vec<(String, String)>,
    /// The first location with a point: its name and coordinates.
    pub location: Option<(String, f64, f64)>,
    /// The first sector: `(vocabulary, code, its words)`.
    pub sector: Option<(String, String, String)>,
    /// `(OrganisationRole code, name)`.
    pub participants: Vec<(String, String)>,
    /// Money.
    pub transactions: Vec<IncomingTransaction>,
    /// Everything else, one readable line per element: `line 120: budget (type 1): 2014-01-01 … 3000`.
    pub unmapped: Vec<String>,
    /// Problems: the activity is still imported when it has an identifier and a title.
    pub problems: Vec<(u64, String)>,
}

/// A transaction as read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IncomingTransaction {
    /// Its line.
    pub line: u64,
    /// `ref`, when given.
    pub reference: Option<String>,
    /// TransactionType code.
    pub kind: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// The amount as written.
    pub value: String,
    /// ISO 4217, from the value or the activity's default.
    pub currency: String,
    /// The provider's name.
    pub provider: Option<String>,
    /// Its description.
    pub description: Option<String>,
}

/// What the activity says that the project has no field for, before the reader's own unmapped lines: its
/// description, and the organisations other than the developer.
pub fn kept_aside(a: &Incoming) -> Vec<String> {
    let line = a.line;
    let mut out: Vec<String> = a
        .description
        .iter()
        .map(|d| format!("line {line}: description: {d}"))
        .collect();
    let developer = a
        .participants
        .iter()
        .position(|(role, n)| role == "4" && !n.is_empty());
    for (i, (role, name)) in a.participants.iter().enumerate() {
        if Some(i) != developer {
            let role = match role.as_str() {
                "1" => "funding",
                "2" => "accountable",
                "3" => "extending",
                "4" => "implementing",
                _ => "taking part",
            };
            out.push(format!(
                "line {line}: participating organisation ({role}): {name}"
            ));
        }
    }
    out.extend(a.unmapped.iter().cloned());
    out
}

/// The project status of an ActivityStatus code, and whether work is suspended.
pub fn status_of(code: &str) -> Option<(&'static str, bool)> {
    Some(match code {
        "1" => ("identification", false),
        "2" => ("implementation", false),
        "3" => ("completion", false),
        "4" => ("completed", false),
        "5" => ("cancelled", false),
        "6" => ("implementation", true),
        _ => return None,
    })
}

/// The finance kind of a TransactionType code; money of other kinds (expenditure, repayments…) is kept as
/// unmapped.
pub fn finance_kind_of(code: &str) -> Option<&'static str> {
    Some(match code {
        "12" | "13" => "pledge",
        "2" | "11" => "commitment",
        "1" | "3" => "disbursement",
        _ => return None,
    })
}
