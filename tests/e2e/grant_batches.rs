//! Grants written in batches, through a real Terraform: the grants of one secret that
//! Terraform applies together share one write of the secret's repositories, every grant
//! still arrives (through faults, and beside grants made elsewhere meanwhile), a batch that
//! fails fails each of its grants, and a destroy removes its grants the same way.

use crate::common::grants::{check_everything_arrived, config};
use crate::common::{emulator, Tf};
use github_emulator::{Emulator, Faults};

const SET_ALL: &str = "PUT /orgs/{org}/codespaces/secrets/{secret_name}/repositories";
const ADD_ONE: &str =
    "PUT /orgs/{org}/codespaces/secrets/{secret_name}/repositories/{repository_id}";
const REMOVE_ONE: &str =
    "DELETE /orgs/{org}/codespaces/secrets/{secret_name}/repositories/{repository_id}";
const PUT_SECRET: &str = "PUT /orgs/{org}/codespaces/secrets/{secret_name}";

/// The writes of the grant endpoints that were carried out (refused and failed requests left
/// out), and every write request sent.
fn grant_writes(emu: &Emulator) -> u64 {
    emu.tally()
        .iter()
        .filter(|(route, _)| [SET_ALL, ADD_ONE, REMOVE_ONE].contains(&route.as_str()))
        .map(|(_, t)| t.writes)
        .sum()
}

fn tally(emu: &Emulator) -> String {
    format!("{:#?}", emu.tally())
}

#[test]
fn a_hundred_grants_of_twenty_secrets_take_a_few_writes_through_faults() {
    let emu = emulator();
    let tf = Tf::against(&emu);
    tf.config(&config(&emu, 20, 5));
    emu.set_faults(Faults {
        server_error_per_mille: 60,
        lost_answer_per_mille: 40,
        rate_limited_per_mille: 40,
        retry_after_secs: 1,
        seed: 24,
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
    // One write per grant would be 100; 20 secrets whose five grants each come together
    // need 20, and the faults (a retried write counts again) a few more.
    let writes = grant_writes(&emu);
    assert!(writes <= 60, "{writes} grant writes:\n{}", tally(&emu));
    emu.set_faults(Faults::default());
    let (changes, plan) = tf.plan_changes();
    assert!(!changes, "the next plan is empty:\n{}", plan.stdout);
}
