//! Classic tokens: which user each belongs to and which scopes it carries. A full token has
//! every scope the secrets routes accept (`admin:org`, `codespace`, `repo`); a limited one
//! has `repo` alone, so GitHub refuses it the organization and user secrets (it still
//! reaches repository secrets). GitHub App installation tokens live in `apps.rs`.

use std::collections::HashMap;

/// The scopes of a classic token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenScopes {
    /// `admin:org`, `codespace`, `repo`.
    All,
    /// `repo` only.
    RepoOnly,
}

impl TokenScopes {
    /// As GitHub writes them in `X-OAuth-Scopes`.
    pub(crate) fn header(self) -> &'static str {
        match self {
            TokenScopes::All => "admin:org, codespace, repo",
            TokenScopes::RepoOnly => "repo",
        }
    }
}

/// Every classic token the emulator accepts.
#[derive(Default)]
pub(crate) struct Tokens {
    by_token: HashMap<String, (String, TokenScopes)>,
}

impl Tokens {
    /// Accepts `token` as `login`'s, with `scopes`.
    pub(crate) fn add(&mut self, token: &str, login: &str, scopes: TokenScopes) {
        self.by_token
            .insert(token.to_string(), (login.to_string(), scopes));
    }

    /// Whose `token` is, and its scopes.
    pub(crate) fn get(&self, token: &str) -> Option<(String, TokenScopes)> {
        self.by_token.get(token).cloned()
    }
}
