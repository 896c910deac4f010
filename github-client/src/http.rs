//! The transport: one HTTP client for every call, the GitHub App's own included (installation
//! lookup and token exchange). Connection reuse, one retry policy for server and network
//! failures (the budget and backoff are in `retry.rs`), waits that GitHub's rate-limit
//! headers ask for (`http/limits.rs`), pacing by the secondary limits (`http/pacing.rs`), and
//! the stop signal (`http/stop.rs`). A server is not trusted: only https, or plain http to
//! loopback (never through a proxy); bodies are capped (`http/body.rs`); redirects are
//! followed for GET only, on the API's origin (`http/redirect.rs`); pages are followed
//! within a cap and never twice (`http/pages.rs`).
//!
//! The tries of one call are in `http/tries.rs`, the call's progress and what a try decides
//! in `http/call.rs` (which the others share, so they do not depend on one another),
//! reading an answer in `http/judge.rs`, failures without an answer in `http/failure.rs`,
//! the waits between tries in `http/waits.rs`, what the run learned of the host in
//! `http/host.rs` (refused credentials or a host never reached end the run after one
//! request; connections before the host's first answer are tried only a few times). Every
//! wait goes through the client's `Sleeper`, and through [`Http::pause`], so that the stop
//! signal ends it.
//!
//! Writes are safe to repeat: a write whose answer was lost (a 5xx or a broken connection
//! after it was sent) is sent again, and a repeated DELETE answered 404 counts as done.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use reqwest::header::HeaderMap;
use reqwest::{StatusCode, Url};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value as Json;

use crate::clock::Sleeper;
use crate::config::ClientConfig;
use crate::error::{Error, Request};
use crate::urls::{is_loopback, parse_base, shown, Route};

mod body;
mod call;
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
    /// The request it answers.
    pub(crate) request: Request,
    /// The status.
    pub(crate) status: StatusCode,
    /// The headers.
    pub(crate) headers: HeaderMap,
    /// The body.
    pub(crate) body: Vec<u8>,
    /// A write whose earlier try's answer was lost came before this answer: that try may
    /// have been carried out (so a 204 may follow our own create).
    pub(crate) after_lost_answer: bool,
}

impl Answer {
    /// The body as `T`; an error naming the request when it is not.
    pub(crate) fn json<T: DeserializeOwned>(&self) -> Result<T, Error> {
        serde_json::from_slice(&self.body)
            .map_err(|e| self.unexpected(not_githubs_json(&self.body, &e)))
    }

    /// The items of a list: the array under `key` in the body (`None`: the body is the
    /// array), each decoded as `T`.
    pub(crate) fn items<T: DeserializeOwned>(&self, key: Option<&str>) -> Result<Vec<T>, Error> {
        let mut body: Json = self.json()?;
        let list = match key {
            Some(k) => body.get_mut(k).map(Json::take),
            None => Some(body),
        };
        let Some(Json::Array(items)) = list else {
            let array = key.map_or("top-level".to_string(), |k| format!("`{k}`"));
            return Err(self.unexpected(format!("{OTHER_SHAPE} (no {array} array)")));
        };
        items
            .into_iter()
            .map(|item| {
                serde_json::from_value(item).map_err(|e| self.unexpected(not_githubs_json(&[], &e)))
            })
            .collect()
    }

    fn unexpected(&self, message: String) -> Error {
        Error::Decode {
            request: self.request.clone(),
            message,
        }
    }
}

/// What an answer of JSON, but not of the shape the API describes, is.
const OTHER_SHAPE: &str = "the answer was JSON, but not of the shape GitHub's API gives";

/// What is wrong with an answer serde could not read (`body`, when it was read from bytes):
/// not JSON at all (a web page or a proxy's answer, so not GitHub's REST API), or JSON of
/// another shape, said without serde's line and column.
fn not_githubs_json(body: &[u8], e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    if e.classify() == Category::Data {
        let what = e.to_string();
        let what = what.split(" at line ").next().unwrap_or_default();
        return format!("{OTHER_SHAPE} ({what})");
    }
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
        "the answer was not GitHub's JSON ({looks}), so something other than GitHub's REST API \
         answered. Check the API's base URL: it is the REST API's root, https://api.github.com \
         (or https://api.SUBDOMAIN.ghe.com)"
    )
}

/// A request's body: JSON, written before the request is sent.
pub(crate) struct Body(Vec<u8>);

impl Body {
    /// `value` as a JSON body; an error (nothing is sent) if it cannot be written as JSON.
    pub(crate) fn json(value: &impl Serialize) -> Result<Body, Error> {
        serde_json::to_vec(value).map(Body).map_err(|e| {
            Error::Setup(format!(
                "a request's body could not be written as JSON: {e}"
            ))
        })
    }
}

/// The transport half of the client.
pub(crate) struct Http {
    http: reqwest::Client,
    base: Url,
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
        let base = parse_base(&config.base_url)?;
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

    /// The API root, as logs and messages show it (without credentials).
    pub(crate) fn shown_base(&self) -> String {
        shown(&self.base)
    }

    /// The API root every route extends.
    pub(crate) fn base(&self) -> &Url {
        &self.base
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
        not_githubs_json(body, &serde_json::from_slice::<Json>(body).unwrap_err())
    }

    #[test]
    fn an_answer_that_is_not_json_is_not_githubs_and_the_parser_is_not_quoted() {
        let page = told(b"\n<!DOCTYPE html><html></html>");
        assert!(
            page.starts_with("the answer was not GitHub's JSON (it looks like a web page)"),
            "{page}"
        );
        assert!(!page.contains("line 1"), "{page}");
        assert!(told(b"").contains("(it is empty)"));
        assert!(told(b"hello").contains("(it is not JSON)"));
        let e = serde_json::from_str::<crate::types::Secret>("{\"name\": \"A\"}").unwrap_err();
        assert_eq!(
            not_githubs_json(b"", &e),
            "the answer was JSON, but not of the shape GitHub's API gives (missing field `created_at`)"
        );
    }
}
