//! Grants written in batches, through a real Terraform: the grants of one secret that
//! Terraform applies together share one write of the secret's repositories (for user
//! secrets too), every grant still arrives beside grants made elsewhere meanwhile, a batch
//! that fails fails each of its grants, Ctrl-C finishes the batch in flight, and a destroy
//! removes its grants the same way. The apply of 100 grants through faults is in
//! `resilience.rs`.

use std::collections::BTreeSet;
use std::fs::File;
use std::os::unix::process::CommandExt;
use std::time::{Duration, Instant};

use crate::common::grants::{check_everything_arrived, config, grant_writes, tally, SET_ALL};
use crate::common::logs::{field, lines};
use crate::common::{emulator, fold, Tf, ORG};
use crate::interrupt::{group_outlives, signal_group, wait_bounded};
use github_emulator::Emulator;

const PUT_SECRET: &str = "PUT /orgs/{org}/codespaces/secrets/{secret_name}";
const LIST_GRANTS: &str = "GET /orgs/{org}/codespaces/secrets/{secret_name}/repositories";
/// Long enough for anything the emulator is asked to wait for.
const HELD: Duration = Duration::from_secs(120);

/// One `selected` secret `name` granted, through grant resources that name it by reference,
/// to each of `repos`.
fn one_secret(name: &str, repos: &[i64]) -> String {
    let mut text = format!(
        "resource \"codespaces_org_secret\" \"s\" {{\n  secret_name = \"{name}\"\n  value = \"v\"\n  visibility = \"selected\"\n}}\n"
    );
    for repo in repos {
        text.push_str(&format!(
            "resource \"codespaces_org_secret_repository\" \"g{repo}\" {{\n  secret_name = codespaces_org_secret.s.secret_name\n  repository_id = {repo}\n}}\n"
        ));
    }
    text
}

/// The first `n` repositories of the organization.
fn repos(emu: &Emulator, n: usize) -> Vec<i64> {
    emu.repositories(ORG).iter().take(n).map(|r| r.id).collect()
}

/// The repositories granted in the state.
fn granted_in_state(tf: &Tf) -> BTreeSet<i64> {
    tf.attributes("codespaces_org_secret_repository", "repository_id")
        .iter()
        .filter_map(serde_json::Value::as_i64)
        .collect()
}

#[test]
fn a_batch_that_fails_fails_each_of_its_grants_with_githubs_error() {
    let emu = emulator();
    let tf = Tf::against(&emu).env("TF_LOG_PROVIDER", "debug");
    let log_path = tf.path().join("provider.log");
    let tf = tf.env("TF_LOG_PATH", &log_path.to_string_lossy());
    tf.config(&one_secret("SHARED", &repos(&emu, 5)));
    // A batch of several grants reads the secret's repositories first; once GitHub has
    // answered that read, and before the batch's write, the secret is deleted by hand.
    emu.hold_answers(LIST_GRANTS);
    let (mut child, out) = tf.start(&["apply", "-auto-approve", "-no-color"], "apply.log");
    assert!(emu.wait_until_held(1, HELD), "no batch of several grants");
    assert!(emu.delete_secret_outside(ORG, "SHARED"));
    emu.release_answers();
    assert!(!child.wait().unwrap().success());
    let text = fold(&std::fs::read_to_string(out).unwrap());
    let log = std::fs::read_to_string(&log_path).unwrap();
    // Grants that arrive after the held batch may make a batch of their own (Terraform
    // decides when each arrives); every batch fails, as the secret is gone.
    let failed = lines(
        &log,
        "grant batch failed; each of its grants reports the error",
    );
    let carried: Vec<usize> = failed
        .iter()
        .map(|line| field(line, "grants").unwrap().parse().unwrap())
        .collect();
    assert!(carried.iter().any(|&n| n > 1), "{failed:#?}");
    // Each grant of a failed batch says so: GitHub's refusal, and, where the batch carried
    // others, the grants it was sent with.
    assert_eq!(
        text.matches("Error: Secret does not exist").count(),
        carried.iter().sum::<usize>(),
        "each grant of a failed batch reports GitHub's error:\n{text}"
    );
    assert_eq!(
        text.matches(
            "to the same secret, so GitHub's answer is theirs too, and none of them was made"
        )
        .count(),
        carried.iter().filter(|&&n| n > 1).sum::<usize>(),
        "{text}"
    );
}

