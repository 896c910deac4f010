//! The compatibility scenarios: a compact but real set that runs on whatever Terraform it is
//! given, from 1.6 on. `cargo test --workspace` runs it with the machine's Terraform;
//! `.ci/run` runs it again on every Terraform of the matrix (`.ci/terraform --list`).
//!
//! Everything a Terraform of that age can express is run and checked at the emulator: create
//! with grants (read back by a data source), a no-change plan, an in-place update, imports,
//! destroy. Write-only values need 1.11; before that the provider itself refuses `value_wo`,
//! and that refusal is what is checked. Import by identity (1.12+) and `terraform query`
//! (1.14+) cannot even be written for an older Terraform: those tests say `NOT RUN` with the
//! version found.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};

use crate::common::{emulator, repo_id, terraform_at_least, Tf, ORG};
use github_emulator::Emulator;

fn grant(name: &str, secret: &str, id: i64) -> String {
    format!(
        "resource \"codespaces_org_secret_repository\" \"{name}\" {{\n  secret_name   = {secret}\n  repository_id = {id}\n}}\n"
    )
}

/// The secret's value, visibility and grants as the emulator holds them.
fn held(emu: &Emulator, name: &str) -> (Vec<u8>, String, Vec<i64>) {
    let s = emu
        .secret(ORG, name)
        .unwrap_or_else(|| panic!("{name} is not at the emulator"));
    (
        s.plaintext,
        s.visibility,
        s.selected_repository_ids.into_iter().collect(),
    )
}

/// A data source reading the grants once they are made, and an output of what it found.
const GRANTED: &str = r#"
data "codespaces_org_secret_repositories" "s" {
  secret_name = codespaces_org_secret.s.secret_name
  depends_on  = [codespaces_org_secret_repository.api, codespaces_org_secret_repository.web]
}

output "granted" {
  value = sort(data.codespaces_org_secret_repositories.s.repositories[*].full_name)
}
"#;

#[test]
fn a_secret_and_its_grants_are_created_planned_updated_in_place_and_destroyed() {
    let emu = emulator();
    let tf = Tf::against(&emu);
    let (api, web) = (repo_id(&emu, "api"), repo_id(&emu, "web"));
    let config = |value: &str| {
        tf.config(&format!(
            "resource \"codespaces_org_secret\" \"s\" {{\n  secret_name = \"COMPAT\"\n  value       = \"{value}\"\n  visibility  = \"selected\"\n}}\n{}{}{GRANTED}",
            grant("api", "codespaces_org_secret.s.secret_name", api),
            grant("web", "codespaces_org_secret.s.secret_name", web),
        ))
    };

    config("first value");
    tf.apply();
    assert_eq!(
        held(&emu, "COMPAT"),
        (b"first value".to_vec(), "selected".into(), vec![api, web])
    );
    let output = tf.ok(&["output", "-json", "granted"]);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&output.stdout).unwrap(),
        serde_json::json!(["acme/api", "acme/web"]),
        "the data source reads the grants"
    );

    emu.reset_counts();
    let (changes, plan) = tf.plan_changes();
    assert!(!changes, "a second plan is not empty:\n{}", plan.stdout);
    assert_eq!(emu.writes(), 0, "a plan wrote: {:?}", emu.requests());

    config("second value");
    tf.plan_says("Plan: 0 to add, 1 to change, 0 to destroy.");
    tf.apply();
    assert_eq!(
        held(&emu, "COMPAT"),
        (b"second value".to_vec(), "selected".into(), vec![api, web]),
        "the update changed the value alone"
    );
    assert!(!tf.plan_changes().0);

    tf.ok(&["destroy", "-auto-approve", "-input=false", "-no-color"]);
    assert!(emu.secrets(ORG).is_empty(), "{:?}", emu.secrets(ORG));
}

