//! Help for a provider's end-to-end tests: which Terraform CLI to run.

use std::path::PathBuf;

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
