//! One secret per name: two resources naming one secret (GitHub ignores case) are refused at
//! plan with nothing written, and a create that GitHub answers 204 (the name was taken after
//! the plan checked it) is reported as the conflict it is, never recorded silently.

use std::time::Duration;

use crate::common::{emulator, Tf, ORG};

const LIST_SECRETS: &str = "GET /orgs/{org}/codespaces/secrets";

fn secret(resource: &str, name: &str, value: &str) -> String {
    format!(
        "resource \"codespaces_org_secret\" \"{resource}\" {{\n  secret_name = \"{name}\"\n  value       = \"{value}\"\n  visibility  = \"all\"\n}}\n"
    )
}

#[test]
fn two_resources_naming_one_secret_are_refused_at_plan_with_nothing_written() {
    let emu = emulator();
    for (first, second) in [("dup_name", "DUP_NAME"), ("SAME", "SAME")] {
        let tf = Tf::against(&emu);
        tf.config(&format!(
            "{}{}",
            secret("one", first, "1"),
            secret("two", second, "2")
        ));
        for command in [
            &["plan", "-no-color"][..],
            &["apply", "-auto-approve", "-no-color"],
        ] {
            let r = tf.run(command);
            assert!(
                !r.ok(),
                "{first}/{second}: {command:?} succeeded:\n{}",
                r.text()
            );
            let text = r.folded();
            assert!(
                text.contains("Two resources manage one secret")
                    && text.contains(&first.to_ascii_uppercase())
                    && text.contains("ignores case"),
                "{first}/{second}: {text}"
            );
            assert!(
                r.text().contains("secret_name = \""),
                "points at secret_name"
            );
        }
    }
    // And one already in the state, with a new one of the same name next to it.
    let tf = Tf::against(&emu);
    tf.config(&secret("one", "KEPT", "1"));
    tf.apply();
    let writes = emu.writes();
    tf.config(&format!(
        "{}{}",
        secret("one", "KEPT", "1"),
        secret("two", "kept", "2")
    ));
    let r = tf.run(&["apply", "-auto-approve", "-no-color"]);
    assert!(!r.ok(), "{}", r.text());
    assert!(
        r.folded().contains("Two resources manage one secret"),
        "{}",
        r.text()
    );
    assert_eq!(
        emu.writes(),
        writes,
        "nothing written: {:?}",
        emu.requests()
    );
    assert_eq!(emu.secret(ORG, "KEPT").unwrap().plaintext, b"1");
    assert!(emu.secret(ORG, "DUP_NAME").is_none() && emu.secret(ORG, "SAME").is_none());
}

#[test]
fn a_create_answered_204_is_reported_as_a_conflict() {
    let emu = emulator();
    let tf = Tf::against(&emu);
    tf.config(&secret("s", "RACED", "ours"));
    tf.ok(&["plan", "-out=plan.tfplan", "-no-color"]);

    // The apply's listing says the name is free; before its answer arrives, someone creates
    // the secret, so the create's PUT replaces it and GitHub answers 204.
    emu.hold_answers(LIST_SECRETS);
    let (mut apply, log) = tf.start(&["apply", "-no-color", "plan.tfplan"], "apply.log");
    let held = emu.wait_until_held(1, Duration::from_secs(120));
    emu.put_secret_outside(ORG, "RACED", b"theirs", "private", &[]);
    emu.release_answers();
    let done = apply.wait().unwrap();
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(held, "the apply never listed:\n{text}");
    assert!(!done.success(), "the apply reported success:\n{text}");
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for part in ["RACED", "already existed", "204", "import"] {
        assert!(folded.contains(part), "{part:?} missing from:\n{text}");
    }
    assert!(
        tf.resource("codespaces_org_secret.s").is_null(),
        "not recorded as created:\n{}",
        tf.state_text()
    );
}
