//! The client against the emulator, in one binary: the endpoints and caches, failures and
//! hostile servers, retries and limits, GitHub App tokens, sealed boxes opened by libsodium,
//! and the crate's layering. Two tests keep binaries of their own because they need the whole
//! process: `github_proxy` sets proxy variables in the environment, and `hostile_body`
//! measures the process's peak memory.

mod common;

mod app_auth_client;
mod client;
mod dependencies;
mod failures;
mod hostile;
mod libsodium_interop;
mod resilience;
mod scopes;
