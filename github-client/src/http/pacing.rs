//! Pacing by GitHub's secondary limits, per endpoint (`METHOD /route/{template}`): GitHub allows 900
//! points a minute on one REST endpoint (a GET costs 1, a write 5) and answers 403 or 429 with
//! `Retry-After` past that. Every request is counted in a shared log of the last window, and
//! a caller whose request would not fit waits for its turn instead of being refused; when
//! GitHub refuses anyway (another client on the same token, or a limit that differs), the
//! endpoint is blocked for every caller until the `Retry-After` GitHub gave. A refused write
//! blocks every write, whatever its endpoint, as GitHub's content-creation limit (80 writes
//! a minute, 500 an hour) counts writes across endpoints: the writes sent while it holds would
//! be refused too.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use reqwest::Method;

use crate::config::EndpointBudget;

/// The points GitHub counts for a request.
pub(super) fn points(method: &Method) -> u32 {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        1
    } else {
        5
    }
}

/// The block every write shares (no endpoint is named so).
const WRITES: &str = "every write";

/// The logs whose blocks hold a request of `cost` points to `endpoint`: its own, and for a
/// write the one every write shares.
fn blocks(endpoint: &str, cost: u32) -> impl Iterator<Item = &str> {
    std::iter::once(endpoint).chain((cost > 1).then_some(WRITES))
}

/// How an endpoint is known to the pacing: `METHOD /route/{template}`.
pub(super) fn endpoint(method: &Method, template: &str) -> String {
    format!("{method} {template}")
}

/// One request counted against an endpoint's budget.
struct Sent {
    /// When it was sent, then when its answer came back: GitHub counted it at some point
    /// between the two, so the later time is the safe one to expire it from.
    at: Instant,
    points: u32,
    id: u64,
}

#[derive(Default)]
struct Log {
    /// Requests of the last window, oldest first.
    sent: VecDeque<Sent>,
    /// GitHub refused: nothing goes before this.
    blocked_until: Option<Instant>,
}

/// Why a request may not go yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NotYet {
    /// GitHub refused a request to this endpoint and asked to wait until then.
    Blocked(Instant),
    /// The window's budget is spent until then.
    Full(Instant),
}

/// The shared log of every endpoint.
pub(super) struct Pacing {
    budget: EndpointBudget,
    logs: Mutex<HashMap<String, Log>>,
    ids: AtomicU64,
}

impl Pacing {
    pub(super) fn new(budget: EndpointBudget) -> Self {
        Pacing {
            budget,
            logs: Mutex::new(HashMap::new()),
            ids: AtomicU64::new(0),
        }
    }

    /// The window, with a small margin (1/200) for clocks that tick differently.
    fn window(&self) -> Duration {
        self.budget.window + self.budget.window / 200
    }

    fn with_log<T>(&self, endpoint: &str, f: impl FnOnce(&mut Log) -> T) -> Option<T> {
        let mut logs = self.logs.lock().ok()?;
        Some(f(logs.entry(endpoint.to_string()).or_default()))
    }

    /// Counts `cost` points on `endpoint` sent `now` and answers their ticket, if they fit
    /// within the window's budget (and the endpoint is not blocked, unless `past_block`: the
    /// caller has just waited the block out). Otherwise answers when to ask again.
    pub(super) fn take_turn(
        &self,
        endpoint: &str,
        cost: u32,
        now: Instant,
        past_block: bool,
    ) -> Result<u64, NotYet> {
        let window = self.window();
        let id = self.ids.fetch_add(1, Ordering::Relaxed);
        if !past_block {
            let blocked = blocks(endpoint, cost)
                .filter_map(|key| self.with_log(key, |log| log.blocked_until).flatten())
                .max();
            if let Some(until) = blocked.filter(|until| *until > now) {
                return Err(NotYet::Blocked(until));
            }
        }
        self.with_log(endpoint, |log| {
            while log.sent.front().is_some_and(|s| s.at + window <= now) {
                log.sent.pop_front();
            }
            let mut in_window: u32 = log.sent.iter().map(|s| s.points).sum();
            if in_window + cost <= self.budget.points {
                log.sent.push_back(Sent {
                    at: now,
                    points: cost,
                    id,
                });
                return Ok(id);
            }
            // The time when enough of the oldest points have left the window.
            let mut at = now;
            for s in &log.sent {
                if in_window + cost <= self.budget.points {
                    break;
                }
                at = s.at + window;
                in_window -= s.points;
            }
            Err(NotYet::Full(at))
        })
        .unwrap_or(Ok(id))
    }

    /// The answer to ticket `id` came back `now`: its points leave the window from then.
    pub(super) fn answered(&self, endpoint: &str, id: u64, now: Instant) {
        self.with_log(endpoint, |log| {
            if let Some(i) = log.sent.iter().position(|s| s.id == id) {
                if let Some(mut s) = log.sent.remove(i) {
                    s.at = s.at.max(now);
                    let at = log.sent.partition_point(|o| o.at <= s.at);
                    log.sent.insert(at, s);
                }
            }
        });
    }

    /// GitHub refused a request of `cost` points to `endpoint` until `until`: every caller
    /// of the endpoint (for a write, every writer) waits for it.
    pub(super) fn block(&self, endpoint: &str, cost: u32, until: Instant) {
        for key in blocks(endpoint, cost) {
            self.with_log(key, |log| {
                log.blocked_until = Some(log.blocked_until.map_or(until, |b| b.max(until)));
            });
        }
    }

    /// The caller that was refused waited until `until`: the block it set is over (GitHub's
    /// wait is served, whatever the clock says).
    pub(super) fn unblock(&self, endpoint: &str, cost: u32, until: Instant) {
        for key in blocks(endpoint, cost) {
            self.with_log(key, |log| {
                if log.blocked_until.is_some_and(|b| b <= until) {
                    log.blocked_until = None;
                }
            });
        }
    }
}

#[cfg(test)]
mod tests;
