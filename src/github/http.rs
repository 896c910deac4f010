//! The one HTTP client, for every call including the GitHub App's own (installation lookup
//! and token exchange): authentication and GitHub's headers, connection reuse, one retry
//! policy for server and network failures (the budget and backoff are in `retry.rs`), waits
//! that GitHub's rate-limit headers ask for, pacing by the secondary limits (`pacing.rs`),
//! and the stop signal (`stop.rs`). A server is not trusted: only https, or plain http to
//! loopback (never through a proxy); bodies are capped (`http/body.rs`); redirects are
//! followed for GET only, on the API's origin (`http/redirect.rs`); pages are followed
//! within a cap and never twice (`http/pages.rs`).
//!
//! The tries of one call are in `http/tries.rs`, reading an answer in `http/judge.rs`,
//! failures without an answer in `http/failure.rs`, the waits between tries in
//! `http/waits.rs`. Every wait goes through a [`Sleeper`], so tests can see the waits
//! requested without waiting.
//!
//! Writes are safe to repeat: a write whose answer was lost (a 5xx or a broken connection
//! after it was sent) is sent again, and a repeated DELETE answered 404 counts as done.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;
use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};
use secrecy::SecretString;
use serde_json::Value as Json;

use super::auth::{AppAuth, Auth};
use super::error::Error;
use super::pacing::{EndpointBudget, Pacing};
use super::retry::{
    DEFAULT_BACKOFF_BASE, DEFAULT_MAX_RETRIES, DEFAULT_RETRY_DEADLINE, DEFAULT_SECONDARY_BACKOFFS,
};
use super::stop::Stop;
use super::urls::{check_base, is_loopback, join};

mod body;
mod failure;
mod judge;
mod pages;
mod redirect;
mod tries;
mod waits;

pub use body::DEFAULT_MAX_BODY;
pub use pages::{Pager, DEFAULT_MAX_PAGES};

/// The REST API version this client speaks.
pub const API_VERSION: &str = "2026-03-10";
/// Refusals for rate limits one call waits out before failing.
const MAX_RATE_LIMIT_WAITS: u32 = 20;
/// Times one request looks again for its turn under the secondary limit before going anyway.
const MAX_TURN_CHECKS: u32 = 100;

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

/// How to reach GitHub.
#[derive(Clone)]
pub struct ClientConfig {
    /// API root, e.g. `https://api.github.com` or `https://HOST/api/v3`.
    pub base_url: String,
    /// The token; a call without it (or `app`) fails with [`Error::MissingToken`].
    pub token: Option<SecretString>,
    /// A GitHub App installation to authenticate as (instead of `token`).
    pub app: Option<AppAuth>,
    /// Retries of server errors (5xx) and network failures; rate-limit waits do not count.
    pub max_retries: u32,
    /// The longest single wait for a rate limit before failing instead.
    pub max_rate_limit_wait: Duration,
    /// The first backoff step (doubled per retry, capped at 10 s, with full jitter).
    pub backoff_base: Duration,
    /// No retry starts once a call has spent this long, rate-limit waits not counted.
    pub retry_deadline: Duration,
    /// The secondary limit each endpoint is paced by (GitHub: 900 points a minute).
    pub endpoint_budget: EndpointBudget,
    /// Waits after secondary-limit refusals that name no time (1 minute, then doubling,
    /// as GitHub asks) before failing; [`ClientConfig::max_rate_limit_wait`] bounds only the
    /// waits GitHub names.
    pub secondary_backoffs: u32,
    /// The largest answer read, in bytes; a larger one fails the call.
    pub max_body_bytes: usize,
    /// The most pages one listing reads; a list that goes on fails the call.
    pub max_pages: u32,
}

