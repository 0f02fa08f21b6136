//! User accounts and passwords. Passwords are stored only as Argon2 hashes.

use super::{Named, Table, access_view, parse_id, require_visible, unnamed};
use crate::access::{Audited, visible};
use crate::entity::{organisation, person, session, user};
use crate::{Store, StoreError};
use argon2::Argon2;
use corridor_core::actor::UserActor;
use corridor_core::directory::{NewUser, Standing, UserUpdate, check_password};
use corridor_core::ids::UserId;
use corridor_core::view::{Ref, UserView};
use corridor_core::visibility::can_manage_users;
use corridor_core::{Actor, Role, Viewer};
use password_hash::rand_core::{OsRng, RngCore};
use password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use sha2::{Digest, Sha256};

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

pub(crate) fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    OsRng.fill_bytes(&mut buf);
    hex::encode(buf)
}

pub(crate) fn sha256_hex(secret: &str) -> String {
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

/// The rules' view of an account; its party's standing is read each time, since it decides what is shared
/// with the account.
pub(super) async fn user_actor(
    conn: &impl sea_orm::ConnectionTrait,
    u: &user::Model,
) -> Result<UserActor, StoreError> {
    let member = crate::entity::party::Entity::find_by_id(u.party_id.clone())
        .one(conn)
        .await?
        .is_some_and(|p| p.standing == Standing::Member.as_str());
    actor_from(u, member)
}

/// The rules' view of an account whose party's standing is known (`member`).
pub(crate) fn actor_from(u: &user::Model, member: bool) -> Result<UserActor, StoreError> {
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
        time_zone: u.time_zone.clone(),
        member,
    })
}

impl Store {
    /// Opens an account for a person; it takes the person's party.
    #[crate::boxed]
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
            time_zone: Set(None),
            language: Set(None),
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
    #[crate::boxed]
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
    #[crate::boxed]
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

    /// The interface language an account chose, if any.
    #[crate::boxed]
    pub async fn user_language(
        &self,
        user: &UserActor,
    ) -> Result<Option<corridor_core::language::Language>, StoreError> {
        Ok(user::Entity::find_id(&user.user_id.to_string())
            .one(&self.db)
            .await?
            .and_then(|u| u.language)
            .and_then(|l| l.parse().ok()))
    }

    /// Remembers the interface language the signed-in account chose (`en`, `zh` or `ur`).
    #[crate::boxed]
    pub async fn set_language(
        &self,
        actor: &Actor,
        language: corridor_core::language::Language,
    ) -> Result<(), StoreError> {
        let Some(me) = actor.user() else {
            return Err(StoreError::invalid(
                "lang",
                "only a signed-in account keeps a language",
            ));
        };
        let mut tx = self.write(actor).await?;
        let current = user::Entity::find_id(&me.user_id.to_string())
            .one(&tx.txn)
            .await?
            .ok_or(StoreError::NotFound { entity: "user" })?;
        if current.language.as_deref() == Some(language.code()) {
            tx.rollback().await?;
            return Ok(());
        }
        let version = current.version + 1;
        let mut row: user::ActiveModel = current.into();
        row.language = Set(Some(language.code().to_owned()));
        row.version = Set(version);
        row.updated_at = Set(corridor_core::now());
        let written = row.update(&tx.txn).await?;
        tx.log::<user::Entity>(written, "language_set").await?;
        tx.commit().await?;
        Ok(())
    }

    /// Sets the time zone the account holder reads meeting times in; `None` or empty clears it. Only the
    /// account holder chooses their own clock.
    #[crate::boxed]
    pub async fn set_time_zone(
        &self,
        actor: &Actor,
        time_zone: Option<&str>,
    ) -> Result<UserView, StoreError> {
        let Some(me) = actor.user() else {
            return Err(StoreError::invalid(
                "time_zone",
                "only a signed-in account has a time zone",
            ));
        };
        let zone = match corridor_core::input::trimmed(time_zone) {
            None => None,
            Some(z) => Some(
                corridor_core::meeting::schedule::time_zone("time_zone", Some(z))
                    .map_err(|e| StoreError::invalid(&e.field, e.message))?,
            ),
        };
        let mut tx = self.write(actor).await?;
        let current = user::Entity::find_id(&me.user_id.to_string())
            .one(&tx.txn)
            .await?
            .ok_or(StoreError::NotFound { entity: "user" })?;
        let version = current.version + 1;
        let mut row: user::ActiveModel = current.into();
        row.time_zone = Set(zone);
        row.version = Set(version);
        row.updated_at = Set(corridor_core::now());
        let written = row.update(&tx.txn).await?;
        let model = tx.log::<user::Entity>(written, "time_zone_set").await?;
        tx.commit().await?;
        self.user_views(&actor.viewer(), vec![model])
            .await
            .map(|mut v| v.remove(0))
    }

    /// The accounts the viewer may see (their own party's), by username.
    #[crate::boxed]
    pub async fn users(&self, viewer: &Viewer) -> Result<Vec<UserView>, StoreError> {
        let rows = user::Entity::find()
            .filter(visible(viewer, "users", "user"))
            .order_by_asc(user::Column::Username)
            .all(&self.db)
            .await?;
        self.user_views(viewer, rows).await
    }

    /// One account, if the viewer may see it.
    #[crate::boxed]
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

    /// The actor of the account with this username, for work the command line or the demo does in a user's
    /// name.
    #[crate::boxed]
    pub async fn actor_of(&self, username: &str) -> Result<Actor, StoreError> {
        let row = user::Entity::find()
            .filter(user::Column::Username.eq(username))
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound { entity: "user" })?;
        Ok(Actor::User(user_actor(&self.db, &row).await?))
    }

    /// The account with this username, for the command line.
    #[crate::boxed]
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
                time_zone: m.time_zone,
                language: m.language,
                access,
            });
        }
        self.fill_names(viewer, &mut views).await?;
        Ok(views)
    }

    /// Checks a username and password; the same answer, in the same time, whatever was wrong.
    #[crate::boxed]
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
            Some(u) if ok && !u.disabled => user_actor(&self.db, &u).await,
            _ => Err(StoreError::Unauthenticated(
                "the username or password is not right".into(),
            )),
        }
    }
}
