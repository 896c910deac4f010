//! The GitHub client against github-emulator's faults: rate-limit waits that leave the retry
//! budget alone, writes repeated after a lost answer that count as done, pacing by the
//! secondary limits, and `Client::stop` ending waits without cutting off requests sent.

use std::sync::Arc;
use std::time::Duration;

use crate::common::{home, put_concurrently, put_sealed, put_value};
use github_client::{
    Client, ClientConfig, Credentials, EndpointBudget, Error, Sleeper, Visibility,
};
use github_emulator::{Emulator, EmulatorConfig, Faults, SecondaryLimits};
use tokio::sync::mpsc;

const ORG: &str = "acme";

/// Tells the test when a wait begins, then waits for real (or not at all with `instant`).
struct Signalling {
    began: mpsc::UnboundedSender<Duration>,
    instant: bool,
}

#[async_trait::async_trait]
impl Sleeper for Signalling {
    async fn sleep(&self, d: Duration) {
        let _ = self.began.send(d);
        if !self.instant {
            tokio::time::sleep(d).await;
        }
    }
}

fn client(emu: &Emulator, instant: bool) -> (Client, mpsc::UnboundedReceiver<Duration>) {
    let (began, rx) = mpsc::unbounded_channel();
    let cfg = ClientConfig::new(emu.base_url(), Credentials::token("test-token"));
    let c = Client::with_sleeper(cfg, Arc::new(Signalling { began, instant })).unwrap();
    (c, rx)
}

#[tokio::test]
async fn rate_limit_waits_leave_the_retry_budget_alone() {
    let emu = Emulator::start(EmulatorConfig::default()).unwrap();
    // More refusals than retries allowed, then server errors up to the budget: all pass.
    emu.set_faults(Faults {
        rate_limited: 8,
        retry_after_secs: 1,
        ..Faults::default()
    });
    let mut cfg = ClientConfig::new(emu.base_url(), Credentials::token("test-token"));
    cfg.max_retries = 2;
    let (began, _rx) = mpsc::unbounded_channel();
    let strict = Client::with_sleeper(
        cfg,
        Arc::new(Signalling {
            began,
            instant: true,
        }),
    )
    .unwrap();
    strict.list_secrets(&home()).await.unwrap();
    let stats = strict.stats();
    assert_eq!((stats.refusals, stats.retries, stats.requests), (8, 0, 9));
    emu.set_faults(Faults {
        rate_limited: 3,
        server_errors: 2,
        retry_after_secs: 1,
        ..Faults::default()
    });
    strict.list_secrets(&home()).await.unwrap();
    assert_eq!(
        strict.stats().retries,
        2,
        "exactly the budget, after 3 refusals"
    );
}

#[tokio::test]
async fn writes_whose_answers_were_lost_count_as_done() {
    let emu = Emulator::start(EmulatorConfig::default()).unwrap();
    let (c, _waits) = client(&emu, true);
    let id = emu.repositories(ORG)[0].id;
    let key = c.get_public_key(&home()).await.unwrap();
    emu.set_faults(Faults {
        lost_answers: 1,
        ..Faults::default()
    });
    let written = put_sealed(&c, &key, "LOST", b"v", Visibility::Selected, Some(vec![]))
        .await
        .unwrap();
    assert_eq!(emu.secret(ORG, "LOST").unwrap().put_count, 2, "sent again");
    assert_eq!(
        (emu.secret(ORG, "LOST").unwrap().plaintext, written.key_id),
        (b"v".to_vec(), emu.public_key(ORG).map(|k| k.0))
    );
    for lost in [true, false] {
        emu.set_faults(Faults {
            lost_answers: u32::from(lost),
            ..Faults::default()
        });
        c.add_selected_repository(&home(), "LOST", id)
            .await
            .unwrap();
    }
    for lost in [true, false] {
        emu.set_faults(Faults {
            lost_answers: u32::from(lost),
            ..Faults::default()
        });
        c.remove_selected_repository(&home(), "LOST", id)
            .await
            .unwrap();
    }
    assert!(emu
        .secret(ORG, "LOST")
        .unwrap()
        .selected_repository_ids
        .is_empty());
    emu.set_faults(Faults {
        lost_answers: 1,
        ..Faults::default()
    });
    c.delete_secret(&home(), "LOST").await.unwrap();
    assert!(emu.secret(ORG, "LOST").is_none());
    assert!(
        c.delete_secret(&home(), "LOST")
            .await
            .unwrap_err()
            .is_not_found(),
        "a first-try 404 is still reported"
    );
}

