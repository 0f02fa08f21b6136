//! Accession of third parties. A request to join is shared with the instrument's parties and the third party;
//! each existing party records its decision; the last consent makes the third party a party (the instrument's
//! parties, a joint accession step) and opens the instrument's records to it, from that event on. Its own
//! domestic track is then recorded like any party's and stays its own.

use super::steps::{fact, parties_of};
use crate::access::{Audited, grant_parties, inherit_parties, visible};
use crate::audit::WriteTx;
use crate::directory::{Named, Table, access_view, require_visible, unnamed};
use crate::entity::{accession, accession_decision, instrument, instrument_step, party};
use crate::meeting::{json_ids, user_owner};
use crate::{Store, StoreError};
use corridor_core::ids::{AccessionDecisionId, AccessionId, PartyId, StepId};
use corridor_core::instrument::accession::{
    AccessionStatus, Decision, NewAccession, NewDecision, check_decision, check_request, outcome,
};
use corridor_core::instrument::steps::{InstrumentFacts, StepFact, StepKind, StepStatus, check};
use corridor_core::instrument::view::{AccessionView, DecisionView};
use corridor_core::view::Ref;
use corridor_core::{Actor, Viewer};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

impl Named for AccessionView {
    fn refs(&mut self) -> Vec<(Table, &mut Ref)> {
        let mut r = vec![
            (Table::Parties, &mut self.access.owner_party),
            (Table::Parties, &mut self.party),
        ];
        r.extend(self.awaiting.iter_mut().map(|p| (Table::Parties, p)));
        r.extend(
            self.decisions
                .iter_mut()
                .map(|d| (Table::Parties, &mut d.party)),
        );
        r
    }
}

impl Store {
    /// Records a third party's request to join. The third party asks through its own account, or a party to
    /// the instrument records a request it received; either way the request is shared with the third party.
    #[crate::boxed]
    pub async fn request_accession(
        &self,
        actor: &Actor,
        id: AccessionId,
        new: &NewAccession,
    ) -> Result<AccessionView, StoreError> {
        let mut tx = self.write(actor).await?;
        let viewer = actor.viewer();
        let inst = require_visible::<instrument::Entity>(
            &tx.txn,
            &viewer,
            &new.instrument_id.to_string(),
            "instrument_id",
        )
        .await?;
        require_visible::<party::Entity>(&tx.txn, &viewer, &new.party_id.to_string(), "party_id")
            .await?;
        let owner = user_owner(actor)?;
        let parties = parties_of(&inst);
        let own = owner.party.parse::<PartyId>().ok();
        if own != Some(new.party_id) && !own.is_some_and(|p| parties.contains(&p)) {
            return Err(StoreError::Forbidden(
                "a request to join is made by the third party or recorded by a party to the instrument"
                    .into(),
            ));
        }
        let pending: Vec<PartyId> = accession::Entity::find()
            .filter(accession::Column::InstrumentId.eq(inst.id.as_str()))
            .filter(accession::Column::Status.eq(AccessionStatus::Requested.as_str()))
            .all(&tx.txn)
            .await?
            .iter()
            .filter_map(|a| a.party_id.parse().ok())
            .collect();
        check_request(
            new,
            &parties,
            inst.open_to_accession,
            &pending,
            corridor_core::now().date(),
        )
        .map_err(StoreError::from)?;
        let now = corridor_core::now();
        let row = accession::ActiveModel {
            id: Set(id.to_string()),
            instrument_id: Set(inst.id.clone()),
            party_id: Set(new.party_id.to_string()),
            requested_on: Set(new.requested_on),
            status: Set(AccessionStatus::Requested.as_str().to_owned()),
            decided_on: Set(None),
            note: Set(new.note.clone()),
            owner_party_id: Set(owner.party),
            owner_organisation_id: Set(owner.organisation),
            visibility: Set("shared".into()),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        };
        let written = accession::Entity::insert(row)
            .exec_with_returning(&tx.txn)
            .await?;
        inherit_parties(
            &tx,
            (instrument::Entity::ENTITY, &inst.id),
            (accession::Entity::ENTITY, &written.id),
        )
        .await?;
        let seq = tx.next_seq();
        grant_parties(
            &tx.txn,
            (accession::Entity::ENTITY, &written.id),
            &[new.party_id.to_string()],
            seq,
        )
        .await?;
        let model = tx.log::<accession::Entity>(written, "requested").await?;
        tx.commit().await?;
        self.accession_views(&viewer, vec![model])
            .await
            .map(|mut v| v.remove(0))
    }

