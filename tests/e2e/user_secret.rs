//! `codespaces_user_secret`, `codespaces_user_secret_repository` and the user data sources
//! through a real Terraform against github-emulator: each value mode arrives sealed with the
//! user's own key (boxes opened by the emulator), a second plan is empty, the value and the
//! grants update in place (grants made by the grant resource, or elsewhere, survive a new
//! value), drift of the value and of a grant is planned back, imports by command, block and
//! identity, `terraform query` of the user's secrets and grants with generated
//! configuration, destroy; and a GitHub App's credentials refused at plan.

use std::collections::BTreeSet;

use crate::common;
use crate::common::{emulator, repo_id, value_modes, Tf};
use github_emulator::{Emulator, Home};

const PUT_SECRET: &str = "PUT /user/codespaces/secrets/{secret_name}";
const SET_REPOS: &str = "PUT /user/codespaces/secrets/{secret_name}/repositories";

fn me(emu: &Emulator) -> Home {
    Home::user(emu.user())
}

fn grants(emu: &Emulator, name: &str) -> BTreeSet<i64> {
    emu.secret(me(emu), name).unwrap().selected_repository_ids
}

/// The three value modes, the first with grants listed (`ids`), the second with a grant
/// resource, and the user data sources.
fn config(sealed: &(String, String), value: &str, ids: &str, version: u32) -> String {
    let args = |which: &str| match which {
        "plain" => format!("  secret_name = \"npm_token\"\n  selected_repository_ids = [{ids}]\n"),
        "wo" => "  secret_name = \"CLOUD_KEY\"\n".to_string(),
        _ => "  secret_name = \"SIGNING_KEY\"\n".to_string(),
    };
    let modes = value_modes("codespaces_user_secret", args, value, version, sealed);
    format!(
        r#"{modes}
resource "codespaces_user_secret_repository" "wo_dotfiles" {{
  secret_name   = codespaces_user_secret.wo.secret_name
  repository_id = data.codespaces_repository.dotfiles.id
}}
data "codespaces_repository" "dotfiles" {{
  full_name = "octocat/dotfiles"
}}
data "codespaces_user_public_key" "me" {{}}
data "codespaces_user_secrets" "me" {{
  depends_on = [codespaces_user_secret.plain]
}}
output "key_id" {{
  value = data.codespaces_user_public_key.me.key_id
}}
output "names" {{
  value = data.codespaces_user_secrets.me.secrets[*].name
}}
"#
    )
}

