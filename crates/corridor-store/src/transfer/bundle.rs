//! The bundle: JSON Lines, one object per line.
//!
//! ```text
//! {"format":"corridor-bundle","version":1,"schema":"m0019_unread_index","exported_at":"…","from":"sqlite"}
//! {"table":"parties","row":{"id":"…","code":"PK",…}}
//! …
//! {"end":{"rows":1234,"tables":{"parties":2,…}}}
//! ```
//!
//! Tables come in transfer order, rows of a table in primary-key order (parents first where a table points
//! into itself). Values: text as strings, numbers and booleans as themselves, dates as `YYYY-MM-DD`,
//! timestamps as RFC 3339, bytes (file contents) as base64. The closing line counts the rows, so a truncated
//! bundle is refused. A bundle loads only into an empty database with the same schema.

use super::{Batch, Moved, Progress, TransferError, batch_rows, finish, insert_batch, read_all};
use crate::Store;
use crate::migration::Migrator;
use sea_orm::TransactionTrait;
use sea_orm_migration::MigratorTrait;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::{BufRead, Read, Write};

/// The first line's `format`.
pub const BUNDLE_FORMAT: &str = "corridor-bundle";
/// The first line's `version`: raised when the layout of lines changes.
pub const BUNDLE_VERSION: u32 = 1;
/// The longest line read: a row holding the largest file an attachment may have, in base64, fits well.
const MAX_LINE: u64 = 64 << 20;

#[derive(Serialize, Deserialize)]
struct Header {
    format: String,
    version: u32,
    schema: String,
    exported_at: String,
    from: String,
}

#[derive(Serialize, Deserialize)]
struct End {
    rows: u64,
    tables: BTreeMap<String, u64>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Line {
    Row { table: String, row: super::Row },
    End { end: End },
}

/// The last migration of this binary: the schema a bundle must match.
fn schema() -> String {
    Migrator::migrations()
        .last()
        .map(|m| m.name().to_owned())
        .unwrap_or_default()
}

/// Counts bytes on their way out, for the progress bar.
struct Counting<'a> {
    out: &'a mut dyn Write,
    bytes: u64,
}

impl Write for Counting<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.out.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

fn write_line(out: &mut impl Write, value: &impl Serialize) -> Result<(), TransferError> {
    serde_json::to_writer(&mut *out, value).map_err(std::io::Error::from)?;
    out.write_all(b"\n")?;
    Ok(())
}

impl Store {
    /// Writes the whole database as a bundle to `out`, read in one snapshot while writers go on.
    #[crate::boxed(?Send)]
    pub async fn export_bundle(
        &self,
        out: &mut dyn Write,
        progress: &mut dyn FnMut(Progress<'_>),
    ) -> Result<Moved, TransferError> {
        let mut out = Counting { out, bytes: 0 };
        let exported_at = time::OffsetDateTime::now_utc()
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default();
        write_line(
            &mut out,
            &Header {
                format: BUNDLE_FORMAT.into(),
                version: BUNDLE_VERSION,
                schema: schema(),
                exported_at,
                from: format!("{:?}", self.backend).to_lowercase(),
            },
        )?;
        let snapshot = self.snapshot().await?;
        let mut rows = 0;
        let moved = read_all(&snapshot, async |table, batch: Batch| {
            for (_, row) in batch {
                write_line(&mut out, &serde_json::json!({ "table": table, "row": row }))?;
                rows += 1;
            }
            progress(Progress {
                table,
                rows,
                bytes: out.bytes,
            });
            Ok(())
        })
        .await;
        snapshot.rollback().await?;
        let moved = moved?;
        let end = End {
            rows: moved.total(),
            tables: moved.tables.iter().cloned().collect(),
        };
        write_line(&mut out, &serde_json::json!({ "end": end }))?;
        out.flush()?;
        Ok(moved)
    }

    /// Loads a bundle into this database, which must be empty, in one transaction: any bad line, broken
    /// reference or missing end leaves the database empty.
    #[crate::boxed(?Send)]
    pub async fn import_bundle(
        &self,
        input: &mut dyn BufRead,
        progress: &mut dyn FnMut(Progress<'_>),
    ) -> Result<Moved, TransferError> {
        let txn = self.db.begin().await?;
        let result = async {
            self.make_room(&txn, false).await?;
            let mut reader = Lines::new(input);
            reader.header()?;
            let mut counts: Vec<(String, u64)> = Vec::new();
            let mut batch: Batch = Vec::new();
            let mut table = String::new();
            let mut size = 1;
            let end = loop {
                let Some((line, parsed)) = reader.next()? else {
                    return Err(TransferError::Bundle {
                        line: reader.line,
                        message: "the bundle ends without its closing line: it is truncated".into(),
                    });
                };
                match parsed {
                    Line::End { end } => break (line, end),
                    Line::Row { table: t, row } => {
                        if t != table {
                            flush(&txn, &table, &mut batch).await?;
                            if counts.iter().any(|(c, _)| *c == t) {
                                return Err(TransferError::Bundle {
                                    line,
                                    message: format!("rows of {t} appear again after other tables"),
                                });
                            }
                            size = batch_rows(row.len());
                            counts.push((t.clone(), 0));
                            table = t;
                        }
                        if let Some(c) = counts.last_mut() {
                            c.1 += 1;
                        }
                        batch.push((line, row));
                        if batch.len() >= size {
                            flush(&txn, &table, &mut batch).await?;
                            progress(Progress {
                                table: &table,
                                rows: counts.iter().map(|c| c.1).sum(),
                                bytes: reader.bytes,
                            });
                        }
                    }
                }
            };
            flush(&txn, &table, &mut batch).await?;
            let moved = Moved { tables: counts };
            check_end(&moved, end)?;
            if reader.next()?.is_some() {
                return Err(TransferError::Bundle {
                    line: reader.line,
                    message: "lines follow the closing line".into(),
                });
            }
            progress(Progress {
                table: &table,
                rows: moved.total(),
                bytes: reader.bytes,
            });
            Ok(moved)
        }
        .await;
        finish(txn, result).await
    }
}

async fn flush(
    txn: &sea_orm::DatabaseTransaction,
    table: &str,
    batch: &mut Batch,
) -> Result<(), TransferError> {
    if batch.is_empty() {
        return Ok(());
    }
    insert_batch(txn, table, std::mem::take(batch)).await
}

/// The closing line must count exactly the rows read, table by table.
fn check_end(moved: &Moved, (line, end): (u64, End)) -> Result<(), TransferError> {
    let read: BTreeMap<String, u64> = moved.tables.iter().cloned().collect();
    let said: BTreeMap<String, u64> = end.tables.into_iter().filter(|(_, n)| *n > 0).collect();
    if end.rows != moved.total() || read != said {
        return Err(TransferError::Bundle {
            line,
            message: format!(
                "the closing line counts {} rows but the bundle holds {}: it was cut or edited",
                end.rows,
                moved.total()
            ),
        });
    }
    Ok(())
}

/// Lines of a bundle, numbered, with the bytes read so far.
struct Lines<'a> {
    input: &'a mut dyn BufRead,
    buf: String,
    line: u64,
    bytes: u64,
}

impl<'a> Lines<'a> {
    fn new(input: &'a mut dyn BufRead) -> Self {
        Lines {
            input,
            buf: String::new(),
            line: 0,
            bytes: 0,
        }
    }

