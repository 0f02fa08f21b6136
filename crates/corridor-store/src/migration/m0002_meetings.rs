//! Meetings: bodies, numbered meetings, agenda items, register items and their reviews, briefing notes.

use super::{fk, id, record_columns};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn bodies() -> TableCreateStatement {
    let mut t = Table::create();
    t.table("bodies")
        .col(id())
        .col(ColumnDef::new("name").string().not_null())
        .col(ColumnDef::new("short_name").string().null())
        .col(ColumnDef::new("parent_id").string().null())
        .col(ColumnDef::new("agenda_template").text().not_null())
        .index(Index::create().name("bodies_name_key").col("name").unique())
        .foreign_key(&mut fk(
            "bodies_parent_fkey",
            "bodies",
            "parent_id",
            "bodies",
        ));
    record_columns(&mut t, "bodies");
    t.to_owned()
}

fn meetings() -> TableCreateStatement {
    let mut t = Table::create();
    t.table("meetings")
        .col(id())
        .col(ColumnDef::new("body_id").string().not_null())
        .col(ColumnDef::new("number").integer().not_null())
        .col(ColumnDef::new("title").string().not_null())
        .col(ColumnDef::new("kind").string().not_null())
        .col(ColumnDef::new("modality").string().not_null())
        .col(ColumnDef::new("venue").string().null())
        .col(ColumnDef::new("city").string().null())
        .col(ColumnDef::new("video_link").string().null())
        .col(ColumnDef::new("time_zone").string().not_null())
        .col(
            ColumnDef::new("starts_at")
                .timestamp_with_time_zone()
                .not_null(),
        )
        .col(
            ColumnDef::new("ends_at")
                .timestamp_with_time_zone()
                .not_null(),
        )
        .col(ColumnDef::new("host_party_id").string().not_null())
        .col(ColumnDef::new("co_chair_ids").text().not_null())
        .col(ColumnDef::new("state").string().not_null())
        .index(
            Index::create()
                .name("meetings_body_number_key")
                .col("body_id")
                .col("number")
                .unique(),
        )
        .foreign_key(&mut fk(
            "meetings_body_fkey",
            "meetings",
            "body_id",
            "bodies",
        ))
        .foreign_key(&mut fk(
            "meetings_host_party_fkey",
            "meetings",
            "host_party_id",
            "parties",
        ));
    record_columns(&mut t, "meetings");
    t.to_owned()
}

fn agenda_items() -> TableCreateStatement {
    let mut t = Table::create();
    t.table("agenda_items")
        .col(id())
        .col(ColumnDef::new("meeting_id").string().not_null())
        .col(ColumnDef::new("parent_id").string().null())
        .col(ColumnDef::new("position").integer().not_null())
        .col(ColumnDef::new("title").string().not_null())
        .col(ColumnDef::new("item_kind").string().not_null())
        .col(ColumnDef::new("lead_party_id").string().null())
        .col(ColumnDef::new("presenter_id").string().null())
        .col(ColumnDef::new("duration_minutes").integer().null())
        .foreign_key(&mut fk(
            "agenda_items_meeting_fkey",
            "agenda_items",
            "meeting_id",
            "meetings",
        ))
        .foreign_key(&mut fk(
            "agenda_items_parent_fkey",
            "agenda_items",
            "parent_id",
            "agenda_items",
        ))
        .foreign_key(&mut fk(
            "agenda_items_lead_party_fkey",
            "agenda_items",
            "lead_party_id",
            "parties",
        ))
        .foreign_key(&mut fk(
            "agenda_items_presenter_fkey",
            "agenda_items",
            "presenter_id",
            "people",
        ));
    record_columns(&mut t, "agenda_items");
    t.to_owned()
}

fn register_items() -> TableCreateStatement {
    let mut t = Table::create();
    t.table("register_items")
        .col(id())
        .col(ColumnDef::new("body_id").string().not_null())
        .col(ColumnDef::new("meeting_id").string().not_null())
        .col(ColumnDef::new("agenda_item_id").string().null())
        .col(ColumnDef::new("kind").string().not_null())
        .col(ColumnDef::new("text").text().not_null())
        .col(ColumnDef::new("lead_organisation_ids").text().not_null())
        .col(ColumnDef::new("due_on").date().null())
        .col(ColumnDef::new("status").string().not_null())
        .foreign_key(&mut fk(
            "register_items_body_fkey",
            "register_items",
            "body_id",
            "bodies",
        ))
        .foreign_key(&mut fk(
            "register_items_meeting_fkey",
            "register_items",
            "meeting_id",
            "meetings",
        ))
        .foreign_key(&mut fk(
            "register_items_agenda_item_fkey",
            "register_items",
            "agenda_item_id",
            "agenda_items",
        ));
    record_columns(&mut t, "register_items");
    t.to_owned()
}

fn reviews() -> TableCreateStatement {
    let mut t = Table::create();
    t.table("register_reviews")
        .col(id())
        .col(ColumnDef::new("item_id").string().not_null())
        .col(ColumnDef::new("meeting_id").string().null())
        .col(ColumnDef::new("status").string().not_null())
        .col(ColumnDef::new("note").text().null())
        .foreign_key(&mut fk(
            "register_reviews_item_fkey",
            "register_reviews",
            "item_id",
            "register_items",
        ))
        .foreign_key(&mut fk(
            "register_reviews_meeting_fkey",
            "register_reviews",
            "meeting_id",
            "meetings",
        ));
    record_columns(&mut t, "register_reviews");
    t.to_owned()
}

fn briefing_notes() -> TableCreateStatement {
    let mut t = Table::create();
    t.table("briefing_notes")
        .col(id())
        .col(ColumnDef::new("agenda_item_id").string().not_null())
        .col(ColumnDef::new("text").text().not_null())
        .foreign_key(&mut fk(
            "briefing_notes_agenda_item_fkey",
            "briefing_notes",
            "agenda_item_id",
            "agenda_items",
        ));
    record_columns(&mut t, "briefing_notes");
    t.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            bodies(),
            meetings(),
            agenda_items(),
            register_items(),
            reviews(),
            briefing_notes(),
        ] {
            manager.create_table(t).await?;
        }
        let indexes = [
            Index::create()
                .name("meetings_body_idx")
                .table("meetings")
                .col("body_id")
                .col("number")
                .to_owned(),
            Index::create()
                .name("agenda_items_meeting_idx")
                .table("agenda_items")
                .col("meeting_id")
                .col("position")
                .to_owned(),
            Index::create()
                .name("register_items_body_idx")
                .table("register_items")
                .col("body_id")
                .col("status")
                .to_owned(),
            Index::create()
                .name("register_items_meeting_idx")
                .table("register_items")
                .col("meeting_id")
                .to_owned(),
            Index::create()
                .name("register_reviews_item_idx")
                .table("register_reviews")
                .col("item_id")
                .to_owned(),
            Index::create()
                .name("briefing_notes_item_idx")
                .table("briefing_notes")
                .col("agenda_item_id")
                .to_owned(),
        ];
        for i in indexes {
            manager.create_index(i).await?;
        }
        Ok(())
    }
}
