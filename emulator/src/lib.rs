//! github-emulator: a faithful local stand-in for GitHub's Codespaces organization-secrets
//! REST API, for trying configurations offline and for every end-to-end test.
//!
//! It answers as GitHub does (status codes, JSON shapes, upper-case names, pagination with
//! `Link`, rate-limit headers, ETags, the grants-cleared-on-PUT quirk), holds each
//! organization's private key so tests can read the values that arrived, counts requests by
//! route, switches faults on per test, down to a hostile server's misbehaviour (redirects,
//! huge bodies, looping `next` links, dropped connections), and holds answers back when a
//! test asks ([`Emulator::hold_answers`]). [`Emulator::start`] serves on its own thread, so
//! plain `#[test]` functions can drive a blocking `terraform` against it.
#![recursion_limit = "256"]

mod apps;
mod faults;
mod gate;
mod hold;
mod hostile;
mod json;
mod limits;
mod recorder;
mod routes;
mod state;

use std::collections::{BTreeSet, HashMap};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};

pub use apps::{AppInfo, AppSpec};
use faults::FaultState;
pub use faults::{FaultStats, Faults, SecondaryLimits};
pub use hostile::{BadNext, Redirect};
use limits::Windows;
pub use recorder::Recorder;
use state::World;

/// The primary rate limit the emulator announces.
pub const RATE_LIMIT: u64 = 5000;

/// Why the emulator could not start.
#[derive(Debug, thiserror::Error)]
pub enum EmulatorError {
    /// Binding or starting the server failed.
    #[error("could not start the emulator: {0}")]
    Io(#[from] std::io::Error),
    /// The fixture is not valid.
    #[error("invalid fixture: {0}")]
    Fixture(String),
    /// An App's key could not be made.
    #[error("could not make an App key: {0}")]
    Key(String),
}

/// What to emulate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmulatorConfig {
    /// Organization logins.
    pub orgs: Vec<String>,
    /// Accepted tokens.
    pub tokens: Vec<String>,
    /// `""`, or e.g. `/api/v3` as GitHub Enterprise Server serves the API.
    pub path_prefix: String,
    /// Repositories seeded in each organization.
    pub repos_per_org: usize,
    /// Valid tokens that lack the `admin:org` scope: the secrets endpoints answer them 403,
    /// naming the scope they have and the scope the endpoint accepts, as GitHub does.
    pub limited_tokens: Vec<String>,
}

impl Default for EmulatorConfig {
    fn default() -> Self {
        EmulatorConfig {
            orgs: vec!["acme".into()],
            tokens: vec!["test-token".into()],
            path_prefix: String::new(),
            repos_per_org: 12,
            limited_tokens: Vec::new(),
        }
    }
}

impl EmulatorConfig {
    /// Reads `{"orgs": [...], "tokens": [...], "path_prefix": "...", "repos_per_org": N}`;
    /// absent fields keep their defaults.
    pub fn from_fixture_json(text: &str) -> Result<Self, EmulatorError> {
        #[derive(serde::Deserialize)]
        struct Fixture {
            orgs: Option<Vec<String>>,
            tokens: Option<Vec<String>>,
            path_prefix: Option<String>,
            repos_per_org: Option<usize>,
            limited_tokens: Option<Vec<String>>,
        }
        let f: Fixture =
            serde_json::from_str(text).map_err(|e| EmulatorError::Fixture(e.to_string()))?;
        let d = EmulatorConfig::default();
        Ok(EmulatorConfig {
            orgs: f.orgs.unwrap_or(d.orgs),
            tokens: f.tokens.unwrap_or(d.tokens),
            path_prefix: f.path_prefix.unwrap_or(d.path_prefix),
            repos_per_org: f.repos_per_org.unwrap_or(d.repos_per_org),
            limited_tokens: f.limited_tokens.unwrap_or(d.limited_tokens),
        })
    }
}

/// A secret as tests see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretSnapshot {
    /// Upper-case name.
    pub name: String,
    /// Visibility.
    pub visibility: String,
    /// The value that arrived, decrypted with the organization's private key.
    pub plaintext: Vec<u8>,
    /// The key id it was sealed for.
    pub key_id: String,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339.
    pub updated_at: String,
    /// Granted repositories.
    pub selected_repository_ids: BTreeSet<i64>,
    /// PUTs of this secret received.
    pub put_count: u64,
}

