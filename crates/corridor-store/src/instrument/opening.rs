//! Opening an instrument to a party that joined it: every record of the instrument (the instrument, its
//! versions, steps, consultations and their answers, accession requests and decisions, files) is opened to
//! the party from the next event on, and logged again so its event shows the party it reaches.

use crate::StoreError;
use crate::access::{Audited, grant_parties, shared_with};
use crate::audit::WriteTx;
use crate::entity::{
    accession, accession_decision, attachment, consultation, consultation_response, instrument,
    instrument_step, instrument_version,
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// Opens every record of the instrument to `party` from the next event on, and logs each record again so its
/// event shows the party it now reaches (which `verify` then checks). Records it already reaches are left.
pub(super) async fn open_instrument(
    tx: &mut WriteTx,
    instrument_id: &str,
    party: &str,
) -> Result<(), StoreError> {
    let inst = instrument::Entity::find_id(instrument_id)
        .all(&tx.txn)
        .await?;
    open_rows::<instrument::Entity>(tx, inst, party).await?;
    let versions = instrument_version::Entity::find()
        .filter(instrument_version::Column::InstrumentId.eq(instrument_id))
        .all(&tx.txn)
        .await?;
    let steps = instrument_step::Entity::find()
        .filter(instrument_step::Column::InstrumentId.eq(instrument_id))
        .all(&tx.txn)
        .await?;
    let consultations = consultation::Entity::find()
        .filter(consultation::Column::InstrumentId.eq(instrument_id))
        .all(&tx.txn)
        .await?;
    let accessions = accession::Entity::find()
        .filter(accession::Column::InstrumentId.eq(instrument_id))
        .all(&tx.txn)
        .await?;
    let parents: Vec<String> = versions
        .iter()
        .map(|v| v.id.clone())
        .chain(steps.iter().map(|s| s.id.clone()))
        .collect();
    let responses = consultation_response::Entity::find()
        .filter(
            consultation_response::Column::ConsultationId
                .is_in(consultations.iter().map(|c| c.id.clone())),
        )
        .all(&tx.txn)
        .await?;
    let decisions = accession_decision::Entity::find()
        .filter(
            accession_decision::Column::AccessionId.is_in(accessions.iter().map(|a| a.id.clone())),
        )
        .all(&tx.txn)
        .await?;
    let files = attachment::Entity::find()
        .filter(attachment::Column::EntityId.is_in(parents))
        .all(&tx.txn)
        .await?;
    open_rows::<instrument_version::Entity>(tx, versions, party).await?;
    open_rows::<instrument_step::Entity>(tx, steps, party).await?;
    open_rows::<consultation::Entity>(tx, consultations, party).await?;
    open_rows::<consultation_response::Entity>(tx, responses, party).await?;
    open_rows::<accession::Entity>(tx, accessions, party).await?;
    open_rows::<accession_decision::Entity>(tx, decisions, party).await?;
    open_rows::<attachment::Entity>(tx, files, party).await
}

async fn open_rows<E: Audited>(
    tx: &mut WriteTx,
    rows: Vec<E::Model>,
    party: &str,
) -> Result<(), StoreError> {
    for row in rows {
        let id = E::id_of(&row).to_owned();
        if shared_with(&tx.txn, E::ENTITY, &id)
            .await?
            .iter()
            .any(|p| p == party)
        {
            continue;
        }
        let seq = tx.next_seq();
        grant_parties(&tx.txn, (E::ENTITY, &id), &[party.to_owned()], seq).await?;
        tx.log::<E>(row, "opened_to_party").await?;
    }
    Ok(())
}
