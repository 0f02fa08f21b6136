//! The portfolio as an IATI 2.03 activities file: the projects both sides share or the public may see, as the
//! caller may see them, with their results. Anonymous callers get the public ones.

use crate::AppState;
use crate::error::AppError;
use crate::extract::MaybeUser;
use axum::Router;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use corridor_core::iati::{Narratives, Reporter};

/// The portfolio as IATI 2.03 activities (XML). Projects that cannot be IATI activities (no start date, no
/// organisation that may be published) are named in a comment at the top.
#[utoipa::path(get, path = "/api/v1/iati/activities.xml", tag = "portfolio", security((), ("bearer" = [])),
    responses((status = 200, description = "An IATI 2.03 activities file", content_type = "application/xml", body = String)))]
pub(crate) async fn activities(
    State(s): State<AppState>,
    user: MaybeUser,
) -> Result<Response, AppError> {
    let publisher = s.config.iati_publisher.trim().to_owned();
    let portfolio = s.store.iati_portfolio(&user.viewer(), &publisher).await?;
    let reporter = Reporter {
        reference: publisher,
        kind: "10",
        name: Narratives::en(s.config.iati_publisher_name.as_str()),
    };
    let now = corridor_core::now();
    let generated = now
        .replace_nanosecond(0)
        .unwrap_or(now)
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    let xml = corridor_formats::iati::activities(
        &reporter,
        &generated,
        &portfolio.activities,
        &portfolio.skipped,
    );
    Ok((
        [
            (header::CONTENT_TYPE, "application/xml; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"corridor-iati-activities.xml\"",
            ),
        ],
        xml,
    )
        .into_response())
}

pub(crate) fn routes() -> Router<AppState> {
    Router::new().route("/iati/activities.xml", get(activities))
}