    /// Records the actor's party's decision on a request to join. The last consent accepts the request: the
    /// third party becomes a party, the accession step is recorded (checked by the rules: the instrument must
    /// be signed and open on that date), and the instrument's records are opened to it from here on. One
    /// objection refuses the request.
    #[crate::boxed]
    pub async fn decide_accession(
        &self,
        actor: &Actor,
        accession_id: &str,
        id: AccessionDecisionId,
        new: &NewDecision,
    ) -> Result<AccessionView, StoreError> {
        let mut tx = self.write(actor).await?;
        let viewer = actor.viewer();
        let acc = accession::Entity::find_visible(&viewer, accession_id)
            .one(&tx.txn)
            .await?
            .ok_or(StoreError::NotFound {
                entity: "accession",
            })?;
        let inst = require_visible::<instrument::Entity>(
            &tx.txn,
            &viewer,
            &acc.instrument_id,
            "instrument_id",
        )
        .await?;
        let owner = user_owner(actor)?;
        let party: PartyId = owner
            .party
            .parse()
            .map_err(|_| StoreError::Forbidden("the account's party is malformed".into()))?;
        let parties = parties_of(&inst);
        let earlier = decision_rows(&tx.txn, &acc.id).await?;
        let decided: Vec<PartyId> = earlier
            .iter()
            .filter_map(|d| d.party_id.parse().ok())
            .collect();
        let status: AccessionStatus = acc.status.parse().unwrap_or(AccessionStatus::Requested);
        check_decision(
            party,
            &parties,
            &decided,
            status,
            acc.requested_on,
            new,
            corridor_core::now().date(),
        )
        .map_err(StoreError::from)?;
        let now = corridor_core::now();
        let row = accession_decision::ActiveModel {
            id: Set(id.to_string()),
            accession_id: Set(acc.id.clone()),
            party_id: Set(owner.party.clone()),
            decision: Set(new.decision.as_str().to_owned()),
            decided_on: Set(new.decided_on),
            note: Set(new.note.clone()),
            owner_party_id: Set(owner.party.clone()),
            owner_organisation_id: Set(owner.organisation.clone()),
            visibility: Set("shared".into()),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        };
        let written = accession_decision::Entity::insert(row)
            .exec_with_returning(&tx.txn)
            .await?;
        inherit_parties(
            &tx,
            (accession::Entity::ENTITY, &acc.id),
            (accession_decision::Entity::ENTITY, &written.id),
        )
        .await?;
        tx.log::<accession_decision::Entity>(written, "decided")
            .await?;
        let mut all: Vec<(PartyId, Decision, time::Date)> = earlier
            .iter()
            .filter_map(|d| {
                Some((
                    d.party_id.parse().ok()?,
                    d.decision.parse().ok()?,
                    d.decided_on,
                ))
            })
            .collect();
        all.push((party, new.decision, new.decided_on));
        let (status, on) = outcome(&parties, &all);
        if status != AccessionStatus::Requested {
            let on = on.unwrap_or(new.decided_on);
            if status == AccessionStatus::Accepted {
                self.join(&mut tx, &viewer, &inst, &acc, on).await?;
            }
            let (version, acc_id) = (acc.version + 1, acc.id.clone());
            let mut row: accession::ActiveModel = acc.into();
            row.status = Set(status.as_str().to_owned());
            row.decided_on = Set(Some(on));
            row.version = Set(version);
            row.updated_at = Set(corridor_core::now());
            let written = row.update(&tx.txn).await?;
            tx.log::<accession::Entity>(written, status.as_str())
                .await?;
            tx.commit().await?;
            return self.accession(&viewer, &acc_id).await;
        }
        tx.commit().await?;
        self.accession(&viewer, accession_id).await
    }

