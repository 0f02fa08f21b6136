//! Reading IATI activity files published by others, one activity at a time, in bounded memory: the file is
//! streamed with quick-xml and each `<iati-activity>` becomes an `Incoming` as soon as it closes. Elements
//! Corridor keeps in its own fields are mapped; every other element becomes a readable line of the
//! activity's unmapped section; every problem carries its line. A file that declares entities (the billion
//! laughs, external entities) is refused outright: IATI files declare none, and none is ever expanded.

use corridor_core::iati::Incoming;
use quick_xml::Reader;
use quick_xml::events::Event;
use std::io::BufRead;

mod activity;

use activity::{Open, name_of};

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

/// Whether a document type declaration declares entities or points outside the file.
fn hostile(doctype: &str) -> bool {
    doctype.contains("<!entity") || doctype.contains(" system") || doctype.contains(" public")
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
