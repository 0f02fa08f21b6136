//! The bare baseline: an axum server in the benchmark's own process whose handlers run the store query a
//! route runs, as one fixed user, and answer its JSON. No sign-in lookup, no middleware, no templates: the
//! ratio of a route to its baseline is what everything around the query costs.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use corridor_core::Actor;
use corridor_core::ids::RegisterItemId;
use corridor_core::meeting::register::{NewOutcome, OutcomeInput};
use corridor_store::meeting::RegisterFilter;
use corridor_store::portfolio::ProjectFilter;
use corridor_store::{Page, Store};
use std::sync::Arc;

#[derive(Clone)]
struct Bare {
    store: Store,
    actor: Arc<Actor>,
}

fn answer<T: serde::Serialize, E: std::fmt::Display>(r: Result<T, E>) -> Response {
    match r {
        Ok(v) => Json(v).into_response(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    }
}

async fn register(State(b): State<Bare>) -> Response {
    let v = b.actor.viewer();
    answer(
        b.store
            .register(&v, &RegisterFilter::default(), &Page::default())
            .await,
    )
}

async fn register_item(State(b): State<Bare>, Path(id): Path<String>) -> Response {
    answer(b.store.register_item(&b.actor.viewer(), &id).await)
}

async fn projects(State(b): State<Bare>) -> Response {
    let v = b.actor.viewer();
    answer(
        b.store
            .projects(&v, &ProjectFilter::default(), &Page::default())
            .await,
    )
}

async fn project(State(b): State<Bare>, Path(id): Path<String>) -> Response {
    answer(b.store.project_detail(&b.actor.viewer(), &id).await)
}

async fn meetings(State(b): State<Bare>) -> Response {
    answer(
        b.store
            .meetings(&b.actor.viewer(), None, &Page::default())
            .await,
    )
}

async fn meeting(State(b): State<Bare>, Path(id): Path<String>) -> Response {
    answer(b.store.meeting(&b.actor.viewer(), &id).await)
}

async fn create_outcome(State(b): State<Bare>, Json(i): Json<OutcomeInput>) -> Response {
    let new = match NewOutcome::try_from(&i) {
        Ok(n) => n,
        Err(e) => return (StatusCode::UNPROCESSABLE_ENTITY, format!("{e:?}")).into_response(),
    };
    match b
        .store
        .create_outcome(&b.actor, RegisterItemId::new(), &new)
        .await
    {
        Ok(v) => (StatusCode::CREATED, Json(v)).into_response(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    }
}

/// Serves the baseline on a free loopback port; returns its base URL.
pub async fn start(store: Store, username: &str) -> anyhow::Result<String> {
    let actor = Arc::new(store.actor_of(username).await?);
    let app = Router::new()
        .route("/register", get(register).post(create_outcome))
        .route("/register/{id}", get(register_item))
        .route("/projects", get(projects))
        .route("/projects/{id}", get(project))
        .route("/meetings", get(meetings))
        .route("/meetings/{id}", get(meeting))
        .with_state(Bare { store, actor });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Ok(base)
}
