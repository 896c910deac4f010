//! The one HTTP client: authentication and GitHub's headers on every call, connection reuse,
//! retries of server and network failures (the budget and backoff are in `retry.rs`), waits
//! that GitHub's rate-limit headers ask for, pacing by the secondary limits (`pacing.rs`),
//! the stop signal (`stop.rs`), and `Link`-header pagination. Reading an answer is in
//! `http/judge.rs`, the waits between tries in `http/waits.rs`. Every wait goes through a
//! [`Sleeper`], so tests can see the waits requested without waiting.
//!
//! Writes are safe to repeat: a write whose answer was lost (a 5xx or a broken connection
//! after it was sent) is sent again, and a repeated DELETE answered 404 counts as done.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use async_trait::async_trait;
use reqwest::header::{HeaderMap, ACCEPT, AUTHORIZATION, USER_AGENT};
use reqwest::{Method, StatusCode};
use secrecy::SecretString;
use serde_json::Value as Json;

use super::auth::{authorization, join, AppAuth, Auth};
use super::error::Error;
use super::headers::next_link;
use super::pacing::{endpoint, EndpointBudget, Pacing};
use super::retry::{DEFAULT_BACKOFF_BASE, DEFAULT_MAX_RETRIES, DEFAULT_RETRY_DEADLINE};
use super::stop::Stop;

mod judge;
mod waits;

pub(crate) use judge::without_url;
use judge::{transport, Verdict};

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

/// One call's progress through its tries.
struct Call<'a> {
    method: &'a Method,
    path: &'a str,
    endpoint: String,
    started: Instant,
    attempts: u32,
    retries: u32,
    rate_waits: u32,
    /// Time spent waiting for rate limits (not counted against the retry deadline).
    rate_waited: Duration,
    /// A write was sent and its answer lost: it may have been carried out.
    maybe_done: bool,
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
        let base_depth = base
            .path_segments()
            .map_or(0, |s| s.filter(|x| !x.is_empty()).count());
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

    /// The URL of `segments` under the base (each segment percent-encoded).
    pub fn url(&self, segments: &[&str]) -> reqwest::Url {
        join(&self.base, segments)
    }

    /// Sends one request, retrying and waiting as needed.
    pub async fn send(
        &self,
        method: Method,
        url: reqwest::Url,
        body: Option<&Json>,
    ) -> Result<Answer, Error> {
        let mut bearer = self.auth.bearer().await?;
        let mut renewed = false;
        let path = url.path().to_string();
        let segments: Vec<&str> = url
            .path_segments()
            .map(|s| s.skip(self.base_depth).collect())
            .unwrap_or_default();
        let mut call = Call {
            method: &method,
            path: &path,
            endpoint: endpoint(&method, &segments),
            started: Instant::now(),
            attempts: 0,
            retries: 0,
            rate_waits: 0,
            rate_waited: Duration::ZERO,
            maybe_done: false,
        };
        // After waiting out a refusal, the request goes at once: its turn has come.
        let mut waited_out = false;
        loop {
            self.respect_block(&mut call).await?;
            let ticket = self
                .pace(&mut call, std::mem::take(&mut waited_out))
                .await?;
            call.attempts += 1;
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
                Err(e) => Verdict::Retry(transport(&call, &e)),
                Ok(resp) => self.judge(&call, resp).await,
            };
            self.pacing.answered(&call.endpoint, ticket, Instant::now());
            match verdict {
                Verdict::Done(a) => return Ok(a),
                // An installation token can expire mid-run: renew it once and try again.
                Verdict::Fail(e) if !renewed && e.status() == Some(401) => {
                    match self.auth.after_401(&bearer).await {
                        Some(next) => (bearer, renewed) = (next?, true),
                        None => return Err(e),
                    }
                }
                // Our own earlier try deleted it; its answer was lost on the way.
                Verdict::Fail(e)
                    if call.maybe_done && method == Method::DELETE && e.is_not_found() =>
                {
                    return Ok(Answer {
                        status: StatusCode::NO_CONTENT,
                        headers: HeaderMap::new(),
                        body: Vec::new(),
                    })
                }
                Verdict::Fail(e) => return Err(self.auth.explain(e)),
                Verdict::Wait { wait, primary } => {
                    self.wait_out_refusal(&mut call, wait, primary).await?;
                    waited_out = true;
                }
                Verdict::Retry(e) => {
                    call.maybe_done |= method != Method::GET;
                    self.retry(&mut call, e).await?;
                }
            }
        }
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
            let (page, following) = self.get_page(url, key).await?;
            items.extend(page);
            next = following.filter(|_| pages < 1000);
        }
        Ok(items)
    }

    /// GETs one page of a list: its items, and the next page's URL when there is one on the
    /// same origin. The first page's URL should carry `per_page`.
    pub async fn get_page(
        &self,
        url: reqwest::Url,
        key: Option<&str>,
    ) -> Result<(Vec<Json>, Option<reqwest::Url>), Error> {
        let path = url.path().to_string();
        let answer = self.send(Method::GET, url, None).await?;
        let mut body: Json = answer.json(&Method::GET, &path)?;
        let list = match key {
            Some(k) => body.get_mut(k).map(Json::take),
            None => Some(body),
        };
        match list {
            Some(Json::Array(a)) => {
                let next = next_link(&answer.headers).filter(|n| n.origin() == self.base.origin());
                Ok((a, next))
            }
            _ => Err(Error::Decode {
                method: "GET".into(),
                path,
                message: format!("no {} array in the answer", key.unwrap_or("top-level")),
            }),
        }
    }
}
