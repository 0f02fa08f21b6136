//! Webhooks: an organisation's address that receives its alerts as signed JSON, each call to make with its
//! lease, and every attempt with the status code it met. Not audited: they derive from the log or are an
//! organisation's settings.

use super::{fk, id};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_table(webhooks()).await?;
        manager.create_table(calls()).await?;
        manager.create_table(attempts()).await?;
        manager
            .create_index(
                Index::create()
                    .name("webhook_calls_due_idx")
                    .table(Alias::new("webhook_calls"))
                    .col(Alias::new("status"))
                    .col(Alias::new("next_attempt_at"))
                    .to_owned(),
            )
            .await
    }
}

fn at(name: &str, null: bool) -> ColumnDef {
    let mut c = ColumnDef::new(Alias::new(name));
    c.timestamp_with_time_zone();
    if null {
        c.null();
    } else {
        c.not_null();
    }
    c.to_owned()
}

/// An organisation's webhook: the address, the secret its calls are signed with, who set it up (and is
/// told when it is turned off), whether it is on, and its failures in a row.
fn webhooks() -> TableCreateStatement {
    Table::create()
        .table("webhooks")
        .col(id())
        .col(ColumnDef::new("organisation_id").string().not_null())
        .col(ColumnDef::new("url").text().not_null())
        .col(ColumnDef::new("secret").string().not_null())
        .col(ColumnDef::new("owner_user_id").string().not_null())
        .col(ColumnDef::new("enabled").boolean().not_null())
        .col(ColumnDef::new("failures").integer().not_null())
        .col(at("created_at", false))
        .foreign_key(&mut fk(
            "webhooks_organisation_fkey",
            "webhooks",
            "organisation_id",
            "organisations",
        ))
        .foreign_key(&mut fk(
            "webhooks_owner_fkey",
            "webhooks",
            "owner_user_id",
            "users",
        ))
        .to_owned()
}

/// One alert to post to a webhook, with its lease like an e-mail's.
fn calls() -> TableCreateStatement {
    Table::create()
        .table("webhook_calls")
        .col(id())
        .col(ColumnDef::new("webhook_id").string().not_null())
        .col(ColumnDef::new("payload").text().not_null())
        .col(
            ColumnDef::new("status")
                .string()
                .not_null()
                .check(Expr::col("status").is_in(["pending", "sent", "failed"])),
        )
        .col(ColumnDef::new("attempts").integer().not_null())
        .col(at("next_attempt_at", false))
        .col(at("claimed_until", true))
        .col(at("created_at", false))
        .col(at("sent_at", true))
        .col(ColumnDef::new("last_error").text().null())
        .foreign_key(&mut fk(
            "webhook_calls_webhook_fkey",
            "webhook_calls",
            "webhook_id",
            "webhooks",
        ))
        .to_owned()
}

/// Every attempt at a call: the status code, whether it counted as delivered, what came back.
fn attempts() -> TableCreateStatement {
    Table::create()
        .table("webhook_attempts")
        .col(id())
        .col(ColumnDef::new("call_id").string().not_null())
        .col(at("at", false))
        .col(ColumnDef::new("status_code").integer().null())
        .col(ColumnDef::new("ok").boolean().not_null())
        .col(ColumnDef::new("response").text().not_null())
        .foreign_key(&mut fk(
            "webhook_attempts_call_fkey",
            "webhook_attempts",
            "call_id",
            "webhook_calls",
        ))
        .to_owned()
}
