//! The accounts of the emulated GitHub: organizations and users, the repositories each owns
//! (with the vault of each repository's secrets), and who can reach which repository: a user
//! reaches the repositories it owns and those of the organizations it is a member of.

use std::collections::BTreeSet;

use super::vault::Vault;
use super::{Refusal, World};

/// The names of an organization's first seeded repositories.
const REPO_NAMES: [&str; 12] = [
    "api",
    "web",
    "mobile",
    "docs",
    "infra",
    "billing",
    "search",
    "auth",
    "analytics",
    "design-system",
    "ml-platform",
    "sandbox",
];

/// The name of an organization's `n`th seeded repository.
pub(crate) fn seeded_name(n: usize) -> String {
    REPO_NAMES
        .get(n)
        .map_or_else(|| format!("repo-{n}"), |s| s.to_string())
}

/// An organization or a user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AccountKind {
    /// An organization.
    Organization,
    /// A user.
    User,
}

impl AccountKind {
    /// As GitHub writes it in an owner's `type`.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            AccountKind::Organization => "Organization",
            AccountKind::User => "User",
        }
    }
}

/// A repository.
pub(crate) struct Repo {
    /// Numeric id, unique in the emulator.
    pub(crate) id: i64,
    /// Name.
    pub(crate) name: String,
    /// Whether private.
    pub(crate) private: bool,
    /// Its Codespaces secrets.
    pub(crate) vault: Vault,
}

/// An organization or a user.
pub(crate) struct Account {
    /// Login as configured.
    pub(crate) login: String,
    /// Numeric id.
    pub(crate) id: i64,
    /// Organization or user.
    pub(crate) kind: AccountKind,
    /// The repositories it owns.
    pub(crate) repos: Vec<Repo>,
    /// Its Codespaces secrets (an organization's, or a user's own).
    pub(crate) vault: Vault,
    /// For a user: the organizations it is a member of, by lower-case login.
    pub(crate) member_of: BTreeSet<String>,
}

impl Account {
    /// Its repository `name` (any case).
    pub(crate) fn repo(&self, name: &str) -> Option<&Repo> {
        self.repos
            .iter()
            .find(|r| r.name.eq_ignore_ascii_case(name))
    }

    /// Its repository `name` (any case), mutable.
    pub(crate) fn repo_mut(&mut self, name: &str) -> Option<&mut Repo> {
        self.repos
            .iter_mut()
            .find(|r| r.name.eq_ignore_ascii_case(name))
    }
}

impl World {
    /// Adds user `login` (if new), a member of `member_of`, owning repositories named
    /// `repos`.
    pub(crate) fn add_user(&mut self, login: &str, member_of: &[String], repos: &[String]) {
        if self.account(login).is_err() {
            let vault = self.new_vault();
            let id = 583_231 + self.accounts.len() as i64;
            self.insert(Account {
                login: login.to_string(),
                id,
                kind: AccountKind::User,
                repos: Vec::new(),
                vault,
                member_of: BTreeSet::new(),
            });
        }
        if let Ok(user) = self.account_mut(login) {
            let orgs = member_of.iter().map(|o| o.to_ascii_lowercase());
            user.member_of.extend(orgs);
        }
        for name in repos {
            let _ = self.add_repo(login, name, true);
        }
    }

    /// Adds repository `owner/name` (or finds it), with an id no other repository has.
    pub(crate) fn add_repo(
        &mut self,
        owner: &str,
        name: &str,
        private: bool,
    ) -> Result<i64, Refusal> {
        if let Some(r) = self.account(owner)?.repo(name) {
            return Ok(r.id);
        }
        self.repo_serial += 1;
        let id = 5_000_000 + self.repo_serial * 7;
        let vault = self.new_vault();
        self.account_mut(owner)?.repos.push(Repo {
            id,
            name: name.to_string(),
            private,
            vault,
        });
        Ok(id)
    }
}
