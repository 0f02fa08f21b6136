//! Importing one IATI activity from another publisher's file as a project of the importer's side: created
//! the first time its identifier is seen, updated after. Its money becomes finance (each transaction once,
//! however often the file is imported); what has no field in Corridor is kept readable beside the project;
//! a field that does not validate is left out and said so. One transaction per activity.

use super::finance::add_finance_in;
use super::{create_project_in, update_project_in};
use crate::directory::editable;
use crate::entity::{iati_activity, project};
use crate::{Store, StoreError};
use corridor_core::Actor;
use corridor_core::iati::{Incoming, finance_kind_of, kept_aside, status_of};
use corridor_core::ids::{FinanceId, ProjectId};
use corridor_core::input::limit;
use corridor_core::portfolio::finance::{FinanceInput, NewFinance};
use corridor_core::portfolio::{NewProject, ProjectInput};
use sea_orm::{ActiveModelTrait, EntityTrait, Set};

/// How imported activities become projects.
#[derive(Clone, Debug)]
pub struct IatiImport {
    /// The project kind given to every activity.
    pub kind: String,
    /// Who may see the projects: `party` keeps them with the importer's side until shared.
    pub visibility: String,
    /// The file's name, kept with each activity.
    pub file: String,
}

/// What became of one activity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Imported {
    /// A new project.
    Created {
        /// Its id.
        project_id: String,
        /// Transactions recorded as finance.
        finance: usize,
    },
    /// An existing project, brought up to date.
    Updated {
        /// Its id.
        project_id: String,
        /// Transactions recorded as finance (those not recorded before).
        finance: usize,
    },
    /// Not imported, with why.
    Skipped(String),
}

