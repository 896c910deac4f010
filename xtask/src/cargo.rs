//! What dist asks cargo: the provider's version and the target directory (`cargo metadata`,
//! which honours `CARGO_TARGET_DIR`), and building the provider binary, whose path is read
//! from cargo's own JSON messages rather than guessed.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::{DistError, PACKAGE};

/// The workspace root: the directory above this crate.
pub fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// The cargo that runs us (`$CARGO`), else the first `cargo` on `PATH`.
pub fn cargo() -> OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into())
}

/// What `cargo metadata` says about the workspace.
#[derive(Debug, Clone)]
pub struct Metadata {
    /// The provider package's version, e.g. `0.1.0`.
    pub version: String,
    /// The target directory (`CARGO_TARGET_DIR` when set).
    pub target_dir: PathBuf,
}

/// Reads the provider's version and the target directory.
pub fn metadata() -> Result<Metadata, DistError> {
    let out = run(Command::new(cargo()).args(["metadata", "--format-version", "1", "--no-deps"]))?;
    let meta: Value = serde_json::from_slice(&out).map_err(|source| DistError::Json {
        path: "cargo metadata".into(),
        source,
    })?;
    let version = meta["packages"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["name"] == PACKAGE))
        .and_then(|p| p["version"].as_str())
        .ok_or_else(|| DistError::Cargo(format!("no package {PACKAGE} in the workspace")))?;
    let target_dir = meta["target_directory"]
        .as_str()
        .ok_or_else(|| DistError::Cargo("cargo metadata gave no target_directory".into()))?;
    Ok(Metadata {
        version: version.to_string(),
        target_dir: PathBuf::from(target_dir),
    })
}

/// Builds the provider binary (`--release` when `release`, for `target` when given) and
/// answers its path.
pub fn build_provider(release: bool, target: Option<&str>) -> Result<PathBuf, DistError> {
    let mut cmd = Command::new(cargo());
    cmd.args([
        "build",
        "--package",
        PACKAGE,
        "--bin",
        PACKAGE,
        "--message-format=json-render-diagnostics",
    ]);
    if release {
        cmd.arg("--release");
    }
    if let Some(triple) = target {
        cmd.args(["--target", triple]);
    }
    let out = run(&mut cmd).map_err(|e| match (e, target) {
        (DistError::Cargo(msg), Some(triple)) => DistError::Cargo(format!(
            "{msg}\n(building for another target needs its standard library, \
             `rustup target add {triple}`, and a linker for it)"
        )),
        (e, _) => e,
    })?;
    executable(&out).ok_or_else(|| {
        DistError::Cargo(format!("cargo build reported no executable for {PACKAGE}"))
    })
}

/// The last executable cargo reported for our binary in `--message-format=json` output.
fn executable(messages: &[u8]) -> Option<PathBuf> {
    String::from_utf8_lossy(messages)
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == PACKAGE)
        .filter_map(|m| m["executable"].as_str().map(PathBuf::from))
        .next_back()
}

/// Removes from `cmd` the variables cargo sets for the crate it runs (`cargo run`, tests).
/// Some build scripts (ring's) rerun when `CARGO_PKG_NAME` or `CARGO_MANIFEST_DIR` change, so
/// a nested build that inherits ours would rebuild the provider's dependencies, and the next
/// plain `cargo build` would rebuild them again.
pub fn without_crate_env(cmd: &mut Command) -> &mut Command {
    const PREFIXES: &[&str] = &[
        "CARGO_PKG_",
        "CARGO_MANIFEST_",
        "CARGO_CFG_",
        "CARGO_FEATURE_",
        "CARGO_BIN_EXE_",
    ];
    const NAMES: &[&str] = &[
        "CARGO_CRATE_NAME",
        "CARGO_BIN_NAME",
        "CARGO_PRIMARY_PACKAGE",
        "CARGO_TARGET_TMPDIR",
        "OUT_DIR",
    ];
    for (key, _) in std::env::vars_os() {
        let key = key.to_string_lossy();
        if PREFIXES.iter().any(|p| key.starts_with(p)) || NAMES.contains(&key.as_ref()) {
            cmd.env_remove(key.as_ref());
        }
    }
    cmd
}

/// Runs cargo in the workspace root, its diagnostics going to our stderr; answers stdout.
fn run(cmd: &mut Command) -> Result<Vec<u8>, DistError> {
    let out = without_crate_env(cmd)
        .current_dir(workspace_root())
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|source| DistError::Spawn {
            program: "cargo".into(),
            source,
        })?;
    if !out.status.success() {
        return Err(DistError::Cargo(format!(
            "{:?} failed ({})",
            cmd.get_args().collect::<Vec<_>>(),
            out.status
        )));
    }
    Ok(out.stdout)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_executable_is_read_from_cargo_messages() {
        let messages = format!(
            "{{\"reason\":\"compiler-artifact\",\"target\":{{\"name\":\"serde\"}},\"executable\":null}}\n\
             not json\n\
             {{\"reason\":\"compiler-artifact\",\"target\":{{\"name\":\"{PACKAGE}\"}},\"executable\":\"/t/release/{PACKAGE}\"}}\n\
             {{\"reason\":\"build-finished\",\"success\":true}}\n"
        );
        assert_eq!(
            executable(messages.as_bytes()),
            Some(PathBuf::from(format!("/t/release/{PACKAGE}")))
        );
        assert_eq!(executable(b"{\"reason\":\"build-finished\"}"), None);
    }

    #[test]
    fn metadata_names_the_provider_version() {
        let meta = metadata().unwrap();
        let parts: Vec<&str> = meta.version.split('.').collect();
        assert_eq!(parts.len(), 3, "{}", meta.version);
        assert!(meta.target_dir.is_absolute());
    }
}
