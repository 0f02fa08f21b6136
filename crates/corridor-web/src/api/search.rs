//! `/api/v1/search`: the one search over every record the caller may see, with facets and highlighted
//! passages. The search page calls the same function.

use super::{Data, data};
use crate::AppState;
use crate::error::AppError;
use crate::extract::{ApiQuery, MaybeUser};
use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::routing::get;
use corridor_core::search::{Area, Facets, Filters, MAX_PAGE, MAX_QUERY, Results};
use corridor_core::{FieldError, ValidationErrors, Viewer};
use serde::Deserialize;

/// What to search for. Every filter is optional; `q` is needed for any result.
#[derive(Clone, Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(default, deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct SearchQuery {
    /// The words, in any of the three languages. Every word must appear; `"…"` makes a phrase, `-word`
    /// excludes one.
    pub q: Option<String>,
    /// Only this area: meetings, register, instruments, portfolio, studies, exchanges, results, directory.
    pub area: Option<String>,
    /// Only records of this body (its id).
    pub body: Option<String>,
    /// Only records owned by this party (its id).
    pub party: Option<String>,
    /// Only records in this status or state.
    pub status: Option<String>,
    /// Only records of this year.
    pub year: Option<String>,
    /// The page, from 1; 20 results a page.
    pub page: Option<String>,
}

/// Results on a page.
pub(crate) const PER_PAGE: usize = 20;

fn clean(v: Option<&String>) -> Option<String> {
    v.map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

impl SearchQuery {
    /// The words, the filters and the page (from 1), or every problem by parameter.
    pub(crate) fn parse(&self) -> Result<(String, Filters, usize), ValidationErrors> {
        let mut errors = Vec::new();
        let q = clean(self.q.as_ref()).unwrap_or_default();
        if q.chars().count() > MAX_QUERY {
            errors.push(FieldError::new(
                "q",
                format!("is longer than {MAX_QUERY} characters; search with fewer words"),
            ));
        }
        let area = match clean(self.area.as_ref()).map(|a| a.parse::<Area>()) {
            Some(Ok(a)) => Some(a),
            Some(Err(e)) => {
                errors.push(FieldError::new("area", e));
                None
            }
            None => None,
        };
        let year = match clean(self.year.as_ref()).map(|y| y.parse::<i32>()) {
            Some(Ok(y)) if (1900..=2200).contains(&y) => Some(y),
            Some(_) => {
                errors.push(FieldError::new("year", "must be a year such as 2025"));
                None
            }
            None => None,
        };
        let page = match clean(self.page.as_ref()).map(|p| p.parse::<usize>()) {
            Some(Ok(p)) if (1..=500).contains(&p) => p,
            Some(_) => {
                errors.push(FieldError::new(
                    "page",
                    "must be a page number from 1 to 500",
                ));
                1
            }
            None => 1,
        };
        if !errors.is_empty() {
            return Err(ValidationErrors(errors));
        }
        let filters = Filters {
            area,
            body: clean(self.body.as_ref()),
            party: clean(self.party.as_ref()),
            status: clean(self.status.as_ref()),
            year,
        };
        Ok((q, filters, page))
    }
}

/// Runs a search for `viewer` and names the bodies and parties in its facets.
pub(crate) async fn run(
    s: &AppState,
    viewer: &Viewer,
    q: &str,
    filters: &Filters,
    page: usize,
) -> Result<Results, AppError> {
    let offset = (page - 1) * PER_PAGE;
    let mut results = s
        .search
        .search(&s.store, viewer, q, filters, offset, PER_PAGE.min(MAX_PAGE))
        .await
        .map_err(|e| AppError::internal(&e))?;
    label(s, viewer, &mut results.facets).await?;
    Ok(results)
}

async fn label(s: &AppState, viewer: &Viewer, facets: &mut Facets) -> Result<(), AppError> {
    let ids: Vec<String> = facets
        .body
        .iter()
        .chain(&facets.party)
        .map(|f| f.value.clone())
        .collect();
    if ids.is_empty() {
        return Ok(());
    }
    let names = s.store.names(viewer, &ids).await?;
    for f in facets.body.iter_mut().chain(facets.party.iter_mut()) {
        if let Some(n) = names.get(&f.value) {
            f.label.clone_from(n);
        }
    }
    Ok(())
}

/// Searches every record the caller may see: meetings and minutes, the register, instruments with their
/// clauses in every language, projects and their updates, studies and reports, exchanges, companies,
/// indicators, people, organisations and bodies, and the text of attached files. Facet counts include
/// only what the caller may see.
#[utoipa::path(get, path = "/api/v1/search", tag = "search", security((), ("bearer" = [])), params(SearchQuery),
    responses((status = 200, body = Data<Results>), (status = 422, body = super::openapi::ErrorEnvelope)))]
pub(crate) async fn search(
    State(s): State<AppState>,
    user: MaybeUser,
    ApiQuery(q): ApiQuery<SearchQuery>,
) -> Result<Json<Data<Results>>, AppError> {
    let (words, filters, page) = q.parse()?;
    Ok(data(run(&s, &user.viewer(), &words, &filters, page).await?))
}

pub(crate) fn routes() -> Router<AppState> {
    Router::new().route("/search", get(search))
}
