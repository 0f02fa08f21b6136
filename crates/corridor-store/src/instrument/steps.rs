//! The steps of an instrument's life. A party records its own domestic steps, which only it sees unless it
//! marks them shared; any party records joint steps. The rules of `corridor_core::instrument::steps` are
//! checked against the steps and versions the writer may see, so they never turn on the other side's secrets.

use crate::access::{Audited, inherit_parties, visible};
use crate::directory::{Named, Table, access_view, require_visible, store_access, unnamed};
use crate::entity::{instrument, instrument_step, organisation, person};
use crate::meeting::{parse_json_ids, user_owner};
use crate::{Store, StoreError};
use corridor_core::ids::{PartyId, StepId};
use corridor_core::instrument::status::{next_step, status_table};
use corridor_core::instrument::steps::{
    InstrumentFacts, NewStep, StepFact, StepKind, StepStatus, check, done_on,
};
use corridor_core::instrument::view::{InstrumentStatusView, StepView};
use corridor_core::view::Ref;
use corridor_core::{Actor, Viewer};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

impl Named for StepView {
    fn refs(&mut self) -> Vec<(Table, &mut Ref)> {
        let mut r = vec![(Table::Parties, &mut self.access.owner_party)];
        r.extend(self.party.as_mut().map(|p| (Table::Parties, p)));
        r.extend(
            self.organisation
                .as_mut()
                .map(|o| (Table::Organisations, o)),
        );
        r.extend(self.person.as_mut().map(|p| (Table::People, p)));
        r
    }
}

impl Named for InstrumentStatusView {
    fn refs(&mut self) -> Vec<(Table, &mut Ref)> {
        self.owed_by
            .iter_mut()
            .map(|p| (Table::Parties, p))
            .collect()
    }
}

pub(super) fn fact(m: &instrument_step::Model) -> StepFact {
    StepFact {
        kind: m.kind.parse().unwrap_or(StepKind::Consultation),
        party: m.party_id.as_deref().and_then(|p| p.parse().ok()),
        done_on: if m.status == StepStatus::Done.as_str() {
            m.acted_on
        } else {
            None
        },
        consent_type: m.consent_type.as_deref().and_then(|c| c.parse().ok()),
    }
}

pub(super) fn parties_of(inst: &instrument::Model) -> Vec<PartyId> {
    parse_json_ids(&inst.party_ids)
        .iter()
        .filter_map(|p| p.parse().ok())
        .collect()
}

/// The writer's side must be a party; a domestic step must be its own; named organisations and people must be
/// visible to it.
async fn check_writer(
    conn: &impl sea_orm::ConnectionTrait,
    viewer: &Viewer,
    own_party: &str,
    parties: &[PartyId],
    new: &NewStep,
) -> Result<(), StoreError> {
    if !parties.iter().any(|p| p.to_string() == own_party) {
        return Err(StoreError::Forbidden(
            "only a party to the instrument records its steps".into(),
        ));
    }
    if new.kind == StepKind::Accession {
        return Err(StoreError::invalid(
            "kind",
            "an accession is recorded by the parties' decisions on the third party's request to join",
        ));
    }
    if new.kind.is_domestic() && new.party_id.map(|p| p.to_string()).as_deref() != Some(own_party) {
        return Err(StoreError::invalid(
            "party_id",
            "a party records its own domestic steps only",
        ));
    }
    if let Some(o) = new.organisation_id {
        require_visible::<organisation::Entity>(conn, viewer, &o.to_string(), "organisation_id")
            .await?;
    }
    if let Some(p) = new.person_id {
        require_visible::<person::Entity>(conn, viewer, &p.to_string(), "person_id").await?;
    }
    Ok(())
}

impl Store {
    /// Records a step. Domestic steps are recorded by their own party; the rules are checked against what the
    /// writer may see, dated by the date of action.
    #[crate::boxed]
    pub async fn add_step(
        &self,
        actor: &Actor,
        id: StepId,
        new: &NewStep,
    ) -> Result<StepView, StoreError> {
        let mut tx = self.write(actor).await?;
        let viewer = actor.viewer();
        let inst = require_visible::<instrument::Entity>(
            &tx.txn,
            &viewer,
            &new.instrument_id.to_string(),
            "instrument_id",
        )
        .await?;
        let owner = user_owner(actor)?;
        let parties = parties_of(&inst);
        check_writer(&tx.txn, &viewer, &owner.party, &parties, new).await?;
        let existing: Vec<StepFact> = self
            .step_rows(&viewer, &inst.id)
            .await?
            .iter()
            .map(fact)
            .collect();
        let (shared, agreed) = self.version_facts(&viewer, &inst.id).await?;
        let facts = InstrumentFacts {
            parties,
            open_to_accession: inst.open_to_accession,
            has_shared_version: shared,
            has_agreed_text: agreed,
        };
        let candidate = StepFact {
            kind: new.kind,
            party: new.party_id,
            done_on: if new.status == StepStatus::Done {
                new.acted_on
            } else {
                None
            },
            consent_type: new.consent_type,
        };
        check(&candidate, &existing, &facts, corridor_core::now().date()).map_err(|m| {
            StoreError::Conflict {
                field: Some("kind".into()),
                message: m,
            }
        })?;
        let now = corridor_core::now();
        let row = instrument_step::ActiveModel {
            id: Set(id.to_string()),
            instrument_id: Set(inst.id.clone()),
            kind: Set(new.kind.as_str().to_owned()),
            party_id: Set(new.party_id.map(|p| p.to_string())),
            status: Set(new.status.as_str().to_owned()),
            acted_on: Set(new.acted_on),
            effective_on: Set(new.effective_on),
            consent_type: Set(new.consent_type.map(|c| c.as_str().to_owned())),
            organisation_id: Set(new.organisation_id.map(|o| o.to_string())),
            person_id: Set(new.person_id.map(|p| p.to_string())),
            note: Set(new.note.clone()),
            owner_party_id: Set(owner.party),
            owner_organisation_id: Set(owner.organisation),
            visibility: Set(new.access.visibility.to_string()),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        };
        let written = instrument_step::Entity::insert(row)
            .exec_with_returning(&tx.txn)
            .await?;
        store_access(
            &tx,
            instrument_step::Entity::ENTITY,
            &id.to_string(),
            &new.access,
            false,
        )
        .await?;
        inherit_parties(
            &tx,
            (instrument::Entity::ENTITY, &inst.id),
            (instrument_step::Entity::ENTITY, &id.to_string()),
        )
        .await?;
        let model = tx
            .log::<instrument_step::Entity>(written, "recorded")
            .await?;
        tx.commit().await?;
        self.step_views(&viewer, vec![model])
            .await
            .map(|mut v| v.remove(0))
    }

