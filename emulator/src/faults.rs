//! Faults a test switches on, and which request gets which: counted faults (the next N
//! requests), faults drawn at a rate from a seeded generator (the same seed gives the same
//! sequence of draws), and the tally of every refusal and fault served, so tests and
//! benchmarks can report them. The misbehaviour of a broken or hostile server (redirects,
//! huge bodies, bad `next` links) is described in `hostile.rs`.

use crate::hostile::{BadNext, Redirect};
use crate::limits::{ContentCreation, SecondaryLimits};

/// Faults to inject. Counters are consumed request by request; rates are in requests per
/// thousand, drawn from a generator seeded with `seed`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Faults {
    /// The next N requests answer 502, 503 or 500 (nothing is carried out).
    pub server_errors: u32,
    /// The next N requests answer 429 with `Retry-After`.
    pub rate_limited: u32,
    /// The next N requests answer GitHub's secondary-rate-limit 403 with `Retry-After`.
    pub secondary_limited: u32,
    /// The next N requests are carried out, then answer 502: the answer is lost.
    pub lost_answers: u32,
    /// The `Retry-After` value of the 429 and 403 faults above.
    pub retry_after_secs: u64,
    /// Per thousand requests: 502 before anything is carried out.
    pub server_error_per_mille: u32,
    /// Per thousand requests: 429 with `Retry-After: retry_after_secs`.
    pub rate_limited_per_mille: u32,
    /// Per thousand requests: carried out, then 502.
    pub lost_answer_per_mille: u32,
    /// Seeds the draws of the rates above.
    pub seed: u64,
    /// GitHub's secondary limits per endpoint and in flight, enforced when set.
    pub secondary_limits: Option<SecondaryLimits>,
    /// GitHub's content-creation limit across endpoints, enforced when set.
    pub content_creation: Option<ContentCreation>,
    /// Primary budget exhausted until this unix time: 403 with remaining 0.
    pub exhausted_until: Option<u64>,
    /// Added to every response.
    pub latency_ms: u64,
    /// After a create, the next N GETs of that secret answer 404.
    pub read_after_write_lag: u32,
    /// The 429 and 403 faults above carry no `Retry-After` (GitHub's secondary limit
    /// sometimes names no time).
    pub no_retry_after: bool,
    /// The next N requests lose their connection: it closes without an answer, nothing
    /// carried out. App endpoints (JWT) included.
    pub hang_ups: u32,
    /// Requests answered with a redirect instead of being carried out.
    pub redirect: Option<Redirect>,
    /// Every answer with status 200 carries a body of this many bytes instead of its own,
    /// generated as it is sent (never held in memory), without `Content-Length`.
    pub huge_body: Option<u64>,
    /// Every paginated answer carries this `next` link.
    pub bad_next: Option<BadNext>,
}

/// What was refused or broken on purpose since the counts were last reset.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FaultStats {
    /// 429 answers.
    pub refused_429: u64,
    /// 403 answers for a secondary limit (switched on, or the limits enforced, the
    /// content-creation limit included).
    pub refused_403: u64,
    /// 5xx answered before carrying the request out.
    pub server_errors: u64,
    /// Requests carried out whose answer was replaced by 502.
    pub lost_answers: u64,
    /// Connections closed without an answer.
    pub hang_ups: u64,
    /// Requests answered with a redirect.
    pub redirects: u64,
}

/// The fault chosen for one request, before it is carried out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Chosen {
    /// Carry it out and answer.
    None,
    /// Answer this 5xx status without carrying it out.
    ServerError(u16),
    /// 429 with `Retry-After`.
    RateLimited,
    /// Secondary-limit 403 with `Retry-After`.
    SecondaryLimited,
    /// Carry it out, then answer 502.
    LoseAnswer,
    /// Close the connection without an answer.
    HangUp,
}

/// The switched-on faults and the generator's state.
#[derive(Default)]
pub(crate) struct FaultState {
    pub(crate) faults: Faults,
    rng: u64,
    pub(crate) stats: FaultStats,
}

impl FaultState {
    /// Replaces the faults and restarts the draws from their seed.
    pub(crate) fn set(&mut self, faults: Faults) {
        self.rng = faults.seed;
        self.faults = faults;
    }

    /// The redirect to answer a `method` request with, if one is switched on for it:
    /// its status and `Location` (`None`: the request's own URL).
    pub(crate) fn redirect(&mut self, method: &str) -> Option<(u16, Option<String>)> {
        let r = self.faults.redirect.as_mut()?;
        if !(r.methods.is_empty() || r.methods.iter().any(|m| m.eq_ignore_ascii_case(method))) {
            return None;
        }
        match &mut r.times {
            Some(0) => return None,
            Some(n) => *n -= 1,
            None => {}
        }
        self.stats.redirects += 1;
        Some((r.status, r.location.clone()))
    }

    /// splitmix64: a small, well-mixed generator; enough to spread faults evenly.
    fn draw(&mut self) -> u64 {
        self.rng = self.rng.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.rng;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Chooses the fault for the next request: counted faults first, then one draw shared
    /// by the rates (so they never overlap: 10 + 5 + 5 per mille is 2 % of requests).
    pub(crate) fn choose(&mut self) -> Chosen {
        let f = &mut self.faults;
        if f.server_errors > 0 {
            f.server_errors -= 1;
            return Chosen::ServerError([502, 503, 500][(f.server_errors % 3) as usize]);
        }
        if f.rate_limited > 0 {
            f.rate_limited -= 1;
            return Chosen::RateLimited;
        }
        if f.secondary_limited > 0 {
            f.secondary_limited -= 1;
            return Chosen::SecondaryLimited;
        }
        if f.lost_answers > 0 {
            f.lost_answers -= 1;
            return Chosen::LoseAnswer;
        }
        if f.hang_ups > 0 {
            f.hang_ups -= 1;
            return Chosen::HangUp;
        }
        let rates = [
            f.server_error_per_mille,
            f.rate_limited_per_mille,
            f.lost_answer_per_mille,
        ];
        if rates.iter().all(|r| *r == 0) {
            return Chosen::None;
        }
        let r = (self.draw() % 1000) as u32;
        let (se, rl) = (rates[0], rates[0] + rates[1]);
        if r < se {
            Chosen::ServerError(502)
        } else if r < rl {
            Chosen::RateLimited
        } else if r < rl + rates[2] {
            Chosen::LoseAnswer
        } else {
            Chosen::None
        }
    }
}

#[cfg(test)]
mod tests;
