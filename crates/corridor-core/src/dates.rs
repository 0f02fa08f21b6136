//! How dates and times are written in payloads, the API and forms: `YYYY-MM-DD` and RFC 3339.

// A calendar date as `YYYY-MM-DD` (`iso_date::option` for optional dates).
time::serde::format_description!(
    pub iso_date,
    Date,
    "[year]-[month]-[day]"
);

/// Formats a date as `YYYY-MM-DD`.
pub fn format_date(d: time::Date) -> String {
    d.format(time::macros::format_description!("[year]-[month]-[day]"))
        .unwrap_or_default()
}

/// Reads a date written `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Result<time::Date, time::error::Parse> {
    time::Date::parse(
        s.trim(),
        time::macros::format_description!("[year]-[month]-[day]"),
    )
}

/// Formats an instant as RFC 3339 in UTC.
pub fn format_rfc3339(t: time::OffsetDateTime) -> String {
    t.to_offset(time::UtcOffset::UTC)
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// Formats an instant for people: `2020-12-15 09:00 UTC`.
pub fn format_human(t: time::OffsetDateTime) -> String {
    t.to_offset(time::UtcOffset::UTC)
        .format(time::macros::format_description!(
            "[year]-[month]-[day] [hour]:[minute] UTC"
        ))
        .unwrap_or_default()
}
