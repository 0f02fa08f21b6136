//! The foundation: the directory, accounts and sessions, record access lists, and the event log.

use super::{fk, id, record_columns};
use sea_orm::{ConnectionTrait, DbBackend};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn parties() -> TableCreateStatement {
    let mut t = Table::create();
    t.table("parties")
        .col(id())
        .col(ColumnDef::new("code").string().not_null())
        .col(ColumnDef::new("name").string().not_null())
        .col(ColumnDef::new("short_name").string().not_null())
        .col(ColumnDef::new("joined_on").date().null())
        .index(
            Index::create()
                .name("parties_code_key")
                .col("code")
                .unique(),
        )
        .index(
            Index::create()
                .name("parties_name_key")
                .col("name")
                .unique(),
        );
    record_columns(&mut t, "parties");
    t.to_owned()
}

fn organisations() -> TableCreateStatement {
    let mut t = Table::create();
    t.table("organisations")
        .col(id())
        .col(ColumnDef::new("name").string().not_null())
        .col(ColumnDef::new("short_name").string().null())
        .col(ColumnDef::new("kind").string().not_null())
        .col(ColumnDef::new("party_id").string().not_null())
        .col(ColumnDef::new("parent_id").string().null())
        .col(ColumnDef::new("website").string().null())
        .index(
            Index::create()
                .name("organisations_party_name_key")
                .col("party_id")
                .col("name")
                .unique(),
        )
        .foreign_key(&mut fk(
            "organisations_party_fkey",
            "organisations",
            "party_id",
            "parties",
        ))
        .foreign_key(&mut fk(
            "organisations_parent_fkey",
            "organisations",
            "parent_id",
            "organisations",
        ));
    record_columns(&mut t, "organisations");
    t.to_owned()
}

fn people() -> TableCreateStatement {
    let mut t = Table::create();
    t.table("people")
        .col(id())
        .col(ColumnDef::new("full_name").string().not_null())
        .col(ColumnDef::new("native_name").string().null())
        .col(ColumnDef::new("title").string().null())
        .col(ColumnDef::new("email").string().null())
        .col(ColumnDef::new("phone").string().null())
        .col(ColumnDef::new("party_id").string().not_null())
        .index(
            Index::create()
                .name("people_email_key")
                .col("email")
                .unique(),
        )
        .foreign_key(&mut fk(
            "people_party_fkey",
            "people",
            "party_id",
            "parties",
        ));
    record_columns(&mut t, "people");
    t.to_owned()
}

fn memberships() -> TableCreateStatement {
    let mut t = Table::create();
    t.table("memberships")
        .col(id())
        .col(ColumnDef::new("person_id").string().not_null())
        .col(ColumnDef::new("organisation_id").string().not_null())
        .col(ColumnDef::new("role").string().not_null())
        .col(ColumnDef::new("on_behalf_of_id").string().null())
        .col(ColumnDef::new("starts_on").date().null())
        .col(ColumnDef::new("ends_on").date().null())
        .foreign_key(&mut fk(
            "memberships_person_fkey",
            "memberships",
            "person_id",
            "people",
        ))
        .foreign_key(&mut fk(
            "memberships_organisation_fkey",
            "memberships",
            "organisation_id",
            "organisations",
        ))
        .foreign_key(&mut fk(
            "memberships_on_behalf_of_fkey",
            "memberships",
            "on_behalf_of_id",
            "organisations",
        ));
    record_columns(&mut t, "memberships");
    t.to_owned()
}

fn users() -> TableCreateStatement {
    let mut t = Table::create();
    t.table("users")
        .col(id())
        .col(ColumnDef::new("username").string().not_null())
        .col(ColumnDef::new("person_id").string().not_null())
        .col(ColumnDef::new("party_id").string().not_null())
        .col(ColumnDef::new("organisation_id").string().null())
        .col(
            ColumnDef::new("role")
                .string()
                .not_null()
                .check(Expr::col("role").is_in([
                    "admin",
                    "secretariat",
                    "contributor",
                    "observer",
                ])),
        )
        .col(ColumnDef::new("password_hash").string().not_null())
        .col(ColumnDef::new("disabled").boolean().not_null())
        .index(
            Index::create()
                .name("users_username_key")
                .col("username")
                .unique(),
        )
        .index(
            Index::create()
                .name("users_person_key")
                .col("person_id")
                .unique(),
        )
        .foreign_key(&mut fk("users_person_fkey", "users", "person_id", "people"))
        .foreign_key(&mut fk("users_party_fkey", "users", "party_id", "parties"))
        .foreign_key(&mut fk(
            "users_organisation_fkey",
            "users",
            "organisation_id",
            "organisations",
        ));
    record_columns(&mut t, "users");
    t.to_owned()
}

fn api_tokens() -> TableCreateStatement {
    let mut t = Table::create();
    t.table("api_tokens")
        .col(id())
        .col(ColumnDef::new("user_id").string().not_null())
        .col(ColumnDef::new("name").string().not_null())
        .col(ColumnDef::new("token_hash").string().not_null())
        .col(
            ColumnDef::new("last_used_at")
                .timestamp_with_time_zone()
                .null(),
        )
        .col(
            ColumnDef::new("revoked_at")
                .timestamp_with_time_zone()
                .null(),
        )
        .index(
            Index::create()
                .name("api_tokens_hash_key")
                .col("token_hash")
                .unique(),
        )
        .foreign_key(&mut fk(
            "api_tokens_user_fkey",
            "api_tokens",
            "user_id",
            "users",
        ));
    record_columns(&mut t, "api_tokens");
    t.to_owned()
}

