//! Time as the client reads it: the wall clock in unix seconds and as RFC 3339 (rate-limit
//! resets, token expiries, JWT times), and the [`Sleeper`] every wait of the client goes
//! through, so tests see the waits asked for without waiting.

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
