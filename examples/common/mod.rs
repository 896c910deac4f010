//! Shared by the examples: building the provider binary next to the running example.

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
