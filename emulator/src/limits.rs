//! GitHub's secondary limits, enforced: requests in flight at once, and points per window on
//! each endpoint (`METHOD /route/{template}`). A window opens with the first request to an
//! endpoint and lasts `window`; a refused request costs nothing, and its `Retry-After` is the
//! whole seconds until its endpoint's window closes.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use crate::faults::{points, SecondaryLimits};

/// The windows of each endpoint and the requests in flight.
#[derive(Default)]
pub(crate) struct Windows {
    open: HashMap<String, (Instant, u32)>,
    in_flight: u32,
}

impl Windows {
    /// Admits a request to `route` (counting it in flight until [`Windows::done`]), or
    /// answers the `Retry-After` seconds of the refusal.
    pub(crate) fn admit(
        &mut self,
        limits: &SecondaryLimits,
        method: &str,
        route: &str,
        now: Instant,
    ) -> Result<(), u64> {
        if self.in_flight >= limits.max_concurrent {
            return Err(1);
        }
        let cost = points(method);
        let (start, used) = self.open.entry(route.to_string()).or_insert((now, 0));
        if now.duration_since(*start) >= limits.window {
            (*start, *used) = (now, 0);
        }
        if *used + cost > limits.points {
            let left = (*start + limits.window).saturating_duration_since(now);
            return Err(whole_seconds(left));
        }
        *used += cost;
        self.in_flight += 1;
        Ok(())
    }

    /// A request admitted earlier has been answered.
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
mod tests {
    use super::*;

    #[test]
    fn points_per_window_and_concurrency_are_enforced() {
        let limits = SecondaryLimits {
            max_concurrent: 3,
            points: 12,
            window: Duration::from_secs(2),
        };
        let mut w = Windows::default();
        let t0 = Instant::now();
        assert_eq!(w.admit(&limits, "PUT", "PUT /a", t0), Ok(()));
        assert_eq!(w.admit(&limits, "PUT", "PUT /a", t0), Ok(()));
        let later = t0 + Duration::from_millis(500);
        assert_eq!(
            w.admit(&limits, "PUT", "PUT /a", later),
            Err(2),
            "10 + 5 > 12"
        );
        assert_eq!(
            w.admit(&limits, "GET", "GET /a", later),
            Ok(()),
            "another endpoint"
        );
        assert_eq!(
            w.admit(&limits, "GET", "GET /b", later),
            Err(1),
            "3 in flight"
        );
        w.done();
        w.done();
        w.done();
        assert_eq!(
            w.admit(&limits, "PUT", "PUT /a", t0 + Duration::from_secs(2)),
            Ok(())
        );
    }
}
