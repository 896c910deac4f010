//! `codespaces_org_secret` through a real Terraform against github-emulator: creation with
//! each kind of value (boxes opened by the emulator), empty second plans, in-place updates,
//! drift repaired, write-only values kept out of state, destroy.

use crate::common::{emulator, repo_id, Tf, ORG};
use base64::Engine;

const PUT_SECRET: &str = "PUT /orgs/{org}/codespaces/secrets/{secret_name}";
const SET_REPOS: &str = "PUT /orgs/{org}/codespaces/secrets/{secret_name}/repositories";

fn sealed_for(emu: &github_emulator::Emulator, text: &[u8]) -> (String, String) {
    let (key_id, key) = emu.public_key(ORG).unwrap();
    (github_client::crypto::seal(&key, text).unwrap(), key_id)
}

#[test]
fn each_kind_of_value_arrives_sealed_and_a_second_plan_is_empty() {
    let emu = emulator();
    // Write-only values come from ephemeral variables: a plan file embeds the configuration's
    // source, so a literal would be in it whatever the provider does.
    let tf = Tf::against(&emu).env("TF_VAR_api_token", "write-only value");
    let (box_b64, key_id) = sealed_for(&emu, b"sealed elsewhere");
    tf.config(&format!(
        r#"
variable "api_token" {{
  type      = string
  sensitive = true
  ephemeral = true
}}
resource "codespaces_org_secret" "plain" {{
  secret_name = "db_password"
  value       = "plain value"
  visibility  = "all"
}}
resource "codespaces_org_secret" "wo" {{
  secret_name      = "API_TOKEN"
  value_wo         = var.api_token
  value_wo_version = 1
  visibility       = "private"
}}
resource "codespaces_org_secret" "sealed" {{
  secret_name     = "SIGNING_KEY"
  encrypted_value = "{box_b64}"
  key_id          = "{key_id}"
  visibility      = "all"
}}
"#
    ));
    tf.apply();
    assert_eq!(
        emu.secret(ORG, "DB_PASSWORD").unwrap().plaintext,
        b"plain value"
    );
    assert_eq!(
        emu.secret(ORG, "API_TOKEN").unwrap().plaintext,
        b"write-only value"
    );
    assert_eq!(emu.secret(ORG, "API_TOKEN").unwrap().visibility, "private");
    assert_eq!(
        emu.secret(ORG, "SIGNING_KEY").unwrap().plaintext,
        b"sealed elsewhere"
    );

    let plain = tf.resource("codespaces_org_secret.plain");
    assert_eq!(
        plain["secret_name"], "db_password",
        "the user's spelling is kept"
    );
    assert_eq!(plain["id"], "DB_PASSWORD");
    assert_eq!(plain["key_id"], key_id);
    assert!(plain["updated_at"]
        .as_str()
        .is_some_and(|t| t.ends_with('Z')));

    let state = tf.state_text();
    assert!(
        !state.contains("write-only value"),
        "a write-only value reached the state"
    );
    assert!(tf.resource("codespaces_org_secret.wo")["value_wo"].is_null());

    emu.reset_counts();
    let (changes, plan) = tf.plan_changes();
    assert!(!changes, "second plan not empty:\n{}", plan.stdout);
    assert_eq!(emu.writes(), 0);

    let saved = tf.run(&["plan", "-out=plan.bin", "-no-color"]);
    assert!(saved.ok());
    let shown = tf.ok(&["show", "-json", "plan.bin"]);
    assert!(
        !shown.stdout.contains("write-only value"),
        "a write-only value reached the plan file"
    );
    let raw = std::fs::read(tf.path().join("plan.bin")).unwrap();
    assert!(!raw.windows(16).any(|w| w == b"write-only value"));
}

