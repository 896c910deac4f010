//! Writing secret values, and keeping one secret's grants whole while doing so.
//!
//! A secret PUT that omits `selected_repository_ids` clears a `selected` secret's grants, so
//! keeping them means reading the list and sending it back. Every write that changes a
//! secret's repositories (that read-and-PUT, the set endpoint, adding or removing one
//! repository) runs under a per-secret lock, so a repository added concurrently by another
//! caller cannot fall between the read and the PUT and be lost.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::sync::{Mutex as AsyncMutex, OwnedMutexGuard};

use super::{secret_key, Client, SECRET};
use crate::crypto::seal;
use crate::error::Error;
use crate::types::{Grants, PutOutcome, PutSecret, Secret, Visibility, Written};

/// A secret's lock, shared by everyone writing that secret.
type SecretLock = Arc<AsyncMutex<()>>;

/// One async lock per (organization, secret name), created on first use.
#[derive(Default)]
pub(super) struct SecretLocks(Mutex<HashMap<(String, String), SecretLock>>);

impl SecretLocks {
    /// Waits for the secret's lock; it is held until the guard drops.
    pub(super) async fn lock(&self, org: &str, name: &str) -> OwnedMutexGuard<()> {
        let lock = {
            let mut map = self.0.lock().unwrap_or_else(PoisonError::into_inner);
            map.entry(secret_key(org, name)).or_default().clone()
        };
        lock.lock_owned().await
    }
}

impl Client {
    /// Seals `plaintext` with the (cached) public key and PUTs it. If GitHub refuses the
    /// key id (the key was rotated), fetches the key again and retries once.
    pub async fn put_secret_value(
        &self,
        org: &str,
        name: &str,
        plaintext: &[u8],
        visibility: Visibility,
        grants: impl Into<Grants>,
    ) -> Result<Written, Error> {
        let grants = grants.into();
        let mut refreshed = false;
        loop {
            let key = self.public_key(org).await?;
            let body = PutSecret {
                encrypted_value: Some(seal(&key.key, plaintext)?),
                key_id: Some(key.key_id.clone()),
                visibility,
                selected_repository_ids: None,
            };
            match self.put_with_grants(org, name, body, &grants).await {
                Ok(outcome) => {
                    return Ok(Written {
                        outcome,
                        key_id: key.key_id,
                    })
                }
                Err(e) if !refreshed && e.is_key_refused() => {
                    refreshed = true;
                    self.invalidate_public_key(org);
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// PUTs a value sealed elsewhere.
    pub async fn put_secret_encrypted(
        &self,
        org: &str,
        name: &str,
        encrypted_value: &str,
        key_id: &str,
        visibility: Visibility,
        grants: impl Into<Grants>,
    ) -> Result<Written, Error> {
        let body = PutSecret {
            encrypted_value: Some(encrypted_value.to_string()),
            key_id: Some(key_id.to_string()),
            visibility,
            selected_repository_ids: None,
        };
        let outcome = self
            .put_with_grants(org, name, body, &grants.into())
            .await?;
        Ok(Written {
            outcome,
            key_id: key_id.to_string(),
        })
    }

    /// PUTs the visibility (and grants) of an existing secret without a value: GitHub keeps
    /// the value it has. Used when the value is managed outside Terraform.
    pub async fn put_secret_visibility(
        &self,
        org: &str,
        name: &str,
        visibility: Visibility,
        grants: impl Into<Grants>,
    ) -> Result<PutOutcome, Error> {
        let body = PutSecret {
            encrypted_value: None,
            key_id: None,
            visibility,
            selected_repository_ids: None,
        };
        self.put_with_grants(org, name, body, &grants.into()).await
    }

    /// The PUT, with the repositories `grants` asks for, under the secret's lock.
    async fn put_with_grants(
        &self,
        org: &str,
        name: &str,
        mut body: PutSecret,
        grants: &Grants,
    ) -> Result<PutOutcome, Error> {
        let _serialized = self.inner.locks.lock(org, name).await;
        body.selected_repository_ids = match grants {
            Grants::Omit => None,
            Grants::Exactly(ids) => Some(ids.clone()),
            Grants::Keep => {
                let repos = self.cached_selected_repositories(org, name).await?;
                Some(repos.iter().map(|r| r.id).collect())
            }
        };
        self.put_secret(org, name, &body).await
    }

    /// GETs a secret just written, tolerating GitHub's read-after-write lag: a 404 is retried
    /// a few times with growing pauses (about 3 s in all) before it counts.
    pub async fn get_secret_after_write(&self, org: &str, name: &str) -> Result<Secret, Error> {
        let mut pause = Duration::from_millis(100);
        for _ in 0..5 {
            match self.get_secret(org, name).await {
                Err(e) if e.is_not_found() => {
                    let detail = "the secret just written was not read back".to_string();
                    let route = self.http().route(SECRET, &[org, name])?;
                    let why = "GitHub's read-after-write lag";
                    self.http()
                        .pause_for(
                            pause,
                            &reqwest::Method::GET,
                            SECRET,
                            route.url.path(),
                            why,
                            detail,
                        )
                        .await?;
                    pause *= 2;
                }
                other => return other,
            }
        }
        self.get_secret(org, name).await
    }
}
