//! Every page shows the reader's unread alerts: count them through an index of (user, read time) rather
//! than by reading each of the user's notifications.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name("notifications_unread_idx")
                    .table(Alias::new("notifications"))
                    .col(Alias::new("user_id"))
                    .col(Alias::new("read_at"))
                    .to_owned(),
            )
            .await
    }
}
