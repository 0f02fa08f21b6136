//! Delegation visits and exchange cohorts. Both sides act on one record: the sending side nominates, the host
//! approves, builds the programme, issues letters and records attendance; either side closes nominations,
//! cancels, or records the post-visit report. Every change is one transaction with its event. The people and
//! letters are in `people.rs`, reads in `read.rs`.

mod people;
mod read;

pub use read::ExchangeFilter;

use crate::access::{Audited, inherit_parties, inherit_restricted_to};
use crate::audit::WriteTx;
use crate::directory::{Owner, require_visible, store_access};
use crate::entity::{company, exchange, party, programme_item, project, register_item};
use crate::meeting::user_owner;
use crate::{Store, StoreError};
use corridor_core::Actor;
use corridor_core::exchange::view::ExchangeView;
use corridor_core::exchange::{
    ExchangeStatus, NewExchange, NewProgrammeItem, Side, VisitReport, check_programme_day,
    check_report, check_status_change, side_of,
};
use corridor_core::ids::{ExchangeId, PartyId, ProgrammeItemId};
use corridor_core::portfolio::ProjectKind;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

fn status_of(m: &exchange::Model) -> ExchangeStatus {
    m.status.parse().unwrap_or(ExchangeStatus::Open)
}

/// The acting user's side of the exchange, refusing anyone of neither side and anyone of the wrong one when
/// `needed` names a side. The message says who may act.
fn acting_side(
    actor: &Actor,
    x: &exchange::Model,
    needed: Option<Side>,
    what: &str,
) -> Result<(Owner, Side), StoreError> {
    let owner = user_owner(actor)?;
    let parse = |s: &str| s.parse::<PartyId>().ok();
    let side = match (
        parse(&owner.party),
        parse(&x.sending_party_id),
        parse(&x.host_party_id),
    ) {
        (Some(p), Some(s), Some(h)) => side_of(p, s, h),
        _ => None,
    };
    match (side, needed) {
        (None, _) => Err(StoreError::Forbidden(format!(
            "{what} is for the two sides of the exchange"
        ))),
        (Some(s), Some(n)) if s != n => Err(StoreError::Forbidden(format!(
            "{what} is for the {} side",
            match n {
                Side::Sending => "sending",
                Side::Host => "host",
            }
        ))),
        (Some(s), _) => Ok((owner, s)),
    }
}

/// A record added to an exchange reaches whom the exchange reaches, and is owned by the side that wrote it.
async fn inherit_exchange(
    tx: &WriteTx,
    x: &exchange::Model,
    (entity, id): (&str, &str),
) -> Result<(), StoreError> {
    if x.visibility == "restricted" {
        inherit_restricted_to(&tx.txn, (exchange::Entity::ENTITY, &x.id), (entity, id)).await?;
    }
    inherit_parties(tx, (exchange::Entity::ENTITY, &x.id), (entity, id)).await
}

/// The exchange, visible to the actor, for a change.
async fn visible_exchange(
    conn: &impl ConnectionTrait,
    viewer: &corridor_core::Viewer,
    id: &str,
) -> Result<exchange::Model, StoreError> {
    exchange::Entity::find_visible(viewer, id)
        .one(conn)
        .await?
        .ok_or(StoreError::NotFound { entity: "exchange" })
}

async fn save_exchange(
    tx: &mut WriteTx,
    x: exchange::Model,
    change: impl FnOnce(&mut exchange::ActiveModel),
    action: &str,
) -> Result<(), StoreError> {
    let version = x.version + 1;
    let mut row: exchange::ActiveModel = x.into();
    change(&mut row);
    row.version = Set(version);
    row.updated_at = Set(corridor_core::now());
    let written = row.update(&tx.txn).await?;
    tx.log::<exchange::Entity>(written, action).await?;
    Ok(())
}

