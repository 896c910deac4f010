//! `codespaces_org_secret` without `value`, `value_wo` or `encrypted_value`: the value is
//! managed elsewhere. A create is refused at plan, an adopted secret whose value another
//! system rotates shows no drift, visibility and grant drift are still planned and fixed
//! without touching the value, and a value added later is sent in place. Runs on every
//! supported Terraform (import blocks by ID, write-only values: 1.11).

use crate::common::{emulator, repo_id, Tf, ORG};

/// Plans, requires exactly one in-place change, and applies it.
fn plan_one_change_and_apply(tf: &Tf) {
    let (changes, plan) = tf.plan_changes();
    assert!(
        changes && plan.stdout.contains("0 to add, 1 to change, 0 to destroy"),
        "{}",
        plan.stdout
    );
    tf.apply();
}

#[test]
fn creating_a_secret_without_a_value_is_refused_at_plan_and_points_at_import() {
    let emu = emulator();
    let tf = Tf::against(&emu);
    tf.config(
        "resource \"codespaces_org_secret\" \"s\" {\n  secret_name = \"NEW_ONE\"\n  visibility  = \"all\"\n}\n",
    );
    let r = tf.run(&["plan", "-no-color", "-input=false"]);
    let folded = r.folded();
    assert!(!r.ok(), "{folded}");
    assert!(
        folded.contains("Missing secret value")
            && folded.contains("GitHub needs a value to create")
            && folded.contains("import it"),
        "{folded}"
    );
    assert_eq!(emu.writes(), 0);
    assert!(emu.secrets(ORG).is_empty());
}

const ADOPTED: &str = r#"
import {
  to = codespaces_org_secret.s
  id = "ROTATED"
}

resource "codespaces_org_secret" "s" {
  secret_name = "ROTATED"
  visibility  = "private"
}
"#;

#[test]
fn an_adopted_secret_keeps_its_outside_value_until_one_is_configured() {
    let emu = emulator();
    emu.put_secret_outside(ORG, "ROTATED", b"from the vault", "private", &[]);
    let tf = Tf::against(&emu);
    tf.config(ADOPTED);
    emu.reset_counts();
    tf.apply();
    assert_eq!(
        emu.writes(),
        0,
        "adoption writes nothing: {:?}",
        emu.requests()
    );
    assert!(!tf.plan_changes().0);

    // Another system rotates the value: updated_at moves, and that alone is not drift.
    emu.put_secret_outside(ORG, "ROTATED", b"rotated by the vault", "private", &[]);
    let (changes, plan) = tf.plan_changes();
    assert!(!changes, "{}", plan.stdout);

    // Visibility drift is still planned, and fixed without sending a value.
    emu.put_secret_outside(ORG, "ROTATED", b"rotated by the vault", "all", &[]);
    plan_one_change_and_apply(&tf);
    let s = emu.secret(ORG, "ROTATED").unwrap();
    assert_eq!(
        (s.visibility.as_str(), s.plaintext.as_slice()),
        ("private", &b"rotated by the vault"[..])
    );
    assert!(!tf.plan_changes().0);

    // Terraform takes the value over: sent in place.
    tf.config(&ADOPTED.replace(
        "visibility  = \"private\"",
        "visibility  = \"private\"\n  value_wo    = \"from terraform\"",
    ));
    plan_one_change_and_apply(&tf);
    assert_eq!(
        emu.secret(ORG, "ROTATED").unwrap().plaintext,
        b"from terraform"
    );
    assert!(!tf.plan_changes().0);
}

#[test]
fn grant_drift_is_planned_for_a_secret_whose_value_lives_elsewhere() {
    let emu = emulator();
    let (api, web) = (repo_id(&emu, "api"), repo_id(&emu, "web"));
    emu.put_secret_outside(ORG, "SHARED", b"outside", "selected", &[api, web]);
    let tf = Tf::against(&emu);
    tf.config(&format!(
        "import {{\n  to = codespaces_org_secret.s\n  id = \"SHARED\"\n}}\n\nresource \"codespaces_org_secret\" \"s\" {{\n  secret_name             = \"SHARED\"\n  visibility              = \"selected\"\n  selected_repository_ids = [{api}, {web}]\n}}\n"
    ));
    tf.apply();
    assert!(!tf.plan_changes().0);
    assert!(emu.remove_repository_outside(ORG, "SHARED", web));
    plan_one_change_and_apply(&tf);
    let s = emu.secret(ORG, "SHARED").unwrap();
    assert_eq!(
        s.selected_repository_ids.into_iter().collect::<Vec<_>>(),
        [api, web]
    );
    assert_eq!(s.plaintext, b"outside");
}
