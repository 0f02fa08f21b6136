//! Spreadsheets in and out. Written: CSV (UTF-8 with a byte-order mark, which Excel needs to read Chinese and
//! Urdu) and XLSX (rust_xlsxwriter: a bold frozen header row, column widths, dates as dates, a drop-down list
//! on each column of words, read-only columns in grey, a filter on the header). Read: XLSX (calamine; a cell
//! holding a formula is refused, and the archive's unpacked size is checked before anything is unpacked)
//! or CSV in UTF-8 or UTF-16 separated by commas, semicolons or tabs; another encoding is refused with the
//! row where it shows.

use corridor_core::sheet::{Cell, CellError, Column, ColumnKind, MAX_ROWS, Table};
use rust_xlsxwriter::{Color, DataValidation, ExcelDateTime, Format, Workbook, XlsxError};
use std::io::{Cursor, Read};

/// The first characters that make a CSV cell a formula in Excel and LibreOffice.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A CSV cell as text, without the apostrophe `write_csv` puts before what would read as a formula.
fn csv_cell(v: &str) -> Cell {
    match v.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => Cell::text(rest),
        _ => Cell::text(v),
    }
}

/// Most bytes an XLSX file may unpack to.
const MAX_UNPACKED: u64 = 64 * 1024 * 1024;

/// The rows of a sheet as CSV, headers first.
pub fn write_csv(columns: &[Column], rows: &[Vec<Cell>]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().from_writer(b"\xEF\xBB\xBF".to_vec());
    let text = |c: &Cell| match c {
        Cell::Empty => String::new(),
        // A text that a spreadsheet would take for a formula is written with a leading apostrophe, which
        // the reader takes off again: opening an export never runs what someone typed into a record.
        Cell::Text(t) if t.starts_with(FORMULA_STARTS) => format!("'{t}"),
        Cell::Text(t) => t.clone(),
        Cell::Number(n) => n.to_string(),
        Cell::Date(d) => corridor_core::dates::format_date(*d),
        Cell::Bool(b) => b.to_string(),
    };
    // Writing into a Vec cannot fail.
    let _ = w.write_record(columns.iter().map(|c| c.name));
    for r in rows {
        let _ = w.write_record(r.iter().map(text));
    }
    w.into_inner().unwrap_or_default()
}

/// The rows of a sheet named `name` as an XLSX workbook.
pub fn write_xlsx(
    name: &str,
    columns: &[Column],
    rows: &[Vec<Cell>],
) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(name)?;
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0x00DD_E6F0));
    let shown = Format::new().set_font_color(Color::RGB(0x0066_6666));
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let last = u32::try_from(rows.len().max(1)).unwrap_or(u32::MAX);
    for (i, c) in columns.iter().enumerate() {
        let col = u16::try_from(i).unwrap_or(u16::MAX);
        ws.write_string_with_format(0, col, c.name, &header)?;
        ws.set_column_width(col, f64::from(c.width))?;
        if let ColumnKind::Choice(words) = c.kind {
            let list = DataValidation::new().allow_list_strings(words)?;
            ws.add_data_validation(1, col, last.max(1000), col, &list)?;
        }
    }
    for (r, cells) in rows.iter().enumerate() {
        let row = u32::try_from(r + 1).unwrap_or(u32::MAX);
        for (i, cell) in cells.iter().enumerate() {
            let col = u16::try_from(i).unwrap_or(u16::MAX);
            let read_only = columns.get(i).is_some_and(|c| c.read_only);
            match cell {
                Cell::Empty => {}
                Cell::Text(t) if read_only => {
                    ws.write_string_with_format(row, col, t, &shown)?;
                }
                Cell::Text(t) => {
                    ws.write_string(row, col, t)?;
                }
                Cell::Number(n) => {
                    ws.write_number(row, col, *n)?;
                }
                Cell::Bool(b) => {
                    ws.write_boolean(row, col, *b)?;
                }
                Cell::Date(d) => {
                    let x = ExcelDateTime::from_ymd(
                        u16::try_from(d.year()).unwrap_or(1900),
                        u8::from(d.month()),
                        d.day(),
                    )?;
                    ws.write_datetime_with_format(row, col, &x, &date)?;
                }
            }
        }
    }
    ws.set_freeze_panes(1, 0)?;
    let last_col = u16::try_from(columns.len().saturating_sub(1)).unwrap_or(0);
    ws.autofilter(0, 0, last, last_col)?;
    wb.save_to_buffer()
}

