//! A meeting's particulars: its body and number, kind and modality, where and when (in a named time zone),
//! host party and co-chairs.

use crate::error::{Collector, FieldError, ValidationErrors};
use crate::ids::{BodyId, PartyId, PersonId};
use crate::input::{self, Access, limit};
use crate::visibility::Visibility;
use serde::{Deserialize, Serialize};
use std::str::FromStr;
use time::OffsetDateTime;

/// How a meeting is held.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    /// By video conference.
    Video,
    /// In one room.
    InPerson,
    /// In a room with participants joining by video.
    Hybrid,
}

impl Modality {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Video => "video",
            Self::InPerson => "in_person",
            Self::Hybrid => "hybrid",
        }
    }
    /// The name a reader sees.
    pub fn label(self) -> &'static str {
        match self {
            Self::Video => "Video conference",
            Self::InPerson => "In person",
            Self::Hybrid => "Hybrid",
        }
    }
}

impl FromStr for Modality {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        [Self::Video, Self::InPerson, Self::Hybrid]
            .into_iter()
            .find(|m| m.as_str() == s.trim())
            .ok_or_else(|| "must be one of video, in_person, hybrid".to_owned())
    }
}

/// A meeting as a form or JSON client sends it. Times are local to `time_zone`, written `YYYY-MM-DDTHH:MM`.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct MeetingInput {
    /// The body that meets.
    pub body_id: Option<String>,
    /// Its number in the body's series (5 for the 5th meeting).
    #[serde(deserialize_with = "input::int_or_text")]
    #[schema(value_type = Option<i64>)]
    pub number: Option<i64>,
    /// A title; by default "Nth meeting".
    pub title: Option<String>,
    /// `regular` (default) or `special`.
    pub kind: Option<String>,
    /// `video`, `in_person` or `hybrid`.
    pub modality: Option<String>,
    /// The room or building (in person and hybrid).
    pub venue: Option<String>,
    /// The city (in person and hybrid).
    pub city: Option<String>,
    /// The video conference link.
    pub video_link: Option<String>,
    /// An IANA time zone, e.g. `Asia/Karachi`.
    pub time_zone: Option<String>,
    /// Local start, `YYYY-MM-DDTHH:MM`.
    pub starts_at: Option<String>,
    /// Local end, `YYYY-MM-DDTHH:MM`.
    pub ends_at: Option<String>,
    /// The party hosting the meeting.
    pub host_party_id: Option<String>,
    /// The co-chairs, one person for each party.
    #[serde(deserialize_with = "input::one_or_many")]
    pub co_chair_ids: Vec<String>,
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

/// A validated meeting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewMeeting {
    /// The body.
    pub body_id: BodyId,
    /// Number in the series, from 1.
    pub number: i32,
    /// Title.
    pub title: String,
    /// `regular` or `special`.
    pub kind: String,
    /// How it is held.
    pub modality: Modality,
    /// Room or building.
    pub venue: Option<String>,
    /// City.
    pub city: Option<String>,
    /// Video link.
    pub video_link: Option<String>,
    /// IANA time zone.
    pub time_zone: String,
    /// Start, as an instant.
    pub starts_at: OffsetDateTime,
    /// End, as an instant.
    pub ends_at: OffsetDateTime,
    /// Host party.
    pub host_party_id: PartyId,
    /// Co-chairs.
    pub co_chair_ids: Vec<PersonId>,
    /// Who may see it.
    pub access: Access,
    /// The version being edited.
    pub expected_version: Option<i64>,
}

/// English ordinal: 1st, 2nd, 3rd, 4th, 11th, 22nd.
pub fn ordinal(n: i64) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// Checks an IANA time zone name.
pub fn time_zone(field: &str, value: Option<&str>) -> Result<String, FieldError> {
    let name = input::required_text(field, value, limit::SHORT)?;
    jiff::tz::TimeZone::get(&name)
        .map(|_| name.clone())
        .map_err(|_| {
            FieldError::new(
                field,
                format!(
                    "“{name}” is not a time zone; use a name such as Asia/Karachi or Asia/Shanghai"
                ),
            )
        })
}

