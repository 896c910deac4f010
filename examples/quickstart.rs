//! `cargo run --example quickstart`: the provider, working, in one command.
//!
//! Builds the provider, starts `github-emulator` in-process, points a temporary Terraform CLI
//! configuration at the built binary, then runs a real `terraform apply` of
//! `examples/quickstart/main.tf`, a `terraform plan` that must show no changes, shows what
//! reached the emulator (each sealed value opened and compared with the configuration), and
//! destroys everything. Terraform's own output is shown as it runs.

use std::error::Error;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus};

use github_emulator::{Emulator, EmulatorConfig};

mod common;

const ORG: &str = "acme";
const TOKEN: &str = "quickstart-token";

/// The values `main.tf` writes, to check against what the emulator decrypted.
const EXPECTED: [(&str, &str); 4] = [
    (
        "DATABASE_URL",
        "postgres://app:quickstart@db.internal:5432/app",
    ),
    ("DEPLOY_KEY", "quickstart-deploy-key"),
    ("NPM_TOKEN", "quickstart-npm-token"),
    ("REGISTRY_URL", "https://registry.example.com"),
];

type Result<T> = std::result::Result<T, Box<dyn Error>>;

fn main() -> Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let terraform = common::find_terraform()?;
    let provider_dir = build_provider(root)?;

    let emulator = Emulator::start(EmulatorConfig {
        orgs: vec![ORG.into()],
        tokens: vec![TOKEN.into()],
        ..EmulatorConfig::default()
    })?;
    step(&format!(
        "github-emulator is serving organization {ORG:?} at {}",
        emulator.base_url()
    ));

    let work = tempfile::tempdir()?;
    let cli_config = work.path().join("terraform.rc");
    std::fs::write(&cli_config, common::cli_config_text(&provider_dir))?;
    std::fs::copy(
        root.join("examples/quickstart/main.tf"),
        work.path().join("main.tf"),
    )?;
    let tf = |args: &[&str]| -> Result<ExitStatus> {
        println!("\n$ terraform {}", args.join(" "));
        Ok(Command::new(&terraform)
            .args(args)
            .current_dir(work.path())
            .env("TF_CLI_CONFIG_FILE", &cli_config)
            .env("TF_IN_AUTOMATION", "1")
            .env("CHECKPOINT_DISABLE", "1")
            .env("GITHUB_BASE_URL", emulator.base_url())
            .env("GITHUB_TOKEN", TOKEN)
            .env("GITHUB_OWNER", ORG)
            .status()?)
    };

    step("terraform apply: create the secrets and the grant");
    check(
        tf(&["apply", "-auto-approve", "-input=false"])?.success(),
        "terraform apply failed",
    )?;
    let applied_calls = emulator.total_requests();

    step("terraform plan: a second plan must show no changes");
    emulator.reset_counts();
    let plan = tf(&["plan", "-detailed-exitcode", "-input=false"])?;
    check(plan.code() == Some(0), "the second plan is not empty")?;
    let plan_calls = emulator.total_requests();

    step("What reached the emulator");
    show_emulator(&emulator)?;
    println!("\nAPI calls: apply {applied_calls}, no-change plan {plan_calls}");

    step("terraform destroy");
    check(
        tf(&["destroy", "-auto-approve", "-input=false"])?.success(),
        "terraform destroy failed",
    )?;
    check(
        emulator.secrets(ORG).is_empty(),
        "secrets remain after destroy",
    )?;
    println!("\nThe organization has no secrets left. Quickstart complete.");
    Ok(())
}

fn show_emulator(emulator: &Emulator) -> Result<()> {
    let repos = emulator.repositories(ORG);
    let repo_name = |id: i64| {
        repos
            .iter()
            .find(|r| r.id == id)
            .map_or_else(|| id.to_string(), |r| r.full_name.clone())
    };
    let secrets = emulator.secrets(ORG);
    check(
        secrets.len() == EXPECTED.len(),
        "unexpected number of secrets",
    )?;
    for (secret, (name, value)) in secrets.iter().zip(EXPECTED) {
        let opened = secret.plaintext == value.as_bytes();
        let grants: Vec<String> = secret
            .selected_repository_ids
            .iter()
            .map(|id| repo_name(*id))
            .collect();
        println!(
            "  {:<14} visibility={:<9} repositories=[{}] sealed value opened to the configured value: {}",
            secret.name,
            secret.visibility,
            grants.join(", "),
            if opened { "yes" } else { "NO" }
        );
        check(
            secret.name == name && opened,
            "a secret does not hold its configured value",
        )?;
    }
    Ok(())
}

fn build_provider(root: &Path) -> Result<PathBuf> {
    step("Building the provider");
    common::build_provider(root)
}

fn step(text: &str) {
    println!("\n==> {text}");
}

fn check(ok: bool, message: &str) -> Result<()> {
    if ok {
        Ok(())
    } else {
        Err(message.into())
    }
}
