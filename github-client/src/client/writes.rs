//! Writing a secret (its value, visibility and repositories in one PUT), changing its
//! repositories (several in one write), reading it back through GitHub's read-after-write
//! lag, and keeping one secret's grants whole while doing so.
//!
//! A secret PUT that omits `selected_repository_ids` clears a `selected` secret's grants, so
//! keeping them means reading the list and sending it back; a change of several
//! repositories at once is the same read, changed, sent back whole. Every write that changes
//! a secret's repositories (those read-and-PUTs, the set endpoint, adding or removing one
//! repository) runs under a per-secret lock, so a repository added concurrently by another
//! caller of this client cannot fall between the read and the PUT and be lost. A change made
//! elsewhere (another process, GitHub's web pages) between the read and the PUT is not seen:
//! that window is one request long.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde::Serialize;
use serde_json::json;
use tokio::sync::{Mutex as AsyncMutex, OwnedMutexGuard};

use super::Client;
use crate::clock::Wait;
use crate::crypto::seal;
use crate::error::{ApiErrorKind, Error};
use crate::home::{Endpoint, SecretHome};
use crate::http::Body;
use crate::types::{
    Grants, PutOutcome, RepositoriesWritten, RepositoryChanges, Secret, SecretValue, Visibility,
    Written,
};

/// A secret's lock, shared by everyone writing that secret.
type SecretLock = Arc<AsyncMutex<()>>;

/// One async lock per secret (its home, its upper-case name), created on first use.
#[derive(Default)]
pub(super) struct SecretLocks(Mutex<HashMap<(SecretHome, String), SecretLock>>);

impl SecretLocks {
    /// Waits for the secret's lock; it is held until the guard drops.
    pub(super) async fn lock(&self, home: &SecretHome, name: &str) -> OwnedMutexGuard<()> {
        let lock = {
            let mut map = self.0.lock().unwrap_or_else(PoisonError::into_inner);
            let key = (home.clone(), name.to_ascii_uppercase());
            map.entry(key).or_default().clone()
        };
        lock.lock_owned().await
    }
}

/// The body of a secret PUT.
#[derive(Serialize)]
struct PutSecret<'a> {
    /// The sealed value, base64.
    #[serde(skip_serializing_if = "Option::is_none")]
    encrypted_value: Option<String>,
    /// The key it was sealed with.
    #[serde(skip_serializing_if = "Option::is_none")]
    key_id: Option<&'a str>,
    /// Who may use it (organization secrets only).
    #[serde(skip_serializing_if = "Option::is_none")]
    visibility: Option<Visibility>,
    /// The repositories, for `selected` (GitHub clears them when this is omitted).
    #[serde(skip_serializing_if = "Option::is_none")]
    selected_repository_ids: Option<Vec<i64>>,
}

impl Client {
    /// Writes secret `name` of `home` (`PUT /orgs/{org}/codespaces/secrets/{secret_name}`,
    /// and the same route of a repository's or the user's secrets): its value (sealed here
    /// when given in plain), its visibility (an organization secret's; `None` for the other
    /// scopes, whose PUT carries none), and its repositories as `grants` says (a repository
    /// secret has none: they are not sent), under the secret's lock. A
    /// [`SecretValue::Kept`] write keeps the value GitHub has. When GitHub refuses the key a
    /// value was sealed with (the key was rotated), the error says so
    /// ([`Error::rejects_key`]).
    pub async fn write_secret(
        &self,
        home: &SecretHome,
        name: &str,
        value: SecretValue<'_>,
        visibility: Option<Visibility>,
        grants: impl Into<Grants>,
    ) -> Result<Written, Error> {
        let (encrypted_value, key_id) = match value {
            SecretValue::Plain { plaintext, key } => {
                (Some(seal(&key.key, plaintext)?), Some(key.key_id.as_str()))
            }
            SecretValue::Sealed {
                encrypted_value,
                key_id,
            } => (Some(encrypted_value.to_string()), Some(key_id)),
            SecretValue::Kept => (None, None),
        };
        let route = self.at(home, Endpoint::Secret(name))?;
        let _serialized = self.inner.locks.lock(home, name).await;
        let grants = if home.scope().has_grants() {
            grants.into()
        } else {
            Grants::Omit
        };
        let selected_repository_ids = match grants {
            Grants::Omit => None,
            Grants::Exactly(ids) => Some(ids),
            Grants::Keep => {
                let repos = self.list_selected_repositories(home, name).await?;
                Some(repos.iter().map(|r| r.id).collect())
            }
        };
        let body = Body::json(&PutSecret {
            encrypted_value,
            key_id,
            visibility,
            selected_repository_ids,
        })?;
        let answer = self.send(Method::PUT, route, Some(&body)).await?;
        Ok(Written {
            outcome: match answer.status {
                StatusCode::CREATED => PutOutcome::Created,
                _ if answer.after_lost_answer => PutOutcome::UpdatedAfterLostAnswer,
                _ => PutOutcome::Updated,
            },
            key_id: key_id.map(str::to_string),
        })
    }

