//! Shared by the examples: building the provider binary next to the running example, finding
//! terraform, and the CLI configuration that points terraform at the built provider.
// Each example uses part of this module.
#![allow(dead_code)]

use std::error::Error;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Builds `terraform-provider-codespaces` with the profile this example was built with and
/// answers the directory holding it. An example runs from `<target>/<profile>/examples/`, so
/// the provider lands in `<target>/<profile>/`.
pub fn build_provider(root: &Path) -> Result<PathBuf, Box<dyn Error>> {
    let exe = std::env::current_exe()?;
    let dir = exe
        .parent()
        .and_then(Path::parent)
        .ok_or("cannot locate the target directory")?;
    let mut args = vec!["build", "--bin", "terraform-provider-codespaces"];
    if is_release() {
        args.push("--release");
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    if !Command::new(cargo)
        .args(&args)
        .current_dir(root)
        .status()?
        .success()
    {
        return Err("cargo build failed".into());
    }
    if !dir.join("terraform-provider-codespaces").exists() {
        return Err("the provider binary was not built where expected".into());
    }
    Ok(dir.to_path_buf())
}

/// Whether the example (and so the provider it builds) is an optimized build.
pub fn is_release() -> bool {
    std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.parent()?.file_name()? == "release"))
        .unwrap_or(false)
}

/// A Terraform CLI configuration whose `dev_overrides` point at `provider_dir`.
pub fn cli_config_text(provider_dir: &Path) -> String {
    format!(
        "provider_installation {{\n  dev_overrides {{\n    \"registry.terraform.io/codespaces-tools/codespaces\" = {:?}\n  }}\n  direct {{}}\n}}\n",
        provider_dir.display().to_string()
    )
}

/// `$TERRAFORM`, else `terraform` in /usr/local/bin or on `PATH`.
pub fn find_terraform() -> Result<PathBuf, Box<dyn Error>> {
    if let Ok(path) = std::env::var("TERRAFORM") {
        return Ok(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    let candidates =
        std::env::split_paths(&path).chain(std::iter::once(PathBuf::from("/usr/local/bin")));
    for dir in candidates {
        let path = dir.join("terraform");
        if path.is_file() {
            return Ok(path);
        }
    }
    Err("terraform was not found (looked at $TERRAFORM, $PATH and /usr/local/bin); install Terraform 1.11 or later".into())
}
