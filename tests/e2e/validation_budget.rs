//! Plan-time refusals that write nothing, an actionable 401, logs free of secrets at
//! TF_LOG=trace, and the API-call budget of refreshes and applies, counted by the emulator.

use crate::common::{emulator, repo_id, Tf, ORG, TOKEN};

fn secret(body: &str) -> String {
    format!("resource \"codespaces_org_secret\" \"s\" {{\n{body}\n}}\n")
}

#[test]
fn invalid_configurations_are_refused_at_plan_and_nothing_is_sent() {
    let emu = emulator();
    let big = "x".repeat(48 * 1024 + 1);
    let cases: Vec<(&str, String, &str)> = vec![
        ("bad characters", secret("secret_name = \"has-dash\"\nvalue = \"v\"\nvisibility = \"all\""), "letters, digits and underscores"),
        ("GITHUB_ prefix", secret("secret_name = \"github_token\"\nvalue = \"v\"\nvisibility = \"all\""), "GITHUB_ prefix"),
        ("leading digit", secret("secret_name = \"1PASSWORD\"\nvalue = \"v\"\nvisibility = \"all\""), "must not start with a digit"),
        ("unknown visibility", secret("secret_name = \"A\"\nvalue = \"v\"\nvisibility = \"public\""), "is not a visibility"),
        ("ids without selected", secret("secret_name = \"A\"\nvalue = \"v\"\nvisibility = \"all\"\nselected_repository_ids = [1]"), "need visibility \"selected\""),
        ("two values", secret("secret_name = \"A\"\nvalue = \"v\"\nvalue_wo = \"w\"\nvisibility = \"all\""), "Conflicting secret values"),
        ("no value", secret("secret_name = \"A\"\nvisibility = \"all\""), "Missing secret value"),
        ("over 48 KiB", secret(&format!("secret_name = \"A\"\nvalue = \"{big}\"\nvisibility = \"all\"")), "at most 49152 bytes"),
        ("sealed without key", secret("secret_name = \"A\"\nencrypted_value = \"c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0\"\nvisibility = \"all\""), "needs `key_id`"),
        ("sealed not base64", secret("secret_name = \"A\"\nencrypted_value = \"***\"\nkey_id = \"1\"\nvisibility = \"all\""), "must be base64"),
        ("version without write-only", secret("secret_name = \"A\"\nvalue = \"v\"\nvalue_wo_version = 2\nvisibility = \"all\""), "without `value_wo`"),
        ("bad grant id", "resource \"codespaces_org_secret_repository\" \"g\" {\n  secret_name = \"A\"\n  repository_id = -4\n}\n".to_string(), "positive whole number"),
    ];
    for (what, config, expected) in cases {
        Tf::against(&emu).refused_at_plan(what, &config, &[expected]);
    }
    assert_eq!(
        emu.total_requests(),
        0,
        "nothing reached GitHub: {:?}",
        emu.requests()
    );
}

#[test]
fn a_wrong_token_gives_an_actionable_401() {
    let emu = emulator();
    let tf = Tf::against(&emu).env("GITHUB_TOKEN", "not-the-token");
    tf.config(&secret(
        "secret_name = \"A\"\nvalue = \"v\"\nvisibility = \"all\"",
    ));
    let r = tf.run(&["apply", "-auto-approve", "-no-color"]);
    assert!(!r.ok());
    let text = r.text();
    assert!(
        text.contains("401") && text.contains("Bad credentials") && text.contains("GITHUB_TOKEN"),
        "{text}"
    );
    assert!(!text.contains("not-the-token"), "the token is never echoed");
    assert_eq!(emu.writes(), 0);
}

#[test]
fn a_missing_token_is_reported_only_when_the_api_is_needed() {
    let emu = emulator();
    let tf = Tf::new()
        .env("GITHUB_BASE_URL", &emu.base_url())
        .env("GITHUB_OWNER", ORG);
    tf.config(&secret(
        "secret_name = \"A\"\nvalue = \"v\"\nvisibility = \"all\"",
    ));
    tf.ok(&["validate", "-no-color"]);
    let r = tf.run(&["apply", "-auto-approve", "-no-color"]);
    assert!(
        !r.ok() && r.text().contains("Missing GitHub token") && r.text().contains("GITHUB_TOKEN"),
        "{}",
        r.text()
    );
}

#[test]
fn trace_logs_hold_neither_values_nor_the_token() {
    let emu = emulator();
    let tf = Tf::against(&emu)
        .env("TF_LOG", "trace")
        .env("TF_VAR_wo", "wo-value-SENTINEL-2");
    tf.config(
        "variable \"wo\" {\n  type = string\n  sensitive = true\n  ephemeral = true\n}\nresource \"codespaces_org_secret\" \"a\" {\n  secret_name = \"A\"\n  value = \"plain-value-SENTINEL-1\"\n  visibility = \"all\"\n}\nresource \"codespaces_org_secret\" \"b\" {\n  secret_name = \"B\"\n  value_wo = var.wo\n  visibility = \"all\"\n}\n",
    );
    let apply = tf.ok(&["apply", "-auto-approve", "-no-color"]);
    let plan = tf.run(&["plan", "-no-color"]);
    let logs = format!("{}{}", apply.stderr, plan.stderr);
    assert!(logs.contains("codespaces"), "trace logging was on");
    assert!(
        logs.contains("provider.codespaces"),
        "our own log lines reached Terraform's log"
    );
    for leak in ["plain-value-SENTINEL-1", "wo-value-SENTINEL-2", TOKEN] {
        assert!(
            !logs.contains(leak),
            "{leak:?} appeared in the TF_LOG=trace output"
        );
    }
    assert_eq!(
        emu.secret(ORG, "B").unwrap().plaintext,
        b"wo-value-SENTINEL-2"
    );
}

