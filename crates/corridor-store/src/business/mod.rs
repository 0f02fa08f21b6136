//! Business-to-business records: companies, matchmaking meetings, business memoranda and investment
//! intentions. Each is owned by the side that records it; a matchmaking or memorandum names companies of
//! both sides. Reads are in `read.rs`.

mod read;

use crate::access::Audited;
use crate::audit::WriteTx;
use crate::directory::{editable, require_visible, store_access};
use crate::entity::{
    business_mou, company, exchange, intention, matchmaking, meeting, party, project,
};
use crate::meeting::{json_ids, user_owner};
use crate::{Store, StoreError};
use corridor_core::Actor;
use corridor_core::business::view::{BusinessMouView, CompanyView, IntentionView, MatchmakingView};
use corridor_core::business::{
    IntentionStatus, NewBusinessMou, NewCompany, NewIntention, NewMatchmaking, Stage, check_stage,
};
use corridor_core::ids::{BusinessMouId, CompanyId, IntentionId, MatchmakingId};
use sea_orm::{ActiveModelTrait, EntityTrait, Set};

pub(crate) fn stages_of(m: &intention::Model) -> Vec<Stage> {
    serde_json::from_str(&m.stages).unwrap_or_default()
}

/// The companies named, each visible to the actor, from at least two sides.
async fn check_companies(tx: &WriteTx, ids: &[CompanyId]) -> Result<(), StoreError> {
    let viewer = tx.actor().viewer();
    let mut parties: Vec<String> = Vec::new();
    for c in ids {
        let found =
            require_visible::<company::Entity>(&tx.txn, &viewer, &c.to_string(), "company_ids")
                .await?;
        if !parties.contains(&found.party_id) {
            parties.push(found.party_id);
        }
    }
    if parties.len() < 2 {
        return Err(StoreError::invalid(
            "company_ids",
            "business-to-business means companies of both sides: name at least one of each",
        ));
    }
    Ok(())
}

impl Store {
    /// Records a company; the writer's side owns the record.
    #[crate::boxed]
    pub async fn create_company(
        &self,
        actor: &Actor,
        id: CompanyId,
        new: &NewCompany,
    ) -> Result<CompanyView, StoreError> {
        let mut tx = self.write(actor).await?;
        let owner = user_owner(actor)?;
        require_visible::<party::Entity>(
            &tx.txn,
            &actor.viewer(),
            &new.party_id.to_string(),
            "party_id",
        )
        .await?;
        let now = corridor_core::now();
        let row = company::ActiveModel {
            id: Set(id.to_string()),
            name: Set(new.name.clone()),
            translations: Set(new.name_translations.to_json()),
            party_id: Set(new.party_id.to_string()),
            sector: Set(new.sector.clone()),
            size: Set(new.size.map(|s| s.as_str().to_owned())),
            city: Set(new.city.clone()),
            owner_party_id: Set(owner.party),
            owner_organisation_id: Set(owner.organisation),
            visibility: Set(new.access.visibility.to_string()),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        };
        let written = company::Entity::insert(row)
            .exec_with_returning(&tx.txn)
            .await?;
        store_access(
            &tx,
            company::Entity::ENTITY,
            &written.id,
            &new.access,
            false,
        )
        .await?;
        tx.log::<company::Entity>(written, "created").await?;
        tx.commit().await?;
        self.company(&actor.viewer(), &id.to_string()).await
    }

    /// Records a matchmaking meeting between companies of both sides.
    #[crate::boxed]
    pub async fn add_matchmaking(
        &self,
        actor: &Actor,
        id: MatchmakingId,
        new: &NewMatchmaking,
    ) -> Result<MatchmakingView, StoreError> {
        let mut tx = self.write(actor).await?;
        let viewer = actor.viewer();
        let owner = user_owner(actor)?;
        check_companies(&tx, &new.company_ids).await?;
        if let Some(x) = new.exchange_id {
            require_visible::<exchange::Entity>(&tx.txn, &viewer, &x.to_string(), "exchange_id")
                .await?;
        }
        if let Some(m) = new.meeting_id {
            require_visible::<meeting::Entity>(&tx.txn, &viewer, &m.to_string(), "meeting_id")
                .await?;
        }
        let now = corridor_core::now();
        let row = matchmaking::ActiveModel {
            id: Set(id.to_string()),
            held_on: Set(new.held_on),
            place: Set(new.place.clone()),
            company_ids: Set(json_ids(&new.company_ids)),
            topic: Set(new.topic.clone()),
            outcome: Set(new.outcome.clone()),
            exchange_id: Set(new.exchange_id.map(|x| x.to_string())),
            meeting_id: Set(new.meeting_id.map(|m| m.to_string())),
            owner_party_id: Set(owner.party),
            owner_organisation_id: Set(owner.organisation),
            visibility: Set("shared".into()),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        };
        let written = matchmaking::Entity::insert(row)
            .exec_with_returning(&tx.txn)
            .await?;
        tx.log::<matchmaking::Entity>(written, "held").await?;
        tx.commit().await?;
        self.matchmaking(&viewer, &id.to_string()).await
    }

