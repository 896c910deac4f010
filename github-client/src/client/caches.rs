//! The client's per-process caches: the public key (fetched once per organization, shared by
//! concurrent callers), the organization's secret list and each secret's repository list
//! (fetched once, dropped by any write that changes them), and the names known to exist,
//! kept current by this process's own writes.

use std::sync::Mutex;

use super::{org_key, secret_key, Client};
use crate::error::Error;
use crate::types::{PublicKey, Repository, Secret};

impl Client {
    /// The organization's public key, fetched once and shared.
    pub async fn public_key(&self, org: &str) -> Result<PublicKey, Error> {
        let cell = self.inner.keys.get(&org_key(org));
        cell.get_or_try_init(|| self.get_public_key(org))
            .await
            .cloned()
    }

    /// Forgets the cached public key (GitHub rotated it).
    pub(super) fn invalidate_public_key(&self, org: &str) {
        let key = org_key(org);
        self.inner.keys.drop_where(|k| *k == key);
    }

    /// One secret, answered from one listing of the organization per process (until a
    /// write changes it). `None` when GitHub does not have it.
    pub async fn cached_secret(&self, org: &str, name: &str) -> Result<Option<Secret>, Error> {
        let cell = self.inner.secret_lists.get(&org_key(org));
        let list = cell.get_or_try_init(|| self.list_secrets(org)).await?;
        Ok(list
            .iter()
            .find(|s| s.name.eq_ignore_ascii_case(name))
            .cloned())
    }

    /// Every secret of the organization, from the same per-process listing as
    /// [`Client::cached_secret`].
    pub async fn cached_secrets(&self, org: &str) -> Result<Vec<Secret>, Error> {
        let cell = self.inner.secret_lists.get(&org_key(org));
        cell.get_or_try_init(|| self.list_secrets(org))
            .await
            .cloned()
    }

    /// A secret's repositories, fetched once per secret per process (until a write).
    pub async fn cached_selected_repositories(
        &self,
        org: &str,
        name: &str,
    ) -> Result<Vec<Repository>, Error> {
        let cell = self.inner.repo_lists.get(&secret_key(org, name));
        cell.get_or_try_init(|| self.list_selected_repositories(org, name))
            .await
            .cloned()
    }

    /// The secret of that name if it existed before this process created it: from one
    /// listing per organization (the one [`Client::cached_secrets`] already holds, when this
    /// process has listed and written nothing since), kept current by this process's own
    /// writes and deletes.
    pub async fn preexisting_secret(&self, org: &str, name: &str) -> Result<Option<String>, Error> {
        let cell = self.inner.names.get(&org_key(org));
        let names = cell
            .get_or_try_init(|| async {
                let listed = self.inner.secret_lists.get(&org_key(org));
                let list = match listed.get() {
                    Some(list) => list.clone(),
                    None => self.list_secrets(org).await?,
                };
                Ok::<_, Error>(Mutex::new(list.into_iter().map(|s| s.name).collect()))
            })
            .await?;
        let upper = name.to_ascii_uppercase();
        Ok(names.lock().ok().and_then(|n| n.get(&upper).cloned()))
    }

    pub(super) fn remember_name(&self, org: &str, name: &str, exists: bool) {
        let cell = self.inner.names.get(&org_key(org));
        if let Some(names) = cell.get() {
            if let Ok(mut n) = names.lock() {
                if exists {
                    n.insert(name.to_ascii_uppercase());
                } else {
                    n.remove(&name.to_ascii_uppercase());
                }
            }
        }
    }

    pub(super) fn forget_secret(&self, org: &str, name: &str) {
        let org = org_key(org);
        self.inner.secret_lists.drop_where(|k| *k == org);
        self.forget_repositories(&org, name);
    }

    pub(super) fn forget_repositories(&self, org: &str, name: &str) {
        let key = secret_key(org, name);
        self.inner.repo_lists.drop_where(|k| *k == key);
    }
}