#[test]
fn refresh_and_apply_stay_within_the_api_budget() {
    let emu = emulator();
    let tf = Tf::against(&emu);
    let repos: Vec<i64> = emu.repositories(ORG).iter().map(|r| r.id).collect();
    let mut config = String::new();
    // 20 secrets: 10 `selected` with grants as resources (4 each = 40 grants), 10 not.
    for i in 0..20 {
        let visibility = if i < 10 { "selected" } else { "private" };
        config.push_str(&format!(
            "resource \"codespaces_org_secret\" \"s{i}\" {{\n  secret_name = \"SECRET_{i}\"\n  value = \"value-{i}\"\n  visibility = \"{visibility}\"\n}}\n"
        ));
    }
    for i in 0..10 {
        for (g, repo) in repos.iter().enumerate().take(4) {
            config.push_str(&format!(
                "resource \"codespaces_org_secret_repository\" \"g{i}_{g}\" {{\n  secret_name = codespaces_org_secret.s{i}.secret_name\n  repository_id = {repo}\n}}\n"
            ));
        }
    }
    tf.config(&config);
    let (changes, plan) = tf.plan_changes();
    assert!(changes, "{}", plan.stdout);
    eprintln!(
        "create-only plan of 20 secrets + 40 grants: {} requests: {:?}",
        emu.total_requests(),
        by_route(&emu)
    );
    assert_eq!(
        emu.count("GET /orgs/{org}/codespaces/secrets"),
        1,
        "planning creates lists the organization's secrets once"
    );
    assert_eq!(emu.total_requests(), 1, "and calls nothing else");

    emu.reset_counts();
    tf.apply();
    let apply_keys = emu.count("GET /orgs/{org}/codespaces/secrets/public-key");
    let apply_total = emu.total_requests();
    eprintln!(
        "apply of 20 secrets + 40 grants: {apply_total} requests: {:?}",
        by_route(&emu)
    );
    assert_eq!(apply_keys, 1, "one public-key fetch for the whole apply");
    assert_eq!(
        emu.count("PUT /orgs/{org}/codespaces/secrets/{secret_name}"),
        20
    );
    // `terraform apply` plans (one listing), then applies in a new provider process, where
    // Terraform plans each change again (one listing, kept for the process) and the creates
    // check that their names are still free against that same listing, kept current by the
    // process's own writes. Each create reads its secret back: the 20 read-backs, coming as
    // a stream, share listings instead of a GET each.
    let listings = emu.count("GET /orgs/{org}/codespaces/secrets");
    let gets = emu.count("GET /orgs/{org}/codespaces/secrets/{secret_name}");
    assert!(listings >= 2, "one listing for the plan, one for the apply");
    assert!(
        listings - 2 + gets < 20,
        "read-backs share listings: {listings} listings, {gets} GETs"
    );

    emu.reset_counts();
    let (changes, plan) = tf.plan_changes();
    assert!(!changes, "{}", plan.stdout);
    eprintln!(
        "no-change plan of 20 secrets + 40 grants: {} requests: {:?}",
        emu.total_requests(),
        by_route(&emu)
    );
    assert_eq!(emu.count("GET /orgs/{org}/codespaces/secrets"), 1);
    assert_eq!(
        emu.count("GET /orgs/{org}/codespaces/secrets/{secret_name}/repositories"),
        10,
        "one per selected secret"
    );
    assert_eq!(emu.total_requests(), 11);
    let _ = repo_id(&emu, "api");
}

fn by_route(emu: &github_emulator::Emulator) -> std::collections::BTreeMap<String, u64> {
    let mut m = std::collections::BTreeMap::new();
    for r in emu.requests() {
        *m.entry(r.route).or_insert(0) += 1;
    }
    m
}

#[test]
fn a_token_lacking_admin_org_is_told_so_in_words() {
    let emu = github_emulator::Emulator::start(github_emulator::EmulatorConfig {
        limited_tokens: vec!["repo-only".into()],
        ..Default::default()
    })
    .unwrap();
    let tf = Tf::against(&emu).env("GITHUB_TOKEN", "repo-only");
    tf.config(&secret(
        "secret_name = \"A\"\nvalue = \"v\"\nvisibility = \"all\"",
    ));
    let r = tf.run(&["apply", "-auto-approve", "-no-color"]);
    assert!(!r.ok());
    let folded = r.text().split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        folded.contains("HTTP 403") && folded.contains("this endpoint accepts [admin:org]"),
        "{}",
        r.text()
    );
    assert_eq!(emu.writes(), 0);
}