/// The characters of `text` that fit a field of `max` characters.
fn cut(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

/// The project input an activity gives.
fn project_input(a: &Incoming, how: &IatiImport) -> ProjectInput {
    let date = |kind: &str| {
        a.dates
            .iter()
            .find(|(k, _)| k == kind)
            .map(|(_, d)| d.get(..10).unwrap_or(d).to_owned())
    };
    let status = a.status.as_deref().and_then(status_of);
    let developer = a
        .participants
        .iter()
        .find(|(role, name)| role == "4" && !name.is_empty())
        .map(|(_, n)| cut(n, limit::NAME));
    let zh = a.title.others.iter().find(|(l, _)| *l == "zh");
    let ur = a.title.others.iter().find(|(l, _)| *l == "ur");
    ProjectInput {
        kind: Some(how.kind.clone()),
        name: Some(cut(&a.title.en, limit::NAME)),
        name_zh: zh.map(|(_, t)| cut(t, limit::NAME)),
        name_ur: ur.map(|(_, t)| cut(t, limit::NAME)),
        sector: a.sector.as_ref().map(|(vocabulary, code, words)| {
            if words.is_empty() {
                let v = if vocabulary == "1" {
                    "DAC"
                } else {
                    vocabulary.as_str()
                };
                format!("{v} {code}")
            } else {
                cut(words, limit::NAME)
            }
        }),
        province: a
            .location
            .as_ref()
            .map(|l| cut(&l.0, limit::NAME))
            .filter(|p| !p.is_empty()),
        latitude: a.location.as_ref().map(|l| l.1.to_string()),
        longitude: a.location.as_ref().map(|l| l.2.to_string()),
        developer,
        status: status.map(|s| s.0.to_owned()),
        stalled: status.filter(|s| s.1).map(|_| "true".to_owned()),
        stalled_reason: status
            .filter(|s| s.1)
            .map(|_| "Suspended, as the IATI file says (activity status 6)".to_owned()),
        planned_start: date("1"),
        actual_start: date("2"),
        planned_end: date("3"),
        actual_end: date("4"),
        visibility: Some(how.visibility.clone()),
        ..Default::default()
    }
}

/// Clears the field an error names, so the rest of the activity can still be imported.
fn clear(input: &mut ProjectInput, field: &str) -> bool {
    let slot = match field {
        "name_zh" => &mut input.name_zh,
        "name_ur" => &mut input.name_ur,
        "sector" => &mut input.sector,
        "province" => &mut input.province,
        "latitude" => &mut input.latitude,
        "longitude" => &mut input.longitude,
        "developer" => &mut input.developer,
        "status" => &mut input.status,
        "planned_start" => &mut input.planned_start,
        "planned_end" => &mut input.planned_end,
        "actual_start" => &mut input.actual_start,
        "actual_end" => &mut input.actual_end,
        _ => return false,
    };
    slot.take().is_some()
}

/// The key that tells a transaction from the others of its activity.
fn key(t: &corridor_core::iati::IncomingTransaction) -> String {
    t.reference
        .clone()
        .unwrap_or_else(|| format!("{}|{}|{}|{}", t.kind, t.date, t.value.trim(), t.currency))
}

impl Store {
    /// Imports one activity for `actor`'s side in one transaction.
    #[crate::boxed]
    pub async fn import_iati_activity(
        &self,
        actor: &Actor,
        a: &Incoming,
        how: &IatiImport,
    ) -> Result<(Imported, Vec<String>), StoreError> {
        let mut problems: Vec<String> = a
            .problems
            .iter()
            .map(|(line, m)| format!("line {line}: {m}"))
            .collect();
        if a.identifier.trim().is_empty() {
            return Ok((
                Imported::Skipped("it has no iati-identifier".into()),
                problems,
            ));
        }
        if a.title.en.trim().is_empty() {
            return Ok((Imported::Skipped("it has no title".into()), problems));
        }
        let mut input = project_input(a, how);
        let new = loop {
            match NewProject::parse(&input, corridor_core::now().date()) {
                Ok(n) => break n,
                Err(errors) => {
                    let mut cleared = false;
                    for e in &errors.0 {
                        if clear(&mut input, &e.field) {
                            cleared = true;
                            problems.push(format!(
                                "line {}: {}: {} (left out)",
                                a.line, e.field, e.message
                            ));
                        }
                    }
                    if !cleared {
                        return Ok((Imported::Skipped(errors.to_string()), problems));
                    }
                }
            }
        };
        let mut tx = self.write(actor).await?;
        let result = self.import_in(&mut tx, a, how, new, &mut problems).await;
        match result {
            Ok(done) => {
                tx.commit().await?;
                Ok((done, problems))
            }
            Err(StoreError::Invalid(e)) => {
                tx.rollback().await?;
                Ok((Imported::Skipped(e.to_string()), problems))
            }
            // The identifier became a project this account may not change: another side imported it.
            Err(StoreError::NotFound { .. } | StoreError::Forbidden(_)) => {
                tx.rollback().await?;
                let why = "this identifier was imported before as a project your side may not change; \
                           ask the side that imported it to share the project";
                Ok((Imported::Skipped(why.into()), problems))
            }
            Err(e) => {
                tx.rollback().await?;
                Err(e)
            }
        }
    }

    async fn import_in(
        &self,
        tx: &mut crate::audit::WriteTx,
        a: &Incoming,
        how: &IatiImport,
        mut new: NewProject,
        problems: &mut Vec<String>,
    ) -> Result<Imported, StoreError> {
        let known = iati_activity::Entity::find_by_id(a.identifier.clone())
            .one(&tx.txn)
            .await?;
        let (project, seen) = match &known {
            Some(k) => {
                let current = editable::<project::Entity>(tx, &k.project_id).await?;
                new.expected_version = Some(current.version);
                let seen: Vec<String> = serde_json::from_str(&k.transactions).unwrap_or_default();
                (update_project_in(tx, current, &new).await?, seen)
            }
            None => (
                create_project_in(tx, ProjectId::new(), &new).await?,
                Vec::new(),
            ),
        };
        let mut keys = seen.clone();
        let mut unmapped = kept_aside(a);
        let mut recorded = 0;
        for t in &a.transactions {
            let Some(kind) = finance_kind_of(&t.kind) else {
                unmapped.push(format!(
                    "line {}: transaction of type {} on {}: {} {}",
                    t.line, t.kind, t.date, t.value, t.currency
                ));
                continue;
            };
            let k = key(t);
            if keys.contains(&k) {
                continue;
            }
            let input = FinanceInput {
                kind: Some(kind.into()),
                amount: Some(t.value.clone()),
                currency: Some(t.currency.clone()),
                dated_on: Some(t.date.get(..10).unwrap_or(&t.date).to_owned()),
                source: t.provider.as_ref().map(|p| cut(p, limit::NAME)),
                note: t.description.as_ref().map(|d| cut(d, limit::ADDRESS)),
                project_id: Some(project.id.clone()),
                instrument_id: None,
            };
            match NewFinance::try_from(&input) {
                Ok(f) => {
                    add_finance_in(tx, FinanceId::new(), &f).await?;
                    keys.push(k);
                    recorded += 1;
                }
                Err(e) => problems.push(format!("line {}: transaction not recorded: {e}", t.line)),
            }
        }
        let row = iati_activity::ActiveModel {
            identifier: Set(a.identifier.clone()),
            project_id: Set(project.id.clone()),
            unmapped: Set(unmapped.join("\n")),
            problems: Set(problems.join("\n")),
            transactions: Set(serde_json::to_string(&keys).unwrap_or_else(|_| "[]".into())),
            file: Set(cut(&how.file, limit::NAME)),
            imported_by: Set(tx.actor().log_name()),
            imported_at: Set(corridor_core::now()),
        };
        if known.is_some() {
            row.update(&tx.txn).await?;
            Ok(Imported::Updated {
                project_id: project.id,
                finance: recorded,
            })
        } else {
            row.insert(&tx.txn).await?;
            Ok(Imported::Created {
                project_id: project.id,
                finance: recorded,
            })
        }
    }

    /// Where a project came from, when it was imported from IATI and the viewer may see it.
    #[crate::boxed]
    pub async fn iati_source(
        &self,
        viewer: &corridor_core::Viewer,
        project_id: &str,
    ) -> Result<Option<iati_activity::Model>, StoreError> {
        use sea_orm::{ColumnTrait, QueryFilter};
        self.project_row(viewer, project_id).await?;
        Ok(iati_activity::Entity::find()
            .filter(iati_activity::Column::ProjectId.eq(project_id))
            .one(&self.db)
            .await?)
    }
}
