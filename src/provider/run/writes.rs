//! The writes of the run: every write the provider makes goes through here, so that what
//! the run keeps (`run.rs`) stays true. A value written in plain is sealed with the run's
//! public key, fetched again once when GitHub refuses it (rotated).

use std::sync::PoisonError;

use github_client::{Error, Grants, PublicKey, SecretHome, SecretValue, Visibility, Written};

use super::{Run, Settled, Slot};

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

    /// Changes which repositories may use secret `name` of `home`.
    pub async fn change_repositories(
        &self,
        home: &SecretHome,
        name: &str,
        change: RepositoryChange<'_>,
    ) -> Result<(), Error> {
        let client = &self.client;
        let result = match change {
            RepositoryChange::Set(ids) => client.set_selected_repositories(home, name, ids).await,
            RepositoryChange::Add(id) => client.add_selected_repository(home, name, id).await,
            RepositoryChange::Remove(id) => client.remove_selected_repository(home, name, id).await,
        };
        self.wrote(home, name, Settled::Nothing);
        result
    }

    /// Notes a write of secret `name` of `home` (tried, whatever its result): the listing
    /// is old for reads of the present, the secret's repositories are dropped, and when the
    /// write settled whether the secret exists, the checks learn it.
    fn wrote(&self, home: &SecretHome, name: &str, settled: Settled) {
        let cache = self.home(home);
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
