//! Milestones of a project and the weights the progress formula gives them. The project's owner side keeps
//! both; a milestone takes its project's visibility.

use crate::access::{Audited, inherit_parties, inherit_restricted_to, visible};
use crate::audit::WriteTx;
use crate::directory::{Named, Table, access_view, check_version, editable};
use crate::entity::{milestone, project};
use crate::{Store, StoreError};
use corridor_core::Actor;
use corridor_core::Viewer;
use corridor_core::ids::MilestoneId;
use corridor_core::language::Translations;
use corridor_core::portfolio::milestone::{NewMilestone, WeightsInput, parse_weights, progress};
use corridor_core::portfolio::view::MilestoneView;
use corridor_core::view::Ref;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

impl Named for MilestoneView {
    fn refs(&mut self) -> Vec<(Table, &mut Ref)> {
        vec![(Table::Parties, &mut self.access.owner_party)]
    }
}

fn fill(row: &mut milestone::ActiveModel, new: &NewMilestone) {
    row.title = Set(new.title.clone());
    row.translations = Set(new.title_translations.to_json());
    row.kind = Set(new.kind.as_str().to_owned());
    row.planned_on = Set(new.planned_on);
    row.forecast_on = Set(new.forecast_on);
    row.actual_on = Set(new.actual_on);
    row.status = Set(new.status.as_str().to_owned());
}

/// A record added under a project takes the project's reach: its restricted list and its third parties.
pub(crate) async fn inherit_project(
    tx: &WriteTx,
    project: &project::Model,
    (entity, id): (&str, &str),
) -> Result<(), StoreError> {
    if project.visibility == "restricted" {
        inherit_restricted_to(
            &tx.txn,
            (project::Entity::ENTITY, &project.id),
            (entity, id),
        )
        .await?;
    }
    inherit_parties(tx, (project::Entity::ENTITY, &project.id), (entity, id)).await
}

