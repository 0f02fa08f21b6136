//! Finance: amounts pledged, committed or disbursed for a project (recorded by its owner side) or an instrument
//! (by one of its parties), and their totals, which never mix kinds or currencies and keep umbrella
//! instruments' amounts apart.

use crate::access::{Audited, inherit_parties, visible};
use crate::directory::{Named, Table, access_view, editable, require_visible, unnamed};
use crate::entity::{finance, instrument, project};
use crate::meeting::{parse_json_ids, user_owner};
use crate::{Store, StoreError};
use corridor_core::ids::FinanceId;
use corridor_core::portfolio::finance::{
    FinanceFact, FinanceKind, FinanceTarget, NewFinance, format_amount, totals,
};
use corridor_core::portfolio::view::FinanceView;
use corridor_core::view::Ref;
use corridor_core::{Actor, Viewer};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

impl Named for FinanceView {
    fn refs(&mut self) -> Vec<(Table, &mut Ref)> {
        let mut r = vec![(Table::Parties, &mut self.access.owner_party)];
        r.extend(self.instrument.as_mut().map(|i| (Table::Instruments, i)));
        r
    }
}

/// Records an amount inside a transaction: for a project of the actor's side, or an instrument the actor's
/// party is a party to. Used by `add_finance` and by the IATI import.
pub(crate) async fn add_finance_in(
    tx: &mut crate::audit::WriteTx,
    id: FinanceId,
    new: &NewFinance,
) -> Result<finance::Model, StoreError> {
    let actor = tx.actor().clone();
    let viewer = actor.viewer();
    let owner = user_owner(&actor)?;
    let (project_id, instrument_id, visibility, parent) = match new.target {
        FinanceTarget::Project(p) => {
            let p = editable::<project::Entity>(tx, &p.to_string())
                .await
                .map_err(|e| match e {
                    StoreError::NotFound { .. } => StoreError::invalid(
                        "project_id",
                        format!("there is no project with id {p}"),
                    ),
                    other => other,
                })?;
            (
                Some(p.id.clone()),
                None,
                p.visibility.clone(),
                ("project", p.id),
            )
        }
        FinanceTarget::Instrument(i) => {
            let inst = require_visible::<instrument::Entity>(
                &tx.txn,
                &viewer,
                &i.to_string(),
                "instrument_id",
            )
            .await?;
            if !parse_json_ids(&inst.party_ids).contains(&owner.party) {
                return Err(StoreError::Forbidden(
                    "only a party to the instrument records its finance".into(),
                ));
            }
            (
                None,
                Some(inst.id.clone()),
                inst.visibility.clone(),
                ("instrument", inst.id),
            )
        }
    };
    if visibility == "restricted" {
        return Err(StoreError::invalid(
            "project_id",
            "finance is recorded on projects and instruments that are not restricted",
        ));
    }
    let now = corridor_core::now();
    let row = finance::ActiveModel {
        id: Set(id.to_string()),
        project_id: Set(project_id),
        instrument_id: Set(instrument_id),
        kind: Set(new.kind.as_str().to_owned()),
        amount_minor: Set(new.amount_minor),
        currency: Set(new.currency.clone()),
        dated_on: Set(new.dated_on),
        source: Set(new.source.clone()),
        note: Set(new.note.clone()),
        owner_party_id: Set(owner.party),
        owner_organisation_id: Set(owner.organisation),
        visibility: Set(visibility),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    };
    let written = finance::Entity::insert(row)
        .exec_with_returning(&tx.txn)
        .await?;
    inherit_parties(
        tx,
        (parent.0, &parent.1),
        (finance::Entity::ENTITY, &written.id),
    )
    .await?;
    tx.log::<finance::Entity>(written, "recorded").await
}

impl Store {
    /// Records an amount for a project (its owner side) or an instrument (one of its parties).
    #[crate::boxed]
    pub async fn add_finance(
        &self,
        actor: &Actor,
        id: FinanceId,
        new: &NewFinance,
    ) -> Result<FinanceView, StoreError> {
        let mut tx = self.write(actor).await?;
        let viewer = actor.viewer();
        let model = add_finance_in(&mut tx, id, new).await?;
        tx.commit().await?;
        self.finance_views(&viewer, vec![model])
            .await
            .map(|mut v| v.remove(0))
    }

    /// A project's amounts the viewer may see, by date.
    pub(crate) async fn project_finance(
        &self,
        viewer: &Viewer,
        project_id: &str,
    ) -> Result<Vec<FinanceView>, StoreError> {
        let rows = finance::Entity::find()
            .filter(finance::Column::ProjectId.eq(project_id))
            .filter(visible(viewer, "finance", "finance"))
            .order_by_asc(finance::Column::DatedOn)
            .all(&self.db)
            .await?;
        self.finance_views(viewer, rows).await
    }

    /// Every amount the viewer may see, projects' and instruments', by date.
    #[crate::boxed]
    pub async fn all_finance(&self, viewer: &Viewer) -> Result<Vec<FinanceView>, StoreError> {
        let rows = finance::Entity::find()
            .filter(visible(viewer, "finance", "finance"))
            .order_by_asc(finance::Column::DatedOn)
            .all(&self.db)
            .await?;
        self.finance_views(viewer, rows).await
    }

    async fn finance_views(
        &self,
        viewer: &Viewer,
        rows: Vec<finance::Model>,
    ) -> Result<Vec<FinanceView>, StoreError> {
        let mut views = Vec::with_capacity(rows.len());
        for m in rows {
            let access = access_view::<finance::Entity>(
                &self.db,
                viewer,
                &m,
                m.version,
                m.created_at,
                m.updated_at,
            )
            .await?;
            let umbrella = match &m.instrument_id {
                Some(i) => instrument::Entity::find_id(i)
                    .one(&self.db)
                    .await?
                    .is_some_and(|i| i.umbrella),
                None => false,
            };
            views.push(FinanceView {
                instrument: m.instrument_id.as_deref().map(unnamed),
                amount: format_amount(m.amount_minor),
                dated_on: corridor_core::dates::format_date(m.dated_on),
                id: m.id,
                project_id: m.project_id,
                kind: m.kind,
                amount_minor: m.amount_minor,
                currency: m.currency,
                source: m.source,
                note: m.note,
                umbrella,
                access,
            });
        }
        self.fill_names(viewer, &mut views).await?;
        Ok(views)
    }
}

/// The totals of these amounts: per kind and currency, umbrella instruments' apart.
pub fn finance_totals(list: &[FinanceView]) -> Vec<corridor_core::portfolio::finance::Total> {
    let facts: Vec<FinanceFact> = list
        .iter()
        .filter_map(|f| {
            Some(FinanceFact {
                kind: f.kind.parse::<FinanceKind>().ok()?,
                currency: f.currency.clone(),
                amount_minor: f.amount_minor,
                umbrella: f.umbrella,
            })
        })
        .collect();
    totals(&facts)
}
