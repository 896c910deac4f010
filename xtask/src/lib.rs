//! Release tasks for terraform-provider-codespaces, run as `cargo xtask dist`: build the
//! release binary, then write the files the Terraform Registry and provider mirrors expect.
//! Each step is a library function so the tests can package any binary into any directory.
//!
//! - [`platform`]: Rust target triples and Terraform's `OS_ARCH` names.
//! - [`cargo`]: the package version, the target directory and the built binary, from cargo.
//! - [`archive`]: the registry zip holding the binary with its executable bits.
//! - [`hash`]: SHA-256 and Terraform's `h1:` package hash.
//! - [`release`]: `SHA256SUMS` and the registry manifest.
//! - [`sign`]: the detached GPG signature of `SHA256SUMS`.
//! - [`mirror`]: the provider mirror tree (`terraform providers mirror` layout).
//! - [`dist`]: the whole task, step by step.

pub mod archive;
pub mod cargo;
pub mod dist;
pub mod error;
pub mod hash;
pub mod mirror;
pub mod platform;
pub mod release;
pub mod sign;

pub use error::DistError;

/// The provider's cargo package and binary name, also the prefix of every release file.
pub const PACKAGE: &str = "terraform-provider-codespaces";

/// The provider's source address, as `required_providers` and the mirror tree spell it.
pub const ADDRESS: &str = "registry.terraform.io/codespaces-tools/codespaces";

/// The plugin protocol versions the provider speaks, for the registry manifest.
pub const PROTOCOL_VERSIONS: &[&str] = &["5.0"];
