//! The store's story suite. Every test runs on SQLite and, when `CORRIDOR_TEST_POSTGRES` is set, on PostgreSQL.

mod accession;
mod accounts;
mod alerts;
mod audit;
mod bulk;
mod business;
mod consultations;
mod delegation;
mod demo;
mod directory;
mod exchanges;
mod instruments;
mod languages;
mod links;
mod meeting;
mod minutes;
mod portfolio;
mod results;
mod schema;
mod studies;
mod support;
mod transfer;
mod visibility;