#[test]
fn everything_but_the_name_updates_in_place() {
    let emu = emulator();
    let tf = Tf::against(&emu);
    let (api, web, docs) = (
        repo_id(&emu, "api"),
        repo_id(&emu, "web"),
        repo_id(&emu, "docs"),
    );
    let write = |value: &str, visibility: &str, ids: &str| {
        let ids_line = if ids.is_empty() {
            String::new()
        } else {
            format!("  selected_repository_ids = [{ids}]\n")
        };
        tf.config(&format!(
            "resource \"codespaces_org_secret\" \"s\" {{\n  secret_name = \"DB\"\n  value = \"{value}\"\n  visibility = \"{visibility}\"\n{ids_line}}}\n"
        ));
    };
    write("one", "selected", &format!("{api}"));
    tf.apply();
    let created = emu.secret(ORG, "DB").unwrap();
    assert_eq!(
        created
            .selected_repository_ids
            .iter()
            .copied()
            .collect::<Vec<_>>(),
        [api]
    );

    // Repository ids: through the repositories endpoint, value not sent again.
    emu.reset_counts();
    write("one", "selected", &format!("{api}, {web}, {docs}"));
    let (changes, plan) = tf.plan_changes();
    assert!(
        changes && plan.stdout.contains("update in-place") && !plan.stdout.contains("replaced"),
        "{}",
        plan.stdout
    );
    tf.apply();
    assert_eq!(
        emu.count(PUT_SECRET),
        0,
        "ids alone must not re-send the value"
    );
    assert_eq!(emu.count(SET_REPOS), 1);
    assert_eq!(
        emu.secret(ORG, "DB").unwrap().selected_repository_ids.len(),
        3
    );

    // Value: in place, grants kept.
    emu.reset_counts();
    write("two", "selected", &format!("{api}, {web}, {docs}"));
    let apply = tf.apply();
    assert!(
        apply.stdout.contains("1 changed, 0 destroyed"),
        "{}",
        apply.stdout
    );
    let s = emu.secret(ORG, "DB").unwrap();
    assert_eq!(
        (s.plaintext.as_slice(), s.selected_repository_ids.len()),
        (&b"two"[..], 3)
    );
    assert_eq!(s.created_at, created.created_at, "not recreated");

    // Visibility: in place.
    write("two", "private", "");
    tf.apply();
    assert_eq!(emu.secret(ORG, "DB").unwrap().visibility, "private");
    assert!(!tf.plan_changes().0);

    // Name: replaced.
    tf.config("resource \"codespaces_org_secret\" \"s\" {\n  secret_name = \"DB2\"\n  value = \"two\"\n  visibility = \"private\"\n}\n");
    let (_, plan) = tf.plan_changes();
    assert!(plan.stdout.contains("must be replaced"), "{}", plan.stdout);
    tf.apply();
    assert!(emu.secret(ORG, "DB").is_none() && emu.secret(ORG, "DB2").is_some());
}

#[test]
fn write_only_values_are_sent_again_when_their_version_changes() {
    let emu = emulator();
    let tf = Tf::against(&emu);
    let cfg = |value: &str, version: u32| {
        format!("resource \"codespaces_org_secret\" \"s\" {{\n  secret_name = \"WO\"\n  value_wo = \"{value}\"\n  value_wo_version = {version}\n  visibility = \"all\"\n}}\n")
    };
    tf.config(&cfg("first", 1));
    tf.apply();
    tf.config(&cfg("second", 1));
    assert!(
        !tf.plan_changes().0,
        "without a version bump Terraform cannot see the change"
    );
    tf.config(&cfg("second", 2));
    tf.apply();
    assert_eq!(emu.secret(ORG, "WO").unwrap().plaintext, b"second");
    assert!(!tf.state_text().contains("second\""));
}

#[test]
fn a_case_only_difference_is_no_change() {
    let emu = emulator();
    let tf = Tf::against(&emu);
    tf.config("resource \"codespaces_org_secret\" \"s\" {\n  secret_name = \"db_password\"\n  value = \"v\"\n  visibility = \"all\"\n}\n");
    tf.apply();
    assert!(!tf.plan_changes().0);
    tf.config("resource \"codespaces_org_secret\" \"s\" {\n  secret_name = \"DB_PASSWORD\"\n  value = \"v\"\n  visibility = \"all\"\n}\n");
    let (_, plan) = tf.plan_changes();
    assert!(!plan.stdout.contains("replaced"), "{}", plan.stdout);
    emu.reset_counts();
    tf.apply();
    assert_eq!(emu.writes(), 0, "renaming by case alone writes nothing");
}

#[test]
fn drift_is_detected_and_repaired_for_every_kind_of_value() {
    let emu = emulator();
    let tf = Tf::against(&emu);
    let (box_b64, key_id) = sealed_for(&emu, b"sealed");
    tf.config(&format!(
        r#"
resource "codespaces_org_secret" "plain" {{
  secret_name = "PLAIN"
  value       = "configured"
  visibility  = "all"
}}
resource "codespaces_org_secret" "wo" {{
  secret_name = "WO"
  value_wo    = "configured-wo"
  visibility  = "all"
}}
resource "codespaces_org_secret" "sealed" {{
  secret_name     = "SEALED"
  encrypted_value = "{box_b64}"
  key_id          = "{key_id}"
  visibility      = "all"
}}
"#
    ));
    tf.apply();
    for name in ["PLAIN", "WO", "SEALED"] {
        emu.put_secret_outside(ORG, name, b"changed by hand", "all", &[]);
    }
    let (changes, plan) = tf.plan_changes();
    assert!(changes, "{}", plan.stdout);
    assert!(
        plan.stdout.contains("3 to change, 0 to destroy"),
        "{}",
        plan.stdout
    );
    tf.apply();
    assert_eq!(emu.secret(ORG, "PLAIN").unwrap().plaintext, b"configured");
    assert_eq!(emu.secret(ORG, "WO").unwrap().plaintext, b"configured-wo");
    assert_eq!(emu.secret(ORG, "SEALED").unwrap().plaintext, b"sealed");
    assert!(!tf.plan_changes().0, "repaired: the next plan is empty");
}

