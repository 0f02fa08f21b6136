//! The directory's JSON routes: parties, organisations, people and memberships.

use super::{Data, List, Paging, data, list};
use crate::AppState;
use crate::error::AppError;
use crate::extract::{ApiJson, ApiQuery, CurrentUser, MaybeUser};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use corridor_core::directory::*;
use corridor_core::ids::{MembershipId, OrganisationId, PartyId, PersonId};
use corridor_core::view::{HistoryEntry, MembershipView, OrganisationView, PartyView, PersonView};
use corridor_store::directory::{MembershipFilter, OrganisationFilter, PersonFilter};
use corridor_store::entity::{membership, organisation, party, person};
use serde::Deserialize;

type ApiResult<T> = Result<T, AppError>;
type Created<T> = (StatusCode, Json<Data<T>>);

/// Filters of the organisation list.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(default, deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct OrganisationQuery {
    /// Only this party's organisations.
    party_id: Option<String>,
    /// Only this kind.
    kind: Option<String>,
    /// Only parts of this organisation.
    parent_id: Option<String>,
    /// Name contains this text.
    q: Option<String>,
    /// The `next` value of the previous page.
    after: Option<String>,
    /// Rows per page, 1 to 500.
    limit: Option<String>,
}

/// Filters of the people list.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(default, deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct PersonQuery {
    /// Only this party's people.
    party_id: Option<String>,
    /// Name, title or e-mail contains this text.
    q: Option<String>,
    /// The `next` value of the previous page.
    after: Option<String>,
    /// Rows per page, 1 to 500.
    limit: Option<String>,
}

/// Filters of the membership list.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(default, deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct MembershipQuery {
    /// Only this person's memberships.
    person_id: Option<String>,
    /// Only memberships in this organisation.
    organisation_id: Option<String>,
    /// The `next` value of the previous page.
    after: Option<String>,
    /// Rows per page, 1 to 500.
    limit: Option<String>,
}

fn paging(after: &Option<String>, limit: &Option<String>) -> ApiResult<corridor_store::Page> {
    Paging {
        after: after.clone(),
        limit: limit.clone(),
    }
    .page()
}

/// Lists the parties of the framework.
#[utoipa::path(get, path = "/api/v1/parties", tag = "directory", security((), ("bearer" = [])), responses((status = 200, body = List<PartyView>)))]
pub(crate) async fn list_parties(
    State(s): State<AppState>,
    user: MaybeUser,
) -> ApiResult<Json<List<PartyView>>> {
    let items = s.store.parties(&user.viewer()).await?;
    Ok(list(corridor_store::Paged { items, next: None }))
}

/// Adds a party (administrators).
#[utoipa::path(post, path = "/api/v1/parties", tag = "directory", request_body = PartyInput,
    responses((status = 201, body = Data<PartyView>), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn create_party(
    State(s): State<AppState>,
    user: CurrentUser,
    ApiJson(input): ApiJson<PartyInput>,
) -> ApiResult<Created<PartyView>> {
    let new = NewParty::try_from(&input)?;
    Ok((
        StatusCode::CREATED,
        data(
            s.store
                .create_party(&user.actor(), PartyId::new(), &new)
                .await?,
        ),
    ))
}

/// One party.
#[utoipa::path(get, path = "/api/v1/parties/{id}", tag = "directory", security((), ("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = Data<PartyView>), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn get_party(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> ApiResult<Json<Data<PartyView>>> {
    Ok(data(s.store.party(&user.viewer(), &id).await?))
}

