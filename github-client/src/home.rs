//! Where a Codespaces secret lives, named once: [`SecretHome`]. Every endpoint of secrets
//! (the listing, the public key, one secret, its repositories) is a route of its home, so an
//! endpoint is written once for every home, and the transport's retries, pacing, pages and
//! log lines come with it. GitHub keeps Codespaces secrets for organizations, repositories
//! and users; a home is one variant here and one set of routes in [`SecretHome::route`].

use std::fmt;
use std::hash::{Hash, Hasher};

use reqwest::Url;

use crate::error::Error;
use crate::urls::Route;

/// Where a secret lives. GitHub logins ignore case, so homes compare ignoring it.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum SecretHome {
    /// An organization's secrets, by the organization's login.
    Organization(String),
}

/// An endpoint of a home's secrets.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Endpoint<'a> {
    /// Every secret, a page at a time.
    Secrets,
    /// The public key values are sealed with.
    PublicKey,
    /// One secret, by name.
    Secret(&'a str),
    /// The repositories allowed to use one secret.
    Repositories(&'a str),
    /// One repository's access to one secret.
    Repository(&'a str, i64),
}

impl SecretHome {
    /// The secrets of organization `login`.
    pub fn organization(login: impl Into<String>) -> SecretHome {
        SecretHome::Organization(login.into())
    }

    /// `endpoint` of this home under the API root `base`: its route template, as GitHub's
    /// docs write it, filled with this home's parameters and then the endpoint's.
    pub(crate) fn route(&self, base: &Url, endpoint: Endpoint<'_>) -> Result<Route, Error> {
        let SecretHome::Organization(org) = self;
        let (template, name, id) = match endpoint {
            Endpoint::Secrets => ("/orgs/{org}/codespaces/secrets", None, None),
            Endpoint::PublicKey => ("/orgs/{org}/codespaces/secrets/public-key", None, None),
            Endpoint::Secret(name) => (
                "/orgs/{org}/codespaces/secrets/{secret_name}",
                Some(name),
                None,
            ),
            Endpoint::Repositories(name) => (
                "/orgs/{org}/codespaces/secrets/{secret_name}/repositories",
                Some(name),
                None,
            ),
            Endpoint::Repository(name, id) => (
                "/orgs/{org}/codespaces/secrets/{secret_name}/repositories/{repository_id}",
                Some(name),
                Some(id.to_string()),
            ),
        };
        let params: Vec<&str> = [Some(org.as_str()), name, id.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        Route::expand(base, template, &params)
    }

    /// The logins this home is named by, lower-case (for comparing and hashing).
    fn key(&self) -> String {
        let SecretHome::Organization(org) = self;
        org.to_ascii_lowercase()
    }
}

impl PartialEq for SecretHome {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}

impl Eq for SecretHome {}

impl Hash for SecretHome {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.key().hash(state);
    }
}

/// "organization acme".
impl fmt::Display for SecretHome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SecretHome::Organization(org) => write!(f, "organization {org}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_endpoint_is_a_route_of_its_home() {
        let base = Url::parse("https://h/api/v3/").unwrap();
        let home = SecretHome::organization("acme");
        let url = |e| home.route(&base, e).unwrap().url.path().to_string();
        assert_eq!(
            url(Endpoint::Secrets),
            "/api/v3/orgs/acme/codespaces/secrets"
        );
        assert_eq!(
            url(Endpoint::PublicKey),
            "/api/v3/orgs/acme/codespaces/secrets/public-key"
        );
        assert_eq!(
            url(Endpoint::Repository("DB", 7)),
            "/api/v3/orgs/acme/codespaces/secrets/DB/repositories/7"
        );
        let route = home.route(&base, Endpoint::Repositories("DB")).unwrap();
        assert_eq!(
            route.template,
            "/orgs/{org}/codespaces/secrets/{secret_name}/repositories"
        );
        assert!(home.route(&base, Endpoint::Secret("..")).is_err());
    }

    #[test]
    fn homes_compare_ignoring_the_case_of_logins() {
        let home = SecretHome::organization("Acme");
        assert_eq!(home, SecretHome::organization("acme"));
        assert_ne!(home, SecretHome::organization("other"));
        assert_eq!(home.to_string(), "organization Acme");
    }
}
