//! Importing the register from a spreadsheet: every row is checked first (the record it names, the version
//! it was exported at, the values, the references); only when no row is rejected, and only when asked, are
//! the changes made, all in one transaction with one event per record, so the history shows exactly them.

use super::register::{check_references, insert_outcome, update_outcome_in};
use crate::audit::WriteTx;
use crate::directory::editable;
use crate::entity::{meeting, register_item};
use crate::{Store, StoreError};
use corridor_core::ids::RegisterItemId;
use corridor_core::language::{Language, Translations};
use corridor_core::meeting::NewOutcome;
use corridor_core::meeting::register::OutcomeInput;
use corridor_core::meeting::register_sheet::{apply, changes};
use corridor_core::sheet::{ImportReport, RowChange, RowProblem, SheetRow};
use corridor_core::{Actor, Viewer};

/// A change that passed every check, waiting for the word to make it.
enum Planned {
    Create(meeting::Model, RegisterItemId, NewOutcome),
    Update(register_item::Model, NewOutcome),
}

fn problem(row: usize, column: &str, message: impl Into<String>) -> RowProblem {
    RowProblem {
        row,
        column: Some(column.to_owned()),
        message: message.into(),
    }
}

/// Each field problem of a store error as a problem of `row`; `None` when the error is not about input.
fn problems_of(row: usize, e: StoreError) -> Result<Vec<RowProblem>, StoreError> {
    match e {
        StoreError::Invalid(errors) => Ok(errors
            .0
            .into_iter()
            .map(|f| problem(row, &f.field, f.message))
            .collect()),
        StoreError::Conflict { field, message } => Ok(vec![problem(
            row,
            field.as_deref().unwrap_or("id"),
            message,
        )]),
        StoreError::Forbidden(m) => Ok(vec![problem(row, "id", m)]),
        StoreError::NotFound { entity } => Ok(vec![problem(
            row,
            "id",
            format!(
                "there is no {} with this id that you may change",
                entity.replace('_', " ")
            ),
        )]),
        other => Err(other),
    }
}

/// The input an outcome's stored row would give, so a row changes only what it names.
async fn input_of(tx: &WriteTx, m: &register_item::Model) -> Result<OutcomeInput, StoreError> {
    let tr = Translations::from_json(&m.translations);
    Ok(OutcomeInput {
        meeting_id: Some(m.meeting_id.clone()),
        agenda_item_id: m.agenda_item_id.clone(),
        kind: Some(m.kind.clone()),
        text: Some(m.text.clone()),
        text_zh: tr.get(Language::Zh).map(str::to_owned),
        text_ur: tr.get(Language::Ur).map(str::to_owned),
        lead_organisation_ids: super::parse_json_ids(&m.lead_organisation_ids),
        due_on: m.due_on.map(corridor_core::dates::format_date),
        links: serde_json::from_str(&m.links).unwrap_or_default(),
        status: Some(m.status.clone()),
        visibility: Some(m.visibility.clone()),
        restricted_to: crate::access::restricted_to(&tx.txn, "register_item", &m.id).await?,
        version: Some(m.version),
    })
}

/// A short name for a report line.
fn label(text: &str) -> String {
    let mut l: String = text.chars().take(80).collect();
    if l.len() < text.len() {
        l.push('…');
    }
    l
}

impl Store {
    /// Checks `rows` of a register sheet against the register and, when `apply` and no row is rejected,
    /// makes every change in one transaction. The report lists what was (or would be) created and changed,
    /// field by field, and every problem by row and column.
    pub async fn import_register(
        &self,
        actor: &Actor,
        rows: &[SheetRow],
        apply: bool,
    ) -> Result<ImportReport, StoreError> {
        let mut tx = self.write(actor).await?;
        let planned = plan(&mut tx, &actor.viewer(), rows).await;
        let (mut report, planned) = match planned {
            Ok(p) => p,
            Err(e) => {
                tx.rollback().await?;
                return Err(e);
            }
        };
        if !apply || !report.rejected.is_empty() {
            tx.rollback().await?;
            return Ok(report);
        }
        let viewer = actor.viewer();
        for (row, change) in planned {
            let done = match change {
                Planned::Create(m, id, new) => insert_outcome(&mut tx, &viewer, &m, id, &new).await,
                Planned::Update(current, new) => {
                    update_outcome_in(&mut tx, &viewer, current, &new).await
                }
            };
            if let Err(e) = done {
                let problems = problems_of(row, e);
                tx.rollback().await?;
                report.rejected = problems?;
                return Ok(report);
            }
        }
        tx.commit().await?;
        report.applied = true;
        Ok(report)
    }
}

