//! The portfolio: projects with their lead organisations, parent, instrument and progress. Milestones and their
//! weights live in `milestones.rs`; updates, finance and risks in `records.rs`; the progress review pack for a
//! meeting in `review.rs`; the portfolio as IATI activities in `iati.rs`.

mod finance;
mod iati;
mod iati_import;
pub use iati::IatiPortfolio;
pub use iati_import::{IatiImport, Imported};
mod milestone_sheet;
mod milestones;
mod records;
pub use finance::finance_totals;
mod review;

use crate::access::{Audited, visible};
use crate::audit::WriteTx;
use crate::directory::{
    Named, Table, access_view, check_version, editable, parse_id, require_visible, store_access,
    unnamed,
};
use crate::entity::{instrument, milestone, organisation, project};
use crate::meeting::{json_ids, parse_json_ids, user_owner};
use crate::page::{by_name, finish, name_cursor};
use crate::{Page, Paged, Store, StoreError};
use corridor_core::ids::{MilestoneId, ProjectId};
use corridor_core::language::Translations;
use corridor_core::portfolio::milestone::{MilestoneFact, MilestoneStatus, next_due, progress};
use corridor_core::portfolio::view::ProjectView;
use corridor_core::portfolio::{NewProject, ProjectKind, ProjectStatus};
use corridor_core::view::Ref;
use corridor_core::{Actor, Viewer};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use std::collections::BTreeMap;

impl Named for ProjectView {
    fn refs(&mut self) -> Vec<(Table, &mut Ref)> {
        let mut r = vec![(Table::Parties, &mut self.access.owner_party)];
        r.extend(
            self.lead_organisations
                .iter_mut()
                .map(|o| (Table::Organisations, o)),
        );
        r.extend(self.parent.as_mut().map(|p| (Table::Projects, p)));
        r.extend(self.instrument.as_mut().map(|i| (Table::Instruments, i)));
        r
    }
}

/// Which projects a list shows.
#[derive(Clone, Debug, Default)]
pub struct ProjectFilter {
    /// Of this kind.
    pub kind: Option<ProjectKind>,
    /// At this status.
    pub status: Option<ProjectStatus>,
    /// In this province.
    pub province: Option<String>,
    /// Parts of this project.
    pub parent_id: Option<String>,
}

/// Lead organisations, parent and instrument must be visible to the writer; a project cannot be its own
/// ancestor.
async fn check_references(
    conn: &impl ConnectionTrait,
    viewer: &Viewer,
    new: &NewProject,
    id: &str,
) -> Result<(), StoreError> {
    for o in &new.lead_organisation_ids {
        require_visible::<organisation::Entity>(
            conn,
            viewer,
            &o.to_string(),
            "lead_organisation_ids",
        )
        .await?;
    }
    if let Some(i) = new.instrument_id {
        require_visible::<instrument::Entity>(conn, viewer, &i.to_string(), "instrument_id")
            .await?;
    }
    let mut next = new.parent_id.map(|p| p.to_string());
    let mut depth = 0;
    while let Some(p) = next {
        if p == id {
            return Err(StoreError::invalid(
                "parent_id",
                "a project cannot be a part of itself or of its own parts",
            ));
        }
        let parent = require_visible::<project::Entity>(conn, viewer, &p, "parent_id").await?;
        next = parent.parent_id;
        depth += 1;
        if depth > 20 {
            return Err(StoreError::invalid(
                "parent_id",
                "projects nest at most 20 deep",
            ));
        }
    }
    Ok(())
}

fn fill(row: &mut project::ActiveModel, new: &NewProject) {
    row.kind = Set(new.kind.as_str().to_owned());
    row.name = Set(new.name.clone());
    row.translations = Set(new.name_translations.to_json());
    row.sector = Set(new.sector.clone());
    row.province = Set(new.province.clone());
    row.latitude = Set(new.location.map(|l| l.0));
    row.longitude = Set(new.location.map(|l| l.1));
    row.area = Set(new.area.map(|a| a.0));
    row.area_unit = Set(new.area.map(|a| a.1.as_str().to_owned()));
    row.lead_organisation_ids = Set(json_ids(&new.lead_organisation_ids));
    row.developer = Set(new.developer.clone());
    row.parent_id = Set(new.parent_id.map(|p| p.to_string()));
    row.instrument_id = Set(new.instrument_id.map(|i| i.to_string()));
    row.status = Set(new.status.as_str().to_owned());
    row.stalled_reason = Set(new.stalled_reason.clone());
    row.planned_start = Set(new.dates.planned_start);
    row.planned_end = Set(new.dates.planned_end);
    row.actual_start = Set(new.dates.actual_start);
    row.actual_end = Set(new.dates.actual_end);
    row.visibility = Set(new.access.visibility.to_string());
}

