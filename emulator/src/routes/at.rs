//! [`At`]: the extractor that turns a secrets request into the [`Home`] it addresses. The
//! scope comes from the matched route, the home from its path (`{org}`, `{owner}/{repo}`)
//! or, on `/user/...` routes, from the caller's token; a home the caller does not reach is
//! 404, as GitHub hides what a token cannot see. One extractor, so every handler serves
//! every scope.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{FromRequestParts, MatchedPath, Path};
use axum::http::request::Parts;
use axum::response::Response;

use crate::auth::Caller;
use crate::home::{Home, Scope};
use crate::reply::refused;
use crate::shared::Shared;
use crate::state::Refusal;

/// The home a request addresses, and its other path parameters.
pub(super) struct At {
    /// The secrets' home.
    pub(super) home: Home,
    /// `{secret_name}`, or empty.
    pub(super) name: String,
    /// `{repository_id}`, if the route has one.
    pub(super) repository_id: Option<String>,
}

impl At {
    /// `{repository_id}` as a number (GitHub answers 404 for anything else).
    pub(super) fn repository_id(&self) -> Result<i64, Refusal> {
        self.repository_id
            .as_deref()
            .and_then(|id| id.parse().ok())
            .ok_or_else(|| Refusal::not_found().within(self.home.scope()))
    }
}

impl FromRequestParts<Arc<Shared>> for At {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, s: &Arc<Shared>) -> Result<At, Response> {
        let template = parts
            .extensions
            .get::<MatchedPath>()
            .map(|m| m.as_str().to_string())
            .unwrap_or_default();
        let template = template
            .strip_prefix(s.prefix.as_str())
            .unwrap_or(&template);
        let scope = Scope::of_route(template);
        let caller = parts.extensions.get::<Caller>().cloned();
        let not_found = |scope: Scope| refused(&Refusal::not_found().within(scope));
        let Path(mut p) = Path::<HashMap<String, String>>::from_request_parts(parts, s)
            .await
            .map_err(|_| not_found(scope.unwrap_or(Scope::Org)))?;
        let mut take = |k: &str| p.remove(k).unwrap_or_default();
        let home = match (scope, &caller) {
            (Some(Scope::Org), _) => Home::Org(take("org")),
            (Some(Scope::Repo), _) => Home::repo(take("owner"), take("repo")),
            (Some(Scope::User), Some(Caller::User { login, .. })) => Home::user(login.clone()),
            (Some(s), _) => return Err(not_found(s)),
            (None, _) => return Err(not_found(Scope::Org)),
        };
        let owner = match &home {
            Home::Org(login) | Home::User(login) => login,
            Home::Repo { owner, .. } => owner,
        };
        let reached = {
            let world = s.world();
            let account = world.account(owner);
            match (&caller, account) {
                (Some(c), Ok(a)) => c.reaches(&world, a),
                _ => true,
            }
        };
        if !reached {
            return Err(not_found(home.scope()));
        }
        let (name, id) = (take("secret_name"), take("repository_id"));
        Ok(At {
            home,
            name,
            repository_id: (!id.is_empty()).then_some(id),
        })
    }
}
