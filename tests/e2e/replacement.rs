//! A secret the state holds is replaced like any resource: `terraform apply -replace`,
//! `terraform taint` (with and without refreshing), and a secret left tainted by a failed
//! read-back are planned and applied normally, the value arriving again; and
//! `create_before_destroy`, which would delete the new secret along with the old one (GitHub
//! keeps one secret per name), never loses it.

use std::time::Duration;

use crate::common::{emulator, Tf, ORG};
use github_emulator::{Emulator, Faults};

const PUT_SECRET: &str = "PUT /orgs/{org}/codespaces/secrets/{secret_name}";
const DELETE_SECRET: &str = "DELETE /orgs/{org}/codespaces/secrets/{secret_name}";
const DB: &str = "codespaces_org_secret.db";

/// One secret, DB, with `value`; `lifecycle` goes inside the resource block.
fn db(value: &str, lifecycle: &str) -> String {
    format!(
        "resource \"codespaces_org_secret\" \"db\" {{\n  secret_name = \"db\"\n  value       = \"{value}\"\n  visibility  = \"private\"\n{lifecycle}}}\n"
    )
}

/// The status Terraform recorded for `addr`'s instance ("tainted"), if any.
fn status(tf: &Tf, addr: &str) -> Option<String> {
    let (ty, name) = addr.split_once('.').unwrap();
    tf.state()["resources"]
        .as_array()?
        .iter()
        .find(|r| r["type"] == ty && r["name"] == name)?["instances"][0]["status"]
        .as_str()
        .map(str::to_string)
}

/// The replacement that `args` starts (a plan of one destroy and one create) is applied:
/// GitHub saw one DELETE and one PUT, the value arrived, and the next plan is empty.
fn replaced_by(tf: &Tf, emu: &Emulator, args: &[&str], value: &[u8]) {
    emu.reset_counts();
    let r = tf.run(args);
    assert!(r.ok(), "{args:?} failed:\n{}", r.text());
    assert!(
        r.stdout
            .contains("Resources: 1 added, 0 changed, 1 destroyed"),
        "{}",
        r.stdout
    );
    assert_eq!(emu.count(DELETE_SECRET), 1, "{:?}", emu.requests());
    assert_eq!(emu.count(PUT_SECRET), 1, "{:?}", emu.requests());
    let s = emu
        .secret(ORG, "DB")
        .expect("the secret exists after its replacement");
    assert_eq!(s.plaintext, value);
    assert_eq!(status(tf, DB), None, "not tainted");
    assert!(!tf.plan_changes().0, "the next plan is empty");
}

#[test]
fn apply_replace_replaces_a_secret_the_state_holds() {
    let emu = emulator();
    let tf = Tf::against(&emu);
    tf.config(&db("first", ""));
    tf.apply();
    let args = ["apply", "-auto-approve", "-no-color", "-replace", DB];
    replaced_by(&tf, &emu, &args, b"first");
    // Without refreshing first, too, and with a value changed at the same time.
    tf.config(&db("second", ""));
    let args = [
        "apply",
        "-auto-approve",
        "-no-color",
        "-refresh=false",
        "-replace",
        DB,
    ];
    replaced_by(&tf, &emu, &args, b"second");
}

#[test]
fn a_tainted_secret_is_replaced_by_the_next_apply() {
    let emu = emulator();
    let tf = Tf::against(&emu);
    tf.config(&db("first", ""));
    tf.apply();
    tf.ok(&["taint", DB]);
    let plan = tf.plan_says("1 to add, 0 to change, 1 to destroy");
    assert!(plan.stdout.contains("is tainted"), "{}", plan.stdout);
    replaced_by(
        &tf,
        &emu,
        &["apply", "-auto-approve", "-no-color"],
        b"first",
    );
    tf.ok(&["taint", DB]);
    let args = ["apply", "-auto-approve", "-no-color", "-refresh=false"];
    replaced_by(&tf, &emu, &args, b"first");
}

#[test]
fn a_secret_tainted_by_a_failed_read_back_recovers_with_a_plain_apply() {
    let emu = emulator();
    let tf = Tf::against(&emu);
    let no_retries = "provider \"codespaces\" {\n  max_retries = 0\n}\n";
    tf.config(&format!("{no_retries}{}", db("first", "")));

    // GitHub carries the create's PUT out; its answer is held until the next request (the
    // read-back) is set to fail with a 500, which a client without retries reports.
    emu.hold_answers(PUT_SECRET);
    let args = ["apply", "-auto-approve", "-input=false", "-no-color"];
    let (mut apply, log) = tf.start(&args, "apply.log");
    let held = emu.wait_until_held(1, Duration::from_secs(120));
    emu.set_faults(Faults {
        server_errors: 1,
        ..Faults::default()
    });
    emu.release_answers();
    let failed = apply.wait().unwrap();
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(held, "the create's PUT never arrived:\n{text}");
    assert!(
        !failed.success() && text.contains("read the secret back"),
        "{text}"
    );
    assert_eq!(emu.secret(ORG, "DB").unwrap().plaintext, b"first");
    assert_eq!(
        status(&tf, DB).as_deref(),
        Some("tainted"),
        "{}",
        tf.state_text()
    );

    // A plain apply replaces it: no "already exists", no advice that does not work.
    emu.set_faults(Faults::default());
    replaced_by(
        &tf,
        &emu,
        &["apply", "-auto-approve", "-no-color"],
        b"first",
    );
}

#[test]
fn create_before_destroy_is_refused_without_losing_the_secret_and_its_advice_works() {
    let emu = emulator();
    let tf = Tf::against(&emu);
    let cbd = "  lifecycle {\n    create_before_destroy = true\n  }\n";
    tf.config(&db("first", cbd));
    tf.apply();
    // GitHub keeps one secret per name: the new secret cannot be created next to the old one
    // (nor, once created, survive the old one's delete). Apply refuses before writing.
    tf.config(&db("second", cbd));
    let r = tf.run(&["apply", "-auto-approve", "-no-color", "-replace", DB]);
    assert!(!r.ok(), "{}", r.text());
    let text = r.folded();
    assert!(
        text.contains("Secret already exists") && text.contains("remove that setting"),
        "{text}"
    );
    assert_eq!(
        emu.secret(ORG, "DB").unwrap().plaintext,
        b"first",
        "nothing written"
    );

    // Terraform keeps the old object as deposed, and creates before it deletes those, so
    // the next apply stops the same way, with nothing written; the advice works:
    // `terraform state rm`, then the import block the message shows.
    tf.config(&db("second", ""));
    let r = tf.run(&["apply", "-auto-approve", "-no-color"]);
    assert!(!r.ok(), "{}", r.text());
    let text = r.folded();
    assert!(
        text.contains("run `terraform state rm ADDRESS` first"),
        "{text}"
    );
    assert_eq!(
        emu.secret(ORG, "DB").unwrap().plaintext,
        b"first",
        "nothing written"
    );
    tf.ok(&["state", "rm", DB]);
    tf.config(&format!(
        "{}import {{\n  to = {DB}\n  id = \"DB\"\n}}\n",
        db("second", "")
    ));
    tf.apply();
    assert_eq!(emu.secret(ORG, "DB").unwrap().plaintext, b"second");
    assert!(!tf.plan_changes().0, "the next plan is empty");
}
