//! What reached the emulator and how it was treated: the request log and its per-route
//! tally (requests, writes, refusals), the faults and limits switched on, and answers held
//! back. One log and one set of switches serve every route of every scope.

use std::collections::BTreeMap;
use std::time::Duration;

use super::Emulator;
use crate::faults::{FaultStats, Faults};
use crate::requests::{self, RequestRecord, RouteTally};
use crate::sync::lock;

impl Emulator {
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
            .filter(|r| r.is_write())
            .count() as u64
    }

    /// What each route received since the last reset: requests, writes, and refusals by a
    /// limit. `tally().values().copied().sum::<RouteTally>()` is the whole.
    pub fn tally(&self) -> BTreeMap<String, RouteTally> {
        requests::tally(&lock(&self.shared.requests))
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

    /// Switches faults and limits on (replacing the previous ones; rates draw again from
    /// their seed and the limits' windows start afresh).
    pub fn set_faults(&self, faults: Faults) {
        lock(&self.shared.faults).set(faults);
        lock(&self.shared.windows).clear();
    }

    /// From now on, requests on `route` (e.g. `"PUT /orgs/{org}/codespaces/secrets/{secret_name}"`)
    /// are carried out and counted, then their answers are held until
    /// [`Emulator::release_answers`] (or until the emulator stops).
    pub fn hold_answers(&self, route: &str) {
        self.shared.holds.hold(route);
    }

    /// Sends every held answer, and holds no more.
    pub fn release_answers(&self) {
        self.shared.holds.release();
    }

    /// Blocks until `n` answers are held since [`Emulator::hold_answers`], or `timeout`
    /// passes; answers whether they are.
    pub fn wait_until_held(&self, n: u64, timeout: Duration) -> bool {
        self.shared.holds.wait_until_held(n, timeout)
    }
}
