//! The register as a list: every outcome the viewer may see, filtered by body, meeting, kind, status, party,
//! lead organisation, due dates, overdue, linked record and a meeting's matters arising, in the order they were
//! recorded.

use crate::access::Audited;
use crate::access::visible;
use crate::entity::{meeting, organisation, register_item};
use crate::page::{finish, parse_time_cursor, time_cursor};
use crate::{Page, Paged, Store, StoreError};
use corridor_core::Viewer;
use corridor_core::ids::MeetingId;
use corridor_core::links::RecordLink;
use corridor_core::meeting::view::RegisterItemView;
use corridor_core::meeting::{OutcomeKind, OutcomeStatus};
use sea_orm::sea_query::{Condition, Expr, ExprTrait, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait,
};
use time::Date;

/// Which register items a list shows.
#[derive(Clone, Debug, Default)]
pub struct RegisterFilter {
    /// Of this body's meetings.
    pub body_id: Option<String>,
    /// Recorded at this meeting.
    pub meeting_id: Option<String>,
    /// Of this kind.
    pub kind: Option<OutcomeKind>,
    /// In this status.
    pub status: Option<OutcomeStatus>,
    /// With a lead organisation of this party.
    pub party_id: Option<String>,
    /// With this lead organisation.
    pub lead_organisation_id: Option<String>,
    /// Due on or before.
    pub due_before: Option<Date>,
    /// Due on or after.
    pub due_after: Option<Date>,
    /// Open past their due date.
    pub overdue: bool,
    /// Linked to this record, written `kind:id`.
    pub linked: Option<String>,
    /// The matters arising of this meeting: open or in-progress items of its body recorded at its earlier
    /// meetings.
    pub arising_for: Option<String>,
}

impl Store {
    /// The register: every outcome the viewer may see across all meetings, oldest first.
    #[crate::boxed]
    pub async fn register(
        &self,
        viewer: &Viewer,
        f: &RegisterFilter,
        page: &Page,
    ) -> Result<Paged<RegisterItemView>, StoreError> {
        use register_item::Column as C;
        let mut q = self.register_query(viewer, f).await?;
        // In the order items were recorded.
        if let Some((at, id)) = page.after.as_deref().and_then(parse_time_cursor) {
            q = q.filter(
                Condition::any()
                    .add(C::CreatedAt.gt(at))
                    .add(Condition::all().add(C::CreatedAt.eq(at)).add(C::Id.gt(id))),
            );
        }
        let size = page.size();
        let rows = q
            .order_by_asc(C::CreatedAt)
            .order_by_asc(C::Id)
            .limit(size + 1)
            .all(&self.db)
            .await?;
        let cursor = |m: &register_item::Model| time_cursor(m.created_at, &m.id);
        let paged = finish(rows, size, cursor, |m| m);
        let items = self.register_views(viewer, paged.items).await?;
        Ok(Paged {
            items,
            next: paged.next,
        })
    }

    /// How many items of the register the viewer may see pass `f`, counted up to `at_most`: a page that says
    /// "1,000 or more" need not read every match.
    #[crate::boxed]
    pub async fn register_count(
        &self,
        viewer: &Viewer,
        f: &RegisterFilter,
        at_most: u64,
    ) -> Result<u64, StoreError> {
        let matches = self
            .register_query(viewer, f)
            .await?
            .select_only()
            .column(register_item::Column::Id)
            .limit(at_most)
            .into_query();
        let count = Query::select()
            .expr(Expr::cust("COUNT(*)"))
            .from_subquery(matches, "matches")
            .to_owned();
        let backend = self.db.get_database_backend();
        let row = self.db.query_one_raw(backend.build(&count)).await?;
        let n: i64 = match row {
            Some(r) => r.try_get_by_index(0)?,
            None => 0,
        };
        Ok(u64::try_from(n).unwrap_or_default())
    }

    /// A meeting's matters arising, a page at a time (see [`RegisterFilter::arising_for`]); a meeting the
    /// viewer may not see is not found.
    #[crate::boxed]
    pub async fn matters_arising(
        &self,
        viewer: &Viewer,
        meeting_id: &str,
        page: &Page,
    ) -> Result<Paged<RegisterItemView>, StoreError> {
        self.arising_scope(viewer, meeting_id)
            .await?
            .ok_or(StoreError::NotFound { entity: "meeting" })?;
        let f = RegisterFilter {
            arising_for: Some(meeting_id.to_owned()),
            ..Default::default()
        };
        self.register(viewer, &f, page).await
    }

