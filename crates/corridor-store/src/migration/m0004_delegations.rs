//! Delegations: each side's delegates to a meeting and their attendance.

use super::record_columns;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn fk(name: &str, col: &str, to_table: &str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from("delegates", Alias::new(col))
        .to(Alias::new(to_table), "id")
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut t = Table::create();
        t.table("delegates")
            .col(ColumnDef::new("id").string().not_null().primary_key())
            .col(ColumnDef::new("meeting_id").string().not_null())
            .col(ColumnDef::new("party_id").string().not_null())
            .col(ColumnDef::new("person_id").string().not_null())
            .col(ColumnDef::new("organisation_id").string().not_null())
            .col(ColumnDef::new("title").string().null())
            .col(ColumnDef::new("on_behalf_of_id").string().null())
            .col(ColumnDef::new("attendance").string().not_null())
            .col(ColumnDef::new("represented_by_id").string().null())
            .index(
                Index::create()
                    .name("delegates_person_key")
                    .col("meeting_id")
                    .col("person_id")
                    .unique(),
            )
            .foreign_key(&mut fk("delegates_meeting_fkey", "meeting_id", "meetings"))
            .foreign_key(&mut fk("delegates_party_fkey", "party_id", "parties"))
            .foreign_key(&mut fk("delegates_person_fkey", "person_id", "people"))
            .foreign_key(&mut fk(
                "delegates_organisation_fkey",
                "organisation_id",
                "organisations",
            ))
            .foreign_key(&mut fk(
                "delegates_on_behalf_of_fkey",
                "on_behalf_of_id",
                "organisations",
            ))
            .foreign_key(&mut fk(
                "delegates_represented_by_fkey",
                "represented_by_id",
                "people",
            ));
        record_columns(&mut t, "delegates");
        manager.create_table(t.to_owned()).await
    }
}
