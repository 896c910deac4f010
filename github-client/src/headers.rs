//! What every request carries, built in one place for every call (the App's own included):
//! the REST API version, GitHub's media type and the bearer's `Authorization` header, marked
//! sensitive so that it is never logged. The User-Agent is the client's
//! (`ClientConfig::user_agent`).

use reqwest::header::{HeaderMap, HeaderValue, ACCEPT, AUTHORIZATION};
use secrecy::zeroize::Zeroizing;
use secrecy::{ExposeSecret, SecretString};

use crate::error::Error;

/// The REST API version this client speaks.
pub const API_VERSION: &str = "2026-03-10";

/// The User-Agent of a client that names none.
pub(crate) const DEFAULT_USER_AGENT: &str = concat!("github-client/", env!("CARGO_PKG_VERSION"));

/// The headers of one try, authenticated by `bearer`.
pub(crate) fn headers(bearer: &SecretString) -> Result<HeaderMap, Error> {
    let mut headers = HeaderMap::new();
    headers.insert(AUTHORIZATION, authorization(bearer)?);
    headers.insert(
        ACCEPT,
        HeaderValue::from_static("application/vnd.github+json"),
    );
    headers.insert(
        "X-GitHub-Api-Version",
        HeaderValue::from_static(API_VERSION),
    );
    Ok(headers)
}

/// The `Authorization` header for `bearer`, marked sensitive so it is never logged.
fn authorization(bearer: &SecretString) -> Result<HeaderValue, Error> {
    let text = Zeroizing::new(format!("Bearer {}", bearer.expose_secret()));
    let mut value = HeaderValue::from_str(&text).map_err(|_| {
        Error::Setup(
            "the token holds a line break or another character an HTTP header cannot carry \
             inside it (whitespace around it is trimmed); check the token"
                .into(),
        )
    })?;
    value.set_sensitive(true);
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bearer_is_sensitive_and_never_shown() {
        let h = headers(&SecretString::from("ghp_abc")).unwrap();
        let auth = &h[AUTHORIZATION];
        assert!(auth.is_sensitive());
        assert!(!format!("{h:?}").contains("ghp_abc"));
        assert_eq!(h["x-github-api-version"], API_VERSION);
        assert!(headers(&SecretString::from("a\nb")).is_err());
    }
}
