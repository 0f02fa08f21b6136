//! Attachments: file contents stored once, addressed by their SHA-256, and the audited links that attach them
//! to records and carry the records' visibility.

use super::{id, record_columns};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("files")
                    .col(ColumnDef::new("sha256").string().not_null().primary_key())
                    .col(ColumnDef::new("media_type").string().not_null())
                    .col(ColumnDef::new("size").big_integer().not_null())
                    .col(ColumnDef::new("content").binary().not_null())
                    .col(
                        ColumnDef::new("created_at")
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        let mut t = Table::create();
        t.table("attachments")
            .col(id())
            .col(
                ColumnDef::new("entity")
                    .string()
                    .not_null()
                    .check(Expr::col("entity").is_in(["instrument_step", "instrument_version"])),
            )
            .col(ColumnDef::new("entity_id").string().not_null())
            .col(ColumnDef::new("sha256").string().not_null())
            .col(ColumnDef::new("filename").string().not_null())
            .col(ColumnDef::new("media_type").string().not_null())
            .col(ColumnDef::new("size").big_integer().not_null())
            .foreign_key(
                &mut ForeignKey::create()
                    .name("attachments_file_fkey")
                    .from(Alias::new("attachments"), Alias::new("sha256"))
                    .to(Alias::new("files"), Alias::new("sha256"))
                    .to_owned(),
            );
        record_columns(&mut t, "attachments");
        manager.create_table(t.to_owned()).await
    }
}
