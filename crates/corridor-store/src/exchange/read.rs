//! Reading exchanges: each with its request traced back to the meeting that made it, its nominees, the host
//! programme and the post-visit report, as the viewer may see them.

use crate::access::{Audited, visible};
use crate::directory::{Named, Table, access_view, parse_id, unnamed};
use crate::entity::{exchange, nomination, programme_item, register_item};
use crate::{Store, StoreError};
use corridor_core::Viewer;
use corridor_core::dates::format_date;
use corridor_core::exchange::view::{
    Counts, ExchangeView, LetterView, NominationView, ProgrammeItemView, RequestView,
    VisitReportView,
};
use corridor_core::ids::ExchangeId;
use corridor_core::language::Translations;
use corridor_core::view::Ref;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

impl Named for ExchangeView {
    fn refs(&mut self) -> Vec<(Table, &mut Ref)> {
        let mut r = vec![
            (Table::Parties, &mut self.access.owner_party),
            (Table::Parties, &mut self.sending_party),
            (Table::Parties, &mut self.host_party),
        ];
        r.extend(self.programme.as_mut().map(|p| (Table::Projects, p)));
        r.extend(
            self.request
                .as_mut()
                .map(|q| (Table::Meetings, &mut q.meeting)),
        );
        for n in &mut self.nominations {
            r.extend(n.organisation.as_mut().map(|o| (Table::Organisations, o)));
        }
        for p in &mut self.programme_items {
            r.extend(p.project.as_mut().map(|x| (Table::Projects, x)));
            r.extend(p.company.as_mut().map(|x| (Table::Companies, x)));
        }
        r
    }
}

/// Which exchanges a list shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExchangeFilter {
    /// Only the cohorts of this programme.
    pub programme_project_id: Option<String>,
    /// Only those started by this register item.
    pub request_item_id: Option<String>,
}

impl Store {
    /// One exchange with everything the viewer may see of it.
    #[crate::boxed]
    pub async fn exchange(&self, viewer: &Viewer, id: &str) -> Result<ExchangeView, StoreError> {
        let id: ExchangeId = parse_id("exchange", id)?;
        let m = exchange::Entity::find_visible(viewer, &id.to_string())
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound { entity: "exchange" })?;
        self.exchange_views(viewer, vec![m])
            .await
            .map(|mut v| v.remove(0))
    }

    /// The exchanges the viewer may see, newest first.
    #[crate::boxed]
    pub async fn exchanges(
        &self,
        viewer: &Viewer,
        filter: &ExchangeFilter,
    ) -> Result<Vec<ExchangeView>, StoreError> {
        let mut q = exchange::Entity::find().filter(visible(viewer, "exchanges", "exchange"));
        if let Some(p) = &filter.programme_project_id {
            q = q.filter(exchange::Column::ProgrammeProjectId.eq(p.as_str()));
        }
        if let Some(r) = &filter.request_item_id {
            q = q.filter(exchange::Column::RequestItemId.eq(r.as_str()));
        }
        let rows = q
            .order_by_desc(exchange::Column::StartsOn)
            .order_by_asc(exchange::Column::Id)
            .all(&self.db)
            .await?;
        self.exchange_views(viewer, rows).await
    }

    async fn exchange_views(
        &self,
        viewer: &Viewer,
        rows: Vec<exchange::Model>,
    ) -> Result<Vec<ExchangeView>, StoreError> {
        let mut views = Vec::with_capacity(rows.len());
        for m in rows {
            let access = access_view::<exchange::Entity>(
                &self.db,
                viewer,
                &m,
                m.version,
                m.created_at,
                m.updated_at,
            )
            .await?;
            let request = match &m.request_item_id {
                Some(r) => register_item::Entity::find_visible(viewer, r)
                    .one(&self.db)
                    .await?
                    .map(|item| RequestView {
                        item: Ref {
                            id: item.id,
                            name: Some(item.text),
                        },
                        meeting: unnamed(&item.meeting_id),
                        kind: item.kind,
                    }),
                None => None,
            };
            let nominations: Vec<NominationView> = nomination::Entity::find()
                .filter(nomination::Column::ExchangeId.eq(m.id.as_str()))
                .filter(visible(viewer, "nominations", "nomination"))
                .order_by_asc(nomination::Column::CreatedAt)
                .order_by_asc(nomination::Column::Id)
                .all(&self.db)
                .await?
                .into_iter()
                .map(nomination_view)
                .collect();
            let programme_items = programme_item::Entity::find()
                .filter(programme_item::Column::ExchangeId.eq(m.id.as_str()))
                .filter(visible(viewer, "programme_items", "programme_item"))
                .order_by_asc(programme_item::Column::Day)
                .order_by_asc(programme_item::Column::At)
                .all(&self.db)
                .await?
                .into_iter()
                .map(|p| ProgrammeItemView {
                    on: format_date(p.day),
                    project: p.project_id.as_deref().map(unnamed),
                    company: p.company_id.as_deref().map(unnamed),
                    id: p.id,
                    at: p.at,
                    site_kind: p.site_kind,
                    site: p.site,
                    notes: p.notes,
                })
                .collect();
            let tr = Translations::from_json(&m.translations);
            views.push(ExchangeView {
                counts: counts(&nominations),
                report: m.reported_on.map(|on| VisitReportView {
                    reported_on: format_date(on),
                    summary: m.report_summary.clone().unwrap_or_default(),
                    outcomes: serde_json::from_str(&m.report_outcomes).unwrap_or_default(),
                }),
                title_zh: tr.zh,
                title_ur: tr.ur,
                programme: m.programme_project_id.as_deref().map(unnamed),
                sending_party: unnamed(&m.sending_party_id),
                host_party: unnamed(&m.host_party_id),
                starts_on: format_date(m.starts_on),
                ends_on: format_date(m.ends_on),
                id: m.id,
                kind: m.kind,
                title: m.title,
                purpose: m.purpose,
                request,
                cohort_year: m.cohort_year,
                status: m.status,
                status_reason: m.status_reason,
                nominations,
                programme_items,
                access,
            });
        }
        self.fill_names(viewer, &mut views).await?;
        Ok(views)
    }
}

fn nomination_view(n: nomination::Model) -> NominationView {
    NominationView {
        organisation: n.organisation_id.as_deref().map(unnamed),
        letter: match (n.letter_sha256, n.letter_issued_on) {
            (Some(sha256), Some(on)) => Some(LetterView {
                issued_on: format_date(on),
                sha256,
            }),
            _ => None,
        },
        id: n.id,
        name: n.name,
        position: n.position,
        gender: n.gender,
        status: n.status,
        reason: n.reason,
        attended: n.attended,
    }
}

fn counts(nominations: &[NominationView]) -> Counts {
    let attended: Vec<&NominationView> = nominations
        .iter()
        .filter(|n| n.attended == Some(true))
        .collect();
    Counts {
        nominated: nominations.len(),
        approved: nominations
            .iter()
            .filter(|n| n.status == "approved")
            .count(),
        attended: attended.len(),
        attended_female: attended.iter().filter(|n| n.gender == "female").count(),
    }
}
