//! Links between records: checked against what the writer may see when written, and filtered by what the
//! reader may see when read, so a link never reveals a record of the other side's.

use crate::access::Audited;
use crate::entity::{
    body, exchange, instrument, meeting, organisation, project, register_item, study,
};
use crate::{Store, StoreError};
use corridor_core::Viewer;
use corridor_core::links::{LinkKind, LinkView, RecordLink};
use sea_orm::ConnectionTrait;

/// The name of the record `link` points at, when `viewer` may see it.
async fn name_of(
    conn: &impl ConnectionTrait,
    viewer: &Viewer,
    link: &RecordLink,
) -> Result<Option<String>, StoreError> {
    let id = link.id.to_string();
    Ok(match link.kind {
        LinkKind::Meeting => meeting::Entity::find_visible(viewer, &id)
            .one(conn)
            .await?
            .map(|m| m.title),
        LinkKind::RegisterItem => register_item::Entity::find_visible(viewer, &id)
            .one(conn)
            .await?
            .map(|r| short(&r.text)),
        LinkKind::Body => body::Entity::find_visible(viewer, &id)
            .one(conn)
            .await?
            .map(|b| b.name),
        LinkKind::Organisation => organisation::Entity::find_visible(viewer, &id)
            .one(conn)
            .await?
            .map(|o| o.name),
        LinkKind::Instrument => instrument::Entity::find_visible(viewer, &id)
            .one(conn)
            .await?
            .map(|i| i.title),
        LinkKind::Project => project::Entity::find_visible(viewer, &id)
            .one(conn)
            .await?
            .map(|p| p.name),
        LinkKind::Study => study::Entity::find_visible(viewer, &id)
            .one(conn)
            .await?
            .map(|s| s.title),
        LinkKind::Exchange => exchange::Entity::find_visible(viewer, &id)
            .one(conn)
            .await?
            .map(|x| x.title),
    })
}

/// The first words of a long text.
fn short(text: &str) -> String {
    const MAX: usize = 90;
    if text.chars().count() <= MAX {
        return text.to_owned();
    }
    let cut: String = text.chars().take(MAX).collect();
    format!("{}…", cut.trim_end())
}

/// Refuses a link to a record that does not exist or that the writer may not see, exactly alike.
pub(crate) async fn check_links(
    conn: &impl ConnectionTrait,
    viewer: &Viewer,
    links: &[RecordLink],
) -> Result<(), StoreError> {
    for link in links {
        if name_of(conn, viewer, link).await?.is_none() {
            return Err(StoreError::invalid(
                "links",
                format!(
                    "there is no {} with id {}",
                    link.kind.label().to_lowercase(),
                    link.id
                ),
            ));
        }
    }
    Ok(())
}

impl Store {
    /// The stored links the viewer may see, named.
    pub(crate) async fn link_views(
        &self,
        viewer: &Viewer,
        stored: &str,
    ) -> Result<Vec<LinkView>, StoreError> {
        let mut out = Vec::new();
        for link in RecordLink::from_json(stored) {
            if let Some(name) = name_of(&self.db, viewer, &link).await? {
                out.push(LinkView {
                    kind: link.kind,
                    id: link.id.to_string(),
                    name,
                });
            }
        }
        Ok(out)
    }
}
