//! HTTP tests through the real router on a fresh database per test (SQLite, and PostgreSQL when
//! `CORRIDOR_TEST_POSTGRES` is set), with the demo world loaded.

mod accession;
mod alerts;
mod api;
mod directory_sheets;
mod documents;
mod exchanges;
mod feeds;
mod files;
mod iati;
mod iati_upload;
mod impact;
mod instruments;
mod language;
mod links;
mod matrix;
mod matters_arising;
mod meetings;
mod milestone_sheets;
mod minutes;
mod news;
mod news_mail;
mod pages;
mod portfolio;
mod probe;
mod search;
mod sheets;
mod studies;
mod support;
mod webhooks;
mod xss;
mod zones;
