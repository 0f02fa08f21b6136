//! Instruments: agreements with their parties and lineage, versions of their text with clauses in three
//! languages, and the steps of their life, joint and domestic.

use super::{fk, id, record_columns};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_table(instruments()).await?;
        manager.create_table(versions()).await?;
        manager.create_table(steps()).await
    }
}

fn instruments() -> TableCreateStatement {
    let mut t = Table::create();
    t.table("instruments")
        .col(id())
        .col(ColumnDef::new("kind").string().not_null())
        .col(ColumnDef::new("title").text().not_null())
        .col(
            ColumnDef::new("translations")
                .text()
                .not_null()
                .default("{}"),
        )
        .col(ColumnDef::new("party_ids").text().not_null())
        .col(ColumnDef::new("body_id").string().null())
        .col(ColumnDef::new("umbrella").boolean().not_null())
        .col(ColumnDef::new("open_to_accession").boolean().not_null())
        .col(ColumnDef::new("lineage").text().not_null().default("[]"))
        .foreign_key(&mut fk(
            "instruments_body_fkey",
            "instruments",
            "body_id",
            "bodies",
        ));
    record_columns(&mut t, "instruments");
    t.to_owned()
}

fn versions() -> TableCreateStatement {
    let mut t = Table::create();
    t.table("instrument_versions")
        .col(id())
        .col(ColumnDef::new("instrument_id").string().not_null())
        .col(ColumnDef::new("number").integer().not_null())
        .col(ColumnDef::new("label").string().not_null())
        .col(ColumnDef::new("author_party_id").string().not_null())
        .col(ColumnDef::new("dated_on").date().not_null())
        .col(
            ColumnDef::new("status")
                .string()
                .not_null()
                .check(Expr::col("status").is_in(["draft", "shared", "superseded", "agreed_text"])),
        )
        .col(ColumnDef::new("clauses").text().not_null())
        .col(ColumnDef::new("authentic").text().not_null())
        .col(ColumnDef::new("stale").text().not_null().default("{}"))
        .index(
            Index::create()
                .name("instrument_versions_number_key")
                .col("instrument_id")
                .col("number")
                .unique(),
        )
        .foreign_key(&mut fk(
            "instrument_versions_instrument_fkey",
            "instrument_versions",
            "instrument_id",
            "instruments",
        ))
        .foreign_key(&mut fk(
            "instrument_versions_author_fkey",
            "instrument_versions",
            "author_party_id",
            "parties",
        ));
    record_columns(&mut t, "instrument_versions");
    t.to_owned()
}

fn steps() -> TableCreateStatement {
    let mut t = Table::create();
    t.table("instrument_steps")
        .col(id())
        .col(ColumnDef::new("instrument_id").string().not_null())
        .col(ColumnDef::new("kind").string().not_null())
        .col(ColumnDef::new("party_id").string().null())
        .col(
            ColumnDef::new("status")
                .string()
                .not_null()
                .check(Expr::col("status").is_in(["planned", "done"])),
        )
        .col(ColumnDef::new("acted_on").date().null())
        .col(ColumnDef::new("effective_on").date().null())
        .col(ColumnDef::new("consent_type").string().null())
        .col(ColumnDef::new("organisation_id").string().null())
        .col(ColumnDef::new("person_id").string().null())
        .col(ColumnDef::new("note").text().null())
        .foreign_key(&mut fk(
            "instrument_steps_instrument_fkey",
            "instrument_steps",
            "instrument_id",
            "instruments",
        ))
        .foreign_key(&mut fk(
            "instrument_steps_party_fkey",
            "instrument_steps",
            "party_id",
            "parties",
        ))
        .foreign_key(&mut fk(
            "instrument_steps_organisation_fkey",
            "instrument_steps",
            "organisation_id",
            "organisations",
        ))
        .foreign_key(&mut fk(
            "instrument_steps_person_fkey",
            "instrument_steps",
            "person_id",
            "people",
        ));
    record_columns(&mut t, "instrument_steps");
    t.to_owned()
}
