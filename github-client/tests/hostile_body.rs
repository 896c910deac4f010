//! A server answering with a 2 GB body (github-emulator's `huge_body`, generated as it is
//! sent) costs the client its body cap in memory, not the body's size: the call fails naming
//! the URL and the cap, after one request. Alone in its test binary, so the process's peak
//! memory (VmHWM) is this test's.

#[path = "client/common.rs"]
mod common;

use std::sync::Arc;

use common::{home, say, NoWait, TOKEN};
use github_client::{Client, ClientConfig, Credentials};
use github_emulator::{Emulator, EmulatorConfig, Faults};

const HUGE: u64 = 2 << 30;

/// The process's peak resident memory so far, in bytes.
fn peak_memory() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    let kib: u64 = line.split_whitespace().nth(1).unwrap().parse().unwrap();
    kib * 1024
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_two_gigabyte_body_costs_the_cap_not_its_size() {
    let emu = Emulator::start(EmulatorConfig::default()).unwrap();
    let client = Client::with_sleeper(
        ClientConfig::new(emu.base_url(), Credentials::token(TOKEN)),
        Arc::new(NoWait::default()),
    )
    .unwrap();
    client.list_secrets(&home()).await.unwrap();
    emu.set_faults(Faults {
        huge_body: Some(HUGE),
        ..Faults::default()
    });
    emu.reset_counts();
    let before = peak_memory();
    let result = client.list_secrets(&home()).await;
    let grown = peak_memory().saturating_sub(before);
    say(&format!(
        "hostile 2 GB body: peak memory grew by {} MiB ({} requests)",
        grown >> 20,
        emu.total_requests()
    ));
    let text = result.map(|_| ()).unwrap_err().to_string();
    assert!(
        text.contains(&format!("{}/orgs/acme/codespaces/secrets", emu.base_url()))
            && text.contains("larger than 8 MiB"),
        "{text}"
    );
    assert!(grown < 64 << 20, "peak memory grew by {grown} bytes");
    assert_eq!(emu.total_requests(), 1, "not retried");
}
