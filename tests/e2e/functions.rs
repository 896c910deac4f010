//! `provider::codespaces::secret_name` (Terraform 1.8+): its result in outputs and in
//! `for_each` keys (names differing only in case become one), its refusal shown on the
//! argument with the validator's words, and a variable's `validation` built on it. No
//! GitHub is needed: Terraform calls functions on a provider it never configures.

use crate::common::{terraform_at_least, Tf};

#[test]
fn a_secret_name_comes_back_as_github_keeps_it() {
    if !terraform_at_least(1, 8, "functions::secret_name (functions)") {
        return;
    }
    let tf = Tf::new();
    tf.config(
        "output \"one\" {\n  value = provider::codespaces::secret_name(\"db_Password\")\n}\n\n\
         output \"keys\" {\n  value = toset([for n in [\"npm_token\", \"NPM_TOKEN\", \"pypi\"] : provider::codespaces::secret_name(n)])\n}\n",
    );
    tf.apply();
    let outputs = tf.outputs();
    assert_eq!(outputs["one"], "DB_PASSWORD");
    assert_eq!(outputs["keys"], serde_json::json!(["NPM_TOKEN", "PYPI"]));
}

#[test]
fn a_name_github_refuses_fails_on_the_argument() {
    if !terraform_at_least(1, 8, "functions::secret_name (functions)") {
        return;
    }
    let tf = Tf::new();
    tf.config(
        "output \"bad\" {\n  value = provider::codespaces::secret_name(\"github_token\")\n}\n",
    );
    let plan = tf.run(&["plan", "-no-color", "-input=false"]);
    let folded = plan.folded();
    assert!(!plan.ok(), "{folded}");
    for says in [
        "Error: Invalid function argument",
        "Invalid value for \"name\" parameter: \"github_token\" is not a valid secret name: \
         GitHub reserves the GITHUB_ prefix.",
    ] {
        assert!(folded.contains(says), "{says:?} missing:\n{folded}");
    }
    tf.config(
        "variable \"name\" {\n  type    = string\n  default = \"9lives\"\n  validation {\n    \
         condition     = can(provider::codespaces::secret_name(var.name))\n    \
         error_message = \"Not a valid Codespaces secret name.\"\n  }\n}\n",
    );
    let invalid = tf.run(&["plan", "-no-color", "-input=false"]);
    assert!(!invalid.ok());
    assert!(
        invalid
            .folded()
            .contains("Not a valid Codespaces secret name."),
        "{}",
        invalid.text()
    );
}
