//! Exchanges and business-to-business cooperation: delegation visits and exchange cohorts with their
//! nominations and host programme; companies, matchmaking meetings, business memoranda and investment
//! intentions. Lists of companies are JSON arrays of ids, checked by the store when written.

use super::{fk, id, record_columns};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_table(companies()).await?;
        manager.create_table(exchanges()).await?;
        manager.create_table(nominations()).await?;
        manager.create_table(programme_items()).await?;
        manager.create_table(matchmakings()).await?;
        manager.create_table(business_mous()).await?;
        manager.create_table(intentions()).await
    }
}

fn text(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name)).text().null().to_owned()
}

fn string(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name))
        .string()
        .not_null()
        .to_owned()
}

fn optional(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name)).string().null().to_owned()
}

fn json_list(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name))
        .text()
        .not_null()
        .default("[]")
        .to_owned()
}

fn translations() -> ColumnDef {
    ColumnDef::new("translations")
        .text()
        .not_null()
        .default("{}")
        .to_owned()
}

fn one_of(name: &str, values: &[&str]) -> ColumnDef {
    ColumnDef::new(Alias::new(name))
        .string()
        .not_null()
        .check(Expr::col(Alias::new(name)).is_in(values.to_vec()))
        .to_owned()
}

fn companies() -> TableCreateStatement {
    let mut t = Table::create();
    t.table("companies")
        .col(id())
        .col(string("name"))
        .col(translations())
        .col(string("party_id"))
        .col(string("sector"))
        .col(optional("size"))
        .col(optional("city"))
        .foreign_key(&mut fk(
            "companies_party_fkey",
            "companies",
            "party_id",
            "parties",
        ));
    record_columns(&mut t, "companies");
    t.to_owned()
}

fn exchanges() -> TableCreateStatement {
    let mut t = Table::create();
    t.table("exchanges")
        .col(id())
        .col(one_of("kind", &["delegation_visit", "cohort"]))
        .col(ColumnDef::new("title").text().not_null())
        .col(translations())
        .col(text("purpose"))
        .col(optional("request_item_id"))
        .col(optional("programme_project_id"))
        .col(ColumnDef::new("cohort_year").integer().null())
        .col(string("sending_party_id"))
        .col(string("host_party_id"))
        .col(ColumnDef::new("starts_on").date().not_null())
        .col(ColumnDef::new("ends_on").date().not_null())
        .col(one_of(
            "status",
            &["open", "closed", "completed", "cancelled"],
        ))
        .col(text("status_reason"))
        .col(ColumnDef::new("reported_on").date().null())
        .col(text("report_summary"))
        .col(json_list("report_outcomes"))
        .index(
            Index::create()
                .name("exchanges_cohort_key")
                .col("programme_project_id")
                .col("cohort_year")
                .unique(),
        )
        .foreign_key(&mut fk(
            "exchanges_request_fkey",
            "exchanges",
            "request_item_id",
            "register_items",
        ))
        .foreign_key(&mut fk(
            "exchanges_programme_fkey",
            "exchanges",
            "programme_project_id",
            "projects",
        ))
        .foreign_key(&mut fk(
            "exchanges_sending_fkey",
            "exchanges",
            "sending_party_id",
            "parties",
        ))
        .foreign_key(&mut fk(
            "exchanges_host_fkey",
            "exchanges",
            "host_party_id",
            "parties",
        ));
    record_columns(&mut t, "exchanges");
    t.to_owned()
}

