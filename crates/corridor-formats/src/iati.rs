//! IATI 2.03 activity files (`<iati-activities version="2.03">`), written with quick-xml so every text and
//! attribute is escaped by the writer. Elements follow the order the schema's sequences require; the web
//! crate's tests validate the output against the official schema with xmllint and every code against the
//! official codelists.

use corridor_core::iati::{
    Activity, Baseline, Figure, Indicator, Narratives, Reporter, ResultEntry, Skipped,
};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};
use std::io;

/// The IATI version written.
pub const VERSION: &str = "2.03";

type W = Writer<Vec<u8>>;

fn narratives(w: &mut W, n: &Narratives) -> io::Result<()> {
    w.create_element("narrative")
        .write_text_content(BytesText::new(&n.en))?;
    for (lang, text) in &n.others {
        w.create_element("narrative")
            .with_attribute(("xml:lang", *lang))
            .write_text_content(BytesText::new(text))?;
    }
    Ok(())
}

/// `<name><narrative>…</narrative>…</name>`.
fn named(w: &mut W, element: &str, n: &Narratives) -> io::Result<()> {
    w.create_element(element)
        .write_inner_content(|w| narratives(w, n))?;
    Ok(())
}

fn dated(w: &mut W, element: &str, date: &str) -> io::Result<()> {
    w.create_element(element)
        .with_attribute(("iso-date", date))
        .write_empty()?;
    Ok(())
}

fn coded(w: &mut W, element: &str, code: &str) -> io::Result<()> {
    w.create_element(element)
        .with_attribute(("code", code))
        .write_empty()?;
    Ok(())
}

fn figure(w: &mut W, element: &str, f: &Figure) -> io::Result<()> {
    let e = w
        .create_element(element)
        .with_attribute(("value", f.value.as_str()));
    if f.reported_by.is_none() && f.comment.is_none() {
        e.write_empty()?;
        return Ok(());
    }
    e.write_inner_content(|w| {
        if let Some(by) = &f.reported_by {
            w.create_element("dimension")
                .with_attribute(("name", "reported by"))
                .with_attribute(("value", by.as_str()))
                .write_empty()?;
        }
        if let Some(c) = &f.comment {
            named(w, "comment", &Narratives::en(c.as_str()))?;
        }
        Ok(())
    })?;
    Ok(())
}

fn baseline(w: &mut W, b: &Baseline) -> io::Result<()> {
    let year = b.year.to_string();
    let mut e = w
        .create_element("baseline")
        .with_attribute(("year", year.as_str()));
    if let Some(d) = &b.date {
        e = e.with_attribute(("iso-date", d.as_str()));
    }
    e.with_attribute(("value", b.value.as_str()))
        .write_empty()?;
    Ok(())
}

fn indicator(w: &mut W, i: &Indicator) -> io::Result<()> {
    let mut e = w
        .create_element("indicator")
        .with_attribute(("measure", i.measure));
    if let Some(up) = i.ascending {
        e = e.with_attribute(("ascending", if up { "1" } else { "0" }));
    }
    e.write_inner_content(|w| {
        named(w, "title", &i.title)?;
        if let Some(b) = &i.baseline {
            baseline(w, b)?;
        }
        for p in &i.periods {
            w.create_element("period").write_inner_content(|w| {
                dated(w, "period-start", &p.start)?;
                dated(w, "period-end", &p.end)?;
                for t in &p.targets {
                    figure(w, "target", t)?;
                }
                for a in &p.actuals {
                    figure(w, "actual", a)?;
                }
                Ok(())
            })?;
        }
        Ok(())
    })?;
    Ok(())
}

fn result(w: &mut W, r: &ResultEntry) -> io::Result<()> {
    w.create_element("result")
        .with_attribute(("type", r.kind))
        .write_inner_content(|w| {
            named(w, "title", &r.title)?;
            for i in &r.indicators {
                indicator(w, i)?;
            }
            Ok(())
        })?;
    Ok(())
}

