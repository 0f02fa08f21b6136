//! News for the public (`corridor_core::news`): items drafted by one side and shared with the other, each
//! party's approval of a version, publication once every member party has approved the current version, and
//! withdrawal by either side. Visitors' subscriptions and the e-mail sent to them are in `subscribers.rs`, the
//! administrators' view of that e-mail in `outbox.rs`.

mod outbox;
mod subscribers;

pub use subscribers::{PublicMail, PublicMailKind, Subscribed};

use crate::access::{Audited, visible};
use crate::directory::{Named, Table, access_view, check_version, unnamed};
use crate::entity::{news_approval, news_item, news_subscriber, party, public_mail};
use crate::meeting::check_links;
use crate::{Store, StoreError};
use corridor_core::actor::{Role, UserActor};
use corridor_core::ids::{NewsApprovalId, NewsItemId};
use corridor_core::language::Translations;
use corridor_core::links::RecordLink;
use corridor_core::news::{ApprovalView, NewNews, NewsState, NewsView};
use corridor_core::view::Ref;
use corridor_core::{Actor, Viewer};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

impl Named for NewsView {
    fn refs(&mut self) -> Vec<(Table, &mut Ref)> {
        let mut refs = vec![(Table::Parties, &mut self.access.owner_party)];
        for a in &mut self.approvals {
            refs.push((Table::Parties, &mut a.party));
            refs.push((Table::People, &mut a.person));
        }
        for p in &mut self.awaiting {
            refs.push((Table::Parties, p));
        }
        refs
    }
}

/// The user who may approve or withdraw for their party: an administrator or secretariat officer of a member
/// party.
fn approver(actor: &Actor) -> Result<&UserActor, StoreError> {
    match actor {
        Actor::User(u) if u.member && matches!(u.role, Role::Admin | Role::Secretariat) => Ok(u),
        Actor::User(_) => Err(StoreError::Forbidden(
            "only an administrator or a secretariat officer of a member party approves or withdraws news"
                .into(),
        )),
        Actor::System => Err(StoreError::Forbidden(
            "news is approved by a person of each party, not by the system".into(),
        )),
    }
}

/// The member parties' ids, sorted.
async fn member_parties(conn: &impl ConnectionTrait) -> Result<Vec<String>, StoreError> {
    Ok(party::Entity::find()
        .select_only()
        .column(party::Column::Id)
        .filter(party::Column::Standing.eq("member"))
        .order_by_asc(party::Column::Id)
        .into_tuple()
        .all(conn)
        .await?)
}

/// The item the actor acts on; one they may not see is not found, exactly like one that does not exist.
async fn visible_item(
    tx: &crate::audit::WriteTx,
    id: &str,
) -> Result<news_item::Model, StoreError> {
    news_item::Entity::find_visible(&tx.actor().viewer(), id)
        .one(&tx.txn)
        .await?
        .ok_or(StoreError::NotFound {
            entity: "news_item",
        })
}

fn state_of(m: &news_item::Model) -> NewsState {
    m.state.parse().unwrap_or(NewsState::Draft)
}

impl Store {
    /// Drafts a news item for the author's side, shared with the other side so that it can approve it.
    #[crate::boxed]
    pub async fn create_news(
        &self,
        actor: &Actor,
        id: NewsItemId,
        new: &NewNews,
    ) -> Result<NewsView, StoreError> {
        let u = approver(actor)?;
        let mut tx = self.write(actor).await?;
        check_links(&tx.txn, &actor.viewer(), &new.links).await?;
        let now = corridor_core::now();
        let row = news_item::ActiveModel {
            id: Set(id.to_string()),
            title: Set(new.title.clone()),
            translations: Set(new.title_translations.to_json()),
            summary: Set(new.summary.clone()),
            summary_translations: Set(new.summary_translations.to_json()),
            links: Set(RecordLink::to_json(&new.links)),
            state: Set(NewsState::Draft.to_string()),
            published_at: Set(None),
            owner_party_id: Set(u.party_id.to_string()),
            owner_organisation_id: Set(u.organisation_id.map(|o| o.to_string())),
            visibility: Set("shared".into()),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        };
        let written = news_item::Entity::insert(row)
            .exec_with_returning(&tx.txn)
            .await?;
        tx.log::<news_item::Entity>(written, "created").await?;
        tx.commit().await?;
        self.news_item(&actor.viewer(), &id.to_string()).await
    }