#[test]
fn each_value_mode_and_grants_arrive_update_in_place_and_drift_is_repaired() {
    let emu = emulator();
    let (api, web) = (repo_id(&emu, "api"), repo_id(&emu, "web"));
    let dotfiles = emu.repository(emu.user(), "dotfiles").unwrap().id;
    let (key_id, key) = emu.public_key(me(&emu)).unwrap();
    let sealed = (
        github_client::crypto::seal(&key, b"sealed elsewhere").unwrap(),
        key_id.clone(),
    );
    let tf = Tf::against(&emu).env("TF_VAR_token", "write-only value");
    tf.config(&config(&sealed, "one", &api.to_string(), 1));
    tf.apply();
    let opened = |name: &str| emu.secret(me(&emu), name).unwrap().plaintext;
    assert_eq!(opened("NPM_TOKEN"), b"one");
    assert_eq!(opened("CLOUD_KEY"), b"write-only value");
    assert_eq!(opened("SIGNING_KEY"), b"sealed elsewhere");
    assert_eq!(grants(&emu, "NPM_TOKEN"), BTreeSet::from([api]));
    assert_eq!(grants(&emu, "CLOUD_KEY"), BTreeSet::from([dotfiles]));
    assert!(
        emu.secrets("acme").is_empty(),
        "nothing reached the organization"
    );
    assert!(!tf.state_text().contains("write-only value"));
    let grant = tf.resource("codespaces_user_secret_repository.wo_dotfiles");
    assert_eq!(grant["id"], format!("CLOUD_KEY:{dotfiles}"));
    let outputs = tf.outputs();
    assert_eq!(outputs["key_id"], key_id);
    assert_eq!(
        outputs["names"],
        serde_json::json!(["CLOUD_KEY", "NPM_TOKEN", "SIGNING_KEY"])
    );

    emu.reset_counts();
    assert!(!tf.plan_changes().0);
    assert_eq!(emu.writes(), 0);

    // Grants alone: the repositories endpoint, the value not sent again.
    let created = emu.secret(me(&emu), "NPM_TOKEN").unwrap().created_at;
    tf.config(&config(&sealed, "one", &format!("{api}, {web}"), 1));
    tf.plan_says("0 to add, 1 to change, 0 to destroy");
    emu.reset_counts();
    tf.apply();
    assert_eq!((emu.count(PUT_SECRET), emu.count(SET_REPOS)), (0, 1));
    assert_eq!(grants(&emu, "NPM_TOKEN"), BTreeSet::from([api, web]));

    // A new value, and a new write-only version: in place, every grant kept (the grant
    // resource's, and one made elsewhere).
    assert!(emu.add_repository_outside(me(&emu), "CLOUD_KEY", web));
    tf.config(&config(&sealed, "two", &format!("{api}, {web}"), 2));
    tf.plan_says("0 to add, 2 to change, 0 to destroy");
    tf.apply();
    let npm = emu.secret(me(&emu), "NPM_TOKEN").unwrap();
    assert_eq!(
        (npm.plaintext.as_slice(), npm.created_at),
        (&b"two"[..], created)
    );
    assert_eq!(grants(&emu, "NPM_TOKEN"), BTreeSet::from([api, web]));
    assert_eq!(opened("CLOUD_KEY"), b"write-only value");
    assert_eq!(grants(&emu, "CLOUD_KEY"), BTreeSet::from([dotfiles, web]));
    assert!(!tf.plan_changes().0);

    // Drift: a value changed outside Terraform, a grant removed outside it.
    assert!(emu.put_secret_outside(me(&emu), "NPM_TOKEN", b"changed", "", &[api, web]));
    assert!(emu.remove_repository_outside(me(&emu), "CLOUD_KEY", dotfiles));
    tf.plan_says("1 to add, 1 to change, 0 to destroy");
    tf.apply();
    assert_eq!(opened("NPM_TOKEN"), b"two");
    assert_eq!(grants(&emu, "CLOUD_KEY"), BTreeSet::from([dotfiles, web]));
    assert!(!tf.plan_changes().0);

    tf.ok(&["destroy", "-auto-approve", "-no-color"]);
    assert!(emu.secrets(me(&emu)).is_empty());
}

#[test]
fn imports_by_command_block_and_identity_adopt_without_a_write() {
    let emu = emulator();
    let (api, web) = (repo_id(&emu, "api"), repo_id(&emu, "web"));
    for name in ["GH_PAT", "OTHER", "THIRD"] {
        emu.put_secret_outside(me(&emu), name, b"from before", "", &[api, web]);
    }
    let tf = Tf::against(&emu);
    // A secret and one of its grants; the value of the first is configured.
    let pair = |name: &str, value: &str| {
        let lower = name.to_ascii_lowercase();
        format!(
            "resource \"codespaces_user_secret\" \"{lower}\" {{\n  secret_name = \"{name}\"\n{value}}}\nresource \"codespaces_user_secret_repository\" \"{lower}_api\" {{\n  secret_name   = codespaces_user_secret.{lower}.secret_name\n  repository_id = {api}\n}}\n"
        )
    };
    let resources = format!(
        "{}{}",
        pair("GH_PAT", "  value = \"configured\"\n"),
        pair("OTHER", "")
    );
    tf.config(&resources);
    // By command, and by `import` blocks naming the import ID.
    tf.ok(&[
        "import",
        "-no-color",
        "codespaces_user_secret.gh_pat",
        "gh_pat",
    ]);
    let grant_id = format!("GH_PAT:{api}");
    tf.ok(&[
        "import",
        "-no-color",
        "codespaces_user_secret_repository.gh_pat_api",
        &grant_id,
    ]);
    tf.config(&format!(
        "{resources}import {{\n  to = codespaces_user_secret.other\n  id = \"OTHER\"\n}}\nimport {{\n  to = codespaces_user_secret_repository.other_api\n  id = \"OTHER:{api}\"\n}}\n"
    ));
    tf.plan_says("2 to import, 0 to add, 1 to change, 0 to destroy");
    emu.reset_counts();
    tf.apply();
    assert_eq!(
        emu.count(PUT_SECRET),
        1,
        "only the configured value is sent"
    );
    let pat = emu.secret(me(&emu), "GH_PAT").unwrap();
    assert_eq!(pat.plaintext, b"configured");
    assert_eq!(
        pat.selected_repository_ids,
        BTreeSet::from([api, web]),
        "grants made elsewhere are left alone"
    );
    assert_eq!(
        emu.secret(me(&emu), "OTHER").unwrap().plaintext,
        b"from before"
    );
    assert!(!tf.plan_changes().0);

    if !common::terraform_at_least(1, 12, "imports_by_identity of codespaces_user_secret") {
        return;
    }
    tf.config(&format!(
        r#"{resources}{}
import {{
  to       = codespaces_user_secret.third
  identity = {{ secret_name = "THIRD" }}
}}
import {{
  to       = codespaces_user_secret_repository.third_api
  identity = {{ secret_name = "THIRD", repository_id = {api} }}
}}
"#,
        pair("THIRD", "")
    ));
    tf.plan_says("2 to import, 0 to add, 0 to change, 0 to destroy");
    emu.reset_counts();
    tf.apply();
    assert_eq!(emu.writes(), 0, "adopted without a write");
    assert_eq!(
        tf.identity("codespaces_user_secret_repository.third_api"),
        serde_json::json!({"secret_name": "THIRD", "repository_id": api})
    );
    assert_eq!(
        tf.identity("codespaces_user_secret.third"),
        serde_json::json!({"secret_name": "THIRD"})
    );
    assert!(!tf.plan_changes().0);
}

