//! Reading IATI activity files published by others, one activity at a time, in bounded memory: the file is
//! streamed with quick-xml and each `<iati-activity>` becomes an `Incoming` as soon as it closes. Elements
//! Corridor keeps in its own fields are mapped; every other element becomes a readable line of the
//! activity's unmapped section; every problem carries its line. A file that declares entities (the billion
//! laughs, external entities) is refused outright: IATI files declare none, and none is ever expanded.

use corridor_core::iati::{Incoming, IncomingTransaction};
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::io::BufRead;

/// Longest text kept of one unmapped element.
const UNMAPPED_TEXT: usize = 400;
/// Most unmapped lines kept per activity; the rest are counted.
const UNMAPPED_LINES: usize = 200;

/// Why a file cannot be read on (activities already read stand).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileProblem {
    /// The line.
    pub line: u64,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for FileProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// Counts lines and bytes as the XML reader consumes them.
struct Counting<R> {
    inner: R,
    lines: u64,
    bytes: u64,
}

impl<R: BufRead> std::io::Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.lines += buf[..n].iter().filter(|b| **b == b'\n').count() as u64;
        self.bytes += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        if let Ok(buf) = self.inner.fill_buf() {
            let amt = amt.min(buf.len());
            self.lines += buf[..amt].iter().filter(|b| **b == b'\n').count() as u64;
        }
        self.bytes += amt as u64;
        self.inner.consume(amt);
    }
}

/// The activities of a file, one by one.
pub struct Activities<R> {
    reader: Reader<Counting<R>>,
    buf: Vec<u8>,
    started: bool,
    done: bool,
}

