//! The emulated organizations: repositories, secrets (with their decrypted values, so tests
//! can check what arrived), key pairs, a logical clock, and GitHub's rules for every write.
//! Handlers in `routes.rs` call these methods; each returns GitHub's status and message on
//! refusal.

use std::collections::{BTreeMap, BTreeSet};

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

/// GitHub's limit on a secret's value.
pub const MAX_VALUE_BYTES: usize = 48 * 1024;
/// GitHub's limit on an organization's Codespaces secrets.
pub const MAX_SECRETS: usize = 100;

const REPO_NAMES: [&str; 12] = [
    "api",
    "web",
    "mobile",
    "docs",
    "infra",
    "billing",
    "search",
    "auth",
    "analytics",
    "design-system",
    "ml-platform",
    "sandbox",
];

/// A refusal: status, GitHub's message, and `errors` entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// HTTP status.
    pub status: u16,
    /// GitHub's `message`.
    pub message: String,
    /// GitHub's `errors`.
    pub errors: Vec<String>,
}

fn refuse(status: u16, message: &str) -> Refusal {
    Refusal {
        status,
        message: message.to_string(),
        errors: Vec::new(),
    }
}

fn invalid(detail: &str) -> Refusal {
    Refusal {
        status: 422,
        message: "Validation Failed".into(),
        errors: vec![detail.to_string()],
    }
}

/// A repository.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repo {
    /// Numeric id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Whether private.
    pub private: bool,
}

/// A stored secret.
#[derive(Debug, Clone)]
pub struct StoredSecret {
    /// Upper-case name.
    pub name: String,
    /// Visibility.
    pub visibility: String,
    /// The opened value.
    pub plaintext: Vec<u8>,
    /// The key id it was sealed for.
    pub key_id: String,
    /// Unix seconds.
    pub created_at: i64,
    /// Unix seconds.
    pub updated_at: i64,
    /// Granted repositories.
    pub repos: BTreeSet<i64>,
    /// PUTs of this secret received.
    pub put_count: u64,
}

/// One organization.
pub struct Org {
    /// Login as configured.
    pub login: String,
    /// Its repositories.
    pub repos: Vec<Repo>,
    /// Its secrets by upper-case name.
    pub secrets: BTreeMap<String, StoredSecret>,
    /// The current key pair.
    pub secret_key: crypto_box::SecretKey,
    /// The current key's id.
    pub key_id: String,
}

/// What a secret PUT asks for.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct PutBody {
    /// Sealed value, base64.
    pub encrypted_value: Option<String>,
    /// Key id.
    pub key_id: Option<String>,
    /// Visibility.
    pub visibility: Option<String>,
    /// Repositories.
    pub selected_repository_ids: Option<Vec<i64>>,
}

/// Every organization, plus the clock.
pub struct World {
    /// By lower-case login.
    pub orgs: BTreeMap<String, Org>,
    clock: i64,
    key_serial: u64,
}

fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// RFC 3339 at second resolution, as GitHub writes timestamps.
pub fn timestamp(unix: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(unix)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}

/// Whether GitHub accepts `name` for a secret.
pub fn valid_secret_name(name: &str) -> bool {
    !name.is_empty()
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && !name.to_ascii_uppercase().starts_with("GITHUB_")
}

impl World {
    /// Organizations with seeded repositories.
    pub fn new(orgs: &[String], repos_per_org: usize) -> World {
        let mut world = World {
            orgs: BTreeMap::new(),
            clock: now(),
            key_serial: 0,
        };
        for (i, login) in orgs.iter().enumerate() {
            let repos = (0..repos_per_org)
                .map(|r| Repo {
                    id: 1_296_269 + (i as i64) * 100_000 + (r as i64) * 7,
                    name: REPO_NAMES
                        .get(r)
                        .map_or_else(|| format!("repo-{r}"), |s| s.to_string()),
                    private: r % 3 != 1,
                })
                .collect();
            let key_id = world.next_key_id();
            world.orgs.insert(
                login.to_ascii_lowercase(),
                Org {
                    login: login.clone(),
                    repos,
                    secrets: BTreeMap::new(),
                    secret_key: crypto_box::SecretKey::generate(&mut crypto_box::aead::OsRng),
                    key_id,
                },
            );
        }
        world
    }

