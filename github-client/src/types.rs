//! The shapes GitHub's Codespaces secrets API sends and receives, what a write of a
//! secret gives (its value, [`SecretValue`], and its repositories, [`Grants`]), and a change
//! of a secret's repositories made in one write ([`RepositoryChanges`], and the write it
//! took, [`RepositoriesWritten`]).

use std::collections::BTreeSet;
use std::fmt;

use serde::{Deserialize, Serialize};

/// Which repositories may use a secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Visibility {
    /// Every repository of the organization.
    All,
    /// Private and internal repositories.
    Private,
    /// Only the selected repositories.
    Selected,
}

impl Visibility {
    /// Every visibility, in GitHub's order.
    pub const ALL: [Visibility; 3] = [Visibility::All, Visibility::Private, Visibility::Selected];

    /// The visibility as GitHub writes it: `all`, `private`, `selected`.
    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::All => "all",
            Visibility::Private => "private",
            Visibility::Selected => "selected",
        }
    }
}

impl fmt::Display for Visibility {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A secret as GitHub lists it (never with its value).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Secret {
    /// The name, upper-case.
    pub name: String,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339; moves on every write of the secret.
    pub updated_at: String,
    /// Who may use it: an organization secret's visibility; `selected` for a user secret;
    /// `None` for a repository secret, which has none.
    #[serde(default)]
    pub visibility: Option<Visibility>,
}

/// The public key a home's values are sealed with.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct PublicKey {
    /// Its id, sent back as `key_id`.
    pub key_id: String,
    /// The key, base64.
    pub key: String,
}

/// A repository, with the fields secrets' grants and look-ups use.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
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

/// The value a secret write sends.
#[derive(Clone, Copy)]
pub enum SecretValue<'a> {
    /// Plaintext, sealed by the client with `key` (the home's public key).
    Plain {
        /// The plaintext.
        plaintext: &'a [u8],
        /// The key to seal it with.
        key: &'a PublicKey,
    },
    /// A value sealed elsewhere (a libsodium sealed box, base64) with the key `key_id`.
    Sealed {
        /// The sealed value.
        encrypted_value: &'a str,
        /// The id of the key it was sealed with.
        key_id: &'a str,
    },
    /// No value: GitHub keeps the value the secret has (it must exist already).
    Kept,
}

/// Never shows a value.
impl fmt::Debug for SecretValue<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SecretValue::Plain { .. } => "Plain((sensitive))",
            SecretValue::Sealed { .. } => "Sealed((sensitive))",
            SecretValue::Kept => "Kept",
        })
    }
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

/// The result of writing a secret.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Written {
    /// Created or updated.
    pub outcome: PutOutcome,
    /// The key the value was sealed with; `None` when the value was kept.
    pub key_id: Option<String>,
}

/// Repositories to allow to use one `selected` secret, and repositories to take away, made
/// in one write. A repository in both is allowed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RepositoryChanges {
    /// Repositories to allow.
    pub add: BTreeSet<i64>,
    /// Repositories to take away.
    pub remove: BTreeSet<i64>,
}

impl RepositoryChanges {
    /// How many repositories the change names.
    pub fn len(&self) -> usize {
        self.add.len() + self.remove.len()
    }

    /// Whether it names none.
    pub fn is_empty(&self) -> bool {
        self.add.is_empty() && self.remove.is_empty()
    }
}

/// The write a [`RepositoryChanges`] took.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RepositoriesWritten {
    /// One repository's own PUT.
    Added,
    /// One repository's own DELETE.
    Removed,
    /// The secret's repositories were listed (`listed` of them) and the whole list was
    /// sent back changed (`sent` repositories).
    All {
        /// Repositories the listing held.
        listed: usize,
        /// Repositories sent.
        sent: usize,
    },
    /// The listing (`listed` repositories) showed the change made already: nothing was
    /// written.
    Nothing {
        /// Repositories the listing held.
        listed: usize,
    },
}

/// As a log line shows it: `one repository's PUT`, `listing (5) and set-all PUT (7)`,
/// `listing (5), nothing to write`.
impl fmt::Display for RepositoriesWritten {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RepositoriesWritten::Added => f.write_str("one repository's PUT"),
            RepositoriesWritten::Removed => f.write_str("one repository's DELETE"),
            RepositoriesWritten::All { listed, sent } => {
                write!(f, "listing ({listed}) and set-all PUT ({sent})")
            }
            RepositoriesWritten::Nothing { listed } => {
                write!(f, "listing ({listed}), nothing to write")
            }
        }
    }
}