fn activity(w: &mut W, reporter: &Reporter, a: &Activity) -> io::Result<()> {
    w.create_element("iati-activity")
        .with_attribute(("xml:lang", "en"))
        .with_attribute(("last-updated-datetime", a.updated_at.as_str()))
        .write_inner_content(|w| {
            w.create_element("iati-identifier")
                .write_text_content(BytesText::new(&a.identifier))?;
            w.create_element("reporting-org")
                .with_attribute(("ref", reporter.reference.as_str()))
                .with_attribute(("type", reporter.kind))
                .write_inner_content(|w| narratives(w, &reporter.name))?;
            named(w, "title", &a.title)?;
            w.create_element("description")
                .with_attribute(("type", "1"))
                .write_inner_content(|w| narratives(w, &a.description))?;
            for p in &a.participants {
                let mut e = w
                    .create_element("participating-org")
                    .with_attribute(("role", p.role));
                if let Some(k) = p.kind {
                    e = e.with_attribute(("type", k));
                }
                e.write_inner_content(|w| narratives(w, &p.name))?;
            }
            coded(w, "activity-status", a.status)?;
            for (kind, date) in &a.dates {
                w.create_element("activity-date")
                    .with_attribute(("type", *kind))
                    .with_attribute(("iso-date", date.as_str()))
                    .write_empty()?;
            }
            if let Some(c) = &a.country {
                coded(w, "recipient-country", c)?;
            }
            if let Some(l) = &a.location {
                w.create_element("location").write_inner_content(|w| {
                    named(w, "name", &Narratives::en(l.name.as_str()))?;
                    w.create_element("point")
                        .with_attribute(("srsName", "http://www.opengis.net/def/crs/EPSG/0/4326"))
                        .write_inner_content(|w| {
                            w.create_element("pos").write_text_content(BytesText::new(
                                &format!("{} {}", l.latitude, l.longitude),
                            ))?;
                            Ok(())
                        })?;
                    coded(w, "exactness", "1")?;
                    Ok(())
                })?;
            }
            if let Some(s) = &a.sector {
                w.create_element("sector")
                    .with_attribute(("vocabulary", s.vocabulary))
                    .with_attribute(("code", s.code.as_str()))
                    .write_inner_content(|w| narratives(w, &Narratives::en(s.name.as_str())))?;
            }
            for t in &a.transactions {
                w.create_element("transaction").write_inner_content(|w| {
                    coded(w, "transaction-type", t.kind)?;
                    dated(w, "transaction-date", &t.date)?;
                    w.create_element("value")
                        .with_attribute(("currency", t.currency.as_str()))
                        .with_attribute(("value-date", t.date.as_str()))
                        .write_text_content(BytesText::new(&t.value))?;
                    if let Some(d) = &t.description {
                        named(w, "description", &Narratives::en(d.as_str()))?;
                    }
                    if let Some(p) = &t.provider {
                        named(w, "provider-org", &Narratives::en(p.as_str()))?;
                    }
                    Ok(())
                })?;
            }
            for r in &a.results {
                result(w, r)?;
            }
            Ok(())
        })?;
    Ok(())
}

/// The activities file: every activity under one `<iati-activities>` generated at `generated_at` (RFC 3339),
/// with a comment before it naming each project left out and why.
pub fn activities(
    reporter: &Reporter,
    generated_at: &str,
    list: &[Activity],
    skipped: &[Skipped],
) -> String {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 1);
    let written: io::Result<()> = (|| {
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        for s in skipped {
            // "--" may not appear inside a comment.
            let line = format!(" Left out: {}: {} ", s.name, s.reason).replace("--", "- -");
            w.write_event(Event::Comment(BytesText::from_escaped(line)))?;
        }
        w.create_element("iati-activities")
            .with_attribute(("version", VERSION))
            .with_attribute(("generated-datetime", generated_at))
            .write_inner_content(|w| {
                for a in list {
                    activity(w, reporter, a)?;
                }
                Ok(())
            })?;
        Ok(())
    })();
    // Writing into a Vec cannot fail.
    debug_assert!(written.is_ok());
    String::from_utf8(w.into_inner()).unwrap_or_default()
}
