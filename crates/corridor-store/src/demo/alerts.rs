//! The demo's alerts. The world loaded so far is history, not news: the fan-out starts after it. The
//! Pakistani secretariat officer follows the Rashakai zone, the register items of her organisation and the
//! news desk (where China's draft waits for her side's approval), and takes e-mail as things happen; the
//! Chinese officer keeps the default daily digest and follows the measurable impact area. Demo addresses are
//! on `example` domains.

use super::DemoReport;
use crate::{Store, StoreError};
use corridor_core::ids::ProjectId;

pub(super) async fn load(store: &Store, _report: &mut DemoReport) -> Result<(), StoreError> {
    store.begin_alerts().await?;
    let pk = store.actor_of("pk.secretariat").await?;
    let cn = store.actor_of("cn.secretariat").await?;
    let (Some(pk), Some(cn)) = (pk.user(), cn.user()) else {
        return Ok(());
    };
    let rashakai = ProjectId::from_key(&super::key("project", "rashakai"));
    store.follow(pk, &format!("project:{rashakai}")).await?;
    if let Some(org) = pk.organisation_id {
        store
            .follow(pk, &format!("organisation_register:{org}"))
            .await?;
    }
    store.follow(pk, "area:news").await?;
    store.set_email_mode(pk, "instant").await?;
    store.follow(cn, "area:impact").await?;
    Ok(())
}
