//! Mapping one activity as its elements open and close: the fields Corridor keeps, and a readable line
//! with its line number for every other element.

use corridor_core::iati::{Incoming, IncomingTransaction};
use quick_xml::events::BytesStart;

/// Longest text kept of one unmapped element.
const UNMAPPED_TEXT: usize = 400;
/// Most unmapped lines kept per activity; the rest are counted.
const UNMAPPED_LINES: usize = 200;

/// What is being read inside an activity.
#[derive(Default)]
pub(super) struct Open {
    pub(super) activity: Incoming,
    default_currency: Option<String>,
    default_lang: Option<String>,
    /// Element names from the activity down.
    pub(super) path: Vec<String>,
    /// The language of the narrative being read.
    lang: Option<String>,
    /// Text gathered for the element being read.
    pub(super) text: String,
    /// The unmapped element being summarised: its line, header and text.
    unmapped: Option<(u64, usize, String, String)>,
    transaction: Option<IncomingTransaction>,
    location: (Option<String>, Option<(f64, f64)>),
    sector_narrative: Option<String>,
    /// Whether the participating organisation being read has its name.
    named: bool,
    dropped: usize,
}

pub(super) fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.trim().to_owned())
        })
        .filter(|v| !v.is_empty())
}

pub(super) fn name_of(e: &BytesStart<'_>) -> String {
    e.local_name().as_ref().to_owned()
}

/// The elements this reader maps, below `iati-activity`.
const MAPPED: &[&str] = &[
    "iati-identifier",
    "title",
    "description",
    "activity-status",
    "activity-date",
    "location",
    "sector",
    "participating-org",
    "transaction",
];

/// At most `UNMAPPED_TEXT` characters of `text`.
fn cut(text: &str) -> String {
    text.chars().take(UNMAPPED_TEXT).collect()
}

impl Open {
    pub(super) fn new(e: &BytesStart<'_>, line: u64) -> Open {
        Open {
            activity: Incoming {
                line,
                ..Default::default()
            },
            default_currency: attr(e, "default-currency"),
            default_lang: attr(e, "xml:lang"),
            ..Default::default()
        }
    }

    /// An entity reference in text: a character or one of XML's five; any other is left out and said so.
    pub(super) fn reference(&mut self, r: &quick_xml::events::BytesRef<'_>, line: u64) {
        let name = r.as_ref().to_owned();
        match r.resolve_char_ref() {
            Ok(Some(c)) => self.text.push(c),
            _ => match quick_xml::escape::resolve_predefined_entity(&name) {
                Some(s) => self.text.push_str(s),
                None => self.activity.problems.push((
                    line,
                    format!("the entity &{name}; is not defined; it was left out"),
                )),
            },
        }
    }

    pub(super) fn start(&mut self, e: &BytesStart<'_>, name: String, line: u64) {
        self.text.clear();
        let depth = self.path.len();
        if depth == 0 && !MAPPED.contains(&name.as_str()) {
            let mut header = name.clone();
            let attrs: Vec<String> = e
                .attributes()
                .flatten()
                .filter_map(|a| {
                    let k = a.key.as_ref().to_owned();
                    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .ok()
                        .map(|v| format!("{k}={v}"))
                })
                .collect();
            if !attrs.is_empty() {
                header.push_str(&format!(" ({})", attrs.join(", ")));
            }
            self.unmapped = Some((line, depth, header, String::new()));
        }
        if name == "narrative" {
            self.lang = attr(e, "xml:lang");
        }
        let top = self.path.first().map(String::as_str);
        match (top, name.as_str()) {
            (None, "activity-status") => self.activity.status = attr(e, "code"),
            (None, "activity-date") => match (attr(e, "type"), attr(e, "iso-date")) {
                (Some(t), Some(d)) => self.activity.dates.push((t, d)),
                _ => self
                    .activity
                    .problems
                    .push((line, "an activity-date lacks its type or iso-date".into())),
            },
            (None, "sector") if self.activity.sector.is_none() => {
                let vocabulary = attr(e, "vocabulary").unwrap_or_else(|| "1".into());
                if let Some(code) = attr(e, "code") {
                    self.activity.sector = Some((vocabulary, code, String::new()));
                }
                self.sector_narrative = None;
            }
            (None, "sector") => self.note(
                line,
                format!("another sector: {}", attr(e, "code").unwrap_or_default()),
            ),
            (None, "participating-org") => {
                self.named = false;
                self.activity.participants.push((
                    attr(e, "role").unwrap_or_default(),
                    attr(e, "ref").unwrap_or_default(),
                ));
            }
            (None, "transaction") => {
                self.transaction = Some(IncomingTransaction {
                    line,
                    reference: attr(e, "ref"),
                    ..Default::default()
                });
            }
            (Some("transaction"), "transaction-type") => {
                if let Some(t) = &mut self.transaction {
                    t.kind = attr(e, "code").unwrap_or_default();
                }
            }
            (Some("transaction"), "transaction-date") => {
                if let Some(t) = &mut self.transaction {
                    t.date = attr(e, "iso-date").unwrap_or_default();
                }
            }
            (Some("transaction"), "value") => {
                if let Some(t) = &mut self.transaction {
                    t.currency = attr(e, "currency").unwrap_or_default();
                    if t.date.is_empty() {
                        t.date = attr(e, "value-date").unwrap_or_default();
                    }
                }
            }
            (Some("transaction"), other)
                if depth == 1 && !matches!(other, "description" | "provider-org") =>
            {
                let code = attr(e, "code").map(|c| format!(" {c}")).unwrap_or_default();
                self.note(line, format!("transaction: {other}{code}"));
            }
            _ => {}
        }
        self.path.push(name);
    }