impl Store {
    /// Records a delegation visit or a cohort; the writer must belong to one of its two sides, which owns it.
    #[crate::boxed]
    pub async fn create_exchange(
        &self,
        actor: &Actor,
        id: ExchangeId,
        new: &NewExchange,
    ) -> Result<ExchangeView, StoreError> {
        let mut tx = self.write(actor).await?;
        let viewer = actor.viewer();
        let owner = user_owner(actor)?;
        for (field, p) in [
            ("sending_party_id", new.sending_party_id),
            ("host_party_id", new.host_party_id),
        ] {
            require_visible::<party::Entity>(&tx.txn, &viewer, &p.to_string(), field).await?;
        }
        if owner.party != new.sending_party_id.to_string()
            && owner.party != new.host_party_id.to_string()
        {
            return Err(StoreError::invalid(
                "sending_party_id",
                "an exchange is recorded by its sending or its host side; yours is neither",
            ));
        }
        if let Some(item) = new.request_item_id {
            require_visible::<register_item::Entity>(
                &tx.txn,
                &viewer,
                &item.to_string(),
                "request_item_id",
            )
            .await?;
        }
        if let Some((programme, year)) = new.cohort {
            let p = require_visible::<project::Entity>(
                &tx.txn,
                &viewer,
                &programme.to_string(),
                "programme_project_id",
            )
            .await?;
            if p.kind != ProjectKind::ExchangeProgramme.as_str() {
                return Err(StoreError::invalid(
                    "programme_project_id",
                    format!("{} is not an exchange programme", p.name),
                ));
            }
            let taken = exchange::Entity::find()
                .filter(exchange::Column::ProgrammeProjectId.eq(p.id.as_str()))
                .filter(exchange::Column::CohortYear.eq(year))
                .one(&tx.txn)
                .await?;
            if taken.is_some() {
                return Err(StoreError::invalid(
                    "cohort_year",
                    format!("{} already has its {year} cohort", p.name),
                ));
            }
        }
        let now = corridor_core::now();
        let row = exchange::ActiveModel {
            id: Set(id.to_string()),
            kind: Set(new.kind.as_str().to_owned()),
            title: Set(new.title.clone()),
            translations: Set(new.title_translations.to_json()),
            purpose: Set(new.purpose.clone()),
            request_item_id: Set(new.request_item_id.map(|r| r.to_string())),
            programme_project_id: Set(new.cohort.map(|c| c.0.to_string())),
            cohort_year: Set(new.cohort.map(|c| c.1)),
            sending_party_id: Set(new.sending_party_id.to_string()),
            host_party_id: Set(new.host_party_id.to_string()),
            starts_on: Set(new.starts_on),
            ends_on: Set(new.ends_on),
            status: Set(ExchangeStatus::Open.as_str().to_owned()),
            status_reason: Set(None),
            reported_on: Set(None),
            report_summary: Set(None),
            report_outcomes: Set("[]".into()),
            owner_party_id: Set(owner.party),
            owner_organisation_id: Set(owner.organisation),
            visibility: Set(new.access.visibility.to_string()),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        };
        let written = exchange::Entity::insert(row)
            .exec_with_returning(&tx.txn)
            .await?;
        store_access(
            &tx,
            exchange::Entity::ENTITY,
            &id.to_string(),
            &new.access,
            false,
        )
        .await?;
        tx.log::<exchange::Entity>(written, "created").await?;
        tx.commit().await?;
        self.exchange(&viewer, &id.to_string()).await
    }

    /// Closes or reopens nominations, or cancels the exchange (with a reason); either side may.
    #[crate::boxed]
    pub async fn set_exchange_status(
        &self,
        actor: &Actor,
        id: &str,
        to: ExchangeStatus,
        reason: Option<&str>,
    ) -> Result<ExchangeView, StoreError> {
        let mut tx = self.write(actor).await?;
        let x = visible_exchange(&tx.txn, &actor.viewer(), id).await?;
        acting_side(actor, &x, None, "changing the exchange's status")?;
        check_status_change(status_of(&x), to).map_err(StoreError::from)?;
        let reason = reason.map(str::trim).filter(|r| !r.is_empty());
        if to == ExchangeStatus::Cancelled && reason.is_none() {
            return Err(StoreError::invalid(
                "reason",
                "say why the exchange is cancelled; both sides read it",
            ));
        }
        let reason = reason.map(str::to_owned);
        save_exchange(
            &mut tx,
            x,
            |row| {
                row.status = Set(to.as_str().to_owned());
                row.status_reason = Set(reason);
            },
            to.as_str(),
        )
        .await?;
        tx.commit().await?;
        self.exchange(&actor.viewer(), id).await
    }

