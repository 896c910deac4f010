//! The value-push actions (`codespaces_{org,repository,user}_secret_value`, Terraform 1.14+)
//! against github-emulator: in every scope, `terraform apply -invoke` pushes an ephemeral
//! value to a secret whose value is managed elsewhere (imported, no value configured); the
//! value arrives sealed with the home's key (opened by the emulator), with one key fetch and
//! one PUT, the visibility and grants as they were, the value in no file Terraform wrote, and
//! the next plan empty. A missing secret is warned of at plan and refused at invocation,
//! nothing written; a bad name fails `terraform validate`.

use crate::common::scope::Scope;
use crate::common::{emulator, repo_id, terraform_at_least, Tf, ORG};
use github_emulator::Emulator;

/// The configuration of `scope`'s test: the secret `ROTATED` (no value: managed
/// elsewhere), its import, and the action pushing `var.token` to `secret_name`.
fn config(scope: Scope, secret_name: &str) -> String {
    let (import_id, extra, action_repository) = match scope {
        Scope::Organization => ("ROTATED", "  visibility  = \"selected\"\n", ""),
        Scope::Repository => (
            "api/ROTATED",
            "  repository  = \"api\"\n",
            "    repository  = \"api\"\n",
        ),
        Scope::User => ("ROTATED", "", ""),
    };
    let (resource, action) = (scope.secret_type(), scope.value_action());
    format!(
        "variable \"token\" {{\n  type      = string\n  sensitive = true\n  ephemeral = true\n}}\n\n\
         resource \"{resource}\" \"rotated\" {{\n  secret_name = \"ROTATED\"\n{extra}}}\n\n\
         import {{\n  to = {resource}.rotated\n  id = \"{import_id}\"\n}}\n\n\
         action \"{action}\" \"rotate\" {{\n  config {{\n{action_repository}    secret_name = \"{secret_name}\"\n    value       = var.token\n  }}\n}}\n"
    )
}

/// The requests whose route ends with `suffix`, by method: how many.
fn requests(emu: &Emulator, method: &str, suffix: &str) -> u64 {
    emu.tally()
        .iter()
        .filter(|(route, _)| route.starts_with(method) && route.ends_with(suffix))
        .map(|(_, t)| t.requests)
        .sum()
}

fn pushes_on_demand(scope: Scope) {
    let emu = emulator();
    let home = scope.home(&emu);
    let api = repo_id(&emu, "api");
    let (visibility, ids): (&str, &[i64]) = match scope {
        Scope::Repository => ("", &[]),
        _ => ("selected", &[api]),
    };
    assert!(emu.put_secret_outside(home.clone(), "ROTATED", b"old value", visibility, ids));
    let tf = Tf::against(&emu).env("TF_VAR_token", "rotated value");
    tf.config(&config(scope, "rotated"));
    tf.apply();
    let before = emu.secret(home.clone(), "ROTATED").unwrap();
    assert_eq!(before.plaintext, b"old value", "the import wrote nothing");

    emu.reset_counts();
    let action = scope.value_action();
    let invoked = tf.ok(&[
        "apply",
        "-auto-approve",
        "-input=false",
        "-no-color",
        &format!("-invoke=action.{action}.rotate"),
    ]);
    let after = emu.secret(home.clone(), "ROTATED").unwrap();
    assert_eq!(after.plaintext, b"rotated value", "{}", invoked.text());
    let (key_id, _) = emu.public_key(home.clone()).unwrap();
    assert_eq!(after.key_id, key_id);
    assert_eq!(after.visibility, before.visibility);
    assert_eq!(
        after.selected_repository_ids,
        before.selected_repository_ids
    );
    for shown in [
        "Sealing a new value for ROTATED".to_string(),
        format!("Wrote ROTATED, sealed with public key {key_id}"),
        "Actions: 1 invoked.".to_string(),
    ] {
        assert!(
            invoked.stdout.contains(&shown),
            "{shown:?} missing:\n{}",
            invoked.stdout
        );
    }
    assert_eq!(emu.writes(), 1, "one PUT: {:?}", emu.tally());
    assert_eq!(
        requests(&emu, "PUT", "/secrets/{secret_name}"),
        1,
        "{:?}",
        emu.tally()
    );
    assert_eq!(requests(&emu, "GET", "/public-key"), 1, "{:?}", emu.tally());
    for entry in walkdir(tf.path()) {
        let bytes = std::fs::read(&entry).unwrap();
        assert!(
            !bytes.windows(13).any(|w| w == b"rotated value"),
            "the value reached {}",
            entry.display()
        );
    }
    // Managed elsewhere: the pushed value is not drift.
    let (changes, again) = tf.plan_changes();
    assert!(!changes, "{}", again.stdout);
}

/// Every file under `dir`.
fn walkdir(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                todo.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files
}

#[test]
fn organization_secrets_get_a_value_pushed_on_demand() {
    if terraform_at_least(1, 14, "value_action::organization (actions)") {
        pushes_on_demand(Scope::Organization);
    }
}

#[test]
fn repository_secrets_get_a_value_pushed_on_demand() {
    if terraform_at_least(1, 14, "value_action::repository (actions)") {
        pushes_on_demand(Scope::Repository);
    }
}

#[test]
fn user_secrets_get_a_value_pushed_on_demand() {
    if terraform_at_least(1, 14, "value_action::user (actions)") {
        pushes_on_demand(Scope::User);
    }
}

#[test]
fn a_missing_secret_or_a_bad_name_is_refused_before_anything_is_written() {
    if !terraform_at_least(1, 14, "value_action::refusals (actions)") {
        return;
    }
    let emu = emulator();
    assert!(emu.put_secret_outside(ORG, "ROTATED", b"old value", "private", &[]));
    let tf = Tf::against(&emu).env("TF_VAR_token", "rotated value");
    tf.config(&config(Scope::Organization, "NO_SUCH_SECRET"));
    emu.reset_counts();
    let refused = tf.run(&[
        "apply",
        "-auto-approve",
        "-input=false",
        "-no-color",
        "-invoke=action.codespaces_org_secret_value.rotate",
    ]);
    let folded = refused.folded();
    assert!(!refused.ok(), "{folded}");
    for says in [
        "Warning: Secret not found",
        "The invocation will fail unless something creates it first",
        "Error: Error when invoking action Secret not found:",
        "Organization \"acme\" has no secret \"NO_SUCH_SECRET\"",
        "Nothing was written.",
    ] {
        assert!(folded.contains(says), "{says:?} missing:\n{folded}");
    }
    assert_eq!(emu.writes(), 0, "{:?}", emu.tally());
    assert_eq!(emu.secret(ORG, "ROTATED").unwrap().plaintext, b"old value");

    tf.config(&config(Scope::Organization, "GITHUB_TOKEN"));
    let invalid = tf.run(&["validate", "-no-color"]);
    let folded = invalid.folded();
    assert!(!invalid.ok(), "{folded}");
    assert!(folded.contains("Invalid secret name"), "{folded}");
}
