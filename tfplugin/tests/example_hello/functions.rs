//! `provider::hello::greet` (Terraform 1.8+): its result in an output, variadic names
//! included, and its error shown on the argument at fault.

use crate::harness::{terraform_at_least, Workspace};

#[test]
fn a_function_greets_every_name_it_is_given() {
    if !terraform_at_least(1, 8, "provider::hello::greet (functions)") {
        return;
    }
    let w = Workspace::new(
        "output \"default\" {\n  value = provider::hello::greet(null, \"Ann\", \"Bob\", \"Cy\")\n}\n\n\
         output \"one\" {\n  value = provider::hello::greet(\"Hi\", \"World\")\n}\n",
    );
    w.run(&["apply", "-auto-approve"]);
    let default = w.run(&["output", "-raw", "default"]);
    assert!(
        default.text.starts_with("Hello, Ann, Bob and Cy!"),
        "{}",
        default.text
    );
    let one = w.run(&["output", "-raw", "one"]);
    assert!(one.text.starts_with("Hi, World!"), "{}", one.text);
}

#[test]
fn a_function_error_points_at_the_argument() {
    if !terraform_at_least(1, 8, "provider::hello::greet (functions)") {
        return;
    }
    let w = Workspace::new(
        "output \"bad\" {\n  value = provider::hello::greet(\"Hi\", \"Ann\", \"\")\n}\n",
    );
    let plan = w.fail(&["plan"]);
    plan.shows(&[
        "Error: Invalid function argument",
        "Invalid value for \"names\" parameter: a name cannot be empty.",
    ]);
}
