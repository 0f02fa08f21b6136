//! The instruments area's JSON routes: instruments, versions of their text and the redline between two, the
//! steps of their life and where they stand.

use super::directory::history;
use super::{Data, List, data, list};
use crate::AppState;
use crate::error::AppError;
use crate::extract::{ApiJson, ApiQuery, CurrentUser, MaybeUser};
use axum::Json;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use corridor_core::ValidationErrors;
use corridor_core::ids::{ConsultationId, InstrumentId, InstrumentVersionId, ResponseId, StepId};
use corridor_core::instrument::consultation::{
    ConsultationInput, NewConsultation, NewResponse, ResponseInput,
};
use corridor_core::instrument::diff::Comparison;
use corridor_core::instrument::steps::{NewStep, StepInput};
use corridor_core::instrument::view::{
    ConsultationView, InstrumentStatusView, InstrumentView, StepView, VersionView,
};
use corridor_core::instrument::{
    InstrumentInput, NewInstrument, NewVersion, VersionInput, VersionStatus,
};
use corridor_core::view::HistoryEntry;
use corridor_store::entity::instrument;
use corridor_store::instrument::InstrumentFilter;
use serde::Deserialize;

type ApiResult<T> = Result<T, AppError>;
type Created<T> = (StatusCode, Json<Data<T>>);

/// Filters of the instrument list.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(default, deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct InstrumentQuery {
    /// `mou`, `framework_agreement`, `agreement`, `protocol`, `exchange_of_notes` or `action_plan`.
    pub(crate) kind: Option<String>,
    /// With this party.
    pub(crate) party_id: Option<String>,
    /// `draft`, `shared`, `accepted`, `signed`, `in_force` or `terminated`.
    pub(crate) stage: Option<String>,
    /// The `next` value of the previous page.
    pub(crate) after: Option<String>,
    /// Rows per page, 1 to 500.
    pub(crate) limit: Option<String>,
}

pub(crate) const STAGES: [&str; 6] = [
    "draft",
    "shared",
    "accepted",
    "signed",
    "in_force",
    "terminated",
];

impl InstrumentQuery {
    pub(crate) fn filter(&self) -> Result<InstrumentFilter, AppError> {
        let blank = |v: &Option<String>| v.clone().filter(|x| !x.trim().is_empty());
        let kind = corridor_core::input::optional_parsed(
            "kind",
            self.kind.as_deref(),
            "an instrument kind",
        )
        .map_err(|e| ValidationErrors(vec![e]))?;
        let stage = blank(&self.stage);
        if let Some(st) = &stage
            && !STAGES.contains(&st.as_str())
        {
            return Err(ValidationErrors::one(
                "stage",
                format!("must be one of {}", STAGES.join(", ")),
            )
            .into());
        }
        Ok(InstrumentFilter {
            kind,
            party_id: blank(&self.party_id),
            stage,
        })
    }

    pub(crate) fn page(&self) -> Result<corridor_store::Page, AppError> {
        super::Paging {
            after: self.after.clone(),
            limit: self.limit.clone(),
        }
        .page()
    }
}

