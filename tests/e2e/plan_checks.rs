//! Found at plan, not at apply: a wrong token, organization or base URL, a secret that already
//! exists, a grant whose secret is (or is planned to be) not `selected`, and a repository
//! name that would rewrite the request's path are all plan errors, with nothing written.
//! Repository IDs GitHub does not know are named on their attribute.

use crate::common::{emulator, repo_id, Tf, ORG};

const PUT_SECRET: &str = "PUT /orgs/{org}/codespaces/secrets/{secret_name}";

fn secret(name: &str) -> String {
    format!(
        "resource \"codespaces_org_secret\" \"s\" {{\n  secret_name = \"{name}\"\n  value = \"v\"\n  visibility = \"all\"\n}}\n"
    )
}

/// A loopback port nothing listens on.
fn dead_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// `terraform plan`, required to fail; answers its output, whitespace folded.
fn failing_plan(tf: &Tf) -> String {
    let r = tf.run(&["plan", "-no-color", "-input=false"]);
    assert!(!r.ok(), "plan succeeded:\n{}", r.text());
    r.folded()
}

#[test]
fn a_wrong_token_organization_or_base_url_fails_the_plan_of_a_create() {
    let emu = emulator();
    // A failure that ends the run for every call is worded without the call that met it.
    let cases = [
        (
            "wrong token",
            Tf::against(&emu).env("GITHUB_TOKEN", "not-the-token"),
            String::new(),
            &["GitHub refused the credentials", "HTTP 401", "Bad credentials", "GITHUB_TOKEN"][..],
        ),
        (
            "mistyped organization",
            Tf::against(&emu),
            "provider \"codespaces\" {\n  owner = \"acme-typo\"\n}\n".to_string(),
            &[
                "Could not list the secrets of organization",
                "HTTP 404",
                "/orgs/acme-typo/codespaces/secrets",
                "`owner`",
            ][..],
        ),
        (
            "dead base_url",
            Tf::against(&emu),
            format!(
                "provider \"codespaces\" {{\n  base_url = \"http://127.0.0.1:{}\"\n  max_retries = 0\n}}\n",
                dead_port()
            ),
            &["GitHub could not be reached", "could not reach GitHub", "`base_url`"][..],
        ),
    ];
    for (what, tf, provider, expected) in cases {
        tf.config(&format!("{provider}{}", secret("NEW_ONE")));
        let text = failing_plan(&tf);
        for e in expected {
            assert!(text.contains(e), "{what}: {e:?} missing from:\n{text}");
        }
        assert!(!text.contains("not-the-token"), "the token is never echoed");
    }
    assert_eq!(emu.writes(), 0);
    assert!(emu.secrets(ORG).is_empty());
}

#[test]
fn planning_a_secret_that_exists_fails_with_the_import_block_to_paste() {
    let emu = emulator();
    emu.put_secret_outside(ORG, "THEIRS", b"keep me", "private", &[]);
    let tf = Tf::against(&emu);
    tf.config(&secret("theirs"));
    let r = tf.run(&["plan", "-no-color", "-input=false"]);
    assert!(!r.ok(), "{}", r.text());
    let text = r.text();
    assert!(text.contains("Secret already exists"), "{text}");
    // The block is printed as written (indented lines are not re-wrapped), with the id filled
    // in; Terraform names the resource just above it.
    for line in ["import {", "to = ADDRESS", "id = \"THEIRS\""] {
        assert!(text.contains(line), "{line:?} missing from:\n{text}");
    }
    assert!(
        text.contains("with codespaces_org_secret.s"),
        "Terraform shows the address the block needs:\n{text}"
    );
    assert!(
        text.contains("secret_name = \"theirs\""),
        "points at secret_name"
    );
    assert_eq!(emu.writes(), 0);
    assert_eq!(emu.total_requests(), 1, "one listing: {:?}", emu.requests());
    assert_eq!(emu.secret(ORG, "THEIRS").unwrap().plaintext, b"keep me");
}

const SELECTED_WITH_GRANT: &str = r#"
resource "codespaces_org_secret" "shared" {
  secret_name = "SHARED"
  value       = "v"
  visibility  = "selected"
}

resource "codespaces_org_secret_repository" "api" {
  secret_name   = codespaces_org_secret.shared.secret_name
  repository_id = REPO
}
"#;

#[test]
fn a_secret_planned_away_from_selected_fails_the_plan_on_its_grants() {
    let emu = emulator();
    let api = repo_id(&emu, "api");
    let tf = Tf::against(&emu);
    let config = SELECTED_WITH_GRANT.replace("REPO", &api.to_string());
    tf.config(&config);
    tf.apply();
    for visibility in ["all", "private"] {
        tf.config(&config.replace("\"selected\"", &format!("\"{visibility}\"")));
        emu.reset_counts();
        let text = failing_plan(&tf);
        let expected =
            format!("This plan sets the visibility of secret SHARED to \"{visibility}\"");
        assert!(text.contains(&expected), "{text}");
        assert!(
            text.contains("Repository grants need visibility \"selected\"")
                && text.contains("with codespaces_org_secret_repository.api"),
            "{text}"
        );
        let r = tf.run(&["apply", "-auto-approve", "-no-color"]);
        assert!(!r.ok(), "{}", r.text());
        assert_eq!(emu.writes(), 0, "{:?}", emu.requests());
    }
    let shared = emu.secret(ORG, "SHARED").unwrap();
    assert_eq!(shared.visibility, "selected");
    assert_eq!(
        shared
            .selected_repository_ids
            .into_iter()
            .collect::<Vec<_>>(),
        [api]
    );
}

