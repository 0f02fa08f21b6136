//! The portfolio: special economic zones, revival projects, industrial parks, development zones and exchange
//! programmes, with milestones (OCDS types and statuses), progress updates whose figures keep their sources,
//! finance by kind and currency, and risks. Project statuses follow OC4IDS.

pub mod finance;
pub mod milestone;
pub mod milestone_sheet;
pub mod update;
pub mod view;

#[cfg(test)]
mod tests;

use crate::error::{Collector, FieldError, ValidationErrors};
use crate::ids::{InstrumentId, OrganisationId, ProjectId};
use crate::input::{self, Access, limit};
use crate::language::Translations;
use crate::visibility::Visibility;
use crate::words::word_enum;
use serde::{Deserialize, Serialize};
use time::Date;

word_enum!(
    /// What a project is.
    ProjectKind {
        /// A special economic zone.
        SpecialEconomicZone = "special_economic_zone" / "Special economic zone",
        /// The revival of an existing enterprise.
        RevivalProject = "revival_project" / "Revival project",
        /// An industrial park.
        IndustrialPark = "industrial_park" / "Industrial park",
        /// A development zone.
        DevelopmentZone = "development_zone" / "Development zone",
        /// An exchange programme of people.
        ExchangeProgramme = "exchange_programme" / "Exchange programme",
    }
);

word_enum!(
    /// Where a project stands (the OC4IDS project status codelist).
    ProjectStatus {
        /// Identified, not yet prepared.
        Identification = "identification" / "Identification",
        /// Feasibility, approvals, procurement strategy, budget.
        Preparation = "preparation" / "Preparation",
        /// Being built or carried out.
        Implementation = "implementation" / "Implementation",
        /// Being handed over and closed.
        Completion = "completion" / "Completion",
        /// Done.
        Completed = "completed" / "Completed",
        /// Stopped for good.
        Cancelled = "cancelled" / "Cancelled",
    }
);

word_enum!(
    /// The unit an area is given in.
    AreaUnit {
        /// Acres, as Pakistan's zones are reported.
        Acres = "acres" / "acres",
        /// Hectares.
        Hectares = "hectares" / "hectares",
        /// Square kilometres.
        SquareKilometres = "square_kilometres" / "km²",
    }
);

word_enum!(
    /// How bad a risk or issue is.
    Severity {
        /// Low.
        Low = "low" / "Low",
        /// Medium.
        Medium = "medium" / "Medium",
        /// High.
        High = "high" / "High",
        /// Critical.
        Critical = "critical" / "Critical",
    }
);

word_enum!(
    /// Where a risk or issue stands.
    RiskStatus {
        /// Open, not yet handled.
        Open = "open" / "Open",
        /// Being mitigated.
        Mitigating = "mitigating" / "Being mitigated",
        /// Closed.
        Closed = "closed" / "Closed",
    }
);

/// A project as a form or JSON client sends it.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ProjectInput {
    /// `special_economic_zone`, `revival_project`, `industrial_park`, `development_zone`, `exchange_programme`.
    pub kind: Option<String>,
    /// Name in English.
    pub name: Option<String>,
    /// Name in Chinese.
    pub name_zh: Option<String>,
    /// Name in Urdu.
    pub name_ur: Option<String>,
    /// Sector, e.g. `textiles`, `steel`, `mixed`.
    pub sector: Option<String>,
    /// Province or region.
    pub province: Option<String>,
    /// Latitude in degrees, -90 to 90.
    pub latitude: Option<String>,
    /// Longitude in degrees, -180 to 180.
    pub longitude: Option<String>,
    /// Area, not negative.
    pub area: Option<String>,
    /// `acres` (default), `hectares` or `square_kilometres`.
    pub area_unit: Option<String>,
    /// Lead organisations, one per side.
    #[serde(deserialize_with = "input::one_or_many")]
    pub lead_organisation_ids: Vec<String>,
    /// Developer or operator.
    pub developer: Option<String>,
    /// The project this one is part of.
    pub parent_id: Option<String>,
    /// The instrument it falls under.
    pub instrument_id: Option<String>,
    /// OC4IDS status.
    pub status: Option<String>,
    /// `true` when work has stalled.
    pub stalled: Option<String>,
    /// Why it stalled; required when stalled.
    pub stalled_reason: Option<String>,
    /// Planned start, `YYYY-MM-DD`.
    pub planned_start: Option<String>,
    /// Planned end.
    pub planned_end: Option<String>,
    /// Actual start.
    pub actual_start: Option<String>,
    /// Actual end.
    pub actual_end: Option<String>,
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

/// Planned and actual dates of a project.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Dates {
    /// Planned start.
    pub planned_start: Option<Date>,
    /// Planned end.
    pub planned_end: Option<Date>,
    /// Actual start.
    pub actual_start: Option<Date>,
    /// Actual end.
    pub actual_end: Option<Date>,
}

