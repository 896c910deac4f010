//! A real terraform against a flaky GitHub: an apply of 100 grants through server errors, lost
//! answers and 429s completes in one run with every value and grant in place, in a few
//! writes, and an apply under GitHub's
//! secondary limits (with a short window) completes with its refusals counted.

use std::time::Duration;

use crate::common::grants::{check_everything_arrived, config, grant_writes, tally};
use crate::common::{emulator, Tf, ORG};
use github_emulator::{Faults, SecondaryLimits};

/// The seed of the single-file test of lost answers (see there): its draws lose the answer of
/// the create's PUT, after the plan's listing and the apply's two listings and key fetch.
const SEED: u64 = 7;

/// 100 grants of 20 secrets: one write per grant would be 100 (the incumbent's count,
/// before its retries); the grants of one secret that Terraform applies together share a
/// write, so 20 writes at best, and the faults (each try counts) a few more. How many share
/// depends on when Terraform starts each grant, which the faults' waits spread out (46 to
/// 69 writes over 14 runs, one of them CI's), so the bound is fewer writes than grants: a
/// tighter one would time the run.
#[test]
fn an_apply_of_a_hundred_grants_through_server_errors_lost_answers_and_429s_takes_few_writes() {
    let emu = emulator();
    let tf = Tf::against(&emu);
    tf.config(&config(&emu, 20, 5));
    emu.set_faults(Faults {
        server_error_per_mille: 100,
        lost_answer_per_mille: 50,
        rate_limited_per_mille: 50,
        retry_after_secs: 1,
        seed: 2026,
        ..Faults::default()
    });
    tf.apply();
    let stats = emu.fault_stats();
    eprintln!("faults served: {stats:?}\n{}", tally(&emu));
    assert!(
        stats.server_errors > 0 && stats.lost_answers > 0 && stats.refused_429 > 0,
        "every kind of fault was met: {stats:?}"
    );
    check_everything_arrived(&emu, &tf, 20, 5);
    let writes = grant_writes(&emu);
    eprintln!("{writes} grant writes for 100 grants");
    assert!(writes < 100, "{writes} grant writes:\n{}", tally(&emu));
    emu.set_faults(Faults::default());
    let (changes, plan) = tf.plan_changes();
    assert!(!changes, "the next plan is empty:\n{}", plan.stdout);
}

#[test]
fn an_apply_under_the_secondary_limits_completes_with_its_refusals_counted() {
    let emu = emulator();
    let tf = Tf::against(&emu);
    tf.config(&config(&emu, 10, 3));
    // 10 secret PUTs (50 points) on one endpoint with 20 points per 2 s: at least 3 windows.
    emu.set_faults(Faults {
        secondary_limits: Some(SecondaryLimits {
            points: 20,
            window: Duration::from_secs(2),
            ..SecondaryLimits::default()
        }),
        ..Faults::default()
    });
    emu.reset_counts();
    tf.apply();
    let stats = emu.fault_stats();
    let refused_403 = emu.requests().iter().filter(|r| r.status == 403).count() as u64;
    eprintln!("refusals: {stats:?} of {} requests", emu.total_requests());
    assert!(stats.refused_403 > 0, "the limits were met: {stats:?}");
    assert_eq!(stats.refused_403, refused_403, "every refusal is counted");
    check_everything_arrived(&emu, &tf, 10, 3);
    let (changes, plan) = tf.plan_changes();
    assert!(!changes, "the next plan is empty:\n{}", plan.stdout);
}

/// One secret and one grant, so requests go one at a time and the seeded draws fall on the
/// same requests every run: the create's answer is lost, and so are answers during destroy.
#[test]
fn writes_repeated_after_lost_answers_count_as_done() {
    let emu = emulator();
    let tf = Tf::against(&emu);
    tf.config(&config(&emu, 1, 1));
    let lossy = Faults {
        lost_answer_per_mille: 500,
        seed: SEED,
        ..Faults::default()
    };
    emu.set_faults(lossy.clone());
    tf.apply();
    let secret = emu.secret(ORG, "S0").unwrap();
    assert!(
        secret.put_count >= 2,
        "the create was carried out, its answer lost, and sent again: {:?}",
        emu.requests()
    );
    check_everything_arrived(&emu, &tf, 1, 1);
    emu.set_faults(lossy);
    emu.reset_counts();
    tf.ok(&["destroy", "-auto-approve", "-input=false", "-no-color"]);
    assert!(emu.fault_stats().lost_answers > 0, "{:?}", emu.requests());
    assert!(emu.secrets(ORG).is_empty());
}
