//! GitHub REST client for Codespaces organization secrets. Knows GitHub, nothing of
//! Terraform: credentials (`auth`: a token, a GitHub App installation, or the `gh` CLI's
//! token), the HTTP transport with retries and rate limits (`http`, `retry`, `pacing`,
//! `stop`), the typed endpoints
//! and per-process caches (`client`), sealed boxes (`crypto`), the API's shapes (`types`)
//! errors that say what to check (`error`), GitHub's rules for secrets (`rules`), and the
//! URLs it builds and shows (`urls`: https or loopback only, paths that cannot climb).
//! GitHub's answers are untrusted input: bounded in size, pages and redirects.

pub mod auth;
pub mod client;
pub mod crypto;
pub mod error;
mod headers;
pub mod http;
mod pacing;
pub mod retry;
pub mod rules;
mod stop;
pub mod types;
pub mod urls;

pub use auth::{AppAuth, AppKey, Installation};
pub use client::Client;
pub use error::{ApiError, ApiErrorKind, Error};
pub use http::{ClientConfig, Sleeper, Stats, DEFAULT_MAX_BODY, DEFAULT_MAX_PAGES};
pub use pacing::EndpointBudget;
pub use retry::DEFAULT_MAX_RETRIES;
pub use types::{
    Grants, PublicKey, PutOutcome, PutSecret, Repository, Secret, Visibility, Written,
};
