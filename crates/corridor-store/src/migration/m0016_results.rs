//! Measurable impact: the results framework's nodes, indicators, their periods (targets, each side's
//! headline figure, the agreed figure with its confirmations, the lock) and each side's actuals.

use super::{fk, id, record_columns};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_table(results()).await?;
        manager.create_table(indicators()).await?;
        manager.create_table(periods()).await?;
        manager.create_table(actuals()).await?;
        manager.create_table(standings()).await?;
        // An indicator's page reads its actuals; a period's are found through the same index.
        manager
            .create_index(
                Index::create()
                    .name("actuals_indicator_idx")
                    .table(Alias::new("actuals"))
                    .col(Alias::new("indicator_id"))
                    .col(Alias::new("period_id"))
                    .to_owned(),
            )
            .await
    }
}

fn json(name: &str, default: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name))
        .text()
        .not_null()
        .default(default)
        .to_owned()
}

fn results() -> TableCreateStatement {
    let mut t = Table::create();
    t.table("results")
        .col(id())
        .col(
            ColumnDef::new("level")
                .string()
                .not_null()
                .check(Expr::col("level").is_in(["goal", "line", "outcome", "output"])),
        )
        .col(ColumnDef::new("parent_id").string().null())
        .col(ColumnDef::new("title").text().not_null())
        .col(json("translations", "{}"))
        .col(ColumnDef::new("weight").double().not_null())
        .col(json("links", "[]"))
        .foreign_key(&mut fk(
            "results_parent_fkey",
            "results",
            "parent_id",
            "results",
        ));
    record_columns(&mut t, "results");
    t.to_owned()
}

fn indicators() -> TableCreateStatement {
    let mut t = Table::create();
    t.table("indicators")
        .col(id())
        .col(ColumnDef::new("result_id").string().not_null())
        .col(ColumnDef::new("title").text().not_null())
        .col(json("translations", "{}"))
        .col(
            ColumnDef::new("unit")
                .string()
                .not_null()
                .check(Expr::col("unit").is_in([
                    "number",
                    "percentage",
                    "currency",
                    "yes_no",
                    "qualitative",
                ])),
        )
        .col(ColumnDef::new("currency").string().null())
        .col(ColumnDef::new("direction").string().not_null())
        .col(ColumnDef::new("aggregation").string().not_null())
        .col(json("dimensions", "[]"))
        .col(ColumnDef::new("tolerance").double().not_null())
        .col(ColumnDef::new("weight").double().not_null())
        .col(ColumnDef::new("baseline_value").text().null())
        .col(ColumnDef::new("baseline_on").date().null())
        .col(ColumnDef::new("baseline_source").text().null())
        .col(ColumnDef::new("computed_from").string().null())
        .col(ColumnDef::new("period_kind").string().not_null())
        .foreign_key(&mut fk(
            "indicators_result_fkey",
            "indicators",
            "result_id",
            "results",
        ));
    record_columns(&mut t, "indicators");
    t.to_owned()
}

fn periods() -> TableCreateStatement {
    let mut t = Table::create();
    t.table("indicator_periods")
        .col(id())
        .col(ColumnDef::new("indicator_id").string().not_null())
        .col(ColumnDef::new("starts_on").date().not_null())
        .col(ColumnDef::new("ends_on").date().not_null())
        .col(json("targets", "[]"))
        .col(json("headlines", "{}"))
        .col(ColumnDef::new("reconciliation").string().not_null())
        .col(ColumnDef::new("agreed_value").text().null())
        .col(json("confirmations", "[]"))
        .col(ColumnDef::new("locked").boolean().not_null())
        .col(ColumnDef::new("lock_reason").text().null())
        .index(
            Index::create()
                .name("indicator_periods_start_key")
                .col("indicator_id")
                .col("starts_on")
                .unique(),
        )
        .foreign_key(&mut fk(
            "indicator_periods_indicator_fkey",
            "indicator_periods",
            "indicator_id",
            "indicators",
        ));
    record_columns(&mut t, "indicator_periods");
    t.to_owned()
}

/// Each reported indicator's standing, derived from its periods in the same transaction as every change to
/// them, so the dashboard reads one row per indicator instead of every period. Not audited: it is
/// recomputed from audited rows (`Store::refresh_standings`).
fn standings() -> TableCreateStatement {
    Table::create()
        .table("indicator_standings")
        .col(
            ColumnDef::new("indicator_id")
                .string()
                .not_null()
                .primary_key(),
        )
        .col(ColumnDef::new("current_value").double().null())
        .col(ColumnDef::new("current_target").double().null())
        .col(ColumnDef::new("score").double().null())
        .col(ColumnDef::new("discrepancies").integer().not_null())
        .foreign_key(&mut fk(
            "indicator_standings_indicator_fkey",
            "indicator_standings",
            "indicator_id",
            "indicators",
        ))
        .to_owned()
}

fn actuals() -> TableCreateStatement {
    let mut t = Table::create();
    t.table("actuals")
        .col(id())
        .col(ColumnDef::new("period_id").string().not_null())
        .col(ColumnDef::new("indicator_id").string().not_null())
        .col(ColumnDef::new("party_id").string().not_null())
        .col(ColumnDef::new("value").text().not_null())
        .col(json("dimensions", "{}"))
        .col(ColumnDef::new("source").text().null())
        .col(ColumnDef::new("comment").text().null())
        .foreign_key(&mut fk(
            "actuals_period_fkey",
            "actuals",
            "period_id",
            "indicator_periods",
        ))
        .foreign_key(&mut fk(
            "actuals_indicator_fkey",
            "actuals",
            "indicator_id",
            "indicators",
        ))
        .foreign_key(&mut fk(
            "actuals_party_fkey",
            "actuals",
            "party_id",
            "parties",
        ));
    record_columns(&mut t, "actuals");
    t.to_owned()
}
