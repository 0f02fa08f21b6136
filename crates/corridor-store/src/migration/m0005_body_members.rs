//! Bodies name their members: the people who sit on them for each side.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("bodies")
                    .add_column(ColumnDef::new("member_ids").text().not_null().default("[]"))
                    .to_owned(),
            )
            .await
    }
}
