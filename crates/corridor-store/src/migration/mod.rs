//! The schema's migrations: one backend-neutral set, embedded, append-only. Never edit one that has shipped;
//! add the next.

use sea_orm_migration::prelude::*;

mod m0001_foundation;
mod m0002_meetings;
mod m0003_minutes;
mod m0004_delegations;
mod m0005_body_members;
mod m0006_translations;
mod m0007_user_time_zone;
mod m0008_record_links;
mod m0009_instruments;
mod m0010_consultations;
mod m0011_attachments;
mod m0012_accession;
mod m0013_portfolio;
mod m0014_studies;
mod m0015_exchanges;
mod m0016_results;
mod m0017_alerts;
mod m0018_webhooks;
mod m0019_unread_index;
mod m0020_iati;
mod m0021_user_language;
mod m0022_list_order;
mod m0023_foreign_key_indexes;
mod m0024_arising_order;
mod m0025_news;

/// Every migration this binary knows, oldest first.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m0001_foundation::Migration),
            Box::new(m0002_meetings::Migration),
            Box::new(m0003_minutes::Migration),
            Box::new(m0004_delegations::Migration),
            Box::new(m0005_body_members::Migration),
            Box::new(m0006_translations::Migration),
            Box::new(m0007_user_time_zone::Migration),
            Box::new(m0008_record_links::Migration),
            Box::new(m0009_instruments::Migration),
            Box::new(m0010_consultations::Migration),
            Box::new(m0011_attachments::Migration),
            Box::new(m0012_accession::Migration),
            Box::new(m0013_portfolio::Migration),
            Box::new(m0014_studies::Migration),
            Box::new(m0015_exchanges::Migration),
            Box::new(m0016_results::Migration),
            Box::new(m0017_alerts::Migration),
            Box::new(m0018_webhooks::Migration),
            Box::new(m0019_unread_index::Migration),
            Box::new(m0020_iati::Migration),
            Box::new(m0021_user_language::Migration),
            Box::new(m0022_list_order::Migration),
            Box::new(m0023_foreign_key_indexes::Migration),
            Box::new(m0024_arising_order::Migration),
            Box::new(m0025_news::Migration),
        ]
    }
}

/// The columns every record that parties may see carries: owner party and organisation, visibility,
/// optimistic-locking version, and timestamps.
pub(crate) fn record_columns(t: &mut TableCreateStatement, table: &str) {
    t.col(ColumnDef::new("owner_party_id").string().not_null())
        .col(ColumnDef::new("owner_organisation_id").string().null())
        .col(
            ColumnDef::new("visibility")
                .string()
                .not_null()
                .check(Expr::col("visibility").is_in(["public", "shared", "party", "restricted"])),
        )
        .col(ColumnDef::new("version").big_integer().not_null())
        .col(
            ColumnDef::new("created_at")
                .timestamp_with_time_zone()
                .not_null(),
        )
        .col(
            ColumnDef::new("updated_at")
                .timestamp_with_time_zone()
                .not_null(),
        )
        .foreign_key(
            ForeignKey::create()
                .name(format!("{table}_owner_party_fkey"))
                .from(Alias::new(table), "owner_party_id")
                .to("parties", "id"),
        );
}

/// A text primary key named `id`.
pub(crate) fn id() -> ColumnDef {
    ColumnDef::new("id")
        .string()
        .not_null()
        .primary_key()
        .to_owned()
}

/// A named foreign key from `from_table.from_col` to `to_table.id`.
pub(crate) fn fk(
    name: &str,
    from_table: &str,
    from_col: &str,
    to_table: &str,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(Alias::new(from_table), Alias::new(from_col))
        .to(Alias::new(to_table), "id")
        .to_owned()
}
