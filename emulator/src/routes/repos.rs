//! Repository look-ups: one repository by `owner/name` (an organization's or a user's), and
//! an organization's repositories (paginated).

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::Value as Json;

use super::pages::{base, paged, Listing};
use crate::json;
use crate::reply::{answer, not_found, refused};
use crate::shared::Shared;
use crate::state::AccountKind;

type S = State<Arc<Shared>>;

pub(super) async fn get_repository(
    State(s): S,
    Path((owner, repo)): Path<(String, String)>,
    h: HeaderMap,
) -> Response {
    let world = s.world();
    let found = world.account(&owner).ok().and_then(|o| {
        o.repo(&repo)
            .map(|r| json::repository(&base(&h, &s), o, r, true))
    });
    match found {
        Some(v) => answer(200, v),
        None => not_found(),
    }
}

pub(super) async fn list_org_repos(
    State(s): S,
    Path(org): Path<String>,
    asked: Listing,
) -> Response {
    let items = {
        let world = s.world();
        let o = match world.account(&org) {
            Ok(o) if o.kind == AccountKind::Organization => o,
            Ok(_) => return not_found(),
            Err(r) => return refused(&r),
        };
        o.repos
            .iter()
            .map(|r| json::repository(&asked.base, o, r, false))
            .collect()
    };
    paged(&s, items, &asked, |_, page| Json::Array(page))
}
