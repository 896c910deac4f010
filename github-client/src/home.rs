//! Where a Codespaces secret lives, named once: [`SecretHome`]. Every endpoint of secrets
//! (the listing, the public key, one secret, its repositories) is a route of its home, so an
//! endpoint is written once for every home, and the transport's retries, pacing, pages and
//! log lines come with it. GitHub keeps Codespaces secrets for organizations, repositories
//! and users; a home is one variant here and one route root in [`SecretHome::route`].

use std::fmt;
use std::hash::{Hash, Hasher};

use reqwest::Url;

use crate::error::Error;
use crate::rules::SecretScope;
use crate::urls::Route;

/// Where a secret lives. GitHub logins and repository names ignore case, so homes compare
/// ignoring it.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum SecretHome {
    /// An organization's secrets, by the organization's login.
    Organization(String),
    /// A repository's secrets.
    Repository {
        /// The login of the organization or user that owns the repository.
        owner: String,
        /// The repository's name.
        repo: String,
    },
    /// The secrets of the user the credentials belong to (GitHub's "authenticated user").
    User,
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

/// The route templates of one scope, as GitHub's docs write them.
struct Templates {
    secrets: &'static str,
    public_key: &'static str,
    secret: &'static str,
    /// `None`: the scope's secrets have no grants.
    repositories: Option<(&'static str, &'static str)>,
}

const ORGANIZATION: Templates = Templates {
    secrets: "/orgs/{org}/codespaces/secrets",
    public_key: "/orgs/{org}/codespaces/secrets/public-key",
    secret: "/orgs/{org}/codespaces/secrets/{secret_name}",
    repositories: Some((
        "/orgs/{org}/codespaces/secrets/{secret_name}/repositories",
        "/orgs/{org}/codespaces/secrets/{secret_name}/repositories/{repository_id}",
    )),
};

const REPOSITORY: Templates = Templates {
    secrets: "/repos/{owner}/{repo}/codespaces/secrets",
    public_key: "/repos/{owner}/{repo}/codespaces/secrets/public-key",
    secret: "/repos/{owner}/{repo}/codespaces/secrets/{secret_name}",
    repositories: None,
};

const USER: Templates = Templates {
    secrets: "/user/codespaces/secrets",
    public_key: "/user/codespaces/secrets/public-key",
    secret: "/user/codespaces/secrets/{secret_name}",
    repositories: Some((
        "/user/codespaces/secrets/{secret_name}/repositories",
        "/user/codespaces/secrets/{secret_name}/repositories/{repository_id}",
    )),
};

impl SecretHome {
    /// The secrets of organization `login`.
    pub fn organization(login: impl Into<String>) -> SecretHome {
        SecretHome::Organization(login.into())
    }

    /// The secrets of repository `owner/repo`.
    pub fn repository(owner: impl Into<String>, repo: impl Into<String>) -> SecretHome {
        SecretHome::Repository {
            owner: owner.into(),
            repo: repo.into(),
        }
    }

    /// The scope of this home.
    pub fn scope(&self) -> SecretScope {
        match self {
            SecretHome::Organization(_) => SecretScope::Organization,
            SecretHome::Repository { .. } => SecretScope::Repository,
            SecretHome::User => SecretScope::User,
        }
    }

    /// The route templates of this home's scope, and the parameters that name this home.
    fn templates(&self) -> (&'static Templates, Vec<&str>) {
        match self {
            SecretHome::Organization(org) => (&ORGANIZATION, vec![org.as_str()]),
            SecretHome::Repository { owner, repo } => {
                (&REPOSITORY, vec![owner.as_str(), repo.as_str()])
            }
            SecretHome::User => (&USER, Vec::new()),
        }
    }

    /// `endpoint` of this home under the API root `base`: its route template, as GitHub's
    /// docs write it, filled with this home's parameters and then the endpoint's. A
    /// repositories endpoint of a home whose secrets have no grants (a repository's) is an
    /// [`Error::Setup`].
    pub(crate) fn route(&self, base: &Url, endpoint: Endpoint<'_>) -> Result<Route, Error> {
        let (templates, mut params) = self.templates();
        let no_grants = || Error::Setup(format!("the secrets of {self} have no repositories"));
        let id;
        let template = match endpoint {
            Endpoint::Secrets => templates.secrets,
            Endpoint::PublicKey => templates.public_key,
            Endpoint::Secret(name) => {
                params.push(name);
                templates.secret
            }
            Endpoint::Repositories(name) => {
                params.push(name);
                templates.repositories.ok_or_else(no_grants)?.0
            }
            Endpoint::Repository(name, repository_id) => {
                id = repository_id.to_string();
                params.extend([name, id.as_str()]);
                templates.repositories.ok_or_else(no_grants)?.1
            }
        };
        Route::expand(base, template, &params)
    }

    /// The names this home is known by, lower-case (for comparing and hashing).
    fn key(&self) -> String {
        match self {
            SecretHome::Organization(org) => format!("org:{}", org.to_ascii_lowercase()),
            SecretHome::Repository { owner, repo } => {
                format!("repo:{}/{}", owner, repo).to_ascii_lowercase()
            }
            SecretHome::User => "user".into(),
        }
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

/// "organization acme", "repository acme/api", "the authenticated user".
impl fmt::Display for SecretHome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SecretHome::Organization(org) => write!(f, "organization {org}"),
            SecretHome::Repository { owner, repo } => write!(f, "repository {owner}/{repo}"),
            SecretHome::User => f.write_str("the authenticated user"),
        }
    }
}

#[cfg(test)]
mod tests;