/// A local date and time in `tz` as an instant.
pub fn local_time(
    field: &str,
    value: Option<&str>,
    tz: Option<&str>,
) -> Result<OffsetDateTime, FieldError> {
    let raw = input::trimmed(value).ok_or_else(|| FieldError::new(field, "is required"))?;
    let civil: jiff::civil::DateTime = raw.parse().map_err(|_| {
        FieldError::new(
            field,
            format!("“{raw}” is not a date and time; write it as YYYY-MM-DDTHH:MM"),
        )
    })?;
    let Some(tz) = tz.filter(|t| jiff::tz::TimeZone::get(t).is_ok()) else {
        return Err(FieldError::new(field, "needs a valid time zone"));
    };
    let zoned = civil
        .in_tz(tz)
        .map_err(|_| FieldError::new(field, format!("“{raw}” does not exist in that time zone")))?;
    OffsetDateTime::from_unix_timestamp(zoned.timestamp().as_second())
        .map_err(|_| FieldError::new(field, "is out of range"))
}

/// A meeting's start and end as the viewer's clock reads them, `2020-12-15 13:00 to 15:30 (Asia/Shanghai)`;
/// `None` when the viewer has no zone, it is the meeting's own, or a time does not parse.
pub fn for_viewer(
    starts_rfc3339: &str,
    ends_rfc3339: &str,
    meeting_zone: &str,
    viewer_zone: Option<&str>,
) -> Option<String> {
    let tz = viewer_zone.filter(|z| *z != meeting_zone)?;
    let local = |s: &str| -> Option<jiff::ZonedDateTime> {
        s.parse::<jiff::Timestamp>().ok()?.in_tz(tz).ok()
    };
    let (start, end) = (local(starts_rfc3339)?, local(ends_rfc3339)?);
    let end_format = if start.date() == end.date() {
        "%H:%M"
    } else {
        "%Y-%m-%d %H:%M"
    };
    Some(format!(
        "{} to {} ({tz})",
        start.strftime("%Y-%m-%d %H:%M"),
        end.strftime(end_format)
    ))
}

/// An instant as local time in `tz`: `2020-12-15 10:00`.
pub fn in_zone(t: OffsetDateTime, tz: &str) -> String {
    let Ok(ts) = jiff::Timestamp::from_second(t.unix_timestamp()) else {
        return String::new();
    };
    match ts.in_tz(tz) {
        Ok(zoned) => zoned.strftime("%Y-%m-%d %H:%M").to_string(),
        Err(_) => ts.strftime("%Y-%m-%d %H:%M UTC").to_string(),
    }
}

