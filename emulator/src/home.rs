//! Where a Codespaces secret lives: its [`Home`] (this organization, this repository, this
//! user) and the [`Scope`] the home belongs to. The differences between the three scopes
//! that the rest of the emulator needs (route roots, nouns in messages, which scopes have
//! grants, the classic-token scope GitHub accepts, documentation links) are answered here,
//! once; every route, rule, fault and count is written for all three.
//!
//! The scopes share GitHub's rules for names (case-insensitive, returned upper-case, no
//! leading digit, no `GITHUB_` prefix), values (48 KB) and counts (100 secrets per home).
//! Homes never see each other's secrets: when names collide, GitHub's documented precedence
//! (the secret at the lowest level wins, e.g. a repository's over its organization's)
//! decides only inside a codespace, which the emulator does not run.

use std::fmt;

/// Where a Codespaces secret lives. A bare login (`"acme"`, `&String`, `String`) converts to
/// [`Home::Org`], so the organization methods of [`crate::Emulator`] read as they always did.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Home {
    /// An organization's secrets (`/orgs/{org}/codespaces/secrets`), by login.
    Org(String),
    /// A repository's secrets (`/repos/{owner}/{repo}/codespaces/secrets`).
    Repo {
        /// The owning organization's or user's login.
        owner: String,
        /// The repository's name.
        repo: String,
    },
    /// A user's own secrets (`/user/codespaces/secrets`, called with that user's token),
    /// by login.
    User(String),
}

impl Home {
    /// An organization's secrets.
    pub fn org(login: impl Into<String>) -> Home {
        Home::Org(login.into())
    }

    /// A repository's secrets.
    pub fn repo(owner: impl Into<String>, repo: impl Into<String>) -> Home {
        Home::Repo {
            owner: owner.into(),
            repo: repo.into(),
        }
    }

    /// A user's secrets.
    pub fn user(login: impl Into<String>) -> Home {
        Home::User(login.into())
    }

    /// Its scope.
    pub(crate) fn scope(&self) -> Scope {
        match self {
            Home::Org(_) => Scope::Org,
            Home::Repo { .. } => Scope::Repo,
            Home::User(_) => Scope::User,
        }
    }

    /// The same home whatever the case of its names (GitHub's logins and repository names
    /// are case-insensitive).
    pub(crate) fn key(&self) -> String {
        self.to_string().to_ascii_lowercase()
    }
}

impl From<&str> for Home {
    fn from(org: &str) -> Home {
        Home::org(org)
    }
}

impl From<&String> for Home {
    fn from(org: &String) -> Home {
        Home::org(org.as_str())
    }
}

impl From<String> for Home {
    fn from(org: String) -> Home {
        Home::Org(org)
    }
}

impl From<&Home> for Home {
    fn from(home: &Home) -> Home {
        home.clone()
    }
}

impl fmt::Display for Home {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Home::Org(login) => write!(f, "organization {login}"),
            Home::Repo { owner, repo } => write!(f, "repository {owner}/{repo}"),
            Home::User(login) => write!(f, "user {login}"),
        }
    }
}

/// The three kinds of home.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// Organization secrets, with a visibility and, when `selected`, granted repositories.
    Org,
    /// Repository secrets: a value, nothing else.
    Repo,
    /// The token's user's secrets, always granted to selected repositories.
    User,
}

impl Scope {
    /// Every scope.
    pub(crate) const ALL: [Scope; 3] = [Scope::Org, Scope::Repo, Scope::User];

    /// The route template of the scope's secrets list; every other route of the scope
    /// extends it.
    pub(crate) fn root(self) -> &'static str {
        match self {
            Scope::Org => "/orgs/{org}/codespaces/secrets",
            Scope::Repo => "/repos/{owner}/{repo}/codespaces/secrets",
            Scope::User => "/user/codespaces/secrets",
        }
    }

    /// The scope of a route template (without the path prefix), if it is a secrets route.
    pub(crate) fn of_route(template: &str) -> Option<Scope> {
        Scope::ALL
            .into_iter()
            .find(|s| template.starts_with(s.root()))
    }

    /// What GitHub calls the owner of such secrets in its messages.
    pub(crate) fn noun(self) -> &'static str {
        match self {
            Scope::Org => "organization",
            Scope::Repo => "repository",
            Scope::User => "user",
        }
    }

    /// Whether its secrets are granted to repositories (and it has the repositories routes).
    pub(crate) fn has_grants(self) -> bool {
        matches!(self, Scope::Org | Scope::User)
    }

    /// The classic-token scopes GitHub accepts on its routes (`X-Accepted-OAuth-Scopes`).
    pub(crate) fn accepted_oauth_scopes(self) -> &'static str {
        match self {
            Scope::Org => "admin:org",
            Scope::Repo => "repo",
            Scope::User => "codespace, codespace:secrets",
        }
    }

    /// The page of GitHub's REST documentation that error bodies link to.
    pub(crate) fn docs(self) -> &'static str {
        match self {
            Scope::Org => "https://docs.github.com/rest/codespaces/organization-secrets",
            Scope::Repo => "https://docs.github.com/rest/codespaces/repository-secrets",
            Scope::User => "https://docs.github.com/rest/codespaces/secrets",
        }
    }
}
