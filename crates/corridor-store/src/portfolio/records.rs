//! What is recorded about a project besides its milestones: progress updates (from either side, each figure
//! with its source), finance (by the owner side of the project or a party to the instrument), risks (the
//! owner side), and the whole project as its page reads it.

use super::milestones::inherit_project;
use crate::access::{Audited, visible};
use crate::directory::{Named, Table, access_view, editable, require_visible, unnamed};
use crate::entity::{organisation, progress_update, project, risk};
use crate::meeting::user_owner;
use crate::{Store, StoreError};
use corridor_core::ids::{RiskId, UpdateId};
use corridor_core::language::Translations;
use corridor_core::portfolio::NewRisk;
use corridor_core::portfolio::milestone::{FORMULA, ROLL_UP, progress, roll_up};
use corridor_core::portfolio::update::{Figure, Metric, NewUpdate, Reported, disagree};
use corridor_core::portfolio::view::{
    FigureGroup, ProgressView, ProjectDetail, ReportedView, RiskView, UpdateView,
};
use corridor_core::view::Ref;
use corridor_core::{Actor, Viewer};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

impl Named for UpdateView {
    fn refs(&mut self) -> Vec<(Table, &mut Ref)> {
        let mut r = vec![(Table::Parties, &mut self.access.owner_party)];
        r.extend(
            self.organisation
                .as_mut()
                .map(|o| (Table::Organisations, o)),
        );
        r
    }
}

impl Named for RiskView {
    fn refs(&mut self) -> Vec<(Table, &mut Ref)> {
        let mut r = vec![(Table::Parties, &mut self.access.owner_party)];
        r.extend(
            self.owner_organisation
                .as_mut()
                .map(|o| (Table::Organisations, o)),
        );
        r
    }
}

impl Named for FigureGroup {
    fn refs(&mut self) -> Vec<(Table, &mut Ref)> {
        self.reported
            .iter_mut()
            .filter_map(|r| r.organisation.as_mut().map(|o| (Table::Organisations, o)))
            .collect()
    }
}

fn figures_of(raw: &str) -> Vec<Figure> {
    serde_json::from_str(raw).unwrap_or_default()
}

impl Store {
    /// Records a progress update. Either side may report on a project it can see; the update reaches whom the
    /// project reaches, and belongs to the reporting side.
    #[crate::boxed]
    pub async fn add_update(
        &self,
        actor: &Actor,
        project_id: &str,
        id: UpdateId,
        new: &NewUpdate,
    ) -> Result<UpdateView, StoreError> {
        let mut tx = self.write(actor).await?;
        let viewer = actor.viewer();
        let p =
            require_visible::<project::Entity>(&tx.txn, &viewer, project_id, "project_id").await?;
        if let Some(o) = new.organisation_id {
            require_visible::<organisation::Entity>(
                &tx.txn,
                &viewer,
                &o.to_string(),
                "organisation_id",
            )
            .await?;
        }
        let owner = user_owner(actor)?;
        let now = corridor_core::now();
        let row = progress_update::ActiveModel {
            id: Set(id.to_string()),
            project_id: Set(p.id.clone()),
            reported_on: Set(new.reported_on),
            organisation_id: Set(new.organisation_id.map(|o| o.to_string())),
            narrative: Set(new.narrative.clone()),
            translations: Set(new.narrative_translations.to_json()),
            figures: Set(serde_json::to_string(&new.figures).unwrap_or_else(|_| "[]".into())),
            owner_party_id: Set(owner.party),
            owner_organisation_id: Set(owner.organisation),
            visibility: Set(p.visibility.clone()),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        };
        let written = progress_update::Entity::insert(row)
            .exec_with_returning(&tx.txn)
            .await?;
        inherit_project(&tx, &p, (progress_update::Entity::ENTITY, &written.id)).await?;
        let model = tx
            .log::<progress_update::Entity>(written, "reported")
            .await?;
        tx.commit().await?;
        self.update_views(&viewer, vec![model])
            .await
            .map(|mut v| v.remove(0))
    }

