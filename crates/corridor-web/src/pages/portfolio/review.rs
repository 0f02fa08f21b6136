//! The progress review pack of a meeting, printable: each project's changes since the previous meeting of
//! the body. Agenda items link to it and to the projects.

use super::{label, percent};
use crate::AppState;
use crate::error::PageError;
use crate::extract::MaybeUser;
use crate::pages::{Layout, render};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use corridor_core::portfolio::ProjectStatus;
use corridor_core::portfolio::view::ProgressReview;

struct Block {
    id: String,
    name: String,
    status: String,
    progress: String,
    next: String,
    updates: Vec<(String, String)>,
    met: Vec<String>,
    missed: Vec<String>,
    risks: Vec<String>,
}

#[derive(Template)]
#[template(path = "progress_review.html")]
struct ReviewPage {
    layout: Layout,
    meeting_id: String,
    period: String,
    blocks: Vec<Block>,
}

pub(crate) async fn show(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let r: ProgressReview = s.store.progress_review(&user.viewer(), &id).await?;
    let period = match (&r.since, &r.previous) {
        (Some(since), Some(prev)) => format!(
            "From {since}, the day after {}, to {}.",
            prev.name.clone().unwrap_or_default(),
            r.until
        ),
        _ => format!("Up to {}: this is the body's first meeting.", r.until),
    };
    let blocks = r
        .projects
        .iter()
        .map(|p| Block {
            id: p.project.id.clone(),
            name: p.project.name.clone(),
            status: label(&p.project.status, ProjectStatus::label),
            progress: percent(p.project.progress),
            next: p.project.next_milestone.clone().unwrap_or_default(),
            updates: p
                .updates
                .iter()
                .map(|u| (u.reported_on.clone(), u.narrative.clone()))
                .collect(),
            met: p
                .met
                .iter()
                .map(|m| format!("{} ({})", m.title, m.actual_on.clone().unwrap_or_default()))
                .collect(),
            missed: p
                .missed
                .iter()
                .map(|m| {
                    format!(
                        "{} (due {})",
                        m.title,
                        m.forecast_on
                            .clone()
                            .or(m.planned_on.clone())
                            .unwrap_or_default()
                    )
                })
                .collect(),
            risks: p
                .open_risks
                .iter()
                .map(|x| format!("{} ({})", x.title, x.severity))
                .collect(),
        })
        .collect();
    let page = ReviewPage {
        layout: Layout::new(
            &s,
            user.0.as_ref(),
            format!(
                "Progress review: {}",
                r.meeting.name.clone().unwrap_or_default()
            ),
        )
        .await,
        meeting_id: r.meeting.id.clone(),
        period,
        blocks,
    };
    Ok(render(&page))
}