    /// Records the post-visit report with its outcomes, which completes the exchange; either side may.
    #[crate::boxed]
    pub async fn report_exchange(
        &self,
        actor: &Actor,
        id: &str,
        report: &VisitReport,
    ) -> Result<ExchangeView, StoreError> {
        let mut tx = self.write(actor).await?;
        let x = visible_exchange(&tx.txn, &actor.viewer(), id).await?;
        acting_side(actor, &x, None, "the post-visit report")?;
        check_report(
            status_of(&x),
            report,
            x.ends_on,
            corridor_core::now().date(),
        )
        .map_err(StoreError::from)?;
        let outcomes = serde_json::to_string(&report.outcomes).unwrap_or_else(|_| "[]".into());
        save_exchange(
            &mut tx,
            x,
            |row| {
                row.status = Set(ExchangeStatus::Completed.as_str().to_owned());
                row.reported_on = Set(Some(report.reported_on));
                row.report_summary = Set(Some(report.summary.clone()));
                row.report_outcomes = Set(outcomes);
            },
            "reported",
        )
        .await?;
        tx.commit().await?;
        self.exchange(&actor.viewer(), id).await
    }

    /// Adds a stop to the host programme: the host side's work, on a day of the exchange.
    #[crate::boxed]
    pub async fn add_programme_item(
        &self,
        actor: &Actor,
        exchange_id: &str,
        id: ProgrammeItemId,
        new: &NewProgrammeItem,
    ) -> Result<ExchangeView, StoreError> {
        let mut tx = self.write(actor).await?;
        let viewer = actor.viewer();
        let x = visible_exchange(&tx.txn, &viewer, exchange_id).await?;
        let (owner, _) = acting_side(actor, &x, Some(Side::Host), "the programme")?;
        if matches!(
            status_of(&x),
            ExchangeStatus::Completed | ExchangeStatus::Cancelled
        ) {
            return Err(StoreError::conflict(
                "the exchange is over or cancelled: its programme no longer changes",
            ));
        }
        check_programme_day(new.on, x.starts_on, x.ends_on).map_err(StoreError::from)?;
        if let Some(p) = new.project_id {
            require_visible::<project::Entity>(&tx.txn, &viewer, &p.to_string(), "project_id")
                .await?;
        }
        if let Some(c) = new.company_id {
            require_visible::<company::Entity>(&tx.txn, &viewer, &c.to_string(), "company_id")
                .await?;
        }
        let now = corridor_core::now();
        let row = programme_item::ActiveModel {
            id: Set(id.to_string()),
            exchange_id: Set(x.id.clone()),
            day: Set(new.on),
            at: Set(new.at.clone()),
            site_kind: Set(new.site_kind.as_str().to_owned()),
            site: Set(new.site.clone()),
            project_id: Set(new.project_id.map(|p| p.to_string())),
            company_id: Set(new.company_id.map(|c| c.to_string())),
            notes: Set(new.notes.clone()),
            owner_party_id: Set(owner.party),
            owner_organisation_id: Set(owner.organisation),
            visibility: Set(x.visibility.clone()),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        };
        let written = programme_item::Entity::insert(row)
            .exec_with_returning(&tx.txn)
            .await?;
        inherit_exchange(&tx, &x, (programme_item::Entity::ENTITY, &written.id)).await?;
        tx.log::<programme_item::Entity>(written, "added").await?;
        tx.commit().await?;
        self.exchange(&viewer, exchange_id).await
    }
}
