//! The emulated GitHub's data: organizations and users with their repositories
//! (`accounts.rs`), each home's secrets and key pair (`vault.rs`), the grants of organization
//! and user secrets (`grants.rs`), a logical clock, and GitHub's rules for every write. The
//! route handlers and the test-facing API call these methods, naming a secret's [`Home`];
//! each answers GitHub's status and message on refusal.

mod accounts;
mod grants;
mod vault;

use std::collections::{BTreeMap, BTreeSet};

pub(crate) use accounts::{Account, AccountKind, Repo};
pub(crate) use vault::{PutBody, RepoId, StoredSecret, Vault};

use crate::home::{Home, Scope};

/// GitHub's rule for secret names, as its 422 words it.
const NAME_RULES: &str = "Secret names can only contain alphanumeric characters ([a-z], [A-Z], [0-9]) or underscores (_), must not start with a number, and must not start with the GITHUB_ prefix.";

/// A refusal: status, GitHub's message, `errors` entries, and the documentation it links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Refusal {
    /// HTTP status.
    pub(crate) status: u16,
    /// GitHub's `message`.
    pub(crate) message: String,
    /// GitHub's `errors`.
    pub(crate) errors: Vec<String>,
    /// The scope whose documentation the body links, if the route has one.
    pub(crate) scope: Option<Scope>,
    /// Headers GitHub adds to this refusal (e.g. the scopes a route accepts).
    pub(crate) headers: Vec<(&'static str, String)>,
}

impl Refusal {
    /// `status` with GitHub's `message`.
    pub(crate) fn new(status: u16, message: &str) -> Refusal {
        Refusal {
            status,
            message: message.to_string(),
            errors: Vec::new(),
            scope: None,
            headers: Vec::new(),
        }
    }

    /// 404 Not Found.
    pub(crate) fn not_found() -> Refusal {
        Refusal::new(404, "Not Found")
    }

    /// 422 Validation Failed, with one `errors` entry.
    pub(crate) fn invalid(detail: &str) -> Refusal {
        Refusal {
            errors: vec![detail.to_string()],
            ..Refusal::new(422, "Validation Failed")
        }
    }

    /// The same refusal, with header `name`.
    pub(crate) fn with_header(mut self, name: &'static str, value: &str) -> Refusal {
        self.headers.push((name, value.to_string()));
        self
    }

    /// The same refusal, answered on a route of `scope`.
    pub(crate) fn within(self, scope: Scope) -> Refusal {
        Refusal {
            scope: Some(scope),
            ..self
        }
    }
}

/// Whether GitHub accepts `name` for a secret (the same rules in every scope).
pub(crate) fn valid_secret_name(name: &str) -> bool {
    !name.is_empty()
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && !name.to_ascii_uppercase().starts_with("GITHUB_")
}

fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// RFC 3339 at second resolution, as GitHub writes timestamps.
pub(crate) fn timestamp(unix: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(unix)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}

/// Every account, plus the clock and the serials of key and repository ids.
pub(crate) struct World {
    /// By lower-case login.
    accounts: BTreeMap<String, Account>,
    clock: i64,
    key_serial: u64,
    repo_serial: i64,
}

impl World {
    /// Organizations with `repos_per_org` seeded repositories each, and no user yet.
    pub(crate) fn new(orgs: &[String], repos_per_org: usize) -> World {
        let mut world = World {
            accounts: BTreeMap::new(),
            clock: now(),
            key_serial: 0,
            repo_serial: 0,
        };
        for (i, login) in orgs.iter().enumerate() {
            let vault = world.new_vault();
            let repos = (0..repos_per_org)
                .map(|r| Repo {
                    id: 1_296_269 + (i as i64) * 100_000 + (r as i64) * 7,
                    name: accounts::seeded_name(r),
                    private: r % 3 != 1,
                    vault: world.new_vault(),
                })
                .collect();
            world.insert(Account {
                login: login.clone(),
                id: 9_919 + i as i64,
                kind: AccountKind::Organization,
                repos,
                vault,
                member_of: BTreeSet::new(),
            });
        }
        world
    }

    fn insert(&mut self, account: Account) {
        self.accounts
            .insert(account.login.to_ascii_lowercase(), account);
    }

    fn new_vault(&mut self) -> Vault {
        self.key_serial += 1;
        Vault::new(format!(
            "{}",
            3_380_204_578_043_523_000u64 + self.key_serial
        ))
    }

