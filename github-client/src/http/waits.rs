//! The waits of one call: backoff before a retry (within the budget and the deadline), the
//! waits GitHub's rate limits ask for, the turn under the secondary limit, and the primary
//! budget's reset; and [`Http::pause`], the one way anything in the client waits: every
//! wait ends early with [`Error::Stopped`] once the client is stopped, and none starts
//! after that.
//!
//! Every wait is logged at debug with how long and why; retries at info, rate-limit waits at
//! warn.

use std::time::{Duration, Instant};

use super::call::Call;
use super::limits::exhausted;
use super::pacing::{points, NotYet};
use super::{Http, MAX_TURN_CHECKS};
use crate::clock::{millis, now_secs, Wait};
use crate::error::{Error, Request};
use crate::retry::backoff;

impl Http {
    /// Waits before trying again after a failure, or answers `failure` when the budget or
    /// the deadline is spent.
    pub(super) async fn retry(&self, call: &mut Call<'_>, failure: Error) -> Result<(), Error> {
        if call.retries() >= self.config.max_retries {
            tracing::warn!(
                method = %call.method(),
                route = call.route(),
                attempt = call.attempts(),
                reason = %reason(&failure),
                "GitHub API call failed: its retries are spent"
            );
            return Err(failure);
        }
        let d = backoff(self.config.backoff_base, call.retries() + 1);
        let spent = call.spent();
        if spent + d > self.config.retry_deadline {
            tracing::warn!(
                method = %call.method(),
                route = call.route(),
                attempt = call.attempts(),
                reason = %reason(&failure),
                spent_ms = millis(spent),
                "GitHub API call failed: no retry starts past the call's deadline"
            );
            return Err(failure);
        }
        call.retrying();
        self.note(|s| s.retries += 1);
        tracing::info!(
            method = %call.method(),
            route = call.route(),
            attempt = call.attempts(),
            retry = call.retries(),
            max_retries = self.config.max_retries,
            wait_ms = millis(d),
            reason = %reason(&failure),
            "retrying GitHub API call"
        );
        let wait = Wait::Backoff {
            after_try: call.attempts(),
            failure: failure.to_string(),
        };
        self.pause(d, &call.request(), wait).await
    }

    /// Waits as GitHub asked; a secondary limit holds back every caller of the endpoint, and
    /// after a write every writer.
    pub(super) async fn wait_out_refusal(
        &self,
        call: &mut Call<'_>,
        wait: Duration,
        primary: bool,
        untimed: bool,
    ) -> Result<(), Error> {
        call.refused();
        self.note(|s| s.refusals += 1);
        let until = Instant::now() + wait;
        if !primary {
            self.pacing
                .block(call.endpoint(), points(call.method()), until);
        }
        let limit = match (primary, untimed) {
            (true, _) => "primary budget spent",
            (false, true) => "secondary limit, no time named",
            (false, false) => "Retry-After",
        };
        tracing::warn!(
            method = %call.method(),
            route = call.route(),
            attempt = call.attempts(),
            wait_ms = millis(wait),
            limit,
            "GitHub rate limit: waiting before trying again"
        );
        self.pause(wait, &call.request(), Wait::RateLimit(wait))
            .await?;
        self.pacing
            .unblock(call.endpoint(), points(call.method()), until);
        call.waited(wait);
        Ok(())
    }

    /// Waits for this request's turn under the endpoint's secondary limit and answers its
    /// ticket; `past_block` when the caller has just waited out a refusal.
    pub(super) async fn pace(
        &self,
        call: &mut Call<'_>,
        mut past_block: bool,
    ) -> Result<u64, Error> {
        let cost = points(call.method());
        for _ in 0..MAX_TURN_CHECKS {
            let now = Instant::now();
            let (until, held_back) =
                match self
                    .pacing
                    .take_turn(call.endpoint(), cost, now, past_block)
                {
                    Ok(ticket) => return Ok(ticket),
                    Err(NotYet::Blocked(until)) => (until, true),
                    Err(NotYet::Full(until)) => (until, false),
                };
            let d = until.saturating_duration_since(now);
            self.pause(d, &call.request(), Wait::Turn { held_back })
                .await?;
            call.waited(d);
            past_block |= held_back;
        }
        Ok(self
            .pacing
            .take_turn(call.endpoint(), cost, Instant::now(), true)
            .unwrap_or_default())
    }

    /// Waits for `d` on behalf of `request`, for the reason `wait` gives; [`Error::Stopped`]
    /// (saying what `wait` leaves undone) if the client was stopped before or during it.
    pub(crate) async fn pause(
        &self,
        d: Duration,
        request: &Request,
        wait: Wait,
    ) -> Result<(), Error> {
        let (method, route, why) = (request.method(), request.route(), wait.why());
        let stopped = |wait| {
            tracing::info!(%method, route, why, "wait cut short: the GitHub client was stopped");
            Error::Stopped {
                request: request.clone(),
                wait,
            }
        };
        if self.stop.is_stopped() {
            return Err(stopped(wait));
        }
        tracing::debug!(%method, route, wait_ms = millis(d), why, "waiting");
        self.note(|s| s.waits.push(d));
        tokio::select! {
            biased;
            () = self.sleeper.sleep(d) => Ok(()),
            () = self.stop.stopped() => Err(stopped(wait)),
        }
    }

    pub(super) async fn respect_block(&self, call: &mut Call<'_>) -> Result<(), Error> {
        let until = self.blocked_until.lock().ok().and_then(|b| *b);
        let Some(until) = until else { return Ok(()) };
        let now = now_secs();
        if until > now {
            let d = Duration::from_secs(until - now + 1);
            if d > self.config.max_rate_limit_wait {
                return Err(exhausted(call.request(), until, d));
            }
            tracing::warn!(
                method = %call.method(),
                route = call.route(),
                wait_ms = millis(d),
                "GitHub's rate limit is spent: waiting for its reset"
            );
            self.pause(d, &call.request(), Wait::Reset(d)).await?;
            call.waited(d);
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
        Error::Api(a) => format!("HTTP {}", a.status),
        Error::Transport { message, .. } => format!("no answer: {message}"),
        other => other.to_string(),
    }
}
