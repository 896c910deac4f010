//! `codespaces_repository_secret` and the repository data sources through a real Terraform
//! against github-emulator: each value mode arrives sealed with the repository's own key
//! (boxes opened by the emulator), a second plan is empty, the value updates in place,
//! another spelling of the same repository changes nothing in GitHub while another
//! repository replaces the secret, drift is planned as an update, imports by command, block
//! (integrations/github's `REPOSITORY/NAME` too) and identity, `terraform query` with
//! generated configuration, destroy.

use crate::common;
use crate::common::{emulator, value_modes, Tf, ORG};
use github_emulator::{Emulator, Home};

const PUT: &str = "PUT /repos/{owner}/{repo}/codespaces/secrets/{secret_name}";

fn api() -> Home {
    Home::repo(ORG, "api")
}

fn web() -> Home {
    Home::repo(ORG, "web")
}

fn sealed_for(emu: &Emulator, home: Home, text: &[u8]) -> (String, String) {
    let (key_id, key) = emu.public_key(home).unwrap();
    (github_client::crypto::seal(&key, text).unwrap(), key_id)
}

fn secrets(emu: &Emulator, home: Home) -> Vec<(String, Vec<u8>)> {
    emu.secrets(home)
        .into_iter()
        .map(|s| (s.name, s.plaintext))
        .collect()
}

/// The three value modes in two repositories (one named `NAME`, one `OWNER/NAME`), with the
/// repository data sources; `sealed` is a value sealed for `acme/web` and its key's ID.
fn config(sealed: &(String, String), db: &str, api_repository: &str, wo_version: u32) -> String {
    let args = |which: &str| match which {
        "plain" => {
            format!("  repository = \"{api_repository}\"\n  secret_name = \"db_password\"\n")
        }
        "wo" => "  repository = \"acme/web\"\n  secret_name = \"API_TOKEN\"\n".to_string(),
        _ => "  repository = \"acme/web\"\n  secret_name = \"SIGNING_KEY\"\n".to_string(),
    };
    let modes = value_modes("codespaces_repository_secret", args, db, wo_version, sealed);
    format!(
        r#"{modes}
data "codespaces_repository_public_key" "web" {{
  repository = "acme/web"
}}
data "codespaces_repository_secrets" "web" {{
  repository = "web"
  depends_on = [codespaces_repository_secret.wo, codespaces_repository_secret.sealed]
}}
output "key_id" {{
  value = data.codespaces_repository_public_key.web.key_id
}}
output "names" {{
  value = data.codespaces_repository_secrets.web.secrets[*].name
}}
"#
    )
}

#[test]
fn each_value_mode_arrives_updates_in_place_drift_is_repaired_and_destroy_removes() {
    let emu = emulator();
    let tf = Tf::against(&emu).env("TF_VAR_token", "write-only value");
    let sealed = sealed_for(&emu, web(), b"sealed elsewhere");
    tf.config(&config(&sealed, "one", "api", 1));
    tf.apply();
    assert_eq!(
        secrets(&emu, api()),
        [("DB_PASSWORD".to_string(), b"one".to_vec())]
    );
    assert_eq!(
        secrets(&emu, web()),
        [
            ("API_TOKEN".to_string(), b"write-only value".to_vec()),
            ("SIGNING_KEY".to_string(), b"sealed elsewhere".to_vec())
        ]
    );
    assert!(
        emu.secrets(ORG).is_empty(),
        "nothing reached the organization"
    );
    let plain = tf.resource("codespaces_repository_secret.plain");
    assert_eq!(
        (plain["id"].as_str(), plain["repository"].as_str()),
        (Some("DB_PASSWORD"), Some("api"))
    );
    assert_eq!(plain["key_id"], emu.public_key(api()).unwrap().0);
    assert!(!tf.state_text().contains("write-only value"));
    let outputs = tf.outputs();
    assert_eq!(outputs["key_id"], emu.public_key(web()).unwrap().0);
    assert_eq!(
        outputs["names"],
        serde_json::json!(["API_TOKEN", "SIGNING_KEY"])
    );

    // No change: an empty plan, nothing written.
    emu.reset_counts();
    assert!(!tf.plan_changes().0);
    assert_eq!(emu.writes(), 0);

    // The value and the write-only version: in place, not recreated.
    let created = emu.secret(api(), "DB_PASSWORD").unwrap().created_at;
    tf.config(&config(&sealed, "two", "api", 2));
    let (changes, plan) = tf.plan_changes();
    assert!(
        changes && plan.stdout.contains("2 to change, 0 to destroy"),
        "{}",
        plan.stdout
    );
    tf.apply();
    let s = emu.secret(api(), "DB_PASSWORD").unwrap();
    assert_eq!(
        (s.plaintext.as_slice(), s.created_at),
        (&b"two"[..], created)
    );
    assert_eq!(emu.secret(web(), "API_TOKEN").unwrap().put_count, 2);

    // Another spelling of the same repository changes nothing in GitHub.
    emu.reset_counts();
    tf.config(&config(&sealed, "two", "ACME/api", 2));
    let plan = tf.plan_says("0 to add, 1 to change, 0 to destroy");
    assert!(!plan.stdout.contains("replace"), "{}", plan.stdout);
    tf.apply();
    assert_eq!(emu.count(PUT), 0, "a new spelling sends nothing");
    assert!(!tf.plan_changes().0);

    // Drift: a value changed outside Terraform is planned as an update and sent again.
    assert!(emu.put_secret_outside(api(), "DB_PASSWORD", b"changed", "", &[]));
    tf.plan_says("0 to add, 1 to change, 0 to destroy");
    tf.apply();
    assert_eq!(emu.secret(api(), "DB_PASSWORD").unwrap().plaintext, b"two");
    assert!(!tf.plan_changes().0);

    // A replacement asked for recreates the secret the state holds (its name is not taken).
    tf.ok(&[
        "apply",
        "-auto-approve",
        "-no-color",
        "-replace=codespaces_repository_secret.plain",
    ]);
    let replaced = emu.secret(api(), "DB_PASSWORD").unwrap();
    assert_eq!(replaced.plaintext, b"two");
    assert!(!tf.plan_changes().0);

    // Another repository replaces the secret.
    tf.config(&config(&sealed, "two", "acme/docs", 2));
    let plan = tf.plan_says("1 to add, 0 to change, 1 to destroy");
    assert!(plan.stdout.contains("must be replaced"), "{}", plan.stdout);
    tf.apply();
    assert!(emu.secrets(api()).is_empty());
    assert_eq!(
        emu.secret(Home::repo(ORG, "docs"), "DB_PASSWORD")
            .unwrap()
            .plaintext,
        b"two"
    );

    tf.ok(&["destroy", "-auto-approve", "-no-color"]);
    assert!(emu.secrets(web()).is_empty() && emu.secrets(Home::repo(ORG, "docs")).is_empty());
}

