//! News for the public. `news_items` and `news_approvals` are audited records like any other: a news item is
//! drafted by one side and shared, and each party's approval of a version is a record of that party. The
//! visitors who subscribe by e-mail, and the e-mail sent to them with every attempt, are not audited: they are
//! the public's addresses and the outbox, like the alert settings and deliveries of accounts.

use super::{fk, id, record_columns};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_table(items()).await?;
        manager.create_table(approvals()).await?;
        manager.create_table(subscribers()).await?;
        manager.create_table(mail()).await?;
        manager.create_table(mail_attempts()).await?;
        for (name, table, cols) in [
            (
                "news_items_published_idx",
                "news_items",
                &["state", "published_at"][..],
            ),
            (
                "news_approvals_person_idx",
                "news_approvals",
                &["person_id"],
            ),
            (
                "public_mail_due_idx",
                "public_mail",
                &["status", "next_attempt_at"],
            ),
            (
                "public_mail_subscriber_idx",
                "public_mail",
                &["subscriber_id"],
            ),
            ("public_mail_item_idx", "public_mail", &["news_item_id"]),
            (
                "public_mail_attempts_mail_idx",
                "public_mail_attempts",
                &["mail_id"],
            ),
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

/// A news item: headline and text in English with their Chinese and Urdu versions (JSON), the records it is
/// about (`links`, JSON `kind:id`), and where it stands.
fn items() -> TableCreateStatement {
    let mut t = Table::create();
    t.table("news_items")
        .col(id())
        .col(ColumnDef::new("title").text().not_null())
        .col(ColumnDef::new("translations").text().not_null())
        .col(ColumnDef::new("summary").text().not_null())
        .col(ColumnDef::new("summary_translations").text().not_null())
        .col(ColumnDef::new("links").text().not_null())
        .col(
            ColumnDef::new("state")
                .string()
                .not_null()
                .check(Expr::col("state").is_in(["draft", "published", "withdrawn"])),
        )
        .col(at("published_at", true));
    record_columns(&mut t, "news_items");
    t.to_owned()
}

/// One party's approval of one version of a news item, by one of its people.
fn approvals() -> TableCreateStatement {
    let mut t = Table::create();
    t.table("news_approvals")
        .col(id())
        .col(ColumnDef::new("news_item_id").string().not_null())
        .col(ColumnDef::new("item_version").big_integer().not_null())
        .col(ColumnDef::new("party_id").string().not_null())
        .col(ColumnDef::new("person_id").string().not_null())
        .foreign_key(&mut fk(
            "news_approvals_item_fkey",
            "news_approvals",
            "news_item_id",
            "news_items",
        ))
        .foreign_key(&mut fk(
            "news_approvals_party_fkey",
            "news_approvals",
            "party_id",
            "parties",
        ))
        .foreign_key(&mut fk(
            "news_approvals_person_fkey",
            "news_approvals",
            "person_id",
            "people",
        ))
        .index(
            Index::create()
                .name("news_approvals_once_idx")
                .unique()
                .col("news_item_id")
                .col("item_version")
                .col("party_id"),
        );
    record_columns(&mut t, "news_approvals");
    t.to_owned()
}

/// A visitor's address: pending until the confirmation link is followed, then confirmed, or unsubscribed.
/// Each link carries a nonce of its own; the confirmation nonce is cleared once used.
fn subscribers() -> TableCreateStatement {
    Table::create()
        .table("news_subscribers")
        .col(id())
        .col(ColumnDef::new("email").string().not_null())
        .col(ColumnDef::new("language").string().not_null())
        .col(
            ColumnDef::new("status")
                .string()
                .not_null()
                .check(Expr::col("status").is_in(["pending", "confirmed", "unsubscribed"])),
        )
        .col(ColumnDef::new("confirm_nonce").string().null())
        .col(ColumnDef::new("unsubscribe_nonce").string().not_null())
        .col(at("created_at", false))
        .col(at("confirm_sent_at", false))
        .col(at("confirmed_at", true))
        .col(at("unsubscribed_at", true))
        .index(
            Index::create()
                .name("news_subscribers_email_key")
                .col("email")
                .unique(),
        )
        .to_owned()
}

/// An e-mail to a visitor: the confirmation of an address, or a published news item. Claimed, sent and
/// retried like the accounts' e-mail.
fn mail() -> TableCreateStatement {
    Table::create()
        .table("public_mail")
        .col(id())
        .col(ColumnDef::new("subscriber_id").string().not_null())
        .col(
            ColumnDef::new("kind")
                .string()
                .not_null()
                .check(Expr::col("kind").is_in(["confirm", "news"])),
        )
        .col(ColumnDef::new("news_item_id").string().null())
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
            "public_mail_subscriber_fkey",
            "public_mail",
            "subscriber_id",
            "news_subscribers",
        ))
        .foreign_key(&mut fk(
            "public_mail_item_fkey",
            "public_mail",
            "news_item_id",
            "news_items",
        ))
        .to_owned()
}

/// Every attempt at a visitor's e-mail and what the mail server answered.
fn mail_attempts() -> TableCreateStatement {
    Table::create()
        .table("public_mail_attempts")
        .col(id())
        .col(ColumnDef::new("mail_id").string().not_null())
        .col(at("at", false))
        .col(ColumnDef::new("ok").boolean().not_null())
        .col(ColumnDef::new("response").text().not_null())
        .foreign_key(&mut fk(
            "public_mail_attempts_mail_fkey",
            "public_mail_attempts",
            "mail_id",
            "public_mail",
        ))
        .to_owned()
}
