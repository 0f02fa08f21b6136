//! The register from a spreadsheet (`sheets.rs` does the checking and the one transaction): an outcome is
//! matched by its id, a row without one adds an outcome to the meeting its `meeting_id` names.

use super::register::{check_references, insert_outcome, update_outcome_in};
use crate::audit::WriteTx;
use crate::directory::editable;
use crate::entity::{meeting, register_item};
use crate::sheets::{SheetKind, label};
use crate::{Store, StoreError};
use corridor_core::ids::RegisterItemId;
use corridor_core::language::{Language, Translations};
use corridor_core::meeting::NewOutcome;
use corridor_core::meeting::register::OutcomeInput;
use corridor_core::meeting::register_sheet::{apply, changes};
use corridor_core::sheet::{ImportReport, SheetRow};
use corridor_core::{Actor, ValidationErrors};

struct Register;

/// The meeting a new outcome goes to, when the actor may add to it.
async fn meeting_of(tx: &WriteTx, new: &NewOutcome) -> Result<meeting::Model, StoreError> {
    match editable::<meeting::Entity>(tx, &new.meeting_id.to_string()).await {
        Err(StoreError::NotFound { .. } | StoreError::Forbidden(_)) => Err(StoreError::invalid(
            "meeting_id",
            "there is no meeting with this id to which you may add outcomes",
        )),
        other => other,
    }
}

impl SheetKind for Register {
    type Entity = register_item::Entity;
    type Input = OutcomeInput;
    type New = NewOutcome;
    const NOUN: &'static str = "outcome";

    fn blank() -> OutcomeInput {
        OutcomeInput {
            status: Some("open".into()),
            visibility: Some("shared".into()),
            ..Default::default()
        }
    }

    fn apply(before: OutcomeInput, row: &SheetRow) -> OutcomeInput {
        apply(before, row)
    }

    fn changes(before: &OutcomeInput, after: &OutcomeInput) -> Vec<(String, String, String)> {
        changes(before, after)
    }

    fn validate(input: &OutcomeInput) -> Result<NewOutcome, ValidationErrors> {
        NewOutcome::try_from(input)
    }

    fn label(new: &NewOutcome) -> String {
        label(&new.text)
    }

    fn version(m: &register_item::Model) -> i64 {
        m.version
    }

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

    async fn check(
        tx: &mut WriteTx,
        new: &NewOutcome,
        current: Option<&register_item::Model>,
    ) -> Result<(), StoreError> {
        match current {
            Some(m) if m.meeting_id != new.meeting_id.to_string() => Err(StoreError::invalid(
                "meeting_id",
                "an outcome stays with the meeting that produced it",
            )),
            Some(_) => Ok(()),
            None => meeting_of(tx, new).await.map(|_| ()),
        }?;
        check_references(&tx.txn, &tx.actor().viewer(), new).await
    }

    async fn create(
        tx: &mut WriteTx,
        new: &NewOutcome,
    ) -> Result<register_item::Model, StoreError> {
        let m = meeting_of(tx, new).await?;
        let viewer = tx.actor().viewer();
        insert_outcome(tx, &viewer, &m, RegisterItemId::new(), new).await
    }

    async fn update(
        tx: &mut WriteTx,
        current: register_item::Model,
        new: &NewOutcome,
    ) -> Result<register_item::Model, StoreError> {
        let viewer = tx.actor().viewer();
        update_outcome_in(tx, &viewer, current, new).await
    }
}

impl Store {
    /// Checks `rows` of a register sheet against the register and, when `apply` and no row is rejected,
    /// makes every change in one transaction.
    #[crate::boxed]
    pub async fn import_register(
        &self,
        actor: &Actor,
        rows: &[SheetRow],
        apply: bool,
    ) -> Result<ImportReport, StoreError> {
        self.import_sheet::<Register>(actor, rows, apply).await
    }
}
