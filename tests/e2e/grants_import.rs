//! `codespaces_org_secret_repository`, imports (CLI, `import` blocks, generated config) and
//! the data sources, through a real Terraform against github-emulator.

use crate::common::{emulator, repo_id, Tf, ORG};

const SECRET: &str = r#"
resource "codespaces_org_secret" "s" {
  secret_name = "DEPLOY_KEY"
  value       = "v1"
  visibility  = "selected"
}
"#;

fn grant(name: &str, id: i64) -> String {
    format!("resource \"codespaces_org_secret_repository\" \"{name}\" {{\n  secret_name   = codespaces_org_secret.s.secret_name\n  repository_id = {id}\n}}\n")
}

#[test]
fn grants_are_added_kept_across_value_updates_restored_and_removed() {
    let emu = emulator();
    let tf = Tf::against(&emu);
    let (api, web) = (repo_id(&emu, "api"), repo_id(&emu, "web"));
    tf.config(&format!(
        "{SECRET}{}{}",
        grant("api", api),
        grant("web", web)
    ));
    tf.apply();
    let ids = |emu: &github_emulator::Emulator| {
        emu.secret(ORG, "DEPLOY_KEY")
            .unwrap()
            .selected_repository_ids
            .into_iter()
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&emu), [api, web]);
    assert_eq!(
        tf.resource("codespaces_org_secret_repository.api")["id"],
        format!("DEPLOY_KEY:{api}")
    );
    assert!(!tf.plan_changes().0);

    // A value update keeps the grants (GitHub would clear them on a PUT without ids).
    tf.config(&format!(
        "{}{}{}",
        SECRET.replace("v1", "v2"),
        grant("api", api),
        grant("web", web)
    ));
    tf.apply();
    assert_eq!(emu.secret(ORG, "DEPLOY_KEY").unwrap().plaintext, b"v2");
    assert_eq!(ids(&emu), [api, web]);
    assert!(!tf.plan_changes().0);

    // A grant removed outside Terraform is planned back.
    assert!(emu.remove_repository_outside(ORG, "DEPLOY_KEY", web));
    tf.plan_says("1 to add");
    tf.apply();
    assert_eq!(ids(&emu), [api, web]);

    // Removing a grant from the config removes it from GitHub.
    tf.config(&format!(
        "{}{}",
        SECRET.replace("v1", "v2"),
        grant("api", api)
    ));
    tf.apply();
    assert_eq!(ids(&emu), [api]);
    tf.ok(&["destroy", "-auto-approve", "-no-color"]);
    assert!(emu.secrets(ORG).is_empty());
}

#[test]
fn a_grant_on_a_secret_that_is_not_selected_says_so() {
    let emu = emulator();
    let tf = Tf::against(&emu);
    tf.config(&format!(
        "{}{}",
        SECRET.replace("\"selected\"", "\"all\""),
        grant("api", repo_id(&emu, "api"))
    ));
    let r = tf.run(&["apply", "-auto-approve", "-no-color"]);
    assert!(!r.ok());
    let text = r.folded();
    assert!(
        text.contains("Repository grants need visibility \"selected\"")
            && text.contains("This plan sets the visibility of secret DEPLOY_KEY to \"all\""),
        "{text}"
    );
    assert_eq!(emu.writes(), 0, "refused at plan");
}

#[test]
fn import_by_cli_then_apply_sets_the_configured_value_in_place() {
    let emu = emulator();
    let api = repo_id(&emu, "api");
    emu.put_secret_outside(ORG, "DEPLOY_KEY", b"from before", "selected", &[api]);
    let tf = Tf::against(&emu);
    tf.config(&format!("{SECRET}{}", grant("api", api)));
    tf.ok(&[
        "import",
        "-no-color",
        "codespaces_org_secret.s",
        "deploy_key",
    ]);
    tf.ok(&[
        "import",
        "-no-color",
        "codespaces_org_secret_repository.api",
        &format!("DEPLOY_KEY:{api}"),
    ]);
    let (changes, plan) = tf.plan_changes();
    assert!(
        changes
            && plan.stdout.contains("1 to change, 0 to destroy")
            && !plan.stdout.contains("replaced"),
        "{}",
        plan.stdout
    );
    tf.apply();
    let s = emu.secret(ORG, "DEPLOY_KEY").unwrap();
    assert_eq!(
        s.plaintext, b"v1",
        "the configured value replaced the unknown one"
    );
    assert_eq!(
        s.selected_repository_ids.into_iter().collect::<Vec<_>>(),
        [api],
        "the grant survived"
    );
    assert!(!tf.plan_changes().0);
}