/// Reads a spreadsheet: XLSX when the bytes are a zip archive, else CSV.
pub fn read(bytes: &[u8]) -> Result<Table, CellError> {
    if bytes.starts_with(b"PK\x03\x04") {
        read_xlsx(bytes)
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        Err(CellError::file(
            "this is an old Excel (.xls) file; save it as .xlsx or as CSV UTF-8",
        ))
    } else {
        read_csv(bytes)
    }
}

/// The text of a CSV file: UTF-8 (with or without a byte-order mark) or UTF-16 with one.
fn decode(bytes: &[u8]) -> Result<String, CellError> {
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _, bad) = encoding.decode(bytes);
        if !bad {
            return Ok(text.into_owned());
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(t) => Ok(t.to_owned()),
        Err(e) => {
            let row = bytes[..e.valid_up_to()]
                .iter()
                .filter(|b| **b == b'\n')
                .count()
                + 1;
            Err(CellError {
                row,
                column: None,
                message: "the file is not UTF-8 text (it looks like another encoding, such as Windows-1252): \
                          save it as “CSV UTF-8” and try again"
                    .into(),
            })
        }
    }
}

/// The separator: whichever of comma, semicolon and tab the header line has most of.
fn separator(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or_default();
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|s| header.bytes().filter(|b| b == s).count())
        .unwrap_or(b',')
}

fn read_csv(bytes: &[u8]) -> Result<Table, CellError> {
    let text = decode(bytes)?;
    let text = text.trim_start_matches('\u{feff}');
    let mut r = csv::ReaderBuilder::new()
        .delimiter(separator(text))
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut table = Table::default();
    for (i, record) in r.records().enumerate() {
        let record = record.map_err(|e| CellError {
            row: e
                .position()
                .map_or(i + 1, |p| usize::try_from(p.line()).unwrap_or(i + 1)),
            column: None,
            message: format!("cannot be read as CSV: {e}"),
        })?;
        if i == 0 {
            table.headers = record.iter().map(|h| h.trim().to_owned()).collect();
            continue;
        }
        if table.rows.len() == MAX_ROWS + 1 {
            break;
        }
        let row = record
            .position()
            .map_or(i + 1, |p| usize::try_from(p.line()).unwrap_or(i + 1));
        table
            .rows
            .push((row, record.iter().map(csv_cell).collect()));
    }
    if table.headers.iter().all(String::is_empty) {
        return Err(CellError::file("the file is empty: there is no header row"));
    }
    Ok(table)
}

/// Refuses an archive that would unpack to more than `MAX_UNPACKED`, before calamine unpacks it.
fn check_size(bytes: &[u8]) -> Result<(), CellError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| {
        CellError::file("the file looks like XLSX but is not a readable zip archive")
    })?;
    let mut total = 0u64;
    for i in 0..zip.len() {
        let f = zip
            .by_index_raw(i)
            .map_err(|_| CellError::file("the XLSX archive is damaged"))?;
        total = total.saturating_add(f.size());
    }
    if total > MAX_UNPACKED {
        return Err(CellError::file(format!(
            "the XLSX file unpacks to {} MB; at most {} MB are read",
            total / 1_048_576,
            MAX_UNPACKED / 1_048_576
        )));
    }
    // The declared sizes could lie: read the first sheet with a cap as well.
    if let Ok(sheet) = zip.by_name("xl/worksheets/sheet1.xml") {
        let mut sink = std::io::sink();
        let read = std::io::copy(&mut sheet.take(MAX_UNPACKED + 1), &mut sink).unwrap_or(0);
        if read > MAX_UNPACKED {
            return Err(CellError::file("the XLSX sheet is larger than it declares"));
        }
    }
    Ok(())
}

