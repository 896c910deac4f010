//! Help for a provider's tests: which Terraform CLI to run and its version (and a test's
//! visible `NOT RUN` when that version lacks what it needs), an example built for it to
//! run (`build_example`), the provider's lines in a
//! Terraform log, the go-plugin handshake's
//! cookie (to start the provider binary as Terraform does), the declared validators run as
//! the server runs them, every event of a list resource at once, an action's progress and
//! outcome at once, and, with the
//! `test-clients` feature, the go-plugin services' gRPC clients for tests that talk to the
//! provider binary itself.

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::action::{self, Action, ActionRequest};
use crate::cty::Value;
use crate::diagnostic::{Diagnostics, Outcome};
use crate::list::{self, ListEvent, ListRequest, ListResource};
use crate::schema::{self, Block};
pub use crate::serve::{MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE};

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

/// A Terraform CLI's version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[non_exhaustive]
pub struct TerraformVersion {
    /// E.g. 1.
    pub major: u32,
    /// E.g. 11.
    pub minor: u32,
    /// E.g. 4.
    pub patch: u32,
}

impl TerraformVersion {
    /// The version of the CLI at `cli`, as `terraform version -json` reports it.
    pub fn of(cli: &Path) -> Result<Self, String> {
        let out = Command::new(cli)
            .args(["version", "-json"])
            .env("CHECKPOINT_DISABLE", "1")
            .output()
            .map_err(|e| format!("{} could not be started: {e}", cli.display()))?;
        let json: serde_json::Value = serde_json::from_slice(&out.stdout)
            .map_err(|e| format!("`{} version -json` did not print JSON: {e}", cli.display()))?;
        let text = json["terraform_version"].as_str().unwrap_or_default();
        let mut parts = text
            .split(|c: char| !c.is_ascii_digit())
            .map(|p| p.parse::<u32>().ok());
        match (parts.next(), parts.next(), parts.next()) {
            (Some(Some(major)), Some(Some(minor)), Some(Some(patch))) if major >= 1 => {
                Ok(TerraformVersion {
                    major,
                    minor,
                    patch,
                })
            }
            _ => Err(format!("unreadable Terraform version {text:?}")),
        }
    }

    /// True when this version is at least `major.minor`. Otherwise writes, where cargo's
    /// output capture does not hide it, that `test` did not run (`NOT RUN: <test> needs
    /// Terraform >= 1.14, found 1.11.4`), so a test that returns early never passes
    /// silently.
    pub fn at_least(&self, major: u32, minor: u32, test: &str) -> bool {
        if (self.major, self.minor) >= (major, minor) {
            return true;
        }
        use std::io::Write;
        let line = format!("NOT RUN: {test} needs Terraform >= {major}.{minor}, found {self}");
        let _ = writeln!(std::io::stderr(), "{line}");
        false
    }
}

impl fmt::Display for TerraformVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// Builds the example `name` of the package whose manifest is `manifest` (with the cargo
/// running the tests, `$CARGO`) and answers its binary's path as cargo reports it, so that
/// the same test works in a workspace, in a packaged crate and under any
/// `CARGO_TARGET_DIR`. For a provider's tests of an example provider, or of a stand-in for
/// another provider.
pub fn build_example(manifest: &Path, name: &str) -> Result<PathBuf, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .arg("build")
        .arg("--manifest-path")
        .arg(manifest)
        .args([
            "--example",
            name,
            "--message-format=json-render-diagnostics",
        ])
        .output()
        .map_err(|e| format!("cargo could not be started: {e}"))?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .find(|m| {
            m["reason"] == "compiler-artifact"
                && m["target"]["name"] == name
                && m["target"]["kind"][0] == "example"
        })
        .and_then(|m| m["executable"].as_str().map(PathBuf::from))
        .ok_or_else(|| format!("cargo reported no executable for the example `{name}`"))
}

/// The lines of a Terraform log (`TF_LOG_PATH`) that the provider binary `binary` (e.g.
/// `terraform-provider-hello`) logged with exactly `message`. Terraform rewrites each hclog
/// JSON line a provider writes as
/// `TIMESTAMP [LEVEL] provider.BINARY: MESSAGE: key=value key="a b"`.
pub fn provider_log_lines<'a>(log: &'a str, binary: &str, message: &str) -> Vec<&'a str> {
    let marker = format!("provider.{binary}: {message}: ");
    log.lines().filter(|l| l.contains(&marker)).collect()
}

/// The value of field `key` on a line [`provider_log_lines`] found, unquoted.
pub fn log_field(line: &str, key: &str) -> Option<String> {
    let start = line.find(&format!(" {key}="))? + key.len() + 2;
    let rest = &line[start..];
    match rest.strip_prefix('"') {
        Some(quoted) => quoted.split('"').next().map(str::to_string),
        None => rest.split_whitespace().next().map(str::to_string),
    }
}

/// Every validator declared in `block`, at every depth, run against `config` (a value of
/// the block) as the server runs them before a type's own check.
pub fn validate_block(block: &Block, config: &Value) -> Diagnostics {
    schema::validate_block(block, config)
}

/// Runs `list` for `req` with the sink the server would give it (taking at most the
/// request's limit), and gathers every event it sends.
pub async fn collect_list(list: &dyn ListResource, req: ListRequest) -> Vec<ListEvent> {
    list::collect(list, req).await
}

/// Invokes `action` for `req` with the sink the server would give it, and answers every
/// progress message it sent, in order, and its outcome.
pub async fn invoke_action(
    action: &dyn Action,
    req: ActionRequest,
) -> (Vec<String>, Outcome<Diagnostics>) {
    action::collect(action, req).await
}

/// The gRPC clients of go-plugin's own services (health; controller, stdio and broker),
/// for a test that starts the provider binary as Terraform would and talks to it. They
/// bring tonic and prost into the API, hence the feature.
#[cfg(feature = "test-clients")]
pub mod goplugin {
    pub use crate::proto::{health, plugin};
}
