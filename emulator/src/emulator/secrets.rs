//! What arrived in each home, for tests to assert on (sealed boxes opened with the home's own
//! key), and changes made "outside Terraform" (as a person in GitHub's UI would), in any
//! scope: every method takes the secret's [`Home`], and a bare organization login is one.

use super::Emulator;
use crate::home::Home;
use crate::state::{timestamp, PutBody, RepoId, StoredSecret};

/// A secret as tests see it, in any scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretSnapshot {
    /// Upper-case name.
    pub name: String,
    /// `all`, `private` or `selected` for an organization secret; `selected` for a user
    /// secret; empty for a repository secret.
    pub visibility: String,
    /// The value that arrived, opened with the private key of its home.
    pub plaintext: Vec<u8>,
    /// The key id it was sealed for.
    pub key_id: String,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339.
    pub updated_at: String,
    /// Granted repositories (organization and user secrets).
    pub selected_repository_ids: std::collections::BTreeSet<i64>,
    /// PUTs of this secret received.
    pub put_count: u64,
}

impl From<&StoredSecret> for SecretSnapshot {
    fn from(s: &StoredSecret) -> SecretSnapshot {
        SecretSnapshot {
            name: s.name.clone(),
            visibility: s.visibility.clone(),
            plaintext: s.plaintext.clone(),
            key_id: s.key_id.clone(),
            created_at: timestamp(s.created_at),
            updated_at: timestamp(s.updated_at),
            selected_repository_ids: s.repos.clone(),
            put_count: s.put_count,
        }
    }
}

impl Emulator {
    /// One secret of `home` (name case-insensitive): `emu.secret("acme", "db")`,
    /// `emu.secret(Home::repo("acme", "api"), "db")`, `emu.secret(Home::user("octocat"), "db")`.
    pub fn secret(&self, home: impl Into<Home>, name: &str) -> Option<SecretSnapshot> {
        let world = self.shared.world();
        world
            .secret(&home.into(), name)
            .ok()
            .map(SecretSnapshot::from)
    }

    /// Every secret of `home`, by name (empty when the home does not exist).
    pub fn secrets(&self, home: impl Into<Home>) -> Vec<SecretSnapshot> {
        let world = self.shared.world();
        world.vault(&home.into()).map_or_else(
            |_| Vec::new(),
            |v| v.secrets.values().map(SecretSnapshot::from).collect(),
        )
    }

    /// The current public key of `home`: `(key_id, base64 key)`. Each home has its own.
    pub fn public_key(&self, home: impl Into<Home>) -> Option<(String, String)> {
        let world = self.shared.world();
        world.vault(&home.into()).ok().map(|v| v.public_key())
    }

    /// Creates or replaces a secret as a person would in GitHub's UI (moves `updated_at`).
    /// `visibility` counts for organization secrets only; `selected_repository_ids` are the
    /// grants of a `selected` organization secret or of a user secret (repository secrets
    /// have none). Answers whether it was written (GitHub's rules apply).
    pub fn put_secret_outside(
        &self,
        home: impl Into<Home>,
        name: &str,
        plaintext: &[u8],
        visibility: &str,
        selected_repository_ids: &[i64],
    ) -> bool {
        let home = home.into();
        let mut world = self.shared.world();
        let Ok(vault) = world.vault(&home) else {
            return false;
        };
        let ids = || {
            selected_repository_ids
                .iter()
                .copied()
                .map(RepoId::Number)
                .collect()
        };
        let body = PutBody {
            encrypted_value: vault.seal(plaintext),
            key_id: Some(vault.public_key().0),
            visibility: Some(visibility.into()),
            selected_repository_ids: match home {
                Home::Org(_) => (visibility == "selected").then(ids),
                Home::User(_) => Some(ids()),
                Home::Repo { .. } => None,
            },
        };
        world.put_secret(&home, name, body).is_ok()
    }

    /// Deletes a secret outside Terraform; answers whether it existed.
    pub fn delete_secret_outside(&self, home: impl Into<Home>, name: &str) -> bool {
        self.shared
            .world()
            .delete_secret(&home.into(), name)
            .is_ok()
    }

    /// Grants one more repository access outside Terraform; answers whether GitHub's rules
    /// allowed it.
    pub fn add_repository_outside(&self, home: impl Into<Home>, name: &str, id: i64) -> bool {
        let mut world = self.shared.world();
        world.add_grant(&home.into(), name, id).is_ok()
    }

    /// Removes one repository's access outside Terraform; answers whether it had access.
    pub fn remove_repository_outside(&self, home: impl Into<Home>, name: &str, id: i64) -> bool {
        let mut world = self.shared.world();
        world.remove_grant(&home.into(), name, id) == Ok(true)
    }

    /// Gives `home` a new key pair; values sealed for the old key are refused with 422.
    pub fn rotate_public_key(&self, home: impl Into<Home>) {
        self.shared.world().rotate_key(&home.into());
    }
}