/// Lists instruments, by title.
#[utoipa::path(get, path = "/api/v1/instruments", tag = "instruments", security((), ("bearer" = [])), params(InstrumentQuery),
    responses((status = 200, body = List<InstrumentView>), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn list_instruments(
    State(s): State<AppState>,
    user: MaybeUser,
    ApiQuery(q): ApiQuery<InstrumentQuery>,
) -> ApiResult<Json<List<InstrumentView>>> {
    Ok(list(
        s.store
            .instruments(&user.viewer(), &q.filter()?, &q.page()?)
            .await?,
    ))
}

/// Records an instrument.
#[utoipa::path(post, path = "/api/v1/instruments", tag = "instruments", request_body = InstrumentInput,
    responses((status = 201, body = Data<InstrumentView>), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn create_instrument(
    State(s): State<AppState>,
    user: CurrentUser,
    ApiJson(i): ApiJson<InstrumentInput>,
) -> ApiResult<Created<InstrumentView>> {
    let new = NewInstrument::try_from(&i)?;
    let made = s
        .store
        .create_instrument(&user.actor(), InstrumentId::new(), &new)
        .await?;
    Ok((StatusCode::CREATED, data(made)))
}

/// One instrument.
#[utoipa::path(get, path = "/api/v1/instruments/{id}", tag = "instruments", security((), ("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = Data<InstrumentView>), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn get_instrument(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> ApiResult<Json<Data<InstrumentView>>> {
    Ok(data(s.store.instrument(&user.viewer(), &id).await?))
}

/// Replaces an instrument's particulars.
#[utoipa::path(put, path = "/api/v1/instruments/{id}", tag = "instruments", params(("id" = String, Path)), request_body = InstrumentInput,
    responses((status = 200, body = Data<InstrumentView>), (status = 409, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn update_instrument(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(i): ApiJson<InstrumentInput>,
) -> ApiResult<Json<Data<InstrumentView>>> {
    let new = NewInstrument::try_from(&i)?;
    Ok(data(
        s.store.update_instrument(&user.actor(), &id, &new).await?,
    ))
}

/// An instrument's history.
#[utoipa::path(get, path = "/api/v1/instruments/{id}/history", tag = "instruments", security((), ("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = List<HistoryEntry>)))]
pub(crate) async fn instrument_history(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> ApiResult<Json<List<HistoryEntry>>> {
    history::<instrument::Entity>(&s, &user, &id).await
}

/// The versions of an instrument's text the caller may see.
#[utoipa::path(get, path = "/api/v1/instruments/{id}/versions", tag = "instruments", security((), ("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = List<VersionView>), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn list_versions(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> ApiResult<Json<List<VersionView>>> {
    let items = s.store.instrument_versions(&user.viewer(), &id).await?;
    Ok(list(corridor_store::Paged { items, next: None }))
}

/// Writes a new draft version (the caller's side is its author).
#[utoipa::path(post, path = "/api/v1/instruments/{id}/versions", tag = "instruments", params(("id" = String, Path)), request_body = VersionInput,
    responses((status = 201, body = Data<VersionView>), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn create_version(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(i): ApiJson<VersionInput>,
) -> ApiResult<Created<VersionView>> {
    let new = NewVersion::try_from(&i)?;
    let made = s
        .store
        .add_version(&user.actor(), InstrumentVersionId::new(), &id, &new)
        .await?;
    Ok((StatusCode::CREATED, data(made)))
}

/// One version with its clauses.
#[utoipa::path(get, path = "/api/v1/instrument-versions/{id}", tag = "instruments", security((), ("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = Data<VersionView>), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn get_version(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> ApiResult<Json<Data<VersionView>>> {
    Ok(data(s.store.instrument_version(&user.viewer(), &id).await?))
}

/// A new status for a version.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct VersionStatusInput {
    /// `shared` (a draft is sent to the other parties and frozen) or `agreed_text`.
    status: String,
}

/// Shares a draft, or marks a shared version as the agreed text.
#[utoipa::path(post, path = "/api/v1/instrument-versions/{id}/status", tag = "instruments", params(("id" = String, Path)), request_body = VersionStatusInput,
    responses((status = 200, body = Data<VersionView>), (status = 409, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn set_version_status(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(i): ApiJson<VersionStatusInput>,
) -> ApiResult<Json<Data<VersionView>>> {
    let to: VersionStatus = i
        .status
        .parse()
        .map_err(|e: String| ValidationErrors::one("status", e))?;
    Ok(data(
        s.store.set_version_status(&user.actor(), &id, to).await?,
    ))
}

/// A language.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct LanguageInput {
    /// `zh` or `ur`.
    language: String,
}

/// Confirms a translation whose English source changed.
#[utoipa::path(post, path = "/api/v1/instrument-versions/{id}/confirm-translation", tag = "instruments", params(("id" = String, Path)), request_body = LanguageInput,
    responses((status = 200, body = Data<VersionView>), (status = 409, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn confirm_translation(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(i): ApiJson<LanguageInput>,
) -> ApiResult<Json<Data<VersionView>>> {
    Ok(data(
        s.store
            .confirm_translation(&user.actor(), &id, &i.language)
            .await?,
    ))
}

/// Two versions to compare.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(default, deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct CompareQuery {
    /// The older version.
    pub(crate) from: String,
    /// The newer version.
    pub(crate) to: String,
    /// `en` (default), `zh` or `ur`.
    pub(crate) language: Option<String>,
}

/// The redline between two versions of one instrument, clause by clause, in one language.
#[utoipa::path(get, path = "/api/v1/instrument-versions/compare", tag = "instruments", security((), ("bearer" = [])), params(CompareQuery),
    responses((status = 200, body = Data<Comparison>), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn compare(
    State(s): State<AppState>,
    user: MaybeUser,
    ApiQuery(q): ApiQuery<CompareQuery>,
) -> ApiResult<Json<Data<Comparison>>> {
    let lang = q
        .language
        .as_deref()
        .filter(|l| !l.trim().is_empty())
        .unwrap_or("en");
    Ok(data(
        s.store
            .compare_versions(&user.viewer(), &q.from, &q.to, lang)
            .await?,
    ))
}

/// The steps of an instrument the caller may see, by date of action.
#[utoipa::path(get, path = "/api/v1/instruments/{id}/steps", tag = "instruments", security((), ("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = List<StepView>), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn list_steps(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> ApiResult<Json<List<StepView>>> {
    let items = s.store.instrument_steps(&user.viewer(), &id).await?;
    Ok(list(corridor_store::Paged { items, next: None }))
}

/// Records a step; the instrument in the body must be the one in the path.
#[utoipa::path(post, path = "/api/v1/instruments/{id}/steps", tag = "instruments", params(("id" = String, Path)), request_body = StepInput,
    responses((status = 201, body = Data<StepView>), (status = 409, body = super::openapi::ErrorEnvelope), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn create_step(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(mut i): ApiJson<StepInput>,
) -> ApiResult<Created<StepView>> {
    if i.instrument_id.as_deref().is_some_and(|x| x != id) {
        return Err(
            ValidationErrors::one("instrument_id", "must be the instrument in the path").into(),
        );
    }
    i.instrument_id = Some(id);
    let new = NewStep::try_from(&i)?;
    Ok((
        StatusCode::CREATED,
        data(s.store.add_step(&user.actor(), StepId::new(), &new).await?),
    ))
}

/// Where an instrument stands: each party's signature, consent and entry into force, and what is blocking.
#[utoipa::path(get, path = "/api/v1/instruments/{id}/status", tag = "instruments", security((), ("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = Data<InstrumentStatusView>), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn get_status(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> ApiResult<Json<Data<InstrumentStatusView>>> {
    Ok(data(s.store.instrument_status(&user.viewer(), &id).await?))
}

/// The instruments area's routes.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/instruments",
            get(list_instruments).post(create_instrument),
        )
        .route(
            "/instruments/{id}",
            get(get_instrument).put(update_instrument),
        )
        .route("/instruments/{id}/history", get(instrument_history))
        .route(
            "/instruments/{id}/versions",
            get(list_versions).post(create_version),
        )
        .route("/instruments/{id}/steps", get(list_steps).post(create_step))
        .route("/instruments/{id}/status", get(get_status))
        .route("/instrument-versions/compare", get(compare))
        .route("/instrument-versions/{id}", get(get_version))
        .route("/instrument-versions/{id}/status", post(set_version_status))
        .route(
            "/instrument-versions/{id}/confirm-translation",
            post(confirm_translation),
        )
}

/// The consultations on an instrument the caller may see.
#[utoipa::path(get, path = "/api/v1/instruments/{id}/consultations", tag = "instruments", security((), ("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = List<ConsultationView>), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn list_consultations(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> ApiResult<Json<List<ConsultationView>>> {
    let items = s.store.consultations(&user.viewer(), &id).await?;
    Ok(list(corridor_store::Paged { items, next: None }))
}

/// Opens a consultation on a version the caller's side wrote.
#[utoipa::path(post, path = "/api/v1/consultations", tag = "instruments", request_body = ConsultationInput,
    responses((status = 201, body = Data<ConsultationView>), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn open_consultation(
    State(s): State<AppState>,
    user: CurrentUser,
    ApiJson(i): ApiJson<ConsultationInput>,
) -> ApiResult<Created<ConsultationView>> {
    let new = NewConsultation::try_from(&i)?;
    let made = s
        .store
        .open_consultation(&user.actor(), ConsultationId::new(), &new)
        .await?;
    Ok((StatusCode::CREATED, data(made)))
}

/// One consultation with its answers and who has not answered.
#[utoipa::path(get, path = "/api/v1/consultations/{id}", tag = "instruments", security((), ("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = Data<ConsultationView>), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn get_consultation(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> ApiResult<Json<Data<ConsultationView>>> {
    Ok(data(s.store.consultation(&user.viewer(), &id).await?))
}

/// Records an organisation's answer; the consultation in the body must be the one in the path.
#[utoipa::path(post, path = "/api/v1/consultations/{id}/responses", tag = "instruments", params(("id" = String, Path)), request_body = ResponseInput,
    responses((status = 201, body = Data<ConsultationView>), (status = 409, body = super::openapi::ErrorEnvelope), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn record_response(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(mut i): ApiJson<ResponseInput>,
) -> ApiResult<Created<ConsultationView>> {
    if i.consultation_id.as_deref().is_some_and(|x| x != id) {
        return Err(ValidationErrors::one(
            "consultation_id",
            "must be the consultation in the path",
        )
        .into());
    }
    i.consultation_id = Some(id);
    let new = NewResponse::try_from(&i)?;
    let made = s
        .store
        .record_response(&user.actor(), ResponseId::new(), &new)
        .await?;
    Ok((StatusCode::CREATED, data(made)))
}

/// What the author side did with a comment.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct TakeUpInput {
    /// Whether the comment is taken up.
    taken_up: bool,
    /// Why; required when it is not.
    #[serde(default)]
    reason: Option<String>,
}

/// Marks comment `index` (from 0) of a response as taken up or not.
#[utoipa::path(post, path = "/api/v1/consultation-responses/{id}/comments/{index}", tag = "instruments",
    params(("id" = String, Path), ("index" = usize, Path)), request_body = TakeUpInput,
    responses((status = 200, body = Data<ConsultationView>), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn take_up(
    State(s): State<AppState>,
    user: CurrentUser,
    Path((id, index)): Path<(String, String)>,
    ApiJson(i): ApiJson<TakeUpInput>,
) -> ApiResult<Json<Data<ConsultationView>>> {
    let index: usize = index.parse().map_err(|_| {
        crate::error::AppError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            format!("index: “{index}” is not a comment's number; they count from 0"),
        )
        .field("index")
    })?;
    Ok(data(
        s.store
            .take_up_comment(&user.actor(), &id, index, i.taken_up, i.reason.as_deref())
            .await?,
    ))
}

/// The consultation routes.
pub(crate) fn consultation_routes() -> Router<AppState> {
    Router::new()
        .route("/instruments/{id}/consultations", get(list_consultations))
        .route("/consultations", post(open_consultation))
        .route("/consultations/{id}", get(get_consultation))
        .route("/consultations/{id}/responses", post(record_response))
        .route(
            "/consultation-responses/{id}/comments/{index}",
            post(take_up),
        )
}
