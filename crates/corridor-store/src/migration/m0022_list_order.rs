//! The register lists items in the order they were recorded and the portfolio lists projects by name, a page
//! at a time. With 200,000 items (the benchmark suite's world) sorting the whole table for each page took
//! about 90 ms; an index in the list's own order lets a page stop after its rows.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name("register_items_recorded_idx")
                    .if_not_exists()
                    .table(Alias::new("register_items"))
                    .col(Alias::new("created_at"))
                    .col(Alias::new("id"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("projects_name_idx")
                    .if_not_exists()
                    .table(Alias::new("projects"))
                    .col(Alias::new("name"))
                    .col(Alias::new("id"))
                    .to_owned(),
            )
            .await
    }
}
