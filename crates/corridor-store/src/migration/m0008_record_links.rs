//! Agenda items and outcomes link to the records they discuss, stored as `kind:id` strings.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["agenda_items", "register_items"] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new(table))
                        .add_column(ColumnDef::new("links").text().not_null().default("[]"))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