    /// Records a risk or issue of a project the actor's side owns.
    #[crate::boxed]
    pub async fn add_risk(
        &self,
        actor: &Actor,
        project_id: &str,
        id: RiskId,
        new: &NewRisk,
    ) -> Result<RiskView, StoreError> {
        let mut tx = self.write(actor).await?;
        let p = editable::<project::Entity>(&tx, project_id).await?;
        if let Some(o) = new.owner_organisation_id {
            require_visible::<organisation::Entity>(
                &tx.txn,
                &actor.viewer(),
                &o.to_string(),
                "owner_organisation_id",
            )
            .await?;
        }
        let now = corridor_core::now();
        let row = risk::ActiveModel {
            id: Set(id.to_string()),
            project_id: Set(p.id.clone()),
            title: Set(new.title.clone()),
            severity: Set(new.severity.as_str().to_owned()),
            owner_org_id: Set(new.owner_organisation_id.map(|o| o.to_string())),
            mitigation: Set(new.mitigation.clone()),
            status: Set(new.status.as_str().to_owned()),
            owner_party_id: Set(p.owner_party_id.clone()),
            owner_organisation_id: Set(p.owner_organisation_id.clone()),
            visibility: Set(p.visibility.clone()),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        };
        let written = risk::Entity::insert(row)
            .exec_with_returning(&tx.txn)
            .await?;
        inherit_project(&tx, &p, (risk::Entity::ENTITY, &written.id)).await?;
        let model = tx.log::<risk::Entity>(written, "recorded").await?;
        tx.commit().await?;
        self.risk_views(&actor.viewer(), vec![model])
            .await
            .map(|mut v| v.remove(0))
    }

    /// Changes a risk: its severity, mitigation, status.
    #[crate::boxed]
    pub async fn update_risk(
        &self,
        actor: &Actor,
        id: &str,
        new: &NewRisk,
    ) -> Result<RiskView, StoreError> {
        let mut tx = self.write(actor).await?;
        let current = editable::<risk::Entity>(&tx, id).await?;
        if let Some(o) = new.owner_organisation_id {
            require_visible::<organisation::Entity>(
                &tx.txn,
                &actor.viewer(),
                &o.to_string(),
                "owner_organisation_id",
            )
            .await?;
        }
        let version = current.version + 1;
        let mut row: risk::ActiveModel = current.into();
        row.title = Set(new.title.clone());
        row.severity = Set(new.severity.as_str().to_owned());
        row.owner_org_id = Set(new.owner_organisation_id.map(|o| o.to_string()));
        row.mitigation = Set(new.mitigation.clone());
        row.status = Set(new.status.as_str().to_owned());
        row.version = Set(version);
        row.updated_at = Set(corridor_core::now());
        let written = row.update(&tx.txn).await?;
        let model = tx.log::<risk::Entity>(written, "updated").await?;
        tx.commit().await?;
        self.risk_views(&actor.viewer(), vec![model])
            .await
            .map(|mut v| v.remove(0))
    }

    /// Everything about a project the viewer may see: milestones with the formula, parts with the roll-up,
    /// updates, figures by metric with every source, finance with its totals, risks.
    #[crate::boxed]
    pub async fn project_detail(
        &self,
        viewer: &Viewer,
        id: &str,
    ) -> Result<ProjectDetail, StoreError> {
        let row = self.project_row(viewer, id).await?;
        let milestones = self.project_milestones(viewer, &row).await?;
        let all = self
            .milestones_of(viewer, vec![row.id.clone()])
            .await?
            .remove(&row.id)
            .unwrap_or_default();
        let p = progress(&super::facts(&all), &super::weights_of(&row));
        let parts = self
            .projects(
                viewer,
                &super::ProjectFilter {
                    parent_id: Some(row.id.clone()),
                    ..Default::default()
                },
                &crate::Page::first(500),
            )
            .await?
            .items;
        let rolled = if parts.is_empty() {
            None
        } else {
            roll_up(&parts.iter().map(|x| x.progress).collect::<Vec<_>>())
        };
        let updates = self.project_updates(viewer, &row.id).await?;
        let figures = self.figure_groups(viewer, &updates).await?;
        let finance = self.project_finance(viewer, &row.id).await?;
        let totals = super::finance_totals(&finance);
        let risks = risk::Entity::find()
            .filter(risk::Column::ProjectId.eq(row.id.as_str()))
            .filter(visible(viewer, "risks", "risk"))
            .order_by_asc(risk::Column::CreatedAt)
            .all(&self.db)
            .await?;
        let risks = self.risk_views(viewer, risks).await?;
        let project = self.project_views(viewer, vec![row]).await?.remove(0);
        Ok(ProjectDetail {
            progress: ProgressView {
                percent: p.percent,
                weighted: p.weighted,
                formula: FORMULA.to_owned(),
                roll_up: rolled,
                roll_up_formula: (!parts.is_empty()).then(|| ROLL_UP.to_owned()),
            },
            project,
            milestones,
            parts,
            updates,
            figures,
            finance,
            totals,
            risks,
        })
    }

