//! The OpenAPI document of `/api/v1`, generated from the handlers and types themselves.

use super::{
    accession, account, alerts, attachment, business, directory, exchange, iati, instrument,
    meeting, minutes, portfolio, register, results, search, study,
};
use axum::Json;
use serde::Serialize;
use utoipa::OpenApi;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};

/// Every error: a code for programs, a message for people, the field at fault when there is one.
#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct ErrorEnvelope {
    error: ErrorBody,
}

/// The error itself.
#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct ErrorBody {
    /// `not_found`, `invalid`, `conflict`, `forbidden`, `unauthenticated`, `malformed_json`, `too_large`…
    code: String,
    /// What went wrong, in words.
    message: String,
    /// The input field at fault.
    field: Option<String>,
    /// Every field problem, when there are several.
    details: Option<Vec<corridor_core::FieldError>>,
}

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("`corridor user token USERNAME` prints one"))
                    .build(),
            ),
        );
        doc.security = Some(vec![utoipa::openapi::security::SecurityRequirement::new(
            "bearer",
            Vec::<String>::new(),
        )]);
    }
}

/// Every operation's errors: the same envelope for each status, so a client handles them in one place.
struct ErrorResponses;

impl utoipa::Modify for ErrorResponses {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};
        let error = ResponseBuilder::new()
            .description(
                "An error, in the envelope every error shares; `error.code` says which: `malformed_json` or \
                 `unreadable_body` (400), `unauthenticated` (401), `forbidden` (403), `not_found` (404, also for \
                 records the caller may not see), `conflict` (409, an edit of a version that has changed), \
                 `too_large` (413), `unsupported_media_type` (415), `invalid` (422, naming the field at fault) or \
                 `pdf_unavailable` (503).",
            )
            .content(
                "application/json",
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name("ErrorEnvelope")))
                    .build(),
            )
            .build();
        for item in doc.paths.paths.values_mut() {
            let operations = [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ];
            for op in operations.into_iter().flatten() {
                op.responses
                    .responses
                    .entry("default".into())
                    .or_insert_with(|| RefOr::T(error.clone()));
            }
        }
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Corridor API", description = "The secretariat of an intergovernmental cooperation programme: directory, audit trail and more. Records the caller may not see answer 404, exactly like records that do not exist."),
    modifiers(&BearerAuth, &ErrorResponses),
    paths(
        directory::list_parties, directory::create_party, directory::get_party, directory::update_party, directory::party_history,
        directory::list_organisations, directory::create_organisation, directory::get_organisation, directory::update_organisation, directory::organisation_history,
        directory::list_people, directory::create_person, directory::get_person, directory::update_person, directory::person_history,
        directory::list_memberships, directory::create_membership, directory::get_membership, directory::update_membership, directory::membership_history,
        account::list_users, account::create_user, account::get_user, account::update_user, account::user_history,
        account::get_me, account::set_time_zone, account::list_tokens, account::create_token, account::revoke_token, account::list_events,
        meeting::list_bodies, meeting::create_body, meeting::get_body, meeting::update_body, meeting::body_history,
        meeting::list_meetings, meeting::create_meeting, meeting::get_meeting, meeting::update_meeting, meeting::meeting_history,
        meeting::change_state, meeting::get_agenda, meeting::matters_arising, meeting::create_agenda_item, meeting::update_agenda_item,
        meeting::list_briefing_notes, meeting::create_briefing_note, register::list_register, register::create_outcome,
        register::get_register_item, register::update_outcome, register::register_history, register::list_reviews, register::create_review,
        minutes::get_minutes, minutes::write_minutes, minutes::circulate, minutes::propose_redline, minutes::finish_review,
        minutes::decide, minutes::agree, minutes::sign, minutes::record,
        meeting::list_delegations, meeting::create_delegate, meeting::update_delegate,
        instrument::list_instruments, instrument::create_instrument, instrument::get_instrument, instrument::update_instrument,
        instrument::instrument_history, instrument::list_versions, instrument::create_version, instrument::get_version,
        instrument::set_version_status, instrument::confirm_translation, instrument::compare, instrument::list_steps,
        instrument::create_step, instrument::get_status, instrument::list_consultations, instrument::open_consultation,
        instrument::get_consultation, instrument::record_response, instrument::take_up,
        accession::list_accessions, accession::request_accession, accession::get_accession, accession::decide_accession,
        portfolio::list_projects, portfolio::create_project, portfolio::get_project, portfolio::update_project,
        portfolio::project_history, portfolio::create_milestone, portfolio::update_milestone, portfolio::set_weights,
        portfolio::create_update, portfolio::list_finance, portfolio::create_finance, portfolio::create_risk,
        portfolio::update_risk, portfolio::progress_review, iati::activities,
        study::list_studies, study::create_study, study::get_study, study::study_history, study::add_expert, study::add_recommendation,
        study::move_study, study::assess, study::upload_report, study::download_report,
        exchange::list_exchanges, exchange::create_exchange, exchange::get_exchange, exchange::exchange_history,
        exchange::set_status, exchange::report, exchange::nominate, exchange::add_programme, exchange::decide,
        exchange::attendance, exchange::issue_letter, exchange::download_letter,
        business::overview, business::list_companies, business::create_company, business::get_company,
        business::create_matchmaking, business::get_matchmaking, business::create_mou, business::get_mou,
        business::create_intention, business::get_intention, business::move_intention,
        results::framework, results::create_result, results::get_result, results::create_indicator,
        results::get_indicator, results::indicator_history, results::period_history, results::set_target,
        results::report_actual, results::report_dated, results::validate, results::withdraw, results::lock,
        attachment::upload, attachment::list_attachments, attachment::download,
        alerts::inbox, alerts::mark_read, alerts::follows, alerts::follow, alerts::unfollow,
        alerts::settings, alerts::set_settings, alerts::webhooks, alerts::create_webhook,
        alerts::delete_webhook, search::search,
    ),
    components(schemas(ErrorEnvelope, ErrorBody, corridor_core::FieldError, corridor_core::instrument::text::Clause))
)]
struct ApiDoc;

/// The OpenAPI document as JSON.
pub fn openapi_document() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

pub(crate) async fn serve_openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(openapi_document())
}
