//! Adopting an existing organization (Terraform 1.14+): `terraform query` lists the secrets
//! and grants made outside Terraform, `-generate-config-out` writes their import blocks and
//! configuration, and the plan and apply import them without a single write; import blocks
//! naming an `identity` (1.12+) adopt one secret or grant. Each test says visibly when the
//! Terraform found is too old to run it; CI runs them on Terraform 1.15.

use crate::common;

use std::collections::BTreeSet;

use crate::common::{emulator, repo_id, say, Tf, ORG};
use github_emulator::{Emulator, RequestRecord};

const QUERY: &str = r#"list "codespaces_org_secret" "secrets" {
  provider = codespaces
}

list "codespaces_org_secret_repository" "grants" {
  provider = codespaces
}
"#;

const PROVIDER: &str = "provider \"codespaces\" {}\n";

/// 30 secrets made outside Terraform, 10 of each visibility; each `selected` one is granted
/// to 3 repositories. Answers the grants as `(secret, repository id)`.
fn seed(emu: &Emulator) -> BTreeSet<(String, i64)> {
    let repos: Vec<i64> = emu.repositories(ORG).iter().map(|r| r.id).collect();
    let mut grants = BTreeSet::new();
    for visibility in ["all", "private", "selected"] {
        for i in 0..10 {
            let name = format!("{}_{i:02}", visibility.to_ascii_uppercase());
            let ids: Vec<i64> = if visibility == "selected" {
                (0..3).map(|k| repos[(i + k * 4) % repos.len()]).collect()
            } else {
                Vec::new()
            };
            for id in &ids {
                grants.insert((name.clone(), *id));
            }
            let value = format!("value of {name}");
            emu.put_secret_outside(ORG, &name, value.as_bytes(), visibility, &ids);
        }
    }
    grants
}

/// What the emulator holds: name, plaintext, visibility, grants.
fn snapshot(emu: &Emulator) -> Vec<(String, Vec<u8>, String, BTreeSet<i64>)> {
    emu.secrets(ORG)
        .into_iter()
        .map(|s| (s.name, s.plaintext, s.visibility, s.selected_repository_ids))
        .collect()
}

/// A working directory holding only the provider block and the two lists.
fn adoption_dir(emu: &Emulator) -> Tf {
    let tf = Tf::against(emu);
    tf.config(PROVIDER);
    tf.write("adopt.tfquery.hcl", QUERY);
    tf
}

/// The results `terraform query` printed for list `address`, as their display names.
fn found(out: &str, address: &str) -> Vec<String> {
    out.lines()
        .filter(|l| l.starts_with(&format!("{address} ")))
        .map(|l| l.rsplit("  ").next().unwrap_or_default().trim().to_string())
        .collect()
}

fn routes(requests: &[RequestRecord]) -> Vec<String> {
    requests.iter().map(|r| r.route.clone()).collect()
}

fn writes(requests: &[RequestRecord]) -> Vec<&RequestRecord> {
    requests.iter().filter(|r| r.method != "GET").collect()
}

const LIST_SECRETS: &str = "GET /orgs/{org}/codespaces/secrets";
const LIST_REPOS: &str = "GET /orgs/{org}/codespaces/secrets/{secret_name}/repositories";

#[test]
fn query_generate_plan_and_apply_adopt_thirty_secrets_and_their_grants_without_a_write() {
    if !common::terraform_at_least(1, 14, "query_generate_plan_and_apply_adopt_thirty_secrets") {
        return;
    }
    let emu = emulator();
    let grants = seed(&emu);
    let before = snapshot(&emu);
    let tf = adoption_dir(&emu);

    emu.reset_counts();
    let query = tf.ok(&["query", "-no-color"]);
    let secrets = found(&query.stdout, "list.codespaces_org_secret.secrets");
    let granted = found(
        &query.stdout,
        "list.codespaces_org_secret_repository.grants",
    );
    assert_eq!(secrets.len(), 30, "{}", query.stdout);
    assert!(secrets.contains(&"SELECTED_04".to_string()), "{secrets:?}");
    assert_eq!(granted.len(), 30, "{}", query.stdout);
    let web = repo_id(&emu, "web");
    let (name, _) = grants.iter().find(|(_, id)| *id == web).unwrap();
    assert!(
        granted.contains(&format!("{name} → acme/web")),
        "{granted:?}"
    );
    // One secrets listing page per list, one repository listing per `selected` secret.
    let queried = emu.requests();
    say(&format!(
        "API requests for `terraform query` of 30 secrets and 30 grants: {} ({} secrets \
         listing, {} repository listings)",
        queried.len(),
        emu.count(LIST_SECRETS),
        emu.count(LIST_REPOS)
    ));
    assert_eq!(emu.count(LIST_SECRETS), 2, "{:?}", routes(&queried));
    assert_eq!(emu.count(LIST_REPOS), 10, "{:?}", routes(&queried));
    assert_eq!(queried.len(), 12, "{:?}", routes(&queried));

    // Generate the configuration, check it, plan a pure import.
    let generated = tf.ok(&["query", "-no-color", "-generate-config-out=generated.tf"]);
    let text = std::fs::read_to_string(tf.path().join("generated.tf")).unwrap_or_default();
    assert_eq!(
        text.matches("import {").count(),
        60,
        "{}\n{text}",
        generated.text()
    );
    // Terraform writes every optional argument; the provider leaves all but the name and
    // the visibility null (no value, no grants: those come from the grant list).
    let set: BTreeSet<&str> = text
        .lines()
        .filter_map(|l| l.trim().split_once(" = "))
        .filter(|(_, v)| !v.starts_with("null"))
        .map(|(k, _)| k.trim())
        .collect();
    assert_eq!(
        set,
        BTreeSet::from([
            "identity",
            "owner",
            "provider",
            "repository_id",
            "secret_name",
            "to",
            "visibility"
        ]),
        "{text}"
    );
    tf.ok(&["fmt", "-check", "-no-color"]);
    tf.ok(&["validate", "-no-color"]);

    emu.reset_counts();
    let plan = tf.ok(&["plan", "-no-color", "-input=false"]);
    assert!(
        plan.stdout
            .contains("Plan: 60 to import, 0 to add, 0 to change, 0 to destroy."),
        "{}",
        plan.stdout
    );
    let planned = emu.requests();
    say(&format!(
        "API requests for the adoption plan of 60 imports: {} ({} secrets listing, {} \
         repository listings)",
        planned.len(),
        emu.count(LIST_SECRETS),
        emu.count(LIST_REPOS)
    ));
    assert_eq!(emu.count(LIST_SECRETS), 1, "{:?}", routes(&planned));
    assert_eq!(emu.count(LIST_REPOS), 10, "{:?}", routes(&planned));
    assert_eq!(planned.len(), 11, "{:?}", routes(&planned));

    emu.reset_counts();
    tf.apply();
    let applied = emu.requests();
    assert!(writes(&applied).is_empty(), "{:?}", writes(&applied));
    assert_eq!(
        snapshot(&emu),
        before,
        "values, visibility and grants untouched"
    );
    let (changes, next) = tf.plan_changes();
    assert!(!changes, "{}", next.stdout);
    let state = tf.state_text();
    assert!(!state.contains("value of"), "no value reached the state");
}

