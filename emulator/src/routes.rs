//! The HTTP face of the emulator: GitHub's routes for Codespaces secrets in every scope
//! (organization, repository, user), with the repositories routes of the scopes that have
//! grants, repository look-ups, and the App endpoints. The secrets routes of all three
//! scopes are one set of handlers (`secrets.rs`, `grants.rs`) over the home that `at.rs`
//! extracts; `gate.rs` stands in front of every route.

mod apps;
mod at;
mod grants;
mod pages;
mod repos;
mod secrets;

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::middleware;
use axum::response::Response;
use axum::routing::{get, post, put};
use axum::Router;

use crate::home::Scope;
use crate::reply::not_found;
use crate::requests::RequestRecord;
use crate::shared::Shared;

/// Builds the router, under the path prefix when there is one.
pub(crate) fn router(shared: Arc<Shared>) -> Router {
    let prefix = shared.prefix.clone();
    let mut api = Router::new();
    for scope in Scope::ALL {
        let root = scope.root();
        api = api
            .route(root, get(secrets::list))
            .route(&format!("{root}/public-key"), get(secrets::public_key))
            .route(
                &format!("{root}/{{secret_name}}"),
                get(secrets::get).put(secrets::put).delete(secrets::delete),
            );
        if scope.has_grants() {
            api = api
                .route(
                    &format!("{root}/{{secret_name}}/repositories"),
                    get(grants::list).put(grants::set),
                )
                .route(
                    &format!("{root}/{{secret_name}}/repositories/{{repository_id}}"),
                    put(grants::add).delete(grants::remove),
                );
        }
    }
    let [token_route, installation_route] = crate::apps::JWT_ROUTES;
    let api = api
        .route("/repos/{owner}/{repo}", get(repos::get_repository))
        .route("/orgs/{org}/repos", get(repos::list_org_repos))
        .route(token_route, post(apps::access_token))
        .route(installation_route, get(apps::org_installation))
        .route_layer(middleware::from_fn_with_state(
            shared.clone(),
            crate::gate::gate,
        ))
        .fallback(unknown)
        .with_state(shared);
    if prefix.is_empty() {
        api
    } else {
        Router::new()
            .nest(&prefix, api)
            .fallback(|| async { not_found() })
    }
}

/// A route GitHub does not have (here): 404, logged as `METHOD unknown`.
async fn unknown(State(shared): State<Arc<Shared>>, req: Request) -> Response {
    shared.record(RequestRecord {
        method: req.method().to_string(),
        route: format!("{} unknown", req.method()),
        path: req.uri().path().to_string(),
        status: 404,
        refused: None,
    });
    not_found()
}
