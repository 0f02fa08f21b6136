//! Delegations: each side lists its own delegates to a meeting and marks their attendance.

use crate::access::{Audited, visible};
use crate::directory::{
    Named, Table, access_view, check_version, editable, require_visible, unnamed,
};
use crate::entity::{delegate, meeting, organisation, person};
use crate::{Store, StoreError};
use corridor_core::ids::DelegateId;
use corridor_core::meeting::view::{DelegateView, DelegationView};
use corridor_core::meeting::{Attendance, NewDelegate};
use corridor_core::view::Ref;
use corridor_core::{Actor, Viewer};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

impl Named for DelegateView {
    fn refs(&mut self) -> Vec<(Table, &mut Ref)> {
        let mut r = vec![
            (Table::Parties, &mut self.party),
            (Table::People, &mut self.person),
            (Table::Organisations, &mut self.organisation),
            (Table::Parties, &mut self.access.owner_party),
        ];
        r.extend(
            self.on_behalf_of
                .as_mut()
                .map(|o| (Table::Organisations, o)),
        );
        r.extend(self.represented_by.as_mut().map(|p| (Table::People, p)));
        r
    }
}

/// The person and organisations must be visible; a delegate belongs to the actor's own side.
async fn check(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    new: &NewDelegate,
) -> Result<String, StoreError> {
    let viewer = actor.viewer();
    require_visible::<meeting::Entity>(conn, &viewer, &new.meeting_id.to_string(), "meeting_id")
        .await?;
    let p =
        require_visible::<person::Entity>(conn, &viewer, &new.person_id.to_string(), "person_id")
            .await?;
    if actor
        .party()
        .is_some_and(|party| party.to_string() != p.party_id)
    {
        return Err(StoreError::invalid(
            "person_id",
            "each side lists its own delegation; this person serves the other party",
        ));
    }
    require_visible::<organisation::Entity>(
        conn,
        &viewer,
        &new.organisation_id.to_string(),
        "organisation_id",
    )
    .await?;
    if let Some(o) = new.on_behalf_of_id {
        require_visible::<organisation::Entity>(conn, &viewer, &o.to_string(), "on_behalf_of_id")
            .await?;
    }
    if let Some(b) = new.represented_by_id {
        require_visible::<person::Entity>(conn, &viewer, &b.to_string(), "represented_by_id")
            .await?;
    }
    Ok(p.party_id)
}

fn fill(row: &mut delegate::ActiveModel, new: &NewDelegate) {
    row.organisation_id = Set(new.organisation_id.to_string());
    row.title = Set(new.title.clone());
    row.on_behalf_of_id = Set(new.on_behalf_of_id.map(|o| o.to_string()));
    row.attendance = Set(new.attendance.as_str().to_owned());
    row.represented_by_id = Set(new.represented_by_id.map(|p| p.to_string()));
}

impl Store {
    /// Adds a delegate to the actor's side's delegation.
    #[crate::boxed]
    pub async fn add_delegate(
        &self,
        actor: &Actor,
        id: DelegateId,
        new: &NewDelegate,
    ) -> Result<DelegateView, StoreError> {
        let mut tx = self.write(actor).await?;
        let party = check(&tx.txn, actor, new).await?;
        let owner = super::user_owner(actor)?;
        let m = meeting::Entity::find_id(&new.meeting_id.to_string())
            .one(&tx.txn)
            .await?
            .ok_or(StoreError::NotFound { entity: "meeting" })?;
        let now = corridor_core::now();
        let mut row = delegate::ActiveModel {
            id: Set(id.to_string()),
            meeting_id: Set(m.id.clone()),
            party_id: Set(party),
            person_id: Set(new.person_id.to_string()),
            owner_party_id: Set(owner.party),
            owner_organisation_id: Set(owner.organisation),
            visibility: Set(m.visibility.clone()),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        };
        fill(&mut row, new);
        let written = delegate::Entity::insert(row)
            .exec_with_returning(&tx.txn)
            .await?;
        let model = tx.log::<delegate::Entity>(written, "invited").await?;
        tx.commit().await?;
        self.delegate_views(&actor.viewer(), vec![model])
            .await
            .map(|mut v| v.remove(0))
    }