/// A repository as tests see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepoSnapshot {
    /// Numeric id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// `owner/name`.
    pub full_name: String,
    /// Private or not.
    pub private: bool,
}

/// One request received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestRecord {
    /// Method.
    pub method: String,
    /// `METHOD /route/{template}` as in GitHub's docs.
    pub route: String,
    /// The path requested.
    pub path: String,
    /// The status answered.
    pub status: u16,
}

/// State shared by the handlers.
pub(crate) struct Shared {
    world: Mutex<World>,
    tokens: Vec<String>,
    limited_tokens: Vec<String>,
    prefix: String,
    faults: Mutex<FaultState>,
    windows: Mutex<Windows>,
    requests: Mutex<Vec<RequestRecord>>,
    lag: Mutex<HashMap<(String, String), u32>>,
    used: Mutex<u64>,
    reset: u64,
    apps: Mutex<apps::Apps>,
    holds: hold::Holds,
}

pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

impl Shared {
    fn world(&self) -> MutexGuard<'_, World> {
        lock(&self.world)
    }

    fn record(&self, r: RequestRecord) {
        lock(&self.requests).push(r);
    }

    fn spend(&self) -> (u64, u64) {
        let mut used = lock(&self.used);
        *used += 1;
        (RATE_LIMIT.saturating_sub(*used), self.reset)
    }

    fn start_lag(&self, org: &str, name: &str) {
        let n = lock(&self.faults).faults.read_after_write_lag;
        if n > 0 {
            lock(&self.lag).insert((org.to_ascii_lowercase(), name.to_ascii_uppercase()), n);
        }
    }

    fn lagging(&self, org: &str, name: &str) -> bool {
        let mut lag = lock(&self.lag);
        match lag.get_mut(&(org.to_ascii_lowercase(), name.to_ascii_uppercase())) {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        }
    }
}

