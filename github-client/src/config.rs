//! How to reach GitHub: [`ClientConfig`], with the API root, the credentials, the bounds of
//! retries and rate-limit waits, the pacing budget and the caps on what a server may send,
//! each with its default.

use std::time::Duration;

use crate::credentials::Credentials;
use crate::headers::DEFAULT_USER_AGENT;
use crate::retry::{
    DEFAULT_BACKOFF_BASE, DEFAULT_MAX_RETRIES, DEFAULT_RETRY_DEADLINE, DEFAULT_SECONDARY_BACKOFFS,
};

/// The largest body read by default: 8 MiB. GitHub's largest answers here are pages of 100
/// repositories, well under 1 MiB.
pub const DEFAULT_MAX_BODY: usize = 8 << 20;

/// The most pages one listing reads by default: 300 pages of 100 items, 30,000 secrets or
/// repositories. A listing that long still fits in one minute of GitHub's secondary limit
/// (900 GETs a minute per endpoint) and spends 6 % of the hourly budget (5,000 requests), so
/// a list that never ends costs seconds, not an hour.
pub const DEFAULT_MAX_PAGES: u32 = 300;

/// A budget of points per window on each endpoint (GitHub's secondary limit).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EndpointBudget {
    /// Points per window (GitHub: 900).
    pub points: u32,
    /// The window (GitHub: a minute).
    pub window: Duration,
}

impl Default for EndpointBudget {
    fn default() -> Self {
        EndpointBudget {
            points: 900,
            window: Duration::from_secs(60),
        }
    }
}

/// How to reach GitHub, and as whom.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// API root, e.g. `https://api.github.com` or `https://HOST/api/v3`.
    pub base_url: String,
    /// Who the client is; the transport never reads them, it asks the client for each
    /// call's bearer.
    pub credentials: Credentials,
    /// The User-Agent of every request (GitHub refuses requests without one).
    pub user_agent: String,
    /// Retries of server errors (5xx) and network failures; rate-limit waits do not count.
    pub max_retries: u32,
    /// The longest single wait for a rate limit before failing instead.
    pub max_rate_limit_wait: Duration,
    /// The backoff unit: the step before retry `n` is this doubled `n` times (twice this
    /// before the first retry), capped at 10 s, each wait drawn below its step (full jitter).
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
    /// The API at `base_url`, called with `credentials`; every other setting at its
    /// default (10 retries within two minutes a call, rate-limit waits up to a minute,
    /// GitHub's secondary limit, 8 MiB answers, 300 pages a listing).
    pub fn new(base_url: impl Into<String>, credentials: Credentials) -> Self {
        ClientConfig {
            base_url: base_url.into(),
            credentials,
            user_agent: DEFAULT_USER_AGENT.to_string(),
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