    fn next_key_id(&mut self) -> String {
        self.key_serial += 1;
        format!("{}", 3_380_204_578_043_523_000u64 + self.key_serial)
    }

    /// A strictly increasing time for writes (GitHub's timestamps have second resolution; two
    /// writes in one second still get different `updated_at`).
    pub fn tick(&mut self) -> i64 {
        self.clock = now().max(self.clock + 1);
        self.clock
    }

    /// The organization, or 404.
    pub fn org(&self, login: &str) -> Result<&Org, Refusal> {
        self.orgs
            .get(&login.to_ascii_lowercase())
            .ok_or_else(|| refuse(404, "Not Found"))
    }

    /// The organization, mutable, or 404.
    pub fn org_mut(&mut self, login: &str) -> Result<&mut Org, Refusal> {
        self.orgs
            .get_mut(&login.to_ascii_lowercase())
            .ok_or_else(|| refuse(404, "Not Found"))
    }

    /// A new key pair for `login`; boxes sealed for the old one are refused from now on.
    pub fn rotate_key(&mut self, login: &str) {
        let key_id = self.next_key_id();
        if let Ok(org) = self.org_mut(login) {
            org.secret_key = crypto_box::SecretKey::generate(&mut crypto_box::aead::OsRng);
            org.key_id = key_id;
        }
    }

    /// Creates or updates a secret as GitHub does; answers whether it was created.
    pub fn put_secret(&mut self, login: &str, name: &str, body: PutBody) -> Result<bool, Refusal> {
        let at = self.tick();
        let org = self.org_mut(login)?;
        if !valid_secret_name(name) {
            return Err(invalid(
                "Secret names can only contain alphanumeric characters ([a-z], [A-Z], [0-9]) or underscores (_), must not start with a number, and must not start with the GITHUB_ prefix.",
            ));
        }
        let visibility = body.visibility.clone().unwrap_or_default();
        if !matches!(visibility.as_str(), "all" | "private" | "selected") {
            return Err(invalid("visibility must be one of: all, private, selected"));
        }
        if body.selected_repository_ids.is_some() && visibility != "selected" {
            return Err(invalid(
                "selected_repository_ids can only be set when visibility is selected",
            ));
        }
        let ids: BTreeSet<i64> = body
            .selected_repository_ids
            .clone()
            .unwrap_or_default()
            .into_iter()
            .collect();
        if let Some(bad) = ids
            .iter()
            .find(|id| !org.repos.iter().any(|r| r.id == **id))
        {
            return Err(invalid(&format!(
                "Repository {bad} was not found in the organization"
            )));
        }
        let upper = name.to_ascii_uppercase();
        let existing = org.secrets.get(&upper);
        let (plaintext, key_id) = match &body.encrypted_value {
            Some(b64) => (open(org, b64, body.key_id.as_deref())?, org.key_id.clone()),
            None => match existing {
                Some(s) => (s.plaintext.clone(), s.key_id.clone()),
                None => return Err(invalid("encrypted_value is required to create a secret")),
            },
        };
        if existing.is_none() && org.secrets.len() >= MAX_SECRETS {
            return Err(invalid(&format!(
                "An organization can have at most {MAX_SECRETS} Codespaces secrets"
            )));
        }
        let created = existing.is_none();
        let entry = org
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
        // GitHub's documented behaviour: a PUT that omits selected_repository_ids clears them.
        entry.repos = ids;
        Ok(created)
    }

    /// The secret, or 404.
    pub fn secret(&self, login: &str, name: &str) -> Result<&StoredSecret, Refusal> {
        self.org(login)?
            .secrets
            .get(&name.to_ascii_uppercase())
            .ok_or_else(|| refuse(404, "Not Found"))
    }

