//! What a form body, a query string or a JSON body becomes: the pairs or the JSON object, deserialized into
//! the input of each kind of record the interface writes, and validated into the record. Bad input gives
//! field errors, never a panic.
#![no_main]

use corridor_core::directory::{NewOrganisation, NewPerson, OrganisationInput, PersonInput};
use corridor_core::exchange::{ExchangeInput, NewExchange};
use corridor_core::meeting::{
    AgendaItemInput, MeetingInput, NewAgendaItem, NewMeeting, NewOutcome, OutcomeInput,
};
use corridor_core::portfolio::{NewProject, ProjectInput};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Deserializes `value` as `I` and, when that works, validates it into `N`.
fn check<I, N>(value: &Value)
where
    I: DeserializeOwned,
    N: for<'a> TryFrom<&'a I>,
{
    if let Ok(input) = serde_json::from_value::<I>(value.clone()) {
        let _ = N::try_from(&input);
    }
}

fn every_input(value: &Value) {
    check::<MeetingInput, NewMeeting>(value);
    check::<AgendaItemInput, NewAgendaItem>(value);
    check::<OutcomeInput, NewOutcome>(value);
    check::<OrganisationInput, NewOrganisation>(value);
    check::<PersonInput, NewPerson>(value);
    check::<ProjectInput, NewProject>(value);
    check::<ExchangeInput, NewExchange>(value);
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    // As a form body or a query string …
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(data).unwrap_or_default();
    every_input(&corridor_core::input::pairs_value(pairs));
    // … and as a JSON body.
    if let Ok(value) = serde_json::from_slice::<Value>(data) {
        every_input(&value);
    }
});
