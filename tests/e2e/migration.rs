//! Coming over from integrations/github with `moved` blocks (Terraform 1.8+; these tests
//! need 1.11 for `value_wo`), against github-emulator, with the stand-in for integrations/github
//! installed (`common/incumbent.rs`) and states shaped as it stores them. For each scope, three
//! secrets move in one plan: one whose configuration gives the same value, one whose value
//! is from now on managed elsewhere (the configuration gives none), one sealed elsewhere.
//! The plan destroys and creates nothing, the apply writes nothing to GitHub (every value
//! still opens to what it was), the plaintext the old state held leaves the state when the
//! configuration no longer gives it, and the next plan is empty; new values configured
//! afterwards are sent, exactly those. A move of the incumbent's whole list of repositories
//! is refused with its advice, and that advice (a `removed` block, the IDs on the secret)
//! is followed through; a secret moved into another scope's type is refused. Once moved, the
//! state needs integrations/github no more.

use serde_json::{json, Value};

use crate::common::incumbent::{go_time, state_file, Instance, REQUIRED_BOTH};
use crate::common::scope::Scope;
use crate::common::{emulator, repo_id, terraform_at_least, Tf, ORG, REQUIRED};
use github_emulator::Emulator;

/// The three secrets of each scope: (resource name, secret name, value in GitHub).
const SECRETS: [(&str, &str, &str); 3] = [
    ("kept", "KEPT_TOKEN", "kept value"),
    ("elsewhere", "ROTATED_ELSEWHERE", "from the old state"),
    ("sealed", "SEALED_KEY", "sealed value"),
];

/// What the incumbent stored of secret `which` (a visibility and repository list for an
/// organization secret, the repository's bare name for a repository secret, the list for a
/// user secret), `kept` granted to `api`.
fn old_attributes(scope: Scope, which: &str, api: i64, sealed: &str, emu: &Emulator) -> Value {
    let (_, name, value) = SECRETS.iter().find(|s| s.0 == which).copied().unwrap();
    let snapshot = emu.secret(scope.home(emu), name).unwrap();
    let (plaintext, encrypted) = match which {
        "sealed" => ("", sealed),
        _ => (value, ""),
    };
    let ids = if which == "kept" {
        json!([api])
    } else {
        json!([])
    };
    let mut attributes = json!({
        "id": name,
        "secret_name": name,
        "plaintext_value": plaintext,
        "encrypted_value": encrypted,
        "created_at": go_time(&snapshot.created_at),
        "updated_at": go_time(&snapshot.updated_at),
    });
    let extra = match scope {
        Scope::Organization => json!({
            "visibility": if which == "kept" { "selected" } else { "private" },
            "selected_repository_ids": ids,
        }),
        Scope::Repository => json!({ "id": format!("api:{name}"), "repository": "api" }),
        Scope::User => json!({ "selected_repository_ids": ids }),
    };
    for (k, v) in extra.as_object().unwrap() {
        attributes[k] = v.clone();
    }
    attributes
}