#[test]
fn import_blocks_work_and_bad_ids_are_explained() {
    let emu = emulator();
    let web = repo_id(&emu, "web");
    emu.put_secret_outside(ORG, "DEPLOY_KEY", b"old", "selected", &[web]);
    let tf = Tf::against(&emu);
    let imports = format!(
        "import {{\n  to = codespaces_org_secret.s\n  id = \"DEPLOY_KEY\"\n}}\nimport {{\n  to = codespaces_org_secret_repository.web\n  id = \"DEPLOY_KEY:{web}\"\n}}\n"
    );
    tf.config(&format!("{SECRET}{}{imports}", grant("web", web)));
    let apply = tf.apply();
    assert!(
        apply.stdout.contains("2 imported") || apply.stdout.contains("Import complete"),
        "{}",
        apply.stdout
    );
    assert_eq!(emu.secret(ORG, "DEPLOY_KEY").unwrap().plaintext, b"v1");

    let bad = Tf::against(&emu);
    bad.config("resource \"codespaces_org_secret_repository\" \"g\" {\n  secret_name = \"DEPLOY_KEY\"\n  repository_id = 1\n}\n");
    let r = bad.run(&[
        "import",
        "-no-color",
        "codespaces_org_secret_repository.g",
        "no-colon",
    ]);
    assert!(
        !r.ok() && r.text().contains("SECRET_NAME:REPOSITORY_ID"),
        "{}",
        r.text()
    );
    bad.config("resource \"codespaces_org_secret\" \"g\" {\n  secret_name = \"MISSING\"\n  value = \"x\"\n  visibility = \"all\"\n}\n");
    let r = bad.run(&["import", "-no-color", "codespaces_org_secret.g", "MISSING"]);
    assert!(
        !r.ok() && r.text().contains("does not exist"),
        "{}",
        r.text()
    );
}

#[test]
fn generate_config_out_writes_a_starting_point() {
    let emu = emulator();
    emu.put_secret_outside(ORG, "LEGACY", b"old", "private", &[]);
    let tf = Tf::against(&emu);
    tf.config("import {\n  to = codespaces_org_secret.legacy\n  id = \"LEGACY\"\n}\n");
    let r = tf.run(&["plan", "-no-color", "-generate-config-out=generated.tf"]);
    let generated = std::fs::read_to_string(tf.path().join("generated.tf")).unwrap_or_default();
    assert!(
        generated.contains("resource \"codespaces_org_secret\" \"legacy\""),
        "{}\n{generated}",
        r.text()
    );
    assert!(
        generated.contains("secret_name") && generated.contains("visibility"),
        "{generated}"
    );
    // The value cannot be read back from GitHub; the plan says which argument to add.
    assert!(
        r.ok() || r.text().contains("Missing secret value"),
        "{}",
        r.text()
    );
}

#[test]
fn data_sources_read_keys_secrets_grants_and_repositories() {
    let emu = emulator();
    let api = repo_id(&emu, "api");
    emu.put_secret_outside(ORG, "SHARED", b"x", "selected", &[api]);
    emu.put_secret_outside(ORG, "OPEN", b"x", "all", &[]);
    let tf = Tf::against(&emu);
    tf.config(
        r#"
data "codespaces_org_public_key" "k" {}
data "codespaces_org_secrets" "all" {}
data "codespaces_org_secret_repositories" "shared" {
  secret_name = "shared"
}
data "codespaces_repository" "by_name" {
  name = "api"
}
data "codespaces_repository" "by_full_name" {
  full_name = "acme/web"
}
output "key_id" { value = data.codespaces_org_public_key.k.key_id }
output "names" { value = data.codespaces_org_secrets.all.secrets[*].name }
output "granted" { value = data.codespaces_org_secret_repositories.shared.repositories[*].full_name }
output "api_id" { value = data.codespaces_repository.by_name.id }
output "web_private" { value = data.codespaces_repository.by_full_name.private }
"#,
    );
    tf.apply();
    let out: serde_json::Value = serde_json::from_str(&tf.ok(&["output", "-json"]).stdout).unwrap();
    assert_eq!(out["key_id"]["value"], emu.public_key(ORG).unwrap().0);
    assert_eq!(out["names"]["value"], serde_json::json!(["OPEN", "SHARED"]));
    assert_eq!(out["granted"]["value"], serde_json::json!(["acme/api"]));
    assert_eq!(out["api_id"]["value"], api);
    let web = emu
        .repositories(ORG)
        .into_iter()
        .find(|r| r.name == "web")
        .unwrap();
    assert_eq!(out["web_private"]["value"], web.private);
}
