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
//! - **each secret's repositories**, listed once, dropped by any write of that secret;
//! - **each secret's queue of grant writes** (`run/grants.rs`), which group-commits the
//!   grants Terraform applies together, and **the listing read-backs share** (`run/read_back.rs`).
//!
//! Every write the provider makes goes through `Run` (`run/writes.rs`), so what is kept
//! stays true.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use github_client::{Client, Error, PublicKey, Repository, Secret, SecretHome, Visibility};
use tokio::sync::{Mutex as AsyncMutex, OnceCell};

mod grants;
mod read_back;
mod writes;

pub use grants::GrantError;
pub use writes::RepositoryChange;

/// A value fetched once by its first caller and shared; replaced to fetch it again.
type Slot<T> = Arc<OnceCell<T>>;

/// A secret as the run knows it: as GitHub listed it, or as this process wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Known {
    /// The name, upper-case, as GitHub reports it.
    pub name: String,
    /// Who may use it (`None` for a repository secret, which has no visibility).
    pub visibility: Option<Visibility>,
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
    /// Each secret's queue of grant writes (by upper-case name).
    queues: Mutex<HashMap<String, Arc<grants::Queue>>>,
    /// The grant creates planned a moment ago, which tell the queues what is coming.
    plans: grants::Plans,
    /// The listing read-backs share.
    read_backs: read_back::ReadBacks,
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
    /// number, and what it settled.
    names: HashMap<String, (u64, Settled)>,
}

/// What a write settled about a secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Settled {
    /// Nothing: the write failed, or changed only the secret's repositories.
    Nothing,
    /// The secret exists, with this visibility.
    Exists(Option<Visibility>),
    /// The secret is gone.
    Deleted,
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
        if let Some((n, settled)) = cache.writes().names.get(&upper) {
            if *n > at {
                return Ok(match *settled {
                    Settled::Exists(visibility) => Some(Known {
                        name: upper,
                        visibility,
                    }),
                    Settled::Deleted | Settled::Nothing => None,
                });
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
}

#[cfg(test)]
mod tests;
