//! The example provider works with a real Terraform: cargo builds `examples/hello.rs`, a
//! `dev_overrides` CLI configuration points `example/hello` at it, and Terraform plans,
//! applies, re-plans (no change) and destroys a `hello_greeting`, and upgrades states the
//! provider's schema version 0 wrote (as JSON and as a legacy flatmap). Terraform comes
//! from `$TERRAFORM`, then `PATH`, then /usr/local/bin/terraform; missing, the test fails.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn terraform() -> PathBuf {
    tfplugin::testing::terraform_cli()
        .expect("terraform not found ($TERRAFORM, $PATH, /usr/local/bin/terraform)")
}

/// Builds the example and answers the path of its binary, as cargo reports it: the same
/// in the workspace, in the packaged crate unpacked anywhere, and under any
/// `CARGO_TARGET_DIR`.
fn build_example() -> PathBuf {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
    let out = Command::new(cargo)
        .arg("build")
        .arg("--manifest-path")
        .arg(&manifest)
        .args([
            "--example",
            "hello",
            "--message-format=json-render-diagnostics",
        ])
        .output()
        .expect("cargo could not be started");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .find(|m| {
            m["reason"] == "compiler-artifact"
                && m["target"]["name"] == "hello"
                && m["target"]["kind"][0] == "example"
        })
        .and_then(|m| m["executable"].as_str().map(PathBuf::from))
        .expect("cargo reported no executable for the example `hello`")
}

fn run(dir: &Path, args: &[&str]) -> Output {
    let out = Command::new(terraform())
        .args(args)
        .current_dir(dir)
        .env("TF_CLI_CONFIG_FILE", dir.join("cli.tfrc"))
        .env("TF_IN_AUTOMATION", "1")
        .env("CHECKPOINT_DISABLE", "1")
        .env_remove("TF_LOG")
        .output()
        .expect("terraform could not be started");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "terraform {args:?} failed:\n{text}");
    out
}

/// A folder where Terraform runs the example provider, with `main_tf` as configuration.
fn workspace(main_tf: &str) -> tempfile::TempDir {
    let binary = build_example();
    let dir = tempfile::tempdir().unwrap();
    let plugins = dir.path().join("plugins");
    std::fs::create_dir(&plugins).unwrap();
    std::fs::copy(&binary, plugins.join("terraform-provider-hello")).unwrap();
    std::fs::write(
        dir.path().join("cli.tfrc"),
        format!(
            "provider_installation {{\n  dev_overrides {{\n    \"example/hello\" = {:?}\n  }}\n  direct {{}}\n}}\n",
            plugins.display().to_string()
        ),
    )
    .unwrap();
    let required = "terraform {\n  required_providers {\n    hello = { source = \"example/hello\" }\n  }\n}\n\n";
    std::fs::write(dir.path().join("main.tf"), format!("{required}{main_tf}")).unwrap();
    dir
}

#[test]
fn terraform_plans_and_applies_the_example_provider() {
    let dir = workspace(
        "resource \"hello_greeting\" \"world\" {\n  name = \"World\"\n}\n\n\
         output \"greeting\" {\n  value = hello_greeting.world.greeting\n}\n",
    );
    let plan = run(dir.path(), &["plan", "-no-color", "-input=false"]);
    assert!(String::from_utf8_lossy(&plan.stdout).contains("1 to add"));
    run(
        dir.path(),
        &["apply", "-auto-approve", "-no-color", "-input=false"],
    );
    let out = run(dir.path(), &["output", "-raw", "greeting"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "Hello, World!");
    let again = run(
        dir.path(),
        &["plan", "-detailed-exitcode", "-no-color", "-input=false"],
    );
    assert_eq!(
        again.status.code(),
        Some(0),
        "a second plan finds no change"
    );
    run(
        dir.path(),
        &["destroy", "-auto-approve", "-no-color", "-input=false"],
    );
}

/// A resource instance as Terraform's state file (format 4) keeps it, at schema version 0.
fn v0_instance(name: &str, attributes: &str) -> String {
    format!(
        r#"{{"mode":"managed","type":"hello_greeting","name":"{name}","provider":"provider[\"registry.terraform.io/example/hello\"]","instances":[{{"schema_version":0,{attributes},"sensitive_attributes":[]}}]}}"#
    )
}

#[test]
fn terraform_upgrades_states_of_schema_version_0() {
    let dir = workspace(
        "resource \"hello_greeting\" \"json\" {\n  name = \"Json\"\n}\n\n\
         resource \"hello_greeting\" \"flat\" {\n  name = \"Flat\"\n}\n",
    );
    // Version 0 called the greeting `text`; Terraform 0.11 stored states as flatmaps.
    let json = v0_instance(
        "json",
        r#""attributes":{"name":"Json","id":"json","text":"Hello, Json!"}"#,
    );
    let flat = v0_instance(
        "flat",
        r#""attributes_flat":{"name":"Flat","id":"flat","text":"Hello, Flat!"}"#,
    );
    std::fs::write(
        dir.path().join("terraform.tfstate"),
        format!(
            r#"{{"version":4,"terraform_version":"1.11.4","serial":1,"lineage":"0b6c7e5e-2f4d-4c7e-9a51-7d3f1c2e8a90","outputs":{{}},"resources":[{json},{flat}]}}"#
        ),
    )
    .unwrap();
    let plan = run(
        dir.path(),
        &["plan", "-detailed-exitcode", "-no-color", "-input=false"],
    );
    assert_eq!(
        plan.status.code(),
        Some(0),
        "the upgraded states match the configuration"
    );
    run(
        dir.path(),
        &[
            "apply",
            "-refresh-only",
            "-auto-approve",
            "-no-color",
            "-input=false",
        ],
    );
    let state: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("terraform.tfstate")).unwrap())
            .unwrap();
    for (name, greeting) in [("json", "Hello, Json!"), ("flat", "Hello, Flat!")] {
        let resources = state["resources"].as_array().unwrap();
        let resource = resources.iter().find(|r| r["name"] == name).unwrap();
        let instance = &resource["instances"][0];
        assert_eq!(instance["schema_version"], 1, "{instance}");
        assert_eq!(instance["attributes"]["greeting"], greeting, "{instance}");
        assert!(instance["attributes"].get("text").is_none(), "{instance}");
    }
}