/// A validated project.
#[derive(Clone, Debug, PartialEq)]
pub struct NewProject {
    /// Kind.
    pub kind: ProjectKind,
    /// English name.
    pub name: String,
    /// Other names.
    pub name_translations: Translations,
    /// Sector.
    pub sector: Option<String>,
    /// Province.
    pub province: Option<String>,
    /// (latitude, longitude).
    pub location: Option<(f64, f64)>,
    /// (area, unit).
    pub area: Option<(f64, AreaUnit)>,
    /// Lead organisations.
    pub lead_organisation_ids: Vec<OrganisationId>,
    /// Developer or operator.
    pub developer: Option<String>,
    /// Parent project.
    pub parent_id: Option<ProjectId>,
    /// Instrument.
    pub instrument_id: Option<InstrumentId>,
    /// Status.
    pub status: ProjectStatus,
    /// Why it stalled, when it has.
    pub stalled_reason: Option<String>,
    /// Dates.
    pub dates: Dates,
    /// Who may see it.
    pub access: Access,
    /// The version being edited.
    pub expected_version: Option<i64>,
}

/// A number as people write it: digits with optional thousands commas and a decimal point.
pub fn parse_number(field: &str, raw: &str) -> Result<f64, FieldError> {
    let cleaned: String = raw
        .trim()
        .chars()
        .filter(|c| *c != ',' && *c != ' ')
        .collect();
    cleaned
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| FieldError::new(field, format!("“{}” is not a number", raw.trim())))
}

fn optional_number(field: &str, raw: Option<&str>) -> Result<Option<f64>, FieldError> {
    input::trimmed(raw)
        .map(|r| parse_number(field, r))
        .transpose()
}

fn location(lat: Option<&str>, lon: Option<&str>) -> Result<Option<(f64, f64)>, FieldError> {
    let lat = optional_number("latitude", lat)?;
    let lon = optional_number("longitude", lon)?;
    match (lat, lon) {
        (None, None) => Ok(None),
        (Some(_), None) => Err(FieldError::new(
            "longitude",
            "give both coordinates or neither",
        )),
        (None, Some(_)) => Err(FieldError::new(
            "latitude",
            "give both coordinates or neither",
        )),
        (Some(a), _) if !(-90.0..=90.0).contains(&a) => Err(FieldError::new(
            "latitude",
            format!("{a} is outside -90 to 90 degrees"),
        )),
        (_, Some(o)) if !(-180.0..=180.0).contains(&o) => Err(FieldError::new(
            "longitude",
            format!("{o} is outside -180 to 180 degrees"),
        )),
        (Some(a), Some(o)) => Ok(Some((a, o))),
    }
}

fn area(raw: Option<&str>, unit: Option<&str>) -> Result<Option<(f64, AreaUnit)>, FieldError> {
    let unit =
        input::optional_parsed("area_unit", unit, "a unit of area")?.unwrap_or(AreaUnit::Acres);
    match optional_number("area", raw)? {
        None => Ok(None),
        Some(a) if a < 0.0 => Err(FieldError::new("area", "an area cannot be negative")),
        Some(a) => Ok(Some((a, unit))),
    }
}

/// Checks that an actual date is not after `today` and that an end does not come before its start.
pub fn check_dates(d: &Dates, today: Date) -> Vec<FieldError> {
    let mut out = Vec::new();
    for (field, v) in [
        ("actual_start", d.actual_start),
        ("actual_end", d.actual_end),
    ] {
        if let Some(v) = v
            && v > today
        {
            out.push(FieldError::new(
                field,
                format!("{v} is in the future: an actual date is one that has passed; use the planned date"),
            ));
        }
    }
    for (field, start, end) in [
        ("planned_end", d.planned_start, d.planned_end),
        ("actual_end", d.actual_start, d.actual_end),
    ] {
        if let (Some(s), Some(e)) = (start, end)
            && e < s
        {
            out.push(FieldError::new(
                field,
                format!("{e} is before the start, {s}"),
            ));
        }
    }
    out
}

