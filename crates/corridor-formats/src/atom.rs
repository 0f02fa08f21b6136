//! Atom feeds (RFC 4287): a feed with its id, title, update time, author and links, and one entry per alert
//! or news item with its id, title, update time, link and a plain-text summary. Written with quick-xml, so
//! every text is escaped by the writer; ids are stable `urn:uuid:` or tag URIs chosen by the caller.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};
use std::io;

/// The Atom namespace.
pub const NAMESPACE: &str = "http://www.w3.org/2005/Atom";

/// One entry.
pub struct Entry {
    /// A permanent, unique IRI (`urn:uuid:…`).
    pub id: String,
    /// A line that says what happened.
    pub title: String,
    /// When it happened or last changed (RFC 3339).
    pub updated: String,
    /// The page that shows it.
    pub link: String,
    /// What changed, who did it, why the reader is told; plain text.
    pub summary: String,
    /// Who did it.
    pub author: String,
    /// The language of its title and summary (`xml:lang`), when it differs from the feed's; empty for none.
    pub lang: String,
}

/// A feed.
pub struct Feed {
    /// A permanent, unique IRI for the feed.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The newest entry's time, or when it was made when it has none (RFC 3339).
    pub updated: String,
    /// The feed's own address.
    pub self_link: String,
    /// The page it mirrors.
    pub alternate: String,
    /// Who publishes it.
    pub author: String,
    /// Its entries, newest first.
    pub entries: Vec<Entry>,
    /// The language of its texts (`xml:lang`); empty for none.
    pub lang: String,
}

fn text<W: io::Write>(w: &mut Writer<W>, name: &str, value: &str) -> io::Result<()> {
    w.create_element(name)
        .write_text_content(BytesText::new(value))?;
    Ok(())
}

fn link<W: io::Write>(
    w: &mut Writer<W>,
    rel: &str,
    href: &str,
    kind: Option<&str>,
) -> io::Result<()> {
    let mut e = w
        .create_element("link")
        .with_attribute(("rel", rel))
        .with_attribute(("href", href));
    if let Some(k) = kind {
        e = e.with_attribute(("type", k));
    }
    e.write_empty()?;
    Ok(())
}

fn person<W: io::Write>(w: &mut Writer<W>, role: &str, name: &str) -> io::Result<()> {
    w.create_element(role)
        .write_inner_content(|w| text(w, "name", name))?;
    Ok(())
}

fn write(feed: &Feed) -> io::Result<Vec<u8>> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 1);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))?;
    let mut root = w
        .create_element("feed")
        .with_attribute(("xmlns", NAMESPACE));
    if !feed.lang.is_empty() {
        root = root.with_attribute(("xml:lang", feed.lang.as_str()));
    }
    root.write_inner_content(|w| {
        text(w, "id", &feed.id)?;
        text(w, "title", &feed.title)?;
        text(w, "updated", &feed.updated)?;
        person(w, "author", &feed.author)?;
        link(w, "self", &feed.self_link, Some("application/atom+xml"))?;
        link(w, "alternate", &feed.alternate, Some("text/html"))?;
        text(w, "generator", "Corridor")?;
        for e in &feed.entries {
            let mut entry = w.create_element("entry");
            if !e.lang.is_empty() && e.lang != feed.lang {
                entry = entry.with_attribute(("xml:lang", e.lang.as_str()));
            }
            entry.write_inner_content(|w| {
                text(w, "id", &e.id)?;
                text(w, "title", &e.title)?;
                text(w, "updated", &e.updated)?;
                person(w, "author", &e.author)?;
                link(w, "alternate", &e.link, Some("text/html"))?;
                w.create_element("summary")
                    .with_attribute(("type", "text"))
                    .write_text_content(BytesText::new(&e.summary))?;
                Ok(())
            })?;
        }
        Ok(())
    })?;
    Ok(w.into_inner())
}

/// The feed as an Atom document.
pub fn atom(feed: &Feed) -> String {
    // Writing into memory cannot fail.
    String::from_utf8(write(feed).unwrap_or_default()).unwrap_or_default()
}
