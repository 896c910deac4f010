//! A GitHub REST client for Codespaces secrets. It knows GitHub and nothing of Terraform:
//! a command-line tool could use it as it is. It is transport plus endpoints: it keeps
//! nothing from one call to the next, so what to reuse (a public key, a listing) is its
//! caller's policy.
//!
//! A secret's home is named once ([`SecretHome`]), and every endpoint of secrets is a route
//! of its home. Each public item has one path: the crate root, or the `crypto` and `rules`
//! modules for sealing values and GitHub's rules for secrets.
//!
//! Its modules form five layers, and a module uses only its own layer and those below it
//! (the workspace's layer test reads every `crate::` path of every file to check it):
//!
//! 1. **Basics**: errors that say what to check (`error`), the clock, the [`Sleeper`] every
//!    wait goes through and why a wait is made (`clock`), URLs, routes and the base-URL
//!    policy (`urls`: https or loopback only, paths that cannot climb), the headers every
//!    request carries (`headers`), sealed boxes (`crypto`), GitHub's rules for secrets
//!    (`rules`), the API's shapes (`types`) and where a secret lives (`home`).
//! 2. **Configuration**: [`ClientConfig`] and its defaults (`config`), the [`Credentials`]
//!    a caller gives (`credentials`: a token, the GitHub CLI's token, or a GitHub App with
//!    its key, `key`), and the retry budget and backoff (`retry`).
//! 3. **Credentials at work** (`auth`): the bearer of each call, from a fixed token or a
//!    JWT signed for the App's own calls, and the GitHub CLI as a source of a token.
//! 4. **Transport** (`http`): one HTTP client for every call, with retries, pacing by the
//!    secondary limits, rate-limit waits, judging answers, capped bodies, redirects, pages
//!    and the stop signal. GitHub's answers are untrusted input: bounded in size, pages
//!    and redirects. Refused credentials, or a host that never answered, end the run after
//!    one request: later calls get the same error at once.
//! 5. **Endpoints** (`client`): the typed calls, and the App's installation tokens, minted
//!    and renewed through the same transport.
//!
//! Every call is logged through `tracing` (target `github_client`): at debug each request
//! (method, route template, status, attempt, duration) and each wait (how long, why); at
//! info and warn the retries, rate-limit waits, token renewals and the stop. No line holds
//! a secret value, a token, a JWT or a key.

mod clock;
pub mod crypto;
mod error;
mod headers;
mod home;
pub mod rules;
mod types;
mod urls;

mod config;
mod credentials;
mod key;
mod retry;

mod auth;

mod http;

mod client;

pub use auth::{gh_credentials, GhError};
pub use client::{Client, NextPage};
pub use clock::{Sleeper, TokioSleeper, Wait};
pub use config::{ClientConfig, EndpointBudget, DEFAULT_MAX_BODY, DEFAULT_MAX_PAGES};
pub use credentials::{AppAuth, Credentials, Installation};
pub use error::{
    ApiError, ApiErrorKind, AppError, BaseUrlProblem, Caller, Error, KeyError, Request,
};
pub use headers::API_VERSION;
pub use home::SecretHome;
pub use http::Stats;
pub use key::AppKey;
pub use retry::DEFAULT_MAX_RETRIES;
pub use types::{
    Grants, PublicKey, PutOutcome, Repository, Secret, SecretValue, Visibility, Written,
};
pub use urls::check_base_url;
