//! User accounts, password checks, browser sessions and API tokens. Secrets (passwords, session and API
//! tokens) are stored only as hashes: Argon2 for passwords, SHA-256 for random tokens.

use super::{Named, Table, access_view, parse_id, require_visible, unnamed};
use crate::access::{Audited, visible};
use crate::entity::{api_token, organisation, person, session, user};
use crate::{Store, StoreError};
use argon2::Argon2;
use corridor_core::actor::UserActor;
use corridor_core::directory::{NewUser, UserUpdate, check_password};
use corridor_core::ids::{TokenId, UserId};
use corridor_core::view::{Ref, TokenView, UserView};
use corridor_core::visibility::can_manage_users;
use corridor_core::{Actor, Role, Viewer};
use password_hash::rand_core::{OsRng, RngCore};
use password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use sha2::{Digest, Sha256};
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

impl Named for UserView {
    fn refs(&mut self) -> Vec<(Table, &mut Ref)> {
        let mut r = vec![
            (Table::People, &mut self.person),
            (Table::Parties, &mut self.party),
            (Table::Parties, &mut self.access.owner_party),
        ];
        r.extend(
            self.organisation
                .as_mut()
                .map(|o| (Table::Organisations, o)),
        );
        r
    }
}

fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    OsRng.fill_bytes(&mut buf);
    hex::encode(buf)
}

fn sha256_hex(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// Hashes a password off the async threads: Argon2 is deliberately slow.
async fn hash_password(password: String) -> Result<String, StoreError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| StoreError::Config(format!("cannot hash the password: {e}")))
    })
    .await
    .map_err(|e| StoreError::Config(format!("password hashing stopped: {e}")))?
}

async fn password_matches(password: String, stored: String) -> bool {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&stored)
            .map(|h| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &h)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

/// A real hash of a random password, checked when the account does not exist so that timing tells nothing.
async fn dummy_hash() -> String {
    static DUMMY: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    DUMMY
        .get_or_init(|| async { hash_password(random_hex(16)).await.unwrap_or_default() })
        .await
        .clone()
}

fn user_actor(u: &user::Model) -> Result<UserActor, StoreError> {
    let bad = || {
        StoreError::Config(format!(
            "account {} is malformed in the database",
            u.username
        ))
    };
    Ok(UserActor {
        user_id: u.id.parse().map_err(|_| bad())?,
        username: u.username.clone(),
        person_id: u.person_id.parse().map_err(|_| bad())?,
        party_id: u.party_id.parse().map_err(|_| bad())?,
        organisation_id: u
            .organisation_id
            .as_deref()
            .map(str::parse)
            .transpose()
            .map_err(|_| bad())?,
        role: u.role.parse().map_err(|_| bad())?,
    })
}

impl Store {
    /// Opens an account for a person; it takes the person's party.
    pub async fn create_user(
        &self,
        actor: &Actor,
        id: UserId,
        new: &NewUser,
    ) -> Result<UserView, StoreError> {
        let password_hash = hash_password(new.password.clone()).await?;
        let mut tx = self.write(actor).await?;
        let viewer = actor.viewer();
        let person = require_visible::<person::Entity>(
            &tx.txn,
            &viewer,
            &new.person_id.to_string(),
            "person_id",
        )
        .await?;
        can_manage_users(actor, parse_id("party", &person.party_id)?)?;
        if let Some(org) = new.organisation_id {
            let org = require_visible::<organisation::Entity>(
                &tx.txn,
                &viewer,
                &org.to_string(),
                "organisation_id",
            )
            .await?;
            if org.party_id != person.party_id {
                return Err(StoreError::invalid(
                    "organisation_id",
                    "must be an organisation of the person's own party",
                ));
            }
        }
        let now = corridor_core::now();
        let row = user::ActiveModel {
            id: Set(id.to_string()),
            username: Set(new.username.clone()),
            person_id: Set(person.id.clone()),
            party_id: Set(person.party_id.clone()),
            organisation_id: Set(new.organisation_id.map(|o| o.to_string())),
            role: Set(new.role.to_string()),
            password_hash: Set(password_hash),
            disabled: Set(false),
            owner_party_id: Set(person.party_id.clone()),
            owner_organisation_id: Set(None),
            visibility: Set("party".into()),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        };
        let written = user::Entity::insert(row)
            .exec_with_returning(&tx.txn)
            .await?;
        let model = tx.log::<user::Entity>(written, "created").await?;
        tx.commit().await?;
        self.user_views(&viewer, vec![model])
            .await
            .map(|mut v| v.remove(0))
    }

    /// Changes an account's role, organisation or status; disabling ends its sessions.
    pub async fn update_user(
        &self,
        actor: &Actor,
        id: &str,
        change: &UserUpdate,
    ) -> Result<UserView, StoreError> {
        let mut tx = self.write(actor).await?;
        let viewer = actor.viewer();
        let current = user::Entity::find_visible(&viewer, id)
            .one(&tx.txn)
            .await?
            .ok_or(StoreError::NotFound { entity: "user" })?;
        can_manage_users(actor, parse_id("party", &current.party_id)?)?;
        if actor
            .user()
            .is_some_and(|u| u.user_id.to_string() == current.id)
            && (change.disabled || change.role != Role::Admin)
        {
            return Err(StoreError::invalid(
                "role",
                "you cannot demote or disable your own account; ask another administrator",
            ));
        }
        if let Some(org) = change.organisation_id {
            let org = require_visible::<organisation::Entity>(
                &tx.txn,
                &viewer,
                &org.to_string(),
                "organisation_id",
            )
            .await?;
            if org.party_id != current.party_id {
                return Err(StoreError::invalid(
                    "organisation_id",
                    "must be an organisation of the account's own party",
                ));
            }
        }
        let version = current.version + 1;
        let mut row: user::ActiveModel = current.into();
        row.role = Set(change.role.to_string());
        row.organisation_id = Set(change.organisation_id.map(|o| o.to_string()));
        row.disabled = Set(change.disabled);
        row.version = Set(version);
        row.updated_at = Set(corridor_core::now());
        let written = row.update(&tx.txn).await?;
        if change.disabled {
            session::Entity::delete_many()
                .filter(session::Column::UserId.eq(id))
                .exec(&tx.txn)
                .await?;
        }
        let model = tx.log::<user::Entity>(written, "updated").await?;
        tx.commit().await?;
        self.user_views(&viewer, vec![model])
            .await
            .map(|mut v| v.remove(0))
    }

