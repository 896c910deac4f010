//! A real terraform against a misbehaving server: a write answered with a redirect fails the
//! apply saying nothing may have changed (it used to become a GET and report success), a
//! `terraform query` over a list whose `next` link loops or never ends stops with an error
//! (Terraform 1.14+; it used to run forever), and a proxy named in the environment never
//! sees the loopback API.

use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::common::{emulator, say, terraform_at_least, Run, Tf, ORG};
use github_emulator::{BadNext, Faults, Recorder, Redirect};

const LIST_SECRETS: &str = "GET /orgs/{org}/codespaces/secrets";

fn secret(value: &str) -> String {
    format!(
        "provider \"codespaces\" {{}}\n\nresource \"codespaces_org_secret\" \"s\" {{\n  secret_name = \"REDIRECTED\"\n  value       = \"{value}\"\n  visibility  = \"all\"\n}}\n"
    )
}

#[test]
fn a_write_answered_with_a_redirect_fails_the_apply_and_changes_nothing() {
    let emu = emulator();
    let tf = Tf::against(&emu);
    tf.config(&secret("v1"));
    tf.apply();
    let puts = emu.secret(ORG, "REDIRECTED").unwrap().put_count;

    // A 303 on every PUT, pointing at something a GET reads fine.
    emu.set_faults(Faults {
        redirect: Some(Redirect {
            status: 303,
            location: Some(format!("/orgs/{ORG}/codespaces/secrets/public-key")),
            methods: vec!["PUT".into()],
            times: None,
        }),
        ..Faults::default()
    });
    tf.config(&secret("v2"));
    let run = tf.run(&["apply", "-auto-approve", "-input=false", "-no-color"]);
    let text = run.folded();
    assert!(!run.ok(), "the apply reported success:\n{}", run.text());
    for part in [
        "PUT http://",
        "/orgs/acme/codespaces/secrets/REDIRECTED",
        "HTTP 303",
        "/orgs/acme/codespaces/secrets/public-key",
        "nothing may have changed",
    ] {
        assert!(text.contains(part), "{part:?} missing from {text}");
    }
    let kept = emu.secret(ORG, "REDIRECTED").unwrap();
    assert_eq!(
        (kept.plaintext.as_slice(), kept.put_count),
        (&b"v1"[..], puts)
    );
    assert_eq!(emu.fault_stats().redirects, 1, "not retried");
}

/// Runs `terraform args`, killed if it has not ended after `limit`: `None` then.
fn run_within(tf: &Tf, args: &[&str], limit: Duration) -> Option<Run> {
    let mut child = tf
        .command(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + limit;
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Some(Run::from(child.wait_with_output().unwrap()))
}

#[test]
fn terraform_query_stops_on_a_next_link_that_loops_or_never_ends() {
    if !terraform_at_least(
        1,
        14,
        "terraform_query_stops_on_a_next_link_that_loops_or_never_ends",
    ) {
        return;
    }
    let emu = emulator();
    emu.put_secret_outside(ORG, "LISTED", b"v", "all", &[]);
    let tf = Tf::against(&emu);
    tf.config("provider \"codespaces\" {}\n");
    // A filter that matches nothing: no result counts toward Terraform's limit, so only the
    // provider can end the listing.
    tf.write(
        "loop.tfquery.hcl",
        "list \"codespaces_org_secret\" \"none\" {\n  provider = codespaces\n  config {\n    name_prefix = \"NONE_\"\n  }\n}\n",
    );
    for (bad, expected, pages) in [
        (BadNext::Itself, "is a page already fetched", 1),
        (BadNext::Endless, "did not end within 300 pages", 300),
    ] {
        emu.set_faults(Faults {
            bad_next: Some(bad.clone()),
            ..Faults::default()
        });
        emu.reset_counts();
        let run = run_within(&tf, &["query", "-no-color"], Duration::from_secs(120));
        let requests = emu.count(LIST_SECRETS);
        say(&format!(
            "terraform query, next link {bad:?}: {requests} requests"
        ));
        let run = run.unwrap_or_else(|| panic!("{bad:?}: terraform query never stopped"));
        assert!(!run.ok(), "{}", run.text());
        assert!(run.folded().contains(expected), "{}", run.text());
        assert_eq!(requests, pages);
    }
}

#[test]
fn a_proxy_in_the_environment_never_sees_the_loopback_api() {
    let emu = emulator();
    let proxy = Recorder::start().unwrap();
    let mut tf = Tf::against(&emu);
    for name in ["HTTP_PROXY", "http_proxy", "ALL_PROXY", "HTTPS_PROXY"] {
        tf = tf.env(name, &proxy.origin());
    }
    tf.config(&secret("direct"));
    tf.apply();
    assert_eq!(emu.secret(ORG, "REDIRECTED").unwrap().plaintext, b"direct");
    assert!(proxy.lines().is_empty(), "{:?}", proxy.lines());
}
