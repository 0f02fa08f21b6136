//! Alerts: what people follow, what happened (alerts) and who was told (notifications), each account's alert
//! settings, where the fan-out has read the log up to, and every e-mail to send with each attempt at it.
//! None of these tables is audited: they are derived from the log or are personal settings, and a follow or
//! a read mark is not a record of the working group.

use super::{fk, id};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_table(follows()).await?;
        manager.create_table(alerts()).await?;
        manager.create_table(notifications()).await?;
        manager.create_table(settings()).await?;
        manager.create_table(cursors()).await?;
        manager.create_table(scheduler_runs()).await?;
        manager.create_table(deliveries()).await?;
        manager.create_table(attempts()).await?;
        // The inbox reads a user's newest notifications; the fan-out finds who follows a target.
        for (name, table, cols) in [
            (
                "notifications_user_idx",
                "notifications",
                &["user_id", "created_at"][..],
            ),
            ("follows_target_idx", "follows", &["target"][..]),
            (
                "deliveries_due_idx",
                "deliveries",
                &["status", "next_attempt_at"][..],
            ),
            ("alerts_record_idx", "alerts", &["entity", "entity_id"][..]),
        ] {
            let mut index = Index::create();
            index.name(name).table(Alias::new(table));
            for c in cols {
                index.col(Alias::new(*c));
            }
            manager.create_index(index.to_owned()).await?;
        }
        Ok(())
    }
}

fn at(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name))
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

fn at_or_null(name: &str) -> ColumnDef {
    ColumnDef::new(Alias::new(name))
        .timestamp_with_time_zone()
        .null()
        .to_owned()
}

/// Who follows what: a record (`project:…`), an area (`area:portfolio`) or an organisation's register
/// (`organisation_register:…`). `reason` says whether the user chose it or it came with a role.
fn follows() -> TableCreateStatement {
    Table::create()
        .table("follows")
        .col(id())
        .col(ColumnDef::new("user_id").string().not_null())
        .col(ColumnDef::new("target").string().not_null())
        .col(ColumnDef::new("label").text().not_null())
        .col(
            ColumnDef::new("reason")
                .string()
                .not_null()
                .check(Expr::col("reason").is_in(["chosen", "owner", "lead", "co_chair"])),
        )
        .col(at("created_at"))
        .index(
            Index::create()
                .name("follows_user_target_key")
                .col("user_id")
                .col("target")
                .unique(),
        )
        .foreign_key(&mut fk("follows_user_fkey", "follows", "user_id", "users"))
        .to_owned()
}

/// What happened, once per event of the log (`key` is `event:<seq>`) or date coming or gone
/// (`due_in_7:<record>:<date>`), with its context written out: the record, the step, what changed, the page.
fn alerts() -> TableCreateStatement {
    Table::create()
        .table("alerts")
        .col(id())
        .col(ColumnDef::new("key").string().not_null())
        .col(ColumnDef::new("event_seq").big_integer().null())
        .col(ColumnDef::new("entity").string().not_null())
        .col(ColumnDef::new("entity_id").string().not_null())
        .col(ColumnDef::new("record").text().not_null())
        .col(ColumnDef::new("step").text().not_null())
        .col(ColumnDef::new("summary").text().not_null())
        .col(ColumnDef::new("link").text().not_null())
        .col(ColumnDef::new("group_key").string().not_null())
        .col(at("created_at"))
        .index(Index::create().name("alerts_key_key").col("key").unique())
        .to_owned()
}

/// One alert for one follower who may see it: who did it as that reader may name them, why it reached
/// them, and whether they read it. The key is the pair, so nobody gets an alert twice.
fn notifications() -> TableCreateStatement {
    Table::create()
        .table("notifications")
        .col(ColumnDef::new("user_id").string().not_null())
        .col(ColumnDef::new("alert_id").string().not_null())
        .col(ColumnDef::new("actor_name").text().not_null())
        .col(ColumnDef::new("reason").text().not_null())
        .col(at("created_at"))
        .col(at_or_null("read_at"))
        .primary_key(
            Index::create()
                .name("notifications_pkey")
                .col("user_id")
                .col("alert_id"),
        )
        .foreign_key(&mut fk(
            "notifications_user_fkey",
            "notifications",
            "user_id",
            "users",
        ))
        .foreign_key(&mut fk(
            "notifications_alert_fkey",
            "notifications",
            "alert_id",
            "alerts",
        ))
        .to_owned()
}

