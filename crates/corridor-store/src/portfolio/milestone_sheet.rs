//! Milestones from a spreadsheet (`sheets.rs` does the checking and the one transaction): a milestone is
//! matched by its id, a row without one adds a milestone to the project its `project_id` names.

use super::milestones::{add_milestone_in, update_milestone_in};
use crate::audit::WriteTx;
use crate::directory::editable;
use crate::entity::{milestone, project};
use crate::sheets::{SheetKind, label};
use crate::{Store, StoreError};
use corridor_core::ids::MilestoneId;
use corridor_core::language::{Language, Translations};
use corridor_core::portfolio::milestone::{MilestoneInput, NewMilestone};
use corridor_core::portfolio::milestone_sheet::{MilestoneRow, apply, changes};
use corridor_core::sheet::{ImportReport, SheetRow};
use corridor_core::{Actor, ValidationErrors};

struct Milestones;

/// A validated row: the project it goes to and the milestone.
struct NewRow {
    project_id: String,
    milestone: NewMilestone,
}

/// The project a new milestone goes to, when the actor may add to it.
async fn project_of(tx: &WriteTx, id: &str) -> Result<project::Model, StoreError> {
    match editable::<project::Entity>(tx, id).await {
        Err(StoreError::NotFound { .. } | StoreError::Forbidden(_)) => Err(StoreError::invalid(
            "project_id",
            "there is no project with this id to which you may add milestones",
        )),
        other => other,
    }
}

impl SheetKind for Milestones {
    type Entity = milestone::Entity;
    type Input = MilestoneRow;
    type New = NewRow;
    const NOUN: &'static str = "milestone";

    fn blank() -> MilestoneRow {
        MilestoneRow {
            project_id: None,
            input: MilestoneInput {
                status: Some("scheduled".into()),
                ..Default::default()
            },
        }
    }

    fn apply(before: MilestoneRow, row: &SheetRow) -> MilestoneRow {
        apply(before, row)
    }

    fn changes(before: &MilestoneRow, after: &MilestoneRow) -> Vec<(String, String, String)> {
        changes(before, after)
    }

    fn validate(input: &MilestoneRow) -> Result<NewRow, ValidationErrors> {
        let project = input
            .project_id
            .clone()
            .filter(|p| !p.trim().is_empty())
            .ok_or_else(|| {
                ValidationErrors(vec![corridor_core::FieldError::new(
                    "project_id",
                    "is required",
                )])
            });
        let milestone = NewMilestone::parse(&input.input, corridor_core::now().date());
        match (project, milestone) {
            (Ok(project_id), Ok(milestone)) => Ok(NewRow {
                project_id,
                milestone,
            }),
            (p, m) => Err(ValidationErrors(
                p.err()
                    .into_iter()
                    .chain(m.err())
                    .flat_map(|e| e.0)
                    .collect(),
            )),
        }
    }

    fn label(new: &NewRow) -> String {
        label(&new.milestone.title)
    }

    fn version(m: &milestone::Model) -> i64 {
        m.version
    }

    async fn input_of(_: &WriteTx, m: &milestone::Model) -> Result<MilestoneRow, StoreError> {
        let tr = Translations::from_json(&m.translations);
        let date = |d: Option<time::Date>| d.map(corridor_core::dates::format_date);
        Ok(MilestoneRow {
            project_id: Some(m.project_id.clone()),
            input: MilestoneInput {
                title: Some(m.title.clone()),
                title_zh: tr.get(Language::Zh).map(str::to_owned),
                title_ur: tr.get(Language::Ur).map(str::to_owned),
                kind: Some(m.kind.clone()),
                planned_on: date(m.planned_on),
                forecast_on: date(m.forecast_on),
                actual_on: date(m.actual_on),
                status: Some(m.status.clone()),
                version: Some(m.version),
            },
        })
    }

    async fn check(
        tx: &mut WriteTx,
        new: &NewRow,
        current: Option<&milestone::Model>,
    ) -> Result<(), StoreError> {
        match current {
            Some(m) if m.project_id != new.project_id => Err(StoreError::invalid(
                "project_id",
                "a milestone stays with its project",
            )),
            Some(_) => Ok(()),
            None => project_of(tx, &new.project_id).await.map(|_| ()),
        }
    }

    async fn create(tx: &mut WriteTx, new: &NewRow) -> Result<milestone::Model, StoreError> {
        let p = project_of(tx, &new.project_id).await?;
        add_milestone_in(tx, &p, MilestoneId::new(), &new.milestone).await
    }

    async fn update(
        tx: &mut WriteTx,
        current: milestone::Model,
        new: &NewRow,
    ) -> Result<milestone::Model, StoreError> {
        update_milestone_in(tx, current, &new.milestone).await
    }
}

impl Store {
    /// Checks `rows` of a milestones sheet and, when `apply` and no row is rejected, makes every change in
    /// one transaction.
    #[crate::boxed]
    pub async fn import_milestones(
        &self,
        actor: &Actor,
        rows: &[SheetRow],
        apply: bool,
    ) -> Result<ImportReport, StoreError> {
        self.import_sheet::<Milestones>(actor, rows, apply).await
    }
}
