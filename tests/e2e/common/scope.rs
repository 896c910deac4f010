//! The three scopes of secrets as the end-to-end tests that run once per scope name them:
//! each one's home at the emulator (the organization `acme`, its repository `api`, the
//! token's user) and its type names here and in integrations/github.

use github_emulator::{Emulator, Home};

use super::ORG;

/// A scope of secrets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Organization,
    Repository,
    User,
}

impl Scope {
    /// Where its secrets live in the tests.
    pub fn home(self, emu: &Emulator) -> Home {
        match self {
            Scope::Organization => Home::org(ORG),
            Scope::Repository => Home::repo(ORG, "api"),
            Scope::User => Home::user(emu.user()),
        }
    }

    /// This provider's resource type of its secrets.
    pub fn secret_type(self) -> &'static str {
        match self {
            Scope::Organization => "codespaces_org_secret",
            Scope::Repository => "codespaces_repository_secret",
            Scope::User => "codespaces_user_secret",
        }
    }

    /// This provider's action that pushes a value to one of its secrets.
    pub fn value_action(self) -> String {
        format!("{}_value", self.secret_type())
    }

    /// integrations/github's resource type of its secrets.
    pub fn incumbent_type(self) -> &'static str {
        match self {
            Scope::Organization => "github_codespaces_organization_secret",
            Scope::Repository => "github_codespaces_secret",
            Scope::User => "github_codespaces_user_secret",
        }
    }
}
