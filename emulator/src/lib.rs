//! github-emulator: a faithful local stand-in for GitHub's Codespaces secrets REST API, in
//! every scope (organization, repository, and the token's user), for trying configurations
//! offline and for every end-to-end test.
//!
//! It answers as GitHub does (status codes, JSON shapes, case-insensitive names returned
//! upper-case, pagination with `Link` and `total_count`, rate-limit headers, ETags, the
//! grants-cleared-on-PUT quirk, 403 to a GitHub App on user secrets), holds a key pair per
//! home (each organization, repository and user) so tests can read the values that
//! arrived, logs and tallies requests by route, switches faults and GitHub's secondary and
//! content-creation limits on per test, down to a hostile server's misbehaviour
//! (redirects, huge bodies, looping `next` links, dropped connections), and holds answers
//! back when a test asks. [`Emulator::start`] serves on its own thread, so plain `#[test]`
//! functions can drive a blocking `terraform` against it.
//!
//! # The test-facing API, by task
//!
//! - Set up: [`EmulatorConfig`] (organizations and their seeded repositories; the user the
//!   tokens belong to, a member of every organization, and its repositories; full and
//!   `repo`-only tokens), [`Emulator::add_repository`], [`Emulator::add_user`] with a
//!   [`UserSpec`], [`Emulator::app`] / [`Emulator::register_app`] for GitHub Apps.
//! - Name a secret's home with [`Home`]: `Home::org("acme")` (or just `"acme"`),
//!   `Home::repo("acme", "api")`, `Home::user("octocat")` ([`Emulator::user`] is the
//!   config's user).
//! - Read what arrived: [`Emulator::secret`] / [`Emulator::secrets`] give a
//!   [`SecretSnapshot`] (value opened with the home's own key, `updated_at`, grants, PUT
//!   count), [`Emulator::public_key`], [`Emulator::repositories`].
//! - Change things outside Terraform: [`Emulator::put_secret_outside`],
//!   [`Emulator::delete_secret_outside`], [`Emulator::add_repository_outside`],
//!   [`Emulator::remove_repository_outside`], [`Emulator::rotate_public_key`].
//! - Count: [`Emulator::count`], [`Emulator::requests`] ([`RequestRecord`], with the limit
//!   that refused each, [`RefusedBy`]), [`Emulator::tally`] ([`RouteTally`] per route:
//!   requests, writes, refusals), [`Emulator::writes`], [`Emulator::fault_stats`].
//! - Break things: [`Emulator::set_faults`] with [`Faults`] (5xx before or after the write,
//!   429/403 with `Retry-After`, lag, latency, hostile answers, [`SecondaryLimits`],
//!   [`ContentCreation`]), [`Emulator::hold_answers`].
//!
//! # Layers
//!
//! From the bottom: `sync`, `config`, `home`, `requests`, `hostile`, `limits`, `faults`,
//! `hold`, `tokens`, `apps` (the App registry), `state` (the world and GitHub's rules),
//! `json`, `reply`, `shared`, `auth`, `gate`, `routes`, `emulator` (the test-facing API).
//! Each module uses only modules below it.

#![recursion_limit = "256"]

mod apps;
mod auth;
mod config;
mod emulator;
mod faults;
mod gate;
mod hold;
mod home;
mod hostile;
mod json;
mod limits;
mod recorder;
mod reply;
mod requests;
mod routes;
mod shared;
mod state;
mod sync;
mod tokens;

pub use apps::{AppInfo, AppSpec};
pub use config::{EmulatorConfig, EmulatorError, UserSpec};
pub use emulator::{Emulator, RepoSnapshot, SecretSnapshot};
pub use faults::{FaultStats, Faults};
pub use home::Home;
pub use hostile::{BadNext, Redirect};
pub use limits::{ContentCreation, SecondaryLimits};
pub use recorder::Recorder;
pub use requests::{RefusedBy, RequestRecord, RouteTally};
pub use shared::RATE_LIMIT;
