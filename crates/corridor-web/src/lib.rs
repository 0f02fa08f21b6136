//! The web application: server-rendered pages that work without JavaScript, the `/api/v1` JSON API with its
//! OpenAPI document, sign-in with sessions and API tokens. Handlers are thin: extract, parse into a core
//! command, call one store operation, render.

mod api;
// The dispatcher's and the indexer's loops, which the binary spawns, return boxed futures
// (`#[async_recursion]`), for the reason `corridor_store`'s `boxed` gives: compiled once, here.
pub mod dispatch;
mod dispatch_public;
mod error;
mod extract;
mod i18n;
pub mod iati_import;
mod letter;
mod limiter;
mod pages;
pub mod search;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::header;
use corridor_core::config::Config;
use corridor_formats::pdf::FontSet;
use corridor_store::Store;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

pub use api::openapi_document;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    /// The store.
    pub store: Store,
    /// The configuration.
    pub config: Arc<Config>,
    /// Failed sign-ins per account and per address.
    pub(crate) limiter: Arc<limiter::LoginLimiter>,
    /// The PDF fonts, loaded at the first PDF and kept; a failed load is retried, so installing the
    /// packages needs no restart.
    pub(crate) fonts: Arc<Mutex<Option<Arc<FontSet>>>>,
    /// The search index and what keeps it current.
    pub search: Arc<search::Indexer>,
}

impl AppState {
    /// State over `store` with `config`.
    pub fn new(store: Store, config: Config) -> Self {
        let limiter =
            limiter::LoginLimiter::new(config.login_attempts, config.login_window_minutes);
        AppState {
            store,
            config: Arc::new(config),
            limiter: Arc::new(limiter),
            fonts: Arc::default(),
            search: Arc::new(search::Indexer::new(
                corridor_search::SearchIndex::in_memory(),
            )),
        }
    }

    /// The same state searching `index` (the one in the data folder) instead of one in memory.
    #[must_use]
    pub fn with_search_index(mut self, index: corridor_search::SearchIndex) -> Self {
        self.search = Arc::new(search::Indexer::new(index));
        self
    }

    /// The PDF fonts from the configured folders. Blocking: call it off the async threads.
    pub(crate) fn pdf_fonts(&self) -> Result<Arc<FontSet>, String> {
        let mut slot = self
            .fonts
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(f) = slot.as_ref() {
            return Ok(f.clone());
        }
        let loaded = Arc::new(FontSet::load_default(&self.config.font_dirs)?);
        *slot = Some(loaded.clone());
        Ok(loaded)
    }
}

/// The whole application: pages, API, health check, with request ids, tracing and a body limit.
pub fn build_app(state: AppState) -> Router {
    let limit = state.config.max_body_bytes;
    Router::new()
        .merge(pages::router())
        .nest("/api/v1", api::router())
        .route("/healthz", axum::routing::get(healthz))
        .layer(DefaultBodyLimit::max(limit))
        .layer(axum::middleware::from_fn(i18n::layer))
        // No browser may second-guess a declared type (a calendar or a file as HTML), and links to other sites
        // are not told which page they came from.
        .layer(always(
            header::CONTENT_SECURITY_POLICY,
            CONTENT_SECURITY_POLICY,
        ))
        .layer(always(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(always(header::X_FRAME_OPTIONS, "DENY"))
        .layer(always(header::REFERRER_POLICY, "same-origin"))
        .layer(TraceLayer::new_for_http())
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .with_state(state)
}

/// The content security policy of every page: the interface runs no script at all, so none may run (not even
/// one a typed text smuggled in), and no other site may frame it.
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'none'; style-src 'self' 'unsafe-inline'; \
     img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// A header every response carries unless its handler set its own.
fn always(
    name: axum::http::HeaderName,
    value: &'static str,
) -> SetResponseHeaderLayer<axum::http::HeaderValue> {
    SetResponseHeaderLayer::if_not_present(name, axum::http::HeaderValue::from_static(value))
}

async fn healthz(
    axum::extract::State(state): axum::extract::State<AppState>,
) -> axum::http::StatusCode {
    match state.store.ping().await {
        Ok(()) => axum::http::StatusCode::OK,
        Err(_) => axum::http::StatusCode::SERVICE_UNAVAILABLE,
    }
}

/// Serves `app` on `listener` until `shutdown` resolves; peers' addresses reach the sign-in limiter.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}
