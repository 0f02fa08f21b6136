//! Pure conversions from Corridor's views to external formats. No I/O: callers hand in views, get bytes.

pub mod atom;
pub mod iati;
pub mod iati_read;
pub mod ical;
pub mod letter;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod record;
pub mod sheet;
pub mod text;