    /// The body and number of a meeting the viewer may see, which bound its matters arising.
    async fn arising_scope(
        &self,
        viewer: &Viewer,
        meeting_id: &str,
    ) -> Result<Option<(String, i32)>, StoreError> {
        let Ok(id) = meeting_id.parse::<MeetingId>() else {
            return Ok(None);
        };
        Ok(meeting::Entity::find_visible(viewer, &id.to_string())
            .one(&self.db)
            .await?
            .map(|m| (m.body_id, m.number)))
    }

    /// The register's rows that pass `f`, unordered.
    async fn register_query(
        &self,
        viewer: &Viewer,
        f: &RegisterFilter,
    ) -> Result<sea_orm::Select<register_item::Entity>, StoreError> {
        use register_item::Column as C;
        let mut q = register_item::Entity::find().filter(visible(
            viewer,
            "register_items",
            "register_item",
        ));
        if let Some(b) = &f.body_id {
            q = q.filter(C::BodyId.eq(b.as_str()));
        }
        if let Some(m) = &f.meeting_id {
            q = q.filter(C::MeetingId.eq(m.as_str()));
        }
        if let Some(k) = f.kind {
            q = q.filter(C::Kind.eq(k.as_str()));
        }
        if let Some(s) = f.status {
            q = q.filter(C::Status.eq(s.as_str()));
        }
        if let Some(o) = &f.lead_organisation_id {
            q = q.filter(C::LeadOrganisationIds.contains(o.as_str()));
        }
        if let Some(p) = &f.party_id {
            let orgs: Vec<String> = organisation::Entity::find()
                .select_only()
                .column(organisation::Column::Id)
                .filter(organisation::Column::PartyId.eq(p.as_str()))
                .filter(visible(viewer, "organisations", "organisation"))
                .into_tuple()
                .all(&self.db)
                .await?;
            let any = orgs.iter().fold(Condition::any(), |c, o| {
                c.add(C::LeadOrganisationIds.contains(o.as_str()))
            });
            q = q.filter(if orgs.is_empty() {
                Condition::all().add(Expr::val(1).eq(0))
            } else {
                any
            });
        }
        if let Some(d) = f.due_before {
            q = q.filter(C::DueOn.lte(d));
        }
        if let Some(d) = f.due_after {
            q = q.filter(C::DueOn.gte(d));
        }
        if let Some(raw) = &f.linked {
            let link = RecordLink::parse("linked", raw)
                .map_err(|e| StoreError::invalid(&e.field, e.message))?;
            // A record the viewer may not see is refused like a missing one, so the filter cannot probe it.
            super::links::check_links(&self.db, viewer, std::slice::from_ref(&link))
                .await
                .map_err(|_| {
                    StoreError::invalid(
                        "linked",
                        format!(
                            "there is no {} with id {}",
                            link.kind.label().to_lowercase(),
                            link.id
                        ),
                    )
                })?;
            q = q.filter(C::Links.contains(link.to_string()));
        }
        if f.overdue {
            q = q
                .filter(C::Status.is_in(["open", "in_progress"]))
                .filter(C::DueOn.lt(corridor_core::now().date()));
        }
        if let Some(m) = &f.arising_for {
            let (body, number) = self.arising_scope(viewer, m).await?.ok_or_else(|| {
                StoreError::invalid("arising_for", format!("there is no meeting with id {m}"))
            })?;
            let earlier = Query::select()
                .column(meeting::Column::Id)
                .from(meeting::Entity)
                .and_where(Expr::col(meeting::Column::BodyId).eq(body.as_str()))
                .and_where(Expr::col(meeting::Column::Number).lt(number))
                .to_owned();
            q = q
                .filter(C::BodyId.eq(body))
                .filter(C::MeetingId.in_subquery(earlier))
                .filter(C::Status.is_in(["open", "in_progress"]));
        }
        Ok(q)
    }
}
