//! Where each request's bearer comes from: a fixed token (classic, fine-grained, or the
//! `gh` CLI's, see `gh`), or a GitHub App installation whose tokens are minted and renewed
//! on demand (`app`, with the key and JWT in `key`).
//!
//! Tokens, JWTs and keys stay inside `SecretString` (redacted in `Debug`, wiped on drop)
//! until the `Authorization` header is built, and that header is marked sensitive.

mod app;
mod gh;
mod key;

use reqwest::header::HeaderValue;
use reqwest::Url;
use secrecy::zeroize::Zeroizing;
use secrecy::{ExposeSecret, SecretString};

pub use app::{AppAuth, AppError, Installation};
pub use gh::{gh_host, gh_token, GhError};
pub use key::{AppKey, KeyError};

use super::error::Error;
use super::http::ClientConfig;

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
    pub(crate) fn new(config: &ClientConfig, http: &reqwest::Client, base: &Url) -> Auth {
        match (&config.app, &config.token) {
            (Some(app), _) => Auth::App(Box::new(app::Minter::new(
                app.clone(),
                http.clone(),
                base.clone(),
            ))),
            (None, Some(token)) => Auth::Token(token.clone()),
            (None, None) => Auth::None,
        }
    }

    /// The bearer for the next call.
    pub(crate) async fn bearer(&self) -> Result<SecretString, Error> {
        match self {
            Auth::None => Err(Error::MissingToken),
            Auth::Token(t) => Ok(t.clone()),
            Auth::App(m) => Ok(m.token().await?),
        }
    }

    /// After GitHub answered 401 to `refused`: another bearer to try once, if this source
    /// can make one.
    pub(crate) async fn after_401(
        &self,
        refused: &SecretString,
    ) -> Option<Result<SecretString, Error>> {
        match self {
            Auth::App(m) => Some(m.replace(refused).await.map_err(Error::from)),
            Auth::None | Auth::Token(_) => None,
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

/// The `Authorization` header for `bearer`, marked sensitive so it is never logged.
pub(crate) fn authorization(bearer: &SecretString) -> Result<HeaderValue, Error> {
    let text = Zeroizing::new(format!("Bearer {}", bearer.expose_secret()));
    let mut value = HeaderValue::from_str(&text).map_err(|_| {
        Error::Setup("the token holds characters an HTTP header cannot carry".into())
    })?;
    value.set_sensitive(true);
    Ok(value)
}

/// The URL of `segments` under `base` (each segment percent-encoded).
pub(crate) fn join(base: &Url, segments: &[&str]) -> Url {
    let mut url = base.clone();
    if let Ok(mut path) = url.path_segments_mut() {
        path.pop_if_empty().extend(segments);
    }
    url
}
