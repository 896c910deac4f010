//! `hello_token` (Terraform 1.10+): opened in the plan and again in the apply, renewed and
//! closed with the private data of its opening, its value handed to a provisioner and
//! never written to the plan, the state or the output.

use crate::harness::{terraform_at_least, Workspace};

/// The token goes to a provisioner's environment (where ephemeral values may go), which
/// writes it to `token.txt`. The token asks to be renewed at once; the provisioner waits
/// (a minute at most) until its command's log shows the renewal, so that the token is still
/// open when Terraform renews it.
const CONFIG: &str = r#"ephemeral "hello_token" "t" {
  name = "World"
}

resource "terraform_data" "use" {
  provisioner "local-exec" {
    command     = <<-EOT
      for i in $(seq 600); do grep -q "renewed token" "$TF_LOG_PATH" && break; sleep 0.1; done
      printf %s "$TOKEN" > token.txt
    EOT
    environment = { TOKEN = ephemeral.hello_token.t.token }
  }
}
"#;

const TOKEN: &str = "secret-for-World";

#[test]
fn an_ephemeral_token_is_opened_renewed_and_closed_and_never_stored() {
    if !terraform_at_least(1, 10, "hello_token (ephemeral resources)") {
        return;
    }
    let w = Workspace::new(CONFIG);
    let plan = w.run(&["plan", "-out=tfplan"]);
    plan.shows(&[
        "ephemeral.hello_token.t: Opening...",
        "ephemeral.hello_token.t: Closing...",
    ]);
    let apply = w.run(&["apply", "tfplan"]);
    apply.shows(&[
        "ephemeral.hello_token.t: Opening...",
        "ephemeral.hello_token.t: Renewing...",
        "ephemeral.hello_token.t: Renewal complete",
        "ephemeral.hello_token.t: Closing...",
    ]);
    assert_eq!(w.read("token.txt"), TOKEN, "the provisioner got the token");
    // Each opening's private data (its lease) reached its renewal and its close.
    let opened = apply.logged("opened token", &["lease"]);
    assert_eq!(opened.len(), 1, "{}", apply.log);
    assert_eq!(apply.logged("renewed token", &["lease"]), opened);
    assert_eq!(apply.logged("closed token", &["lease"]), opened);
    let planned = plan.logged("opened token", &["lease"]);
    assert_eq!(plan.logged("closed token", &["lease"]), planned);
    assert_ne!(
        planned, opened,
        "the plan and the apply opened a token each"
    );
    // The token was never written anywhere Terraform keeps or shows.
    for (what, text) in [
        ("the plan's output", plan.text.as_str()),
        ("the apply's output", apply.text.as_str()),
        ("the state", &w.read("terraform.tfstate")),
        ("the saved plan", &w.run(&["show", "-json", "tfplan"]).text),
    ] {
        assert!(!text.contains(TOKEN), "the token is in {what}");
    }
    let plan_again = w.try_run(&["plan", "-detailed-exitcode"]);
    assert_eq!(plan_again.code, Some(0), "{}", plan_again.text);
}

#[test]
fn an_ephemeral_resource_s_declared_validators_run() {
    if !terraform_at_least(1, 10, "hello_token (ephemeral resources)") {
        return;
    }
    let w = Workspace::new("ephemeral \"hello_token\" \"t\" {\n  name = \"\"\n}\n");
    let validate = w.fail(&["validate"]);
    validate.shows(&["Error: Invalid name", "The name cannot be empty."]);
    assert!(validate.logged("opened token", &["lease"]).is_empty());
}
