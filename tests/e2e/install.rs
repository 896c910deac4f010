//! Installing for real use: `--install` puts the binary in Terraform's implicit local mirror,
//! and `terraform init` then resolves the provider offline and writes a lock file. Also a
//! GitHub Enterprise Server style `base_url` (`https://HOST/api/v3`), served by the
//! emulator under the same path prefix.

use std::process::Command;

use crate::common::{provider_binary, terraform, Run, Tf, ORG, REQUIRED, TOKEN};
use github_emulator::{Emulator, EmulatorConfig};

#[test]
fn install_then_terraform_init_resolves_offline_and_locks() {
    let home = tempfile::tempdir().unwrap();
    let out = Command::new(provider_binary())
        .arg("--install")
        .env("HOME", home.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let version = env!("CARGO_PKG_VERSION");
    let work = tempfile::tempdir().unwrap();
    let cli = work.path().join("empty.tfrc");
    std::fs::write(
        &cli,
        "# no provider_installation block: the implicit local mirror applies\n",
    )
    .unwrap();
    let config = REQUIRED.replace(
        "source = \"codespaces-tools/codespaces\"",
        &format!("source  = \"codespaces-tools/codespaces\"\n      version = \"{version}\""),
    );
    std::fs::write(
        work.path().join("main.tf"),
        format!("{config}\nprovider \"codespaces\" {{}}\n"),
    )
    .unwrap();
    let init = Command::new(terraform())
        .args(["init", "-input=false", "-no-color"])
        .current_dir(work.path())
        .env("HOME", home.path())
        .env("TF_CLI_CONFIG_FILE", &cli)
        .env("CHECKPOINT_DISABLE", "1")
        .env_remove("TF_PLUGIN_CACHE_DIR")
        .output()
        .unwrap();
    let init = Run::from(init);
    let text = init.text();
    assert!(init.ok(), "{text}");
    assert!(
        text.contains(&format!("Installed codespaces-tools/codespaces v{version}")),
        "{text}"
    );
    let lock = std::fs::read_to_string(work.path().join(".terraform.lock.hcl")).unwrap();
    assert!(
        lock.contains("registry.terraform.io/codespaces-tools/codespaces")
            && lock.contains(version),
        "{lock}"
    );
}

#[test]
fn a_base_url_with_an_api_prefix_works_like_github_enterprise_server() {
    let emu = Emulator::start(EmulatorConfig {
        path_prefix: "/api/v3".into(),
        ..EmulatorConfig::default()
    })
    .unwrap();
    assert!(emu.base_url().ends_with("/api/v3"));
    let tf = Tf::new().env("GITHUB_TOKEN", TOKEN);
    tf.config(&format!(
        "provider \"codespaces\" {{\n  owner    = \"{ORG}\"\n  base_url = \"{}\"\n}}\nresource \"codespaces_org_secret\" \"s\" {{\n  secret_name = \"GHES\"\n  value = \"enterprise\"\n  visibility = \"all\"\n}}\n",
        emu.base_url()
    ));
    tf.apply();
    assert_eq!(emu.secret(ORG, "GHES").unwrap().plaintext, b"enterprise");
    assert!(emu
        .requests()
        .iter()
        .all(|r| r.path.starts_with("/api/v3/")));
    assert!(!tf.plan_changes().0);
}
