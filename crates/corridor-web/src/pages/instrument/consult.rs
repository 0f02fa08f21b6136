//! Consultations on the instrument page: who has not answered, every comment beside its clause with what
//! became of it, and the forms to open a consultation, record an answer and take a comment up.

use crate::AppState;
use crate::error::{AppError, PageError};
use crate::extract::CsrfForm;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use corridor_core::ids::{ConsultationId, ResponseId};
use corridor_core::instrument::consultation::{
    ConsultationInput, NewConsultation, NewResponse, Position, ResponseInput,
};
use corridor_core::instrument::text::flatten;
use corridor_core::instrument::view::{ConsultationView, VersionView};
use serde::Deserialize;

/// One comment as a row.
pub(crate) struct CommentRow {
    pub clause: String,
    pub organisation: String,
    pub answered: String,
    pub text: String,
    pub outcome: String,
    pub response_id: String,
    pub index: usize,
    pub open: bool,
}

/// A consultation as the page shows it.
pub(crate) struct ConsultationBlock {
    pub id: String,
    pub title: String,
    pub version: String,
    pub deadline: String,
    pub not_answered: Vec<(String, String)>,
    pub positions: Vec<String>,
    pub comments: Vec<CommentRow>,
    pub can_edit: bool,
}

fn name(r: &corridor_core::view::Ref) -> String {
    r.name
        .clone()
        .unwrap_or_else(|| "(not visible to you)".into())
}

/// The blocks, with each comment's clause numbered as in the version consulted on.
pub(crate) fn blocks(
    list: &[ConsultationView],
    versions: &[VersionView],
) -> Vec<ConsultationBlock> {
    list.iter()
        .map(|c| {
            let version = versions.iter().find(|v| v.id == c.version_id);
            let number_of = |key: &str| {
                version
                    .and_then(|v| {
                        flatten(&v.clauses)
                            .into_iter()
                            .find(|x| x.key == key)
                            .map(|x| x.number.clone())
                    })
                    .unwrap_or_default()
            };
            let mut comments = Vec::new();
            let mut positions = Vec::new();
            for r in &c.responses {
                let late = if r.late { ", late" } else { "" };
                let answered = format!("{}{late}", r.responded_on);
                let position = r
                    .position
                    .parse::<Position>()
                    .map_or(r.position.clone(), |p| p.label().to_owned());
                positions.push(format!(
                    "{}: {} ({answered})",
                    name(&r.organisation),
                    position.to_lowercase()
                ));
                for (index, cm) in r.comments.iter().enumerate() {
                    let outcome = match (cm.taken_up, &cm.reason) {
                        (None, _) => String::new(),
                        (Some(true), Some(why)) => format!("taken up: {why}"),
                        (Some(true), None) => "taken up".into(),
                        (Some(false), why) => {
                            format!("not taken up: {}", why.clone().unwrap_or_default())
                        }
                    };
                    comments.push(CommentRow {
                        clause: format!("{} [{}]", number_of(&cm.clause_key), cm.clause_key),
                        organisation: name(&r.organisation),
                        answered: answered.clone(),
                        text: cm.text.clone(),
                        open: cm.taken_up.is_none(),
                        outcome,
                        response_id: r.id.clone(),
                        index,
                    });
                }
            }
            comments.sort_by(|a, b| a.clause.cmp(&b.clause));
            ConsultationBlock {
                id: c.id.clone(),
                title: c.title.clone(),
                version: version.map_or_else(String::new, |v| {
                    format!("version {}: {}", v.number, v.label)
                }),
                deadline: c.deadline.clone(),
                not_answered: c
                    .not_answered
                    .iter()
                    .map(|o| (o.id.clone(), name(o)))
                    .collect(),
                positions,
                comments,
                can_edit: c.access.can_edit,
            }
        })
        .collect()
}

pub(crate) async fn open(
    State(s): State<AppState>,
    Path(id): Path<String>,
    form: CsrfForm<ConsultationInput>,
) -> Result<Response, PageError> {
    let new = NewConsultation::try_from(&form.form)?;
    s.store
        .open_consultation(&form.user.actor(), ConsultationId::new(), &new)
        .await?;
    Ok(Redirect::to(&format!("/instruments/{id}#consultations")).into_response())
}

pub(crate) async fn respond(
    State(s): State<AppState>,
    Path((id, consultation)): Path<(String, String)>,
    form: CsrfForm<ResponseInput>,
) -> Result<Response, PageError> {
    let mut input = form.form.clone();
    input.consultation_id = Some(consultation);
    let new = NewResponse::try_from(&input)?;
    s.store
        .record_response(&form.user.actor(), ResponseId::new(), &new)
        .await?;
    Ok(Redirect::to(&format!("/instruments/{id}#consultations")).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TakeUpForm {
    taken_up: String,
    #[serde(default)]
    reason: Option<String>,
}

pub(crate) async fn take_up(
    State(s): State<AppState>,
    Path((id, response, index)): Path<(String, String, usize)>,
    form: CsrfForm<TakeUpForm>,
) -> Result<Response, PageError> {
    let taken_up = match form.form.taken_up.as_str() {
        "true" => true,
        "false" => false,
        _ => {
            return Err(AppError::from(corridor_core::ValidationErrors::one(
                "taken_up",
                "must be true or false",
            ))
            .into());
        }
    };
    s.store
        .take_up_comment(
            &form.user.actor(),
            &response,
            index,
            taken_up,
            form.form.reason.as_deref(),
        )
        .await?;
    Ok(Redirect::to(&format!("/instruments/{id}#consultations")).into_response())
}
