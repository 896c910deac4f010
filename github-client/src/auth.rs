//! Credentials at work: where each call's bearer comes from. The transport asks a [`Bearer`]
//! for each call's bearer, and again once after a 401. A fixed token (the caller's, or the
//! GitHub CLI's, found by `gh`) is [`Fixed`]; the App's own calls sign a JWT each time
//! ([`Jwt`]); an App installation's tokens are minted through the transport, so their source
//! lives with the endpoints (`client/app.rs`).
//!
//! Bearers stay inside `SecretString` until `request.rs` builds the `Authorization` header.

mod gh;

use async_trait::async_trait;
use secrecy::SecretString;

pub use gh::{gh_credentials, GhError};

use crate::clock::now_secs;
use crate::credentials::AppAuth;
use crate::error::{AppError, Caller, Error};

/// Where a call's bearer comes from.
#[async_trait]
pub(crate) trait Bearer: Send + Sync {
    /// The bearer for the call's first try.
    async fn bearer(&self) -> Result<SecretString, Error>;

    /// After GitHub answered `refused` with 401: another bearer to try once, if this source
    /// can make one.
    async fn renew(&self, _refused: &SecretString) -> Option<Result<SecretString, Error>> {
        None
    }

    /// Whether the answers' `X-RateLimit-*` headers count the budget every call spends (an
    /// App's JWT calls have a budget of their own).
    fn spends_the_budget(&self) -> bool {
        true
    }

    /// Who calls with these bearers, which decides the advice of their errors (an App is
    /// told which permission it lacks, not which token scopes).
    fn caller(&self) -> Caller {
        Caller::Token
    }
}

/// One token for every call.
pub(crate) struct Fixed(pub(crate) SecretString);

#[async_trait]
impl Bearer for Fixed {
    async fn bearer(&self) -> Result<SecretString, Error> {
        Ok(self.0.clone())
    }
}

/// An App's own calls: a JWT, freshly signed, as the bearer; signed again once after a 401
/// (the clock may have drifted past the JWT's lifetime during long waits).
pub(crate) struct Jwt<'a>(pub(crate) &'a AppAuth);

impl Jwt<'_> {
    fn sign(&self) -> Result<SecretString, Error> {
        Ok(self
            .0
            .key
            .jwt(&self.0.app_id, now_secs())
            .map_err(AppError::from)?)
    }
}

#[async_trait]
impl Bearer for Jwt<'_> {
    async fn bearer(&self) -> Result<SecretString, Error> {
        self.sign()
    }

    async fn renew(&self, _: &SecretString) -> Option<Result<SecretString, Error>> {
        Some(self.sign())
    }

    fn spends_the_budget(&self) -> bool {
        false
    }

    fn caller(&self) -> Caller {
        Caller::App
    }
}
