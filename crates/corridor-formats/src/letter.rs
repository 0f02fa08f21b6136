//! An invitation letter from the host side to one approved nominee of an exchange: what a consulate reads
//! when the nominee applies for a visa. Filled from the exchange as the host sees it, laid out by the PDF
//! module.

use serde::Serialize;

/// One stop of the programme as the letter lists it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct LetterStop {
    /// The day, `YYYY-MM-DD`.
    pub day: String,
    /// The time, or empty.
    pub at: String,
    /// The place.
    pub site: String,
}

/// Everything the letter says.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct LetterDocument {
    /// Our reference: the exchange and the nomination, shortened.
    pub reference: String,
    /// The day it is issued.
    pub issued_on: String,
    /// The host government.
    pub host_party: String,
    /// The organisation issuing it for the host.
    pub issuer: String,
    /// The nominee's name.
    pub name: String,
    /// Their position, or empty.
    pub position: String,
    /// Their organisation, or empty.
    pub organisation: String,
    /// The sending government.
    pub sending_party: String,
    /// The exchange's title.
    pub title: String,
    /// Its Chinese title, or empty.
    pub title_zh: String,
    /// What it is for, or empty.
    pub purpose: String,
    /// First and last day, `YYYY-MM-DD`.
    pub starts_on: String,
    /// Last day.
    pub ends_on: String,
    /// The request it answers, e.g. "the request recorded at the 5th meeting of …", or empty.
    pub request: String,
    /// The programme so far.
    pub programme: Vec<LetterStop>,
}
