//! Consultations on a version of an instrument, and the organisations' responses with their comments.

use super::{fk, id, record_columns};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut t = Table::create();
        t.table("consultations")
            .col(id())
            .col(ColumnDef::new("instrument_id").string().not_null())
            .col(ColumnDef::new("version_id").string().not_null())
            .col(ColumnDef::new("title").string().not_null())
            .col(ColumnDef::new("deadline").date().not_null())
            .col(ColumnDef::new("organisation_ids").text().not_null())
            .foreign_key(&mut fk(
                "consultations_instrument_fkey",
                "consultations",
                "instrument_id",
                "instruments",
            ))
            .foreign_key(&mut fk(
                "consultations_version_fkey",
                "consultations",
                "version_id",
                "instrument_versions",
            ));
        record_columns(&mut t, "consultations");
        manager.create_table(t.to_owned()).await?;
        let mut t = Table::create();
        t.table("consultation_responses")
            .col(id())
            .col(ColumnDef::new("consultation_id").string().not_null())
            .col(ColumnDef::new("organisation_id").string().not_null())
            .col(
                ColumnDef::new("position")
                    .string()
                    .not_null()
                    .check(Expr::col("position").is_in(["no_objection", "comments", "objection"])),
            )
            .col(ColumnDef::new("responded_on").date().not_null())
            .col(ColumnDef::new("comments").text().not_null())
            .index(
                Index::create()
                    .name("consultation_responses_organisation_key")
                    .col("consultation_id")
                    .col("organisation_id")
                    .unique(),
            )
            .foreign_key(&mut fk(
                "consultation_responses_consultation_fkey",
                "consultation_responses",
                "consultation_id",
                "consultations",
            ))
            .foreign_key(&mut fk(
                "consultation_responses_organisation_fkey",
                "consultation_responses",
                "organisation_id",
                "organisations",
            ));
        record_columns(&mut t, "consultation_responses");
        manager.create_table(t.to_owned()).await
    }
}
