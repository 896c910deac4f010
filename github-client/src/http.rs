//! The transport: one HTTP client for every call, the GitHub App's own included (installation
//! lookup and token exchange). Connection reuse, one retry policy for server and network
//! failures (the budget and backoff are in `retry.rs`), waits that GitHub's rate-limit
//! headers ask for (`http/limits.rs`), pacing by the secondary limits (`http/pacing.rs`), and
//! the stop signal (`http/stop.rs`). A server is not trusted: only https, or plain http to
//! loopback (never through a proxy); bodies are capped (`http/body.rs`); redirects are
//! followed for GET only, on the API's origin (`http/redirect.rs`); pages are followed
//! within a cap and never twice (`http/pages.rs`).
//!
//! The tries of one call are in `http/tries.rs`, reading an answer in `http/judge.rs`,
//! failures without an answer in `http/failure.rs`, the waits between tries in
//! `http/waits.rs`. Every wait goes through the client's [`crate::Sleeper`].
//!
//! Writes are safe to repeat: a write whose answer was lost (a 5xx or a broken connection
//! after it was sent) is sent again, and a repeated DELETE answered 404 counts as done.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};

use crate::clock::Sleeper;
use crate::config::ClientConfig;
use crate::error::Error;
use crate::urls::{check_base, is_loopback, Route};

mod body;
mod failure;
mod host;
mod judge;
mod limits;
mod pacing;
mod pages;
mod redirect;
mod stop;
mod tries;
mod waits;

use host::Host;
use pacing::Pacing;
pub(crate) use pages::Pager;
use stop::Stop;

/// Refusals for rate limits one call waits out before failing.
const MAX_RATE_LIMIT_WAITS: u32 = 20;
/// Times one request looks again for its turn under the secondary limit before going anyway.
const MAX_TURN_CHECKS: u32 = 100;

/// What the client has done so far (for tests, logs and benchmarks).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// HTTP requests sent.
    pub requests: u64,
    /// Retries after server or network failures.
    pub retries: u64,
    /// Answers refusing a request for a rate limit (429, 403), each waited out.
    pub refusals: u64,
    /// Every wait requested, in order (backoff and rate limits).
    pub waits: Vec<Duration>,
}

/// An answer with a success status (or 304), its body read in full (within the cap).
pub(crate) struct Answer {
    /// The status.
    pub(crate) status: StatusCode,
    /// The headers.
    pub(crate) headers: HeaderMap,
    /// The body.
    pub(crate) body: Vec<u8>,
    /// The URL that answered, as messages show it (no credentials, no query).
    pub(crate) url: String,
    /// A write whose earlier try's answer was lost came before this answer: that try may
    /// have been carried out (so a 204 may follow our own create).
    pub(crate) after_lost_answer: bool,
}

impl Answer {
    /// The body as JSON of type `T` (the answer to a `method` request).
    pub(crate) fn json<T: serde::de::DeserializeOwned>(&self, method: &Method) -> Result<T, Error> {
        serde_json::from_slice(&self.body)
            .map_err(|e| not_githubs_json(method, &self.url, &self.body, &e))
    }
}

/// The error for an answer serde could not read as `T`: not JSON at all (a web page or a
/// proxy's answer: not GitHub's REST API), or JSON of another shape, without serde's
/// line and column.
pub(crate) fn not_githubs_json(
    method: &Method,
    url: &str,
    body: &[u8],
    e: &serde_json::Error,
) -> Error {
    use serde_json::error::Category;
    let message = match e.classify() {
        Category::Data => {
            let what = e.to_string();
            let what = what.split(" at line ").next().unwrap_or_default();
            format!("the answer was JSON, but not of the shape GitHub's API gives ({what})")
        }
        _ => {
            let text = String::from_utf8_lossy(body);
            let start = text.trim_start();
            let looks = if start.is_empty() {
                "it is empty"
            } else if start.starts_with('<') {
                "it looks like a web page"
            } else {
                "it is not JSON"
            };
            format!(
                "the answer was not GitHub's JSON ({looks}), so something other than GitHub's \
                 REST API answered. Check the API's base URL: it is the REST API's root, \
                 https://api.github.com (or https://api.SUBDOMAIN.ghe.com)"
            )
        }
    };
    Error::Decode {
        method: method.to_string(),
        url: url.to_string(),
        message,
    }
}

