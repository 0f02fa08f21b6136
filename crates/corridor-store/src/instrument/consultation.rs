//! Consultations on a version: opened by the author side, answered by the organisations consulted (recorded
//! by that side's secretariat), each comment beside its clause and marked taken up or not.

use crate::access::{Audited, inherit_parties, visible};
use crate::directory::{
    Named, Table, access_view, editable, require_visible, store_access, unnamed,
};
use crate::entity::{
    consultation, consultation_response, instrument, instrument_version, organisation,
};
use crate::meeting::{json_ids, parse_json_ids, user_owner};
use crate::{Store, StoreError};
use corridor_core::ids::{ConsultationId, ResponseId};
use corridor_core::instrument::consultation::{NewConsultation, NewResponse};
use corridor_core::instrument::text::{Clause, flatten};
use corridor_core::instrument::view::{CommentView, ConsultationView, ResponseView};
use corridor_core::view::Ref;
use corridor_core::{Actor, Viewer};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

impl Named for ConsultationView {
    fn refs(&mut self) -> Vec<(Table, &mut Ref)> {
        let mut r = vec![(Table::Parties, &mut self.access.owner_party)];
        r.extend(
            self.organisations
                .iter_mut()
                .map(|o| (Table::Organisations, o)),
        );
        r.extend(
            self.not_answered
                .iter_mut()
                .map(|o| (Table::Organisations, o)),
        );
        for resp in &mut self.responses {
            r.push((Table::Organisations, &mut resp.organisation));
        }
        r
    }
}

fn comments_of(raw: &str) -> Vec<CommentView> {
    serde_json::from_str(raw).unwrap_or_default()
}

impl Store {
    /// Opens a consultation on a version the actor's side wrote.
    #[crate::boxed]
    pub async fn open_consultation(
        &self,
        actor: &Actor,
        id: ConsultationId,
        new: &NewConsultation,
    ) -> Result<ConsultationView, StoreError> {
        let mut tx = self.write(actor).await?;
        let viewer = actor.viewer();
        let version = require_visible::<instrument_version::Entity>(
            &tx.txn,
            &viewer,
            &new.version_id.to_string(),
            "version_id",
        )
        .await?;
        let owner = user_owner(actor)?;
        if version.author_party_id != owner.party {
            return Err(StoreError::invalid(
                "version_id",
                "a side consults on a version it wrote",
            ));
        }
        for o in &new.organisation_ids {
            require_visible::<organisation::Entity>(
                &tx.txn,
                &viewer,
                &o.to_string(),
                "organisation_ids",
            )
            .await?;
        }
        let now = corridor_core::now();
        let row = consultation::ActiveModel {
            id: Set(id.to_string()),
            instrument_id: Set(version.instrument_id.clone()),
            version_id: Set(version.id.clone()),
            title: Set(new.title.clone()),
            deadline: Set(new.deadline),
            organisation_ids: Set(json_ids(&new.organisation_ids)),
            owner_party_id: Set(owner.party),
            owner_organisation_id: Set(owner.organisation),
            visibility: Set(new.access.visibility.to_string()),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        };
        let written = consultation::Entity::insert(row)
            .exec_with_returning(&tx.txn)
            .await?;
        store_access(
            &tx,
            consultation::Entity::ENTITY,
            &id.to_string(),
            &new.access,
            false,
        )
        .await?;
        inherit_parties(
            &tx,
            (instrument::Entity::ENTITY, &written.instrument_id),
            (consultation::Entity::ENTITY, &written.id),
        )
        .await?;
        let model = tx.log::<consultation::Entity>(written, "opened").await?;
        tx.commit().await?;
        self.consultation_views(&viewer, vec![model])
            .await
            .map(|mut v| v.remove(0))
    }

    /// Records an organisation's answer. Only organisations consulted may answer; an answer after the deadline
    /// is accepted and marked late; every comment must name a clause of the version consulted on.
    #[crate::boxed]
    pub async fn record_response(
        &self,
        actor: &Actor,
        id: ResponseId,
        new: &NewResponse,
    ) -> Result<ConsultationView, StoreError> {
        let mut tx = self.write(actor).await?;
        let viewer = actor.viewer();
        let c = editable::<consultation::Entity>(&tx, &new.consultation_id.to_string()).await?;
        let org = new.organisation_id.to_string();
        if !parse_json_ids(&c.organisation_ids).contains(&org) {
            return Err(StoreError::invalid(
                "organisation_id",
                "this organisation was not consulted",
            ));
        }
        let version = instrument_version::Entity::find_id(&c.version_id)
            .one(&tx.txn)
            .await?
            .ok_or(StoreError::NotFound {
                entity: "instrument version",
            })?;
        let clauses: Vec<Clause> = serde_json::from_str(&version.clauses).unwrap_or_default();
        let keys: Vec<&str> = flatten(&clauses).iter().map(|c| c.key.as_str()).collect();
        if let Some((bad, _)) = new
            .comments
            .iter()
            .find(|(k, _)| !keys.contains(&k.as_str()))
        {
            return Err(StoreError::invalid(
                "comments",
                format!("[{bad}] is not a clause of version {}", version.number),
            ));
        }
        let comments: Vec<CommentView> = new
            .comments
            .iter()
            .map(|(k, t)| CommentView {
                clause_key: k.clone(),
                text: t.clone(),
                taken_up: None,
                reason: None,
            })
            .collect();
        let now = corridor_core::now();
        let row = consultation_response::ActiveModel {
            id: Set(id.to_string()),
            consultation_id: Set(c.id.clone()),
            organisation_id: Set(org),
            position: Set(new.position.as_str().to_owned()),
            responded_on: Set(new.responded_on),
            comments: Set(serde_json::to_string(&comments).unwrap_or_else(|_| "[]".into())),
            owner_party_id: Set(c.owner_party_id.clone()),
            owner_organisation_id: Set(c.owner_organisation_id.clone()),
            visibility: Set(c.visibility.clone()),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        };
        let written = consultation_response::Entity::insert(row)
            .exec_with_returning(&tx.txn)
            .await?;
        if c.visibility == "restricted" {
            let child = id.to_string();
            crate::access::inherit_restricted_to(
                &tx.txn,
                (consultation::Entity::ENTITY, &c.id),
                (consultation_response::Entity::ENTITY, &child),
            )
            .await?;
        }
        inherit_parties(
            &tx,
            (consultation::Entity::ENTITY, &c.id),
            (consultation_response::Entity::ENTITY, &written.id),
        )
        .await?;
        tx.log::<consultation_response::Entity>(written, "recorded")
            .await?;
        tx.commit().await?;
        self.consultation(&viewer, &c.id).await
    }