    /// A `selected` secret for the repository endpoints: 404 when absent, 409 otherwise.
    pub fn selected_secret_mut(
        &mut self,
        login: &str,
        name: &str,
    ) -> Result<(&mut StoredSecret, Vec<Repo>), Refusal> {
        let org = self.org_mut(login)?;
        let repos = org.repos.clone();
        let secret = org
            .secrets
            .get_mut(&name.to_ascii_uppercase())
            .ok_or_else(|| refuse(404, "Not Found"))?;
        if secret.visibility != "selected" {
            return Err(refuse(
                409,
                "The visibility of the secret is not set to selected",
            ));
        }
        Ok((secret, repos))
    }

    /// Deletes a secret, or 404.
    pub fn delete_secret(&mut self, login: &str, name: &str) -> Result<(), Refusal> {
        self.org_mut(login)?
            .secrets
            .remove(&name.to_ascii_uppercase())
            .map(|_| ())
            .ok_or_else(|| refuse(404, "Not Found"))
    }
}

fn open(org: &Org, b64: &str, key_id: Option<&str>) -> Result<Vec<u8>, Refusal> {
    if key_id != Some(org.key_id.as_str()) {
        return Err(invalid(
            "key_id does not match the organization's current public key",
        ));
    }
    let sealed = STANDARD
        .decode(b64)
        .map_err(|_| invalid("encrypted_value is not valid base64"))?;
    let plaintext = org.secret_key.unseal(&sealed).map_err(|_| {
        invalid("encrypted_value could not be decrypted with the organization's key")
    })?;
    if plaintext.len() > MAX_VALUE_BYTES {
        return Err(invalid(
            "encrypted_value is too large: secrets are limited to 48 KB",
        ));
    }
    Ok(plaintext)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sealed(org: &Org, text: &[u8]) -> String {
        let sealed = org
            .secret_key
            .public_key()
            .seal(&mut crypto_box::aead::OsRng, text)
            .unwrap();
        STANDARD.encode(sealed)
    }

    #[test]
    fn names_follow_githubs_rules() {
        assert!(valid_secret_name("DB_PASSWORD"));
        assert!(valid_secret_name("_x"));
        assert!(!valid_secret_name("1X"));
        assert!(!valid_secret_name("github_token"));
        assert!(!valid_secret_name("a-b"));
    }

    #[test]
    fn the_clock_moves_on_every_write() {
        let mut w = World::new(&["acme".into()], 3);
        let (a, b) = (w.tick(), w.tick());
        assert!(b > a);
    }

    #[test]
    fn put_rules() {
        let mut w = World::new(&["acme".into()], 3);
        let org = w.org("acme").unwrap();
        let key_id = org.key_id.clone();
        let value = sealed(org, b"v");
        let body = |vis: &str, ids: Option<Vec<i64>>| PutBody {
            encrypted_value: Some(value.clone()),
            key_id: Some(key_id.clone()),
            visibility: Some(vis.into()),
            selected_repository_ids: ids,
        };
        assert_eq!(w.put_secret("acme", "db", body("all", None)), Ok(true));
        assert_eq!(w.put_secret("ACME", "DB", body("all", None)), Ok(false));
        assert_eq!(
            w.put_secret("acme", "x", body("all", Some(vec![])))
                .unwrap_err()
                .status,
            422
        );
        assert_eq!(
            w.put_secret("acme", "x", body("bogus", None))
                .unwrap_err()
                .status,
            422
        );
        assert_eq!(
            w.put_secret("acme", "x", body("selected", Some(vec![5])))
                .unwrap_err()
                .status,
            422
        );
        assert_eq!(
            w.put_secret("nope", "x", body("all", None))
                .unwrap_err()
                .status,
            404
        );
        assert_eq!(w.secret("acme", "Db").unwrap().plaintext, b"v");
    }
}
