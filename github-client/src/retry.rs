//! The retry budget for server errors (5xx) and network failures, and the backoff between
//! tries: capped exponential with full jitter, within a deadline per call. Rate-limit waits
//! (429, secondary-limit 403, an exhausted primary budget) are not part of this budget: GitHub
//! says how long to wait, and the client waits that long (see `http.rs` and `pacing.rs`).
//!
//! Why 10 retries (11 tries) by default. Take the faulted apply of the issue that set it:
//! 100 secrets and 500 grants, i.e. about 705 calls (100 secret PUTs, 100 reads after write,
//! 500 grant PUTs, a few lists and the public key), where each try fails with a 502 before the
//! write 10 % of the time and with a 502 after it 5 % of the time (the 5 % of 429s wait and
//! cost nothing here). A try then fails and is retried with p = 0.15, independently.
//! - One call exhausts n retries with probability p^(n+1).
//! - n = 3 (the old default): 0.15^4 = 5.1e-4; over 705 calls, 1 - (1 - 5.1e-4)^705 = 0.30:
//!   about one such apply in three failed somewhere, as observed.
//! - n = 10: 0.15^11 = 8.6e-10; over 705 calls, 6.1e-7: one apply in 1.6 million.
//!
//! The time this can cost is bounded: steps of 0.4, 0.8, 1.6, 3.2, 6.4 s, then 10 s (the cap),
//! each drawn uniformly below its step (full jitter, so concurrent callers spread out): at most
//! 62 s over 10 retries, 31 s on average, and in the faulted apply 0.18 retries per call on
//! average. No retry starts past the deadline (120 s of the call's own time, rate-limit waits
//! not counted), so an outage fails a call in about two minutes rather than never.
//!
//! Only failures that may pass are retried: a TLS certificate the client does not trust, a
//! redirect it does not follow, an answer too large or a list that never ends fail at once.
//!
//! A secondary-limit refusal that names no time (no `Retry-After`, budget not spent) is
//! waited out as GitHub's REST guidance asks: at least a minute, then an exponentially
//! increasing wait while the refusals go on, and an error after a set number of them.
//! [`DEFAULT_SECONDARY_BACKOFFS`] waits (1, 2 and 4 minutes: 7 minutes in all) before the
//! call fails saying so.

use std::time::Duration;

/// Retries of a call after server or network failures, by default.
pub const DEFAULT_MAX_RETRIES: u32 = 10;
/// The backoff unit: the step before retry `n` is this doubled `n` times (400 ms before the
/// first retry, 800 ms before the second, ...), up to [`BACKOFF_CAP`].
pub(crate) const DEFAULT_BACKOFF_BASE: Duration = Duration::from_millis(200);
/// The largest backoff step.
pub(crate) const BACKOFF_CAP: Duration = Duration::from_secs(10);
/// No retry starts once a call has spent this long (rate-limit waits not counted).
pub(crate) const DEFAULT_RETRY_DEADLINE: Duration = Duration::from_secs(120);

/// Waits after secondary-limit refusals that name no time, by default: 1, 2, then 4 minutes.
pub(crate) const DEFAULT_SECONDARY_BACKOFFS: u32 = 3;
/// The first wait after a secondary-limit refusal that names no time (GitHub: at least a
/// minute), doubled for each further one.
pub(crate) const SECONDARY_BACKOFF_BASE: Duration = Duration::from_secs(60);

/// The wait after the `n`th (from 1) secondary-limit refusal in a row that named no time.
pub(crate) fn secondary_backoff(n: u32) -> Duration {
    SECONDARY_BACKOFF_BASE.saturating_mul(1u32 << n.saturating_sub(1).min(16))
}

/// The wait before retry number `retry` (1 for the first): uniform in [0, step], where the
/// step is `base` doubled `retry` times, capped at [`BACKOFF_CAP`].
pub(crate) fn backoff(base: Duration, retry: u32) -> Duration {
    let step = base.saturating_mul(1u32 << retry.min(16)).min(BACKOFF_CAP);
    let millis = u64::try_from(step.as_millis()).unwrap_or(u64::MAX);
    Duration::from_millis(fastrand::u64(0..=millis))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_double_then_stop_at_the_cap() {
        let base = DEFAULT_BACKOFF_BASE;
        for _ in 0..200 {
            assert!(backoff(base, 1) <= Duration::from_millis(400));
            assert!(backoff(base, 3) <= Duration::from_millis(1600));
            assert!(backoff(base, 30) <= BACKOFF_CAP);
        }
        assert!((0..200).any(|_| backoff(base, 30) > Duration::from_secs(5)));
    }

    #[test]
    fn untimed_secondary_refusals_wait_a_minute_then_double() {
        let waits: Vec<u64> = (1..=4).map(|n| secondary_backoff(n).as_secs()).collect();
        assert_eq!(waits, [60, 120, 240, 480]);
    }

    #[test]
    fn the_default_budget_carries_the_faulted_apply() {
        let per_call = 0.15f64.powi(DEFAULT_MAX_RETRIES as i32 + 1);
        assert!(per_call * 705.0 < 1e-6);
    }
}
