//! A grant (`codespaces_org_secret_repository`) of a secret that neither exists in GitHub nor
//! is planned in this run is refused at plan, saying so; a grant that names by a literal a
//! secret this run creates is told to refer to the secret instead, which orders the two.

use crate::common::{emulator, repo_id, Tf, ORG};

fn grant(secret_name: &str, repository_id: i64, extra: &str) -> String {
    format!(
        "resource \"codespaces_org_secret_repository\" \"g\" {{\n  secret_name   = {secret_name}\n  repository_id = {repository_id}\n{extra}}}\n"
    )
}

const SECRET: &str = r#"resource "codespaces_org_secret" "x" {
  secret_name = "NEW_ONE"
  value       = "v"
  visibility  = "selected"
DEPENDS}
"#;

#[test]
fn a_grant_of_a_secret_that_exists_nowhere_is_refused_at_plan() {
    let emu = emulator();
    let tf = Tf::against(&emu);
    tf.config(&grant("\"no_such_secret\"", repo_id(&emu, "api"), ""));
    let r = tf.run(&["plan", "-no-color"]);
    assert!(!r.ok(), "{}", r.text());
    let text = r.folded();
    assert!(
        text.contains("Secret NO_SUCH_SECRET does not exist")
            && text.contains("secret_name = codespaces_org_secret.NAME.secret_name"),
        "{text}"
    );
    assert!(
        r.text().contains("with codespaces_org_secret_repository.g"),
        "{}",
        r.text()
    );
    assert_eq!(emu.writes(), 0);
}

#[test]
fn a_grant_naming_a_new_secret_by_a_literal_is_told_the_reference_that_orders_them() {
    let emu = emulator();
    let api = repo_id(&emu, "api");
    let tf = Tf::against(&emu);
    // The secret depends on the grant, so Terraform plans (and would apply) the grant first:
    // nothing else orders a literal.
    tf.config(&format!(
        "{}{}",
        SECRET.replace(
            "DEPENDS",
            "  depends_on  = [codespaces_org_secret_repository.g]\n"
        ),
        grant("\"new_one\"", api, "")
    ));
    let r = tf.run(&["plan", "-no-color"]);
    assert!(!r.ok(), "{}", r.text());
    let text = r.folded();
    assert!(
        text.contains("Secret NEW_ONE does not exist")
            && text.contains("secret_name = codespaces_org_secret.NAME.secret_name"),
        "{text}"
    );
    assert_eq!(emu.writes(), 0);

    // Without the contrived order, a literal may still be applied first: whenever it is
    // stopped, it says the same; the reference the message shows makes the apply work.
    tf.config(&format!(
        "{}{}",
        SECRET.replace("DEPENDS", ""),
        grant("\"new_one\"", api, "")
    ));
    let r = tf.run(&["apply", "-auto-approve", "-no-color"]);
    if !r.ok() {
        let text = r.folded();
        assert!(
            text.contains("secret_name = codespaces_org_secret.NAME.secret_name"),
            "{text}"
        );
        assert!(
            !text.contains("The organization is the provider's `owner`"),
            "{text}"
        );
    }
    tf.config(&format!(
        "{}{}",
        SECRET.replace("DEPENDS", ""),
        grant("codespaces_org_secret.x.secret_name", api, "")
    ));
    tf.apply();
    let ids: Vec<i64> = emu
        .secret(ORG, "NEW_ONE")
        .unwrap()
        .selected_repository_ids
        .into_iter()
        .collect();
    assert_eq!(ids, [api]);
    assert!(!tf.plan_changes().0);
}
