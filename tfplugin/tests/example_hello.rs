//! The example provider works with a real Terraform: cargo builds `examples/hello.rs`, a
//! `dev_overrides` CLI configuration points `example/hello` at it, and Terraform plans,
//! applies, re-plans (no change) and destroys a `hello_greeting`. Terraform comes from
//! `$TERRAFORM`, then `PATH`, then /usr/local/bin/terraform; missing, the test fails.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn terraform() -> PathBuf {
    tfplugin::testing::terraform_cli()
        .expect("terraform not found ($TERRAFORM, $PATH, /usr/local/bin/terraform)")
}

/// Builds the example and answers the path of its binary.
fn build_example() -> PathBuf {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args([
            "build",
            "-p",
            "tfplugin",
            "--example",
            "hello",
            "--message-format=short",
        ])
        .output()
        .expect("cargo could not be started");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"));
    target.join("debug/examples/hello")
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

#[test]
fn terraform_plans_and_applies_the_example_provider() {
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
    std::fs::write(
        dir.path().join("main.tf"),
        "terraform {\n  required_providers {\n    hello = { source = \"example/hello\" }\n  }\n}\n\n\
         resource \"hello_greeting\" \"world\" {\n  name = \"World\"\n}\n\n\
         output \"greeting\" {\n  value = hello_greeting.world.greeting\n}\n",
    )
    .unwrap();
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