    /// Sets a new password: an account holder for themselves (giving the current one), an administrator or the
    /// command line for anyone they manage. Every session of the account ends.
    pub async fn set_password(
        &self,
        actor: &Actor,
        id: &str,
        current_password: Option<&str>,
        new_password: &str,
    ) -> Result<(), StoreError> {
        let new_password = check_password("new_password", new_password)
            .map_err(|e| StoreError::invalid(&e.field, e.message))?;
        let target = user::Entity::find_visible(&actor.viewer(), id)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound { entity: "user" })?;
        let own = actor
            .user()
            .is_some_and(|u| u.user_id.to_string() == target.id);
        if own {
            let given = current_password.unwrap_or_default().to_owned();
            if !password_matches(given, target.password_hash.clone()).await {
                return Err(StoreError::invalid(
                    "current_password",
                    "is not your current password",
                ));
            }
        } else {
            can_manage_users(actor, parse_id("party", &target.party_id)?)?;
        }
        let hash = hash_password(new_password).await?;
        let mut tx = self.write(actor).await?;
        let mut row: user::ActiveModel = target.clone().into();
        row.password_hash = Set(hash);
        row.version = Set(target.version + 1);
        row.updated_at = Set(corridor_core::now());
        let written = row.update(&tx.txn).await?;
        session::Entity::delete_many()
            .filter(session::Column::UserId.eq(id))
            .exec(&tx.txn)
            .await?;
        tx.log::<user::Entity>(written, "password_changed").await?;
        tx.commit().await
    }

    /// The accounts the viewer may see (their own party's), by username.
    pub async fn users(&self, viewer: &Viewer) -> Result<Vec<UserView>, StoreError> {
        let rows = user::Entity::find()
            .filter(visible(viewer, "users", "user"))
            .order_by_asc(user::Column::Username)
            .all(&self.db)
            .await?;
        self.user_views(viewer, rows).await
    }

    /// One account, if the viewer may see it.
    pub async fn user(&self, viewer: &Viewer, id: &str) -> Result<UserView, StoreError> {
        let id: UserId = parse_id("user", id)?;
        let row = user::Entity::find_visible(viewer, &id.to_string())
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound { entity: "user" })?;
        self.user_views(viewer, vec![row])
            .await
            .map(|mut v| v.remove(0))
    }

    /// The account with this username, for the command line.
    pub async fn user_by_username(&self, username: &str) -> Result<UserView, StoreError> {
        let row = user::Entity::find()
            .filter(user::Column::Username.eq(username))
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound { entity: "user" })?;
        self.user_views(&Viewer::System, vec![row])
            .await
            .map(|mut v| v.remove(0))
    }

    async fn user_views(
        &self,
        viewer: &Viewer,
        rows: Vec<user::Model>,
    ) -> Result<Vec<UserView>, StoreError> {
        let mut views = Vec::with_capacity(rows.len());
        for m in rows {
            let access = access_view::<user::Entity>(
                &self.db,
                viewer,
                &m,
                m.version,
                m.created_at,
                m.updated_at,
            )
            .await?;
            views.push(UserView {
                person: unnamed(&m.person_id),
                party: unnamed(&m.party_id),
                organisation: m.organisation_id.as_deref().map(unnamed),
                id: m.id,
                username: m.username,
                role: m.role,
                disabled: m.disabled,
                access,
            });
        }
        self.fill_names(viewer, &mut views).await?;
        Ok(views)
    }

    /// Checks a username and password; the same answer, in the same time, whatever was wrong.
    pub async fn authenticate(
        &self,
        username: &str,
        password: &str,
    ) -> Result<UserActor, StoreError> {
        let row = user::Entity::find()
            .filter(user::Column::Username.eq(username.trim()))
            .one(&self.db)
            .await?;
        let stored = match &row {
            Some(u) => u.password_hash.clone(),
            None => dummy_hash().await,
        };
        let ok = password_matches(password.to_owned(), stored).await;
        match row {
            Some(u) if ok && !u.disabled => user_actor(&u),
            _ => Err(StoreError::Unauthenticated(
                "the username or password is not right".into(),
            )),
        }
    }

    /// Starts a browser session for a signed-in user.
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
            Some(u) if !u.disabled => Ok(Some((user_actor(&u)?, s.csrf_token))),
            _ => Ok(None),
        }
    }

    /// Ends a browser session.
    pub async fn end_session(&self, token: &str) -> Result<(), StoreError> {
        session::Entity::delete_by_id(sha256_hex(token))
            .exec(&self.db)
            .await?;
        Ok(())
    }

    /// Issues an API token for `user_id` (oneself, or anyone from the command line). Returns its secret once.
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
            Some(u) if !u.disabled => Ok(Some(user_actor(&u)?)),
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
