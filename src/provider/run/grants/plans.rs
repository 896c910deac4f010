//! The grant creates planned in one home a moment ago, and the home's pace, which tell a
//! batch what is coming. Terraform plans each create again just before applying it, and
//! when its `-parallelism` slots are all in use it starts the grants of a secret one after
//! another, mixed with those of other secrets. A batch whose own grant was planned while
//! grants of other secrets were being planned (a stream of grants) waits while the home is
//! busy (grants planned or arriving, secrets written or read back). Once the home has
//! paused for [`QUIET`] (Terraform starts nothing new: its slots are all taken, by grants
//! waiting here among others, or it has nothing left), the largest batch goes (the one most
//! likely to hold all its secret's grants; of equal ones the one that has waited longest),
//! and the pause starts again; no batch waits longer than [`super::LINGER`]. Outside a
//! stream nothing waits for a grant that is not planned yet.

use std::collections::{BTreeMap, VecDeque};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::Instant;

use super::LINGER;

/// A pause of the home this long lets the batch that has waited longest go.
const QUIET: Duration = Duration::from_millis(50);

/// The recent grant plans of one home and its pace.
#[derive(Default)]
pub(in crate::provider::run) struct Plans {
    log: Mutex<Log>,
    /// Told on every activity of the home.
    pub(super) changed: Notify,
}

#[derive(Default)]
struct Log {
    /// Each grant planned, by the upper-case name of its secret, and when.
    planned: VecDeque<(String, Instant)>,
    /// The home's last activity.
    last: Option<Instant>,
    /// The batches waiting in a stream, by when each started and its number: its size.
    lingering: BTreeMap<(Instant, u64), usize>,
    numbered: u64,
}

/// A batch waiting in a stream, registered until dropped.
pub(super) struct Lingering<'a> {
    plans: &'a Plans,
    key: (Instant, u64),
}

impl Lingering<'_> {
    /// Whether the batch, of `size` grants, may go `now`: the home has paused and no batch
    /// waiting is larger, or as large and older. Going counts as activity, so the next
    /// batch waits for a pause of its own. Otherwise answers when to look again at the
    /// latest.
    pub(super) fn may_go(&self, size: usize, now: Instant) -> Result<(), Instant> {
        let mut log = self.plans.log();
        log.lingering.insert(self.key, size);
        let quiet_at = log.last.map_or(now, |last| last + QUIET);
        let first = log
            .lingering
            .iter()
            .max_by_key(|(key, size)| (**size, std::cmp::Reverse(**key)))
            .map(|(key, _)| *key);
        if quiet_at <= now && first == Some(self.key) {
            log.last = Some(now);
            drop(log);
            self.plans.changed.notify_waiters();
            return Ok(());
        }
        Err(quiet_at.max(now + QUIET / 2))
    }
}

impl Drop for Lingering<'_> {
    fn drop(&mut self) {
        self.plans.log().lingering.remove(&self.key);
    }
}

impl Plans {
    fn log(&self) -> MutexGuard<'_, Log> {
        self.log.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Something happened in the home `now`: a grant arrived to be written, a secret was
    /// written or read back.
    pub(in crate::provider::run) fn touch(&self, now: Instant) {
        self.log().last = Some(now);
        self.changed.notify_waiters();
    }

    /// A grant of secret `upper` was planned `now`.
    pub(super) fn note(&self, upper: &str, now: Instant) {
        {
            let mut log = self.log();
            log.last = Some(now);
            while log
                .planned
                .front()
                .is_some_and(|(_, at)| now.duration_since(*at) > LINGER * 2)
            {
                log.planned.pop_front();
            }
            log.planned.push_back((upper.to_string(), now));
        }
        self.changed.notify_waiters();
    }

    /// Whether a grant of another secret than `upper` was planned in the [`LINGER`] before
    /// `at`: grants are coming as a stream.
    pub(super) fn in_stream(&self, upper: &str, at: Instant) -> bool {
        self.log()
            .planned
            .iter()
            .any(|(name, t)| name != upper && *t < at && at.duration_since(*t) < LINGER)
    }

    /// Registers a batch that started waiting in a stream at `started`.
    pub(super) fn linger(&self, started: Instant) -> Lingering<'_> {
        let mut log = self.log();
        log.numbered += 1;
        let key = (started, log.numbered);
        log.lingering.insert(key, 1);
        Lingering { plans: self, key }
    }
}