#[test]
fn query_lists_the_users_secrets_and_grants_and_generates_their_configuration() {
    if !common::terraform_at_least(1, 14, "query of codespaces_user_secret") {
        return;
    }
    let emu = emulator();
    let repos: Vec<i64> = emu.repositories("acme").iter().map(|r| r.id).collect();
    for (i, name) in ["ONE", "TWO", "THREE"].iter().enumerate() {
        emu.put_secret_outside(me(&emu), name, b"outside", "", &repos[i..i + 2]);
    }
    let before = emu.secrets(me(&emu));
    let tf = Tf::against(&emu);
    tf.config("provider \"codespaces\" {}\n");
    tf.write(
        "q.tfquery.hcl",
        "list \"codespaces_user_secret\" \"mine\" {\n  provider = codespaces\n}\nlist \"codespaces_user_secret_repository\" \"grants\" {\n  provider = codespaces\n}\n",
    );
    emu.reset_counts();
    tf.ok(&["query", "-no-color", "-generate-config-out=generated.tf"]);
    // One listing per list, one repository listing per secret.
    assert_eq!(emu.total_requests(), 2 + 3, "{:?}", emu.requests());
    let text = std::fs::read_to_string(tf.path().join("generated.tf")).unwrap();
    assert_eq!(text.matches("import {").count(), 3 + 6, "{text}");
    assert!(!text.contains("selected_repository_ids = ["), "{text}");
    tf.plan_says("9 to import, 0 to add, 0 to change, 0 to destroy");
    emu.reset_counts();
    tf.apply();
    assert_eq!(emu.writes(), 0);
    assert_eq!(emu.secrets(me(&emu)), before, "values and grants untouched");
    assert!(!tf.plan_changes().0);
}

#[test]
fn user_secrets_with_a_github_apps_credentials_are_refused_at_plan() {
    let emu = emulator();
    let app = emu.app().unwrap();
    let tf = Tf::new()
        .env("GITHUB_BASE_URL", &emu.base_url())
        .env("GITHUB_OWNER", "acme");
    tf.write("app.pem", &app.private_key_pem);
    tf.config(&format!(
        r#"provider "codespaces" {{
  app_auth {{
    id              = {}
    installation_id = {}
    pem_file        = file("app.pem")
  }}
}}
resource "codespaces_user_secret" "a" {{
  secret_name = "A"
  value       = "v"
}}
resource "codespaces_user_secret_repository" "g" {{
  secret_name   = codespaces_user_secret.a.secret_name
  repository_id = 1296269
}}
data "codespaces_user_public_key" "k" {{}}
"#,
        app.app_id,
        app.installation_id.unwrap()
    ));
    let r = tf.run(&["plan", "-no-color", "-input=false"]);
    assert!(!r.ok());
    let text = r.folded();
    assert!(
        text.contains("User secrets need a user's token")
            && text.contains("codespace:secrets")
            && text.contains("Codespaces user secrets"),
        "{text}"
    );
    // Said once by the plans of the two resources, and by the data source (which, unlike a
    // plan, cannot go on without an answer).
    assert_eq!(
        text.matches("Error: User secrets need a user's token")
            .count(),
        2,
        "{text}"
    );
    assert!(!text.contains("HTTP 403"), "{text}");
    assert_eq!(emu.writes(), 0);
    assert!(
        emu.requests().iter().all(|r| !r.route.contains("/user/")),
        "no user secrets route was called: {:?}",
        emu.requests()
    );
}
