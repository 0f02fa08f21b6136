//! The results framework: nodes and indicators (this file), a period's targets, actuals, joint validation and
//! lock (`periods.rs`), values computed from the system's own records (`computed.rs`), and the reads with
//! their roll-ups (`read.rs`).

mod computed;
mod periods;
mod read;
mod standing;

pub use read::display;

use crate::access::{Audited, inherit_parties, inherit_restricted_to};
use crate::audit::WriteTx;
use crate::directory::{require_visible, store_access};
use crate::entity::{indicator, indicator_period, result_node};
use crate::meeting::user_owner;
use crate::{Store, StoreError};
use corridor_core::Actor;
use corridor_core::ids::{IndicatorId, PeriodId, ResultId};
use corridor_core::results::values::Reconciliation;
use corridor_core::results::view::{IndicatorView, ResultView};
use corridor_core::results::{Level, NewIndicator, NewResult};
use sea_orm::{EntityTrait, Set};

/// A record added under a node or indicator reaches whom its parent reaches.
pub(crate) async fn inherit(
    tx: &WriteTx,
    (parent_entity, parent_id, parent_visibility): (&str, &str, &str),
    (entity, id): (&str, &str),
) -> Result<(), StoreError> {
    if parent_visibility == "restricted" {
        inherit_restricted_to(&tx.txn, (parent_entity, parent_id), (entity, id)).await?;
    }
    inherit_parties(tx, (parent_entity, parent_id), (entity, id)).await
}

/// The stored name of a reconciliation state.
pub(crate) fn reconciliation_word(r: &Reconciliation) -> &'static str {
    match r {
        Reconciliation::Empty => "empty",
        Reconciliation::Awaiting => "awaiting",
        Reconciliation::Consistent => "consistent",
        Reconciliation::Discrepancy => "discrepancy",
        Reconciliation::Agreed => "agreed",
    }
}

impl Store {
    /// Adds a node to the framework under a visible node of the level above.
    #[crate::boxed]
    pub async fn create_result(
        &self,
        actor: &Actor,
        id: ResultId,
        new: &NewResult,
    ) -> Result<ResultView, StoreError> {
        let mut tx = self.write(actor).await?;
        let viewer = actor.viewer();
        let owner = user_owner(actor)?;
        if let Some(p) = new.parent_id {
            let parent = require_visible::<result_node::Entity>(
                &tx.txn,
                &viewer,
                &p.to_string(),
                "parent_id",
            )
            .await?;
            let expected = new.level.parent().map(Level::as_str);
            if Some(parent.level.as_str()) != expected {
                return Err(StoreError::invalid(
                    "parent_id",
                    format!(
                        "a {} hangs under a {}, and “{}” is not one",
                        new.level.label().to_lowercase(),
                        expected.unwrap_or("nothing").replace('_', " "),
                        parent.title
                    ),
                ));
            }
        }
        crate::meeting::check_links(&tx.txn, &viewer, &new.links).await?;
        let now = corridor_core::now();
        let row = result_node::ActiveModel {
            id: Set(id.to_string()),
            level: Set(new.level.as_str().to_owned()),
            parent_id: Set(new.parent_id.map(|p| p.to_string())),
            title: Set(new.title.clone()),
            translations: Set(new.title_translations.to_json()),
            weight: Set(new.weight),
            links: Set(serde_json::to_string(
                &new.links
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>(),
            )
            .unwrap_or_else(|_| "[]".into())),
            owner_party_id: Set(owner.party),
            owner_organisation_id: Set(owner.organisation),
            visibility: Set(new.access.visibility.to_string()),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        };
        let written = result_node::Entity::insert(row)
            .exec_with_returning(&tx.txn)
            .await?;
        store_access(
            &tx,
            result_node::Entity::ENTITY,
            &written.id,
            &new.access,
            false,
        )
        .await?;
        tx.log::<result_node::Entity>(written, "created").await?;
        tx.commit().await?;
        self.result(&viewer, &id.to_string()).await
    }

    /// Adds an indicator to a visible node, with all its periods, in one transaction. The indicator takes
    /// the node's visibility; its periods take the indicator's.
    #[crate::boxed]
    pub async fn create_indicator(
        &self,
        actor: &Actor,
        id: IndicatorId,
        new: &NewIndicator,
    ) -> Result<IndicatorView, StoreError> {
        let mut tx = self.write(actor).await?;
        let viewer = actor.viewer();
        let owner = user_owner(actor)?;
        let node = require_visible::<result_node::Entity>(
            &tx.txn,
            &viewer,
            &new.result_id.to_string(),
            "result_id",
        )
        .await?;
        let now = corridor_core::now();
        let row = indicator::ActiveModel {
            id: Set(id.to_string()),
            result_id: Set(node.id.clone()),
            title: Set(new.title.clone()),
            translations: Set(new.title_translations.to_json()),
            unit: Set(new.unit.as_str().to_owned()),
            currency: Set(new.currency.clone()),
            direction: Set(new.direction.as_str().to_owned()),
            aggregation: Set(new.aggregation.as_str().to_owned()),
            dimensions: Set(serde_json::to_string(&new.dimensions).unwrap_or_else(|_| "[]".into())),
            tolerance: Set(new.tolerance),
            weight: Set(new.weight),
            baseline_value: Set(new.baseline_value.clone()),
            baseline_on: Set(new.baseline_on),
            baseline_source: Set(new.baseline_source.clone()),
            computed_from: Set(new.computed_from.map(|c| c.as_str().to_owned())),
            period_kind: Set(new.period_kind.as_str().to_owned()),
            owner_party_id: Set(owner.party.clone()),
            owner_organisation_id: Set(owner.organisation.clone()),
            visibility: Set(node.visibility.clone()),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        };
        let written = indicator::Entity::insert(row)
            .exec_with_returning(&tx.txn)
            .await?;
        let parent = (
            result_node::Entity::ENTITY,
            node.id.as_str(),
            node.visibility.as_str(),
        );
        inherit(&tx, parent, (indicator::Entity::ENTITY, &written.id)).await?;
        let visibility = written.visibility.clone();
        tx.log::<indicator::Entity>(written, "created").await?;
        for span in &new.periods {
            let pid = PeriodId::from_key(&format!("{id}/{}", span.starts_on));
            let row = indicator_period::ActiveModel {
                id: Set(pid.to_string()),
                indicator_id: Set(id.to_string()),
                starts_on: Set(span.starts_on),
                ends_on: Set(span.ends_on),
                targets: Set("[]".into()),
                headlines: Set("{}".into()),
                reconciliation: Set("empty".into()),
                agreed_value: Set(None),
                confirmations: Set("[]".into()),
                locked: Set(false),
                lock_reason: Set(None),
                owner_party_id: Set(owner.party.clone()),
                owner_organisation_id: Set(owner.organisation.clone()),
                visibility: Set(visibility.clone()),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
            };
            let p = indicator_period::Entity::insert(row)
                .exec_with_returning(&tx.txn)
                .await?;
            let id_text = id.to_string();
            inherit(
                &tx,
                (indicator::Entity::ENTITY, &id_text, &visibility),
                (indicator_period::Entity::ENTITY, &p.id),
            )
            .await?;
            tx.log::<indicator_period::Entity>(p, "created").await?;
        }
        standing::refresh(&tx.txn, &id.to_string()).await?;
        tx.commit().await?;
        self.indicator(&viewer, &id.to_string()).await
    }
}