    fn note(&mut self, line: u64, text: String) {
        if self.activity.unmapped.len() < UNMAPPED_LINES {
            self.activity.unmapped.push(format!("line {line}: {text}"));
        } else {
            self.dropped += 1;
        }
    }

    pub(super) fn end(&mut self, name: &str, line: u64) {
        let text = std::mem::take(&mut self.text);
        let text = text.trim();
        self.path.pop();
        let parent = self.path.last().map(String::as_str);
        let top = self.path.first().map(String::as_str);
        if let Some((_, _, _, gathered)) = &mut self.unmapped
            && !text.is_empty()
            && gathered.len() < UNMAPPED_TEXT
        {
            if !gathered.is_empty() {
                gathered.push_str(" · ");
            }
            gathered.extend(text.chars().take(UNMAPPED_TEXT));
        }
        if name == "narrative" {
            let lang = self.lang.take().or_else(|| self.default_lang.clone());
            let (top, parent) = (top.map(str::to_owned), parent.map(str::to_owned));
            self.narrative(top.as_deref(), parent.as_deref(), lang.as_deref(), text);
        } else if self.path.is_empty() {
            if name == "iati-identifier" {
                text.clone_into(&mut self.activity.identifier);
            }
            if let Some((l, _, header, gathered)) = self.unmapped.take() {
                let body = if gathered.is_empty() {
                    header
                } else {
                    format!("{header}: {gathered}")
                };
                self.note(l, body);
            }
            self.finish_top(name, line);
        } else if (top, parent, name) == (Some("transaction"), Some("transaction"), "value") {
            if let Some(t) = &mut self.transaction {
                text.clone_into(&mut t.value);
            }
        } else if (top, parent, name) == (Some("location"), Some("point"), "pos") {
            let mut parts = text.split_whitespace().map(str::parse::<f64>);
            match (parts.next(), parts.next()) {
                (Some(Ok(lat)), Some(Ok(lon))) if lat.abs() <= 90.0 && lon.abs() <= 180.0 => {
                    self.location.1 = Some((lat, lon));
                }
                _ => self
                    .activity
                    .problems
                    .push((line, format!("“{text}” is not a latitude and longitude"))),
            }
        }
    }

    fn narrative(
        &mut self,
        top: Option<&str>,
        parent: Option<&str>,
        lang: Option<&str>,
        text: &str,
    ) {
        if text.is_empty() {
            return;
        }
        match (top, parent) {
            (Some("title"), Some("title")) => match lang.unwrap_or("en") {
                "zh" => self.activity.title.others.push(("zh", text.to_owned())),
                "ur" => self.activity.title.others.push(("ur", text.to_owned())),
                "en" if self.activity.title.en.is_empty() => {
                    text.clone_into(&mut self.activity.title.en)
                }
                other if self.activity.title.en.is_empty() => {
                    self.activity.title.en = format!("{text} [{other}]");
                }
                other => {
                    let line = self.activity.line;
                    self.note(line, format!("title [{other}]: {text}"));
                }
            },
            (Some("description"), Some("description")) if self.activity.description.is_none() => {
                self.activity.description = Some(text.to_owned());
            }
            (Some("description"), Some("description")) => {
                let line = self.activity.line;
                let lang = lang.map(|l| format!(" [{l}]")).unwrap_or_default();
                self.note(line, format!("description{lang}: {}", cut(text)));
            }
            (Some("location"), Some("name")) if self.location.0.is_none() => {
                self.location.0 = Some(text.to_owned());
            }
            (Some("sector"), Some("sector")) => self.sector_narrative = Some(text.to_owned()),
            (Some("participating-org"), Some("participating-org")) if !self.named => {
                self.named = true;
                if let Some(p) = self.activity.participants.last_mut() {
                    p.1 = if p.1.is_empty() {
                        text.to_owned()
                    } else {
                        format!("{text} ({})", p.1)
                    };
                }
            }
            (Some("transaction"), Some("provider-org")) => {
                if let Some(t) = &mut self.transaction {
                    t.provider = Some(text.to_owned());
                }
            }
            (Some("transaction"), Some("description")) => {
                if let Some(t) = &mut self.transaction {
                    t.description = Some(text.to_owned());
                }
            }
            _ => {}
        }
    }

    /// A top-level element closed.
    fn finish_top(&mut self, name: &str, line: u64) {
        match name {
            "transaction" => {
                if let Some(mut t) = self.transaction.take() {
                    if t.currency.is_empty() {
                        t.currency = self.default_currency.clone().unwrap_or_default();
                    }
                    self.activity.transactions.push(t);
                }
            }
            "location" => {
                let (name, point) = std::mem::take(&mut self.location);
                match (point, &self.activity.location) {
                    (Some((lat, lon)), None) => {
                        self.activity.location = Some((name.unwrap_or_default(), lat, lon));
                    }
                    _ => self.note(line, format!("location: {}", name.unwrap_or_default())),
                }
            }
            "sector" => {
                if let (Some(s), Some(n)) =
                    (&mut self.activity.sector, self.sector_narrative.take())
                    && s.2.is_empty()
                {
                    s.2 = n;
                }
            }
            _ => {}
        }
    }

    pub(super) fn finish(mut self) -> Incoming {
        if self.dropped > 0 {
            let n = self.dropped;
            self.activity
                .unmapped
                .push(format!("… and {n} more elements not listed"));
        }
        self.activity
    }
}
