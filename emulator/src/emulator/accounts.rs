//! The accounts a test sets up and reads: organizations (from the config, with seeded
//! repositories), users (the config's, a member of every organization, and others added
//! with [`Emulator::add_user`]), and repositories (ids unique across the emulator), which
//! tests add to an organization or a user with [`Emulator::add_repository`].

use super::Emulator;
use crate::config::{EmulatorError, UserSpec};
use crate::state::{Account, Repo};
use crate::sync::lock;
use crate::tokens::TokenScopes;

/// A repository as tests see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepoSnapshot {
    /// Numeric id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// `owner/name`.
    pub full_name: String,
    /// Private or not.
    pub private: bool,
}

fn snapshot(owner: &Account, r: &Repo) -> RepoSnapshot {
    RepoSnapshot {
        id: r.id,
        name: r.name.clone(),
        full_name: format!("{}/{}", owner.login, r.name),
        private: r.private,
    }
}

impl Emulator {
    /// The login of the user the config's tokens belong to (`octocat` by default).
    pub fn user(&self) -> &str {
        &self.user
    }

    /// The repositories of organization or user `owner`.
    pub fn repositories(&self, owner: &str) -> Vec<RepoSnapshot> {
        let world = self.shared.world();
        let Ok(o) = world.account(owner) else {
            return Vec::new();
        };
        o.repos.iter().map(|r| snapshot(o, r)).collect()
    }

    /// Repository `owner/name` (any case).
    pub fn repository(&self, owner: &str, name: &str) -> Option<RepoSnapshot> {
        let world = self.shared.world();
        let o = world.account(owner).ok()?;
        o.repo(name).map(|r| snapshot(o, r))
    }

    /// Adds repository `name` to organization or user `owner` (or finds it), with its own
    /// key pair for repository secrets.
    pub fn add_repository(
        &self,
        owner: &str,
        name: &str,
        private: bool,
    ) -> Result<RepoSnapshot, EmulatorError> {
        let mut world = self.shared.world();
        let id = world
            .add_repo(owner, name, private)
            .map_err(|_| EmulatorError::NoAccount(owner.to_string()))?;
        let (o, r) = world
            .repo_by_id(id)
            .ok_or_else(|| EmulatorError::NoAccount(owner.to_string()))?;
        Ok(snapshot(o, r))
    }

    /// Adds a user (or extends one) with its tokens (every scope), organizations and
    /// repositories, and a key pair of its own for its user secrets.
    pub fn add_user(&self, spec: UserSpec) {
        self.shared
            .world()
            .add_user(&spec.login, &spec.member_of, &spec.repos);
        let mut tokens = lock(&self.shared.tokens);
        for t in &spec.tokens {
            tokens.add(t, &spec.login, TokenScopes::All);
        }
    }
}
