//! The three scopes of Codespaces secrets as the provider serves them: an organization's
//! (`codespaces_org_secret`), a repository's (`codespaces_repository_secret`) and the
//! authenticated user's (`codespaces_user_secret`), with the grant resources of the two that
//! have grants. Everything else (value modes, drift, plan-time checks, identity, lists,
//! import) is written once for all of them and asks [`Scope`] only what differs: names,
//! which attributes a scope has, and how its messages name a home.

use github_client::rules::SecretScope;
use github_client::{SecretHome, Visibility};
use tfplugin::{Attribute, Block, Type};

use crate::provider::repository_name::repository_rule;

/// A scope of Codespaces secrets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// An organization's secrets: a visibility, and grants when it is `selected`.
    Organization,
    /// A repository's secrets: a value, nothing else.
    Repository,
    /// The authenticated user's secrets: granted to selected repositories.
    User,
}

impl Scope {
    /// Every scope.
    pub const ALL: [Scope; 3] = [Scope::Organization, Scope::Repository, Scope::User];

    /// The scope as the GitHub client names it.
    pub fn client(self) -> SecretScope {
        match self {
            Scope::Organization => SecretScope::Organization,
            Scope::Repository => SecretScope::Repository,
            Scope::User => SecretScope::User,
        }
    }

    /// The scope of `home`.
    pub fn of(home: &SecretHome) -> Scope {
        match home {
            SecretHome::Repository { .. } => Scope::Repository,
            SecretHome::User => Scope::User,
            _ => Scope::Organization,
        }
    }

    /// The resource type of its secrets.
    pub fn secret_type(self) -> &'static str {
        match self {
            Scope::Organization => "codespaces_org_secret",
            Scope::Repository => "codespaces_repository_secret",
            Scope::User => "codespaces_user_secret",
        }
    }

    /// The resource type of one repository's access to one of its secrets, if it has grants.
    pub fn grant_type(self) -> Option<&'static str> {
        match self {
            Scope::Organization => Some("codespaces_org_secret_repository"),
            Scope::Repository => None,
            Scope::User => Some("codespaces_user_secret_repository"),
        }
    }

    /// The word for the owner of its secrets: `organization`, `repository`, `user`.
    pub fn noun(self) -> &'static str {
        match self {
            Scope::Organization => "organization",
            Scope::Repository => "repository",
            Scope::User => "user",
        }
    }

    /// Whose secrets a description speaks of: `the organization's`, `a repository's`, `the
    /// token's user's`.
    pub fn whose(self) -> &'static str {
        match self {
            Scope::Organization => "the organization's",
            Scope::Repository => "a repository's",
            Scope::User => "the token's user's",
        }
    }

    /// `block` with the `repository` argument of the repository scope's data sources and
    /// lists; other scopes' blocks as they are.
    pub fn repository_argument(self, block: Block) -> Block {
        if self != Scope::Repository {
            return block;
        }
        block.attribute(
            Attribute::required("repository", Type::String)
                .description(
                    "The repository: `OWNER/NAME`, or `NAME` for a repository of the provider's \
                     `owner`.",
                )
                .validate(repository_rule()),
        )
    }

    /// Whether its secrets have a visibility of their own.
    pub fn has_visibility(self) -> bool {
        self.client().has_visibility()
    }

    /// Whether its secrets are granted to repositories.
    pub fn has_grants(self) -> bool {
        self.client().has_grants()
    }

    /// Whether a secret of this scope with `visibility` (as GitHub or a state reports it) has
    /// grants now: an organization secret when `selected`, a user secret always.
    pub fn has_grants_with(self, visibility: Option<Visibility>) -> bool {
        match self {
            Scope::Organization => visibility == Some(Visibility::Selected),
            Scope::Repository => false,
            Scope::User => true,
        }
    }
}

/// `home` as a message names it: `organization "acme"`, `repository "acme/api"`, `the
/// token's user`.
pub fn place(home: &SecretHome) -> String {
    match home {
        SecretHome::Repository { owner, repo } => format!("repository \"{owner}/{repo}\""),
        SecretHome::User => "the token's user".to_string(),
        SecretHome::Organization(org) => format!("organization {org:?}"),
        other => other.to_string(),
    }
}

/// [`place`], at the start of a sentence.
pub fn place_capitalized(home: &SecretHome) -> String {
    let text = place(home);
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_ascii_uppercase().to_string() + chars.as_str()
    })
}
