//! `TF_LOG_PROVIDER=debug` through a real `terraform apply` and plan under injected faults
//! (server errors, lost answers, 429s): one log line per API call the emulator received,
//! with its method, route template and status; one line per retry and per rate-limit wait,
//! and one per wait saying how long and why; the lines of an RPC name its resource type and
//! ID; and no token or secret value anywhere.

use crate::common::logs::{field, lines};
use crate::common::{emulator_accepting, Tf, ORG};
use github_emulator::{Emulator, Faults};

const TOKEN: &str = "ghp_LogsTestTokenNeverPrinted";

/// `n` secrets `L{i}` holding `SENTINEL-VALUE-{i}`, each granted to two repositories.
fn config(emu: &Emulator, n: usize) -> String {
    let repos: Vec<i64> = emu.repositories(ORG).iter().map(|r| r.id).take(2).collect();
    let mut text = String::new();
    for i in 0..n {
        text.push_str(&format!(
            "resource \"codespaces_org_secret\" \"l{i}\" {{\n  secret_name = \"L{i}\"\n  value = \"SENTINEL-VALUE-{i}\"\n  visibility = \"selected\"\n}}\n"
        ));
        for (g, repo) in repos.iter().enumerate() {
            text.push_str(&format!(
                "resource \"codespaces_org_secret_repository\" \"l{i}_{g}\" {{\n  secret_name = codespaces_org_secret.l{i}.secret_name\n  repository_id = {repo}\n}}\n"
            ));
        }
    }
    text
}

#[test]
fn every_api_call_retry_and_wait_is_logged_once_and_nothing_secret() {
    let emu = emulator_accepting(TOKEN);
    let tf = Tf::against_as(&emu, TOKEN).env("TF_LOG_PROVIDER", "debug");
    let log_path = tf.path().join("provider.log");
    let tf = tf.env("TF_LOG_PATH", &log_path.to_string_lossy());
    tf.config(&config(&emu, 4));
    emu.set_faults(Faults {
        server_error_per_mille: 150,
        lost_answer_per_mille: 50,
        rate_limited_per_mille: 80,
        retry_after_secs: 1,
        seed: 16,
        ..Faults::default()
    });
    let apply = tf.apply();
    let (changes, plan) = tf.plan_changes();
    assert!(
        !changes,
        "the faulted apply left nothing to do:\n{}",
        plan.text()
    );
    let log = std::fs::read_to_string(&log_path).unwrap();

    // One line per API call, the same calls the emulator received.
    let calls = lines(&log, "GitHub API call");
    let mut logged: Vec<String> = calls
        .iter()
        .map(|l| {
            let f = |k| field(l, k).unwrap_or_else(|| panic!("no {k} in {l}"));
            format!("{} {} {}", f("method"), f("route"), f("status"))
        })
        .collect();
    let records = emu.requests();
    let mut received: Vec<String> = records
        .iter()
        .map(|r| format!("{} {}", r.route, r.status))
        .collect();
    logged.sort();
    received.sort();
    assert_eq!(logged, received, "one log line per API call");
    assert!(calls
        .iter()
        .all(|l| field(l, "duration_ms").is_some() && field(l, "attempt").is_some()));

    // One line per retry and per rate-limit wait, and one per wait with how long and why.
    let failed = records.iter().filter(|r| r.status >= 500).count();
    let limited = records.iter().filter(|r| r.status == 429).count();
    assert!(
        failed > 0 && limited > 0,
        "faults were injected: {failed} 5xx, {limited} 429"
    );
    assert_eq!(lines(&log, "retrying GitHub API call").len(), failed);
    let rate_waits = lines(&log, "GitHub rate limit: waiting before trying again");
    assert_eq!(rate_waits.len(), limited);
    // Callers of an endpoint GitHub refused wait until it is served again: waits too.
    let waits = lines(&log, "waiting");
    let why = |reason: &str| {
        waits
            .iter()
            .filter(|w| field(w, "why").as_deref() == Some(reason))
            .count()
    };
    assert_eq!(why("backoff before a retry"), failed);
    assert_eq!(why("GitHub's rate limit"), limited);
    let held = why("the endpoint is held back after a refusal");
    assert_eq!(waits.len(), failed + limited + held, "{waits:#?}");
    assert!(waits.iter().all(|w| field(w, "wait_ms").is_some()));

    // The lines of an RPC name the resource type and the ID it works on.
    let refresh: Vec<&&str> = calls
        .iter()
        .filter(|l| field(l, "tf_rpc").as_deref() == Some("ReadResource"))
        .collect();
    assert!(!refresh.is_empty(), "the plan refreshed");
    assert!(refresh.iter().all(|l| {
        field(l, "tf_resource_type").is_some_and(|t| t.starts_with("codespaces_org_secret"))
            && field(l, "tf_resource_id").is_some_and(|id| id.starts_with('L'))
    }));

    // Never a token or a value.
    let all = format!("{log}{}{}", apply.text(), plan.text());
    for leak in
        std::iter::once(TOKEN.to_string()).chain((0..4).map(|i| format!("SENTINEL-VALUE-{i}")))
    {
        assert!(!all.contains(&leak), "{leak} was logged");
    }
}
