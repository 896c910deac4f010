//! Time as the client reads it: the wall clock in unix seconds and as RFC 3339 (rate-limit
//! resets, token expiries, JWT times), the [`Sleeper`] every wait of the client goes
//! through, so tests see the waits asked for without waiting, and [`Wait`], why a wait is
//! made: the words of its log line, and what is left undone when the client is stopped
//! during it.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use async_trait::async_trait;

/// Waits on behalf of the client.
#[async_trait]
pub trait Sleeper: Send + Sync {
    /// Waits for `d`.
    async fn sleep(&self, d: Duration);
}

/// Sleeps with tokio's timer.
pub struct TokioSleeper;

#[async_trait]
impl Sleeper for TokioSleeper {
    async fn sleep(&self, d: Duration) {
        tokio::time::sleep(d).await;
    }
}

/// Why the client waits.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Wait {
    /// The backoff before trying again, after try `after_try` failed (`failure` says how).
    Backoff {
        /// The try that failed (from 1).
        after_try: u32,
        /// How it failed.
        failure: String,
    },
    /// The wait a rate-limit refusal asked for.
    RateLimit(Duration),
    /// The request's turn under GitHub's secondary limit; `held_back` when the endpoint is
    /// held back for every caller after a refusal.
    Turn {
        /// Whether a refusal holds the endpoint back.
        held_back: bool,
    },
    /// The primary budget's reset, this far away.
    Reset(Duration),
    /// GitHub's read-after-write lag: a secret just written is not found yet.
    ReadAfterWrite,
}

impl Wait {
    /// Why, in a few words (the `why` of the wait's log line).
    pub fn why(&self) -> &'static str {
        match self {
            Wait::Backoff { .. } => "backoff before a retry",
            Wait::RateLimit(_) => "GitHub's rate limit",
            Wait::Turn { held_back: true } => "the endpoint is held back after a refusal",
            Wait::Turn { held_back: false } => "its turn under the secondary rate limit",
            Wait::Reset(_) => "the rate limit's reset",
            Wait::ReadAfterWrite => "GitHub's read-after-write lag",
        }
    }
}

/// What is not done when the wait is cut short.
impl fmt::Display for Wait {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Wait::Backoff { after_try, failure } => write!(
                f,
                "it was not tried again after try {after_try} failed ({})",
                failure.to_string().trim_end_matches('.')
            ),
            Wait::RateLimit(d) => write!(
                f,
                "the {}s wait GitHub's rate limit asked for was cut short and the request was \
                 not sent again",
                d.as_secs()
            ),
            Wait::Turn { .. } => f.write_str(
                "the request was not sent: it was waiting its turn under GitHub's secondary \
                 rate limit",
            ),
            Wait::Reset(d) => write!(
                f,
                "the {}s wait for GitHub's rate limit to reset was cut short and the request \
                 was not sent",
                d.as_secs()
            ),
            Wait::ReadAfterWrite => f.write_str("the secret just written was not read back"),
        }
    }
}

/// `d` in whole milliseconds, for log fields.
pub(crate) fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// Now, in seconds since the unix epoch.
pub(crate) fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Unix time `unix` as RFC 3339 (its number when it is out of range).
pub(crate) fn rfc3339(unix: u64) -> String {
    i64::try_from(unix)
        .ok()
        .and_then(|t| time::OffsetDateTime::from_unix_timestamp(t).ok())
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_else(|| unix.to_string())
}

/// An RFC 3339 time, as GitHub writes `expires_at`.
pub(crate) fn parse_rfc3339(text: &str) -> Option<SystemTime> {
    time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
        .ok()
        .map(SystemTime::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_timestamps_parse_and_print() {
        let t = parse_rfc3339("2026-11-27T12:00:01Z").unwrap();
        let unix = t.duration_since(SystemTime::UNIX_EPOCH).unwrap().as_secs();
        assert_eq!(unix % 60, 1);
        assert_eq!(rfc3339(unix), "2026-11-27T12:00:01Z");
        assert!(parse_rfc3339("tomorrow").is_none());
    }
}
