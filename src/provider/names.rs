//! One secret per name. GitHub keeps one secret per name in a scope, ignoring case, while
//! Terraform tracks resource instances by address; what one provider process learns of
//! both, for the checks that keep a secret from being claimed twice, overwritten or deleted
//! by mistake. Every name is kept with its [`SecretHome`], upper-case.
//!
//! - **Held**: the names of the secrets the state holds. Terraform upgrades every instance in
//!   state (tainted ones too, with or without `-refresh=false`) before it plans it, so a
//!   create whose name is held is the create half of a replacement (`-replace`, `taint`, a
//!   failed read-back) or a secret moving to another address, not one made outside
//!   Terraform.
//! - **Claimed**: the names the plans of this process gave their instances. A second claim is
//!   a second resource for one secret. Terraform plans each instance once, except a
//!   replacement, planned again as a create with the first plan's private data: that create
//!   half claims nothing more (see `secret/plan.rs`).
//! - **Wanted**: the names this process's applies create or write. A delete of one (the old
//!   half of a `create_before_destroy` replacement, or a resource whose secret another
//!   address took over) leaves the secret alone: it is the one just written.

use std::collections::HashSet;
use std::sync::{Mutex, PoisonError};

use github_client::SecretHome;

type Key = (SecretHome, String);

/// See the module documentation.
#[derive(Default)]
pub struct SecretNames {
    held: Mutex<HashSet<Key>>,
    claimed: Mutex<HashSet<Key>>,
    wanted: Mutex<HashSet<Key>>,
}

fn key(home: &SecretHome, name: &str) -> Key {
    (home.clone(), name.to_ascii_uppercase())
}

fn with<T>(set: &Mutex<HashSet<Key>>, f: impl FnOnce(&mut HashSet<Key>) -> T) -> T {
    f(&mut set.lock().unwrap_or_else(PoisonError::into_inner))
}

impl SecretNames {
    /// The state holds secret `name` of `home`.
    pub fn hold(&self, home: &SecretHome, name: &str) {
        with(&self.held, |s| s.insert(key(home, name)));
    }

    /// Whether the state holds secret `name` of `home`, as far as this process has seen.
    pub fn is_held(&self, home: &SecretHome, name: &str) -> bool {
        with(&self.held, |s| s.contains(&key(home, name)))
    }

    /// Claims `name` of `home` for one instance's plan; `false` when another plan of this
    /// process claimed it already.
    pub fn claim(&self, home: &SecretHome, name: &str) -> bool {
        with(&self.claimed, |s| s.insert(key(home, name)))
    }

    /// An apply of this process creates or writes `name` of `home`.
    pub fn want(&self, home: &SecretHome, name: &str) {
        with(&self.wanted, |s| s.insert(key(home, name)));
    }

    /// Whether an apply of this process creates or writes `name` of `home`.
    pub fn is_wanted(&self, home: &SecretHome, name: &str) -> bool {
        with(&self.wanted, |s| s.contains(&key(home, name)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_kept_per_scope_ignoring_case() {
        let names = SecretNames::default();
        let org = SecretHome::organization;
        let acme = org("Acme");
        names.hold(&acme, "db");
        assert!(names.is_held(&org("acme"), "DB"));
        assert!(!names.is_held(&org("other"), "DB"));
        assert!(names.claim(&acme, "dup_name"));
        assert!(!names.claim(&acme, "DUP_NAME"), "a second claim");
        assert!(names.claim(&org("other"), "DUP_NAME"));
        assert!(!names.is_wanted(&acme, "X"));
        names.want(&acme, "x");
        assert!(names.is_wanted(&acme, "X"));
    }
}