    /// A project's updates the viewer may see, newest first.
    pub(crate) async fn project_updates(
        &self,
        viewer: &Viewer,
        project_id: &str,
    ) -> Result<Vec<UpdateView>, StoreError> {
        let rows = progress_update::Entity::find()
            .filter(progress_update::Column::ProjectId.eq(project_id))
            .filter(visible(viewer, "progress_updates", "progress_update"))
            .order_by_desc(progress_update::Column::ReportedOn)
            .order_by_desc(progress_update::Column::Id)
            .all(&self.db)
            .await?;
        self.update_views(viewer, rows).await
    }

    async fn figure_groups(
        &self,
        viewer: &Viewer,
        updates: &[UpdateView],
    ) -> Result<Vec<FigureGroup>, StoreError> {
        let mut groups = Vec::new();
        for metric in Metric::ALL {
            let mut reported = Vec::new();
            let mut facts = Vec::new();
            for u in updates {
                for f in u.figures.iter().filter(|f| f.metric == *metric) {
                    reported.push(ReportedView {
                        value: f.value,
                        unit: f.unit.clone(),
                        source: f.source.clone(),
                        reported_on: u.reported_on.clone(),
                        organisation: u.organisation.as_ref().map(|o| unnamed(&o.id)),
                    });
                    if let Ok(on) = corridor_core::dates::parse_date(&u.reported_on) {
                        facts.push(Reported {
                            figure: f.clone(),
                            on,
                        });
                    }
                }
            }
            if !reported.is_empty() {
                groups.push(FigureGroup {
                    metric: metric.as_str().to_owned(),
                    disagree: disagree(&facts),
                    reported,
                });
            }
        }
        self.fill_names(viewer, &mut groups).await?;
        Ok(groups)
    }

    async fn update_views(
        &self,
        viewer: &Viewer,
        rows: Vec<progress_update::Model>,
    ) -> Result<Vec<UpdateView>, StoreError> {
        let mut views = Vec::with_capacity(rows.len());
        for m in rows {
            let access = access_view::<progress_update::Entity>(
                &self.db,
                viewer,
                &m,
                m.version,
                m.created_at,
                m.updated_at,
            )
            .await?;
            let tr = Translations::from_json(&m.translations);
            views.push(UpdateView {
                reported_on: corridor_core::dates::format_date(m.reported_on),
                organisation: m.organisation_id.as_deref().map(unnamed),
                figures: figures_of(&m.figures),
                narrative_zh: tr.zh,
                narrative_ur: tr.ur,
                id: m.id,
                project_id: m.project_id,
                narrative: m.narrative,
                access,
            });
        }
        self.fill_names(viewer, &mut views).await?;
        Ok(views)
    }

    pub(crate) async fn risk_views(
        &self,
        viewer: &Viewer,
        rows: Vec<risk::Model>,
    ) -> Result<Vec<RiskView>, StoreError> {
        let mut views = Vec::with_capacity(rows.len());
        for m in rows {
            let access = access_view::<risk::Entity>(
                &self.db,
                viewer,
                &m,
                m.version,
                m.created_at,
                m.updated_at,
            )
            .await?;
            views.push(RiskView {
                owner_organisation: m.owner_org_id.as_deref().map(unnamed),
                id: m.id,
                project_id: m.project_id,
                title: m.title,
                severity: m.severity,
                mitigation: m.mitigation,
                status: m.status,
                access,
            });
        }
        self.fill_names(viewer, &mut views).await?;
        Ok(views)
    }
}
