//! The repositories routes of the scopes with grants (organization and user), one handler
//! each: list the granted repositories (paginated), replace them all, grant one, take one
//! away. The scope's rules (409 unless `selected`, which repositories may be granted) are
//! the world's.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::response::Response;

use super::at::At;
use super::pages::{counted, Listing};
use crate::json;
use crate::reply::{no_content, refused};
use crate::shared::Shared;
use crate::state::{Refusal, World};

type S = State<Arc<Shared>>;

pub(super) async fn list(State(s): S, at: At, asked: Listing) -> Response {
    let items = s.world().granted(&at.home, &at.name).map(|repos| {
        let repository = |(owner, r)| json::repository(&asked.base, owner, r, false);
        repos.into_iter().map(repository).collect()
    });
    counted(&s, items, &asked, "repositories")
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
    one_repository(&s, &at, |world, id| world.add_grant(&at.home, &at.name, id))
}

pub(super) async fn remove(State(s): S, at: At) -> Response {
    one_repository(&s, &at, |world, id| {
        world.remove_grant(&at.home, &at.name, id).map(|_| ())
    })
}

/// 204 once `change` is made for the route's `{repository_id}` (GitHub answers 204 whether
/// or not the repository had access), or the refusal.
fn one_repository(
    s: &Shared,
    at: &At,
    change: impl FnOnce(&mut World, i64) -> Result<(), Refusal>,
) -> Response {
    let done = at.repository_id().and_then(|id| change(&mut s.world(), id));
    match done {
        Ok(()) => no_content(204),
        Err(r) => refused(&r),
    }
}
