//! One cause, one error: a wrong token is found by one request and reported once however many
//! resources need GitHub; a `base_url` nothing answers on fails after a few quick attempts,
//! not a minute of retries; an answer that is not GitHub's JSON says so and names the URL;
//! sentences are joined with full stops; and no message sends the user to GitHub Enterprise
//! Server, which has no Codespaces.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;

use crate::common::{emulator, repo_id, Run, Tf, ORG};
use github_emulator::{BadNext, Faults, Redirect};

/// `n` secrets, the first `selected` ones granted to one repository each.
fn secrets(n: usize, selected: usize, repo: i64) -> String {
    let mut text = String::new();
    for i in 0..n {
        let visibility = if i < selected { "selected" } else { "private" };
        text.push_str(&format!(
            "resource \"codespaces_org_secret\" \"s{i}\" {{\n  secret_name = \"S{i}\"\n  value       = \"v{i}\"\n  visibility  = \"{visibility}\"\n}}\n"
        ));
        if i < selected {
            text.push_str(&format!(
                "resource \"codespaces_org_secret_repository\" \"g{i}\" {{\n  secret_name   = codespaces_org_secret.s{i}.secret_name\n  repository_id = {repo}\n}}\n"
            ));
        }
    }
    text
}

/// How many errors Terraform printed.
fn errors(r: &Run) -> usize {
    r.text().matches("Error: ").count()
}

#[test]
fn thirty_secrets_and_a_wrong_token_give_one_error_from_one_request() {
    let emu = emulator();
    let config = secrets(30, 10, repo_id(&emu, "api"));

    // A first plan: every create would check its name.
    let fresh = Tf::against_as(&emu, "not-the-token");
    fresh.config(&config);
    let r = fresh.run(&["plan", "-no-color"]);
    assert!(!r.ok());
    assert_eq!(errors(&r), 1, "{}", r.text());
    let text = r.folded();
    assert!(
        text.contains("HTTP 401")
            && text.contains("Bad credentials")
            && text.contains("GITHUB_TOKEN"),
        "{text}"
    );
    assert_eq!(emu.total_requests(), 1, "{:?}", emu.requests());

    // A refresh of secrets and grants the state holds.
    let tf = Tf::against(&emu);
    tf.config(&config);
    tf.apply();
    let tf = tf.env("GITHUB_TOKEN", "not-the-token");
    emu.reset_counts();
    let r = tf.run(&["plan", "-no-color"]);
    assert!(!r.ok());
    assert_eq!(errors(&r), 1, "{}", r.text());
    assert!(r.folded().contains("Bad credentials"), "{}", r.text());
    assert_eq!(emu.total_requests(), 1, "{:?}", emu.requests());
    assert!(!r.text().contains("not-the-token"));
}

#[test]
fn a_base_url_that_refuses_every_connection_fails_after_a_few_quick_attempts() {
    let emu = emulator();
    let dead = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let tf = Tf::against(&emu).env("GITHUB_BASE_URL", &format!("http://{dead}"));
    tf.config(&secrets(5, 0, 0));
    let r = tf.run(&["plan", "-no-color"]);
    assert!(!r.ok());
    let text = r.folded();
    assert!(text.contains("could not reach GitHub"), "{text}");
    let tried = ["after 1 attempt", "after 2 attempts", "after 3 attempts"];
    assert!(
        tried.iter().any(|t| text.contains(t)),
        "at most three attempts (max_retries is 10): {text}"
    );
    assert_eq!(errors(&r), 1, "{}", r.text());
}

/// A web server that answers every request with an HTML page, on its own thread.
fn html_server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(&stream);
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let body = "<!DOCTYPE html><html><body>Welcome to our intranet</body></html>";
            let _ = (&stream).write_all(
                format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                )
                .as_bytes(),
            );
        }
    });
    format!("http://someone:hunter2@{addr}")
}

#[test]
fn an_answer_that_is_not_githubs_json_says_so_and_names_the_url() {
    let emu = emulator();
    let base = html_server();
    let tf = Tf::against(&emu).env("GITHUB_BASE_URL", &base);
    tf.config(&secrets(3, 0, 0));
    let r = tf.run(&["plan", "-no-color"]);
    assert!(!r.ok());
    let text = r.folded();
    let url = base.replace("someone:hunter2@", "");
    assert!(
        text.contains("was not GitHub's JSON")
            && text.contains(&format!("{url}/orgs/acme/codespaces/secrets")),
        "{text}"
    );
    assert!(!text.contains("expected value at line"), "{text}");
    assert!(
        !text.contains("hunter2"),
        "the URL is shown without credentials: {text}"
    );
    assert_eq!(errors(&r), 1, "{}", r.text());
}

#[test]
fn sentences_are_joined_with_full_stops() {
    let emu = emulator();
    let tf = Tf::against(&emu);
    tf.config(&secrets(1, 0, 0));
    emu.set_faults(Faults {
        bad_next: Some(BadNext::Itself),
        ..Faults::default()
    });
    let r = tf.run(&["plan", "-no-color"]);
    assert!(!r.ok());
    let text = r.folded();
    assert!(
        text.contains("the listing was stopped. Planning lists"),
        "{text}"
    );
}

#[test]
fn no_message_sends_the_user_to_github_enterprise_server() {
    let emu = emulator();
    let tf = Tf::against(&emu);
    tf.config(&secrets(1, 0, 0));
    emu.set_faults(Faults {
        redirect: Some(Redirect {
            status: 307,
            location: Some("/elsewhere".into()),
            methods: vec!["PUT".into()],
            times: None,
        }),
        ..Faults::default()
    });
    let r = tf.run(&["apply", "-auto-approve", "-no-color"]);
    assert!(!r.ok());
    let text = r.folded();
    assert!(text.contains("Check the API's base URL"), "{text}");
    assert!(!text.contains("Enterprise Server"), "{text}");
    assert!(emu.secret(ORG, "S0").is_none());
}