impl NewProject {
    /// Validates a project against `today`, which bounds actual dates.
    pub fn parse(i: &ProjectInput, today: Date) -> Result<Self, ValidationErrors> {
        let mut c = Collector::default();
        let kind = c.take(input::required_parsed(
            "kind",
            i.kind.as_deref(),
            "a project kind",
        ));
        let name = c.take(input::required_text("name", i.name.as_deref(), limit::NAME));
        let tr = c.take(Translations::parse(
            "name",
            i.name_zh.as_deref(),
            i.name_ur.as_deref(),
            limit::NAME,
        ));
        let sector = c.take(input::optional_text(
            "sector",
            i.sector.as_deref(),
            limit::SHORT,
        ));
        let province = c.take(input::optional_text(
            "province",
            i.province.as_deref(),
            limit::NAME,
        ));
        let location = c.take(location(i.latitude.as_deref(), i.longitude.as_deref()));
        let area = c.take(area(i.area.as_deref(), i.area_unit.as_deref()));
        let leads = c.take(ids::<OrganisationId>(
            "lead_organisation_ids",
            &i.lead_organisation_ids,
            "an organisation id",
        ));
        let developer = c.take(input::optional_text(
            "developer",
            i.developer.as_deref(),
            limit::NAME,
        ));
        let parent = c.take(input::optional_parsed(
            "parent_id",
            i.parent_id.as_deref(),
            "a project id",
        ));
        let instrument = c.take(input::optional_parsed(
            "instrument_id",
            i.instrument_id.as_deref(),
            "an instrument id",
        ));
        let status = c.take(
            input::optional_parsed("status", i.status.as_deref(), "a project status")
                .map(|s| s.unwrap_or(ProjectStatus::Identification)),
        );
        let stalled = c.take(crate::input::flag("stalled", i.stalled.as_deref()));
        let reason = c.take(input::optional_long_text(
            "stalled_reason",
            i.stalled_reason.as_deref(),
            limit::TEXT,
        ));
        if stalled == Some(true) && matches!(reason, Some(None)) {
            c.take::<()>(Err(FieldError::new(
                "stalled_reason",
                "say why the project has stalled",
            )));
        }
        let date = |c: &mut Collector, f: &str, v: &Option<String>| {
            c.take(input::optional_date(f, v.as_deref())).flatten()
        };
        let dates = Dates {
            planned_start: date(&mut c, "planned_start", &i.planned_start),
            planned_end: date(&mut c, "planned_end", &i.planned_end),
            actual_start: date(&mut c, "actual_start", &i.actual_start),
            actual_end: date(&mut c, "actual_end", &i.actual_end),
        };
        for e in check_dates(&dates, today) {
            c.take::<()>(Err(e));
        }
        let access = c.take(input::access(
            i.visibility.as_deref(),
            &i.restricted_to,
            Visibility::Shared,
        ));
        c.finish(|| {
            Some(NewProject {
                kind: kind?,
                name: name?,
                name_translations: tr?,
                sector: sector?,
                province: province?,
                location: location?,
                area: area?,
                lead_organisation_ids: leads?,
                developer: developer?,
                parent_id: parent?,
                instrument_id: instrument?,
                status: status?,
                stalled_reason: if stalled? { reason? } else { None },
                dates,
                access: access?,
                expected_version: i.version,
            })
        })
    }
}

/// Parses a list of ids, dropping blanks and repeats.
pub(crate) fn ids<T: std::str::FromStr + PartialEq>(
    field: &str,
    raw: &[String],
    what: &str,
) -> Result<Vec<T>, FieldError> {
    let mut out = Vec::new();
    for r in raw.iter().map(|r| r.trim()).filter(|r| !r.is_empty()) {
        let id = r
            .parse()
            .map_err(|_| FieldError::new(field, format!("“{r}” is not {what}")))?;
        if !out.contains(&id) {
            out.push(id);
        }
    }
    Ok(out)
}

/// A risk or issue as a form or JSON client sends it.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct RiskInput {
    /// What could go wrong, or has.
    pub title: Option<String>,
    /// `low`, `medium`, `high` or `critical`.
    pub severity: Option<String>,
    /// The organisation that owns it.
    pub owner_organisation_id: Option<String>,
    /// What is being done about it.
    pub mitigation: Option<String>,
    /// `open` (default), `mitigating` or `closed`.
    pub status: Option<String>,
}

/// A validated risk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewRisk {
    /// Title.
    pub title: String,
    /// Severity.
    pub severity: Severity,
    /// Owner organisation.
    pub owner_organisation_id: Option<OrganisationId>,
    /// Mitigation.
    pub mitigation: Option<String>,
    /// Status.
    pub status: RiskStatus,
}

impl TryFrom<&RiskInput> for NewRisk {
    type Error = ValidationErrors;
    fn try_from(i: &RiskInput) -> Result<Self, Self::Error> {
        let mut c = Collector::default();
        let title = c.take(input::required_text(
            "title",
            i.title.as_deref(),
            limit::ADDRESS,
        ));
        let severity = c.take(input::required_parsed(
            "severity",
            i.severity.as_deref(),
            "a severity",
        ));
        let owner = c.take(input::optional_parsed(
            "owner_organisation_id",
            i.owner_organisation_id.as_deref(),
            "an organisation id",
        ));
        let mitigation = c.take(input::optional_long_text(
            "mitigation",
            i.mitigation.as_deref(),
            limit::TEXT,
        ));
        let status = c.take(
            input::optional_parsed("status", i.status.as_deref(), "a risk status")
                .map(|s| s.unwrap_or(RiskStatus::Open)),
        );
        c.finish(|| {
            Some(NewRisk {
                title: title?,
                severity: severity?,
                owner_organisation_id: owner?,
                mitigation: mitigation?,
                status: status?,
            })
        })
    }
}

impl TryFrom<&ProjectInput> for NewProject {
    type Error = ValidationErrors;
    /// Validates against today's date.
    fn try_from(i: &ProjectInput) -> Result<Self, Self::Error> {
        NewProject::parse(i, crate::now().date())
    }
}