#[test]
fn ctrl_c_finishes_the_batch_in_flight_and_records_its_grants() {
    let emu = emulator();
    let tf = Tf::against(&emu);
    let ids = repos(&emu, 6);
    tf.config(&one_secret("STOPPED", &ids));
    // The batch's set-all PUT is carried out at GitHub; its answer waits for the test.
    emu.hold_answers(SET_ALL);
    let log_path = tf.path().join("apply.log");
    let provider_log_path = tf.path().join("provider.log");
    let log = File::create(&log_path).unwrap();
    let mut child = tf
        .command(&["apply", "-auto-approve", "-input=false", "-no-color"])
        .env("TF_LOG_PROVIDER", "debug")
        .env("TF_LOG_PATH", &provider_log_path)
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .process_group(0)
        .spawn()
        .expect("terraform could not be started");
    assert!(emu.wait_until_held(1, HELD), "no batch was written");
    signal_group(&child, libc::SIGINT);
    // Terraform tells the provider to stop: then, and only then, GitHub answers.
    let provider_log = || std::fs::read_to_string(&provider_log_path).unwrap_or_default();
    let asked = Instant::now();
    let stopped = loop {
        if provider_log().contains("Stop requested by Terraform") {
            break true;
        }
        if asked.elapsed() > HELD {
            break false;
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    emu.release_answers();
    let status = wait_bounded(&mut child);
    assert!(stopped, "Terraform did not call Stop:\n{}", provider_log());
    if group_outlives(child.id()) {
        signal_group(&child, libc::SIGKILL);
        panic!("the provider kept running after Terraform exited");
    }
    let text = std::fs::read_to_string(&log_path).unwrap_or_default();
    assert!(text.contains("Interrupt received"), "{status}:\n{text}");
    let at_github = emu.secret(ORG, "STOPPED").unwrap().selected_repository_ids;
    assert!(
        at_github.len() > 1,
        "the batch in flight carried several grants"
    );
    assert_eq!(
        granted_in_state(&tf),
        at_github,
        "every grant the batch made is in the state, and nothing else:\n{text}"
    );
    tf.apply();
    let all: BTreeSet<i64> = ids.iter().copied().collect();
    assert_eq!(
        emu.secret(ORG, "STOPPED").unwrap().selected_repository_ids,
        all
    );
    assert!(!tf.plan_changes().0);
}

#[test]
fn a_grant_made_outside_terraform_during_the_apply_survives_the_batch() {
    let emu = emulator();
    let tf = Tf::against(&emu);
    let ids = repos(&emu, 5);
    let outside = emu.repositories(ORG).last().unwrap().id;
    assert!(!ids.contains(&outside));
    tf.config(&one_secret("KEPT", &ids));
    // The secret is created; before Terraform hears of it (and so before any of its grants
    // is applied), someone grants another repository by hand.
    emu.hold_answers(PUT_SECRET);
    let (mut child, log_path) = tf.start(&["apply", "-auto-approve", "-no-color"], "apply.log");
    assert!(emu.wait_until_held(1, HELD), "the secret was not written");
    assert!(emu.add_repository_outside(ORG, "KEPT", outside));
    emu.release_answers();
    let status = child.wait().unwrap();
    let text = std::fs::read_to_string(log_path).unwrap_or_default();
    assert!(status.success(), "{text}");
    assert!(
        emu.count(SET_ALL) >= 1,
        "the grants went in one write:\n{}",
        tally(&emu)
    );
    let mut all: BTreeSet<i64> = ids.iter().copied().collect();
    all.insert(outside);
    assert_eq!(
        emu.secret(ORG, "KEPT").unwrap().selected_repository_ids,
        all,
        "the grant made outside is kept beside Terraform's"
    );
    assert!(!tf.plan_changes().0, "a grant made elsewhere is left alone");
}

#[test]
fn a_destroy_of_a_hundred_grants_shares_writes_and_logs_each_batch() {
    let emu = emulator();
    let tf = Tf::against(&emu).env("TF_LOG_PROVIDER", "debug");
    let log_path = tf.path().join("provider.log");
    let tf = tf.env("TF_LOG_PATH", &log_path.to_string_lossy());
    tf.config(&config(&emu, 20, 5));
    tf.apply();
    check_everything_arrived(&emu, &tf, 20, 5);
    emu.reset_counts();
    std::fs::write(&log_path, "").unwrap();
    // The secrets stay; their 100 grants go.
    tf.config(&config(&emu, 20, 0));
    tf.apply();
    for i in 0..20 {
        let s = emu.secret(ORG, &format!("S{i}")).unwrap();
        assert!(
            s.selected_repository_ids.is_empty(),
            "S{i} has no grant left"
        );
    }
    check_everything_arrived(&emu, &tf, 20, 0);
    let writes = grant_writes(&emu);
    // One write per removal would be 100: removals of one secret that Terraform applies
    // together share one.
    assert!(
        writes < 100,
        "{writes} grant writes for 100 removals:\n{}",
        tally(&emu)
    );
    assert_eq!(emu.count(PUT_SECRET), 0, "{}", tally(&emu));
    // Each batch is one line: its secret, how many grants it carried, the write it used.
    let log = std::fs::read_to_string(&log_path).unwrap();
    let batches = lines(&log, "grant batch written");
    let carried: usize = batches
        .iter()
        .map(|l| {
            field(l, "grants")
                .and_then(|n| n.parse::<usize>().ok())
                .unwrap_or(0)
        })
        .sum();
    assert_eq!(
        carried, 100,
        "every removal is in one logged batch:\n{batches:#?}"
    );
    assert!(
        batches
            .iter()
            .all(|l| field(l, "secret_name").is_some() && field(l, "write").is_some()),
        "{batches:#?}"
    );
    assert!(
        batches
            .iter()
            .any(|l| field(l, "write").is_some_and(|w| w.contains("set-all PUT"))),
        "{batches:#?}"
    );
}

#[test]
fn a_user_secrets_grants_are_batched_the_same_way() {
    let emu = emulator();
    let tf = Tf::against(&emu);
    let ids = repos(&emu, 5);
    let mut text = String::new();
    for i in 0..4 {
        text.push_str(&format!(
            "resource \"codespaces_user_secret\" \"u{i}\" {{\n  secret_name = \"U{i}\"\n  value = \"v\"\n}}\n"
        ));
        for id in &ids {
            text.push_str(&format!(
                "resource \"codespaces_user_secret_repository\" \"u{i}_{id}\" {{\n  secret_name = codespaces_user_secret.u{i}.secret_name\n  repository_id = {id}\n}}\n"
            ));
        }
    }
    tf.config(&text);
    tf.apply();
    let me = github_emulator::Home::user(emu.user());
    let all: BTreeSet<i64> = ids.iter().copied().collect();
    for i in 0..4 {
        let s = emu.secret(me.clone(), &format!("U{i}")).unwrap();
        assert_eq!(s.selected_repository_ids, all, "U{i} has its five grants");
    }
    let user_routes = [
        "PUT /user/codespaces/secrets/{secret_name}/repositories",
        "PUT /user/codespaces/secrets/{secret_name}/repositories/{repository_id}",
    ];
    let writes: u64 = user_routes.iter().map(|r| emu.count(r)).sum();
    assert!(
        writes < 20,
        "{writes} writes for 20 grants:\n{}",
        tally(&emu)
    );
    assert!(emu.count(user_routes[0]) >= 1, "{}", tally(&emu));
    assert!(!tf.plan_changes().0);
}