#[test]
fn a_secret_and_a_grant_made_elsewhere_are_imported_without_a_write() {
    let emu = emulator();
    let api = repo_id(&emu, "api");
    emu.put_secret_outside(ORG, "LEGACY", b"set by hand", "selected", &[api]);
    let tf = Tf::against(&emu);
    // The value stays managed elsewhere: no value argument.
    tf.config(&format!(
        "resource \"codespaces_org_secret\" \"legacy\" {{\n  secret_name = \"LEGACY\"\n  visibility  = \"selected\"\n}}\n{}\nimport {{\n  to = codespaces_org_secret_repository.api\n  id = \"LEGACY:{api}\"\n}}\n",
        grant("api", "codespaces_org_secret.legacy.secret_name", api)
    ));
    emu.reset_counts();
    // The command line's import, then an `import` block (Terraform 1.5+) in the plan.
    tf.ok(&[
        "import",
        "-input=false",
        "-no-color",
        "codespaces_org_secret.legacy",
        "LEGACY",
    ]);
    assert_eq!(
        tf.resource("codespaces_org_secret.legacy")["visibility"],
        "selected"
    );
    tf.plan_says("Plan: 1 to import, 0 to add, 0 to change, 0 to destroy.");
    tf.apply();
    assert_eq!(emu.writes(), 0, "an import wrote: {:?}", emu.requests());
    assert_eq!(
        tf.resource("codespaces_org_secret_repository.api")["id"],
        format!("LEGACY:{api}")
    );
    assert!(!tf.plan_changes().0, "imported objects plan no change");
    assert_eq!(
        held(&emu, "LEGACY"),
        (b"set by hand".to_vec(), "selected".into(), vec![api])
    );
}

#[test]
fn write_only_values_are_sent_and_kept_out_of_state_or_refused_before_terraform_1_11() {
    let emu = emulator();
    let wo = |value: &str| {
        format!(
            "resource \"codespaces_org_secret\" \"wo\" {{\n  secret_name      = \"WRITE_ONLY\"\n  value_wo         = {value}\n  value_wo_version = 1\n  visibility       = \"private\"\n}}\n"
        )
    };
    if common::terraform_version() < (1, 11, 0) {
        // Terraform before 1.11 knows nothing of write-only attributes and would keep the
        // value in plan and state: the provider refuses it, pointing at the attribute.
        let tf = Tf::against(&emu);
        tf.config(&wo("\"never stored\""));
        let plan = tf.run(&["plan", "-input=false", "-no-color"]);
        let said = plan.folded();
        assert!(
            !plan.ok()
                && said.contains("Write-only attributes are not supported by this Terraform")
                && said.contains(
                    "`value_wo` is a write-only attribute, which needs Terraform 1.11 or later"
                )
                && said.contains("use `value` instead")
                && said.contains("value_wo"),
            "no clear refusal of value_wo:\n{}",
            plan.text()
        );
        assert_eq!(emu.total_requests(), 0, "{:?}", emu.requests());
        assert!(!tf.state_text().contains("never stored"));
        return;
    }
    // From an ephemeral variable, as a plan file would otherwise hold a literal.
    let tf = Tf::against(&emu).env("TF_VAR_token", "write-only value");
    tf.config(&format!(
        "variable \"token\" {{\n  type      = string\n  sensitive = true\n  ephemeral = true\n}}\n{}",
        wo("var.token")
    ));
    tf.apply();
    assert_eq!(
        held(&emu, "WRITE_ONLY"),
        (b"write-only value".to_vec(), "private".into(), vec![])
    );
    assert!(!tf.state_text().contains("write-only value"));
    assert!(tf.resource("codespaces_org_secret.wo")["value_wo"].is_null());
    emu.reset_counts();
    assert!(!tf.plan_changes().0);
    assert_eq!(emu.writes(), 0);
}

#[test]
fn import_blocks_naming_an_identity_adopt_a_secret_and_a_grant() {
    if !terraform_at_least(1, 12, "import_blocks_naming_an_identity (compat)") {
        return;
    }
    let emu = emulator();
    let web = repo_id(&emu, "web");
    emu.put_secret_outside(ORG, "BY_IDENTITY", b"elsewhere", "selected", &[web]);
    let tf = Tf::against(&emu);
    tf.config(&format!(
        r#"import {{
  to       = codespaces_org_secret.s
  identity = {{ owner = "{ORG}", secret_name = "BY_IDENTITY" }}
}}

import {{
  to       = codespaces_org_secret_repository.web
  identity = {{ owner = "{ORG}", secret_name = "BY_IDENTITY", repository_id = {web} }}
}}

resource "codespaces_org_secret" "s" {{
  secret_name = "BY_IDENTITY"
  visibility  = "selected"
}}
{}"#,
        grant("web", "codespaces_org_secret.s.secret_name", web)
    ));
    emu.reset_counts();
    tf.plan_says("Plan: 2 to import, 0 to add, 0 to change, 0 to destroy.");
    tf.apply();
    assert_eq!(emu.writes(), 0, "{:?}", emu.requests());
    assert!(!tf.plan_changes().0);
    assert_eq!(
        tf.resource("codespaces_org_secret_repository.web")["id"],
        format!("BY_IDENTITY:{web}")
    );
}

