//! Importing records from a spreadsheet, for any kind of record that says how (`SheetKind`): every row is
//! checked first (the record it names and may change, the version it was exported at, the values, what it
//! refers to); only when no row is rejected, and only when asked, are the changes made, all in one
//! transaction through the same functions as a single edit, one event per record, so the history shows
//! exactly them.

use crate::access::Audited;
use crate::audit::WriteTx;
use crate::directory::editable;
use crate::{Store, StoreError};
use corridor_core::sheet::{ImportReport, RowChange, RowProblem, SheetRow};
use corridor_core::{Actor, ValidationErrors};
use sea_orm::EntityTrait;

/// The stored row of a kind.
pub(crate) type Model<K> = <<K as SheetKind>::Entity as EntityTrait>::Model;

/// How a kind of record comes in from a spreadsheet.
pub(crate) trait SheetKind {
    /// Its table.
    type Entity: Audited;
    /// What a row becomes before validation.
    type Input: Clone + Send + Sync;
    /// A validated row.
    type New: Send + Sync;
    /// The record in words, for messages: "outcome", "milestone".
    const NOUN: &'static str;
    /// The input of a new record before the row's values.
    fn blank() -> Self::Input;
    /// `before` with the row's values.
    fn apply(before: Self::Input, row: &SheetRow) -> Self::Input;
    /// `(column, before, after)` for each column that differs.
    fn changes(before: &Self::Input, after: &Self::Input) -> Vec<(String, String, String)>;
    /// Validates an input.
    fn validate(input: &Self::Input) -> Result<Self::New, ValidationErrors>;
    /// A few words that name the record in the report.
    fn label(new: &Self::New) -> String;
    /// The stored version.
    fn version(m: &Model<Self>) -> i64;
    /// The input a stored record gives, so a row changes only what it names.
    fn input_of(
        tx: &WriteTx,
        m: &Model<Self>,
    ) -> impl Future<Output = Result<Self::Input, StoreError>> + Send;
    /// What a valid row must also pass: what it refers to, where it goes. A field error rejects the row.
    fn check(
        tx: &mut WriteTx,
        new: &Self::New,
        current: Option<&Model<Self>>,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// Writes a new record.
    fn create(
        tx: &mut WriteTx,
        new: &Self::New,
    ) -> impl Future<Output = Result<Model<Self>, StoreError>> + Send;
    /// Changes a record.
    fn update(
        tx: &mut WriteTx,
        current: Model<Self>,
        new: &Self::New,
    ) -> impl Future<Output = Result<Model<Self>, StoreError>> + Send;
}

/// A change that passed every check, waiting for the word to make it.
enum Planned<K: SheetKind> {
    Create(K::New),
    Update(Model<K>, K::New),
}

pub(crate) fn problem(row: usize, column: &str, message: impl Into<String>) -> RowProblem {
    RowProblem {
        row,
        column: Some(column.to_owned()),
        message: message.into(),
    }
}

/// Each field problem of a store error as a problem of `row`; the error itself when it is not about input.
pub(crate) fn problems_of(row: usize, e: StoreError) -> Result<Vec<RowProblem>, StoreError> {
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

/// A short name for a report line.
pub(crate) fn label(text: &str) -> String {
    let mut l: String = text.chars().take(80).collect();
    if l.len() < text.len() {
        l.push('…');
    }
    l
}

impl Store {
    /// Checks `rows` of kind `K` and, when `apply` and no row is rejected, makes every change in one
    /// transaction. The report lists what was (or would be) created and changed, field by field, and every
    /// problem by row and column.
    pub(crate) async fn import_sheet<K: SheetKind>(
        &self,
        actor: &Actor,
        rows: &[SheetRow],
        apply: bool,
    ) -> Result<ImportReport, StoreError> {
        let mut tx = self.write(actor).await?;
        let (mut report, planned) = match plan::<K>(&mut tx, rows).await {
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
        for (row, (index, change)) in planned {
            let done = match change {
                Planned::Create(new) => K::create(&mut tx, &new).await.map(|m| {
                    report.created[index].id = K::Entity::id_of(&m).to_owned();
                }),
                Planned::Update(current, new) => {
                    K::update(&mut tx, current, &new).await.map(|_| ())
                }
            };
            if let Err(e) = done {
                let problems = problems_of(row, e);
                tx.rollback().await?;
                report.rejected = problems?;
                report.created.clear();
                report.changed.clear();
                return Ok(report);
            }
        }
        tx.commit().await?;
        report.applied = true;
        Ok(report)
    }
}

/// A problem when the row was exported at another version than the record's.
fn stale<K: SheetKind>(row: &SheetRow, m: &Model<K>) -> Option<RowProblem> {
    let now = K::version(m);
    if row.version == Some(now) {
        return None;
    }
    let said = row
        .version
        .map_or_else(|| "none".to_owned(), |v| v.to_string());
    Some(problem(
        row.row,
        "version",
        format!(
            "the {} has changed since the sheet was exported (version {now} now, {said} in the sheet); \
             export again and redo the change",
            K::NOUN
        ),
    ))
}

type Plan<K> = (ImportReport, Vec<(usize, (usize, Planned<K>))>);

/// Checks every row and returns the report with the changes it would make.
async fn plan<K: SheetKind>(tx: &mut WriteTx, rows: &[SheetRow]) -> Result<Plan<K>, StoreError> {
    let mut report = ImportReport::default();
    let mut planned = Vec::new();
    for row in rows {
        let current = match &row.id {
            Some(id) => match editable::<K::Entity>(tx, id).await {
                Ok(m) => Some(m),
                Err(e) => {
                    report.rejected.extend(problems_of(row.row, e)?);
                    continue;
                }
            },
            None => None,
        };
        if let Some(p) = current.as_ref().and_then(|m| stale::<K>(row, m)) {
            report.rejected.push(p);
            continue;
        }
        let before = match &current {
            Some(m) => K::input_of(tx, m).await?,
            None => K::blank(),
        };
        let after = K::apply(before.clone(), row);
        let new = match K::validate(&after) {
            Ok(n) => n,
            Err(errors) => {
                report.rejected.extend(problems_of(row.row, errors.into())?);
                continue;
            }
        };
        let fields = K::changes(&before, &after);
        if current.is_some() && fields.is_empty() {
            report.unchanged += 1;
            continue;
        }
        if let Err(e) = K::check(tx, &new, current.as_ref()).await {
            report.rejected.extend(problems_of(row.row, e)?);
            continue;
        }
        let text = K::label(&new);
        match current {
            Some(m) => {
                report.changed.push(RowChange {
                    row: row.row,
                    id: K::Entity::id_of(&m).to_owned(),
                    label: text,
                    fields,
                });
                planned.push((row.row, (report.changed.len() - 1, Planned::Update(m, new))));
            }
            None => {
                report.created.push(RowChange {
                    row: row.row,
                    id: String::new(),
                    label: text,
                    fields: fields
                        .into_iter()
                        .filter(|(_, _, after)| !after.is_empty())
                        .map(|(c, _, after)| (c, String::new(), after))
                        .collect(),
                });
                planned.push((row.row, (report.created.len() - 1, Planned::Create(new))));
            }
        }
    }
    Ok((report, planned))
}