/// The configuration after the move: `kept` gives `kept_value`, `elsewhere` gives no value
/// (or `value_wo` from `var.token`, when `pushed`), `sealed` the same sealed text.
fn config(
    scope: Scope,
    api: i64,
    sealed: &(String, String),
    kept_value: &str,
    pushed: bool,
) -> String {
    let (old_type, new_type) = (scope.incumbent_type(), scope.secret_type());
    let args = |which: &str| match (scope, which) {
        (Scope::Organization, "kept") => {
            format!("  visibility = \"selected\"\n  selected_repository_ids = [{api}]\n")
        }
        (Scope::Organization, _) => "  visibility = \"private\"\n".to_string(),
        // Another spelling of the repository the incumbent named by its bare name.
        (Scope::Repository, "elsewhere") => "  repository = \"acme/api\"\n".to_string(),
        (Scope::Repository, _) => "  repository = \"api\"\n".to_string(),
        (Scope::User, "kept") => format!("  selected_repository_ids = [{api}]\n"),
        (Scope::User, _) => String::new(),
    };
    let value = |which: &str| match which {
        "kept" => format!("  value = \"{kept_value}\"\n"),
        "elsewhere" if pushed => "  value_wo = var.token\n  value_wo_version = 1\n".to_string(),
        "elsewhere" => String::new(),
        _ => format!(
            "  encrypted_value = \"{}\"\n  key_id = \"{}\"\n",
            sealed.0, sealed.1
        ),
    };
    let mut text = format!(
        "{REQUIRED_BOTH}\nvariable \"token\" {{\n  type      = string\n  sensitive = true\n  ephemeral = true\n  default   = null\n}}\n"
    );
    for (which, name, _) in SECRETS {
        text.push_str(&format!(
            "\nresource \"{new_type}\" \"{which}\" {{\n  secret_name = \"{name}\"\n{}{}}}\n\n\
             moved {{\n  from = {old_type}.{which}\n  to   = {new_type}.{which}\n}}\n",
            args(which),
            value(which)
        ));
    }
    text
}

/// Moves the three secrets of `scope` and checks everything the module promises.
fn moves_without_a_write(scope: Scope) {
    let emu = emulator();
    let home = scope.home(&emu);
    let api = repo_id(&emu, "api");
    let (key_id, key) = emu.public_key(home.clone()).unwrap();
    let sealed_text = github_client::crypto::seal(&key, b"sealed value").unwrap();
    let sealed = (sealed_text, key_id.clone());
    for (which, name, value) in SECRETS {
        let (visibility, ids): (&str, &[i64]) = match (scope, which) {
            (Scope::Repository, _) => ("", &[]),
            (_, "kept") => ("selected", &[api]),
            (Scope::User, _) => ("selected", &[]),
            _ => ("private", &[]),
        };
        assert!(emu.put_secret_outside(home.clone(), name, value.as_bytes(), visibility, ids));
    }
    let (old_type, new_type) = (scope.incumbent_type(), scope.secret_type());
    let instances: Vec<Instance> = SECRETS
        .iter()
        .map(|(which, _, _)| Instance {
            type_name: old_type,
            name: which,
            attributes: old_attributes(scope, which, api, &sealed.0, &emu),
        })
        .collect();
    let before = emu.secrets(home.clone());
    let tf = Tf::against(&emu)
        .with_incumbent()
        .env("TF_VAR_token", "pushed value");
    tf.write("terraform.tfstate", &state_file(&instances));
    tf.write("main.tf", &config(scope, api, &sealed, "kept value", false));
    emu.reset_counts();

    // Each secret moves and none is destroyed or created: `kept` plans nothing more,
    // `elsewhere` only forgets its plaintext (for a repository secret, the repository's
    // other spelling too), `sealed` only records the configured key ID. None is a write.
    let changes = tf.planned_changes();
    for (which, expected) in [
        ("kept", "no-op"),
        ("elsewhere", "update"),
        ("sealed", "update"),
    ] {
        let address = format!("{new_type}.{which}");
        let change = changes
            .iter()
            .find(|c| c["address"] == address.as_str())
            .unwrap_or_else(|| panic!("{address} is not in the plan: {changes:#?}"));
        assert_eq!(change["previous_address"], format!("{old_type}.{which}"));
        assert_eq!(change["change"]["actions"], json!([expected]), "{address}");
    }
    assert_eq!(changes.len(), SECRETS.len(), "{changes:#?}");
    let plan = tf.plan_says("Plan: 0 to add, 2 to change, 0 to destroy.");
    let line = format!("# {old_type}.kept has moved to {new_type}.kept");
    assert!(
        plan.stdout.contains(&line),
        "{line:?} missing:\n{}",
        plan.stdout
    );
    assert_eq!(emu.writes(), 0, "planning wrote: {:?}", emu.tally());
    tf.apply();
    assert_eq!(
        emu.writes(),
        0,
        "the move wrote to GitHub: {:?}",
        emu.tally()
    );
    assert_eq!(
        emu.secrets(home.clone()),
        before,
        "values, times and grants are unchanged"
    );

    let state = tf.state_text();
    assert!(!state.contains(old_type), "{state}");
    assert!(
        !state.contains("from the old state"),
        "the forgotten plaintext is gone:\n{state}"
    );
    assert_eq!(
        tf.resource(&format!("{new_type}.kept"))["value"],
        "kept value"
    );
    assert_eq!(
        tf.resource(&format!("{new_type}.elsewhere"))["value"],
        Value::Null
    );
    let moved_sealed = tf.resource(&format!("{new_type}.sealed"));
    assert_eq!(
        moved_sealed["key_id"],
        key_id.as_str(),
        "adopted from the configuration"
    );
    for (which, _, _) in SECRETS {
        let updated_at = &tf.resource(&format!("{new_type}.{which}"))["updated_at"];
        assert!(
            updated_at.as_str().unwrap().ends_with('Z'),
            "RFC 3339: {updated_at}"
        );
    }
    let (changes, again) = tf.plan_changes();
    assert!(!changes, "the next plan is empty:\n{}", again.stdout);

    // Moved, the state names integrations/github no more: it can be uninstalled and its
    // `required_providers` entry dropped, the `moved` blocks kept.
    let without = Tf::against(&emu);
    without.write("terraform.tfstate", &tf.state_text());
    let only_ours =
        config(scope, api, &sealed, "kept value", false).replace(REQUIRED_BOTH, REQUIRED);
    without.write("main.tf", &only_ours);
    let (changes, again) = without.plan_changes();
    assert!(!changes, "without integrations/github:\n{}", again.stdout);

    // New values configured after the move are sent, exactly those.
    tf.write(
        "main.tf",
        &config(scope, api, &sealed, "new kept value", true),
    );
    emu.reset_counts();
    tf.apply();
    let opened = |name: &str| emu.secret(home.clone(), name).unwrap().plaintext;
    assert_eq!(opened("KEPT_TOKEN"), b"new kept value");
    assert_eq!(opened("ROTATED_ELSEWHERE"), b"pushed value");
    assert_eq!(opened("SEALED_KEY"), b"sealed value");
    assert_eq!(emu.writes(), 2, "one PUT per new value: {:?}", emu.tally());
    let granted = emu.secret(home.clone(), "KEPT_TOKEN").unwrap();
    if !matches!(scope, Scope::Repository) {
        assert_eq!(granted.selected_repository_ids, [api].into());
    }
    let (changes, again) = tf.plan_changes();
    assert!(!changes, "{}", again.stdout);
}

