//! GitHub's secondary limits, described ([`SecondaryLimits`], [`ContentCreation`]) and
//! enforced ([`Windows`]): requests in flight at once, points per window on each endpoint
//! (`METHOD /route/{template}`), and content-generating requests per minute and per hour
//! across every endpoint. A window opens with the first request it counts and lasts its
//! length; a refused request costs nothing in any window, and its `Retry-After` is the whole
//! seconds until the window that refused it closes. One mechanism for every route and scope.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use crate::requests::RefusedBy;

/// GitHub's documented secondary limits (REST): at most `max_concurrent` requests in flight,
/// and at most `points` points per `window` on one endpoint, where a GET costs 1 point and a
/// PUT, POST, PATCH or DELETE costs 5. Past either, GitHub answers 403 "You have exceeded a
/// secondary rate limit" with `Retry-After`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecondaryLimits {
    /// Requests in flight at once (GitHub: 100).
    pub max_concurrent: u32,
    /// Points per window per endpoint (GitHub: 900).
    pub points: u32,
    /// The window (GitHub: a minute); tests shorten it.
    pub window: Duration,
}

impl Default for SecondaryLimits {
    fn default() -> Self {
        SecondaryLimits {
            max_concurrent: 100,
            points: 900,
            window: Duration::from_secs(60),
        }
    }
}

/// GitHub's content-creation guidance: at most `per_minute` content-generating requests a
/// minute and `per_hour` an hour, across every endpoint. Every PUT, POST, PATCH or DELETE
/// counts (each set-all `PUT .../repositories` is one, however many repositories it names);
/// GETs never do. Past either, GitHub answers its secondary-limit 403 with `Retry-After`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentCreation {
    /// Content-generating requests per `minute` (GitHub: 80).
    pub per_minute: u32,
    /// Content-generating requests per `hour` (GitHub: 500).
    pub per_hour: u32,
    /// The short window (GitHub: a minute); tests shorten it.
    pub minute: Duration,
    /// The long window (GitHub: an hour); tests shorten it.
    pub hour: Duration,
}

impl Default for ContentCreation {
    fn default() -> Self {
        ContentCreation {
            per_minute: 80,
            per_hour: 500,
            minute: Duration::from_secs(60),
            hour: Duration::from_secs(3600),
        }
    }
}

/// The points a request costs under the secondary limits.
pub fn points(method: &str) -> u32 {
    match method {
        "GET" | "HEAD" | "OPTIONS" => 1,
        _ => 5,
    }
}

/// Whether a request of `method` generates content.
fn creates_content(method: &str) -> bool {
    points(method) > 1
}

/// One window a request must fit in.
struct Budget {
    key: String,
    cost: u32,
    limit: u32,
    window: Duration,
    by: RefusedBy,
}

/// The limits switched on.
#[derive(Clone, Copy, Default)]
pub(crate) struct Pacing<'a> {
    /// Per endpoint, and in flight.
    pub(crate) secondary: Option<&'a SecondaryLimits>,
    /// Across endpoints.
    pub(crate) content: Option<&'a ContentCreation>,
}

/// The open windows and the requests in flight.
#[derive(Default)]
pub(crate) struct Windows {
    open: HashMap<String, (Instant, u32)>,
    in_flight: u32,
}

impl Windows {
    /// Admits a request to `route` and charges every window it counts in, or answers the
    /// `Retry-After` seconds of the refusal and the limit that refused. `Ok(true)`: it counts
    /// in flight until [`Windows::done`].
    pub(crate) fn admit(
        &mut self,
        pacing: Pacing<'_>,
        method: &str,
        route: &str,
        now: Instant,
    ) -> Result<bool, (u64, RefusedBy)> {
        let mut budgets = Vec::new();
        if let Some(l) = pacing.secondary {
            if self.in_flight >= l.max_concurrent {
                return Err((1, RefusedBy::SecondaryLimit));
            }
            budgets.push(Budget {
                key: route.to_string(),
                cost: points(method),
                limit: l.points,
                window: l.window,
                by: RefusedBy::SecondaryLimit,
            });
        }
        if let Some(c) = pacing.content.filter(|_| creates_content(method)) {
            for (key, limit, window) in [
                ("content creation per minute", c.per_minute, c.minute),
                ("content creation per hour", c.per_hour, c.hour),
            ] {
                budgets.push(Budget {
                    key: key.to_string(),
                    cost: 1,
                    limit,
                    window,
                    by: RefusedBy::ContentCreation,
                });
            }
        }
        let refusal = budgets
            .iter()
            .filter_map(|b| self.wait_for(b, now).map(|secs| (secs, b.by)))
            .max();
        if let Some(refused) = refusal {
            return Err(refused);
        }
        for b in &budgets {
            if let Some((_, used)) = self.open.get_mut(&b.key) {
                *used += b.cost;
            }
        }
        let counted = pacing.secondary.is_some();
        self.in_flight += u32::from(counted);
        Ok(counted)
    }

    /// Opens or renews `b`'s window; the seconds to wait if `b` does not fit in it.
    fn wait_for(&mut self, b: &Budget, now: Instant) -> Option<u64> {
        let (start, used) = self.open.entry(b.key.clone()).or_insert((now, 0));
        if now.duration_since(*start) >= b.window {
            (*start, *used) = (now, 0);
        }
        (*used + b.cost > b.limit)
            .then(|| whole_seconds((*start + b.window).saturating_duration_since(now)))
    }

    /// A request counted in flight has been answered.
    pub(crate) fn done(&mut self) {
        self.in_flight = self.in_flight.saturating_sub(1);
    }

    /// Forgets every window (new limits were switched on).
    pub(crate) fn clear(&mut self) {
        self.open.clear();
    }
}

/// GitHub sends whole seconds: round up, so waiting that long always suffices.
fn whole_seconds(d: Duration) -> u64 {
    let secs = d.as_secs() + u64::from(d.subsec_nanos() > 0);
    secs.max(1)
}

#[cfg(test)]
mod tests;