/// Checks every row and returns the report with the changes it would make.
async fn plan(
    tx: &mut WriteTx,
    viewer: &Viewer,
    rows: &[SheetRow],
) -> Result<(ImportReport, Vec<(usize, Planned)>), StoreError> {
    let mut report = ImportReport::default();
    let mut planned = Vec::new();
    for row in rows {
        let current = match &row.id {
            Some(id) => match editable::<register_item::Entity>(tx, id).await {
                Ok(m) => Some(m),
                Err(e) => {
                    report.rejected.extend(problems_of(row.row, e)?);
                    continue;
                }
            },
            None => None,
        };
        let before = match &current {
            Some(m) => input_of(tx, m).await?,
            None => OutcomeInput {
                status: Some("open".into()),
                visibility: Some("shared".into()),
                ..Default::default()
            },
        };
        if let Some(p) = current.as_ref().and_then(|m| stale(row, m)) {
            report.rejected.push(p);
            continue;
        }
        let after = apply(before.clone(), row);
        let new = match NewOutcome::try_from(&after) {
            Ok(n) => n,
            Err(errors) => {
                report.rejected.extend(problems_of(row.row, errors.into())?);
                continue;
            }
        };
        let fields = changes(&before, &after);
        if current.is_some() && fields.is_empty() {
            report.unchanged += 1;
            continue;
        }
        if let Err(e) = check_references(&tx.txn, viewer, &new).await {
            report.rejected.extend(problems_of(row.row, e)?);
            continue;
        }
        let text = label(&new.text);
        match current {
            Some(m) => {
                if m.meeting_id != new.meeting_id.to_string() {
                    report.rejected.push(problem(
                        row.row,
                        "meeting_id",
                        "an outcome stays with the meeting that produced it",
                    ));
                    continue;
                }
                report.changed.push(RowChange {
                    row: row.row,
                    id: m.id.clone(),
                    label: text,
                    fields,
                });
                planned.push((row.row, Planned::Update(m, new)));
            }
            None => {
                let Some(meeting) = meeting_of(tx, &new).await? else {
                    report.rejected.push(problem(
                        row.row,
                        "meeting_id",
                        "there is no meeting with this id to which you may add outcomes",
                    ));
                    continue;
                };
                let id = RegisterItemId::new();
                report.created.push(RowChange {
                    row: row.row,
                    id: id.to_string(),
                    label: text,
                    fields: fields
                        .into_iter()
                        .filter(|(_, _, after)| !after.is_empty())
                        .map(|(c, _, after)| (c, String::new(), after))
                        .collect(),
                });
                planned.push((row.row, Planned::Create(meeting, id, new)));
            }
        }
    }
    Ok((report, planned))
}

/// A problem when the row was exported at another version than the outcome's.
fn stale(row: &SheetRow, m: &register_item::Model) -> Option<RowProblem> {
    if row.version == Some(m.version) {
        return None;
    }
    let said = row
        .version
        .map_or_else(|| "none".to_owned(), |v| v.to_string());
    Some(problem(
        row.row,
        "version",
        format!(
            "the outcome has changed since the sheet was exported (version {} now, {said} in the sheet); \
             export again and redo the change",
            m.version
        ),
    ))
}

/// The meeting a new outcome goes to, when the actor may add to it.
async fn meeting_of(tx: &WriteTx, new: &NewOutcome) -> Result<Option<meeting::Model>, StoreError> {
    match editable::<meeting::Entity>(tx, &new.meeting_id.to_string()).await {
        Ok(m) => Ok(Some(m)),
        Err(StoreError::NotFound { .. } | StoreError::Forbidden(_)) => Ok(None),
        Err(e) => Err(e),
    }
}
