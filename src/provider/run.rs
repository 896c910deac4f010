//! What one provider process knows of GitHub, and the one place that decides what it keeps.
//! Terraform runs each plan, apply or refresh of a configuration in one provider process,
//! so what the process keeps is what the run keeps. [`Run`] holds the GitHub client and,
//! for each secret home, the run's cache:
//!
//! - **the public key**, fetched by the first writer (concurrent writers wait for it and
//!   share it), fetched again once when GitHub refuses it because it was rotated;
//! - **the listing of the home's secrets**, taken once and shared by plans, refreshes,
//!   imports, data sources and the checks of creates. What the run asks of it comes in two
//!   kinds. [`Run::known`] (plans and creates: is that name taken?) answers from the listing
//!   with this process's own writes and deletes laid over it, so it never lists again; its
//!   failure is kept, so a dead base URL is tried once and reported once. [`Run::secrets`]
//!   (refresh, import, data sources: GitHub as it is now) lists again after this process
//!   wrote any secret of the home, and tries again after a failure;
//! - **each secret's repositories**, listed once, dropped by any write of that secret.
//!
//! Every write the provider makes goes through `Run`, so what is kept stays true.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use github_client::{
    Client, Error, Grants, PublicKey, Repository, Secret, SecretHome, SecretValue, Visibility,
    Written,
};
use tokio::sync::{Mutex as AsyncMutex, OnceCell};

/// A value fetched once by its first caller and shared; replaced to fetch it again.
type Slot<T> = Arc<OnceCell<T>>;

/// A secret as the run knows it: as GitHub listed it, or as this process wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Known {
    /// The name, upper-case, as GitHub reports it.
    pub name: String,
    /// Who may use it.
    pub visibility: Visibility,
}

/// The GitHub client of this process and the run's cache; see the module documentation.
pub struct Run {
    client: Client,
    homes: Mutex<HashMap<SecretHome, Arc<HomeCache>>>,
}

/// What the run keeps of one home.
#[derive(Default)]
struct HomeCache {
    key: Mutex<Slot<PublicKey>>,
    /// Held while listing, so that concurrent callers wait for one listing.
    listing: AsyncMutex<Listing>,
    writes: Mutex<Writes>,
    repositories: Mutex<HashMap<String, Slot<Arc<Vec<Repository>>>>>,
}

/// The home's listing as last taken.
#[derive(Default)]
struct Listing {
    /// The secrets, and the number of this process's writes when the listing started.
    taken: Option<(Arc<Vec<Secret>>, u64)>,
    /// Why the listing the checks asked for failed; they get this answer from then on.
    failed: Option<Error>,
}

/// This process's writes of the home's secrets.
#[derive(Default)]
struct Writes {
    /// How many so far.
    count: u64,
    /// The last write of each name (upper-case) that created, replaced or deleted it: its
    /// number, and the visibility written (`None`: deleted).
    names: HashMap<String, (u64, Option<Visibility>)>,
}

