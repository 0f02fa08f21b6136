//! Reading studies: a study with its team, phases, report versions and recommendations, as the viewer may
//! see them.

use super::phases_of;
use crate::access::{Audited, visible};
use crate::directory::{Named, Table, access_view, parse_id, unnamed};
use crate::entity::{file, recommendation, study, study_expert, study_report};
use crate::meeting::parse_json_ids;
use crate::{Store, StoreError};
use corridor_core::Viewer;
use corridor_core::ids::StudyId;
use corridor_core::language::Translations;
use corridor_core::study::view::{
    ExpertView, PhaseView, RecommendationView, ReportView, StudyView,
};
use corridor_core::view::Ref;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

impl Named for StudyView {
    fn refs(&mut self) -> Vec<(Table, &mut Ref)> {
        let mut r = vec![
            (Table::Parties, &mut self.access.owner_party),
            (Table::Bodies, &mut self.body),
        ];
        for p in &mut self.phases {
            r.extend(p.meeting.as_mut().map(|m| (Table::Meetings, m)));
        }
        for e in &mut self.experts {
            r.push((Table::Parties, &mut e.party));
            r.extend(e.organisation.as_mut().map(|o| (Table::Organisations, o)));
        }
        for rec in &mut self.recommendations {
            r.extend(
                rec.lead_organisations
                    .iter_mut()
                    .map(|o| (Table::Organisations, o)),
            );
        }
        r
    }
}

impl Store {
    /// A report version's content, when the viewer may see the study.
    #[crate::boxed]
    pub async fn study_report(
        &self,
        viewer: &Viewer,
        id: &str,
    ) -> Result<(ReportView, Vec<u8>), StoreError> {
        let m = study_report::Entity::find_visible(viewer, id)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound { entity: "report" })?;
        let content = file::Entity::find_by_id(m.sha256.clone())
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound { entity: "report" })?
            .content;
        Ok((report_view(m), content))
    }

    /// One study with everything the viewer may see of it.
    #[crate::boxed]
    pub async fn study(&self, viewer: &Viewer, id: &str) -> Result<StudyView, StoreError> {
        let id: StudyId = parse_id("study", id)?;
        let m = study::Entity::find_visible(viewer, &id.to_string())
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound { entity: "study" })?;
        self.study_views(viewer, vec![m])
            .await
            .map(|mut v| v.remove(0))
    }

    /// The studies the viewer may see, by title.
    #[crate::boxed]
    pub async fn studies(&self, viewer: &Viewer) -> Result<Vec<StudyView>, StoreError> {
        let rows = study::Entity::find()
            .filter(visible(viewer, "studies", "study"))
            .order_by_asc(study::Column::Title)
            .all(&self.db)
            .await?;
        self.study_views(viewer, rows).await
    }

    async fn study_views(
        &self,
        viewer: &Viewer,
        rows: Vec<study::Model>,
    ) -> Result<Vec<StudyView>, StoreError> {
        let mut views = Vec::with_capacity(rows.len());
        for m in rows {
            let access = access_view::<study::Entity>(
                &self.db,
                viewer,
                &m,
                m.version,
                m.created_at,
                m.updated_at,
            )
            .await?;
            let experts = study_expert::Entity::find()
                .filter(study_expert::Column::StudyId.eq(m.id.as_str()))
                .filter(visible(viewer, "study_experts", "study_expert"))
                .order_by_asc(study_expert::Column::CreatedAt)
                .all(&self.db)
                .await?;
            let reports = study_report::Entity::find()
                .filter(study_report::Column::StudyId.eq(m.id.as_str()))
                .filter(visible(viewer, "study_reports", "study_report"))
                .order_by_asc(study_report::Column::DatedOn)
                .all(&self.db)
                .await?;
            let recs = recommendation::Entity::find()
                .filter(recommendation::Column::StudyId.eq(m.id.as_str()))
                .filter(visible(viewer, "recommendations", "recommendation"))
                .order_by_asc(recommendation::Column::Number)
                .all(&self.db)
                .await?;
            let mut recommendations = Vec::with_capacity(recs.len());
            for r in recs {
                let access = access_view::<recommendation::Entity>(
                    &self.db,
                    viewer,
                    &r,
                    r.version,
                    r.created_at,
                    r.updated_at,
                )
                .await?;
                recommendations.push(RecommendationView {
                    text_zh: Translations::from_json(&r.translations).zh,
                    lead_organisations: parse_json_ids(&r.lead_organisation_ids)
                        .iter()
                        .map(|o| unnamed(o))
                        .collect(),
                    due_on: r.due_on.map(corridor_core::dates::format_date),
                    id: r.id,
                    number: r.number,
                    finding: r.finding,
                    text: r.text,
                    potential: r.potential,
                    completion: r.completion,
                    register_item_id: r.register_item_id,
                    access,
                });
            }
            let reached = phases_of(&m);
            let tr = Translations::from_json(&m.translations);
            views.push(StudyView {
                phase: reached.last().map(|r| r.phase.as_str().to_owned()),
                phases: reached
                    .iter()
                    .map(|r| PhaseView {
                        phase: r.phase.as_str().to_owned(),
                        on: corridor_core::dates::format_date(r.on),
                        meeting: r.meeting_id.as_deref().map(unnamed),
                    })
                    .collect(),
                experts: experts
                    .into_iter()
                    .map(|e| ExpertView {
                        party: unnamed(&e.party_id),
                        organisation: e.organisation_id.as_deref().map(unnamed),
                        id: e.id,
                        name: e.name,
                        role: e.role,
                    })
                    .collect(),
                reports: reports.into_iter().map(report_view).collect(),
                recommendations,
                title_zh: tr.zh,
                body: unnamed(&m.body_id),
                id: m.id,
                sector: m.sector,
                title: m.title,
                terms_of_reference: m.terms_of_reference,
                access,
            });
        }
        self.fill_names(viewer, &mut views).await?;
        // A lead the viewer may not see is left out rather than shown without a name.
        for v in &mut views {
            for r in &mut v.recommendations {
                r.lead_organisations.retain(|o| o.name.is_some());
            }
        }
        Ok(views)
    }
}

fn report_view(m: study_report::Model) -> ReportView {
    ReportView {
        dated_on: corridor_core::dates::format_date(m.dated_on),
        id: m.id,
        label: m.label,
        filename: m.filename,
        media_type: m.media_type,
        size: m.size,
        sha256: m.sha256,
    }
}