/// A running emulator. Dropping it stops the server.
pub struct Emulator {
    shared: Arc<Shared>,
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Emulator {
    /// Starts on an ephemeral loopback port, on its own thread and runtime.
    pub fn start(config: EmulatorConfig) -> Result<Emulator, EmulatorError> {
        Emulator::start_on(SocketAddr::from(([127, 0, 0, 1], 0)), config)
    }

    /// Starts on `addr`.
    pub fn start_on(addr: SocketAddr, config: EmulatorConfig) -> Result<Emulator, EmulatorError> {
        let listener = std::net::TcpListener::bind(addr)?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let prefix = config.path_prefix.trim_end_matches('/').to_string();
        let shared = Arc::new(Shared {
            world: Mutex::new(World::new(&config.orgs, config.repos_per_org)),
            tokens: config.tokens,
            limited_tokens: config.limited_tokens,
            prefix,
            faults: Mutex::new(FaultState::default()),
            windows: Mutex::new(Windows::default()),
            requests: Mutex::new(Vec::new()),
            lag: Mutex::new(HashMap::new()),
            used: Mutex::new(0),
            reset: unix_now() + 3600,
            apps: Mutex::new(apps::Apps::new(config.orgs.first().cloned())),
            holds: hold::Holds::default(),
        });
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()?;
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let app = routes::router(shared.clone());
        let thread = std::thread::Builder::new()
            .name("github-emulator".into())
            .spawn(move || {
                runtime.block_on(async move {
                    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                        return;
                    };
                    let _ = axum::serve(listener, app)
                        .with_graceful_shutdown(async move {
                            let _ = stopped.await;
                        })
                        .await;
                });
            })?;
        Ok(Emulator {
            shared,
            addr,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// `http://127.0.0.1:PORT` plus the path prefix.
    pub fn base_url(&self) -> String {
        format!("http://{}{}", self.addr, self.shared.prefix)
    }

    /// One secret (name case-insensitive).
    pub fn secret(&self, org: &str, name: &str) -> Option<SecretSnapshot> {
        self.secrets(org)
            .into_iter()
            .find(|s| s.name.eq_ignore_ascii_case(name))
    }

    /// Every secret of `org`, by name.
    pub fn secrets(&self, org: &str) -> Vec<SecretSnapshot> {
        let world = self.shared.world();
        let Ok(o) = world.org(org) else {
            return Vec::new();
        };
        o.secrets
            .values()
            .map(|s| SecretSnapshot {
                name: s.name.clone(),
                visibility: s.visibility.clone(),
                plaintext: s.plaintext.clone(),
                key_id: s.key_id.clone(),
                created_at: state::timestamp(s.created_at),
                updated_at: state::timestamp(s.updated_at),
                selected_repository_ids: s.repos.clone(),
                put_count: s.put_count,
            })
            .collect()
    }

    /// The repositories of `org`.
    pub fn repositories(&self, org: &str) -> Vec<RepoSnapshot> {
        let world = self.shared.world();
        let Ok(o) = world.org(org) else {
            return Vec::new();
        };
        o.repos
            .iter()
            .map(|r| RepoSnapshot {
                id: r.id,
                name: r.name.clone(),
                full_name: format!("{}/{}", o.login, r.name),
                private: r.private,
            })
            .collect()
    }

    /// The current public key: `(key_id, base64 key)`.
    pub fn public_key(&self, org: &str) -> Option<(String, String)> {
        let world = self.shared.world();
        let o = world.org(org).ok()?;
        let key = base64::Engine::encode(
            &base64::engine::general_purpose::STANDARD,
            o.secret_key.public_key().as_bytes(),
        );
        Some((o.key_id.clone(), key))
    }

    /// Requests received on `route` (e.g. `"GET /orgs/{org}/codespaces/secrets"`).
    pub fn count(&self, route: &str) -> u64 {
        lock(&self.shared.requests)
            .iter()
            .filter(|r| r.route == route)
            .count() as u64
    }

    /// Every request received, in order.
    pub fn requests(&self) -> Vec<RequestRecord> {
        lock(&self.shared.requests).clone()
    }

    /// How many requests were received.
    pub fn total_requests(&self) -> u64 {
        lock(&self.shared.requests).len() as u64
    }

    /// How many PUT, POST, PATCH or DELETE requests were received.
    pub fn writes(&self) -> u64 {
        lock(&self.shared.requests)
            .iter()
            .filter(|r| matches!(r.method.as_str(), "PUT" | "POST" | "PATCH" | "DELETE"))
            .count() as u64
    }

    /// Forgets the requests received so far, and the tally of faults and refusals.
    pub fn reset_counts(&self) {
        lock(&self.shared.requests).clear();
        lock(&self.shared.faults).stats = FaultStats::default();
    }

    /// Refusals (429, secondary-limit 403) and faults served since the last reset.
    pub fn fault_stats(&self) -> FaultStats {
        lock(&self.shared.faults).stats
    }

    /// Creates or replaces a secret as a person would in GitHub's UI (moves `updated_at`).
    pub fn put_secret_outside(
        &self,
        org: &str,
        name: &str,
        plaintext: &[u8],
        visibility: &str,
        selected_repository_ids: &[i64],
    ) {
        let mut world = self.shared.world();
        let Ok(o) = world.org(org) else { return };
        let Ok(sealed) = o
            .secret_key
            .public_key()
            .seal(&mut crypto_box::aead::OsRng, plaintext)
        else {
            return;
        };
        let body = state::PutBody {
            encrypted_value: Some(base64::Engine::encode(
                &base64::engine::general_purpose::STANDARD,
                sealed,
            )),
            key_id: Some(o.key_id.clone()),
            visibility: Some(visibility.into()),
            selected_repository_ids: (visibility == "selected")
                .then(|| selected_repository_ids.to_vec()),
        };
        let _ = world.put_secret(org, name, body);
    }

    /// Deletes a secret outside Terraform.
    pub fn delete_secret_outside(&self, org: &str, name: &str) -> bool {
        self.shared.world().delete_secret(org, name).is_ok()
    }

    /// Removes one repository's access outside Terraform.
    pub fn remove_repository_outside(&self, org: &str, name: &str, repository_id: i64) -> bool {
        let mut world = self.shared.world();
        match world.selected_secret_mut(org, name) {
            Ok((s, _)) => s.repos.remove(&repository_id),
            Err(_) => false,
        }
    }

    /// Switches faults on (replacing the previous ones; rates draw again from their seed and
    /// the secondary limits' windows start afresh).
    pub fn set_faults(&self, faults: Faults) {
        lock(&self.shared.faults).set(faults);
        lock(&self.shared.windows).clear();
    }

    /// Gives `org` a new key pair; values sealed for the old key are refused with 422.
    pub fn rotate_public_key(&self, org: &str) {
        self.shared.world().rotate_key(org);
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        self.shared.holds.release();
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