/// Replaces a party's details (administrators of that party).
#[utoipa::path(put, path = "/api/v1/parties/{id}", tag = "directory", params(("id" = String, Path)), request_body = PartyInput,
    responses((status = 200, body = Data<PartyView>), (status = 409, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn update_party(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<PartyInput>,
) -> ApiResult<Json<Data<PartyView>>> {
    let new = NewParty::try_from(&input)?;
    Ok(data(s.store.update_party(&user.actor(), &id, &new).await?))
}

/// A party's history.
#[utoipa::path(get, path = "/api/v1/parties/{id}/history", tag = "directory", security((), ("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = List<HistoryEntry>), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn party_history(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> ApiResult<Json<List<HistoryEntry>>> {
    history::<party::Entity>(&s, &user, &id).await
}

pub(crate) async fn history<E: corridor_store::access::Audited>(
    s: &AppState,
    user: &MaybeUser,
    id: &str,
) -> ApiResult<Json<List<HistoryEntry>>> {
    let items = s.store.history::<E>(&user.viewer(), id).await?;
    Ok(list(corridor_store::Paged { items, next: None }))
}

/// Lists organisations, by name.
#[utoipa::path(get, path = "/api/v1/organisations", tag = "directory", security((), ("bearer" = [])), params(OrganisationQuery),
    responses((status = 200, body = List<OrganisationView>), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn list_organisations(
    State(s): State<AppState>,
    user: MaybeUser,
    ApiQuery(q): ApiQuery<OrganisationQuery>,
) -> ApiResult<Json<List<OrganisationView>>> {
    let kind =
        corridor_core::input::optional_parsed("kind", q.kind.as_deref(), "an organisation kind")
            .map_err(|e| AppError::from(corridor_core::ValidationErrors(vec![e])))?;
    let filter = OrganisationFilter {
        party_id: q.party_id,
        kind,
        parent_id: q.parent_id,
        q: q.q,
    };
    Ok(list(
        s.store
            .organisations(&user.viewer(), &filter, &paging(&q.after, &q.limit)?)
            .await?,
    ))
}

/// Adds an organisation.
#[utoipa::path(post, path = "/api/v1/organisations", tag = "directory", request_body = OrganisationInput,
    responses((status = 201, body = Data<OrganisationView>), (status = 409, body = super::openapi::ErrorEnvelope), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn create_organisation(
    State(s): State<AppState>,
    user: CurrentUser,
    ApiJson(input): ApiJson<OrganisationInput>,
) -> ApiResult<Created<OrganisationView>> {
    let new = NewOrganisation::try_from(&input)?;
    Ok((
        StatusCode::CREATED,
        data(
            s.store
                .create_organisation(&user.actor(), OrganisationId::new(), &new)
                .await?,
        ),
    ))
}

/// One organisation.
#[utoipa::path(get, path = "/api/v1/organisations/{id}", tag = "directory", security((), ("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = Data<OrganisationView>), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn get_organisation(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> ApiResult<Json<Data<OrganisationView>>> {
    Ok(data(s.store.organisation(&user.viewer(), &id).await?))
}

/// Replaces an organisation's details; send `version` to refuse overwriting a newer change.
#[utoipa::path(put, path = "/api/v1/organisations/{id}", tag = "directory", params(("id" = String, Path)), request_body = OrganisationInput,
    responses((status = 200, body = Data<OrganisationView>), (status = 409, body = super::openapi::ErrorEnvelope), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn update_organisation(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<OrganisationInput>,
) -> ApiResult<Json<Data<OrganisationView>>> {
    let new = NewOrganisation::try_from(&input)?;
    Ok(data(
        s.store
            .update_organisation(&user.actor(), &id, &new)
            .await?,
    ))
}

/// An organisation's history.
#[utoipa::path(get, path = "/api/v1/organisations/{id}/history", tag = "directory", security((), ("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = List<HistoryEntry>), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn organisation_history(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> ApiResult<Json<List<HistoryEntry>>> {
    history::<organisation::Entity>(&s, &user, &id).await
}

/// Lists people, by name.
#[utoipa::path(get, path = "/api/v1/people", tag = "directory", security((), ("bearer" = [])), params(PersonQuery), responses((status = 200, body = List<PersonView>)))]
pub(crate) async fn list_people(
    State(s): State<AppState>,
    user: MaybeUser,
    ApiQuery(q): ApiQuery<PersonQuery>,
) -> ApiResult<Json<List<PersonView>>> {
    let filter = PersonFilter {
        party_id: q.party_id,
        q: q.q,
    };
    Ok(list(
        s.store
            .people(&user.viewer(), &filter, &paging(&q.after, &q.limit)?)
            .await?,
    ))
}

/// Adds a person.
#[utoipa::path(post, path = "/api/v1/people", tag = "directory", request_body = PersonInput,
    responses((status = 201, body = Data<PersonView>), (status = 409, body = super::openapi::ErrorEnvelope), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn create_person(
    State(s): State<AppState>,
    user: CurrentUser,
    ApiJson(input): ApiJson<PersonInput>,
) -> ApiResult<Created<PersonView>> {
    let new = NewPerson::try_from(&input)?;
    Ok((
        StatusCode::CREATED,
        data(
            s.store
                .create_person(&user.actor(), PersonId::new(), &new)
                .await?,
        ),
    ))
}

/// One person.
#[utoipa::path(get, path = "/api/v1/people/{id}", tag = "directory", security((), ("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = Data<PersonView>), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn get_person(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> ApiResult<Json<Data<PersonView>>> {
    Ok(data(s.store.person(&user.viewer(), &id).await?))
}

/// Replaces a person's details.
#[utoipa::path(put, path = "/api/v1/people/{id}", tag = "directory", params(("id" = String, Path)), request_body = PersonInput,
    responses((status = 200, body = Data<PersonView>), (status = 409, body = super::openapi::ErrorEnvelope), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn update_person(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<PersonInput>,
) -> ApiResult<Json<Data<PersonView>>> {
    let new = NewPerson::try_from(&input)?;
    Ok(data(s.store.update_person(&user.actor(), &id, &new).await?))
}

/// A person's history.
#[utoipa::path(get, path = "/api/v1/people/{id}/history", tag = "directory", security((), ("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = List<HistoryEntry>), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn person_history(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> ApiResult<Json<List<HistoryEntry>>> {
    history::<person::Entity>(&s, &user, &id).await
}

/// Lists memberships.
#[utoipa::path(get, path = "/api/v1/memberships", tag = "directory", security((), ("bearer" = [])), params(MembershipQuery), responses((status = 200, body = List<MembershipView>)))]
pub(crate) async fn list_memberships(
    State(s): State<AppState>,
    user: MaybeUser,
    ApiQuery(q): ApiQuery<MembershipQuery>,
) -> ApiResult<Json<List<MembershipView>>> {
    let filter = MembershipFilter {
        person_id: q.person_id,
        organisation_id: q.organisation_id,
        ending_within_days: None,
    };
    Ok(list(
        s.store
            .memberships(&user.viewer(), &filter, &paging(&q.after, &q.limit)?)
            .await?,
    ))
}

/// Records a membership.
#[utoipa::path(post, path = "/api/v1/memberships", tag = "directory", request_body = MembershipInput,
    responses((status = 201, body = Data<MembershipView>), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn create_membership(
    State(s): State<AppState>,
    user: CurrentUser,
    ApiJson(input): ApiJson<MembershipInput>,
) -> ApiResult<Created<MembershipView>> {
    let new = NewMembership::try_from(&input)?;
    Ok((
        StatusCode::CREATED,
        data(
            s.store
                .create_membership(&user.actor(), MembershipId::new(), &new)
                .await?,
        ),
    ))
}

/// One membership.
#[utoipa::path(get, path = "/api/v1/memberships/{id}", tag = "directory", security((), ("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = Data<MembershipView>), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn get_membership(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> ApiResult<Json<Data<MembershipView>>> {
    Ok(data(s.store.membership(&user.viewer(), &id).await?))
}

/// Replaces a membership's details.
#[utoipa::path(put, path = "/api/v1/memberships/{id}", tag = "directory", params(("id" = String, Path)), request_body = MembershipInput,
    responses((status = 200, body = Data<MembershipView>), (status = 409, body = super::openapi::ErrorEnvelope), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn update_membership(
    State(s): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<MembershipInput>,
) -> ApiResult<Json<Data<MembershipView>>> {
    let new = NewMembership::try_from(&input)?;
    Ok(data(
        s.store.update_membership(&user.actor(), &id, &new).await?,
    ))
}

/// A membership's history.
#[utoipa::path(get, path = "/api/v1/memberships/{id}/history", tag = "directory", security((), ("bearer" = [])), params(("id" = String, Path)),
    responses((status = 200, body = List<HistoryEntry>), (status = 404, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn membership_history(
    State(s): State<AppState>,
    user: MaybeUser,
    Path(id): Path<String>,
) -> ApiResult<Json<List<HistoryEntry>>> {
    history::<membership::Entity>(&s, &user, &id).await
}
