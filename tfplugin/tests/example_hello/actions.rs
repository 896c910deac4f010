//! `hello_shout` (Terraform 1.14+): invoked with `terraform apply -invoke` and by a
//! resource's `action_trigger`, each progress message shown as it comes and the invocation
//! reaching the provider; a plan check refusing an invocation before anything runs; the
//! declared validators of its `config`.

use crate::harness::{terraform_at_least, Workspace};

const CONFIG: &str = r#"action "hello_shout" "hi" {
  config {
    name  = "World"
    times = 3
  }
}

action "hello_shout" "loud" {
  config {
    name  = "World"
    times = 9
  }
}

resource "hello_greeting" "world" {
  name = "World"
  lifecycle {
    action_trigger {
      events  = [after_create]
      actions = [action.hello_shout.hi]
    }
  }
}
"#;

/// The progress lines Terraform shows for `hello_shout.hi` invoked by `trigger`.
fn progress(trigger: &str) -> Vec<String> {
    (1..=3)
        .map(|n| {
            format!("Action action.hello_shout.hi (triggered by {trigger}): HELLO, WORLD! ({n}/3)")
        })
        .collect()
}

/// The lines of `text` that are among `wanted`, in the order they came.
fn shown<'a>(text: &'a str, wanted: &[String]) -> Vec<&'a str> {
    text.lines()
        .filter(|l| wanted.iter().any(|w| w == l.trim()))
        .map(str::trim)
        .collect()
}

#[test]
fn an_action_streams_its_progress_when_triggered_and_when_invoked() {
    if !terraform_at_least(1, 14, "hello_shout (actions)") {
        return;
    }
    let w = Workspace::new(CONFIG);
    let apply = w.run(&["apply", "-auto-approve"]);
    apply.shows(&["Actions: 1 to invoke."]);
    let triggered = progress("hello_greeting.world");
    assert_eq!(shown(&apply.text, &triggered), triggered, "{}", apply.text);
    apply.shows(&["Action complete: action.hello_shout.hi (triggered by hello_greeting.world)"]);
    assert_eq!(
        apply.logged("shouted", &["name", "times"]),
        [["World", "3"]]
    );
    let invoke = w.run(&["apply", "-auto-approve", "-invoke=action.hello_shout.hi"]);
    let by_cli = progress("CLI");
    assert_eq!(shown(&invoke.text, &by_cli), by_cli, "{}", invoke.text);
    invoke.shows(&["Actions: 1 invoked."]);
    assert_eq!(
        invoke.logged("shouted", &["name", "times"]),
        [["World", "3"]]
    );
    // An action changes no state: the greeting is as created, and the next plan is empty.
    let again = w.try_run(&["plan", "-detailed-exitcode"]);
    assert_eq!(again.code, Some(0), "{}", again.text);
}

#[test]
fn an_action_s_plan_check_and_validators_refuse_before_anything_runs() {
    if !terraform_at_least(1, 14, "hello_shout (actions)") {
        return;
    }
    let w = Workspace::new(CONFIG);
    let loud = w.fail(&["apply", "-auto-approve", "-invoke=action.hello_shout.loud"]);
    loud.shows(&[
        "Error: Too loud",
        "Shouting at World 9 times is too loud: at most 5.",
    ]);
    assert!(
        loud.logged("shouted", &["name"]).is_empty(),
        "nothing was invoked"
    );
    w.write(
        "main.tf",
        &w.read("main.tf").replace(
            "name  = \"World\"\n    times = 9",
            "name  = \"\"\n    times = 1",
        ),
    );
    let validate = w.fail(&["validate"]);
    validate.shows(&["Error: Invalid name", "The name cannot be empty."]);
}
