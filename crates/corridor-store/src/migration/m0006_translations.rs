//! Chinese and Urdu beside English: agenda titles, minutes and outcomes carry their other language versions,
//! and a redline says which language it changes.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE.
        for table in ["agenda_items", "minutes_entries", "register_items"] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new(table))
                        .add_column(
                            ColumnDef::new("translations")
                                .text()
                                .not_null()
                                .default("{}"),
                        )
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table("minutes_redlines")
                    .add_column(
                        ColumnDef::new("language")
                            .string()
                            .not_null()
                            .default("en")
                            .check(Expr::col("language").is_in(["en", "zh", "ur"])),
                    )
                    .to_owned(),
            )
            .await
    }
}
