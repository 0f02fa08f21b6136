//! A foreign key is how a record finds its children (a project's milestones, updates, finance lines and risks;
//! a study's experts; an exchange's participants). Without an index on the key, each such read scanned the
//! whole child table: a project's page took about 150 ms in the benchmark suite's world of 20,000 projects.
//! The schema test `every_foreign_key_leads_an_index_unless_it_names_a_party` keeps this true for later tables.

use sea_orm_migration::prelude::*;

/// `(table, column)`: each foreign key that led no index before this migration. Keys naming a party are left
/// out on purpose: there are a handful of parties and no list reads a party's records through that column.
const KEYS: &[(&str, &str)] = &[
    ("accessions", "instrument_id"),
    ("actuals", "period_id"),
    ("agenda_items", "parent_id"),
    ("agenda_items", "presenter_id"),
    ("api_tokens", "user_id"),
    ("attachments", "sha256"),
    ("bodies", "parent_id"),
    ("business_mous", "matchmaking_id"),
    ("consultation_responses", "organisation_id"),
    ("consultations", "instrument_id"),
    ("consultations", "version_id"),
    ("delegates", "on_behalf_of_id"),
    ("delegates", "organisation_id"),
    ("delegates", "person_id"),
    ("delegates", "represented_by_id"),
    ("deliveries", "user_id"),
    ("delivery_attempts", "delivery_id"),
    ("exchanges", "request_item_id"),
    ("finance", "instrument_id"),
    ("finance", "project_id"),
    ("indicators", "result_id"),
    ("instrument_steps", "instrument_id"),
    ("instrument_steps", "organisation_id"),
    ("instrument_steps", "person_id"),
    ("instruments", "body_id"),
    ("investment_intentions", "company_id"),
    ("investment_intentions", "project_id"),
    ("matchmakings", "exchange_id"),
    ("matchmakings", "meeting_id"),
    ("memberships", "on_behalf_of_id"),
    ("milestones", "project_id"),
    ("minutes_entries", "meeting_id"),
    ("minutes_redlines", "agenda_item_id"),
    ("minutes_signatures", "person_id"),
    ("nominations", "exchange_id"),
    ("nominations", "letter_sha256"),
    ("nominations", "organisation_id"),
    ("notifications", "alert_id"),
    ("organisations", "parent_id"),
    ("programme_items", "company_id"),
    ("programme_items", "exchange_id"),
    ("programme_items", "project_id"),
    ("progress_updates", "organisation_id"),
    ("progress_updates", "project_id"),
    ("projects", "instrument_id"),
    ("projects", "parent_id"),
    ("recommendations", "register_item_id"),
    ("register_items", "agenda_item_id"),
    ("register_reviews", "meeting_id"),
    ("results", "parent_id"),
    ("risks", "owner_org_id"),
    ("risks", "project_id"),
    ("sessions", "user_id"),
    ("studies", "body_id"),
    ("study_experts", "organisation_id"),
    ("study_experts", "study_id"),
    ("study_reports", "sha256"),
    ("study_reports", "study_id"),
    ("users", "organisation_id"),
    ("webhook_attempts", "call_id"),
    ("webhook_calls", "webhook_id"),
    ("webhooks", "organisation_id"),
    ("webhooks", "owner_user_id"),
];

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, column) in KEYS {
            manager
                .create_index(
                    Index::create()
                        .name(format!("{table}_{column}_fk_idx"))
                        .if_not_exists()
                        .table(Alias::new(*table))
                        .col(Alias::new(*column))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