/// Each account's alert settings: how e-mail arrives, when the last digest went, the digest of the secret
/// in its feed links, and the nonce its unsubscribe link carries (changed when used, so a link works once).
fn settings() -> TableCreateStatement {
    Table::create()
        .table("alert_settings")
        .col(ColumnDef::new("user_id").string().not_null().primary_key())
        .col(
            ColumnDef::new("email_mode")
                .string()
                .not_null()
                .check(Expr::col("email_mode").is_in(["instant", "daily", "weekly", "off"])),
        )
        .col(at_or_null("last_digest_at"))
        .col(ColumnDef::new("unsubscribe_nonce").string().not_null())
        .col(ColumnDef::new("feed_token_digest").string().null())
        .foreign_key(&mut fk(
            "alert_settings_user_fkey",
            "alert_settings",
            "user_id",
            "users",
        ))
        .to_owned()
}

/// How far a reader of the event log has come (`fanout`).
fn cursors() -> TableCreateStatement {
    Table::create()
        .table("log_cursors")
        .col(ColumnDef::new("name").string().not_null().primary_key())
        .col(ColumnDef::new("seq").big_integer().not_null())
        .to_owned()
}

/// The last day each scheduled job ran (`daily`): a node runs it only by moving this date forward, so it
/// runs once a day however many nodes there are, and after a restart it catches up on the days it missed.
fn scheduler_runs() -> TableCreateStatement {
    Table::create()
        .table("scheduler_runs")
        .col(ColumnDef::new("name").string().not_null().primary_key())
        .col(ColumnDef::new("ran_on").date().not_null())
        .to_owned()
}

/// An e-mail to send: the alerts it carries (the recipient's notifications of them), rendered when it is
/// sent, so a notification withdrawn in between (the record was narrowed) is never mailed. `claimed_until`
/// is the lease of the sender working on it: a sender that dies leaves it to be claimed again when the
/// lease ends.
fn deliveries() -> TableCreateStatement {
    Table::create()
        .table("deliveries")
        .col(id())
        .col(
            ColumnDef::new("channel")
                .string()
                .not_null()
                .check(Expr::col("channel").is_in(["email"])),
        )
        .col(ColumnDef::new("user_id").string().null())
        .col(ColumnDef::new("recipient").text().not_null())
        .col(
            ColumnDef::new("kind")
                .string()
                .not_null()
                .check(Expr::col("kind").is_in(["instant", "daily", "weekly"])),
        )
        .col(ColumnDef::new("subject").text().not_null())
        .col(ColumnDef::new("alert_ids").text().not_null())
        .col(
            ColumnDef::new("status")
                .string()
                .not_null()
                .check(Expr::col("status").is_in(["pending", "sent", "failed"])),
        )
        .col(ColumnDef::new("attempts").integer().not_null())
        .col(at("next_attempt_at"))
        .col(at_or_null("claimed_until"))
        .col(at("created_at"))
        .col(at_or_null("sent_at"))
        .col(ColumnDef::new("last_error").text().null())
        .foreign_key(&mut fk(
            "deliveries_user_fkey",
            "deliveries",
            "user_id",
            "users",
        ))
        .to_owned()
}

/// Every attempt at a delivery, with what the other end answered.
fn attempts() -> TableCreateStatement {
    Table::create()
        .table("delivery_attempts")
        .col(id())
        .col(ColumnDef::new("delivery_id").string().not_null())
        .col(at("at"))
        .col(ColumnDef::new("ok").boolean().not_null())
        .col(ColumnDef::new("response").text().not_null())
        .foreign_key(&mut fk(
            "delivery_attempts_delivery_fkey",
            "delivery_attempts",
            "delivery_id",
            "deliveries",
        ))
        .to_owned()
}
