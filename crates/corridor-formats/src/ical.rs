//! iCalendar (RFC 5545) for meetings: a stable UID per meeting, DTSTAMP, start and end in UTC, SEQUENCE that
//! grows with every change, STATUS (CANCELLED for a cancelled meeting), LOCATION (venue or video link), URL.

use corridor_core::meeting::view::MeetingView;

/// One meeting as it goes into a calendar.
pub struct CalendarEvent<'a> {
    /// The meeting.
    pub meeting: &'a MeetingView,
    /// The body's name, to put before the meeting's title.
    pub body: &'a str,
    /// The meeting's page.
    pub url: String,
}

/// A date something is due (an outcome, a milestone): an all-day event on that date.
pub struct DueDate {
    /// Stable across changes: `register_item-<id>` (the date may move; the UID stays).
    pub uid: String,
    /// The date, `YYYY-MM-DD`.
    pub on: String,
    /// What is due.
    pub summary: String,
    /// Its page.
    pub url: String,
    /// When the record last changed (RFC 3339), for DTSTAMP.
    pub changed: String,
    /// Its version, for SEQUENCE.
    pub version: i64,
}

/// A calendar of `events` named `name`.
pub fn calendar(name: &str, events: &[CalendarEvent<'_>]) -> String {
    calendar_with(name, events, &[])
}

/// A calendar of meetings and due dates named `name`.
pub fn calendar_with(name: &str, events: &[CalendarEvent<'_>], dues: &[DueDate]) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//Corridor//Secretariat//EN".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
        "METHOD:PUBLISH".to_owned(),
        format!("X-WR-CALNAME:{}", text(name)),
    ];
    for e in events {
        lines.extend(event(e));
    }
    for d in dues {
        lines.extend(due(d));
    }
    lines.push("END:VCALENDAR".to_owned());
    lines
        .iter()
        .map(|l| fold(l))
        .collect::<Vec<_>>()
        .join("\r\n")
        + "\r\n"
}

fn event(e: &CalendarEvent<'_>) -> Vec<String> {
    let m = e.meeting;
    let status = match m.state.as_str() {
        "cancelled" => "CANCELLED",
        "draft" | "postponed" => "TENTATIVE",
        _ => "CONFIRMED",
    };
    let location = match (&m.venue, &m.city, &m.video_link) {
        (Some(v), Some(c), _) => format!("{v}, {c}"),
        (None, Some(c), _) => c.clone(),
        (_, _, Some(link)) => link.clone(),
        _ => "Video conference".to_owned(),
    };
    let mut lines = vec![
        "BEGIN:VEVENT".to_owned(),
        format!("UID:{}@corridor", m.id),
        format!("DTSTAMP:{}", utc(&m.access.updated_at)),
        format!("DTSTART:{}", utc(&m.starts_at)),
        format!("DTEND:{}", utc(&m.ends_at)),
        format!("SEQUENCE:{}", m.access.version - 1),
        format!("SUMMARY:{}", text(&format!("{}: {}", e.body, m.title))),
        format!("LOCATION:{}", text(&location)),
        format!("STATUS:{status}"),
        format!("URL:{}", e.url),
        format!(
            "DESCRIPTION:{}",
            text(&format!(
                "{} meeting held in the {} time zone, starting {} local time.",
                m.modality.replace('_', " "),
                m.time_zone,
                m.starts_local
            ))
        ),
    ];
    lines.push("END:VEVENT".to_owned());
    lines
}

fn due(d: &DueDate) -> Vec<String> {
    let day: String = d.on.chars().filter(char::is_ascii_digit).collect();
    let next = time::Date::parse(&d.on, &time::format_description::well_known::Iso8601::DATE)
        .ok()
        .and_then(time::Date::next_day)
        .map_or_else(
            || day.clone(),
            |n| format!("{:04}{:02}{:02}", n.year(), u8::from(n.month()), n.day()),
        );
    vec![
        "BEGIN:VEVENT".to_owned(),
        format!("UID:{}@corridor", d.uid),
        format!("DTSTAMP:{}", utc(&d.changed)),
        format!("DTSTART;VALUE=DATE:{day}"),
        format!("DTEND;VALUE=DATE:{next}"),
        format!("SEQUENCE:{}", (d.version - 1).max(0)),
        format!("SUMMARY:{}", text(&format!("Due: {}", d.summary))),
        "TRANSP:TRANSPARENT".to_owned(),
        format!("URL:{}", d.url),
        "END:VEVENT".to_owned(),
    ]
}

/// `2020-12-15T05:00:00Z` (or with fractions) as `20201215T050000Z`.
fn utc(rfc3339: &str) -> String {
    let digits: String = rfc3339
        .chars()
        .take(19)
        .filter(char::is_ascii_digit)
        .collect();
    match digits.len() {
        14 => format!("{}T{}Z", &digits[..8], &digits[8..]),
        _ => "19700101T000000Z".to_owned(),
    }
}

/// Escapes a TEXT value: backslash, semicolon, comma, line breaks.
fn text(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace("\r\n", "\\n")
        .replace('\n', "\\n")
}

/// Folds a content line at 75 octets without splitting a UTF-8 character.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 74 * 3);
    let mut width = 0;
    for ch in line.chars() {
        let n = ch.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(ch);
        width += n;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_long_lines_folded_on_character_boundaries() {
        assert_eq!(
            text("Rashakai, Dhabeji; AIIC\nBostan"),
            "Rashakai\\, Dhabeji\\; AIIC\\nBostan"
        );
        let long = format!("SUMMARY:{}", "纺织".repeat(40));
        let folded = fold(&long);
        assert!(folded.split("\r\n").all(|l| l.len() <= 75), "{folded}");
        assert_eq!(folded.replace("\r\n ", ""), long);
    }

    fn meeting(state: &str) -> MeetingView {
        let r = |id: &str| corridor_core::view::Ref {
            id: id.into(),
            name: Some(id.into()),
        };
        MeetingView {
            id: "0193f2a8-6c1e-7a52-9d1b-5f0c2e7a9b10".into(),
            body: r("JWG-IC"),
            number: 5,
            title: "5th meeting".into(),
            kind: "regular".into(),
            modality: "in_person".into(),
            venue: Some("Board of Investment, Attaturk Avenue".into()),
            city: Some("Islamabad".into()),
            video_link: None,
            time_zone: "Asia/Karachi".into(),
            starts_at: "2020-12-15T05:00:00Z".into(),
            ends_at: "2020-12-15T07:30:00Z".into(),
            starts_local: "2020-12-15 10:00".into(),
            ends_local: "2020-12-15 12:30".into(),
            host_party: r("Pakistan"),
            co_chairs: vec![],
            state: state.into(),
            actions: vec![],
            access: corridor_core::view::AccessView {
                owner_party: r("Pakistan"),
                visibility: "public".into(),
                restricted_to: vec![],
                version: 4,
                created_at: "2020-12-01T00:00:00Z".into(),
                updated_at: "2020-12-14T09:30:00.123456Z".into(),
                can_edit: false,
            },
        }
    }

    #[test]
    fn an_independent_parser_reads_every_property_back() {
        use icalendar::{Component, EventLike};
        let m = meeting("cancelled");
        let text = calendar(
            "JWG-IC meetings; 2020",
            &[CalendarEvent {
                meeting: &m,
                body: "JWG-IC",
                url: "https://corridor.example/meetings/x".into(),
            }],
        );
        let parsed: icalendar::Calendar =
            text.parse().expect("a strict parser accepts the calendar");
        let event = parsed
            .components
            .iter()
            .find_map(|c| c.as_event())
            .expect("one event");
        assert_eq!(
            event.get_uid(),
            Some("0193f2a8-6c1e-7a52-9d1b-5f0c2e7a9b10@corridor")
        );
        assert_eq!(event.get_summary(), Some("JWG-IC: 5th meeting"));
        assert_eq!(
            event.get_location(),
            Some("Board of Investment, Attaturk Avenue, Islamabad")
        );
        assert_eq!(event.get_sequence(), Some(3));
        assert_eq!(event.get_status(), Some(icalendar::EventStatus::Cancelled));
        assert_eq!(event.get_url(), Some("https://corridor.example/meetings/x"));
        assert!(text.contains("DTSTAMP:20201214T093000Z") && text.ends_with("END:VCALENDAR\r\n"));
    }

    #[test]
    fn a_due_date_is_an_all_day_event_whose_uid_survives_a_new_date() {
        use icalendar::Component;
        let due = |on: &str| DueDate {
            uid: "register_item-0193f2a8".into(),
            on: on.into(),
            summary: "Set up joint training for garment technicians, in Karachi".into(),
            url: "https://corridor.example/register/0193f2a8".into(),
            changed: "2024-06-01T10:00:00Z".into(),
            version: 2,
        };
        let text = calendar_with("Dues", &[], &[due("2024-06-30")]);
        let parsed: icalendar::Calendar = text.parse().expect("a strict parser accepts it");
        let event = parsed.components.iter().find_map(|c| c.as_event()).unwrap();
        assert_eq!(event.get_uid(), Some("register_item-0193f2a8@corridor"));
        assert_eq!(
            event.get_summary(),
            Some("Due: Set up joint training for garment technicians, in Karachi")
        );
        assert!(text.contains("DTSTART;VALUE=DATE:20240630\r\nDTEND;VALUE=DATE:20240701"));
        let moved = calendar_with("Dues", &[], &[due("2024-12-31")]);
        assert!(moved.contains("UID:register_item-0193f2a8@corridor"));
        assert!(
            moved.contains("DTEND;VALUE=DATE:20250101"),
            "the end is the next day, across a year"
        );
    }

    #[test]
    fn instants_become_utc_stamps() {
        assert_eq!(utc("2020-12-15T05:00:00Z"), "20201215T050000Z");
        assert_eq!(utc("2020-12-15T05:00:00.123456Z"), "20201215T050000Z");
    }
}
