//! Activities imported from other publishers' IATI files: which project each identifier became, what of the
//! activity Corridor has no field for (kept readable, never dropped), the problems found in it, and the
//! transactions already taken, so a second import of the same file updates instead of duplicating.

use super::fk;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("iati_activities")
                    .col(
                        ColumnDef::new("identifier")
                            .string()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new("project_id").string().not_null())
                    .col(ColumnDef::new("unmapped").text().not_null())
                    .col(ColumnDef::new("problems").text().not_null())
                    .col(ColumnDef::new("transactions").text().not_null())
                    .col(ColumnDef::new("file").string().not_null())
                    .col(ColumnDef::new("imported_by").string().not_null())
                    .col(
                        ColumnDef::new("imported_at")
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut fk(
                        "iati_activities_project_fkey",
                        "iati_activities",
                        "project_id",
                        "projects",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("iati_activities_project_idx")
                    .table(Alias::new("iati_activities"))
                    .col(Alias::new("project_id"))
                    .to_owned(),
            )
            .await
    }
}