    /// Makes the third party a party: the accession step (checked by the rules against what the writer may
    /// see), the instrument's parties, and every record of the instrument opened to it.
    async fn join(
        &self,
        tx: &mut WriteTx,
        viewer: &Viewer,
        inst: &instrument::Model,
        acc: &accession::Model,
        on: time::Date,
    ) -> Result<(), StoreError> {
        let joining: PartyId = acc
            .party_id
            .parse()
            .map_err(|_| StoreError::invalid("party_id", "the third party's id is malformed"))?;
        let steps: Vec<StepFact> = self
            .step_rows(viewer, &inst.id)
            .await?
            .iter()
            .map(fact)
            .collect();
        let (shared, agreed) = self.version_facts(viewer, &inst.id).await?;
        let mut parties = parties_of(inst);
        let facts = InstrumentFacts {
            parties: parties.clone(),
            open_to_accession: inst.open_to_accession,
            has_shared_version: shared,
            has_agreed_text: agreed,
        };
        let candidate = StepFact {
            kind: StepKind::Accession,
            party: Some(joining),
            done_on: Some(on),
            consent_type: None,
        };
        check(&candidate, &steps, &facts, corridor_core::now().date()).map_err(|m| {
            StoreError::Conflict {
                field: Some("decided_on".into()),
                message: m,
            }
        })?;
        super::opening::open_instrument(tx, &inst.id, &acc.party_id).await?;
        parties.push(joining);
        let version = inst.version + 1;
        let mut row: instrument::ActiveModel = inst.clone().into();
        row.party_ids = Set(json_ids(&parties));
        row.version = Set(version);
        row.updated_at = Set(corridor_core::now());
        let written = row.update(&tx.txn).await?;
        tx.log::<instrument::Entity>(written, "joined").await?;
        let owner = user_owner(tx.actor())?;
        let now = corridor_core::now();
        let step = instrument_step::ActiveModel {
            id: Set(StepId::new().to_string()),
            instrument_id: Set(inst.id.clone()),
            kind: Set(StepKind::Accession.as_str().to_owned()),
            party_id: Set(Some(acc.party_id.clone())),
            status: Set(StepStatus::Done.as_str().to_owned()),
            acted_on: Set(Some(on)),
            effective_on: Set(None),
            consent_type: Set(None),
            organisation_id: Set(None),
            person_id: Set(None),
            note: Set(Some(
                "Every party consented to the request to join.".to_owned(),
            )),
            owner_party_id: Set(owner.party),
            owner_organisation_id: Set(owner.organisation),
            visibility: Set("shared".into()),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        };
        let written = instrument_step::Entity::insert(step)
            .exec_with_returning(&tx.txn)
            .await?;
        inherit_parties(
            tx,
            (instrument::Entity::ENTITY, &inst.id),
            (instrument_step::Entity::ENTITY, &written.id),
        )
        .await?;
        tx.log::<instrument_step::Entity>(written, "recorded")
            .await?;
        Ok(())
    }

    /// The requests to join an instrument the viewer may see, newest first.
    #[crate::boxed]
    pub async fn accessions(
        &self,
        viewer: &Viewer,
        instrument_id: &str,
    ) -> Result<Vec<AccessionView>, StoreError> {
        self.instrument(viewer, instrument_id).await?;
        let rows = accession::Entity::find()
            .filter(accession::Column::InstrumentId.eq(instrument_id))
            .filter(visible(viewer, "accessions", "accession"))
            .order_by_desc(accession::Column::RequestedOn)
            .all(&self.db)
            .await?;
        self.accession_views(viewer, rows).await
    }

    /// One request to join.
    #[crate::boxed]
    pub async fn accession(&self, viewer: &Viewer, id: &str) -> Result<AccessionView, StoreError> {
        let m = accession::Entity::find_visible(viewer, id)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound {
                entity: "accession",
            })?;
        self.accession_views(viewer, vec![m])
            .await
            .map(|mut v| v.remove(0))
    }

    async fn accession_views(
        &self,
        viewer: &Viewer,
        rows: Vec<accession::Model>,
    ) -> Result<Vec<AccessionView>, StoreError> {
        let mut views = Vec::with_capacity(rows.len());
        for m in rows {
            let access = access_view::<accession::Entity>(
                &self.db,
                viewer,
                &m,
                m.version,
                m.created_at,
                m.updated_at,
            )
            .await?;
            let decisions: Vec<accession_decision::Model> = accession_decision::Entity::find()
                .filter(accession_decision::Column::AccessionId.eq(m.id.as_str()))
                .filter(visible(viewer, "accession_decisions", "accession_decision"))
                .order_by_asc(accession_decision::Column::DecidedOn)
                .all(&self.db)
                .await?;
            let awaiting = if m.status == AccessionStatus::Requested.as_str() {
                let inst = instrument::Entity::find_id(&m.instrument_id)
                    .one(&self.db)
                    .await?;
                inst.map(|i| parties_of(&i))
                    .unwrap_or_default()
                    .iter()
                    .map(ToString::to_string)
                    .filter(|p| !decisions.iter().any(|d| &d.party_id == p))
                    .map(|p| unnamed(&p))
                    .collect()
            } else {
                vec![]
            };
            views.push(AccessionView {
                party: unnamed(&m.party_id),
                requested_on: corridor_core::dates::format_date(m.requested_on),
                decided_on: m.decided_on.map(corridor_core::dates::format_date),
                decisions: decisions
                    .into_iter()
                    .map(|d| DecisionView {
                        party: unnamed(&d.party_id),
                        decided_on: corridor_core::dates::format_date(d.decided_on),
                        id: d.id,
                        decision: d.decision,
                        note: d.note,
                    })
                    .collect(),
                awaiting,
                id: m.id,
                instrument_id: m.instrument_id,
                status: m.status,
                note: m.note,
                access,
            });
        }
        self.fill_names(viewer, &mut views).await?;
        Ok(views)
    }
}

async fn decision_rows(
    conn: &impl ConnectionTrait,
    accession_id: &str,
) -> Result<Vec<accession_decision::Model>, StoreError> {
    Ok(accession_decision::Entity::find()
        .filter(accession_decision::Column::AccessionId.eq(accession_id))
        .all(conn)
        .await?)
}
