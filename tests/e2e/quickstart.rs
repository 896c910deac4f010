//! The README's first command, `cargo run --example quickstart`, run as a newcomer would: it
//! must build, apply against the emulator, show an empty second plan, open every sealed value
//! and destroy everything. Keeps the quickstart from rotting while the suite stays green.

use std::process::Command;

use crate::common::Run;

#[test]
fn the_quickstart_runs_from_start_to_finish() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let run = Run::from(
        Command::new(cargo)
            .args(["run", "--quiet", "--example", "quickstart"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("TF_CLI_ARGS", "-no-color")
            .output()
            .unwrap(),
    );
    let text = run.text();
    assert!(run.ok(), "the quickstart failed:\n{text}");
    for expected in [
        "Apply complete! Resources: 5 added, 0 changed, 0 destroyed.",
        "No changes. Your infrastructure matches the configuration.",
        "Destroy complete! Resources: 5 destroyed.",
        "Quickstart complete.",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    let opened = text
        .lines()
        .filter(|l| l.ends_with("sealed value opened to the configured value: yes"))
        .count();
    assert_eq!(opened, 4, "every secret's sealed value must open:\n{text}");
}