    /// Changes a draft or a withdrawn item's text, by its own side. Approvals given to the earlier version no
    /// longer count; a published item is withdrawn first.
    #[crate::boxed]
    pub async fn update_news(
        &self,
        actor: &Actor,
        id: &str,
        new: &NewNews,
    ) -> Result<NewsView, StoreError> {
        approver(actor)?;
        let mut tx = self.write(actor).await?;
        let current = crate::directory::editable::<news_item::Entity>(&tx, id).await?;
        check_version("news item", new.version, current.version)?;
        if state_of(&current) == NewsState::Published {
            return Err(StoreError::invalid(
                "state",
                "this news item is published; withdraw it before changing its text",
            ));
        }
        check_links(&tx.txn, &actor.viewer(), &new.links).await?;
        let mut row: news_item::ActiveModel = current.clone().into();
        row.title = Set(new.title.clone());
        row.translations = Set(new.title_translations.to_json());
        row.summary = Set(new.summary.clone());
        row.summary_translations = Set(new.summary_translations.to_json());
        row.links = Set(RecordLink::to_json(&new.links));
        row.state = Set(NewsState::Draft.to_string());
        row.version = Set(current.version + 1);
        row.updated_at = Set(corridor_core::now());
        let written = row.update(&tx.txn).await?;
        tx.log::<news_item::Entity>(written, "updated").await?;
        tx.commit().await?;
        self.news_item(&actor.viewer(), id).await
    }

    /// Records the approval of version `version` of a draft or withdrawn item by the actor's party. When every member party
    /// has approved that version, the item is published in the same transaction, and an e-mail is queued
    /// for each confirmed subscriber.
    #[crate::boxed]
    pub async fn approve_news(
        &self,
        actor: &Actor,
        id: &str,
        version: i64,
    ) -> Result<NewsView, StoreError> {
        let u = approver(actor)?.clone();
        let mut tx = self.write(actor).await?;
        let item = visible_item(&tx, id).await?;
        if state_of(&item) == NewsState::Published {
            return Err(StoreError::invalid(
                "state",
                "this news item is published already",
            ));
        }
        check_version("news item", Some(version), item.version)?;
        let now = corridor_core::now();
        let approval = news_approval::ActiveModel {
            id: Set(NewsApprovalId::new().to_string()),
            news_item_id: Set(item.id.clone()),
            item_version: Set(item.version),
            party_id: Set(u.party_id.to_string()),
            person_id: Set(u.person_id.to_string()),
            owner_party_id: Set(u.party_id.to_string()),
            owner_organisation_id: Set(u.organisation_id.map(|o| o.to_string())),
            visibility: Set("shared".into()),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        };
        let written = news_approval::Entity::insert(approval)
            .exec_with_returning(&tx.txn)
            .await?;
        tx.log::<news_approval::Entity>(written, "approved").await?;
        let approved: Vec<String> = news_approval::Entity::find()
            .select_only()
            .column(news_approval::Column::PartyId)
            .filter(news_approval::Column::NewsItemId.eq(item.id.as_str()))
            .filter(news_approval::Column::ItemVersion.eq(item.version))
            .into_tuple()
            .all(&tx.txn)
            .await?;
        let members = member_parties(&tx.txn).await?;
        if !members.is_empty() && members.iter().all(|p| approved.contains(p)) {
            let mut row: news_item::ActiveModel = item.clone().into();
            row.state = Set(NewsState::Published.to_string());
            row.visibility = Set("public".into());
            row.published_at = Set(Some(now));
            row.updated_at = Set(now);
            let written = row.update(&tx.txn).await?;
            tx.log::<news_item::Entity>(written, "published").await?;
            queue_news_mail(&tx.txn, &item.id, now).await?;
        }
        tx.commit().await?;
        self.news_item(&actor.viewer(), id).await
    }

    /// Takes a published item off the public page, by either side. Its approvals lapse: both sides approve
    /// again to publish it anew.
    #[crate::boxed]
    pub async fn withdraw_news(&self, actor: &Actor, id: &str) -> Result<NewsView, StoreError> {
        approver(actor)?;
        let mut tx = self.write(actor).await?;
        let item = visible_item(&tx, id).await?;
        if state_of(&item) != NewsState::Published {
            return Err(StoreError::invalid(
                "state",
                format!(
                    "this news item is {}; only a published item is withdrawn",
                    item.state
                ),
            ));
        }
        let mut row: news_item::ActiveModel = item.clone().into();
        row.state = Set(NewsState::Withdrawn.to_string());
        row.visibility = Set("shared".into());
        row.version = Set(item.version + 1);
        row.updated_at = Set(corridor_core::now());
        let written = row.update(&tx.txn).await?;
        tx.log::<news_item::Entity>(written, "withdrawn").await?;
        tx.commit().await?;
        self.news_item(&actor.viewer(), id).await
    }

