//! terraform-provider-codespaces: a Terraform provider for GitHub Codespaces secrets.
//!
//! Three layers, arrows pointing one way: `tfplugin` (Terraform's plugin protocol, knows no
//! GitHub), `github_client` (the REST client, knows no Terraform), and [`provider`] (the
//! only place that knows both). See `ARCHITECTURE.md` at the repository root. Each crate's
//! items have one path: this crate re-exports neither of the other two.

pub mod install;
pub mod provider;
