//! The one HTTP client: authentication and GitHub's headers on every call, connection reuse,
//! retries of server and network failures (exponential backoff, full jitter, bounded), waits
//! that GitHub's rate-limit headers ask for, and `Link`-header pagination. Every wait goes
//! through a [`Sleeper`], so tests can see the waits requested without waiting.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;
use reqwest::header::{HeaderMap, ACCEPT, AUTHORIZATION, USER_AGENT};
use reqwest::{Method, StatusCode};
use secrecy::SecretString;
use serde_json::Value as Json;

use super::auth::{authorization, join, AppAuth, Auth};
use super::error::{summarise_errors, ApiError, ApiErrorKind, Error};
use super::headers::{exhausted, header_str, header_u64, next_link, now_secs, rate_limit_wait};

/// The REST API version this client speaks.
pub const API_VERSION: &str = "2026-03-10";
const MAX_RATE_LIMIT_WAITS: u32 = 5;

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
    /// Retries of server errors and network failures.
    pub max_retries: u32,
    /// The longest single wait for a rate limit before failing instead.
    pub max_rate_limit_wait: Duration,
    /// The first backoff step (doubled per retry, capped at 5 s, with full jitter).
    pub backoff_base: Duration,
}

impl ClientConfig {
    /// Defaults for `base_url` and `token`.
    pub fn new(base_url: impl Into<String>, token: Option<String>) -> Self {
        ClientConfig {
            base_url: base_url.into(),
            token: token.map(SecretString::from),
            app: None,
            max_retries: 3,
            max_rate_limit_wait: Duration::from_secs(60),
            backoff_base: Duration::from_millis(200),
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
    /// Every wait requested, in order (backoff and rate limits).
    pub waits: Vec<Duration>,
}

/// An answer with a success status (or 304).
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
    config: ClientConfig,
    auth: Auth,
    sleeper: Arc<dyn Sleeper>,
    stats: Mutex<Stats>,
    /// Set when GitHub reported an exhausted budget: no request before this time.
    blocked_until: Mutex<Option<u64>>,
}

enum Verdict {
    Done(Answer),
    Wait(Duration),
    Retry,
    Fail(Error),
}

impl Http {
    /// Builds the client (one connection pool for the whole process).
    pub fn new(config: ClientConfig, sleeper: Arc<dyn Sleeper>) -> Result<Self, Error> {
        let mut base = reqwest::Url::parse(config.base_url.trim_end_matches('/'))
            .map_err(|e| Error::Setup(format!("base URL {:?}: {e}", config.base_url)))?;
        if base.cannot_be_a_base() {
            return Err(Error::Setup(format!(
                "base URL {:?} cannot hold paths",
                config.base_url
            )));
        }
        if !base.path().ends_with('/') {
            let p = format!("{}/", base.path());
            base.set_path(&p);
        }
        let http = reqwest::Client::builder()
            .user_agent(concat!(
                "terraform-provider-codespaces/",
                env!("CARGO_PKG_VERSION")
            ))
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(60))
            .pool_idle_timeout(Duration::from_secs(90))
            .build()
            .map_err(|e| Error::Setup(e.to_string()))?;
        let auth = Auth::new(&config, &http, &base);
        Ok(Http {
            http,
            base,
            config,
            auth,
            sleeper,
            stats: Mutex::new(Stats::default()),
            blocked_until: Mutex::new(None),
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

    /// The URL of `segments` under the base (each segment percent-encoded).
    pub fn url(&self, segments: &[&str]) -> reqwest::Url {
        join(&self.base, segments)
    }

    /// Sends one request, retrying and waiting as needed. `display_path` is what errors show.
    pub async fn send(
        &self,
        method: Method,
        url: reqwest::Url,
        body: Option<&Json>,
    ) -> Result<Answer, Error> {
        let mut bearer = self.auth.bearer().await?;
        let mut renewed = false;
        let path = url.path().to_string();
        let mut attempts = 0u32;
        let mut rate_waits = 0u32;
        loop {
            self.respect_block(&method, &path).await?;
            attempts += 1;
            let mut req = self
                .http
                .request(method.clone(), url.clone())
                .header(AUTHORIZATION, authorization(&bearer)?)
                .header(ACCEPT, "application/vnd.github+json")
                .header("X-GitHub-Api-Version", API_VERSION)
                .header(
                    USER_AGENT,
                    concat!("terraform-provider-codespaces/", env!("CARGO_PKG_VERSION")),
                );
            if let Some(b) = body {
                req = req.json(b);
            }
            self.note(|s| s.requests += 1);
            let verdict = match req.send().await {
                Err(e) if attempts <= self.config.max_retries => {
                    let _ = e;
                    Verdict::Retry
                }
                Err(e) => Verdict::Fail(Error::Transport {
                    method: method.to_string(),
                    path: path.clone(),
                    attempts,
                    message: without_url(&e),
                }),
                Ok(resp) => self.judge(&method, &path, resp, attempts, rate_waits).await,
            };
            match verdict {
                Verdict::Done(a) => return Ok(a),
                Verdict::Fail(e) if !renewed && e.status() == Some(401) => {
                    match self.auth.after_401(&bearer).await {
                        Some(next) => (bearer, renewed) = (next?, true),
                        None => return Err(e),
                    }
                }
                Verdict::Fail(e) => return Err(self.auth.explain(e)),
                Verdict::Wait(d) => {
                    rate_waits += 1;
                    self.wait(d).await;
                }
                Verdict::Retry => {
                    self.note(|s| s.retries += 1);
                    let d = self.backoff(attempts);
                    self.wait(d).await;
                }
            }
        }
    }

    async fn wait(&self, d: Duration) {
        self.note(|s| s.waits.push(d));
        self.sleeper.sleep(d).await;
    }

    fn backoff(&self, attempt: u32) -> Duration {
        let cap = Duration::from_secs(5);
        let step = self
            .config
            .backoff_base
            .saturating_mul(1u32 << attempt.min(16))
            .min(cap);
        // Full jitter: anywhere between zero and the step.
        let millis = u64::try_from(step.as_millis()).unwrap_or(u64::MAX);
        Duration::from_millis(fastrand::u64(0..=millis))
    }

    async fn respect_block(&self, method: &Method, path: &str) -> Result<(), Error> {
        let until = self.blocked_until.lock().ok().and_then(|b| *b);
        let Some(until) = until else { return Ok(()) };
        let now = now_secs();
        if until <= now {
            if let Ok(mut b) = self.blocked_until.lock() {
                *b = None;
            }
            return Ok(());
        }
        let d = Duration::from_secs(until - now + 1);
        if d > self.config.max_rate_limit_wait {
            return Err(exhausted(method, path, until, d));
        }
        self.wait(d).await;
        if let Ok(mut b) = self.blocked_until.lock() {
            *b = None;
        }
        Ok(())
    }

    async fn judge(
        &self,
        method: &Method,
        path: &str,
        resp: reqwest::Response,
        attempts: u32,
        rate_waits: u32,
    ) -> Verdict {
        let status = resp.status();
        let headers = resp.headers().clone();
        let body = match resp.bytes().await {
            Ok(b) => b.to_vec(),
            Err(e) if attempts <= self.config.max_retries => {
                let _ = e;
                return Verdict::Retry;
            }
            Err(e) => {
                return Verdict::Fail(Error::Transport {
                    method: method.to_string(),
                    path: path.to_string(),
                    attempts,
                    message: without_url(&e),
                })
            }
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
            if wait <= self.config.max_rate_limit_wait && rate_waits < MAX_RATE_LIMIT_WAITS {
                // The block (if any) is the wait itself.
                if let Ok(mut b) = self.blocked_until.lock() {
                    *b = None;
                }
                return Verdict::Wait(wait);
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
        if status.is_server_error() && attempts <= self.config.max_retries {
            return Verdict::Retry;
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
        Verdict::Fail(Error::Api(Box::new(ApiError {
            kind,
            method: method.to_string(),
            path: path.to_string(),
            status: status.as_u16(),
            message,
            errors: summarise_errors(json.get("errors")),
            token_scopes: header_str(&headers, "x-oauth-scopes"),
            accepted_scopes: header_str(&headers, "x-accepted-oauth-scopes"),
            attempts,
        })))
    }

    /// GETs every page of a list, following `Link: <...>; rel="next"` on the same origin.
    /// `key` names the array in the body (`None`: the body is the array).
    pub async fn get_all(
        &self,
        mut url: reqwest::Url,
        key: Option<&str>,
    ) -> Result<Vec<Json>, Error> {
        url.query_pairs_mut().append_pair("per_page", "100");
        let mut items = Vec::new();
        let mut next = Some(url);
        let mut pages = 0;
        while let Some(url) = next.take() {
            pages += 1;
            let path = url.path().to_string();
            let answer = self.send(Method::GET, url, None).await?;
            let mut body: Json = answer.json(&Method::GET, &path)?;
            let list = match key {
                Some(k) => body.get_mut(k).map(Json::take),
                None => Some(body),
            };
            match list {
                Some(Json::Array(a)) => items.extend(a),
                _ => {
                    return Err(Error::Decode {
                        method: "GET".into(),
                        path,
                        message: format!("no {} array in the answer", key.unwrap_or("top-level")),
                    })
                }
            }
            next = next_link(&answer.headers)
                .filter(|n| n.origin() == self.base.origin() && pages < 1000);
        }
        Ok(items)
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
