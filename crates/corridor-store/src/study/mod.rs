//! Joint diagnostic studies: the study, its expert team, report versions, findings and recommendations, and
//! its phases. Accepting the report at a meeting turns every recommendation into an action on that meeting's
//! register, with its leads and due date, linked back to the study, in the same transaction. Reads are in
//! `read.rs`.

mod read;

use crate::access::{Audited, inherit_parties, inherit_restricted_to};
use crate::audit::WriteTx;
use crate::directory::{editable, require_visible, store_access};
use crate::entity::{
    body, meeting, organisation, party, recommendation, study, study_expert, study_report,
};
use crate::meeting::{insert_outcome, json_ids, parse_json_ids, user_owner};
use crate::{Store, StoreError};
use corridor_core::attachment::Upload;
use corridor_core::ids::{ExpertId, RecommendationId, RegisterItemId, ReportId, StudyId};
use corridor_core::language::Translations;
use corridor_core::meeting::{NewOutcome, OutcomeInput};
use corridor_core::study::view::StudyView;
use corridor_core::study::{
    Completion, NewExpert, NewPhase, NewRecommendation, NewStudy, Phase, Reached, check_phase,
};
use corridor_core::{Actor, Viewer};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

pub(super) fn phases_of(m: &study::Model) -> Vec<Reached> {
    serde_json::from_str(&m.phases).unwrap_or_default()
}

/// A record added to a study reaches whom the study reaches.
async fn inherit_study(
    tx: &WriteTx,
    s: &study::Model,
    (entity, id): (&str, &str),
) -> Result<(), StoreError> {
    if s.visibility == "restricted" {
        inherit_restricted_to(&tx.txn, (study::Entity::ENTITY, &s.id), (entity, id)).await?;
    }
    inherit_parties(tx, (study::Entity::ENTITY, &s.id), (entity, id)).await
}

fn child_access(s: &study::Model) -> (String, Option<String>, String) {
    (
        s.owner_party_id.clone(),
        s.owner_organisation_id.clone(),
        s.visibility.clone(),
    )
}

impl Store {
    /// Records a study; the writer's side owns it.
    #[crate::boxed]
    pub async fn create_study(
        &self,
        actor: &Actor,
        id: StudyId,
        new: &NewStudy,
    ) -> Result<StudyView, StoreError> {
        let mut tx = self.write(actor).await?;
        require_visible::<body::Entity>(
            &tx.txn,
            &actor.viewer(),
            &new.body_id.to_string(),
            "body_id",
        )
        .await?;
        let owner = user_owner(actor)?;
        let now = corridor_core::now();
        let row = study::ActiveModel {
            id: Set(id.to_string()),
            sector: Set(new.sector.clone()),
            title: Set(new.title.clone()),
            translations: Set(new.title_translations.to_json()),
            terms_of_reference: Set(new.terms_of_reference.clone()),
            body_id: Set(new.body_id.to_string()),
            phases: Set("[]".into()),
            owner_party_id: Set(owner.party),
            owner_organisation_id: Set(owner.organisation),
            visibility: Set(new.access.visibility.to_string()),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        };
        let written = study::Entity::insert(row)
            .exec_with_returning(&tx.txn)
            .await?;
        store_access(
            &tx,
            study::Entity::ENTITY,
            &id.to_string(),
            &new.access,
            false,
        )
        .await?;
        tx.log::<study::Entity>(written, "created").await?;
        tx.commit().await?;
        self.study(&actor.viewer(), &id.to_string()).await
    }

    /// Adds a member to the expert team (the study's owner side keeps the team; experts come from both).
    #[crate::boxed]
    pub async fn add_expert(
        &self,
        actor: &Actor,
        study_id: &str,
        id: ExpertId,
        new: &NewExpert,
    ) -> Result<StudyView, StoreError> {
        let mut tx = self.write(actor).await?;
        let s = editable::<study::Entity>(&tx, study_id).await?;
        let viewer = actor.viewer();
        require_visible::<party::Entity>(&tx.txn, &viewer, &new.party_id.to_string(), "party_id")
            .await?;
        if let Some(o) = new.organisation_id {
            let org = require_visible::<organisation::Entity>(
                &tx.txn,
                &viewer,
                &o.to_string(),
                "organisation_id",
            )
            .await?;
            if org.party_id != new.party_id.to_string() {
                return Err(StoreError::invalid(
                    "organisation_id",
                    "the organisation belongs to the other side",
                ));
            }
        }
        let (owner, org, visibility) = child_access(&s);
        let now = corridor_core::now();
        let row = study_expert::ActiveModel {
            id: Set(id.to_string()),
            study_id: Set(s.id.clone()),
            name: Set(new.name.clone()),
            party_id: Set(new.party_id.to_string()),
            organisation_id: Set(new.organisation_id.map(|o| o.to_string())),
            role: Set(new.role.clone()),
            owner_party_id: Set(owner),
            owner_organisation_id: Set(org),
            visibility: Set(visibility),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        };
        let written = study_expert::Entity::insert(row)
            .exec_with_returning(&tx.txn)
            .await?;
        inherit_study(&tx, &s, (study_expert::Entity::ENTITY, &written.id)).await?;
        tx.log::<study_expert::Entity>(written, "added").await?;
        tx.commit().await?;
        self.study(&viewer, study_id).await
    }

