//! The shapes GitHub's Codespaces secrets API sends and receives.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::Error;

/// Which repositories may use a secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Visibility {
    /// Every repository of the organization.
    All,
    /// Private and internal repositories.
    Private,
    /// Only the selected repositories.
    Selected,
}

impl fmt::Display for Visibility {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Visibility::All => "all",
            Visibility::Private => "private",
            Visibility::Selected => "selected",
        })
    }
}

impl FromStr for Visibility {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        match s {
            "all" => Ok(Visibility::All),
            "private" => Ok(Visibility::Private),
            "selected" => Ok(Visibility::Selected),
            other => Err(Error::InvalidVisibility(other.to_string())),
        }
    }
}

/// A secret as GitHub lists it (never with its value).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Secret {
    /// The name, upper-case.
    pub name: String,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339; moves on every write of the secret.
    pub updated_at: String,
    /// Who may use it.
    pub visibility: Visibility,
}

/// The organization's public key for sealing values.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct PublicKey {
    /// Its id, sent back as `key_id`.
    pub key_id: String,
    /// The key, base64.
    pub key: String,
}

/// A repository, as far as this provider needs one.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Repository {
    /// Numeric id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// `owner/name`.
    pub full_name: String,
    /// Whether it is private.
    pub private: bool,
}

/// The body of a secret PUT.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PutSecret {
    /// The sealed value, base64.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encrypted_value: Option<String>,
    /// The key it was sealed with.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_id: Option<String>,
    /// Who may use it.
    pub visibility: Visibility,
    /// The repositories, for `selected` (GitHub clears them when this is omitted).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub selected_repository_ids: Option<Vec<i64>>,
}

/// What a secret PUT does with the secret's repositories.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Grants {
    /// Omit `selected_repository_ids`: GitHub then clears a `selected` secret's grants.
    Omit,
    /// Send exactly these repositories.
    Exactly(Vec<i64>),
    /// Read the repositories the secret has and send them back, so that the PUT keeps them.
    Keep,
}

impl From<Option<Vec<i64>>> for Grants {
    fn from(ids: Option<Vec<i64>>) -> Self {
        ids.map_or(Grants::Omit, Grants::Exactly)
    }
}

/// Whether a PUT created the secret or replaced it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PutOutcome {
    /// 201: the secret did not exist.
    Created,
    /// 204 to the first try: the secret existed before this call, and was replaced.
    Updated,
    /// 204 after a try whose answer was lost: the secret existed, perhaps created by that
    /// very try.
    UpdatedAfterLostAnswer,
}

impl PutOutcome {
    /// Whether the secret certainly existed before the call (GitHub replaced it).
    pub fn replaced_an_existing_secret(self) -> bool {
        self == PutOutcome::Updated
    }
}

/// The result of writing a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// Created or updated.
    pub outcome: PutOutcome,
    /// The key the value was sealed with.
    pub key_id: String,
}