fn read_xlsx(bytes: &[u8]) -> Result<Table, CellError> {
    use calamine::{Data, Reader, Xlsx};
    check_size(bytes)?;
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|e| CellError::file(format!("the XLSX file cannot be read: {e}")))?;
    let name = wb
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| CellError::file("the workbook has no sheet"))?;
    let range = wb
        .worksheet_range(&name)
        .map_err(|e| CellError::file(format!("the sheet “{name}” cannot be read: {e}")))?;
    let formulas = wb
        .worksheet_formula(&name)
        .map_err(|e| CellError::file(format!("the sheet “{name}” cannot be read: {e}")))?;
    if let Some((r, c)) = formulas.start() {
        for (dr, row) in formulas.rows().enumerate() {
            for (dc, f) in row.iter().enumerate() {
                if !f.is_empty() {
                    let row = r as usize + dr + 1;
                    let col = column_letter(c as usize + dc);
                    return Err(CellError {
                        row,
                        column: Some(col),
                        message: format!(
                            "holds a formula (={f}); copy the sheet and paste values only"
                        ),
                    });
                }
            }
        }
    }
    let Some((top, left)) = range.start() else {
        return Err(CellError::file(
            "the sheet is empty: there is no header row",
        ));
    };
    let mut table = Table::default();
    for (dr, row) in range.rows().enumerate() {
        let number = top as usize + dr + 1;
        // Columns to the left of the used range are empty.
        let mut cells = vec![Cell::Empty; left as usize];
        for (dc, v) in row.iter().enumerate() {
            cells.push(match v {
                Data::Empty => Cell::Empty,
                Data::String(s) => Cell::text(s.clone()),
                Data::Float(f) => Cell::Number(*f),
                #[expect(clippy::cast_precision_loss, reason = "spreadsheet numbers are f64")]
                Data::Int(i) => Cell::Number(*i as f64),
                Data::Bool(b) => Cell::Bool(*b),
                Data::DateTime(d) => match serial_date(d.as_f64()) {
                    Some(d) => Cell::Date(d),
                    None => Cell::Number(d.as_f64()),
                },
                Data::DateTimeIso(s) | Data::DurationIso(s) => {
                    Cell::text(s.get(..10).unwrap_or(s).to_owned())
                }
                Data::Error(e) => {
                    return Err(CellError {
                        row: number,
                        column: Some(column_letter(left as usize + dc)),
                        message: format!("holds a spreadsheet error ({e})"),
                    });
                }
            });
        }
        if dr == 0 {
            table.headers = cells
                .iter()
                .map(|c| match c {
                    Cell::Text(t) => t.trim().to_owned(),
                    _ => String::new(),
                })
                .collect();
        } else if table.rows.len() <= MAX_ROWS {
            table.rows.push((number, cells));
        }
    }
    Ok(table)
}

/// The date of a spreadsheet serial number (days since 1899-12-30), ignoring the time of day.
fn serial_date(serial: f64) -> Option<time::Date> {
    let epoch = time::macros::date!(1899 - 12 - 30);
    if !(0.0..2_958_466.0).contains(&serial) {
        return None;
    }
    #[expect(
        clippy::cast_possible_truncation,
        reason = "checked to be within the calendar above"
    )]
    let days = serial.floor() as i64;
    epoch.checked_add(time::Duration::days(days))
}