    /// A strictly increasing time for writes (GitHub's timestamps have second resolution; two
    /// writes in one second still get different `updated_at`).
    pub(crate) fn tick(&mut self) -> i64 {
        self.clock = now().max(self.clock + 1);
        self.clock
    }

    /// The organization or user `login`, or 404.
    pub(crate) fn account(&self, login: &str) -> Result<&Account, Refusal> {
        self.accounts
            .get(&login.to_ascii_lowercase())
            .ok_or_else(Refusal::not_found)
    }

    fn account_mut(&mut self, login: &str) -> Result<&mut Account, Refusal> {
        self.accounts
            .get_mut(&login.to_ascii_lowercase())
            .ok_or_else(Refusal::not_found)
    }

    /// The repository with id `id`, and its owner.
    pub(crate) fn repo_by_id(&self, id: i64) -> Option<(&Account, &Repo)> {
        self.accounts
            .values()
            .find_map(|a| a.repos.iter().find(|r| r.id == id).map(|r| (a, r)))
    }

    /// Whether user `login` reaches the repositories of account `owner`.
    pub(crate) fn can_reach(&self, login: &str, owner: &Account) -> bool {
        owner.login.eq_ignore_ascii_case(login)
            || self.account(login).is_ok_and(|u| {
                u.kind == AccountKind::User
                    && u.member_of.contains(&owner.login.to_ascii_lowercase())
            })
    }

    /// The vault of `home`, or 404 (an organization login names no user, and the reverse).
    pub(crate) fn vault(&self, home: &Home) -> Result<&Vault, Refusal> {
        let found = match home {
            Home::Org(login) => self
                .account(login)
                .ok()
                .filter(|a| a.kind == AccountKind::Organization)
                .map(|a| &a.vault),
            Home::User(login) => self
                .account(login)
                .ok()
                .filter(|a| a.kind == AccountKind::User)
                .map(|a| &a.vault),
            Home::Repo { owner, repo } => self
                .account(owner)
                .ok()
                .and_then(|a| a.repo(repo))
                .map(|r| &r.vault),
        };
        found.ok_or_else(|| Refusal::not_found().within(home.scope()))
    }

    /// The vault of `home`, mutable, or 404.
    pub(crate) fn vault_mut(&mut self, home: &Home) -> Result<&mut Vault, Refusal> {
        self.vault(home)?;
        let account = match home {
            Home::Org(login) | Home::User(login) => self.account_mut(login)?,
            Home::Repo { owner, .. } => self.account_mut(owner)?,
        };
        match home {
            Home::Repo { repo, .. } => account
                .repo_mut(repo)
                .map(|r| &mut r.vault)
                .ok_or_else(Refusal::not_found),
            _ => Ok(&mut account.vault),
        }
    }

    /// A new key pair for `home`; boxes sealed for the old one are refused from now on.
    pub(crate) fn rotate_key(&mut self, home: &Home) {
        self.key_serial += 1;
        let key_id = format!("{}", 3_380_204_578_043_523_000u64 + self.key_serial);
        if let Ok(vault) = self.vault_mut(home) {
            vault.rotate(key_id);
        }
    }

    /// Creates or updates a secret as GitHub does; answers whether it was created.
    pub(crate) fn put_secret(
        &mut self,
        home: &Home,
        name: &str,
        body: PutBody,
    ) -> Result<bool, Refusal> {
        let at = self.tick();
        let scope = home.scope();
        self.vault(home)?;
        if !valid_secret_name(name) {
            return Err(Refusal::invalid(NAME_RULES).within(scope));
        }
        let rules = self.put_grants(home, &body)?;
        self.vault_mut(home)?.store(scope, name, &body, rules, at)
    }

    /// The secret, or 404.
    pub(crate) fn secret(&self, home: &Home, name: &str) -> Result<&StoredSecret, Refusal> {
        self.vault(home)?
            .get(name)
            .ok_or_else(|| Refusal::not_found().within(home.scope()))
    }

    /// Deletes a secret, or 404.
    pub(crate) fn delete_secret(&mut self, home: &Home, name: &str) -> Result<(), Refusal> {
        self.vault_mut(home)?
            .secrets
            .remove(&name.to_ascii_uppercase())
            .map(|_| ())
            .ok_or_else(|| Refusal::not_found().within(home.scope()))
    }
}

#[cfg(test)]
mod tests;