#[test]
fn filters_and_limit_narrow_the_lists() {
    if !common::terraform_at_least(1, 14, "filters_and_limit_narrow_the_lists") {
        return;
    }
    let emu = emulator();
    seed(&emu);
    let tf = Tf::against(&emu);
    tf.config(PROVIDER);
    tf.write(
        "narrow.tfquery.hcl",
        r#"list "codespaces_org_secret" "private" {
  provider = codespaces
  config {
    visibility = "private"
  }
}

list "codespaces_org_secret" "prefixed" {
  provider = codespaces
  config {
    name_prefix = "all_0"
  }
  limit = 4
}

list "codespaces_org_secret_repository" "one" {
  provider = codespaces
  config {
    secret_name = "selected_03"
  }
}
"#,
    );
    emu.reset_counts();
    let out = tf.ok(&["query", "-no-color"]).stdout;
    let private = found(&out, "list.codespaces_org_secret.private");
    assert_eq!(private.len(), 10, "{out}");
    assert!(
        private.iter().all(|n| n.starts_with("PRIVATE_")),
        "{private:?}"
    );
    let prefixed = found(&out, "list.codespaces_org_secret.prefixed");
    assert_eq!(prefixed, ["ALL_00", "ALL_01", "ALL_02", "ALL_03"], "{out}");
    let one = found(&out, "list.codespaces_org_secret_repository.one");
    assert_eq!(one.len(), 3, "{out}");
    assert!(
        one.iter().all(|g| g.starts_with("SELECTED_03 → acme/")),
        "{one:?}"
    );
    assert_eq!(emu.count(LIST_REPOS), 1, "one secret's grants only");

    tf.write(
        "narrow.tfquery.hcl",
        "list \"codespaces_org_secret\" \"bad\" {\n  provider = codespaces\n  config {\n    visibility = \"public\"\n  }\n}\n",
    );
    let bad = tf.run(&["query", "-no-color"]);
    assert!(
        !bad.ok() && bad.text().contains("is not a visibility"),
        "{}",
        bad.text()
    );
}

#[test]
fn import_blocks_naming_an_identity_adopt_a_secret_and_a_grant_without_a_write() {
    if !common::terraform_at_least(1, 14, "import_blocks_naming_an_identity") {
        return;
    }
    let emu = emulator();
    let api = repo_id(&emu, "api");
    emu.put_secret_outside(ORG, "DEPLOY_KEY", b"rotated elsewhere", "selected", &[api]);
    let before = snapshot(&emu);
    let tf = Tf::against(&emu);
    tf.config(&format!(
        r#"{PROVIDER}
import {{
  to       = codespaces_org_secret.deploy
  identity = {{ owner = "acme", secret_name = "DEPLOY_KEY" }}
}}

import {{
  to       = codespaces_org_secret_repository.api
  identity = {{ owner = "acme", secret_name = "DEPLOY_KEY", repository_id = {api} }}
}}

resource "codespaces_org_secret" "deploy" {{
  secret_name = "DEPLOY_KEY"
  visibility  = "selected"
}}

resource "codespaces_org_secret_repository" "api" {{
  secret_name   = codespaces_org_secret.deploy.secret_name
  repository_id = {api}
}}
"#
    ));
    let plan = tf.ok(&["plan", "-no-color", "-input=false"]);
    assert!(
        plan.stdout
            .contains("Plan: 2 to import, 0 to add, 0 to change, 0 to destroy."),
        "{}",
        plan.stdout
    );
    emu.reset_counts();
    tf.apply();
    assert!(writes(&emu.requests()).is_empty(), "{:?}", emu.requests());
    assert_eq!(snapshot(&emu), before);
    assert!(!tf.plan_changes().0);
    assert_eq!(
        tf.identity("codespaces_org_secret_repository.api"),
        serde_json::json!({"owner": "acme", "secret_name": "DEPLOY_KEY", "repository_id": api})
    );

    // A value rotated by another system is not drift; visibility drift still is.
    emu.put_secret_outside(ORG, "DEPLOY_KEY", b"rotated again", "selected", &[api]);
    assert!(
        !tf.plan_changes().0,
        "a moved updated_at alone is not drift"
    );
}
