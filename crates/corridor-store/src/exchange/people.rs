//! The people of an exchange: the sending side nominates while nominations are open; the host approves or
//! declines each nominee once, issues invitation letters to the approved (the PDF as issued is kept, so the
//! letter a consulate saw can be shown again), and records who attended.

use super::{acting_side, inherit_exchange, status_of, visible_exchange};
use crate::access::Audited;
use crate::audit::WriteTx;
use crate::directory::require_visible;
use crate::entity::{exchange, file, nomination, organisation};
use crate::{Store, StoreError};
use corridor_core::attachment::Upload;
use corridor_core::exchange::view::ExchangeView;
use corridor_core::exchange::{
    ExchangeStatus, NewNomination, NominationDecision, NominationStatus, Side, check_attendance,
    check_deciding, check_nominating,
};
use corridor_core::ids::NominationId;
use corridor_core::{Actor, Viewer};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Set};

/// The nomination and its exchange, both visible to the actor.
async fn nomination_of(
    conn: &impl ConnectionTrait,
    viewer: &Viewer,
    id: &str,
) -> Result<(nomination::Model, exchange::Model), StoreError> {
    let n = nomination::Entity::find_visible(viewer, id)
        .one(conn)
        .await?
        .ok_or(StoreError::NotFound {
            entity: "nomination",
        })?;
    let x = visible_exchange(conn, viewer, &n.exchange_id).await?;
    Ok((n, x))
}

async fn save_nomination(
    tx: &mut WriteTx,
    n: nomination::Model,
    change: impl FnOnce(&mut nomination::ActiveModel),
    action: &str,
) -> Result<(), StoreError> {
    let version = n.version + 1;
    let mut row: nomination::ActiveModel = n.into();
    change(&mut row);
    row.version = Set(version);
    row.updated_at = Set(corridor_core::now());
    let written = row.update(&tx.txn).await?;
    tx.log::<nomination::Entity>(written, action).await?;
    Ok(())
}

impl Store {
    /// Nominates a person: the sending side's work, while nominations are open. The nominee's organisation,
    /// when named, is one of the sending side's.
    #[crate::boxed]
    pub async fn nominate(
        &self,
        actor: &Actor,
        exchange_id: &str,
        id: NominationId,
        new: &NewNomination,
    ) -> Result<ExchangeView, StoreError> {
        let mut tx = self.write(actor).await?;
        let viewer = actor.viewer();
        let x = visible_exchange(&tx.txn, &viewer, exchange_id).await?;
        let (owner, _) = acting_side(actor, &x, Some(Side::Sending), "nominating")?;
        check_nominating(status_of(&x)).map_err(StoreError::from)?;
        if let Some(o) = new.organisation_id {
            let org = require_visible::<organisation::Entity>(
                &tx.txn,
                &viewer,
                &o.to_string(),
                "organisation_id",
            )
            .await?;
            if org.party_id != x.sending_party_id {
                return Err(StoreError::invalid(
                    "organisation_id",
                    "a nominee comes from an organisation of the sending side",
                ));
            }
        }
        let now = corridor_core::now();
        let row = nomination::ActiveModel {
            id: Set(id.to_string()),
            exchange_id: Set(x.id.clone()),
            name: Set(new.name.clone()),
            position: Set(new.position.clone()),
            organisation_id: Set(new.organisation_id.map(|o| o.to_string())),
            gender: Set(new.gender.as_str().to_owned()),
            status: Set(NominationStatus::Nominated.as_str().to_owned()),
            reason: Set(None),
            attended: Set(None),
            letter_sha256: Set(None),
            letter_issued_on: Set(None),
            owner_party_id: Set(owner.party),
            owner_organisation_id: Set(owner.organisation),
            visibility: Set(x.visibility.clone()),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        };
        let written = nomination::Entity::insert(row)
            .exec_with_returning(&tx.txn)
            .await?;
        inherit_exchange(&tx, &x, (nomination::Entity::ENTITY, &written.id)).await?;
        tx.log::<nomination::Entity>(written, "nominated").await?;
        tx.commit().await?;
        self.exchange(&viewer, exchange_id).await
    }

