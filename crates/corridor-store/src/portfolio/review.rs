//! The progress review pack for a meeting: every project the viewer may see with what changed since the
//! previous meeting of the same body (updates reported, milestones met, milestones that fell due and were not
//! met) and its open risks, ready to be linked from an agenda item.

use crate::access::visible;
use crate::entity::{meeting, project, risk};
use crate::{Store, StoreError};
use corridor_core::Viewer;
use corridor_core::portfolio::milestone::MilestoneStatus;
use corridor_core::portfolio::view::{MilestoneView, ProgressReview, ProjectReview};
use corridor_core::view::Ref;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use time::Date;

fn within(d: Option<Date>, since: Option<Date>, until: Date) -> bool {
    d.is_some_and(|d| d <= until && since.is_none_or(|s| d > s))
}

impl Store {
    /// The progress review pack for `meeting_id`.
    #[crate::boxed]
    pub async fn progress_review(
        &self,
        viewer: &Viewer,
        meeting_id: &str,
    ) -> Result<ProgressReview, StoreError> {
        use crate::access::Audited;
        let m = meeting::Entity::find_visible(viewer, meeting_id)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound { entity: "meeting" })?;
        let until = m.starts_at.date();
        let previous = meeting::Entity::find()
            .filter(meeting::Column::BodyId.eq(m.body_id.as_str()))
            .filter(meeting::Column::StartsAt.lt(m.starts_at))
            .filter(meeting::Column::State.ne("cancelled"))
            .filter(visible(viewer, "meetings", "meeting"))
            .order_by_desc(meeting::Column::StartsAt)
            .one(&self.db)
            .await?;
        let since = previous.as_ref().map(|p| p.starts_at.date());
        let rows = project::Entity::find()
            .filter(visible(viewer, "projects", "project"))
            .order_by_asc(project::Column::Name)
            .all(&self.db)
            .await?;
        let mut projects = Vec::with_capacity(rows.len());
        for row in rows {
            let all = self.project_milestones(viewer, &row).await?;
            let statuses: Vec<(MilestoneView, MilestoneStatus, Option<Date>, Option<Date>)> = all
                .into_iter()
                .map(|v| {
                    let status = v.status.parse().unwrap_or(MilestoneStatus::Scheduled);
                    let parse = |d: &Option<String>| {
                        d.as_deref()
                            .and_then(|d| corridor_core::dates::parse_date(d).ok())
                    };
                    let actual = parse(&v.actual_on);
                    let due = parse(&v.forecast_on).or(parse(&v.planned_on));
                    (v, status, actual, due)
                })
                .collect();
            let met = statuses
                .iter()
                .filter(|(_, s, a, _)| {
                    matches!(s, MilestoneStatus::Met | MilestoneStatus::PartlyMet)
                        && within(*a, since, until)
                })
                .map(|x| x.0.clone())
                .collect();
            let missed = statuses
                .iter()
                .filter(|(_, s, _, due)| {
                    matches!(s, MilestoneStatus::Scheduled | MilestoneStatus::NotMet)
                        && within(*due, since, until)
                })
                .map(|x| x.0.clone())
                .collect();
            let updates = self
                .project_updates(viewer, &row.id)
                .await?
                .into_iter()
                .filter(|u| {
                    within(
                        corridor_core::dates::parse_date(&u.reported_on).ok(),
                        since,
                        until,
                    )
                })
                .collect();
            let risks = risk::Entity::find()
                .filter(risk::Column::ProjectId.eq(row.id.as_str()))
                .filter(risk::Column::Status.ne("closed"))
                .filter(visible(viewer, "risks", "risk"))
                .all(&self.db)
                .await?;
            let open_risks = self.risk_views(viewer, risks).await?;
            let project = self.project_views(viewer, vec![row]).await?.remove(0);
            projects.push(ProjectReview {
                project,
                updates,
                met,
                missed,
                open_risks,
            });
        }
        Ok(ProgressReview {
            meeting: Ref {
                id: m.id.clone(),
                name: Some(m.title.clone()),
            },
            previous: previous.map(|p| Ref {
                id: p.id,
                name: Some(p.title),
            }),
            since: since
                .and_then(|d| d.next_day())
                .map(corridor_core::dates::format_date),
            until: corridor_core::dates::format_date(until),
            projects,
        })
    }
}