    /// Stores a version of the report (content-addressed, typed from its bytes).
    #[crate::boxed]
    pub async fn add_report(
        &self,
        actor: &Actor,
        study_id: &str,
        id: ReportId,
        (label, dated_on): (&str, time::Date),
        upload: &Upload,
        bytes: Vec<u8>,
    ) -> Result<StudyView, StoreError> {
        let mut tx = self.write(actor).await?;
        let s = editable::<study::Entity>(&tx, study_id).await?;
        let label = label.trim();
        if label.is_empty() || label.chars().count() > 200 {
            return Err(StoreError::invalid(
                "label",
                "name the version, in at most 200 characters",
            ));
        }
        let size = crate::instrument::put_file(&tx.txn, upload, bytes).await?;
        let (owner, org, visibility) = child_access(&s);
        let now = corridor_core::now();
        let row = study_report::ActiveModel {
            id: Set(id.to_string()),
            study_id: Set(s.id.clone()),
            label: Set(label.to_owned()),
            dated_on: Set(dated_on),
            sha256: Set(upload.sha256.clone()),
            filename: Set(upload.filename.clone()),
            media_type: Set(upload.media_type.clone()),
            size: Set(size),
            owner_party_id: Set(owner),
            owner_organisation_id: Set(org),
            visibility: Set(visibility),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        };
        let written = study_report::Entity::insert(row)
            .exec_with_returning(&tx.txn)
            .await?;
        inherit_study(&tx, &s, (study_report::Entity::ENTITY, &written.id)).await?;
        tx.log::<study_report::Entity>(written, "added").await?;
        tx.commit().await?;
        self.study(&actor.viewer(), study_id).await
    }

    /// Adds a finding and its recommendation; recommendations are fixed once the report is accepted.
    #[crate::boxed]
    pub async fn add_recommendation(
        &self,
        actor: &Actor,
        study_id: &str,
        id: RecommendationId,
        new: &NewRecommendation,
    ) -> Result<StudyView, StoreError> {
        let mut tx = self.write(actor).await?;
        let s = editable::<study::Entity>(&tx, study_id).await?;
        if phases_of(&s).iter().any(|p| p.phase == Phase::Accepted) {
            return Err(StoreError::conflict(
                "the report is accepted: its recommendations are the action plan on the register now",
            ));
        }
        for o in &new.lead_organisation_ids {
            require_visible::<organisation::Entity>(
                &tx.txn,
                &actor.viewer(),
                &o.to_string(),
                "lead_organisation_ids",
            )
            .await?;
        }
        let number = recommendation::Entity::find()
            .filter(recommendation::Column::StudyId.eq(s.id.as_str()))
            .all(&tx.txn)
            .await?
            .iter()
            .map(|r| r.number)
            .max()
            .unwrap_or(0)
            + 1;
        let (owner, org, visibility) = child_access(&s);
        let now = corridor_core::now();
        let row = recommendation::ActiveModel {
            id: Set(id.to_string()),
            study_id: Set(s.id.clone()),
            number: Set(number),
            finding: Set(new.finding.clone()),
            text: Set(new.text.clone()),
            translations: Set(new.text_translations.to_json()),
            lead_organisation_ids: Set(json_ids(&new.lead_organisation_ids)),
            due_on: Set(new.due_on),
            potential: Set(new.potential.as_str().to_owned()),
            completion: Set(None),
            register_item_id: Set(None),
            owner_party_id: Set(owner),
            owner_organisation_id: Set(org),
            visibility: Set(visibility),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        };
        let written = recommendation::Entity::insert(row)
            .exec_with_returning(&tx.txn)
            .await?;
        inherit_study(&tx, &s, (recommendation::Entity::ENTITY, &written.id)).await?;
        tx.log::<recommendation::Entity>(written, "added").await?;
        tx.commit().await?;
        self.study(&actor.viewer(), study_id).await
    }

