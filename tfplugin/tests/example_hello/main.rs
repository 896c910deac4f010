//! The example provider (`examples/hello/`) with a real Terraform: cargo builds it, a
//! `dev_overrides` CLI configuration points `example/hello` at it, and Terraform drives each
//! kind of type it serves. Each test asserts what Terraform shows the user and what reached
//! the provider (its log lines, at `TF_LOG_PROVIDER=INFO`):
//!
//! - `resources.rs`: plan, apply, re-plan and destroy a `hello_greeting`; upgrade states of
//!   its schema version 0 (JSON and flatmap);
//! - `moves.rs` (Terraform 1.8+): a `moved` block from `hello_salutation`, and one from a type
//!   the resource does not take;
//! - `functions.rs` (Terraform 1.8+): `provider::hello::greet`, its variadic names and its
//!   error on one of them;
//! - `ephemeral.rs` (Terraform 1.10+): `hello_token` opened, renewed and closed, its value
//!   used and never stored;
//! - `actions.rs` (Terraform 1.14+): `hello_shout` invoked with `-invoke` and by an
//!   `action_trigger`, its progress shown as it comes; its plan check and validators.
//!
//! Terraform comes from `$TERRAFORM`, then `PATH`, then /usr/local/bin/terraform; missing,
//! the tests fail. A test whose feature the version lacks says `NOT RUN` and why.

mod actions;
mod ephemeral;
mod functions;
mod harness;
mod moves;
mod resources;
