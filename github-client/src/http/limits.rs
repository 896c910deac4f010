//! Reading GitHub's response headers: the rate-limit budget and its reset, `Retry-After`,
//! the token's scopes, and `Link` pagination; and the error for a budget spent longer than
//! the client waits. Tested on header maps, without a server.

use std::time::Duration;

use reqwest::header::HeaderMap;
use reqwest::StatusCode;

use crate::clock::{now_secs, rfc3339};
use crate::error::{Error, Request};

pub(crate) fn header_u64(h: &HeaderMap, name: &str) -> Option<u64> {
    h.get(name)?.to_str().ok()?.trim().parse().ok()
}

pub(crate) fn header_str(h: &HeaderMap, name: &str) -> Option<String> {
    h.get(name)?.to_str().ok().map(str::to_string)
}

/// A rate-limit refusal, by what it says about waiting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Limit {
    /// GitHub named the wait (`Retry-After`).
    Named(Duration),
    /// The primary budget is spent until `at` (unix seconds), `wait` from now.
    Reset { wait: Duration, at: u64 },
    /// A secondary limit that names no time.
    Untimed,
}

/// What this answer says about waiting, if it is a rate-limit refusal.
pub(crate) fn rate_limit(
    status: StatusCode,
    headers: &HeaderMap,
    message: &str,
    remaining: Option<u64>,
    reset: Option<u64>,
) -> Option<Limit> {
    let retry_after = header_u64(headers, "retry-after").map(Duration::from_secs);
    let secondary = message
        .to_ascii_lowercase()
        .contains("secondary rate limit");
    let limited = status == StatusCode::TOO_MANY_REQUESTS
        || (status == StatusCode::FORBIDDEN
            && (secondary || retry_after.is_some() || remaining == Some(0)));
    if !limited {
        return None;
    }
    if let Some(d) = retry_after {
        return Some(Limit::Named(d));
    }
    if let (Some(0), Some(at)) = (remaining, reset) {
        let wait = Duration::from_secs(at.saturating_sub(now_secs()) + 1);
        return Some(Limit::Reset { wait, at });
    }
    Some(Limit::Untimed)
}

/// The error for `request` when the primary budget is spent until `reset` (unix seconds),
/// `wait` from now: longer than the client waits.
pub(crate) fn exhausted(request: Request, reset: u64, wait: Duration) -> Error {
    Error::RateLimited {
        request,
        resets_at: Some(rfc3339(reset)),
        detail: format!(
            "that is {}s away, longer than the client waits; run again after the reset or use a token with a larger budget",
            wait.as_secs()
        ),
    }
}

/// The `rel="next"` target of a `Link` header.
pub(crate) fn next_link(headers: &HeaderMap) -> Option<reqwest::Url> {
    let link = headers.get("link")?.to_str().ok()?;
    link.split(',').find_map(|part| {
        let (target, params) = part.split_once(';')?;
        let is_next = params.split(';').any(|p| {
            let p = p.trim().replace(' ', "");
            p == "rel=\"next\"" || p == "rel=next"
        });
        let target = target.trim().strip_prefix('<')?.strip_suffix('>')?;
        is_next.then(|| reqwest::Url::parse(target).ok()).flatten()
    })
}

#[cfg(test)]
mod tests;