/// `A`, `B`, … `Z`, `AA`… for a zero-based column.
fn column_letter(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        #[expect(clippy::cast_possible_truncation, reason = "i % 26 < 26")]
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLUMNS: &[Column] = &[
        Column::edit("id", ColumnKind::Id, 10),
        Column::edit("status", ColumnKind::Choice(&["open", "done"]), 10),
        Column::edit("due_on", ColumnKind::Date, 12),
        Column::edit("text", ColumnKind::Text, 40),
        Column::shown("meeting", 20),
    ];

    fn rows() -> Vec<Vec<Cell>> {
        vec![
            vec![
                Cell::text("a1"),
                Cell::text("open"),
                Cell::Date(time::macros::date!(2026 - 03 - 31)),
                Cell::text("纺织 “quoted”, with a comma; اردو"),
                Cell::text("5th meeting"),
            ],
            vec![
                Cell::text("b2"),
                Cell::text("done"),
                Cell::Empty,
                Cell::text("x"),
                Cell::Empty,
            ],
        ]
    }

    #[test]
    fn xlsx_and_csv_read_back_what_they_wrote() {
        let xlsx = write_xlsx("Register", COLUMNS, &rows()).unwrap();
        let t = read(&xlsx).unwrap();
        assert_eq!(t.headers, ["id", "status", "due_on", "text", "meeting"]);
        assert_eq!(t.rows[0].0, 2);
        assert_eq!(t.rows[0].1, rows()[0]);
        assert_eq!(t.rows[1].1[..4], rows()[1][..4]);
        let csv = write_csv(COLUMNS, &rows());
        assert!(csv.starts_with(b"\xEF\xBB\xBFid,status,due_on,text,meeting\n"));
        let t = read(&csv).unwrap();
        assert_eq!(
            t.rows[0].1[3],
            Cell::text("纺织 “quoted”, with a comma; اردو")
        );
        assert_eq!(t.rows[0].1[2], Cell::text("2026-03-31"));
        assert_eq!(t.rows[1].0, 3);
        let risky = vec![vec![
            Cell::text("=HYPERLINK(\"http://x\")"),
            Cell::text("-5"),
            Cell::text("'quoted"),
        ]];
        let csv = write_csv(&COLUMNS[..3], &risky);
        let written = String::from_utf8(csv.clone()).unwrap();
        assert!(
            written.contains("\"'=HYPERLINK(") && written.contains(",'-5,"),
            "{written}"
        );
        assert_eq!(read(&csv).unwrap().rows[0].1, risky[0]);
    }

    #[test]
    fn other_separators_and_utf16_are_read_and_other_encodings_refused() {
        let t = read("id;status\na;open\n".as_bytes()).unwrap();
        assert_eq!(t.rows[0].1, [Cell::text("a"), Cell::text("open")]);
        let t = read(b"id\tstatus\nb\tdone\n").unwrap();
        assert_eq!(t.rows[0].1[1], Cell::text("done"));
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "id,text\nc,纺织\n".encode_utf16() {
            utf16.extend(u.to_le_bytes());
        }
        assert_eq!(read(&utf16).unwrap().rows[0].1[1], Cell::text("纺织"));
        let latin1 = b"id,text\nd,caf\xe9\n";
        let e = read(latin1).unwrap_err();
        assert_eq!(e.row, 2);
        assert!(e.message.contains("CSV UTF-8"), "{e}");
        assert!(read(b"").unwrap_err().message.contains("empty"));
        assert!(
            read(b"PK\x03\x04garbage")
                .unwrap_err()
                .message
                .contains("zip")
        );
    }

    #[test]
    fn a_formula_is_refused_with_its_cell() {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        ws.write_string(0, 0, "id").unwrap();
        ws.write_string(0, 1, "status").unwrap();
        ws.write_formula(2, 1, "=UPPER(\"open\")").unwrap();
        let e = read(&wb.save_to_buffer().unwrap()).unwrap_err();
        assert_eq!((e.row, e.column.as_deref()), (3, Some("B")), "{e}");
        assert!(e.message.contains("formula"), "{e}");
    }

    #[test]
    fn columns_are_lettered_like_a_spreadsheet() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(
            serial_date(46_112.0),
            Some(time::macros::date!(2026 - 03 - 31))
        );
    }
}
