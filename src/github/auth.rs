//! Where each request's bearer comes from: a fixed token (classic, fine-grained, or the
//! `gh` CLI's, see `gh`), or a GitHub App installation whose tokens are minted and renewed
//! on demand (`app`, with the key and JWT in `key`). The transport asks [`Credentials`]
//! for each call's bearer, and again once after a 401.
//!
//! Tokens, JWTs and keys stay inside `SecretString` (redacted in `Debug`, wiped on drop)
//! until the `Authorization` header is built, and that header is marked sensitive.

mod app;
mod app_error;
mod gh;
mod key;

use async_trait::async_trait;
use reqwest::header::HeaderValue;
use secrecy::zeroize::Zeroizing;
use secrecy::{ExposeSecret, SecretString};

pub use app::{AppAuth, AppError, Installation};
pub use gh::{gh_host, gh_token, GhError};
pub use key::{AppKey, KeyError};

use super::error::Error;
use super::http::{ClientConfig, Http};

/// What a call authenticates with, asked by the transport for each call.
#[async_trait]
pub(crate) trait Credentials: Send + Sync {
    /// The bearer for the call's first try.
    async fn bearer(&self, http: &Http) -> Result<SecretString, Error>;

    /// After GitHub answered `refused` with 401: another bearer to try once, if these
    /// credentials can make one.
    async fn renew(
        &self,
        http: &Http,
        refused: &SecretString,
    ) -> Option<Result<SecretString, Error>>;

    /// Whether the answers' `X-RateLimit-*` headers count the budget every call spends (an
    /// App's JWT calls have a budget of their own).
    fn spends_the_budget(&self) -> bool {
        true
    }
}

/// The source of bearers for one client.
pub(crate) enum Auth {
    /// No credentials: every call fails with [`Error::MissingToken`].
    None,
    /// One token for every call.
    Token(SecretString),
    /// A GitHub App installation's tokens.
    App(Box<app::Minter>),
}

impl Auth {
    /// The source `config` describes: the App when there is one, else the token.
    pub(crate) fn new(config: &ClientConfig) -> Auth {
        match (&config.app, &config.token) {
            (Some(app), _) => Auth::App(Box::new(app::Minter::new(app.clone()))),
            (None, Some(token)) => Auth::Token(token.clone()),
            (None, None) => Auth::None,
        }
    }

    /// `err` with the advice that fits these credentials: an App is told which permission
    /// it lacks, not which token scopes.
    pub(crate) fn explain(&self, err: Error) -> Error {
        match (self, err) {
            (Auth::App(_), Error::Api(e)) => Error::AsApp(e),
            (_, err) => err,
        }
    }
}

#[async_trait]
impl Credentials for Auth {
    async fn bearer(&self, http: &Http) -> Result<SecretString, Error> {
        match self {
            Auth::None => Err(Error::MissingToken),
            Auth::Token(t) => Ok(t.clone()),
            Auth::App(m) => m.token(http).await,
        }
    }

    async fn renew(
        &self,
        http: &Http,
        refused: &SecretString,
    ) -> Option<Result<SecretString, Error>> {
        match self {
            Auth::App(m) => Some(m.replace(http, refused).await),
            Auth::None | Auth::Token(_) => None,
        }
    }
}

/// The `Authorization` header for `bearer`, marked sensitive so it is never logged.
pub(crate) fn authorization(bearer: &SecretString) -> Result<HeaderValue, Error> {
    let text = Zeroizing::new(format!("Bearer {}", bearer.expose_secret()));
    let mut value = HeaderValue::from_str(&text).map_err(|_| {
        Error::Setup("the token holds characters an HTTP header cannot carry".into())
    })?;
    value.set_sensitive(true);
    Ok(value)
}