/// Adds a milestone to project `p` (which the actor may edit) inside a transaction.
pub(crate) async fn add_milestone_in(
    tx: &mut WriteTx,
    p: &project::Model,
    id: MilestoneId,
    new: &NewMilestone,
) -> Result<milestone::Model, StoreError> {
    let now = corridor_core::now();
    let mut row = milestone::ActiveModel {
        id: Set(id.to_string()),
        project_id: Set(p.id.clone()),
        owner_party_id: Set(p.owner_party_id.clone()),
        owner_organisation_id: Set(p.owner_organisation_id.clone()),
        visibility: Set(p.visibility.clone()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    fill(&mut row, new);
    let written = milestone::Entity::insert(row)
        .exec_with_returning(&tx.txn)
        .await?;
    inherit_project(tx, p, (milestone::Entity::ENTITY, &written.id)).await?;
    tx.log::<milestone::Entity>(written, "created").await
}

/// Changes milestone `current` inside a transaction; its project must be one the actor may edit.
pub(crate) async fn update_milestone_in(
    tx: &mut WriteTx,
    current: milestone::Model,
    new: &NewMilestone,
) -> Result<milestone::Model, StoreError> {
    check_version("milestone", new.expected_version, current.version)?;
    editable::<project::Entity>(tx, &current.project_id).await?;
    let version = current.version + 1;
    let mut row: milestone::ActiveModel = current.into();
    fill(&mut row, new);
    row.version = Set(version);
    row.updated_at = Set(corridor_core::now());
    let written = row.update(&tx.txn).await?;
    tx.log::<milestone::Entity>(written, "updated").await
}

impl Store {
    /// Adds a milestone to a project the actor's side owns.
    #[crate::boxed]
    pub async fn add_milestone(
        &self,
        actor: &Actor,
        project_id: &str,
        id: MilestoneId,
        new: &NewMilestone,
    ) -> Result<MilestoneView, StoreError> {
        let mut tx = self.write(actor).await?;
        let p = editable::<project::Entity>(&tx, project_id).await?;
        let model = add_milestone_in(&mut tx, &p, id, new).await?;
        tx.commit().await?;
        self.milestone_views(&actor.viewer(), &p, vec![model])
            .await
            .map(|mut v| v.remove(0))
    }

    /// Changes a milestone: its dates and whether it was met.
    #[crate::boxed]
    pub async fn update_milestone(
        &self,
        actor: &Actor,
        id: &str,
        new: &NewMilestone,
    ) -> Result<MilestoneView, StoreError> {
        let mut tx = self.write(actor).await?;
        let current = editable::<milestone::Entity>(&tx, id).await?;
        let p = editable::<project::Entity>(&tx, &current.project_id).await?;
        let model = update_milestone_in(&mut tx, current, new).await?;
        tx.commit().await?;
        self.milestone_views(&actor.viewer(), &p, vec![model])
            .await
            .map(|mut v| v.remove(0))
    }

    /// Sets the weights of every milestone of a project at once; they must total 100.
    #[crate::boxed]
    pub async fn set_milestone_weights(
        &self,
        actor: &Actor,
        project_id: &str,
        input: &WeightsInput,
    ) -> Result<Vec<MilestoneView>, StoreError> {
        let mut tx = self.write(actor).await?;
        let p = editable::<project::Entity>(&tx, project_id).await?;
        let ids: Vec<MilestoneId> = milestone::Entity::find()
            .filter(milestone::Column::ProjectId.eq(p.id.as_str()))
            .all(&tx.txn)
            .await?
            .iter()
            .filter_map(|m| m.id.parse().ok())
            .collect();
        if ids.is_empty() {
            return Err(StoreError::invalid(
                "weights",
                "this project has no milestone to weigh",
            ));
        }
        let weights = parse_weights(input, &ids)?;
        let json: std::collections::BTreeMap<String, u32> =
            weights.iter().map(|(k, v)| (k.to_string(), *v)).collect();
        let version = p.version + 1;
        let mut row: project::ActiveModel = p.into();
        row.milestone_weights = Set(serde_json::to_string(&json).unwrap_or_else(|_| "{}".into()));
        row.version = Set(version);
        row.updated_at = Set(corridor_core::now());
        let written = row.update(&tx.txn).await?;
        let model = tx.log::<project::Entity>(written, "weights_set").await?;
        tx.commit().await?;
        self.project_milestones(&actor.viewer(), &model).await
    }

    /// The milestones of a project the viewer may see, by date, with the weight and credit the formula gave
    /// each.
    pub(crate) async fn project_milestones(
        &self,
        viewer: &Viewer,
        p: &project::Model,
    ) -> Result<Vec<MilestoneView>, StoreError> {
        let rows = milestone::Entity::find()
            .filter(milestone::Column::ProjectId.eq(p.id.as_str()))
            .filter(visible(viewer, "milestones", "milestone"))
            .order_by_asc(milestone::Column::PlannedOn)
            .order_by_asc(milestone::Column::Id)
            .all(&self.db)
            .await?;
        self.milestone_views(viewer, p, rows).await
    }

    /// The milestones of each of these projects the viewer may see, for the portfolio's timeline.
    #[crate::boxed]
    pub async fn milestones_by_project(
        &self,
        viewer: &Viewer,
        project_ids: &[String],
    ) -> Result<std::collections::BTreeMap<String, Vec<MilestoneView>>, StoreError> {
        let mut out = std::collections::BTreeMap::new();
        for chunk in project_ids.chunks(500) {
            let rows = project::Entity::find()
                .filter(project::Column::Id.is_in(chunk.to_vec()))
                .filter(visible(viewer, "projects", "project"))
                .all(&self.db)
                .await?;
            for p in rows {
                let list = self.project_milestones(viewer, &p).await?;
                out.insert(p.id, list);
            }
        }
        Ok(out)
    }

    async fn milestone_views(
        &self,
        viewer: &Viewer,
        p: &project::Model,
        rows: Vec<milestone::Model>,
    ) -> Result<Vec<MilestoneView>, StoreError> {
        let all = self
            .milestones_of(viewer, vec![p.id.clone()])
            .await?
            .remove(&p.id)
            .unwrap_or_default();
        let terms = progress(&super::facts(&all), &super::weights_of(p)).terms;
        let mut views = Vec::with_capacity(rows.len());
        for m in rows {
            let access = access_view::<milestone::Entity>(
                &self.db,
                viewer,
                &m,
                m.version,
                m.created_at,
                m.updated_at,
            )
            .await?;
            let (weight, credit) = terms
                .iter()
                .find(|(id, _, _)| id.to_string() == m.id)
                .map_or((0.0, 0.0), |(_, w, c)| (*w, *c));
            let date = |d: Option<time::Date>| d.map(corridor_core::dates::format_date);
            views.push(MilestoneView {
                title_zh: Translations::from_json(&m.translations).zh,
                planned_on: date(m.planned_on),
                forecast_on: date(m.forecast_on),
                actual_on: date(m.actual_on),
                id: m.id,
                project_id: m.project_id,
                title: m.title,
                kind: m.kind,
                status: m.status,
                weight,
                credit,
                access,
            });
        }
        self.fill_names(viewer, &mut views).await?;
        Ok(views)
    }
}