/// The transport half of the client.
pub(crate) struct Http {
    http: reqwest::Client,
    base: reqwest::Url,
    config: ClientConfig,
    sleeper: Arc<dyn Sleeper>,
    stats: Mutex<Stats>,
    /// Set when GitHub reported an exhausted budget: no request before this time.
    blocked_until: Mutex<Option<u64>>,
    pacing: Pacing,
    stop: Stop,
    /// What this run has learned about the API host.
    host: Host,
}

impl Http {
    /// Builds the transport (one connection pool for the whole process). Refuses a base URL
    /// that would carry the token in clear; a loopback one is reached without any proxy.
    pub(crate) fn new(config: ClientConfig, sleeper: Arc<dyn Sleeper>) -> Result<Self, Error> {
        let mut base = reqwest::Url::parse(config.base_url.trim_end_matches('/'))
            .map_err(|e| Error::Setup(format!("base URL {:?}: {e}", config.base_url)))?;
        if base.cannot_be_a_base() {
            return Err(Error::Setup(format!(
                "base URL {:?} cannot hold paths",
                config.base_url
            )));
        }
        check_base(&base)?;
        if !base.path().ends_with('/') {
            let p = format!("{}/", base.path());
            base.set_path(&p);
        }
        let mut builder = reqwest::Client::builder()
            .user_agent(config.user_agent.clone())
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(60))
            .pool_idle_timeout(Duration::from_secs(90))
            // Redirects are judged per call (`http/redirect.rs`), never followed blindly.
            .redirect(reqwest::redirect::Policy::none());
        if is_loopback(&base) {
            // HTTP_PROXY and the like never see a loopback API, least of all in clear.
            builder = builder.no_proxy();
        }
        let http = builder.build().map_err(|e| Error::Setup(e.to_string()))?;
        Ok(Http {
            http,
            base,
            pacing: Pacing::new(config.endpoint_budget),
            config,
            sleeper,
            stats: Mutex::new(Stats::default()),
            blocked_until: Mutex::new(None),
            stop: Stop::default(),
            host: Host::default(),
        })
    }

    /// The configuration the transport was built with.
    pub(crate) fn config(&self) -> &ClientConfig {
        &self.config
    }

    /// A copy of the counters.
    pub(crate) fn stats(&self) -> Stats {
        self.stats.lock().map(|s| s.clone()).unwrap_or_default()
    }

    fn note(&self, f: impl FnOnce(&mut Stats)) {
        if let Ok(mut s) = self.stats.lock() {
            f(&mut s);
        }
    }

    /// Stops the transport: no retry or wait starts from now on, and the waits under way
    /// end with [`Error::Stopped`]. Requests already sent are not cut off.
    pub(crate) fn stop(&self) {
        if !self.stop.is_stopped() {
            tracing::info!("GitHub client stopped: no retry or wait starts from now on; requests already sent finish");
        }
        self.stop.stop();
    }

    /// `template` under the API root, its `{parameters}` filled with `params` (each
    /// percent-encoded; refused if empty, `.` or `..`, or holding `/` or a control
    /// character).
    pub(crate) fn route(&self, template: &'static str, params: &[&str]) -> Result<Route, Error> {
        Route::expand(&self.base, template, params)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn told(body: &[u8]) -> String {
        let e = serde_json::from_slice::<serde_json::Value>(body).unwrap_err();
        not_githubs_json(&Method::GET, "https://example.com/orgs/acme", body, &e).to_string()
    }

    #[test]
    fn an_answer_that_is_not_json_is_not_githubs_and_says_where_it_came_from() {
        let page = told(b"\n<!DOCTYPE html><html></html>");
        assert!(
            page.starts_with("GET https://example.com/orgs/acme: the answer was not GitHub's JSON (it looks like a web page)"),
            "{page}"
        );
        assert!(!page.contains("line 1"), "{page}");
        assert!(told(b"").contains("(it is empty)"));
        assert!(told(b"hello").contains("(it is not JSON)"));
        let e = serde_json::from_str::<crate::types::Secret>("{\"name\": \"A\"}").unwrap_err();
        let shape = not_githubs_json(&Method::GET, "u", b"", &e).to_string();
        assert_eq!(
            shape,
            "GET u: the answer was JSON, but not of the shape GitHub's API gives (missing field `created_at`)."
        );
    }
}
