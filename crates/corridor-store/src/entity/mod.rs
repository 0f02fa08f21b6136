//! The sea-orm entities, one per table. Models serialise to the canonical payload written into the event log,
//! so a field that must not be disclosed is digested or skipped here, once.

pub mod accession;
pub mod accession_decision;
pub mod actual;
pub mod agenda_item;
pub mod alert;
pub mod alert_setting;
pub mod api_token;
pub mod attachment;
pub mod body;
pub mod briefing_note;
pub mod business_mou;
pub mod chain_head;
pub mod company;
pub mod consultation;
pub mod consultation_response;
pub mod delegate;
pub mod delivery;
pub mod delivery_attempt;
pub mod event;
pub mod exchange;
pub mod file;
pub mod finance;
pub mod follow;
pub mod iati_activity;
pub mod indicator;
pub mod indicator_period;
pub mod indicator_standing;
pub mod instrument;
pub mod instrument_step;
pub mod instrument_version;
pub mod intention;
pub mod log_cursor;
pub mod matchmaking;
pub mod meeting;
pub mod membership;
pub mod milestone;
pub mod minutes_entry;
pub mod minutes_redline;
pub mod minutes_signature;
pub mod minutes_version;
pub mod news_approval;
pub mod news_item;
pub mod news_subscriber;
pub mod nomination;
pub mod notification;
pub mod organisation;
pub mod party;
pub mod person;
pub mod programme_item;
pub mod progress_update;
pub mod project;
pub mod public_mail;
pub mod public_mail_attempt;
pub mod recommendation;
pub mod record_access;
pub mod record_parties;
pub mod register_item;
pub mod result_node;
pub mod review;
pub mod risk;
pub mod scheduler_run;
pub mod session;
pub mod signing_key;
pub mod study;
pub mod study_expert;
pub mod study_report;
pub mod user;
pub mod webhook;
pub mod webhook_attempt;
pub mod webhook_call;

use serde::Serializer;
use sha2::{Digest, Sha256};

/// Writes a secret column as its SHA-256, so the event log can prove the column unchanged without holding it.
pub(crate) fn digest<S: Serializer>(value: &str, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&hex::encode(Sha256::digest(value.as_bytes())))
}