    /// Approves or declines a nominee: the host side's work, once per nominee.
    #[crate::boxed]
    pub async fn decide_nomination(
        &self,
        actor: &Actor,
        id: &str,
        decision: &NominationDecision,
    ) -> Result<ExchangeView, StoreError> {
        let mut tx = self.write(actor).await?;
        let (n, x) = nomination_of(&tx.txn, &actor.viewer(), id).await?;
        acting_side(actor, &x, Some(Side::Host), "deciding on a nomination")?;
        let current = n.status.parse().unwrap_or(NominationStatus::Nominated);
        check_deciding(status_of(&x), current).map_err(StoreError::from)?;
        let (status, reason) = (decision.status, decision.reason.clone());
        save_nomination(
            &mut tx,
            n,
            |row| {
                row.status = Set(status.as_str().to_owned());
                row.reason = Set(reason);
            },
            status.as_str(),
        )
        .await?;
        tx.commit().await?;
        self.exchange(&actor.viewer(), &x.id).await
    }

    /// Records whether an approved nominee took part: the host side's work, once the exchange has begun.
    #[crate::boxed]
    pub async fn record_attendance(
        &self,
        actor: &Actor,
        id: &str,
        attended: bool,
    ) -> Result<ExchangeView, StoreError> {
        let mut tx = self.write(actor).await?;
        let (n, x) = nomination_of(&tx.txn, &actor.viewer(), id).await?;
        acting_side(actor, &x, Some(Side::Host), "recording attendance")?;
        if status_of(&x) == ExchangeStatus::Cancelled {
            return Err(StoreError::conflict(
                "the exchange was cancelled: nobody attended",
            ));
        }
        let current = n.status.parse().unwrap_or(NominationStatus::Nominated);
        check_attendance(current, x.starts_on, corridor_core::now().date())
            .map_err(StoreError::from)?;
        save_nomination(
            &mut tx,
            n,
            |row| row.attended = Set(Some(attended)),
            if attended { "attended" } else { "absent" },
        )
        .await?;
        tx.commit().await?;
        self.exchange(&actor.viewer(), &x.id).await
    }

    /// Checks that the actor may issue the nominee's invitation letter and gives the exchange as the actor
    /// sees it, for the web layer to lay the letter out from.
    #[crate::boxed]
    pub async fn letter_facts(&self, actor: &Actor, id: &str) -> Result<ExchangeView, StoreError> {
        let (n, x) = nomination_of(&self.db, &actor.viewer(), id).await?;
        letter_rules(actor, &n, &x)?;
        self.exchange(&actor.viewer(), &x.id).await
    }

    /// Keeps the invitation letter as issued today (a PDF laid out by the caller from this record).
    #[crate::boxed]
    pub async fn issue_letter(
        &self,
        actor: &Actor,
        id: &str,
        upload: &Upload,
        bytes: Vec<u8>,
    ) -> Result<ExchangeView, StoreError> {
        let mut tx = self.write(actor).await?;
        let (n, x) = nomination_of(&tx.txn, &actor.viewer(), id).await?;
        letter_rules(actor, &n, &x)?;
        crate::instrument::put_file(&tx.txn, upload, bytes).await?;
        let sha = upload.sha256.clone();
        save_nomination(
            &mut tx,
            n,
            |row| {
                row.letter_sha256 = Set(Some(sha));
                row.letter_issued_on = Set(Some(corridor_core::now().date()));
            },
            "letter_issued",
        )
        .await?;
        tx.commit().await?;
        self.exchange(&actor.viewer(), &x.id).await
    }

    /// The letter as it was issued, when the viewer may see the nomination.
    #[crate::boxed]
    pub async fn nomination_letter(
        &self,
        viewer: &Viewer,
        id: &str,
    ) -> Result<(String, Vec<u8>), StoreError> {
        let n = nomination::Entity::find_visible(viewer, id)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound { entity: "letter" })?;
        let sha = n
            .letter_sha256
            .ok_or(StoreError::NotFound { entity: "letter" })?;
        let content = file::Entity::find_by_id(sha)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound { entity: "letter" })?
            .content;
        let slug: String = n
            .name
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '-' })
            .collect();
        Ok((format!("invitation-{slug}.pdf"), content))
    }
}

fn letter_rules(
    actor: &Actor,
    n: &nomination::Model,
    x: &exchange::Model,
) -> Result<(), StoreError> {
    acting_side(actor, x, Some(Side::Host), "issuing an invitation letter")?;
    if matches!(
        status_of(x),
        ExchangeStatus::Completed | ExchangeStatus::Cancelled
    ) {
        return Err(StoreError::conflict(
            "the exchange is over or cancelled: no letter is issued for it",
        ));
    }
    if n.status != NominationStatus::Approved.as_str() {
        return Err(StoreError::invalid(
            "status",
            "an invitation letter is issued to an approved nominee only",
        ));
    }
    Ok(())
}
