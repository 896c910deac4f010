//! A [`Vault`]: one home's Codespaces secrets and the key pair their values are sealed for.
//! Every scope keeps its secrets in one (an organization, each repository, each user), so
//! a repository's key is never the organization's or the user's, and each sealed box is
//! opened with the key of the home it was sent to. What a PUT may carry is checked here
//! alike for every scope: the key id, the base64, the box, the size, the number of secrets.

use std::collections::{BTreeMap, BTreeSet};

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

use super::Refusal;
use crate::home::Scope;

/// GitHub's limit on a secret's value.
pub(crate) const MAX_VALUE_BYTES: usize = 48 * 1024;
/// GitHub's limit on the Codespaces secrets of one home.
pub(crate) const MAX_SECRETS: usize = 100;

/// A stored secret.
#[derive(Debug, Clone)]
pub(crate) struct StoredSecret {
    /// Upper-case name.
    pub(crate) name: String,
    /// `all`, `private` or `selected` (organization); `selected` (user); empty (repository).
    pub(crate) visibility: String,
    /// The opened value.
    pub(crate) plaintext: Vec<u8>,
    /// The key id it was sealed for.
    pub(crate) key_id: String,
    /// Unix seconds.
    pub(crate) created_at: i64,
    /// Unix seconds.
    pub(crate) updated_at: i64,
    /// Granted repositories.
    pub(crate) repos: BTreeSet<i64>,
    /// PUTs of this secret received.
    pub(crate) put_count: u64,
}

/// A repository id in a PUT body: GitHub takes numbers, and for user secrets numeric strings.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(untagged)]
pub(crate) enum RepoId {
    /// `5`.
    Number(i64),
    /// `"5"`.
    Text(String),
}

/// What a secret PUT asks for (fields a scope does not know are ignored, as GitHub does).
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub(crate) struct PutBody {
    /// Sealed value, base64.
    pub(crate) encrypted_value: Option<String>,
    /// Key id.
    pub(crate) key_id: Option<String>,
    /// Visibility (organization secrets).
    pub(crate) visibility: Option<String>,
    /// Repositories (organization and user secrets).
    pub(crate) selected_repository_ids: Option<Vec<RepoId>>,
}

/// A home's secrets and current key pair.
pub(crate) struct Vault {
    /// Secrets by upper-case name.
    pub(crate) secrets: BTreeMap<String, StoredSecret>,
    secret_key: crypto_box::SecretKey,
    key_id: String,
}

fn invalid(scope: Scope, detail: &str) -> Refusal {
    Refusal::invalid(detail).within(scope)
}

impl Vault {
    /// An empty vault with a fresh key pair named `key_id`.
    pub(crate) fn new(key_id: String) -> Vault {
        Vault {
            secrets: BTreeMap::new(),
            secret_key: crypto_box::SecretKey::generate(&mut crypto_box::aead::OsRng),
            key_id,
        }
    }

    /// A new key pair; boxes sealed for the old one are refused from now on.
    pub(crate) fn rotate(&mut self, key_id: String) {
        *self = Vault {
            secrets: std::mem::take(&mut self.secrets),
            ..Vault::new(key_id)
        };
    }

    /// The current key: `(key_id, base64 public key)`, as the public-key routes answer.
    pub(crate) fn public_key(&self) -> (String, String) {
        let key = STANDARD.encode(self.secret_key.public_key().as_bytes());
        (self.key_id.clone(), key)
    }

    /// `plaintext` sealed for the current key, base64, as a client would send it.
    pub(crate) fn seal(&self, plaintext: &[u8]) -> Option<String> {
        let sealed = self
            .secret_key
            .public_key()
            .seal(&mut crypto_box::aead::OsRng, plaintext)
            .ok()?;
        Some(STANDARD.encode(sealed))
    }

    /// The secret named `name` (any case).
    pub(crate) fn get(&self, name: &str) -> Option<&StoredSecret> {
        self.secrets.get(&name.to_ascii_uppercase())
    }

    /// Stores a PUT whose scope rules passed (`visibility`, `repos`); answers whether it
    /// created the secret. GitHub's documented behaviour: the grants are replaced by the
    /// PUT's, so one that omits them clears them.
    pub(crate) fn store(
        &mut self,
        scope: Scope,
        name: &str,
        body: &PutBody,
        (visibility, repos): (String, BTreeSet<i64>),
        at: i64,
    ) -> Result<bool, Refusal> {
        let upper = name.to_ascii_uppercase();
        let existing = self.secrets.get(&upper);
        let (plaintext, key_id) = match &body.encrypted_value {
            Some(b64) => (
                self.open(scope, b64, body.key_id.as_deref())?,
                self.key_id.clone(),
            ),
            None => match existing {
                Some(s) => (s.plaintext.clone(), s.key_id.clone()),
                None => {
                    return Err(invalid(
                        scope,
                        "encrypted_value is required to create a secret",
                    ))
                }
            },
        };
        if existing.is_none() && self.secrets.len() >= MAX_SECRETS {
            return Err(invalid(
                scope,
                &format!(
                    "Codespaces secrets are limited to {MAX_SECRETS} per {}",
                    scope.noun()
                ),
            ));
        }
        let created = existing.is_none();
        let entry = self
            .secrets
            .entry(upper.clone())
            .or_insert_with(|| StoredSecret {
                name: upper,
                visibility: String::new(),
                plaintext: Vec::new(),
                key_id: String::new(),
                created_at: at,
                updated_at: at,
                repos: BTreeSet::new(),
                put_count: 0,
            });
        entry.visibility = visibility;
        entry.plaintext = plaintext;
        entry.key_id = key_id;
        entry.updated_at = at;
        entry.put_count += 1;
        entry.repos = repos;
        Ok(created)
    }

    /// Opens a sealed box sent for this vault's key.
    fn open(&self, scope: Scope, b64: &str, key_id: Option<&str>) -> Result<Vec<u8>, Refusal> {
        let noun = scope.noun();
        if key_id != Some(self.key_id.as_str()) {
            return Err(invalid(
                scope,
                &format!("key_id does not match the {noun}'s current public key"),
            ));
        }
        let sealed = STANDARD
            .decode(b64)
            .map_err(|_| invalid(scope, "encrypted_value is not valid base64"))?;
        let plaintext = self.secret_key.unseal(&sealed).map_err(|_| {
            invalid(
                scope,
                &format!("encrypted_value could not be decrypted with the {noun}'s key"),
            )
        })?;
        if plaintext.len() > MAX_VALUE_BYTES {
            return Err(invalid(
                scope,
                "encrypted_value is too large: secrets are limited to 48 KB",
            ));
        }
        Ok(plaintext)
    }
}