#[test]
fn a_new_grant_on_a_secret_not_selected_in_github_fails_the_plan() {
    let emu = emulator();
    emu.put_secret_outside(ORG, "THEIRS", b"x", "private", &[]);
    let tf = Tf::against(&emu);
    tf.config(&format!(
        "resource \"codespaces_org_secret_repository\" \"g\" {{\n  secret_name = \"theirs\"\n  repository_id = {}\n}}\n",
        repo_id(&emu, "api")
    ));
    let text = failing_plan(&tf);
    assert!(
        text.contains("The visibility of secret THEIRS in GitHub is \"private\""),
        "{text}"
    );
    assert!(
        text.contains("secret_name = codespaces_org_secret.NAME.secret_name"),
        "{text}"
    );
    assert_eq!(emu.writes(), 0);
}

#[test]
fn repository_ids_github_does_not_know_are_named_on_the_attribute() {
    let emu = emulator();
    let api = repo_id(&emu, "api");
    let tf = Tf::against(&emu);
    let with_ids = |ids: &str| {
        format!(
            "resource \"codespaces_org_secret\" \"s\" {{\n  secret_name = \"PICKY\"\n  value = \"v\"\n  visibility = \"selected\"\n  selected_repository_ids = [{ids}]\n}}\n"
        )
    };
    // On create: the secret PUT is refused.
    tf.config(&with_ids(&format!("{api}, 999999, 888888")));
    let r = tf.run(&["apply", "-auto-approve", "-no-color"]);
    assert!(!r.ok());
    let text = r.folded();
    assert!(
        text.contains("Unknown repository IDs")
            && text.contains("888888 and 999999 in `selected_repository_ids` are not repositories of organization \"acme\""),
        "{text}"
    );
    assert!(
        r.text().contains("selected_repository_ids = ["),
        "points at the attribute:\n{}",
        r.text()
    );
    assert_eq!(
        emu.count("GET /orgs/{org}/repos"),
        1,
        "one listing, on the error path"
    );
    assert!(emu.secret(ORG, "PICKY").is_none());

    // On update: the repositories PUT is refused.
    tf.config(&with_ids(&api.to_string()));
    tf.apply();
    assert_eq!(
        emu.count("GET /orgs/{org}/repos"),
        1,
        "none without an error"
    );
    tf.config(&with_ids(&format!("{api}, 777777")));
    let r = tf.run(&["apply", "-auto-approve", "-no-color"]);
    assert!(!r.ok());
    let text = r.folded();
    assert!(
        text.contains("Unknown repository ID")
            && text.contains("777777 in `selected_repository_ids` is not a repository"),
        "{text}"
    );
    assert_eq!(
        emu.count(PUT_SECRET),
        2,
        "the refused create and the create, no more"
    );
    let ids: Vec<i64> = emu
        .secret(ORG, "PICKY")
        .unwrap()
        .selected_repository_ids
        .into_iter()
        .collect();
    assert_eq!(ids, [api]);
}

#[test]
fn repository_names_that_would_rewrite_the_path_are_refused_at_plan() {
    let emu = emulator();
    let cases = [
        (
            "full_name = \"acme/..\"",
            "Invalid full_name",
            "the name in \"acme/..\"",
        ),
        (
            "full_name = \"acme/.\"",
            "Invalid full_name",
            "is not a repository name",
        ),
        (
            "full_name = \"../acme\"",
            "Invalid full_name",
            "the owner in \"../acme\"",
        ),
        (
            "full_name = \"acme/api\\n\"",
            "Invalid full_name",
            "only ASCII letters",
        ),
        (
            "name = \"..\"",
            "Invalid repository name",
            "\"..\" is not a repository name",
        ),
        (
            "name = \"api\\t\"",
            "Invalid repository name",
            "only ASCII letters",
        ),
        (
            "name = \"a/b\"",
            "Invalid repository name",
            "only ASCII letters",
        ),
    ];
    for (attribute, summary, detail) in cases {
        let tf = Tf::against(&emu);
        tf.config(&format!(
            "data \"codespaces_repository\" \"r\" {{\n  {attribute}\n}}\n"
        ));
        let r = tf.run(&["plan", "-no-color", "-input=false"]);
        assert!(!r.ok(), "{attribute}: plan succeeded");
        let text = r.folded();
        assert!(
            text.contains(summary) && text.contains(detail),
            "{attribute}: {text}"
        );
        assert!(
            r.text().contains(attribute),
            "{attribute}: points at it:\n{}",
            r.text()
        );
    }
    assert_eq!(emu.total_requests(), 0, "{:?}", emu.requests());
}