#[test]
fn imports_by_command_block_and_identity_adopt_without_a_write() {
    let emu = emulator();
    for (home, name) in [(api(), "A"), (api(), "B"), (web(), "C")] {
        emu.put_secret_outside(home, name, b"from before", "", &[]);
    }
    let tf = Tf::against(&emu);
    let resources = r#"
resource "codespaces_repository_secret" "a" {
  repository  = "acme/api"
  secret_name = "A"
  value       = "configured"
}
resource "codespaces_repository_secret" "b" {
  repository  = "api"
  secret_name = "B"
}
"#;
    tf.config(resources);
    tf.ok(&[
        "import",
        "-no-color",
        "codespaces_repository_secret.a",
        "acme/api/a",
    ]);
    // An import block with integrations/github's ID, `REPOSITORY/NAME`.
    tf.config(&format!(
        "{resources}import {{\n  to = codespaces_repository_secret.b\n  id = \"api/B\"\n}}\n"
    ));
    let plan = tf.plan_says("1 to import, 0 to add, 1 to change, 0 to destroy");
    assert!(!plan.stdout.contains("replace"), "{}", plan.stdout);
    emu.reset_counts();
    tf.apply();
    assert_eq!(emu.count(PUT), 1, "only the configured value is sent");
    assert_eq!(emu.secret(api(), "A").unwrap().plaintext, b"configured");
    assert_eq!(emu.secret(api(), "B").unwrap().plaintext, b"from before");
    assert!(!tf.plan_changes().0);

    if !common::terraform_at_least(1, 12, "imports_by_identity of codespaces_repository_secret") {
        return;
    }
    tf.config(&format!(
        r#"{resources}
import {{
  to       = codespaces_repository_secret.c
  identity = {{ owner = "acme", repository = "web", secret_name = "C" }}
}}
resource "codespaces_repository_secret" "c" {{
  repository  = "acme/web"
  secret_name = "C"
}}
"#
    ));
    emu.reset_counts();
    tf.apply();
    assert_eq!(emu.writes(), 0, "adopted without a write");
    assert_eq!(
        tf.identity("codespaces_repository_secret.c"),
        serde_json::json!({"owner": "acme", "repository": "web", "secret_name": "C"})
    );
    assert!(!tf.plan_changes().0);
}

#[test]
fn query_lists_a_repositorys_secrets_and_generates_their_configuration() {
    if !common::terraform_at_least(1, 14, "query of codespaces_repository_secret") {
        return;
    }
    let emu = emulator();
    for name in ["CI_ONE", "CI_TWO", "OTHER"] {
        emu.put_secret_outside(api(), name, b"outside", "", &[]);
    }
    emu.put_secret_outside(web(), "ELSEWHERE", b"outside", "", &[]);
    let tf = Tf::against(&emu);
    tf.config("provider \"codespaces\" {}\n");
    tf.write(
        "q.tfquery.hcl",
        "list \"codespaces_repository_secret\" \"ci\" {\n  provider = codespaces\n  config {\n    repository  = \"api\"\n    name_prefix = \"ci_\"\n  }\n}\n",
    );
    tf.ok(&["query", "-no-color", "-generate-config-out=generated.tf"]);
    let text = std::fs::read_to_string(tf.path().join("generated.tf")).unwrap();
    assert_eq!(text.matches("import {").count(), 2, "{text}");
    assert!(
        text.contains("repository       = \"acme/api\"") && text.contains("\"CI_TWO\""),
        "{text}"
    );
    assert!(
        !text.contains("OTHER") && !text.contains("ELSEWHERE"),
        "{text}"
    );
    emu.reset_counts();
    tf.plan_says("2 to import, 0 to add, 0 to change, 0 to destroy");
    tf.apply();
    assert_eq!(emu.writes(), 0);
    assert!(!tf.plan_changes().0);
}
