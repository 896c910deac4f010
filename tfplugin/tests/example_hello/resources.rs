//! `hello_greeting`: planned, applied, re-planned (no change) and destroyed; states of its
//! schema version 0, stored as JSON and as a legacy flatmap, upgraded.

use crate::harness::Workspace;

#[test]
fn terraform_plans_and_applies_the_example_provider() {
    let w = Workspace::new(
        "resource \"hello_greeting\" \"world\" {\n  name = \"World\"\n}\n\n\
         output \"greeting\" {\n  value = hello_greeting.world.greeting\n}\n",
    );
    let plan = w.run(&["plan"]);
    plan.shows(&["1 to add"]);
    w.run(&["apply", "-auto-approve"]);
    let out = w.run(&["output", "-raw", "greeting"]);
    assert!(out.text.starts_with("Hello, World!"), "{}", out.text);
    let again = w.try_run(&["plan", "-detailed-exitcode"]);
    assert_eq!(
        again.code,
        Some(0),
        "a second plan finds no change:\n{}",
        again.text
    );
    w.run(&["destroy", "-auto-approve"]);
}

/// A resource instance as Terraform's state file (format 4) keeps it.
pub fn instance(type_name: &str, name: &str, version: u32, attributes: &str) -> String {
    format!(
        r#"{{"mode":"managed","type":"{type_name}","name":"{name}","provider":"provider[\"registry.terraform.io/example/hello\"]","instances":[{{"schema_version":{version},{attributes},"sensitive_attributes":[]}}]}}"#
    )
}

/// A state file (format 4) of `resources`.
pub fn state_file(resources: &[String]) -> String {
    format!(
        r#"{{"version":4,"terraform_version":"1.11.4","serial":1,"lineage":"0b6c7e5e-2f4d-4c7e-9a51-7d3f1c2e8a90","outputs":{{}},"resources":[{}]}}"#,
        resources.join(",")
    )
}

#[test]
fn terraform_upgrades_states_of_schema_version_0() {
    let w = Workspace::new(
        "resource \"hello_greeting\" \"json\" {\n  name = \"Json\"\n}\n\n\
         resource \"hello_greeting\" \"flat\" {\n  name = \"Flat\"\n}\n",
    );
    // Version 0 called the greeting `text`; Terraform 0.11 stored states as flatmaps.
    let json = instance(
        "hello_greeting",
        "json",
        0,
        r#""attributes":{"name":"Json","id":"json","text":"Hello, Json!"}"#,
    );
    let flat = instance(
        "hello_greeting",
        "flat",
        0,
        r#""attributes_flat":{"name":"Flat","id":"flat","text":"Hello, Flat!"}"#,
    );
    w.write("terraform.tfstate", &state_file(&[json, flat]));
    let plan = w.try_run(&["plan", "-detailed-exitcode"]);
    assert_eq!(
        plan.code,
        Some(0),
        "the upgraded states match the configuration:\n{}",
        plan.text
    );
    w.run(&["apply", "-refresh-only", "-auto-approve"]);
    let state = w.state();
    for (name, greeting) in [("json", "Hello, Json!"), ("flat", "Hello, Flat!")] {
        let resources = state["resources"].as_array().unwrap();
        let resource = resources.iter().find(|r| r["name"] == name).unwrap();
        let instance = &resource["instances"][0];
        assert_eq!(instance["schema_version"], 1, "{instance}");
        assert_eq!(instance["attributes"]["greeting"], greeting, "{instance}");
        assert!(instance["attributes"].get("text").is_none(), "{instance}");
    }
}