#[test]
fn organization_secrets_move_from_integrations_github_without_a_write() {
    if terraform_at_least(
        1,
        11,
        "migration::organization_secrets_move (moved, value_wo)",
    ) {
        moves_without_a_write(Scope::Organization);
    }
}

#[test]
fn repository_secrets_move_from_integrations_github_without_a_write() {
    if terraform_at_least(
        1,
        11,
        "migration::repository_secrets_move (moved, value_wo)",
    ) {
        moves_without_a_write(Scope::Repository);
    }
}

#[test]
fn user_secrets_move_from_integrations_github_without_a_write() {
    if terraform_at_least(1, 11, "migration::user_secrets_move (moved, value_wo)") {
        moves_without_a_write(Scope::User);
    }
}

#[test]
fn the_whole_list_s_move_is_refused_with_advice_that_works() {
    if !terraform_at_least(1, 8, "migration::the_whole_list_s_move (moved)") {
        return;
    }
    let emu = emulator();
    let (api, web) = (repo_id(&emu, "api"), repo_id(&emu, "web"));
    assert!(emu.put_secret_outside(ORG, "DB", b"db value", "selected", &[api, web]));
    let snapshot = emu.secret(ORG, "DB").unwrap();
    let secret = Instance {
        type_name: "github_codespaces_organization_secret",
        name: "db",
        attributes: json!({
            "id": "DB", "secret_name": "DB", "plaintext_value": "db value",
            "encrypted_value": "", "visibility": "selected",
            "selected_repository_ids": [api, web],
            "created_at": go_time(&snapshot.created_at),
            "updated_at": go_time(&snapshot.updated_at),
        }),
    };
    let list = Instance {
        type_name: "github_codespaces_organization_secret_repositories",
        name: "db",
        attributes: json!({ "id": "DB", "secret_name": "DB", "selected_repository_ids": [api, web] }),
    };
    let tf = Tf::against(&emu).with_incumbent();
    tf.write("terraform.tfstate", &state_file(&[secret, list]));
    let secret_config = format!(
        "resource \"codespaces_org_secret\" \"db\" {{\n  secret_name = \"DB\"\n  visibility  = \"selected\"\n  value       = \"db value\"\n  selected_repository_ids = [{api}, {web}]\n}}\n\n\
         moved {{\n  from = github_codespaces_organization_secret.db\n  to   = codespaces_org_secret.db\n}}\n"
    );
    tf.write(
        "main.tf",
        &format!(
            "{REQUIRED_BOTH}\n{secret_config}\nresource \"codespaces_org_secret_repository\" \"db\" {{\n  secret_name   = \"DB\"\n  repository_id = {api}\n}}\n\n\
             moved {{\n  from = github_codespaces_organization_secret_repositories.db\n  to   = codespaces_org_secret_repository.db\n}}\n"
        ),
    );
    emu.reset_counts();
    let refused = tf.run(&["plan", "-no-color", "-input=false"]);
    let folded = refused.folded();
    assert!(!refused.ok(), "{folded}");
    for advice in [
        "Cannot move a whole list of repositories",
        "codespaces_org_secret_repository would not",
        "removed { from = <its address> lifecycle { destroy = false } }",
        "set the same IDs in `selected_repository_ids`",
        "SECRET_NAME:REPOSITORY_ID",
    ] {
        assert!(
            folded.contains(advice),
            "{advice:?} missing:\n{}",
            refused.text()
        );
    }
    // A secret moved into another scope's type is refused too, naming what it takes.
    tf.write(
        "main.tf",
        &format!(
            "{REQUIRED_BOTH}\nresource \"codespaces_user_secret\" \"db\" {{\n  secret_name = \"DB\"\n}}\n\n\
             moved {{\n  from = github_codespaces_organization_secret.db\n  to   = codespaces_user_secret.db\n}}\n"
        ),
    );
    let mismatched = tf.run(&["plan", "-no-color", "-input=false"]);
    let folded = mismatched.folded();
    assert!(!mismatched.ok(), "{folded}");
    for says in [
        "Unsupported move",
        "codespaces_user_secret cannot take the state of",
        "github_codespaces_user_secret",
    ] {
        assert!(folded.contains(says), "{says:?} missing:\n{folded}");
    }
    assert_eq!(emu.writes(), 0, "{:?}", emu.tally());

    // The advice, followed: Terraform forgets the list, the secret keeps its repositories.
    tf.write(
        "main.tf",
        &format!(
            "{REQUIRED_BOTH}\n{secret_config}\nremoved {{\n  from = github_codespaces_organization_secret_repositories.db\n  lifecycle {{\n    destroy = false\n  }}\n}}\n"
        ),
    );
    let plan = tf.ok(&["plan", "-no-color", "-input=false"]);
    assert!(
        plan.stdout.contains("0 to add, 0 to change, 0 to destroy"),
        "{}",
        plan.stdout
    );
    tf.apply();
    assert_eq!(emu.writes(), 0, "{:?}", emu.tally());
    assert_eq!(
        emu.secret(ORG, "DB").unwrap().selected_repository_ids,
        [api, web].into()
    );
    assert!(!tf.state_text().contains("github_codespaces"));
    let (changes, again) = tf.plan_changes();
    assert!(!changes, "{}", again.stdout);
}
