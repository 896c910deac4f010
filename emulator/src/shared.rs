//! [`Shared`]: everything the gate and the route handlers share, one per emulator: the world
//! (accounts, repositories, secrets), the tokens, the Apps, the switched-on faults and the
//! limits' windows, the request log, read-after-write lag, the primary rate-limit budget,
//! and held answers. The test-facing [`crate::Emulator`] reads and changes the same.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

use crate::apps::Apps;
use crate::config::EmulatorConfig;
use crate::faults::FaultState;
use crate::hold::Holds;
use crate::home::Home;
use crate::limits::Windows;
use crate::requests::RequestRecord;
use crate::state::World;
use crate::sync::{lock, unix_now};
use crate::tokens::{TokenScopes, Tokens};

/// The primary rate limit the emulator announces.
pub const RATE_LIMIT: u64 = 5000;

/// State shared by the handlers.
pub(crate) struct Shared {
    world: Mutex<World>,
    pub(crate) tokens: Mutex<Tokens>,
    /// `""` or e.g. `/api/v3`.
    pub(crate) prefix: String,
    pub(crate) faults: Mutex<FaultState>,
    pub(crate) windows: Mutex<Windows>,
    pub(crate) requests: Mutex<Vec<RequestRecord>>,
    lag: Mutex<HashMap<(String, String), u32>>,
    used: Mutex<u64>,
    reset: u64,
    pub(crate) apps: Mutex<Apps>,
    pub(crate) holds: Holds,
}

impl Shared {
    /// The state `config` describes: its organizations with their repositories, and its
    /// user (a member of each) with its repositories and tokens.
    pub(crate) fn new(config: &EmulatorConfig) -> Shared {
        let mut world = World::new(&config.orgs, config.repos_per_org);
        world.add_user(&config.user, &config.orgs, &config.user_repos);
        let mut tokens = Tokens::default();
        for t in &config.tokens {
            tokens.add(t, &config.user, TokenScopes::All);
        }
        for t in &config.limited_tokens {
            tokens.add(t, &config.user, TokenScopes::RepoOnly);
        }
        Shared {
            world: Mutex::new(world),
            tokens: Mutex::new(tokens),
            prefix: config.path_prefix.trim_end_matches('/').to_string(),
            faults: Mutex::new(FaultState::default()),
            windows: Mutex::new(Windows::default()),
            requests: Mutex::new(Vec::new()),
            lag: Mutex::new(HashMap::new()),
            used: Mutex::new(0),
            reset: unix_now() + 3600,
            apps: Mutex::new(Apps::new(config.orgs.first().cloned())),
            holds: Holds::default(),
        }
    }

    /// The world, locked.
    pub(crate) fn world(&self) -> MutexGuard<'_, World> {
        lock(&self.world)
    }

    /// Logs a request.
    pub(crate) fn record(&self, r: RequestRecord) {
        lock(&self.requests).push(r);
    }

    /// Spends one request of the primary budget: what remains, and when it resets.
    pub(crate) fn spend(&self) -> (u64, u64) {
        let mut used = lock(&self.used);
        *used += 1;
        (RATE_LIMIT.saturating_sub(*used), self.reset)
    }

    /// A secret of `home` was created: its next GETs lag if a test asked for it.
    pub(crate) fn start_lag(&self, home: &Home, name: &str) {
        let n = lock(&self.faults).faults.read_after_write_lag;
        if n > 0 {
            lock(&self.lag).insert((home.key(), name.to_ascii_uppercase()), n);
        }
    }

    /// Whether this GET of a secret of `home` still lags (and counts it).
    pub(crate) fn lagging(&self, home: &Home, name: &str) -> bool {
        let mut lag = lock(&self.lag);
        match lag.get_mut(&(home.key(), name.to_ascii_uppercase())) {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        }
    }
}