/// The weights set on a project, by milestone.
pub(crate) fn weights_of(m: &project::Model) -> BTreeMap<MilestoneId, u32> {
    serde_json::from_str::<BTreeMap<String, u32>>(&m.milestone_weights)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|(k, v)| Some((k.parse().ok()?, v)))
        .collect()
}

pub(crate) fn facts(rows: &[milestone::Model]) -> Vec<MilestoneFact> {
    rows.iter()
        .filter_map(|m| {
            Some(MilestoneFact {
                id: m.id.parse().ok()?,
                status: m.status.parse().unwrap_or(MilestoneStatus::Scheduled),
            })
        })
        .collect()
}

/// Records a project of the actor's side inside a transaction. Used by `create_project` and the IATI import.
pub(crate) async fn create_project_in(
    tx: &mut WriteTx,
    id: ProjectId,
    new: &NewProject,
) -> Result<project::Model, StoreError> {
    let actor = tx.actor().clone();
    check_references(&tx.txn, &actor.viewer(), new, &id.to_string()).await?;
    let owner = user_owner(&actor)?;
    let now = corridor_core::now();
    let mut row = project::ActiveModel {
        id: Set(id.to_string()),
        milestone_weights: Set("{}".into()),
        owner_party_id: Set(owner.party),
        owner_organisation_id: Set(owner.organisation),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    fill(&mut row, new);
    let written = project::Entity::insert(row)
        .exec_with_returning(&tx.txn)
        .await?;
    store_access(
        tx,
        project::Entity::ENTITY,
        &id.to_string(),
        &new.access,
        false,
    )
    .await?;
    tx.log::<project::Entity>(written, "created").await
}

/// Changes project `current` inside a transaction. Used by `update_project` and the IATI import.
pub(crate) async fn update_project_in(
    tx: &mut WriteTx,
    current: project::Model,
    new: &NewProject,
) -> Result<project::Model, StoreError> {
    let actor = tx.actor().clone();
    let id = current.id.clone();
    let id = id.as_str();
    check_version("project", new.expected_version, current.version)?;
    check_references(&tx.txn, &actor.viewer(), new, id).await?;
    let (version, was_restricted) = (current.version + 1, current.visibility == "restricted");
    let mut row: project::ActiveModel = current.into();
    fill(&mut row, new);
    row.version = Set(version);
    row.updated_at = Set(corridor_core::now());
    let written = row.update(&tx.txn).await?;
    store_access(tx, project::Entity::ENTITY, id, &new.access, was_restricted).await?;
    tx.log::<project::Entity>(written, "updated").await
}

impl Store {
    /// Records a project; the writer's side owns it.
    #[crate::boxed]
    pub async fn create_project(
        &self,
        actor: &Actor,
        id: ProjectId,
        new: &NewProject,
    ) -> Result<ProjectView, StoreError> {
        let mut tx = self.write(actor).await?;
        let model = create_project_in(&mut tx, id, new).await?;
        tx.commit().await?;
        self.project_views(&actor.viewer(), vec![model])
            .await
            .map(|mut v| v.remove(0))
    }

    /// Changes a project's particulars (its owner side).
    #[crate::boxed]
    pub async fn update_project(
        &self,
        actor: &Actor,
        id: &str,
        new: &NewProject,
    ) -> Result<ProjectView, StoreError> {
        let mut tx = self.write(actor).await?;
        let current = editable::<project::Entity>(&tx, id).await?;
        let model = update_project_in(&mut tx, current, new).await?;
        tx.commit().await?;
        self.project_views(&actor.viewer(), vec![model])
            .await
            .map(|mut v| v.remove(0))
    }

    /// One project.
    #[crate::boxed]
    pub async fn project(&self, viewer: &Viewer, id: &str) -> Result<ProjectView, StoreError> {
        let model = self.project_row(viewer, id).await?;
        self.project_views(viewer, vec![model])
            .await
            .map(|mut v| v.remove(0))
    }

    pub(crate) async fn project_row(
        &self,
        viewer: &Viewer,
        id: &str,
    ) -> Result<project::Model, StoreError> {
        let id: ProjectId = parse_id("project", id)?;
        project::Entity::find_visible(viewer, &id.to_string())
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound { entity: "project" })
    }

    /// The projects the viewer may see, by name.
    #[crate::boxed]
    pub async fn projects(
        &self,
        viewer: &Viewer,
        f: &ProjectFilter,
        page: &Page,
    ) -> Result<Paged<ProjectView>, StoreError> {
        use project::Column as C;
        let mut q = project::Entity::find().filter(visible(viewer, "projects", "project"));
        if let Some(k) = f.kind {
            q = q.filter(C::Kind.eq(k.as_str()));
        }
        if let Some(s) = f.status {
            q = q.filter(C::Status.eq(s.as_str()));
        }
        if let Some(p) = &f.province {
            q = q.filter(C::Province.eq(p.as_str()));
        }
        if let Some(p) = &f.parent_id {
            q = q.filter(C::ParentId.eq(p.as_str()));
        }
        let size = page.size();
        let rows = by_name(q, C::Name, C::Id, page).all(&self.db).await?;
        let paged = finish(
            rows,
            size,
            |m: &project::Model| name_cursor(&m.name, &m.id),
            |m| m,
        );
        Ok(Paged {
            items: self.project_views(viewer, paged.items).await?,
            next: paged.next,
        })
    }

    /// The milestones of these projects the viewer may see, by project.
    pub(crate) async fn milestones_of(
        &self,
        viewer: &Viewer,
        project_ids: Vec<String>,
    ) -> Result<BTreeMap<String, Vec<milestone::Model>>, StoreError> {
        let mut out: BTreeMap<String, Vec<milestone::Model>> = BTreeMap::new();
        for chunk in project_ids.chunks(500) {
            let rows = milestone::Entity::find()
                .filter(milestone::Column::ProjectId.is_in(chunk.to_vec()))
                .filter(visible(viewer, "milestones", "milestone"))
                .all(&self.db)
                .await?;
            for m in rows {
                out.entry(m.project_id.clone()).or_default().push(m);
            }
        }
        for list in out.values_mut() {
            list.sort_by_key(|m| (m.planned_on.or(m.forecast_on), m.id.clone()));
        }
        Ok(out)
    }

    pub(crate) async fn project_views(
        &self,
        viewer: &Viewer,
        rows: Vec<project::Model>,
    ) -> Result<Vec<ProjectView>, StoreError> {
        let milestones = self
            .milestones_of(viewer, rows.iter().map(|m| m.id.clone()).collect())
            .await?;
        let mut views = Vec::with_capacity(rows.len());
        for m in rows {
            let access = access_view::<project::Entity>(
                &self.db,
                viewer,
                &m,
                m.version,
                m.created_at,
                m.updated_at,
            )
            .await?;
            let own = milestones.get(&m.id).map(Vec::as_slice).unwrap_or_default();
            let p = progress(&facts(own), &weights_of(&m));
            let next = next_due(
                own,
                |x| x.status.parse().unwrap_or(MilestoneStatus::Scheduled),
                |x| x.forecast_on.or(x.planned_on),
            )
            .map(|x| match x.forecast_on.or(x.planned_on) {
                Some(d) => format!("{} ({})", x.title, corridor_core::dates::format_date(d)),
                None => x.title.clone(),
            });
            let tr = Translations::from_json(&m.translations);
            let date = |d: Option<time::Date>| d.map(corridor_core::dates::format_date);
            views.push(ProjectView {
                lead_organisations: parse_json_ids(&m.lead_organisation_ids)
                    .iter()
                    .map(|o| unnamed(o))
                    .collect(),
                parent: m.parent_id.as_deref().map(unnamed),
                instrument: m.instrument_id.as_deref().map(unnamed),
                planned_start: date(m.planned_start),
                planned_end: date(m.planned_end),
                actual_start: date(m.actual_start),
                actual_end: date(m.actual_end),
                stalled: m.stalled_reason.is_some(),
                progress: p.percent,
                next_milestone: next,
                name_zh: tr.zh,
                name_ur: tr.ur,
                id: m.id,
                kind: m.kind,
                name: m.name,
                sector: m.sector,
                province: m.province,
                latitude: m.latitude,
                longitude: m.longitude,
                area: m.area,
                area_unit: m.area_unit,
                developer: m.developer,
                status: m.status,
                stalled_reason: m.stalled_reason,
                access,
            });
        }
        self.fill_names(viewer, &mut views).await?;
        // A reference the viewer may not see is dropped rather than shown without a name.
        for v in &mut views {
            v.lead_organisations.retain(|o| o.name.is_some());
            if v.parent.as_ref().is_some_and(|p| p.name.is_none()) {
                v.parent = None;
            }
            if v.instrument.as_ref().is_some_and(|i| i.name.is_none()) {
                v.instrument = None;
            }
        }
        Ok(views)
    }
}
