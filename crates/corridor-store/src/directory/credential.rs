//! Browser sessions and API tokens: random secrets handed to the client once and stored only as SHA-256.

use super::account::{random_hex, sha256_hex, user_actor};
use super::parse_id;
use crate::access::{Audited, visible};
use crate::entity::{api_token, session, user};
use crate::{Store, StoreError};
use corridor_core::actor::UserActor;
use corridor_core::ids::TokenId;
use corridor_core::view::TokenView;
use corridor_core::{Actor, Viewer};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use time::OffsetDateTime;

/// A new browser session: the cookie's secret and the token forms must echo.
#[derive(Clone, PartialEq, Eq)]
pub struct SessionStart {
    /// The cookie value; only its hash is stored.
    pub token: String,
    /// The form token bound to this session.
    pub csrf: String,
    /// When it stops working.
    pub expires_at: OffsetDateTime,
}

impl Store {
    /// Starts a browser session for a signed-in user.
    #[crate::boxed]
    pub async fn start_session(
        &self,
        user: &UserActor,
        hours: u32,
    ) -> Result<SessionStart, StoreError> {
        let token = random_hex(32);
        let csrf = random_hex(32);
        let now = corridor_core::now();
        let expires_at = now + time::Duration::hours(i64::from(hours));
        // Expired sessions are swept here rather than by a timer: sign-ins are frequent enough.
        session::Entity::delete_many()
            .filter(session::Column::ExpiresAt.lt(now))
            .exec(&self.db)
            .await?;
        session::Entity::insert(session::ActiveModel {
            token_hash: Set(sha256_hex(&token)),
            user_id: Set(user.user_id.to_string()),
            csrf_token: Set(csrf.clone()),
            created_at: Set(now),
            expires_at: Set(expires_at),
        })
        .exec_without_returning(&self.db)
        .await?;
        Ok(SessionStart {
            token,
            csrf,
            expires_at,
        })
    }

    /// The user and form token of a live session.
    #[crate::boxed]
    pub async fn session(&self, token: &str) -> Result<Option<(UserActor, String)>, StoreError> {
        let Some(s) = session::Entity::find_by_id(sha256_hex(token))
            .one(&self.db)
            .await?
        else {
            return Ok(None);
        };
        if s.expires_at < corridor_core::now() {
            return Ok(None);
        }
        let user = user::Entity::find_id(&s.user_id).one(&self.db).await?;
        match user {
            Some(u) if !u.disabled => Ok(Some((user_actor(&self.db, &u).await?, s.csrf_token))),
            _ => Ok(None),
        }
    }

    /// Ends a browser session.
    #[crate::boxed]
    pub async fn end_session(&self, token: &str) -> Result<(), StoreError> {
        session::Entity::delete_by_id(sha256_hex(token))
            .exec(&self.db)
            .await?;
        Ok(())
    }

    /// Issues an API token for `user_id` (oneself, or anyone from the command line). Returns its secret once.
    #[crate::boxed]
    pub async fn create_token(
        &self,
        actor: &Actor,
        user_id: &str,
        name: &str,
    ) -> Result<(TokenView, String), StoreError> {
        let name = corridor_core::input::required_text(
            "name",
            Some(name),
            corridor_core::input::limit::NAME,
        )
        .map_err(|e| StoreError::invalid(&e.field, e.message))?;
        let mut tx = self.write(actor).await?;
        let owner = user::Entity::find_visible(&actor.viewer(), user_id)
            .one(&tx.txn)
            .await?
            .ok_or(StoreError::NotFound { entity: "user" })?;
        if actor
            .user()
            .is_some_and(|u| u.user_id.to_string() != owner.id)
        {
            return Err(StoreError::Forbidden(
                "API tokens are issued by their holder".into(),
            ));
        }
        let secret = format!("cor_{}", random_hex(24));
        let id = TokenId::new().to_string();
        let now = corridor_core::now();
        let written = api_token::Entity::insert(api_token::ActiveModel {
            id: Set(id.clone()),
            user_id: Set(owner.id.clone()),
            name: Set(name),
            token_hash: Set(sha256_hex(&secret)),
            last_used_at: Set(None),
            revoked_at: Set(None),
            owner_party_id: Set(owner.party_id.clone()),
            owner_organisation_id: Set(None),
            visibility: Set("restricted".into()),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        })
        .exec_with_returning(&tx.txn)
        .await?;
        crate::access::set_restricted_to(
            &tx.txn,
            api_token::Entity::ENTITY,
            &id,
            &[parse_id("person", &owner.person_id)?],
        )
        .await?;
        let model = tx.log::<api_token::Entity>(written, "created").await?;
        tx.commit().await?;
        Ok((token_view(model), secret))
    }

    /// Revokes a token; only its holder (or the command line) may.
    #[crate::boxed]
    pub async fn revoke_token(
        &self,
        actor: &Actor,
        token_id: &str,
    ) -> Result<TokenView, StoreError> {
        let mut tx = self.write(actor).await?;
        let current = api_token::Entity::find_visible(&actor.viewer(), token_id)
            .one(&tx.txn)
            .await?
            .ok_or(StoreError::NotFound {
                entity: "api_token",
            })?;
        if current.revoked_at.is_some() {
            return Ok(token_view(current));
        }
        let version = current.version + 1;
        let mut row: api_token::ActiveModel = current.into();
        let now = corridor_core::now();
        row.revoked_at = Set(Some(now));
        row.version = Set(version);
        row.updated_at = Set(now);
        let written = row.update(&tx.txn).await?;
        let model = tx.log::<api_token::Entity>(written, "revoked").await?;
        tx.commit().await?;
        Ok(token_view(model))
    }

    /// The viewer's own tokens, newest first.
    #[crate::boxed]
    pub async fn tokens(
        &self,
        viewer: &Viewer,
        user_id: &str,
    ) -> Result<Vec<TokenView>, StoreError> {
        let rows = api_token::Entity::find()
            .filter(api_token::Column::UserId.eq(user_id))
            .filter(visible(viewer, "api_tokens", "api_token"))
            .order_by_desc(api_token::Column::CreatedAt)
            .all(&self.db)
            .await?;
        Ok(rows.into_iter().map(token_view).collect())
    }

    /// The user behind a live API token.
    #[crate::boxed]
    pub async fn token_user(&self, secret: &str) -> Result<Option<UserActor>, StoreError> {
        let Some(t) = api_token::Entity::find()
            .filter(api_token::Column::TokenHash.eq(sha256_hex(secret)))
            .one(&self.db)
            .await?
        else {
            return Ok(None);
        };
        if t.revoked_at.is_some() {
            return Ok(None);
        }
        let now = corridor_core::now();
        // Recorded at most once a minute, so that reading through the API does not turn into a write per call.
        if t.last_used_at
            .is_none_or(|l| now - l > time::Duration::minutes(1))
        {
            let mut row: api_token::ActiveModel = t.clone().into();
            row.last_used_at = Set(Some(now));
            row.update(&self.db).await?;
        }
        match user::Entity::find_id(&t.user_id).one(&self.db).await? {
            Some(u) if !u.disabled => Ok(Some(user_actor(&self.db, &u).await?)),
            _ => Ok(None),
        }
    }
}

fn token_view(m: api_token::Model) -> TokenView {
    use corridor_core::dates::format_rfc3339;
    TokenView {
        id: m.id,
        name: m.name,
        created_at: format_rfc3339(m.created_at),
        last_used_at: m.last_used_at.map(format_rfc3339),
        revoked_at: m.revoked_at.map(format_rfc3339),
    }
}
