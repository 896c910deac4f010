//! Reading one answer: success, a rate limit to wait out, a failure worth retrying (5xx, a
//! broken connection), or an error to report with what GitHub said.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::Value as Json;

use super::{Answer, Call, Http, MAX_RATE_LIMIT_WAITS};
use crate::github::error::{summarise_errors, ApiError, ApiErrorKind, Error};
use crate::github::headers::{exhausted, header_str, header_u64, rate_limit_wait};

/// What to do after one try.
pub(super) enum Verdict {
    Done(Answer),
    /// A rate limit: wait this long; `primary` when the hourly budget is spent.
    Wait {
        wait: Duration,
        primary: bool,
    },
    /// A server or network failure: try again within the budget, else fail with this error.
    Retry(Error),
    Fail(Error),
}

impl Http {
    pub(super) async fn judge(&self, call: &Call<'_>, resp: reqwest::Response) -> Verdict {
        let (method, path) = (call.method, call.path);
        let status = resp.status();
        let headers = resp.headers().clone();
        let body = match resp.bytes().await {
            Ok(b) => b.to_vec(),
            Err(e) => return Verdict::Retry(transport(call, &e)),
        };
        let remaining = header_u64(&headers, "x-ratelimit-remaining");
        let reset = header_u64(&headers, "x-ratelimit-reset");
        if let (Some(0), Some(reset)) = (remaining, reset) {
            if let Ok(mut b) = self.blocked_until.lock() {
                *b = Some(reset);
            }
        }
        if status.is_success() || status == StatusCode::NOT_MODIFIED {
            return Verdict::Done(Answer {
                status,
                headers,
                body,
            });
        }
        let json: Json = serde_json::from_slice(&body).unwrap_or(Json::Null);
        let message = json
            .get("message")
            .and_then(Json::as_str)
            .unwrap_or("")
            .to_string();
        if let Some(wait) = rate_limit_wait(status, &headers, &message, remaining, reset) {
            if wait <= self.config.max_rate_limit_wait && call.rate_waits < MAX_RATE_LIMIT_WAITS {
                // The block (if any) is the wait itself.
                if let Ok(mut b) = self.blocked_until.lock() {
                    *b = None;
                }
                let primary = remaining == Some(0);
                return Verdict::Wait { wait, primary };
            }
            return Verdict::Fail(match reset.filter(|_| remaining == Some(0)) {
                Some(r) => exhausted(method, path, r, wait),
                None => Error::RateLimited {
                    method: method.to_string(),
                    path: path.to_string(),
                    resets_at: None,
                    detail: format!(
                        "GitHub asked to wait {}s ({message}), longer than the provider waits; run again later",
                        wait.as_secs()
                    ),
                },
            });
        }
        let kind = match status.as_u16() {
            401 => ApiErrorKind::Unauthorized,
            403 => ApiErrorKind::Forbidden,
            404 => ApiErrorKind::NotFound,
            409 => ApiErrorKind::Conflict,
            422 => ApiErrorKind::Validation,
            500..=599 => ApiErrorKind::Server,
            _ => ApiErrorKind::Other,
        };
        let error = Error::Api(Box::new(ApiError {
            kind,
            method: method.to_string(),
            path: path.to_string(),
            status: status.as_u16(),
            message,
            errors: summarise_errors(json.get("errors")),
            token_scopes: header_str(&headers, "x-oauth-scopes"),
            accepted_scopes: header_str(&headers, "x-accepted-oauth-scopes"),
            attempts: call.attempts,
        }));
        if status.is_server_error() {
            Verdict::Retry(error)
        } else {
            Verdict::Fail(error)
        }
    }
}

/// The error a network failure reports once the retries are spent.
pub(super) fn transport(call: &Call<'_>, e: &reqwest::Error) -> Error {
    Error::Transport {
        method: call.method.to_string(),
        path: call.path.to_string(),
        attempts: call.attempts,
        message: without_url(e),
    }
}

/// A reqwest error's text without the URL (which never holds the token, but keeps messages short).
pub(crate) fn without_url(e: &reqwest::Error) -> String {
    let mut text = e.to_string();
    if let Some(url) = e.url() {
        text = text.replace(url.as_str(), "");
    }
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text = format!("{text}: {s}");
        source = s.source();
    }
    text
}