fn sessions() -> TableCreateStatement {
    Table::create()
        .table("sessions")
        .col(
            ColumnDef::new("token_hash")
                .string()
                .not_null()
                .primary_key(),
        )
        .col(ColumnDef::new("user_id").string().not_null())
        .col(ColumnDef::new("csrf_token").string().not_null())
        .col(
            ColumnDef::new("created_at")
                .timestamp_with_time_zone()
                .not_null(),
        )
        .col(
            ColumnDef::new("expires_at")
                .timestamp_with_time_zone()
                .not_null(),
        )
        .foreign_key(&mut fk(
            "sessions_user_fkey",
            "sessions",
            "user_id",
            "users",
        ))
        .to_owned()
}

fn record_access() -> TableCreateStatement {
    Table::create()
        .table("record_access")
        .col(ColumnDef::new("entity").string().not_null())
        .col(ColumnDef::new("entity_id").string().not_null())
        .col(ColumnDef::new("person_id").string().not_null())
        .primary_key(
            Index::create()
                .col("entity")
                .col("entity_id")
                .col("person_id"),
        )
        .foreign_key(&mut fk(
            "record_access_person_fkey",
            "record_access",
            "person_id",
            "people",
        ))
        .to_owned()
}

fn events() -> TableCreateStatement {
    Table::create()
        .table("events")
        .col(ColumnDef::new("seq").big_integer().not_null().primary_key())
        .col(ColumnDef::new("id").string().not_null())
        .col(ColumnDef::new("at").string().not_null())
        .col(ColumnDef::new("actor").string().not_null())
        .col(ColumnDef::new("actor_name").string().not_null())
        .col(ColumnDef::new("actor_party_id").string().null())
        .col(ColumnDef::new("entity").string().not_null())
        .col(ColumnDef::new("entity_id").string().not_null())
        .col(ColumnDef::new("action").string().not_null())
        .col(ColumnDef::new("owner_party_id").string().null())
        .col(ColumnDef::new("visibility").string().not_null())
        .col(ColumnDef::new("payload").text().not_null())
        .col(ColumnDef::new("prev_hash").string().not_null())
        .col(ColumnDef::new("hash").string().not_null())
        .index(Index::create().name("events_id_key").col("id").unique())
        .to_owned()
}

fn chain_head() -> TableCreateStatement {
    Table::create()
        .table("chain_head")
        .col(ColumnDef::new("id").integer().not_null().primary_key())
        .col(ColumnDef::new("seq").big_integer().not_null())
        .col(ColumnDef::new("hash").string().not_null())
        .to_owned()
}

/// Refuses updates and deletes of events in the database itself, beside the hash chain that detects them, and
/// moves the chain head with every event appended, so the head cannot drift from the log and no operation
/// spends a statement on it.
const EVENT_TRIGGERS_SQLITE: [&str; 3] = [
    "CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END",
    "CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END",
    "CREATE TRIGGER events_move_head AFTER INSERT ON events BEGIN UPDATE chain_head SET seq = NEW.seq, hash = NEW.hash WHERE id = 1; END",
];
const EVENT_TRIGGERS_POSTGRES: [&str; 4] = [
    "CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'the event log is append-only'; END $$",
    "CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events FOR EACH ROW EXECUTE FUNCTION events_append_only()",
    "CREATE FUNCTION events_move_head() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE chain_head SET seq = NEW.seq, hash = NEW.hash WHERE id = 1; RETURN NEW; END $$",
    "CREATE TRIGGER events_move_head AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION events_move_head()",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            parties(),
            organisations(),
            people(),
            memberships(),
            users(),
            api_tokens(),
            sessions(),
            record_access(),
            events(),
            chain_head(),
        ] {
            manager.create_table(t).await?;
        }
        let indexes = [
            Index::create()
                .name("events_entity_idx")
                .table("events")
                .col("entity")
                .col("entity_id")
                .col("seq")
                .to_owned(),
            Index::create()
                .name("record_access_person_idx")
                .table("record_access")
                .col("person_id")
                .to_owned(),
            Index::create()
                .name("memberships_person_idx")
                .table("memberships")
                .col("person_id")
                .to_owned(),
            Index::create()
                .name("memberships_organisation_idx")
                .table("memberships")
                .col("organisation_id")
                .to_owned(),
            Index::create()
                .name("organisations_name_idx")
                .table("organisations")
                .col("name")
                .col("id")
                .to_owned(),
            Index::create()
                .name("people_name_idx")
                .table("people")
                .col("full_name")
                .col("id")
                .to_owned(),
        ];
        for i in indexes {
            manager.create_index(i).await?;
        }
        let conn = manager.get_connection();
        conn.execute_unprepared(&format!(
            "INSERT INTO chain_head (id, seq, hash) VALUES (1, 0, '{}')",
            corridor_core::audit::GENESIS_HASH
        ))
        .await?;
        let triggers: &[&str] = match manager.get_database_backend() {
            DbBackend::Postgres => &EVENT_TRIGGERS_POSTGRES,
            _ => &EVENT_TRIGGERS_SQLITE,
        };
        for sql in triggers {
            conn.execute_unprepared(sql).await?;
        }
        Ok(())
    }
}
