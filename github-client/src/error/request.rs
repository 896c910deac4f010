//! [`Request`]: the one description of the request an error is about, shared by every error
//! that has one, so that each names its request the same way and none repeats method, path
//! and URL fields of its own. Boxed, so that errors stay small.

use std::fmt;

/// The request an error is about. Its URL is shown as messages show URLs: without
/// credentials, query or fragment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request(Box<Parts>);

#[derive(Debug, Clone, PartialEq, Eq)]
struct Parts {
    method: String,
    route: &'static str,
    path: String,
    url: String,
}

impl Request {
    /// A request of `method` on `route` at `path`, last tried at `url` (already shown).
    pub(crate) fn new(method: &str, route: &'static str, path: &str, url: String) -> Request {
        Request(Box::new(Parts {
            method: method.to_string(),
            route,
            path: path.to_string(),
            url,
        }))
    }

    /// The method: `GET`, `PUT`, `DELETE` or `POST`.
    pub fn method(&self) -> &str {
        &self.0.method
    }

    /// The route template GitHub's docs name the endpoint by
    /// (`/orgs/{org}/codespaces/secrets/{secret_name}`).
    pub fn route(&self) -> &'static str {
        self.0.route
    }

    /// The path first asked for (`/orgs/acme/codespaces/secrets/DB`).
    pub fn path(&self) -> &str {
        &self.0.path
    }

    /// The URL last tried (moved by redirects), without credentials, query or fragment.
    pub fn url(&self) -> &str {
        &self.0.url
    }

    /// The method and the URL tried (`GET https://api.github.com/orgs/acme/...`), for
    /// failures where the host matters: no answer, a certificate, a redirect, a page.
    pub fn tried(&self) -> String {
        format!("{} {}", self.0.method, self.0.url)
    }
}

/// The method and the path (`GET /orgs/acme/codespaces/secrets`), as GitHub's docs write a
/// call.
impl fmt::Display for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.0.method, self.0.path)
    }
}
