//! The writes of the run: every write the provider makes goes through here, so that what
//! the run keeps (`run.rs`) stays true. A value written in plain is sealed with the run's
//! public key, fetched again once when GitHub refuses it (rotated).

use std::sync::{Arc, PoisonError};

use github_client::{Error, Grants, PublicKey, SecretHome, SecretValue, Visibility, Written};

use super::grants::{self, Grant, GrantError};
use super::{HomeCache, Run, Settled, Slot};

/// A change of the repositories allowed to use a `selected` secret.
#[derive(Debug, Clone, Copy)]
pub enum RepositoryChange<'a> {
    /// Exactly these repositories.
    Set(&'a [i64]),
    /// One more repository.
    Add(i64),
    /// One repository less.
    Remove(i64),
}

impl Run {
    /// Writes `plaintext` as secret `name` of `home`, sealed with the run's public key;
    /// when GitHub refuses that key (it was rotated), fetches the key again and writes once
    /// more.
    pub async fn write_value(
        &self,
        home: &SecretHome,
        name: &str,
        plaintext: &[u8],
        visibility: Option<Visibility>,
        grants: Grants,
    ) -> Result<Written, Error> {
        let key = self.public_key(home).await?;
        let value = SecretValue::Plain {
            plaintext,
            key: &key,
        };
        let first = self
            .write_secret(home, name, value, visibility, grants.clone())
            .await;
        match first {
            Err(e) if e.rejects_key() => {
                self.forget_key(home, &key);
                let key = self.public_key(home).await?;
                let value = SecretValue::Plain {
                    plaintext,
                    key: &key,
                };
                self.write_secret(home, name, value, visibility, grants)
                    .await
            }
            other => other,
        }
    }

    /// Writes secret `name` of `home` with `value` (sealed elsewhere, or kept as GitHub has
    /// it), its visibility and its grants.
    pub async fn write_secret(
        &self,
        home: &SecretHome,
        name: &str,
        value: SecretValue<'_>,
        visibility: Option<Visibility>,
        grants: Grants,
    ) -> Result<Written, Error> {
        let result = self
            .client
            .write_secret(home, name, value, visibility, grants)
            .await;
        let settled = match result {
            Ok(_) => Settled::Exists(visibility),
            Err(_) => Settled::Nothing,
        };
        self.wrote(home, name, settled);
        result
    }

    /// Deletes secret `name` of `home`.
    pub async fn delete_secret(&self, home: &SecretHome, name: &str) -> Result<(), Error> {
        let result = self.client.delete_secret(home, name).await;
        let gone = result.is_ok() || result.as_ref().is_err_and(Error::is_not_found);
        let settled = if gone {
            Settled::Deleted
        } else {
            Settled::Nothing
        };
        self.wrote(home, name, settled);
        result
    }

    /// Changes which repositories may use secret `name` of `home`. Adding or removing one
    /// repository joins the secret's next batch of grant writes (`run/grants.rs`): at once
    /// when none is being written, else with every grant that queued behind it.
    pub async fn change_repositories(
        &self,
        home: &SecretHome,
        name: &str,
        change: RepositoryChange<'_>,
    ) -> Result<(), GrantError> {
        let grant = |repository, allow| Grant { repository, allow };
        let result = match change {
            RepositoryChange::Set(ids) => self
                .client
                .set_selected_repositories(home, name, ids)
                .await
                .map_err(GrantError::alone),
            RepositoryChange::Add(id) => self.grant(home, name, grant(id, true)).await,
            RepositoryChange::Remove(id) => self.grant(home, name, grant(id, false)).await,
        };
        self.wrote(home, name, Settled::Nothing);
        result
    }

    /// Notes that a grant of `repository`'s access to secret `name` of `home` was planned
    /// (Terraform applies it a moment later): a batch of that secret's grants waits a little
    /// for it (`run/grants.rs`). For the plans of creates that found nothing wrong.
    pub fn expect_grant(&self, home: &SecretHome, name: &str, repository: i64) {
        let cache = self.home(home);
        grants::expect(&cache.plans, &self.queue(&cache, name), name, repository);
    }

    /// Makes `grant` in the next batch of secret `name`'s grant writes.
    async fn grant(&self, home: &SecretHome, name: &str, grant: Grant) -> Result<(), GrantError> {
        let cache = self.home(home);
        let queue = self.queue(&cache, name);
        let target = grants::Target {
            client: &self.client,
            plans: &cache.plans,
            queue: &queue,
            home,
            name,
        };
        grants::submit(&target, grant).await
    }

    /// The queue of secret `name`'s grant writes.
    fn queue(&self, cache: &HomeCache, name: &str) -> Arc<grants::Queue> {
        let mut queues = cache.queues.lock().unwrap_or_else(PoisonError::into_inner);
        queues.entry(name.to_ascii_uppercase()).or_default().clone()
    }

    /// Notes a write of secret `name` of `home` (tried, whatever its result): the listing
    /// is old for reads of the present, the secret's repositories are dropped, and when the
    /// write settled whether the secret exists, the checks learn it.
    fn wrote(&self, home: &SecretHome, name: &str, settled: Settled) {
        let cache = self.home(home);
        cache.plans.touch(tokio::time::Instant::now());
        let upper = name.to_ascii_uppercase();
        {
            let mut writes = cache.writes();
            writes.count += 1;
            if settled != Settled::Nothing {
                let n = writes.count;
                writes.names.insert(upper.clone(), (n, settled));
            }
        }
        cache
            .repositories
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(&upper);
    }

    /// Forgets the public key `rejected` (GitHub refused it), unless another caller has
    /// fetched a new one already.
    fn forget_key(&self, home: &SecretHome, rejected: &PublicKey) {
        let cache = self.home(home);
        let mut slot = cache.key.lock().unwrap_or_else(PoisonError::into_inner);
        if slot.get().is_some_and(|k| k.key_id == rejected.key_id) {
            *slot = Slot::default();
        }
    }
}