fn nominations() -> TableCreateStatement {
    let mut t = Table::create();
    t.table("nominations")
        .col(id())
        .col(string("exchange_id"))
        .col(string("name"))
        .col(optional("position"))
        .col(optional("organisation_id"))
        .col(one_of("gender", &["female", "male", "unstated"]))
        .col(one_of("status", &["nominated", "approved", "declined"]))
        .col(text("reason"))
        .col(ColumnDef::new("attended").boolean().null())
        .col(optional("letter_sha256"))
        .col(ColumnDef::new("letter_issued_on").date().null())
        .foreign_key(&mut fk(
            "nominations_exchange_fkey",
            "nominations",
            "exchange_id",
            "exchanges",
        ))
        .foreign_key(&mut fk(
            "nominations_organisation_fkey",
            "nominations",
            "organisation_id",
            "organisations",
        ))
        .foreign_key(
            &mut ForeignKey::create()
                .name("nominations_letter_fkey")
                .from(Alias::new("nominations"), Alias::new("letter_sha256"))
                .to(Alias::new("files"), Alias::new("sha256"))
                .to_owned(),
        );
    record_columns(&mut t, "nominations");
    t.to_owned()
}

fn programme_items() -> TableCreateStatement {
    let mut t = Table::create();
    t.table("programme_items")
        .col(id())
        .col(string("exchange_id"))
        .col(ColumnDef::new("day").date().not_null())
        .col(optional("at"))
        .col(one_of(
            "site_kind",
            &["company", "zone", "institution", "session"],
        ))
        .col(string("site"))
        .col(optional("project_id"))
        .col(optional("company_id"))
        .col(text("notes"))
        .foreign_key(&mut fk(
            "programme_items_exchange_fkey",
            "programme_items",
            "exchange_id",
            "exchanges",
        ))
        .foreign_key(&mut fk(
            "programme_items_project_fkey",
            "programme_items",
            "project_id",
            "projects",
        ))
        .foreign_key(&mut fk(
            "programme_items_company_fkey",
            "programme_items",
            "company_id",
            "companies",
        ));
    record_columns(&mut t, "programme_items");
    t.to_owned()
}

fn matchmakings() -> TableCreateStatement {
    let mut t = Table::create();
    t.table("matchmakings")
        .col(id())
        .col(ColumnDef::new("held_on").date().not_null())
        .col(optional("place"))
        .col(json_list("company_ids"))
        .col(ColumnDef::new("topic").text().not_null())
        .col(text("outcome"))
        .col(optional("exchange_id"))
        .col(optional("meeting_id"))
        .foreign_key(&mut fk(
            "matchmakings_exchange_fkey",
            "matchmakings",
            "exchange_id",
            "exchanges",
        ))
        .foreign_key(&mut fk(
            "matchmakings_meeting_fkey",
            "matchmakings",
            "meeting_id",
            "meetings",
        ));
    record_columns(&mut t, "matchmakings");
    t.to_owned()
}

fn business_mous() -> TableCreateStatement {
    let mut t = Table::create();
    t.table("business_mous")
        .col(id())
        .col(ColumnDef::new("title").text().not_null())
        .col(ColumnDef::new("signed_on").date().not_null())
        .col(json_list("company_ids"))
        .col(optional("matchmaking_id"))
        .col(optional("sector"))
        .col(ColumnDef::new("amount_minor").big_integer().null())
        .col(optional("currency"))
        .foreign_key(&mut fk(
            "business_mous_matchmaking_fkey",
            "business_mous",
            "matchmaking_id",
            "matchmakings",
        ));
    record_columns(&mut t, "business_mous");
    t.to_owned()
}

fn intentions() -> TableCreateStatement {
    let mut t = Table::create();
    t.table("investment_intentions")
        .col(id())
        .col(string("company_id"))
        .col(optional("project_id"))
        .col(string("sector"))
        .col(ColumnDef::new("amount_minor").big_integer().null())
        .col(optional("currency"))
        .col(ColumnDef::new("stated_on").date().not_null())
        .col(one_of(
            "status",
            &[
                "intention",
                "agreement",
                "land_allotted",
                "construction",
                "operational",
                "withdrawn",
            ],
        ))
        .col(json_list("stages"))
        .col(text("notes"))
        .foreign_key(&mut fk(
            "investment_intentions_company_fkey",
            "investment_intentions",
            "company_id",
            "companies",
        ))
        .foreign_key(&mut fk(
            "investment_intentions_project_fkey",
            "investment_intentions",
            "project_id",
            "projects",
        ));
    record_columns(&mut t, "investment_intentions");
    t.to_owned()
}
