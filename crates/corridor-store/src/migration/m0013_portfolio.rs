//! The portfolio: projects (zones, revivals, parks, exchange programmes), their milestones, progress updates
//! with sourced figures, finance, and risks.

use super::{fk, id, record_columns};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_table(projects()).await?;
        manager.create_table(milestones()).await?;
        manager.create_table(updates()).await?;
        manager.create_table(finance()).await?;
        manager.create_table(risks()).await
    }
}

fn projects() -> TableCreateStatement {
    let mut t = Table::create();
    t.table("projects")
        .col(id())
        .col(ColumnDef::new("kind").string().not_null())
        .col(ColumnDef::new("name").string().not_null())
        .col(
            ColumnDef::new("translations")
                .text()
                .not_null()
                .default("{}"),
        )
        .col(ColumnDef::new("sector").string().null())
        .col(ColumnDef::new("province").string().null())
        .col(ColumnDef::new("latitude").double().null())
        .col(ColumnDef::new("longitude").double().null())
        .col(ColumnDef::new("area").double().null())
        .col(ColumnDef::new("area_unit").string().null())
        .col(
            ColumnDef::new("lead_organisation_ids")
                .text()
                .not_null()
                .default("[]"),
        )
        .col(ColumnDef::new("developer").string().null())
        .col(ColumnDef::new("parent_id").string().null())
        .col(ColumnDef::new("instrument_id").string().null())
        .col(
            ColumnDef::new("status")
                .string()
                .not_null()
                .check(Expr::col("status").is_in([
                    "identification",
                    "preparation",
                    "implementation",
                    "completion",
                    "completed",
                    "cancelled",
                ])),
        )
        .col(ColumnDef::new("stalled_reason").text().null())
        .col(ColumnDef::new("planned_start").date().null())
        .col(ColumnDef::new("planned_end").date().null())
        .col(ColumnDef::new("actual_start").date().null())
        .col(ColumnDef::new("actual_end").date().null())
        .col(
            ColumnDef::new("milestone_weights")
                .text()
                .not_null()
                .default("{}"),
        )
        .foreign_key(&mut fk(
            "projects_parent_fkey",
            "projects",
            "parent_id",
            "projects",
        ))
        .foreign_key(&mut fk(
            "projects_instrument_fkey",
            "projects",
            "instrument_id",
            "instruments",
        ));
    record_columns(&mut t, "projects");
    t.to_owned()
}

fn child(t: &mut TableCreateStatement, table: &'static str) {
    t.table(table)
        .col(id())
        .col(ColumnDef::new("project_id").string().not_null())
        .foreign_key(&mut fk(
            &format!("{table}_project_fkey"),
            table,
            "project_id",
            "projects",
        ));
}

fn milestones() -> TableCreateStatement {
    let mut t = Table::create();
    child(&mut t, "milestones");
    t.col(ColumnDef::new("title").text().not_null())
        .col(
            ColumnDef::new("translations")
                .text()
                .not_null()
                .default("{}"),
        )
        .col(ColumnDef::new("kind").string().not_null())
        .col(ColumnDef::new("planned_on").date().null())
        .col(ColumnDef::new("forecast_on").date().null())
        .col(ColumnDef::new("actual_on").date().null())
        .col(
            ColumnDef::new("status")
                .string()
                .not_null()
                .check(Expr::col("status").is_in(["scheduled", "met", "not_met", "partly_met"])),
        );
    record_columns(&mut t, "milestones");
    t.to_owned()
}

fn updates() -> TableCreateStatement {
    let mut t = Table::create();
    child(&mut t, "progress_updates");
    t.col(ColumnDef::new("reported_on").date().not_null())
        .col(ColumnDef::new("organisation_id").string().null())
        .col(ColumnDef::new("narrative").text().not_null())
        .col(
            ColumnDef::new("translations")
                .text()
                .not_null()
                .default("{}"),
        )
        .col(ColumnDef::new("figures").text().not_null().default("[]"))
        .foreign_key(&mut fk(
            "progress_updates_organisation_fkey",
            "progress_updates",
            "organisation_id",
            "organisations",
        ));
    record_columns(&mut t, "progress_updates");
    t.to_owned()
}

fn finance() -> TableCreateStatement {
    let mut t = Table::create();
    t.table("finance")
        .col(id())
        .col(ColumnDef::new("project_id").string().null())
        .col(ColumnDef::new("instrument_id").string().null())
        .col(
            ColumnDef::new("kind")
                .string()
                .not_null()
                .check(Expr::col("kind").is_in(["pledge", "commitment", "disbursement"])),
        )
        .col(ColumnDef::new("amount_minor").big_integer().not_null())
        .col(ColumnDef::new("currency").string().not_null())
        .col(ColumnDef::new("dated_on").date().not_null())
        .col(ColumnDef::new("source").text().null())
        .col(ColumnDef::new("note").text().null())
        .foreign_key(&mut fk(
            "finance_project_fkey",
            "finance",
            "project_id",
            "projects",
        ))
        .foreign_key(&mut fk(
            "finance_instrument_fkey",
            "finance",
            "instrument_id",
            "instruments",
        ));
    record_columns(&mut t, "finance");
    t.to_owned()
}

fn risks() -> TableCreateStatement {
    let mut t = Table::create();
    child(&mut t, "risks");
    t.col(ColumnDef::new("title").text().not_null())
        .col(ColumnDef::new("severity").string().not_null())
        .col(ColumnDef::new("owner_org_id").string().null())
        .col(ColumnDef::new("mitigation").text().null())
        .col(ColumnDef::new("status").string().not_null())
        .foreign_key(&mut fk(
            "risks_owner_org_fkey",
            "risks",
            "owner_org_id",
            "organisations",
        ));
    record_columns(&mut t, "risks");
    t.to_owned()
}
