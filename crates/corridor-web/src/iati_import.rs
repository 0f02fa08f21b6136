//! Importing another publisher's IATI file: the reader streams activities on a blocking thread through a
//! short channel, so memory holds a handful of activities whatever the file's size, and each activity is
//! imported in its own transaction. Sound activities are imported; every problem is reported with its line.

use corridor_core::Actor;
use corridor_formats::iati_read::Activities;
use corridor_store::Store;
use corridor_store::portfolio::{IatiImport, Imported};
use std::io::BufRead;

/// What an import did.
#[derive(Clone, Debug, Default)]
pub struct IatiReport {
    /// Activities read.
    pub activities: usize,
    /// Projects created.
    pub created: usize,
    /// Projects updated.
    pub updated: usize,
    /// Transactions recorded as finance.
    pub finance: usize,
    /// Activities not imported: `(line, identifier, why)`.
    pub skipped: Vec<(u64, String, String)>,
    /// Elements kept as unmapped, all activities together.
    pub unmapped: usize,
    /// Problems by line, all activities together.
    pub problems: Vec<String>,
    /// Why reading stopped before the end, if it did.
    pub stopped: Option<String>,
}

/// Imports every activity of `input` as `actor`; `progress` hears the bytes read and the report so far.
pub async fn import_iati<R>(
    store: &Store,
    actor: &Actor,
    input: R,
    how: &IatiImport,
    progress: &mut (dyn FnMut(u64, &IatiReport) + Send),
) -> Result<IatiReport, corridor_store::StoreError>
where
    R: BufRead + Send + 'static,
{
    let (send, mut receive) = tokio::sync::mpsc::channel(16);
    let reader = tokio::task::spawn_blocking(move || {
        let mut activities = Activities::new(input);
        loop {
            let next = activities.next_activity();
            let bytes = activities.bytes_read();
            let end = !matches!(next, Ok(Some(_)));
            if send.blocking_send((next, bytes)).is_err() || end {
                return;
            }
        }
    });
    let mut report = IatiReport::default();
    while let Some((next, bytes)) = receive.recv().await {
        match next {
            Ok(Some(a)) => {
                report.activities += 1;
                report.unmapped += corridor_core::iati::kept_aside(&a).len();
                let (done, problems) = store.import_iati_activity(actor, &a, how).await?;
                report.problems.extend(problems);
                match done {
                    Imported::Created { finance, .. } => {
                        report.created += 1;
                        report.finance += finance;
                    }
                    Imported::Updated { finance, .. } => {
                        report.updated += 1;
                        report.finance += finance;
                    }
                    Imported::Skipped(why) => report.skipped.push((a.line, a.identifier, why)),
                }
            }
            Ok(None) => {}
            Err(e) => report.stopped = Some(e.to_string()),
        }
        progress(bytes, &report);
    }
    let _ = reader.await;
    Ok(report)
}