    /// Changes a delegate: position, organisation, attendance. Only their own side may.
    #[crate::boxed]
    pub async fn update_delegate(
        &self,
        actor: &Actor,
        id: &str,
        new: &NewDelegate,
    ) -> Result<DelegateView, StoreError> {
        let mut tx = self.write(actor).await?;
        let current = editable::<delegate::Entity>(&tx, id).await?;
        if current.person_id != new.person_id.to_string()
            || current.meeting_id != new.meeting_id.to_string()
        {
            return Err(StoreError::invalid(
                "person_id",
                "a delegate's person and meeting do not change; add another delegate instead",
            ));
        }
        check_version("delegate", new.expected_version, current.version)?;
        check(&tx.txn, actor, new).await?;
        let version = current.version + 1;
        let mut row: delegate::ActiveModel = current.into();
        fill(&mut row, new);
        row.version = Set(version);
        row.updated_at = Set(corridor_core::now());
        let written = row.update(&tx.txn).await?;
        let model = tx.log::<delegate::Entity>(written, "updated").await?;
        tx.commit().await?;
        self.delegate_views(&actor.viewer(), vec![model])
            .await
            .map(|mut v| v.remove(0))
    }

    /// A meeting's delegations, one per side, host first, with the organisations attending per side.
    #[crate::boxed]
    pub async fn delegations(
        &self,
        viewer: &Viewer,
        meeting_id: &str,
    ) -> Result<Vec<DelegationView>, StoreError> {
        let m = meeting::Entity::find_visible(viewer, meeting_id)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound { entity: "meeting" })?;
        let rows = delegate::Entity::find()
            .filter(delegate::Column::MeetingId.eq(m.id.as_str()))
            .filter(visible(viewer, "delegates", "delegate"))
            .order_by_asc(delegate::Column::CreatedAt)
            .all(&self.db)
            .await?;
        let views = self.delegate_views(viewer, rows).await?;
        let mut sides: Vec<DelegationView> = Vec::new();
        for d in views {
            match sides.iter_mut().find(|s| s.party.id == d.party.id) {
                Some(side) => side.delegates.push(d),
                None => sides.push(DelegationView {
                    party: d.party.clone(),
                    delegates: vec![d],
                    organisations_attending: 0,
                }),
            }
        }
        for side in &mut sides {
            let mut orgs: Vec<&str> = side
                .delegates
                .iter()
                .filter(|d| {
                    d.attendance
                        .parse::<Attendance>()
                        .is_ok_and(Attendance::attended)
                })
                .map(|d| {
                    d.on_behalf_of
                        .as_ref()
                        .unwrap_or(&d.organisation)
                        .id
                        .as_str()
                })
                .collect();
            orgs.sort_unstable();
            orgs.dedup();
            side.organisations_attending = orgs.len();
        }
        sides.sort_by_key(|s| s.party.id != m.host_party_id);
        Ok(sides)
    }

    async fn delegate_views(
        &self,
        viewer: &Viewer,
        rows: Vec<delegate::Model>,
    ) -> Result<Vec<DelegateView>, StoreError> {
        let mut views = Vec::with_capacity(rows.len());
        for m in rows {
            let access = access_view::<delegate::Entity>(
                &self.db,
                viewer,
                &m,
                m.version,
                m.created_at,
                m.updated_at,
            )
            .await?;
            views.push(DelegateView {
                party: unnamed(&m.party_id),
                person: unnamed(&m.person_id),
                organisation: unnamed(&m.organisation_id),
                on_behalf_of: m.on_behalf_of_id.as_deref().map(unnamed),
                represented_by: m.represented_by_id.as_deref().map(unnamed),
                id: m.id,
                meeting_id: m.meeting_id,
                title: m.title,
                attendance: m.attendance,
                access,
            });
        }
        self.fill_names(viewer, &mut views).await?;
        Ok(views)
    }
}