    /// The author side marks comment `index` (from 0) of a response as taken up or not, with a reason.
    #[crate::boxed]
    pub async fn take_up_comment(
        &self,
        actor: &Actor,
        response_id: &str,
        index: usize,
        taken_up: bool,
        reason: Option<&str>,
    ) -> Result<ConsultationView, StoreError> {
        let reason = corridor_core::input::optional_long_text(
            "reason",
            reason,
            corridor_core::input::limit::TEXT,
        )
        .map_err(|e| StoreError::invalid(&e.field, e.message))?;
        if !taken_up && reason.is_none() {
            return Err(StoreError::invalid(
                "reason",
                "say why the comment is not taken up",
            ));
        }
        let mut tx = self.write(actor).await?;
        let current = editable::<consultation_response::Entity>(&tx, response_id).await?;
        let mut comments = comments_of(&current.comments);
        let Some(c) = comments.get_mut(index) else {
            return Err(StoreError::invalid(
                "index",
                format!("this response has {} comment(s)", comments.len()),
            ));
        };
        c.taken_up = Some(taken_up);
        c.reason = reason;
        let (consultation_id, version) = (current.consultation_id.clone(), current.version + 1);
        let mut row: consultation_response::ActiveModel = current.into();
        row.comments = Set(serde_json::to_string(&comments).unwrap_or_else(|_| "[]".into()));
        row.version = Set(version);
        row.updated_at = Set(corridor_core::now());
        let written = row.update(&tx.txn).await?;
        tx.log::<consultation_response::Entity>(
            written,
            if taken_up { "taken_up" } else { "not_taken_up" },
        )
        .await?;
        tx.commit().await?;
        self.consultation(&actor.viewer(), &consultation_id).await
    }

    /// One consultation with its answers.
    #[crate::boxed]
    pub async fn consultation(
        &self,
        viewer: &Viewer,
        id: &str,
    ) -> Result<ConsultationView, StoreError> {
        let m = consultation::Entity::find_visible(viewer, id)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound {
                entity: "consultation",
            })?;
        self.consultation_views(viewer, vec![m])
            .await
            .map(|mut v| v.remove(0))
    }

    /// The consultations on an instrument the viewer may see.
    #[crate::boxed]
    pub async fn consultations(
        &self,
        viewer: &Viewer,
        instrument_id: &str,
    ) -> Result<Vec<ConsultationView>, StoreError> {
        self.instrument(viewer, instrument_id).await?;
        let rows = consultation::Entity::find()
            .filter(consultation::Column::InstrumentId.eq(instrument_id))
            .filter(visible(viewer, "consultations", "consultation"))
            .order_by_asc(consultation::Column::Deadline)
            .all(&self.db)
            .await?;
        self.consultation_views(viewer, rows).await
    }

    async fn consultation_views(
        &self,
        viewer: &Viewer,
        rows: Vec<consultation::Model>,
    ) -> Result<Vec<ConsultationView>, StoreError> {
        let mut views = Vec::with_capacity(rows.len());
        for m in rows {
            let access = access_view::<consultation::Entity>(
                &self.db,
                viewer,
                &m,
                m.version,
                m.created_at,
                m.updated_at,
            )
            .await?;
            let answers = consultation_response::Entity::find()
                .filter(consultation_response::Column::ConsultationId.eq(m.id.as_str()))
                .filter(visible(
                    viewer,
                    "consultation_responses",
                    "consultation_response",
                ))
                .order_by_asc(consultation_response::Column::RespondedOn)
                .all(&self.db)
                .await?;
            let consulted = parse_json_ids(&m.organisation_ids);
            let not_answered = consulted
                .iter()
                .filter(|o| !answers.iter().any(|a| &a.organisation_id == *o))
                .map(|o| unnamed(o))
                .collect();
            views.push(ConsultationView {
                organisations: consulted.iter().map(|o| unnamed(o)).collect(),
                responses: answers
                    .into_iter()
                    .map(|a| ResponseView {
                        organisation: unnamed(&a.organisation_id),
                        responded_on: corridor_core::dates::format_date(a.responded_on),
                        comments: comments_of(&a.comments),
                        id: a.id,
                        position: a.position,
                        late: a.responded_on > m.deadline,
                    })
                    .collect(),
                not_answered,
                deadline: corridor_core::dates::format_date(m.deadline),
                id: m.id,
                instrument_id: m.instrument_id,
                version_id: m.version_id,
                title: m.title,
                access,
            });
        }
        self.fill_names(viewer, &mut views).await?;
        Ok(views)
    }
}
