//! The waits of one call: backoff before a retry (within the budget and the deadline), the
//! waits GitHub's rate limits ask for, the turn under the secondary limit, and the primary
//! budget's reset. Every one ends early with [`Error::Stopped`] once the client is stopped,
//! and none starts after that.
//!
//! Every wait is logged at debug with how long and why; retries at info, rate-limit waits at
//! warn.

use std::time::{Duration, Instant};

use reqwest::Method;

use super::limits::exhausted;
use super::pacing::{points, NotYet};
use super::tries::{millis, Call};
use super::{Http, MAX_TURN_CHECKS};
use crate::clock::now_secs;
use crate::error::Error;
use crate::retry::backoff;

impl Http {
    /// Waits before trying again after a failure, or answers `failure` when the budget or
    /// the deadline is spent.
    pub(super) async fn retry(&self, call: &mut Call<'_>, failure: Error) -> Result<(), Error> {
        if call.retries >= self.config.max_retries {
            tracing::warn!(
                method = %call.method,
                route = call.route,
                attempt = call.attempts,
                reason = %reason(&failure),
                "GitHub API call failed: its retries are spent"
            );
            return Err(failure);
        }
        let d = backoff(self.config.backoff_base, call.retries + 1);
        let spent = call.started.elapsed().saturating_sub(call.rate_waited);
        if spent + d > self.config.retry_deadline {
            tracing::warn!(
                method = %call.method,
                route = call.route,
                attempt = call.attempts,
                reason = %reason(&failure),
                spent_ms = millis(spent),
                "GitHub API call failed: no retry starts past the call's deadline"
            );
            return Err(failure);
        }
        call.retries += 1;
        self.note(|s| s.retries += 1);
        tracing::info!(
            method = %call.method,
            route = call.route,
            attempt = call.attempts,
            retry = call.retries,
            max_retries = self.config.max_retries,
            wait_ms = millis(d),
            reason = %reason(&failure),
            "retrying GitHub API call"
        );
        let detail = format!(
            "it was not tried again after try {} failed ({failure})",
            call.attempts
        );
        self.pause(d, call, "backoff before a retry", detail).await
    }

    /// Waits as GitHub asked; a secondary limit holds back every caller of the endpoint.
    pub(super) async fn wait_out_refusal(
        &self,
        call: &mut Call<'_>,
        wait: Duration,
        primary: bool,
        untimed: bool,
    ) -> Result<(), Error> {
        call.rate_waits += 1;
        self.note(|s| s.refusals += 1);
        let until = Instant::now() + wait;
        if !primary {
            self.pacing.block(&call.endpoint, until);
        }
        let limit = match (primary, untimed) {
            (true, _) => "primary budget spent",
            (false, true) => "secondary limit, no time named",
            (false, false) => "Retry-After",
        };
        tracing::warn!(
            method = %call.method,
            route = call.route,
            attempt = call.attempts,
            wait_ms = millis(wait),
            limit,
            "GitHub rate limit: waiting before trying again"
        );
        let detail = format!(
            "the {}s wait GitHub's rate limit asked for was cut short and the request was not sent again",
            wait.as_secs()
        );
        self.pause(wait, call, "GitHub's rate limit", detail)
            .await?;
        self.pacing.unblock(&call.endpoint, until);
        call.rate_waited += wait;
        Ok(())
    }

    /// Waits for this request's turn under the endpoint's secondary limit and answers its
    /// ticket; `past_block` when the caller has just waited out a refusal.
    pub(super) async fn pace(
        &self,
        call: &mut Call<'_>,
        mut past_block: bool,
    ) -> Result<u64, Error> {
        let cost = points(call.method);
        for _ in 0..MAX_TURN_CHECKS {
            let now = Instant::now();
            let (until, blocked) =
                match self.pacing.take_turn(&call.endpoint, cost, now, past_block) {
                    Ok(ticket) => return Ok(ticket),
                    Err(NotYet::Blocked(until)) => (until, true),
                    Err(NotYet::Full(until)) => (until, false),
                };
            let d = until.saturating_duration_since(now);
            let detail =
                "the request was not sent: it was waiting its turn under GitHub's secondary rate limit"
                    .to_string();
            let why = if blocked {
                "the endpoint is held back after a refusal"
            } else {
                "its turn under the secondary rate limit"
            };
            self.pause(d, call, why, detail).await?;
            call.rate_waited += d;
            past_block |= blocked;
        }
        Ok(self
            .pacing
            .take_turn(&call.endpoint, cost, Instant::now(), true)
            .unwrap_or_default())
    }

    /// Waits for `d` unless the client is stopped before or during the wait.
    pub(super) async fn pause(
        &self,
        d: Duration,
        call: &Call<'_>,
        why: &'static str,
        detail: String,
    ) -> Result<(), Error> {
        self.pause_for(d, call.method, call.route, &call.path, why, detail)
            .await
    }

    /// Waits for `d` on behalf of `method` on `route` (at `path`), because of `why`;
    /// [`Error::Stopped`] (saying `detail`) if the client was stopped before or during the
    /// wait.
    pub(crate) async fn pause_for(
        &self,
        d: Duration,
        method: &Method,
        route: &'static str,
        path: &str,
        why: &'static str,
        detail: String,
    ) -> Result<(), Error> {
        let stopped = || {
            tracing::info!(method = %method, route, why, "wait cut short: the GitHub client was stopped");
            Error::Stopped {
                method: method.to_string(),
                path: path.to_string(),
                detail,
            }
        };
        if self.stop.is_stopped() {
            return Err(stopped());
        }
        tracing::debug!(method = %method, route, wait_ms = millis(d), why, "waiting");
        self.note(|s| s.waits.push(d));
        tokio::select! {
            biased;
            () = self.sleeper.sleep(d) => Ok(()),
            () = self.stop.stopped() => Err(stopped()),
        }
    }

    pub(super) async fn respect_block(&self, call: &mut Call<'_>) -> Result<(), Error> {
        let until = self.blocked_until.lock().ok().and_then(|b| *b);
        let Some(until) = until else { return Ok(()) };
        let now = now_secs();
        if until > now {
            let d = Duration::from_secs(until - now + 1);
            if d > self.config.max_rate_limit_wait {
                return Err(exhausted(call.method, &call.path, until, d));
            }
            tracing::warn!(
                method = %call.method,
                route = call.route,
                wait_ms = millis(d),
                "GitHub's rate limit is spent: waiting for its reset"
            );
            let detail = format!(
                "the {}s wait for GitHub's rate limit to reset was cut short and the request was not sent",
                d.as_secs()
            );
            self.pause(d, call, "the rate limit's reset", detail)
                .await?;
            call.rate_waited += d;
        }
        if let Ok(mut b) = self.blocked_until.lock() {
            *b = None;
        }
        Ok(())
    }
}

/// A failure in a few words for a log line: the status, or what went wrong on the way.
fn reason(e: &Error) -> String {
    match e {
        Error::Api(a) | Error::AsApp(a) => format!("HTTP {}", a.status),
        Error::Transport { message, .. } => format!("no answer: {message}"),
        other => other.to_string(),
    }
}