    /// The next non-empty line as text, or `None` at the end of the file. A line may not be longer than
    /// [`MAX_LINE`]: a file without line breaks is refused, not read into memory whole.
    fn raw(&mut self) -> Result<Option<&str>, TransferError> {
        loop {
            self.buf.clear();
            let n = (&mut *self.input)
                .take(MAX_LINE + 1)
                .read_line(&mut self.buf)
                .map_err(|e| TransferError::Bundle {
                    line: self.line + 1,
                    message: format!("cannot be read: {e}"),
                })?;
            if n == 0 {
                return Ok(None);
            }
            if n as u64 > MAX_LINE {
                return Err(TransferError::Bundle {
                    line: self.line + 1,
                    message: format!(
                        "is longer than {} MB: not a line of a Corridor bundle",
                        MAX_LINE >> 20
                    ),
                });
            }
            self.line += 1;
            self.bytes += n as u64;
            if !self.buf.trim().is_empty() {
                return Ok(Some(self.buf.trim_end()));
            }
        }
    }

    fn header(&mut self) -> Result<(), TransferError> {
        let bad = |message: String| TransferError::Bundle { line: 1, message };
        let text = self
            .raw()?
            .ok_or_else(|| bad("the file is empty, not a Corridor bundle".into()))?;
        let header: Header = serde_json::from_str(text)
            .map_err(|_| bad("the first line is not a Corridor bundle header".into()))?;
        if header.format != BUNDLE_FORMAT {
            return Err(bad(format!(
                "the format is “{}”, not {BUNDLE_FORMAT}",
                header.format
            )));
        }
        if header.version != BUNDLE_VERSION {
            return Err(bad(format!(
                "bundle version {} cannot be read by this version (it reads {BUNDLE_VERSION})",
                header.version
            )));
        }
        if header.schema != schema() {
            return Err(bad(format!(
                "the bundle holds schema {} and this version has {}: import it with the version that \
                 exported it, or bring the source up to date with `corridor migrate` and export again",
                header.schema,
                schema()
            )));
        }
        Ok(())
    }

    fn next(&mut self) -> Result<Option<(u64, Line)>, TransferError> {
        let Some(text) = self.raw()? else {
            return Ok(None);
        };
        let parsed: Line = serde_json::from_str(text).map_err(|e| TransferError::Bundle {
            line: self.line,
            message: format!("not a row or the closing line ({e})"),
        })?;
        Ok(Some((self.line, parsed)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_is_a_row_or_the_end() {
        let row: Line = serde_json::from_str(r#"{"table":"parties","row":{"id":"x"}}"#).unwrap();
        assert!(matches!(row, Line::Row { table, .. } if table == "parties"));
        let end: Line = serde_json::from_str(r#"{"end":{"rows":0,"tables":{}}}"#).unwrap();
        assert!(matches!(end, Line::End { .. }));
        assert!(serde_json::from_str::<Line>(r#"{"table":"parties"}"#).is_err());
    }

    #[test]
    fn a_line_longer_than_the_limit_is_refused_without_reading_it_whole() {
        let mut input = std::io::BufReader::new(std::io::repeat(b'x'));
        let mut lines = Lines::new(&mut input);
        let e = lines.raw().unwrap_err().to_string();
        assert!(
            e.contains("line 1") && e.contains("longer than 64 MB"),
            "{e}"
        );
    }
}
