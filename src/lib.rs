//! terraform-provider-codespaces: a Terraform provider for GitHub Codespaces organization
//! secrets.
//!
//! Three layers, arrows pointing one way: [`tfplugin`] (Terraform's plugin protocol, knows no
//! GitHub), `github_client` (the REST client, knows no Terraform), and [`provider`] (the
//! only place that knows both). See `ARCHITECTURE.md` at the repository root.

pub use tfplugin::docs;
pub mod install;
pub mod provider;
pub use tfplugin;
