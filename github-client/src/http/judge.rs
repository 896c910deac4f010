//! Reading one answer: success, a redirect to follow (or refuse), a rate limit to wait out,
//! a failure worth retrying (5xx, a body cut off), or an error to report with what GitHub
//! said. The body is read within the client's cap.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::Value as Json;

use super::body::{read_capped, BodyError};
use super::call::{Call, Verdict};
use super::limits::{exhausted, header_str, header_u64, rate_limit, Limit};
use super::{failure, redirect, Answer, Http, MAX_RATE_LIMIT_WAITS};
use crate::error::{summarise_errors, ApiError, ApiErrorKind, Error};
use crate::retry::secondary_backoff;

impl Http {
    pub(super) async fn judge(&self, call: &Call<'_>, resp: reqwest::Response) -> Verdict {
        let status = resp.status();
        let headers = resp.headers().clone();
        if status.is_redirection() && status != StatusCode::NOT_MODIFIED {
            return match redirect::next_hop(call, status, &headers) {
                Ok(to) => Verdict::Redirect(to),
                Err(e) => Verdict::Fail(e),
            };
        }
        let body = match read_capped(resp, self.config.max_body_bytes).await {
            Ok(b) => b,
            Err(BodyError::TooLarge) => {
                return Verdict::Fail(Error::TooLarge {
                    request: call.request(),
                    limit: self.config.max_body_bytes,
                })
            }
            Err(BodyError::Broken(e)) => return failure::verdict(call, &e, true),
        };
        let remaining = header_u64(&headers, "x-ratelimit-remaining");
        let reset = header_u64(&headers, "x-ratelimit-reset");
        if let (Some(0), Some(reset), true) = (remaining, reset, call.spends_the_budget()) {
            if let Ok(mut b) = self.blocked_until.lock() {
                *b = Some(reset);
            }
        }
        if status.is_success() || status == StatusCode::NOT_MODIFIED {
            return Verdict::Done(Answer {
                request: call.request(),
                status,
                headers,
                body,
                after_lost_answer: call.maybe_done(),
            });
        }
        let json: Json = serde_json::from_slice(&body).unwrap_or(Json::Null);
        let message = json
            .get("message")
            .and_then(Json::as_str)
            .unwrap_or("")
            .to_string();
        if let Some(limit) = rate_limit(status, &headers, &message, remaining, reset) {
            return self.rate_limited(call, limit, &message, remaining == Some(0));
        }
        let error = Error::Api(Box::new(ApiError {
            kind: ApiErrorKind::of(status.as_u16()),
            request: call.request(),
            status: status.as_u16(),
            message,
            errors: summarise_errors(json.get("errors")),
            token_scopes: header_str(&headers, "x-oauth-scopes"),
            accepted_scopes: header_str(&headers, "x-accepted-oauth-scopes"),
            attempts: call.attempts(),
            caller: call.caller(),
        }));
        if status.is_server_error() {
            Verdict::Retry(error)
        } else {
            Verdict::Fail(error)
        }
    }

    /// The wait a rate-limit refusal asks for, or the error saying truthfully why the call
    /// does not wait (longer than the client waits, or the allowance of waits spent).
    fn rate_limited(&self, call: &Call<'_>, limit: Limit, message: &str, primary: bool) -> Verdict {
        let fail = |detail| {
            Verdict::Fail(Error::RateLimited {
                request: call.request(),
                resets_at: None,
                detail,
            })
        };
        if call.rate_waits() >= MAX_RATE_LIMIT_WAITS {
            return fail(format!(
                "GitHub refused it {} times for a rate limit ({message}); the client waited {} times, {} in all, and stops here; run again later",
                call.rate_waits() + 1,
                call.rate_waits(),
                span(call.rate_waited())
            ));
        }
        let wait = match limit {
            Limit::Named(wait) | Limit::Reset { wait, .. } => wait,
            Limit::Untimed => {
                let n = call.untimed_waits().len() as u32;
                if n >= self.config.secondary_backoffs {
                    return fail(untimed_spent(call.untimed_waits(), message));
                }
                secondary_backoff(n + 1)
            }
        };
        if matches!(limit, Limit::Untimed) || wait <= self.config.max_rate_limit_wait {
            // The block (if any) is the wait itself.
            if let Ok(mut b) = self.blocked_until.lock() {
                *b = None;
            }
            let untimed = matches!(limit, Limit::Untimed);
            return Verdict::Wait {
                wait,
                primary,
                untimed,
            };
        }
        match limit {
            Limit::Reset { at, .. } => Verdict::Fail(exhausted(call.request(), at, wait)),
            _ => fail(format!(
                "GitHub asked to wait {}s ({message}), longer than the client waits ({}s); run again later",
                wait.as_secs(),
                self.config.max_rate_limit_wait.as_secs()
            )),
        }
    }
}

/// What failing after untimed secondary-limit refusals says: how many, how long.
fn untimed_spent(waits: &[Duration], message: &str) -> String {
    let each: Vec<String> = waits.iter().map(|w| span(*w)).collect();
    let total: Duration = waits.iter().sum();
    format!(
        "GitHub refused it {} times for its secondary rate limit without saying how long to wait ({message}); the client waited {} times as GitHub asks ({}: {} in all) and stops here. Run again in a few minutes, making fewer requests at once",
        waits.len() + 1,
        waits.len(),
        each.join(", "),
        span(total)
    )
}

/// `45s`, `2 min`, `7 min 30s`.
fn span(d: Duration) -> String {
    let s = d.as_secs();
    match (s / 60, s % 60) {
        (0, s) => format!("{s}s"),
        (m, 0) => format!("{m} min"),
        (m, s) => format!("{m} min {s}s"),
    }
}
