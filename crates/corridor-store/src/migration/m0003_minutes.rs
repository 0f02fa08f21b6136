//! Agreed minutes: per-item minutes text, frozen versions, the counterpart's redlines, co-chairs' signatures,
//! and the signers' encrypted keys.

use super::{fk, id, record_columns};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn entries() -> TableCreateStatement {
    let mut t = Table::create();
    t.table("minutes_entries")
        .col(id())
        .col(ColumnDef::new("meeting_id").string().not_null())
        .col(ColumnDef::new("agenda_item_id").string().not_null())
        .col(ColumnDef::new("text").text().not_null())
        .index(
            Index::create()
                .name("minutes_entries_item_key")
                .col("agenda_item_id")
                .unique(),
        )
        .foreign_key(&mut fk(
            "minutes_entries_meeting_fkey",
            "minutes_entries",
            "meeting_id",
            "meetings",
        ))
        .foreign_key(&mut fk(
            "minutes_entries_item_fkey",
            "minutes_entries",
            "agenda_item_id",
            "agenda_items",
        ));
    record_columns(&mut t, "minutes_entries");
    t.to_owned()
}

fn versions() -> TableCreateStatement {
    let mut t = Table::create();
    t.table("minutes_versions")
        .col(id())
        .col(ColumnDef::new("meeting_id").string().not_null())
        .col(ColumnDef::new("number").integer().not_null())
        .col(ColumnDef::new("status").string().not_null())
        .col(ColumnDef::new("content").text().not_null())
        .col(ColumnDef::new("content_hash").string().not_null())
        .col(ColumnDef::new("reviewed_by_party_id").string().null())
        .index(
            Index::create()
                .name("minutes_versions_number_key")
                .col("meeting_id")
                .col("number")
                .unique(),
        )
        .foreign_key(&mut fk(
            "minutes_versions_meeting_fkey",
            "minutes_versions",
            "meeting_id",
            "meetings",
        ));
    record_columns(&mut t, "minutes_versions");
    t.to_owned()
}

fn redlines() -> TableCreateStatement {
    let mut t = Table::create();
    t.table("minutes_redlines")
        .col(id())
        .col(ColumnDef::new("version_id").string().not_null())
        .col(ColumnDef::new("agenda_item_id").string().not_null())
        .col(ColumnDef::new("proposed_text").text().not_null())
        .col(ColumnDef::new("status").string().not_null())
        .col(ColumnDef::new("reason").text().null())
        .foreign_key(&mut fk(
            "minutes_redlines_version_fkey",
            "minutes_redlines",
            "version_id",
            "minutes_versions",
        ))
        .foreign_key(&mut fk(
            "minutes_redlines_item_fkey",
            "minutes_redlines",
            "agenda_item_id",
            "agenda_items",
        ));
    record_columns(&mut t, "minutes_redlines");
    t.to_owned()
}

fn signatures() -> TableCreateStatement {
    let mut t = Table::create();
    t.table("minutes_signatures")
        .col(id())
        .col(ColumnDef::new("version_id").string().not_null())
        .col(ColumnDef::new("person_id").string().not_null())
        .col(ColumnDef::new("party_id").string().not_null())
        .col(ColumnDef::new("public_key").string().not_null())
        .col(ColumnDef::new("signature").string().not_null())
        .index(
            Index::create()
                .name("minutes_signatures_party_key")
                .col("version_id")
                .col("party_id")
                .unique(),
        )
        .foreign_key(&mut fk(
            "minutes_signatures_version_fkey",
            "minutes_signatures",
            "version_id",
            "minutes_versions",
        ))
        .foreign_key(&mut fk(
            "minutes_signatures_person_fkey",
            "minutes_signatures",
            "person_id",
            "people",
        ));
    record_columns(&mut t, "minutes_signatures");
    t.to_owned()
}

fn signing_keys() -> TableCreateStatement {
    Table::create()
        .table("signing_keys")
        .col(
            ColumnDef::new("person_id")
                .string()
                .not_null()
                .primary_key(),
        )
        .col(ColumnDef::new("public_key").string().not_null())
        .col(ColumnDef::new("encrypted_key").string().not_null())
        .col(ColumnDef::new("salt").string().not_null())
        .col(ColumnDef::new("nonce").string().not_null())
        .col(
            ColumnDef::new("created_at")
                .timestamp_with_time_zone()
                .not_null(),
        )
        .foreign_key(&mut fk(
            "signing_keys_person_fkey",
            "signing_keys",
            "person_id",
            "people",
        ))
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            entries(),
            versions(),
            redlines(),
            signatures(),
            signing_keys(),
        ] {
            manager.create_table(t).await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("minutes_redlines_version_idx")
                    .table("minutes_redlines")
                    .col("version_id")
                    .to_owned(),
            )
            .await
    }
}