#[test]
fn a_secret_deleted_outside_is_planned_again_and_destroy_removes_everything() {
    let emu = emulator();
    let tf = Tf::against(&emu);
    tf.config("resource \"codespaces_org_secret\" \"a\" {\n  secret_name = \"A\"\n  value = \"v\"\n  visibility = \"all\"\n}\nresource \"codespaces_org_secret\" \"b\" {\n  secret_name = \"B\"\n  value = \"v\"\n  visibility = \"all\"\n}\n");
    tf.apply();
    assert!(emu.delete_secret_outside(ORG, "A"));
    tf.plan_says("1 to add");
    tf.apply();
    assert!(emu.secret(ORG, "A").is_some());
    tf.ok(&["destroy", "-auto-approve", "-no-color"]);
    assert!(emu.secrets(ORG).is_empty());
}

#[test]
fn creating_over_an_existing_secret_is_refused_and_changes_nothing() {
    let emu = emulator();
    emu.put_secret_outside(ORG, "THEIRS", b"keep me", "all", &[]);
    let tf = Tf::against(&emu);
    tf.config("resource \"codespaces_org_secret\" \"s\" {\n  secret_name = \"theirs\"\n  value = \"mine\"\n  visibility = \"all\"\n}\n");
    let r = tf.run(&["apply", "-auto-approve", "-no-color"]);
    assert!(!r.ok());
    assert!(
        r.text().contains("already exists") && r.text().contains("import"),
        "{}",
        r.text()
    );
    assert_eq!(emu.secret(ORG, "THEIRS").unwrap().plaintext, b"keep me");
}

#[test]
fn grants_made_outside_survive_a_value_update_when_ids_are_unmanaged() {
    let emu = emulator();
    let tf = Tf::against(&emu);
    let cfg = |v: &str| {
        format!("resource \"codespaces_org_secret\" \"s\" {{\n  secret_name = \"SEL\"\n  value = \"{v}\"\n  visibility = \"selected\"\n}}\n")
    };
    tf.config(&cfg("one"));
    tf.apply();
    let (api, web) = (repo_id(&emu, "api"), repo_id(&emu, "web"));
    emu.put_secret_outside(ORG, "SEL", b"one", "selected", &[api, web]);
    tf.config(&cfg("two"));
    tf.apply();
    let s = emu.secret(ORG, "SEL").unwrap();
    assert_eq!(s.plaintext, b"two");
    assert_eq!(
        s.selected_repository_ids.into_iter().collect::<Vec<_>>(),
        [api, web]
    );
}

#[test]
fn sealed_values_need_their_key_and_are_refused_by_github_when_wrong() {
    let emu = emulator();
    let tf = Tf::against(&emu);
    let garbage = base64::engine::general_purpose::STANDARD.encode([7u8; 80]);
    let (_, key_id) = sealed_for(&emu, b"x");
    tf.config(&format!("resource \"codespaces_org_secret\" \"s\" {{\n  secret_name = \"BAD\"\n  encrypted_value = \"{garbage}\"\n  key_id = \"{key_id}\"\n  visibility = \"all\"\n}}\n"));
    let r = tf.run(&["apply", "-auto-approve", "-no-color"]);
    assert!(!r.ok());
    let text = r.text();
    assert!(
        text.contains("422") && text.contains("could not be decrypted"),
        "{text}"
    );
    assert!(emu.secret(ORG, "BAD").is_none());
}

#[test]
fn create_tolerates_githubs_read_after_write_lag() {
    let emu = emulator();
    emu.set_faults(github_emulator::Faults {
        read_after_write_lag: 2,
        ..Default::default()
    });
    let tf = Tf::against(&emu);
    tf.config("resource \"codespaces_org_secret\" \"s\" {\n  secret_name = \"LAGGY\"\n  value = \"v\"\n  visibility = \"all\"\n}\n");
    tf.apply();
    assert!(tf.resource("codespaces_org_secret.s")["created_at"]
        .as_str()
        .is_some_and(|t| !t.is_empty()));
    assert_eq!(
        emu.count("GET /orgs/{org}/codespaces/secrets/{secret_name}"),
        3,
        "two 404s, then the secret"
    );
    assert!(!tf.plan_changes().0);
}