/// What an organization holds for the query example: secrets the example's broad lists find
/// and its narrower ones would find again (a private `CI_` secret, `DEPLOY_KEY`'s grants),
/// and some they would not. Answers every secret and every grant.
fn seed_for_the_query_example(emu: &Emulator) -> (BTreeSet<String>, BTreeSet<(String, i64)>) {
    let (api, web, docs) = (
        repo_id(emu, "api"),
        repo_id(emu, "web"),
        repo_id(emu, "docs"),
    );
    let seeded: [(&str, &str, &[i64]); 5] = [
        ("CI_TOKEN", "private", &[]),
        ("CI_SHARED", "all", &[]),
        ("DEPLOY_KEY", "selected", &[api, web]),
        ("NPM_TOKEN", "selected", &[docs]),
        ("SENTRY_DSN", "all", &[]),
    ];
    let mut secrets = BTreeSet::new();
    let mut grants = BTreeSet::new();
    for (name, visibility, ids) in seeded {
        emu.put_secret_outside(ORG, name, b"made by hand", visibility, ids);
        secrets.insert(name.to_string());
        grants.extend(ids.iter().map(|id| (name.to_string(), *id)));
    }
    (secrets, grants)
}

/// How many `import` blocks of `generated` name each object, keyed by resource type, secret
/// name and (for a grant) repository id.
fn imports(generated: &str) -> BTreeMap<(String, String, Option<i64>), usize> {
    let mut found = BTreeMap::new();
    for block in generated.split("import {").skip(1) {
        let block = block.split("\n}\n").next().unwrap_or_default();
        let field = |key: &str| {
            block.lines().find_map(|l| {
                let (k, v) = l.trim().split_once('=')?;
                (k.trim() == key).then(|| v.trim().trim_matches('"').to_string())
            })
        };
        let to = field("to").unwrap_or_default();
        let key = (
            to.split('.').next().unwrap_or_default().to_string(),
            field("secret_name").unwrap_or_default(),
            field("repository_id").and_then(|id| id.parse().ok()),
        );
        *found.entry(key).or_insert(0) += 1;
    }
    found
}

#[test]
fn the_shipped_query_example_generates_each_secret_and_grant_once() {
    if !terraform_at_least(1, 14, "the_shipped_query_example (compat)") {
        return;
    }
    let emu = emulator();
    let (secrets, grants) = seed_for_the_query_example(&emu);
    let tf = Tf::against(&emu);
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/query");
    for file in ["main.tf", "adopt.tfquery.hcl"] {
        tf.write(
            file,
            &std::fs::read_to_string(example.join(file)).expect("examples/query"),
        );
    }
    let query = tf.ok(&["query", "-no-color", "-generate-config-out=generated.tf"]);
    let generated = std::fs::read_to_string(tf.path().join("generated.tf")).unwrap_or_default();
    let mut expected: BTreeMap<_, usize> = secrets
        .iter()
        .map(|s| (("codespaces_org_secret".into(), s.clone(), None), 1))
        .collect();
    expected.extend(grants.iter().map(|(s, id)| {
        (
            (
                "codespaces_org_secret_repository".into(),
                s.clone(),
                Some(*id),
            ),
            1,
        )
    }));
    assert_eq!(
        imports(&generated),
        expected,
        "each secret and grant is imported exactly once\n{}\n{generated}",
        query.stdout
    );

    let count = secrets.len() + grants.len();
    tf.plan_says(&format!(
        "Plan: {count} to import, 0 to add, 0 to change, 0 to destroy."
    ));
    emu.reset_counts();
    tf.apply();
    assert_eq!(emu.writes(), 0, "{:?}", emu.requests());
    assert!(!tf.plan_changes().0);
}