    pub(super) async fn step_rows(
        &self,
        viewer: &Viewer,
        instrument_id: &str,
    ) -> Result<Vec<instrument_step::Model>, StoreError> {
        Ok(instrument_step::Entity::find()
            .filter(instrument_step::Column::InstrumentId.eq(instrument_id))
            .filter(visible(viewer, "instrument_steps", "instrument_step"))
            .order_by_asc(instrument_step::Column::ActedOn)
            .order_by_asc(instrument_step::Column::CreatedAt)
            .all(&self.db)
            .await?)
    }

    /// The steps of an instrument the viewer may see, by date of action.
    #[crate::boxed]
    pub async fn instrument_steps(
        &self,
        viewer: &Viewer,
        instrument_id: &str,
    ) -> Result<Vec<StepView>, StoreError> {
        self.instrument(viewer, instrument_id).await?;
        let rows = self.step_rows(viewer, instrument_id).await?;
        self.step_views(viewer, rows).await
    }

    /// The status table and what is blocking, from what the viewer may see.
    #[crate::boxed]
    pub async fn instrument_status(
        &self,
        viewer: &Viewer,
        instrument_id: &str,
    ) -> Result<InstrumentStatusView, StoreError> {
        let inst = instrument::Entity::find_visible(viewer, instrument_id)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound {
                entity: "instrument",
            })?;
        let steps: Vec<StepFact> = self
            .step_rows(viewer, &inst.id)
            .await?
            .iter()
            .map(fact)
            .collect();
        let (shared, agreed) = self.version_facts(viewer, &inst.id).await?;
        let facts = InstrumentFacts {
            parties: parties_of(&inst),
            open_to_accession: inst.open_to_accession,
            has_shared_version: shared,
            has_agreed_text: agreed,
        };
        let author = inst.owner_party_id.parse().ok();
        let next = next_step(&facts, &steps, author.as_ref());
        let mut view = InstrumentStatusView {
            parties: status_table(&facts.parties, &steps),
            next_step: next.as_ref().map(|(k, _)| k.label().to_owned()),
            owed_by: next
                .map(|(_, who)| who.iter().map(|p| unnamed(&p.to_string())).collect())
                .unwrap_or_default(),
        };
        self.fill_names(viewer, std::slice::from_mut(&mut view))
            .await?;
        Ok(view)
    }

    /// Where an instrument stands for the viewer.
    pub(crate) async fn stage(
        &self,
        viewer: &Viewer,
        instrument_id: &str,
    ) -> Result<String, StoreError> {
        let steps: Vec<StepFact> = self
            .step_rows(viewer, instrument_id)
            .await?
            .iter()
            .map(fact)
            .collect();
        let on = |k| done_on(&steps, k).is_some();
        Ok(if on(StepKind::Termination) {
            "terminated"
        } else if on(StepKind::EntryIntoForce) {
            "in_force"
        } else if on(StepKind::Signed) {
            "signed"
        } else if on(StepKind::AcceptedAsBasis) || on(StepKind::Negotiated) {
            "accepted"
        } else if on(StepKind::Shared) {
            "shared"
        } else {
            "draft"
        }
        .to_owned())
    }

    async fn step_views(
        &self,
        viewer: &Viewer,
        rows: Vec<instrument_step::Model>,
    ) -> Result<Vec<StepView>, StoreError> {
        let mut views = Vec::with_capacity(rows.len());
        for m in rows {
            let access = access_view::<instrument_step::Entity>(
                &self.db,
                viewer,
                &m,
                m.version,
                m.created_at,
                m.updated_at,
            )
            .await?;
            views.push(StepView {
                party: m.party_id.as_deref().map(unnamed),
                organisation: m.organisation_id.as_deref().map(unnamed),
                person: m.person_id.as_deref().map(unnamed),
                acted_on: m.acted_on.map(corridor_core::dates::format_date),
                effective_on: m.effective_on.map(corridor_core::dates::format_date),
                id: m.id,
                instrument_id: m.instrument_id,
                kind: m.kind,
                status: m.status,
                consent_type: m.consent_type,
                note: m.note,
                access,
            });
        }
        self.fill_names(viewer, &mut views).await?;
        Ok(views)
    }
}