/// What is being read inside an activity.
#[derive(Default)]
struct Open {
    activity: Incoming,
    default_currency: Option<String>,
    default_lang: Option<String>,
    /// Element names from the activity down.
    path: Vec<String>,
    /// The language of the narrative being read.
    lang: Option<String>,
    /// Text gathered for the element being read.
    text: String,
    /// The unmapped element being summarised: its line, header and text.
    unmapped: Option<(u64, usize, String, String)>,
    transaction: Option<IncomingTransaction>,
    location: (Option<String>, Option<(f64, f64)>),
    sector_narrative: Option<String>,
    /// Whether the participating organisation being read has its name.
    named: bool,
    dropped: usize,
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
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

fn name_of(e: &BytesStart<'_>) -> String {
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

impl<R: BufRead> Activities<R> {
    /// Starts reading `input`.
    pub fn new(input: R) -> Self {
        let mut reader = Reader::from_reader(Counting {
            inner: input,
            lines: 1,
            bytes: 0,
        });
        reader.config_mut().expand_empty_elements = true;
        Activities {
            reader,
            buf: Vec::with_capacity(64 * 1024),
            started: false,
            done: false,
        }
    }

    /// Bytes read so far, for a progress bar.
    pub fn bytes_read(&self) -> u64 {
        self.reader.get_ref().bytes
    }

    /// The next activity, `None` at the end; a problem that stops the file ends the reading (the
    /// activities returned before it stand).
    pub fn next_activity(&mut self) -> Result<Option<Incoming>, FileProblem> {
        if self.done {
            return Ok(None);
        }
        // The event borrows the buffer only, so the reader stays free to say where it is.
        let Activities {
            reader,
            buf,
            started,
            done,
        } = self;
        let mut fail = |reader: &Reader<Counting<R>>, message: String| {
            *done = true;
            FileProblem {
                line: reader.get_ref().lines,
                message,
            }
        };
        let mut open: Option<Open> = None;
        loop {
            buf.clear();
            let event = match reader.read_event_into(buf) {
                Ok(e) => e,
                Err(e) => return Err(fail(reader, broken(&e, open.as_ref()))),
            };
            let line = reader.get_ref().lines;
            match (event, &mut open) {
                (Event::DocType(d), _) if hostile(&d.as_ref().to_lowercase()) => {
                    return Err(fail(reader, HOSTILE.into()));
                }
                (Event::Start(e), _) if !*started => {
                    let name = name_of(&e);
                    if name != "iati-activities" {
                        return Err(fail(
                            reader,
                            format!(
                                "this is not an IATI activities file: it starts with <{name}>, not <iati-activities>"
                            ),
                        ));
                    }
                    *started = true;
                }
                (Event::Start(e), None) if e.local_name().as_ref() == "iati-activity" => {
                    open = Some(Open::new(&e, line));
                }
                (Event::Start(e), Some(o)) => o.start(&e, name_of(&e), line),
                (Event::End(e), Some(o)) => {
                    if o.path.is_empty() && e.local_name().as_ref() == "iati-activity" {
                        return Ok(open.map(Open::finish));
                    }
                    o.end(e.local_name().as_ref(), line);
                }
                (Event::Text(t), Some(o)) => o.text.push_str(&t.xml10_content()),
                (Event::CData(t), Some(o)) => o.text.push_str(&t.into_inner()),
                (Event::GeneralRef(r), Some(o)) => o.reference(&r, line),
                (Event::Eof, _) => {
                    return match ended(open.as_ref(), *started) {
                        Some(message) => Err(fail(reader, message)),
                        None => {
                            *done = true;
                            Ok(None)
                        }
                    };
                }
                _ => {}
            }
        }
    }
}

const HOSTILE: &str = "the file declares entities or an external DTD (<!DOCTYPE … <!ENTITY>); IATI files have \
                       none, and such files are refused unread";

/// What a syntax error means for the activity being read.
fn broken(e: &quick_xml::Error, open: Option<&Open>) -> String {
    match open {
        Some(o) => format!(
            "the XML is broken: {e}; the activity that starts on line {} was not imported",
            o.activity.line
        ),
        None => format!("the XML is broken: {e}"),
    }
}

/// Why the end of the file is a problem, if it is.
fn ended(open: Option<&Open>, started: bool) -> Option<String> {
    match (open, started) {
        (Some(o), _) => Some(format!(
            "the file ends inside the activity that starts on line {} (it was cut short); that activity was \
             not imported",
            o.activity.line
        )),
        (None, false) => Some("the file holds no XML element: it is not an IATI file".into()),
        (None, true) => None,
    }
}

/// At most `UNMAPPED_TEXT` characters of `text`.
fn cut(text: &str) -> String {
    text.chars().take(UNMAPPED_TEXT).collect()
}

/// Whether a document type declaration declares entities or points outside the file.
fn hostile(doctype: &str) -> bool {
    doctype.contains("<!entity") || doctype.contains(" system") || doctype.contains(" public")
}

impl Open {
    fn new(e: &BytesStart<'_>, line: u64) -> Open {
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
    fn reference(&mut self, r: &quick_xml::events::BytesRef<'_>, line: u64) {
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

    fn start(&mut self, e: &BytesStart<'_>, name: String, line: u64) {
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

    fn end(&mut self, name: &str, line: u64) {
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

    fn finish(mut self) -> Incoming {
        if self.dropped > 0 {
            let n = self.dropped;
            self.activity
                .unmapped
                .push(format!("… and {n} more elements not listed"));
        }
        self.activity
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(xml: &str) -> (Vec<Incoming>, Option<FileProblem>) {
        let mut r = Activities::new(xml.as_bytes());
        let mut out = Vec::new();
        loop {
            match r.next_activity() {
                Ok(Some(a)) => out.push(a),
                Ok(None) => return (out, None),
                Err(e) => return (out, Some(e)),
            }
        }
    }

    const FILE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03">
 <iati-activity default-currency="USD" xml:lang="en">
  <iati-identifier>XM-EX-1</iati-identifier>
  <reporting-org ref="XM-EX" type="10"><narrative>Example Ministry</narrative></reporting-org>
  <title><narrative>Textile park &amp; training</narrative><narrative xml:lang="zh">纺织园</narrative></title>
  <description type="1"><narrative>Skills for the zone.</narrative></description>
  <participating-org role="4" ref="XM-IMPL"><narrative>Builder Ltd</narrative></participating-org>
  <activity-status code="6"/>
  <activity-date type="1" iso-date="2021-01-01"/>
  <activity-date iso-date="2022-01-01"/>
  <location><name><narrative>Faisalabad</narrative></name><point srsName="x"><pos>31.4 73.1</pos></point></location>
  <sector vocabulary="1" code="32163"><narrative>Textiles</narrative></sector>
  <budget type="1"><period-start iso-date="2021-01-01"/><value currency="EUR">3000</value></budget>
  <transaction ref="t1"><transaction-type code="3"/><transaction-date iso-date="2021-05-01"/><value>1500.50</value><provider-org><narrative>Fund</narrative></provider-org><flow-type code="10"/></transaction>
  <transaction><transaction-type code="4"/><transaction-date iso-date="2021-06-01"/><value currency="EUR">20</value></transaction>
  <result type="1"><title><narrative>Workers trained</narrative></title></result>
 </iati-activity>
 <iati-activity><iati-identifier>XM-EX-2</iati-identifier><title><narrative>Second</narrative></title></iati-activity>
</iati-activities>
"#;

    #[test]
    fn an_activity_is_mapped_and_the_rest_kept_readable_with_lines() {
        let (list, problem) = all(FILE);
        assert_eq!(problem, None);
        assert_eq!(list.len(), 2);
        let a = &list[0];
        assert_eq!((a.line, a.identifier.as_str()), (3, "XM-EX-1"));
        assert_eq!(a.title.en, "Textile park & training");
        assert_eq!(a.title.others, vec![("zh", "纺织园".to_owned())]);
        assert_eq!(a.description.as_deref(), Some("Skills for the zone."));
        assert_eq!(a.status.as_deref(), Some("6"));
        assert_eq!(a.dates, vec![("1".to_owned(), "2021-01-01".to_owned())]);
        assert_eq!(a.location, Some(("Faisalabad".into(), 31.4, 73.1)));
        assert_eq!(
            a.sector,
            Some(("1".into(), "32163".into(), "Textiles".into()))
        );
        assert_eq!(
            a.participants,
            vec![("4".to_owned(), "Builder Ltd (XM-IMPL)".to_owned())]
        );
        assert_eq!(a.transactions.len(), 2);
        let t = &a.transactions[0];
        assert_eq!(
            (
                t.reference.as_deref(),
                t.kind.as_str(),
                t.date.as_str(),
                t.value.as_str(),
                t.currency.as_str()
            ),
            (Some("t1"), "3", "2021-05-01", "1500.50", "USD")
        );
        assert_eq!(t.provider.as_deref(), Some("Fund"));
        assert_eq!(a.transactions[1].currency, "EUR");
        let unmapped = a.unmapped.join("\n");
        for expected in [
            "line 5: reporting-org (ref=XM-EX, type=10): Example Ministry",
            "line 14: budget (type=1): 3000",
            "transaction: flow-type 10",
            "line 17: result (type=1): Workers trained",
        ] {
            assert!(unmapped.contains(expected), "no {expected} in\n{unmapped}");
        }
        assert_eq!(
            a.problems,
            vec![(11, "an activity-date lacks its type or iso-date".to_owned())]
        );
        assert_eq!(list[1].identifier, "XM-EX-2");
    }

    #[test]
    fn entities_other_roots_and_cut_files_are_refused_with_their_line() {
        let bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;\">]>\n<iati-activities><iati-activity><iati-identifier>&lol2;</iati-identifier></iati-activity></iati-activities>";
        let (list, problem) = all(bomb);
        assert!(list.is_empty());
        assert!(problem.unwrap().message.contains("declares entities"));
        let external =
            "<?xml version=\"1.0\"?><!DOCTYPE x SYSTEM \"file:///etc/passwd\"><iati-activities/>";
        assert!(all(external).1.unwrap().message.contains("external DTD"));
        let (_, problem) = all("<feed xmlns=\"http://www.w3.org/2005/Atom\"></feed>");
        assert!(
            problem
                .unwrap()
                .message
                .contains("not an IATI activities file")
        );
        let cut = &FILE[..FILE.find("XM-EX-2").unwrap()];
        let (list, problem) = all(cut);
        assert_eq!(list.len(), 1);
        let problem = problem.unwrap();
        assert_eq!(problem.line, 19, "{problem}");
        assert!(problem.message.contains("starts on line 19"), "{problem}");
        let undefined = "<iati-activities><iati-activity><iati-identifier>A</iati-identifier><title><narrative>T &nbsp; U</narrative></title></iati-activity></iati-activities>";
        let (list, _) = all(undefined);
        assert!(list[0].problems[0].1.contains("&nbsp;"));
    }
}
