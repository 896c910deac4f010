//! The repositories routes of the scopes with grants (organization and user), one handler
//! each: list the granted repositories (paginated), replace them all, grant one, take one
//! away. The scope's rules (409 unless `selected`, which repositories may be granted) are
//! the world's.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{OriginalUri, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::{json, Value as Json};

use super::at::At;
use super::pages::{base, paged, Asked, Page};
use crate::json;
use crate::reply::{no_content, refused};
use crate::shared::Shared;
use crate::state::Refusal;

type S = State<Arc<Shared>>;

pub(super) async fn list(
    State(s): S,
    at: At,
    Query(page): Query<Page>,
    uri: OriginalUri,
    headers: HeaderMap,
) -> Response {
    let items: Vec<Json> = {
        let world = s.world();
        let base = base(&headers, &s);
        match world.granted(&at.home, &at.name) {
            Ok(repos) => repos
                .into_iter()
                .map(|(owner, r)| json::repository(&base, owner, r, false))
                .collect(),
            Err(r) => return refused(&r),
        }
    };
    let asked = Asked {
        page: &page,
        uri: &uri,
        headers: &headers,
    };
    paged(
        &s,
        items,
        &asked,
        |total, page| json!({ "total_count": total, "repositories": page }),
    )
}

#[derive(serde::Deserialize)]
struct SetRepos {
    selected_repository_ids: Vec<i64>,
}

pub(super) async fn set(State(s): S, at: At, raw: Bytes) -> Response {
    let Ok(parsed) = serde_json::from_slice::<SetRepos>(&raw) else {
        let message = "Invalid request.\n\n\"selected_repository_ids\" wasn't supplied.";
        return refused(&Refusal::new(422, message).within(at.home.scope()));
    };
    let ids = parsed.selected_repository_ids;
    match s.world().set_grants(&at.home, &at.name, &ids) {
        Ok(()) => no_content(204),
        Err(r) => refused(&r),
    }
}

pub(super) async fn add(State(s): S, at: At) -> Response {
    let id = match at.repository_id() {
        Ok(id) => id,
        Err(r) => return refused(&r),
    };
    match s.world().add_grant(&at.home, &at.name, id) {
        Ok(()) => no_content(204),
        Err(r) => refused(&r),
    }
}

pub(super) async fn remove(State(s): S, at: At) -> Response {
    let id = match at.repository_id() {
        Ok(id) => id,
        Err(r) => return refused(&r),
    };
    match s.world().remove_grant(&at.home, &at.name, id) {
        Ok(_) => no_content(204),
        Err(r) => refused(&r),
    }
}
