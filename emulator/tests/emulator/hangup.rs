//! As on GitHub, a write that arrived is carried out even when the client hangs up before the
//! answer (a provider killed mid-request leaves the secret created). End-to-end interrupt
//! tests rely on it to show what a dying client would lose.

use std::time::{Duration, Instant};

use crate::common::{Api, ORG, TOKEN};
use github_emulator::Faults;

#[tokio::test]
async fn a_write_whose_client_hangs_up_is_still_carried_out() {
    let api = Api::start();
    api.emu.set_faults(Faults {
        latency_ms: 300,
        ..Faults::default()
    });
    let (value, key_id) = api.seal(b"sent before the hang-up");
    let impatient = reqwest::Client::builder()
        .timeout(Duration::from_millis(50))
        .build()
        .unwrap();
    let sent = impatient
        .put(format!(
            "{}/orgs/{ORG}/codespaces/secrets/LEFT_BEHIND",
            api.emu.base_url()
        ))
        .bearer_auth(TOKEN)
        .header("user-agent", "tests")
        .json(&serde_json::json!({"encrypted_value": value, "key_id": key_id, "visibility": "all"}))
        .send()
        .await;
    assert!(
        sent.is_err_and(|e| e.is_timeout()),
        "the client should have given up before the answer"
    );

    let start = Instant::now();
    while api.emu.secret(ORG, "LEFT_BEHIND").is_none() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the write was dropped with its connection"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let secret = api.emu.secret(ORG, "LEFT_BEHIND").unwrap();
    assert_eq!(secret.plaintext, b"sent before the hang-up");
}
