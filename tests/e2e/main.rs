//! The provider's integration suite, in one test binary so its helpers (`common`) are
//! compiled once and linked once: the end-to-end tests that drive a real `terraform` against
//! the emulator (one module per feature, `compat` for the scenarios every Terraform of the
//! matrix runs), the quickstart, the rendered docs, the binary as go-plugin sees it
//! (`protocol`), the list resources through the provider's traits, secrets kept out of
//! `Debug` and logs, and the workflows' lint.
//!
//! `cargo test --test e2e MODULE::` runs one module, e.g. `cargo test --test e2e compat::`.

mod common;

mod adopt;
mod app_auth;
mod compat;
mod crash_recovery;
mod debug;
mod docs;
mod duplicate_names;
mod functions;
mod grant_batches;
mod grant_of_missing_secret;
mod grants_import;
mod hostile;
mod install;
mod interrupt;
mod layers;
mod lists;
mod logs;
mod migration;
mod one_error;
mod org_secret;
mod plan_checks;
mod protocol;
mod provider;
mod quickstart;
mod replacement;
mod repository_secret;
mod resilience;
mod scopes;
mod secrets_out_of_debug;
mod token_and_key_id;
mod unknown_settings;
mod user_secret;
mod validation_budget;
mod value_action;
mod value_elsewhere;
mod workflows;
