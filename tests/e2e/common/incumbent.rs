//! integrations/github in the tests of `moved` blocks: the stand-in that serves its schemas
//! (the example `github_stand_in`, built once and installed for Terraform as
//! `terraform-provider-github`), and its states as users have them: every attribute of its
//! schema, the values in clear in `plaintext_value` (or as given in `encrypted_value`), the
//! other one stored as `""`, timestamps as Go prints them, and SDKv2's private data.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde_json::{json, Value};

pub use terraform_provider_codespaces::provider::incumbent::ADDRESS;

/// The folder holding the stand-in as `terraform-provider-github` (a link to the binary
/// cargo built, so a test run never overwrites a binary another one is running).
pub fn stand_in_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
        let binary = tfplugin::testing::build_example(&manifest, "github_stand_in")
            .unwrap_or_else(|e| panic!("the integrations/github stand-in did not build: {e}"));
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("github-stand-in");
        std::fs::create_dir_all(&dir).unwrap();
        let link = dir.join("terraform-provider-github");
        if std::fs::read_link(&link).ok() != Some(binary.clone()) {
            let fresh = dir.join(format!("link-{}", std::process::id()));
            let _ = std::fs::remove_file(&fresh);
            std::os::unix::fs::symlink(&binary, &fresh).unwrap();
            std::fs::rename(&fresh, &link).unwrap();
        }
        dir
    })
}

/// The `required_providers` block of a configuration migrating from integrations/github:
/// both providers, as the migration guide shows.
pub const REQUIRED_BOTH: &str = r#"terraform {
  required_providers {
    codespaces = {
      source = "codespaces-tools/codespaces"
    }
    github = {
      source = "integrations/github"
    }
  }
}
"#;

/// A GitHub timestamp (`2024-05-02T10:30:00Z`) as integrations/github stores it (Go's
/// `time.Time.String()`: `2024-05-02 10:30:00 +0000 UTC`).
pub fn go_time(rfc3339: &str) -> String {
    let utc = rfc3339.strip_suffix('Z').expect("GitHub's times are UTC");
    format!("{} +0000 UTC", utc.replace('T', " "))
}

/// One instance of integrations/github's `type_name` named `name`, with `attributes`.
pub struct Instance {
    pub type_name: &'static str,
    pub name: &'static str,
    pub attributes: Value,
}

/// A state file (format 4) holding `instances`, each as integrations/github stores it: its
/// schema version 0, its sensitive attributes marked, SDKv2's private data.
pub fn state_file(instances: &[Instance]) -> String {
    let sensitive = |attrs: &Value| -> Vec<Value> {
        ["encrypted_value", "plaintext_value"]
            .into_iter()
            .filter(|name| attrs.get(*name).is_some())
            .map(|name| json!([{ "type": "get_attr", "value": name }]))
            .collect()
    };
    let resources: Vec<Value> = instances
        .iter()
        .map(|i| {
            json!({
                "mode": "managed",
                "type": i.type_name,
                "name": i.name,
                "provider": format!("provider[\"{ADDRESS}\"]"),
                "instances": [{
                    "schema_version": 0,
                    "attributes": i.attributes,
                    "sensitive_attributes": sensitive(&i.attributes),
                    // {"schema_version":"0"}, as SDKv2 writes it.
                    "private": "eyJzY2hlbWFfdmVyc2lvbiI6IjAifQ==",
                }],
            })
        })
        .collect();
    json!({
        "version": 4,
        "terraform_version": "1.11.4",
        "serial": 7,
        "lineage": "6f1c1a52-3d0e-4c55-8e7b-1b9a3c2d4e5f",
        "outputs": {},
        "resources": resources,
    })
    .to_string()
}
