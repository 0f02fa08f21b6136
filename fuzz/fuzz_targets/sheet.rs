//! A spreadsheet upload: CSV in any encoding and separator, or XLSX (a zip of XML parts). Any bytes give a
//! table or an error naming the row and column, never a panic.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = corridor_formats::sheet::read(data);
});
