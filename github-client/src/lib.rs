//! A GitHub REST client for Codespaces organization secrets. It knows GitHub and nothing of
//! Terraform: a command-line tool could use it as it is.
//!
//! Its modules form five layers, and a module uses only its own layer and those below it
//! (`tests/client/layers.rs` checks every `use crate::` line):
//!
//! 1. **Basics**: errors that say what to check (`error`), the clock and the [`Sleeper`]
//!    every wait goes through (`clock`), URLs and route templates (`urls`: https or
//!    loopback only, paths that cannot climb), the headers every request carries
//!    (`request`), sealed boxes (`crypto`), GitHub's rules for secrets (`rules`) and the
//!    API's shapes (`types`).
//! 2. **Configuration**: [`ClientConfig`] and its defaults (`config`), the [`Credentials`]
//!    a caller gives (`credentials`: a token, the GitHub CLI's token, or a GitHub App with
//!    its key, `key`), and the retry budget and backoff (`retry`).
//! 3. **Credentials at work** (`auth`): the bearer of each call, from a fixed token or a
//!    JWT signed for the App's own calls, and the GitHub CLI as a source of a token.
//! 4. **Transport** (`http`): one HTTP client for every call, with retries, pacing by the
//!    secondary limits, rate-limit waits, judging answers, capped bodies, redirects, pages
//!    and the stop signal. GitHub's answers are untrusted input: bounded in size, pages
//!    and redirects.
//! 5. **Endpoints** (`client`): the typed calls and their per-process caches, and the App's
//!    installation tokens, minted and renewed through the same transport.
//!
//! Every call is logged through `tracing` (target `github_client`): at debug each request
//! (method, route template, status, attempt, duration) and each wait (how long, why); at
//! info and warn the retries, rate-limit waits, token renewals and the stop. No line holds
//! a secret value, a token, a JWT or a key.

mod clock;
pub mod crypto;
mod error;
mod request;
pub mod rules;
mod types;
mod urls;

mod config;
mod credentials;
mod key;
mod retry;

mod auth;

mod http;

pub mod client;

pub use auth::{gh_credentials, GhError};
pub use client::{Client, NextPage};
pub use clock::{Sleeper, TokioSleeper};
pub use config::{ClientConfig, EndpointBudget, DEFAULT_MAX_BODY, DEFAULT_MAX_PAGES};
pub use credentials::{AppAuth, Credentials, Installation};
pub use error::{ApiError, ApiErrorKind, AppError, Error, KeyError};
pub use http::Stats;
pub use key::AppKey;
pub use request::API_VERSION;
pub use retry::DEFAULT_MAX_RETRIES;
pub use types::{
    Grants, PublicKey, PutOutcome, PutSecret, Repository, Secret, Visibility, Written,
};
