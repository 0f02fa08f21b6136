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

/// A calendar of `events` named `name`.
pub fn calendar(name: &str, events: &[CalendarEvent<'_>]) -> String {
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

    #[test]
    fn instants_become_utc_stamps() {
        assert_eq!(utc("2020-12-15T05:00:00Z"), "20201215T050000Z");
        assert_eq!(utc("2020-12-15T05:00:00.123456Z"), "20201215T050000Z");
    }
}
