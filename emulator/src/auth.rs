//! Who is calling, and whether GitHub lets them: the [`Caller`] behind a request's token (a
//! user's classic token, or a GitHub App's installation token), and the refusals GitHub
//! answers per scope, written once for every route:
//!
//! | caller                                   | organization | repository | user |
//! |------------------------------------------|--------------|------------|------|
//! | token with every scope                   | yes          | yes        | yes  |
//! | token with `repo` alone                  | 403          | yes        | 403  |
//! | installation, "Codespaces secrets"       | yes          | yes        | 403  |
//! | installation without that permission     | 403          | 403        | 403  |
//!
//! Installation tokens are refused on user secrets as GitHub refuses them: 403 "Resource
//! not accessible by integration". A caller reaches the organizations and repositories of
//! its user (its own and those of its organizations) or of its installation; others are 404.

use axum::http::{header, HeaderMap};

use crate::home::Scope;
use crate::shared::Shared;
use crate::state::{Account, Refusal, World};
use crate::sync::lock;
use crate::tokens::TokenScopes;

/// Who sent a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Caller {
    /// A user's classic token.
    User {
        /// The user's login.
        login: String,
        /// The token's scopes.
        scopes: TokenScopes,
    },
    /// A GitHub App's installation token.
    Installation {
        /// The organization it is installed on.
        org: String,
    },
}

impl Caller {
    /// Whether the caller reaches the secrets and repositories of `owner`.
    pub(crate) fn reaches(&self, world: &World, owner: &Account) -> bool {
        match self {
            Caller::User { login, .. } => world.can_reach(login, owner),
            Caller::Installation { org } => owner.login.eq_ignore_ascii_case(org),
        }
    }

    /// `X-OAuth-Scopes` for its answers (installation tokens have none).
    pub(crate) fn oauth_scopes(&self) -> Option<&'static str> {
        match self {
            Caller::User { scopes, .. } => Some(scopes.header()),
            Caller::Installation { .. } => None,
        }
    }
}

/// The token of `headers` (`Bearer` or `token`).
fn token(headers: &HeaderMap) -> Option<&str> {
    let auth = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())?;
    auth.strip_prefix("Bearer ")
        .or_else(|| auth.strip_prefix("token "))
        .map(str::trim)
}

fn not_accessible_by_integration(scope: Scope) -> Refusal {
    Refusal::new(403, "Resource not accessible by integration").within(scope)
}

/// The caller of a request on a route of `scope` (`None`: not a secrets route), or GitHub's
/// 401 or 403 (with the headers GitHub sends).
pub(crate) fn caller(
    shared: &Shared,
    headers: &HeaderMap,
    scope: Option<Scope>,
) -> Result<Caller, Refusal> {
    let Some(token) = token(headers) else {
        return Err(Refusal::new(401, "Requires authentication"));
    };
    let installation = lock(&shared.apps).token(token);
    if let Some(issued) = installation {
        if crate::apps::now_millis() >= issued.expires_at {
            return Err(Refusal::new(401, "Bad credentials"));
        }
        return match scope {
            Some(Scope::User) => Err(not_accessible_by_integration(Scope::User)),
            Some(s) if !issued.codespaces_secrets => Err(not_accessible_by_integration(s)
                .with_header("x-accepted-github-permissions", "codespaces_secrets=write")),
            _ => Ok(Caller::Installation { org: issued.org }),
        };
    }
    let Some((login, scopes)) = lock(&shared.tokens).get(token) else {
        return Err(Refusal::new(401, "Bad credentials"));
    };
    let needs_more = matches!(scope, Some(Scope::Org | Scope::User));
    if let (TokenScopes::RepoOnly, true, Some(s)) = (scopes, needs_more, scope) {
        return Err(
            Refusal::new(403, "Resource not accessible by personal access token")
                .within(s)
                .with_header("x-oauth-scopes", scopes.header())
                .with_header("x-accepted-oauth-scopes", s.accepted_oauth_scopes()),
        );
    }
    Ok(Caller::User { login, scopes })
}
