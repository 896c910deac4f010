//! `moved` blocks into `hello_greeting` from another resource type (Terraform 1.8+): from
//! `hello_salutation`, the type it replaced, the plan shows the move alone, the provider
//! receives the source's address, type and schema version, and the next plan is empty;
//! from a type it does not take, the plan fails naming the types it does.

use crate::harness::{terraform_at_least, Workspace};
use crate::resources::{instance, state_file};

const HELLO: &str = "registry.terraform.io/example/hello";

/// A workspace whose state holds `<source_type>.world` (schema version 0), and whose
/// configuration moves it to `hello_greeting.world`.
fn moving(source_type: &str) -> Workspace {
    let w = Workspace::new(&format!(
        "resource \"hello_greeting\" \"world\" {{\n  name = \"World\"\n}}\n\n\
         moved {{\n  from = {source_type}.world\n  to   = hello_greeting.world\n}}\n"
    ));
    let old = instance(
        source_type,
        "world",
        0,
        r#""attributes":{"to":"World","id":"world","message":"Hi there, World!"}"#,
    );
    w.write("terraform.tfstate", &state_file(&[old]));
    w
}

#[test]
fn a_moved_block_brings_an_older_resource_type_over_without_replacing_it() {
    if !terraform_at_least(1, 8, "moved blocks into hello_greeting") {
        return;
    }
    let w = moving("hello_salutation");
    let plan = w.run(&["plan"]);
    plan.shows(&[
        "# hello_salutation.world has moved to hello_greeting.world",
        "Plan: 0 to add, 0 to change, 0 to destroy.",
    ]);
    let received = plan.logged(
        "moving state",
        &["source_provider", "source_type", "source_schema_version"],
    );
    assert_eq!(received, [[HELLO, "hello_salutation", "0"]]);
    w.run(&["apply", "-auto-approve"]);
    let state = w.state();
    let resources = state["resources"].as_array().unwrap();
    assert_eq!(resources.len(), 1, "{state}");
    assert_eq!(resources[0]["type"], "hello_greeting");
    let moved = &resources[0]["instances"][0];
    assert_eq!(moved["schema_version"], 1, "{moved}");
    assert_eq!(moved["attributes"]["name"], "World");
    assert_eq!(
        moved["attributes"]["greeting"], "Hi there, World!",
        "kept, not recreated"
    );
    let again = w.try_run(&["plan", "-detailed-exitcode"]);
    assert_eq!(
        again.code,
        Some(0),
        "the next plan is empty:\n{}",
        again.text
    );
}

#[test]
fn a_move_from_a_type_the_resource_does_not_take_is_refused() {
    if !terraform_at_least(1, 8, "moved blocks into hello_greeting") {
        return;
    }
    let w = moving("hello_farewell");
    let plan = w.fail(&["plan"]);
    plan.shows(&["Error: Unsupported move"]);
    let text = plan.text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        text.contains(&format!(
            "hello_greeting cannot take the state of hello_farewell (schema version 0) of {HELLO}"
        )) && text.contains(&format!("- hello_salutation (schema version 0) of {HELLO}")),
        "{}",
        plan.text
    );
    assert!(plan.logged("moving state", &["source_type"]).is_empty());
}