impl ClientConfig {
    /// Defaults for `base_url` and `token`.
    pub fn new(base_url: impl Into<String>, token: Option<String>) -> Self {
        ClientConfig {
            base_url: base_url.into(),
            token: token.map(SecretString::from),
            app: None,
            max_retries: DEFAULT_MAX_RETRIES,
            max_rate_limit_wait: Duration::from_secs(60),
            backoff_base: DEFAULT_BACKOFF_BASE,
            retry_deadline: DEFAULT_RETRY_DEADLINE,
            endpoint_budget: EndpointBudget::default(),
            secondary_backoffs: DEFAULT_SECONDARY_BACKOFFS,
            max_body_bytes: DEFAULT_MAX_BODY,
            max_pages: DEFAULT_MAX_PAGES,
        }
    }
}

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
pub struct Answer {
    /// The status.
    pub status: StatusCode,
    /// The headers.
    pub headers: HeaderMap,
    /// The body.
    pub body: Vec<u8>,
}

impl Answer {
    /// The body as JSON.
    pub fn json<T: serde::de::DeserializeOwned>(
        &self,
        method: &Method,
        path: &str,
    ) -> Result<T, Error> {
        serde_json::from_slice(&self.body).map_err(|e| Error::Decode {
            method: method.to_string(),
            path: path.to_string(),
            message: e.to_string(),
        })
    }
}

/// The transport half of the client.
pub struct Http {
    http: reqwest::Client,
    base: reqwest::Url,
    /// How many path segments the base has (`api/v3`: 2), so endpoints are named without it.
    base_depth: usize,
    config: ClientConfig,
    auth: Auth,
    sleeper: Arc<dyn Sleeper>,
    stats: Mutex<Stats>,
    /// Set when GitHub reported an exhausted budget: no request before this time.
    blocked_until: Mutex<Option<u64>>,
    pacing: Pacing,
    stop: Stop,
}

impl Http {
    /// Builds the client (one connection pool for the whole process). Refuses a base URL
    /// that would carry the token in clear; a loopback one is reached without any proxy.
    pub fn new(config: ClientConfig, sleeper: Arc<dyn Sleeper>) -> Result<Self, Error> {
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
        let base_depth = base
            .path_segments()
            .map_or(0, |s| s.filter(|x| !x.is_empty()).count());
        let mut builder = reqwest::Client::builder()
            .user_agent(USER_AGENT)
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
        let auth = Auth::new(&config);
        Ok(Http {
            http,
            base,
            base_depth,
            pacing: Pacing::new(config.endpoint_budget),
            config,
            auth,
            sleeper,
            stats: Mutex::new(Stats::default()),
            blocked_until: Mutex::new(None),
            stop: Stop::default(),
        })
    }

    /// A copy of the counters.
    pub fn stats(&self) -> Stats {
        self.stats.lock().map(|s| s.clone()).unwrap_or_default()
    }

    fn note(&self, f: impl FnOnce(&mut Stats)) {
        if let Ok(mut s) = self.stats.lock() {
            f(&mut s);
        }
    }

    /// Stops the client: no retry or wait starts from now on, and the
    /// waits under way end with [`Error::Stopped`]. Requests already sent are not cut off.
    pub fn stop(&self) {
        self.stop.stop();
    }

    /// The URL of `segments` under the base (each segment percent-encoded); refuses a
    /// segment that is empty, `.` or `..`, or holds `/` or a control character.
    pub fn url(&self, segments: &[&str]) -> Result<reqwest::Url, Error> {
        join(&self.base, segments)
    }

    /// Sends one request with the client's credentials, retrying and waiting as needed.
    pub async fn send(
        &self,
        method: Method,
        url: reqwest::Url,
        body: Option<&Json>,
    ) -> Result<Answer, Error> {
        self.send_as(&self.auth, method, url, body)
            .await
            .map_err(|e| self.auth.explain(e))
    }
}

/// The User-Agent of every request.
const USER_AGENT: &str = concat!("terraform-provider-codespaces/", env!("CARGO_PKG_VERSION"));