impl HomeCache {
    fn writes(&self) -> std::sync::MutexGuard<'_, Writes> {
        self.writes.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Run {
    /// The run of a process calling GitHub through `client`.
    pub fn new(client: Client) -> Run {
        Run {
            client,
            homes: Mutex::new(HashMap::new()),
        }
    }

    /// The GitHub client, for the calls the run keeps nothing of (repository look-ups,
    /// listings streamed a page at a time, reading a secret back after writing it).
    pub fn client(&self) -> &Client {
        &self.client
    }

    fn home(&self, home: &SecretHome) -> Arc<HomeCache> {
        let mut homes = self.homes.lock().unwrap_or_else(PoisonError::into_inner);
        homes.entry(home.clone()).or_default().clone()
    }

    // ----- reads -----

    /// The public key values of `home` are sealed with, fetched once.
    pub async fn public_key(&self, home: &SecretHome) -> Result<PublicKey, Error> {
        let slot = self
            .home(home)
            .key
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        slot.get_or_try_init(|| self.client.get_public_key(home))
            .await
            .cloned()
    }

    /// Whether a secret named `name` (case ignored) exists in `home`, as far as the run
    /// knows: the listing (taken once), with this process's own writes and deletes laid
    /// over it. For the checks of plans and creates; a failed listing is answered again.
    pub async fn known(&self, home: &SecretHome, name: &str) -> Result<Option<Known>, Error> {
        let cache = self.home(home);
        let mut listing = cache.listing.lock().await;
        if let Some(failed) = &listing.failed {
            return Err(failed.clone());
        }
        let (secrets, at) = match &listing.taken {
            Some((secrets, at)) => (secrets.clone(), *at),
            None => {
                let at = cache.writes().count;
                match self.client.list_secrets(home).await {
                    Ok(list) => {
                        let secrets = Arc::new(list);
                        listing.taken = Some((secrets.clone(), at));
                        (secrets, at)
                    }
                    Err(e) => {
                        listing.failed = Some(e.clone());
                        return Err(e);
                    }
                }
            }
        };
        let upper = name.to_ascii_uppercase();
        if let Some((n, written)) = cache.writes().names.get(&upper) {
            if *n > at {
                return Ok(written.map(|visibility| Known {
                    name: upper,
                    visibility,
                }));
            }
        }
        Ok(secrets
            .iter()
            .find(|s| s.name.eq_ignore_ascii_case(name))
            .map(|s| Known {
                name: s.name.clone(),
                visibility: s.visibility,
            }))
    }

    /// Every secret of `home` as GitHub has it: the listing the run took, unless this
    /// process has written a secret of the home since (then listed again, once).
    pub async fn secrets(&self, home: &SecretHome) -> Result<Arc<Vec<Secret>>, Error> {
        let cache = self.home(home);
        let mut listing = cache.listing.lock().await;
        let count = cache.writes().count;
        if let Some((secrets, at)) = &listing.taken {
            if *at == count {
                return Ok(secrets.clone());
            }
        }
        let secrets = Arc::new(self.client.list_secrets(home).await?);
        listing.taken = Some((secrets.clone(), count));
        Ok(secrets)
    }

    /// The secret `name` (case ignored) of `home`, from [`Run::secrets`]; `None` when
    /// GitHub does not have it.
    pub async fn secret(&self, home: &SecretHome, name: &str) -> Result<Option<Secret>, Error> {
        let secrets = self.secrets(home).await?;
        Ok(secrets
            .iter()
            .find(|s| s.name.eq_ignore_ascii_case(name))
            .cloned())
    }

    /// The repositories allowed to use secret `name` of `home`, listed once (until this
    /// process writes that secret).
    pub async fn repositories(
        &self,
        home: &SecretHome,
        name: &str,
    ) -> Result<Arc<Vec<Repository>>, Error> {
        let slot = {
            let cache = self.home(home);
            let mut slots = cache
                .repositories
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            slots.entry(name.to_ascii_uppercase()).or_default().clone()
        };
        slot.get_or_try_init(|| async {
            self.client
                .list_selected_repositories(home, name)
                .await
                .map(Arc::new)
        })
        .await
        .cloned()
    }

    // ----- writes -----

    /// Writes `plaintext` as secret `name` of `home`, sealed with the run's public key;
    /// when GitHub refuses that key (it was rotated), fetches the key again and writes once
    /// more.
    pub async fn write_value(
        &self,
        home: &SecretHome,
        name: &str,
        plaintext: &[u8],
        visibility: Visibility,
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
        visibility: Visibility,
        grants: Grants,
    ) -> Result<Written, Error> {
        let result = self
            .client
            .write_secret(home, name, value, visibility, grants)
            .await;
        let exists = result.is_ok().then_some(Some(visibility));
        self.wrote(home, name, exists);
        result
    }

    /// Deletes secret `name` of `home`.
    pub async fn delete_secret(&self, home: &SecretHome, name: &str) -> Result<(), Error> {
        let result = self.client.delete_secret(home, name).await;
        let gone = result.is_ok() || result.as_ref().is_err_and(Error::is_not_found);
        self.wrote(home, name, gone.then_some(None));
        result
    }

    /// Replaces the repositories allowed to use secret `name` of `home`.
    pub async fn set_repositories(
        &self,
        home: &SecretHome,
        name: &str,
        ids: &[i64],
    ) -> Result<(), Error> {
        let result = self.client.set_selected_repositories(home, name, ids).await;
        self.wrote(home, name, None);
        result
    }

    /// Allows repository `id` to use secret `name` of `home`.
    pub async fn add_repository(
        &self,
        home: &SecretHome,
        name: &str,
        id: i64,
    ) -> Result<(), Error> {
        let result = self.client.add_selected_repository(home, name, id).await;
        self.wrote(home, name, None);
        result
    }

    /// Takes repository `id`'s access to secret `name` of `home` away.
    pub async fn remove_repository(
        &self,
        home: &SecretHome,
        name: &str,
        id: i64,
    ) -> Result<(), Error> {
        let result = self.client.remove_selected_repository(home, name, id).await;
        self.wrote(home, name, None);
        result
    }

    /// Notes a write of secret `name` of `home` (tried, whatever its result): the listing
    /// is old for reads of the present, the secret's repositories are dropped, and when the
    /// write settled whether the secret exists (`exists`: its visibility, or `None` when it
    /// was deleted), the checks learn it.
    fn wrote(&self, home: &SecretHome, name: &str, exists: Option<Option<Visibility>>) {
        let cache = self.home(home);
        let upper = name.to_ascii_uppercase();
        {
            let mut writes = cache.writes();
            writes.count += 1;
            if let Some(visibility) = exists {
                let n = writes.count;
                writes.names.insert(upper.clone(), (n, visibility));
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

#[cfg(test)]
mod tests;