    /// Records how far a recommendation was carried out, when it is reviewed.
    #[crate::boxed]
    pub async fn assess_recommendation(
        &self,
        actor: &Actor,
        id: &str,
        completion: Completion,
    ) -> Result<StudyView, StoreError> {
        let mut tx = self.write(actor).await?;
        let current = editable::<recommendation::Entity>(&tx, id).await?;
        let study_id = current.study_id.clone();
        let version = current.version + 1;
        let mut row: recommendation::ActiveModel = current.into();
        row.completion = Set(Some(completion.as_str().to_owned()));
        row.version = Set(version);
        row.updated_at = Set(corridor_core::now());
        let written = row.update(&tx.txn).await?;
        tx.log::<recommendation::Entity>(written, "assessed")
            .await?;
        tx.commit().await?;
        self.study(&actor.viewer(), &study_id).await
    }

    /// Moves the study to its next phase. Submitting and accepting name a meeting of the study's body;
    /// accepting writes every recommendation to that meeting's register as an action (the meeting's host side
    /// must be the one accepting).
    #[crate::boxed]
    pub async fn move_study(
        &self,
        actor: &Actor,
        study_id: &str,
        new: &NewPhase,
    ) -> Result<StudyView, StoreError> {
        let mut tx = self.write(actor).await?;
        let viewer = actor.viewer();
        let s = editable::<study::Entity>(&tx, study_id).await?;
        let mut reached = phases_of(&s);
        let meeting = match new.meeting_id {
            Some(m) => {
                let m = require_visible::<meeting::Entity>(
                    &tx.txn,
                    &viewer,
                    &m.to_string(),
                    "meeting_id",
                )
                .await?;
                if m.body_id != s.body_id {
                    return Err(StoreError::invalid(
                        "meeting_id",
                        "the report goes to a meeting of the study's body",
                    ));
                }
                Some(m)
            }
            None => None,
        };
        check_phase(
            &reached,
            new,
            corridor_core::now().date(),
            meeting.as_ref().map(|m| m.starts_at.date()),
        )
        .map_err(|e| StoreError::invalid(&e.field, e.message))?;
        if let (Phase::Accepted, Some(m)) = (new.phase, &meeting) {
            self.write_action_plan(&mut tx, &viewer, &s, m).await?;
        }
        reached.push(Reached {
            phase: new.phase,
            on: new.on,
            meeting_id: meeting.map(|m| m.id),
        });
        let version = s.version + 1;
        let mut row: study::ActiveModel = s.into();
        row.phases = Set(serde_json::to_string(&reached).unwrap_or_else(|_| "[]".into()));
        row.version = Set(version);
        row.updated_at = Set(corridor_core::now());
        let written = row.update(&tx.txn).await?;
        tx.log::<study::Entity>(written, new.phase.as_str()).await?;
        tx.commit().await?;
        self.study(&viewer, study_id).await
    }

    /// Each recommendation becomes an action on the meeting's register, linked to the study.
    async fn write_action_plan(
        &self,
        tx: &mut WriteTx,
        viewer: &Viewer,
        s: &study::Model,
        m: &meeting::Model,
    ) -> Result<(), StoreError> {
        let meeting = editable::<meeting::Entity>(tx, &m.id)
            .await
            .map_err(|e| match e {
                StoreError::Forbidden(_) => StoreError::Forbidden(
                    "the report is accepted by the meeting's host side, which keeps its register"
                        .into(),
                ),
                other => other,
            })?;
        let recs = recommendation::Entity::find()
            .filter(recommendation::Column::StudyId.eq(s.id.as_str()))
            .order_by_asc(recommendation::Column::Number)
            .all(&tx.txn)
            .await?;
        if recs.is_empty() {
            return Err(StoreError::invalid(
                "phase",
                "record the report's recommendations before it is accepted: they become the action plan",
            ));
        }
        for r in recs {
            let tr = Translations::from_json(&r.translations);
            let input = OutcomeInput {
                meeting_id: Some(meeting.id.clone()),
                kind: Some("action".into()),
                text: Some(r.text.clone()),
                text_zh: tr.zh.clone(),
                text_ur: tr.ur.clone(),
                lead_organisation_ids: parse_json_ids(&r.lead_organisation_ids),
                due_on: r.due_on.map(corridor_core::dates::format_date),
                links: vec![format!("study:{}", s.id)],
                visibility: Some(s.visibility.clone()),
                ..Default::default()
            };
            let outcome = NewOutcome::try_from(&input)?;
            let item_id = RegisterItemId::new();
            insert_outcome(tx, viewer, &meeting, item_id, &outcome).await?;
            let version = r.version + 1;
            let mut row: recommendation::ActiveModel = r.into();
            row.register_item_id = Set(Some(item_id.to_string()));
            row.version = Set(version);
            row.updated_at = Set(corridor_core::now());
            let written = row.update(&tx.txn).await?;
            tx.log::<recommendation::Entity>(written, "adopted").await?;
        }
        Ok(())
    }
}