    /// Replaces the repositories allowed to use a `selected` secret
    /// (`PUT /orgs/{org}/codespaces/secrets/{secret_name}/repositories`).
    pub async fn set_selected_repositories(
        &self,
        home: &SecretHome,
        name: &str,
        ids: &[i64],
    ) -> Result<(), Error> {
        let _serialized = self.inner.locks.lock(home, name).await;
        self.put_repositories(home, name, ids).await
    }

    /// Makes `changes` to the repositories allowed to use a `selected` secret with the
    /// cheapest write: one repository's own PUT or DELETE
    /// (`.../repositories/{repository_id}`) for a change of one; for more, under the
    /// secret's lock, the listing (`GET .../repositories`, every page), changed and sent back
    /// whole (`PUT .../repositories`), or nothing when the listing shows the change made.
    /// Every write it may send is safe to send again.
    pub async fn change_selected_repositories(
        &self,
        home: &SecretHome,
        name: &str,
        changes: &RepositoryChanges,
    ) -> Result<RepositoriesWritten, Error> {
        let mut added = changes.add.iter();
        let mut removed = changes.remove.difference(&changes.add);
        match (added.next(), added.next(), removed.next(), removed.next()) {
            (Some(&id), None, None, None) => {
                self.add_selected_repository(home, name, id).await?;
                return Ok(RepositoriesWritten::Added);
            }
            (None, None, Some(&id), None) => {
                self.remove_selected_repository(home, name, id).await?;
                return Ok(RepositoriesWritten::Removed);
            }
            (None, None, None, None) => {
                return Ok(RepositoriesWritten::Nothing { listed: 0 });
            }
            _ => {}
        }
        let _serialized = self.inner.locks.lock(home, name).await;
        let listed: BTreeSet<i64> = self
            .list_selected_repositories(home, name)
            .await?
            .iter()
            .map(|r| r.id)
            .collect();
        let mut sent: BTreeSet<i64> = listed.difference(&changes.remove).copied().collect();
        sent.extend(&changes.add);
        if sent == listed {
            return Ok(RepositoriesWritten::Nothing {
                listed: listed.len(),
            });
        }
        let ids: Vec<i64> = sent.iter().copied().collect();
        self.put_repositories(home, name, &ids).await?;
        Ok(RepositoriesWritten::All {
            listed: listed.len(),
            sent: ids.len(),
        })
    }

    /// The set endpoint's PUT; the caller holds the secret's lock.
    async fn put_repositories(
        &self,
        home: &SecretHome,
        name: &str,
        ids: &[i64],
    ) -> Result<(), Error> {
        let route = self.at(home, Endpoint::Repositories(name))?;
        let body = Body::json(&json!({ "selected_repository_ids": ids }))?;
        self.send(Method::PUT, route, Some(&body)).await.map(drop)
    }

    /// GETs a secret just written, tolerating GitHub's read-after-write lag: a 404 is retried
    /// a few times with growing pauses (about 3 s in all) before it counts.
    pub async fn get_secret_after_write(
        &self,
        home: &SecretHome,
        name: &str,
    ) -> Result<Secret, Error> {
        let mut pause = Duration::from_millis(100);
        for _ in 0..5 {
            match self.get_secret(home, name).await {
                Err(Error::Api(e)) if e.kind == ApiErrorKind::NotFound => {
                    self.http()
                        .pause(pause, &e.request, Wait::ReadAfterWrite)
                        .await?;
                    pause *= 2;
                }
                other => return other,
            }
        }
        self.get_secret(home, name).await
    }
}