#[tokio::test]
async fn callers_take_turns_under_the_secondary_limit() {
    let emu = Emulator::start(EmulatorConfig::default()).unwrap();
    let window = Duration::from_secs(2);
    emu.set_faults(Faults {
        secondary_limits: Some(SecondaryLimits {
            points: 20,
            window,
            ..SecondaryLimits::default()
        }),
        ..Faults::default()
    });
    let mut cfg = ClientConfig::new(emu.base_url(), Credentials::token("test-token"));
    cfg.endpoint_budget = EndpointBudget { points: 20, window };
    let c = Client::new(cfg).unwrap();
    put_concurrently(&c, 10).await;
    assert_eq!(emu.secrets(ORG).len(), 10);
    assert_eq!(emu.fault_stats().refused_403, 0, "no request was refused");
    assert_eq!(c.stats().refusals, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refusals_are_waited_out_and_counted() {
    let emu = Emulator::start(EmulatorConfig::default()).unwrap();
    emu.set_faults(Faults {
        secondary_limits: Some(SecondaryLimits {
            points: 10,
            window: Duration::from_secs(2),
            ..SecondaryLimits::default()
        }),
        ..Faults::default()
    });
    let c = Client::new(ClientConfig::new(
        emu.base_url(),
        Credentials::token("test-token"),
    ))
    .unwrap();
    put_concurrently(&c, 6).await;
    assert_eq!(emu.secrets(ORG).len(), 6);
    let stats = emu.fault_stats();
    assert!(stats.refused_403 >= 1, "{stats:?}");
    assert_eq!(
        c.stats().refusals,
        stats.refused_403,
        "each refusal was waited out"
    );
    assert_eq!(c.stats().retries, 0, "and none used up a retry");
}

#[tokio::test]
async fn stop_ends_a_retry_wait_under_way() {
    let emu = Emulator::start(EmulatorConfig::default()).unwrap();
    emu.set_faults(Faults {
        rate_limited: 1,
        retry_after_secs: 600,
        ..Faults::default()
    });
    let mut cfg_wait = ClientConfig::new(emu.base_url(), Credentials::token("test-token"));
    cfg_wait.max_rate_limit_wait = Duration::from_secs(900);
    let (began, mut rx) = mpsc::unbounded_channel();
    let patient = Client::with_sleeper(
        cfg_wait,
        Arc::new(Signalling {
            began,
            instant: false,
        }),
    )
    .unwrap();
    let call = tokio::spawn({
        let p = patient.clone();
        async move { put_value(&p, "A", b"v", Visibility::All, None).await }
    });
    assert_eq!(rx.recv().await, Some(Duration::from_secs(600)));
    patient.stop();
    let err = call.await.unwrap().unwrap_err();
    assert!(matches!(err, Error::Stopped { .. }), "{err}");
    let text = err.to_string();
    assert!(
        text.contains("asked to stop") && text.contains("Requests already sent were completed"),
        "{text}"
    );
    assert!(emu.secret(ORG, "A").is_none());
    // A stopped client starts no new wait: a server error is reported at once.
    emu.set_faults(Faults {
        server_errors: 1,
        ..Faults::default()
    });
    let before = emu.total_requests();
    let err = patient.list_secrets(&home()).await.unwrap_err();
    assert!(matches!(err, Error::Stopped { .. }), "{err}");
    assert_eq!(emu.total_requests(), before + 1, "one try, no retry");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stop_lets_a_request_already_sent_finish() {
    let emu = Emulator::start(EmulatorConfig::default()).unwrap();
    // The first try fails; the wait before the retry ends at once, and the test stops the
    // client while the retry (slowed by the emulator's latency) is on its way.
    emu.set_faults(Faults {
        server_errors: 1,
        latency_ms: 300,
        ..Faults::default()
    });
    let (c, mut waits) = client(&emu, true);
    let call = tokio::spawn({
        let c = c.clone();
        async move { put_value(&c, "SENT", b"v", Visibility::All, None).await }
    });
    waits.recv().await.unwrap();
    c.stop();
    let written = call.await.unwrap();
    assert!(written.is_ok(), "{written:?}");
    assert_eq!(emu.secret(ORG, "SENT").unwrap().plaintext, b"v");
}
