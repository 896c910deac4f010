//! The secrets routes of every scope, one handler each: list (paginated), public key, get,
//! create or update (201 created, 204 updated), delete. [`super::at::At`] names the home.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::json;

use super::at::At;
use super::pages::{base, counted, Listing};
use crate::json;
use crate::reply::{answer, no_content, refused};
use crate::shared::Shared;
use crate::state::{PutBody, Refusal};

type S = State<Arc<Shared>>;

pub(super) async fn list(State(s): S, at: At, asked: Listing) -> Response {
    let items = s.world().vault(&at.home).map(|vault| {
        let secret = |x| json::secret(&asked.base, &at.home, x);
        vault.secrets.values().map(secret).collect()
    });
    counted(&s, items, &asked, "secrets")
}

pub(super) async fn public_key(State(s): S, at: At) -> Response {
    match s.world().vault(&at.home) {
        Ok(v) => answer(200, json::public_key(v.public_key())),
        Err(r) => refused(&r),
    }
}

pub(super) async fn get(State(s): S, at: At, headers: HeaderMap) -> Response {
    if s.lagging(&at.home, &at.name) {
        return refused(&Refusal::not_found().within(at.home.scope()));
    }
    match s.world().secret(&at.home, &at.name) {
        Ok(x) => answer(200, json::secret(&base(&headers, &s), &at.home, x)),
        Err(r) => refused(&r),
    }
}

pub(super) async fn put(State(s): S, at: At, raw: Bytes) -> Response {
    let Ok(parsed) = serde_json::from_slice::<PutBody>(&raw) else {
        let r = Refusal::new(400, "Problems parsing JSON").within(at.home.scope());
        return refused(&r);
    };
    let result = s.world().put_secret(&at.home, &at.name, parsed);
    match result {
        Ok(true) => {
            s.start_lag(&at.home, &at.name);
            answer(201, json!({}))
        }
        Ok(false) => no_content(204),
        Err(r) => refused(&r),
    }
}

pub(super) async fn delete(State(s): S, at: At) -> Response {
    match s.world().delete_secret(&at.home, &at.name) {
        Ok(()) => no_content(204),
        Err(r) => refused(&r),
    }
}