    /// One news item the viewer may see: a visitor sees only published items.
    #[crate::boxed]
    pub async fn news_item(&self, viewer: &Viewer, id: &str) -> Result<NewsView, StoreError> {
        let m = news_item::Entity::find_visible(viewer, id)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound {
                entity: "news_item",
            })?;
        self.news_views(viewer, vec![m])
            .await
            .map(|mut v| v.remove(0))
    }

    /// Published news, newest first, `limit` at most.
    #[crate::boxed]
    pub async fn published_news(&self, limit: u64) -> Result<Vec<NewsView>, StoreError> {
        let rows = news_item::Entity::find()
            .filter(news_item::Column::State.eq("published"))
            .filter(visible(&Viewer::Anonymous, "news_items", "news_item"))
            .order_by_desc(news_item::Column::PublishedAt)
            .order_by_desc(news_item::Column::Id)
            .limit(limit)
            .all(&self.db)
            .await?;
        self.news_views(&Viewer::Anonymous, rows).await
    }

    /// Drafts and withdrawn items the viewer may see, most recently changed first: the news desk.
    #[crate::boxed]
    pub async fn unpublished_news(&self, viewer: &Viewer) -> Result<Vec<NewsView>, StoreError> {
        let rows = news_item::Entity::find()
            .filter(news_item::Column::State.ne("published"))
            .filter(visible(viewer, "news_items", "news_item"))
            .order_by_desc(news_item::Column::UpdatedAt)
            .limit(200)
            .all(&self.db)
            .await?;
        self.news_views(viewer, rows).await
    }

    async fn news_views(
        &self,
        viewer: &Viewer,
        rows: Vec<news_item::Model>,
    ) -> Result<Vec<NewsView>, StoreError> {
        let members = member_parties(&self.db).await?;
        let mut views = Vec::with_capacity(rows.len());
        for m in rows {
            let access = access_view::<news_item::Entity>(
                &self.db,
                viewer,
                &m,
                m.version,
                m.created_at,
                m.updated_at,
            )
            .await?;
            // Who approved is the parties' business; a visitor reads the news alone.
            let approvals: Vec<ApprovalView> = if matches!(viewer, Viewer::Anonymous) {
                vec![]
            } else {
                news_approval::Entity::find()
                    .filter(news_approval::Column::NewsItemId.eq(m.id.as_str()))
                    .filter(news_approval::Column::ItemVersion.eq(m.version))
                    .filter(visible(viewer, "news_approvals", "news_approval"))
                    .order_by_asc(news_approval::Column::CreatedAt)
                    .all(&self.db)
                    .await?
                    .into_iter()
                    .map(|a| ApprovalView {
                        party: unnamed(&a.party_id),
                        person: unnamed(&a.person_id),
                        item_version: a.item_version,
                        at: corridor_core::dates::format_rfc3339(a.created_at),
                    })
                    .collect()
            };
            let state = state_of(&m);
            let awaiting = if state != NewsState::Published && !matches!(viewer, Viewer::Anonymous)
            {
                members
                    .iter()
                    .filter(|p| !approvals.iter().any(|a| &a.party.id == *p))
                    .map(|p| unnamed(p))
                    .collect()
            } else {
                vec![]
            };
            let links = self.link_views(viewer, &m.links).await?;
            views.push(NewsView {
                titles: Translations::from_json(&m.translations).with_english(&m.title),
                summaries: Translations::from_json(&m.summary_translations)
                    .with_english(&m.summary),
                id: m.id,
                title: m.title,
                summary: m.summary,
                state,
                published_at: m.published_at.map(corridor_core::dates::format_rfc3339),
                links,
                approvals,
                awaiting,
                access,
            });
        }
        self.fill_names(viewer, &mut views).await?;
        Ok(views)
    }
}

/// Queues news item `item_id` for every confirmed subscriber.
async fn queue_news_mail(
    conn: &impl ConnectionTrait,
    item_id: &str,
    now: time::OffsetDateTime,
) -> Result<(), StoreError> {
    let subscribers: Vec<String> = news_subscriber::Entity::find()
        .select_only()
        .column(news_subscriber::Column::Id)
        .filter(news_subscriber::Column::Status.eq("confirmed"))
        .into_tuple()
        .all(conn)
        .await?;
    for chunk in subscribers.chunks(1000) {
        let rows = chunk
            .iter()
            .map(|s| subscribers::queued(s, PublicMailKind::News, Some(item_id), now));
        public_mail::Entity::insert_many(rows)
            .exec_without_returning(conn)
            .await?;
    }
    Ok(())
}