impl TryFrom<&MeetingInput> for NewMeeting {
    type Error = ValidationErrors;
    fn try_from(i: &MeetingInput) -> Result<Self, Self::Error> {
        let mut c = Collector::default();
        let body_id = c.take(input::required_parsed(
            "body_id",
            i.body_id.as_deref(),
            "a body id",
        ));
        let number = match i.number {
            Some(n) if (1..=10_000).contains(&n) => Some(n as i32),
            Some(_) => c.take(Err(FieldError::new(
                "number",
                "must be a whole number from 1",
            ))),
            None => c.take(Err(FieldError::new("number", "is required"))),
        };
        let title = c.take(input::optional_text(
            "title",
            i.title.as_deref(),
            limit::NAME,
        ));
        let kind = match input::trimmed(i.kind.as_deref()).unwrap_or("regular") {
            k @ ("regular" | "special") => Some(k.to_owned()),
            _ => c.take(Err(FieldError::new("kind", "must be regular or special"))),
        };
        let modality: Option<Modality> = c.take(input::required_parsed(
            "modality",
            i.modality.as_deref(),
            "a modality",
        ));
        let venue = c.take(input::optional_text(
            "venue",
            i.venue.as_deref(),
            limit::NAME,
        ));
        let city = c.take(input::optional_text("city", i.city.as_deref(), limit::NAME));
        let video_link = c.take(input::optional_url("video_link", i.video_link.as_deref()));
        if matches!(modality, Some(Modality::InPerson | Modality::Hybrid))
            && matches!(city, Some(None))
        {
            c.push(FieldError::new(
                "city",
                "is required for a meeting held in person",
            ));
        }
        let tz = c.take(time_zone("time_zone", i.time_zone.as_deref()));
        let starts_at = c.take(local_time(
            "starts_at",
            i.starts_at.as_deref(),
            tz.as_deref(),
        ));
        let ends_at = c.take(local_time("ends_at", i.ends_at.as_deref(), tz.as_deref()));
        if let (Some(s), Some(e)) = (starts_at, ends_at)
            && e <= s
        {
            c.push(FieldError::new("ends_at", "must be after the start"));
        }
        let host = c.take(input::required_parsed(
            "host_party_id",
            i.host_party_id.as_deref(),
            "a party id",
        ));
        let mut chairs = Vec::new();
        for raw in i.co_chair_ids.iter().filter(|r| !r.trim().is_empty()) {
            let parsed = raw.parse().map_err(|_| {
                FieldError::new("co_chair_ids", format!("“{raw}” is not a person id"))
            });
            if let Some(p) = c.take(parsed)
                && !chairs.contains(&p)
            {
                chairs.push(p);
            }
        }
        let access = c.take(input::access(
            i.visibility.as_deref(),
            &i.restricted_to,
            Visibility::Shared,
        ));
        c.finish(|| {
            let number = number?;
            Some(NewMeeting {
                body_id: body_id?,
                title: title?.unwrap_or_else(|| format!("{} meeting", ordinal(i64::from(number)))),
                number,
                kind: kind?,
                modality: modality?,
                venue: venue?,
                city: city?,
                video_link: video_link?,
                time_zone: tz?,
                starts_at: starts_at?,
                ends_at: ends_at?,
                host_party_id: host?,
                co_chair_ids: chairs,
                access: access?,
                expected_version: i.version,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_meeting_reads_in_the_viewers_own_clock() {
        let (start, end) = ("2020-12-15T05:00:00Z", "2020-12-15T07:30:00Z");
        assert_eq!(
            for_viewer(start, end, "Asia/Karachi", Some("Asia/Shanghai")).as_deref(),
            Some("2020-12-15 13:00 to 15:30 (Asia/Shanghai)")
        );
        assert_eq!(
            for_viewer(start, end, "Asia/Karachi", Some("Asia/Karachi")),
            None
        );
        assert_eq!(for_viewer(start, end, "Asia/Karachi", None), None);
        assert_eq!(
            for_viewer(
                "2020-12-15T22:00:00Z",
                "2020-12-16T01:00:00Z",
                "UTC",
                Some("Asia/Shanghai")
            )
            .as_deref(),
            Some("2020-12-16 06:00 to 09:00 (Asia/Shanghai)")
        );
        assert_eq!(
            for_viewer(
                "2020-12-15T14:00:00Z",
                "2020-12-15T17:00:00Z",
                "UTC",
                Some("Asia/Shanghai")
            )
            .as_deref(),
            Some("2020-12-15 22:00 to 2020-12-16 01:00 (Asia/Shanghai)"),
            "a meeting that crosses midnight names the end's date"
        );
    }

    use super::*;

    fn input() -> MeetingInput {
        MeetingInput {
            body_id: Some(BodyId::new().to_string()),
            number: Some(5),
            modality: Some("video".into()),
            time_zone: Some("Asia/Karachi".into()),
            starts_at: Some("2020-12-15T10:00".into()),
            ends_at: Some("2020-12-15T13:00".into()),
            host_party_id: Some(PartyId::new().to_string()),
            ..Default::default()
        }
    }

    #[test]
    fn local_times_become_instants_in_their_zone() {
        let m = NewMeeting::try_from(&input()).unwrap();
        assert_eq!(m.starts_at.hour(), 5, "10:00 in Karachi is 05:00 UTC");
        assert_eq!(m.title, "5th meeting");
        assert_eq!(in_zone(m.starts_at, "Asia/Shanghai"), "2020-12-15 13:00");
    }

    #[test]
    fn an_end_before_the_start_and_an_unknown_zone_are_refused() {
        let mut i = input();
        i.ends_at = Some("2020-12-15T09:00".into());
        assert_eq!(NewMeeting::try_from(&i).unwrap_err().0[0].field, "ends_at");
        let mut i = input();
        i.time_zone = Some("Asia/Lahore".into());
        let e = NewMeeting::try_from(&i).unwrap_err();
        assert_eq!(e.0[0].field, "time_zone");
        assert!(e.0[0].message.contains("Asia/Lahore"));
    }

    #[test]
    fn a_meeting_in_person_needs_its_city() {
        let mut i = input();
        i.modality = Some("in_person".into());
        assert_eq!(NewMeeting::try_from(&i).unwrap_err().0[0].field, "city");
        i.city = Some("Islamabad".into());
        assert!(NewMeeting::try_from(&i).is_ok());
    }

    #[test]
    fn ordinals_read_naturally() {
        let got: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 101]
            .iter()
            .map(|n| ordinal(*n))
            .collect();
        assert_eq!(
            got,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st"
            ]
        );
    }
}
