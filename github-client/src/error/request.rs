//! [`Request`]: the one description of the request an error is about, shared by every error
//! that has one, so that each names its request the same way and none repeats method, path
//! and URL fields of its own.

use std::fmt;

/// The request an error is about. Its URL is shown as messages show URLs: without
/// credentials, query or fragment.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Request {
    /// The method: `GET`, `PUT`, `DELETE` or `POST`.
    pub method: String,
    /// The route template GitHub's docs name the endpoint by
    /// (`/orgs/{org}/codespaces/secrets/{secret_name}`).
    pub route: &'static str,
    /// The path first asked for (`/orgs/acme/codespaces/secrets/DB`).
    pub path: String,
    /// The URL last tried (moved by redirects), without credentials, query or fragment.
    pub url: String,
}

impl Request {
    /// A request of `method` on `route` at `path`, last tried at `url` (already shown).
    pub(crate) fn new(method: &str, route: &'static str, path: &str, url: String) -> Request {
        Request {
            method: method.to_string(),
            route,
            path: path.to_string(),
            url,
        }
    }

    /// The method and the URL tried (`GET https://api.github.com/orgs/acme/...`), for
    /// failures where the host matters: no answer, a certificate, a redirect, a page.
    pub fn tried(&self) -> String {
        format!("{} {}", self.method, self.url)
    }
}

/// The method and the path (`GET /orgs/acme/codespaces/secrets`), as GitHub's docs write a
/// call.
impl fmt::Display for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.method, self.path)
    }
}
