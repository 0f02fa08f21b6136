//! Accession: parties are members of the framework or third parties; a third party's requests to join
//! instruments and the existing parties' decisions; and the third parties each shared record reaches.

use super::{fk, id, record_columns};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("parties")
                    .add_column(
                        ColumnDef::new("standing")
                            .string()
                            .not_null()
                            .default("member"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("record_parties")
                    .col(ColumnDef::new("entity").string().not_null())
                    .col(ColumnDef::new("entity_id").string().not_null())
                    .col(ColumnDef::new("party_id").string().not_null())
                    .col(ColumnDef::new("granted_seq").big_integer().not_null())
                    .primary_key(
                        Index::create()
                            .col("entity")
                            .col("entity_id")
                            .col("party_id"),
                    )
                    .foreign_key(&mut fk(
                        "record_parties_party_fkey",
                        "record_parties",
                        "party_id",
                        "parties",
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_table(accessions()).await?;
        manager.create_table(decisions()).await
    }
}

fn accessions() -> TableCreateStatement {
    let mut t = Table::create();
    t.table("accessions")
        .col(id())
        .col(ColumnDef::new("instrument_id").string().not_null())
        .col(ColumnDef::new("party_id").string().not_null())
        .col(ColumnDef::new("requested_on").date().not_null())
        .col(
            ColumnDef::new("status")
                .string()
                .not_null()
                .check(Expr::col("status").is_in(["requested", "accepted", "refused"])),
        )
        .col(ColumnDef::new("decided_on").date().null())
        .col(ColumnDef::new("note").text().null())
        .foreign_key(&mut fk(
            "accessions_instrument_fkey",
            "accessions",
            "instrument_id",
            "instruments",
        ))
        .foreign_key(&mut fk(
            "accessions_party_fkey",
            "accessions",
            "party_id",
            "parties",
        ));
    record_columns(&mut t, "accessions");
    t.to_owned()
}

fn decisions() -> TableCreateStatement {
    let mut t = Table::create();
    t.table("accession_decisions")
        .col(id())
        .col(ColumnDef::new("accession_id").string().not_null())
        .col(ColumnDef::new("party_id").string().not_null())
        .col(
            ColumnDef::new("decision")
                .string()
                .not_null()
                .check(Expr::col("decision").is_in(["consent", "objection"])),
        )
        .col(ColumnDef::new("decided_on").date().not_null())
        .col(ColumnDef::new("note").text().null())
        .index(
            Index::create()
                .name("accession_decisions_party_key")
                .col("accession_id")
                .col("party_id")
                .unique(),
        )
        .foreign_key(&mut fk(
            "accession_decisions_accession_fkey",
            "accession_decisions",
            "accession_id",
            "accessions",
        ))
        .foreign_key(&mut fk(
            "accession_decisions_party_fkey",
            "accession_decisions",
            "party_id",
            "parties",
        ));
    record_columns(&mut t, "accession_decisions");
    t.to_owned()
}