    /// Records a memorandum signed by companies of both sides.
    #[crate::boxed]
    pub async fn add_business_mou(
        &self,
        actor: &Actor,
        id: BusinessMouId,
        new: &NewBusinessMou,
    ) -> Result<BusinessMouView, StoreError> {
        let mut tx = self.write(actor).await?;
        let viewer = actor.viewer();
        let owner = user_owner(actor)?;
        check_companies(&tx, &new.company_ids).await?;
        if let Some(m) = new.matchmaking_id {
            require_visible::<matchmaking::Entity>(
                &tx.txn,
                &viewer,
                &m.to_string(),
                "matchmaking_id",
            )
            .await?;
        }
        let now = corridor_core::now();
        let row = business_mou::ActiveModel {
            id: Set(id.to_string()),
            title: Set(new.title.clone()),
            signed_on: Set(new.signed_on),
            company_ids: Set(json_ids(&new.company_ids)),
            matchmaking_id: Set(new.matchmaking_id.map(|m| m.to_string())),
            sector: Set(new.sector.clone()),
            amount_minor: Set(new.value.as_ref().map(|v| v.0)),
            currency: Set(new.value.as_ref().map(|v| v.1.clone())),
            owner_party_id: Set(owner.party),
            owner_organisation_id: Set(owner.organisation),
            visibility: Set("shared".into()),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        };
        let written = business_mou::Entity::insert(row)
            .exec_with_returning(&tx.txn)
            .await?;
        tx.log::<business_mou::Entity>(written, "signed").await?;
        tx.commit().await?;
        self.business_mou(&viewer, &id.to_string()).await
    }

    /// Records a company's investment intention, at its first stage.
    #[crate::boxed]
    pub async fn add_intention(
        &self,
        actor: &Actor,
        id: IntentionId,
        new: &NewIntention,
    ) -> Result<IntentionView, StoreError> {
        let mut tx = self.write(actor).await?;
        let viewer = actor.viewer();
        let owner = user_owner(actor)?;
        require_visible::<company::Entity>(
            &tx.txn,
            &viewer,
            &new.company_id.to_string(),
            "company_id",
        )
        .await?;
        if let Some(p) = new.project_id {
            require_visible::<project::Entity>(&tx.txn, &viewer, &p.to_string(), "project_id")
                .await?;
        }
        let first = vec![Stage {
            status: IntentionStatus::Intention,
            on: new.stated_on,
        }];
        let now = corridor_core::now();
        let row = intention::ActiveModel {
            id: Set(id.to_string()),
            company_id: Set(new.company_id.to_string()),
            project_id: Set(new.project_id.map(|p| p.to_string())),
            sector: Set(new.sector.clone()),
            amount_minor: Set(new.value.as_ref().map(|v| v.0)),
            currency: Set(new.value.as_ref().map(|v| v.1.clone())),
            stated_on: Set(new.stated_on),
            status: Set(IntentionStatus::Intention.as_str().to_owned()),
            stages: Set(serde_json::to_string(&first).unwrap_or_else(|_| "[]".into())),
            notes: Set(new.notes.clone()),
            owner_party_id: Set(owner.party),
            owner_organisation_id: Set(owner.organisation),
            visibility: Set(new.access.visibility.to_string()),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        };
        let written = intention::Entity::insert(row)
            .exec_with_returning(&tx.txn)
            .await?;
        store_access(
            &tx,
            intention::Entity::ENTITY,
            &written.id,
            &new.access,
            false,
        )
        .await?;
        tx.log::<intention::Entity>(written, "stated").await?;
        tx.commit().await?;
        self.intention(&viewer, &id.to_string()).await
    }

    /// Moves an intention to its next stage (forward only, or withdrawn); the owning side records it.
    #[crate::boxed]
    pub async fn move_intention(
        &self,
        actor: &Actor,
        id: &str,
        stage: &Stage,
    ) -> Result<IntentionView, StoreError> {
        let mut tx = self.write(actor).await?;
        let current = editable::<intention::Entity>(&tx, id).await?;
        let mut stages = stages_of(&current);
        check_stage(&stages, stage, corridor_core::now().date())
            .map_err(|e| StoreError::invalid(&e.field, e.message))?;
        stages.push(stage.clone());
        let version = current.version + 1;
        let mut row: intention::ActiveModel = current.into();
        row.status = Set(stage.status.as_str().to_owned());
        row.stages = Set(serde_json::to_string(&stages).unwrap_or_else(|_| "[]".into()));
        row.version = Set(version);
        row.updated_at = Set(corridor_core::now());
        let written = row.update(&tx.txn).await?;
        tx.log::<intention::Entity>(written, stage.status.as_str())
            .await?;
        tx.commit().await?;
        self.intention(&actor.viewer(), id).await
    }
}
