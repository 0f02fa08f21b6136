//! Joint diagnostic studies: the study, its expert team, its report versions (file contents in `files`), and
//! its findings with recommendations, which become register items when a meeting accepts the report.

use super::{fk, id, record_columns};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_table(studies()).await?;
        manager.create_table(experts()).await?;
        manager.create_table(reports()).await?;
        manager.create_table(recommendations()).await
    }
}

fn studies() -> TableCreateStatement {
    let mut t = Table::create();
    t.table("studies")
        .col(id())
        .col(ColumnDef::new("sector").string().not_null())
        .col(ColumnDef::new("title").text().not_null())
        .col(
            ColumnDef::new("translations")
                .text()
                .not_null()
                .default("{}"),
        )
        .col(ColumnDef::new("terms_of_reference").text().null())
        .col(ColumnDef::new("body_id").string().not_null())
        .col(ColumnDef::new("phases").text().not_null().default("[]"))
        .foreign_key(&mut fk("studies_body_fkey", "studies", "body_id", "bodies"));
    record_columns(&mut t, "studies");
    t.to_owned()
}

fn experts() -> TableCreateStatement {
    let mut t = Table::create();
    t.table("study_experts")
        .col(id())
        .col(ColumnDef::new("study_id").string().not_null())
        .col(ColumnDef::new("name").string().not_null())
        .col(ColumnDef::new("party_id").string().not_null())
        .col(ColumnDef::new("organisation_id").string().null())
        .col(ColumnDef::new("role").string().null())
        .foreign_key(&mut fk(
            "study_experts_study_fkey",
            "study_experts",
            "study_id",
            "studies",
        ))
        .foreign_key(&mut fk(
            "study_experts_party_fkey",
            "study_experts",
            "party_id",
            "parties",
        ))
        .foreign_key(&mut fk(
            "study_experts_organisation_fkey",
            "study_experts",
            "organisation_id",
            "organisations",
        ));
    record_columns(&mut t, "study_experts");
    t.to_owned()
}

fn reports() -> TableCreateStatement {
    let mut t = Table::create();
    t.table("study_reports")
        .col(id())
        .col(ColumnDef::new("study_id").string().not_null())
        .col(ColumnDef::new("label").string().not_null())
        .col(ColumnDef::new("dated_on").date().not_null())
        .col(ColumnDef::new("sha256").string().not_null())
        .col(ColumnDef::new("filename").string().not_null())
        .col(ColumnDef::new("media_type").string().not_null())
        .col(ColumnDef::new("size").big_integer().not_null())
        .foreign_key(&mut fk(
            "study_reports_study_fkey",
            "study_reports",
            "study_id",
            "studies",
        ))
        .foreign_key(
            &mut ForeignKey::create()
                .name("study_reports_file_fkey")
                .from(Alias::new("study_reports"), Alias::new("sha256"))
                .to(Alias::new("files"), Alias::new("sha256"))
                .to_owned(),
        );
    record_columns(&mut t, "study_reports");
    t.to_owned()
}

fn recommendations() -> TableCreateStatement {
    let mut t = Table::create();
    t.table("recommendations")
        .col(id())
        .col(ColumnDef::new("study_id").string().not_null())
        .col(ColumnDef::new("number").integer().not_null())
        .col(ColumnDef::new("finding").text().null())
        .col(ColumnDef::new("text").text().not_null())
        .col(
            ColumnDef::new("translations")
                .text()
                .not_null()
                .default("{}"),
        )
        .col(
            ColumnDef::new("lead_organisation_ids")
                .text()
                .not_null()
                .default("[]"),
        )
        .col(ColumnDef::new("due_on").date().null())
        .col(ColumnDef::new("potential").string().not_null())
        .col(ColumnDef::new("completion").string().null())
        .col(ColumnDef::new("register_item_id").string().null())
        .index(
            Index::create()
                .name("recommendations_number_key")
                .col("study_id")
                .col("number")
                .unique(),
        )
        .foreign_key(&mut fk(
            "recommendations_study_fkey",
            "recommendations",
            "study_id",
            "studies",
        ))
        .foreign_key(&mut fk(
            "recommendations_register_item_fkey",
            "recommendations",
            "register_item_id",
            "register_items",
        ));
    record_columns(&mut t, "recommendations");
    t.to_owned()
}
