//! Help for a provider's tests: which Terraform CLI to run, every event of a list resource
//! ([`crate::list::collect`], re-exported here), and, with the `test-clients` feature, the
//! go-plugin services' gRPC clients for tests that talk to the provider binary itself.

use std::path::PathBuf;

pub use crate::list::collect as collect_list;

/// The Terraform CLI a test should run: `$TERRAFORM`, else the first `terraform` on `PATH`,
/// else /usr/local/bin/terraform; `None` when there is none.
pub fn terraform_cli() -> Option<PathBuf> {
    std::env::var_os("TERRAFORM")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
                .map(|d| d.join("terraform"))
                .find(|p| p.is_file())
        })
        .or_else(|| Some(PathBuf::from("/usr/local/bin/terraform")).filter(|p| p.is_file()))
}

/// The gRPC clients of go-plugin's own services (health; controller, stdio and broker),
/// for a test that starts the provider binary as Terraform would and talks to it. They
/// bring tonic and prost into the API, hence the feature.
#[cfg(feature = "test-clients")]
pub mod goplugin {
    pub use crate::proto::{health, plugin};
}
