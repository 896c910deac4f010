//! Failures the GitHub client meets before or instead of an answer: a certificate it does
//! not trust (one attempt, named), a dead address (tried three times at once, then no more
//! in the run, the URL named without its query), refused credentials (one request a run),
//! dropped connections (retried), plain http to a host that is not this machine
//! (refused before any request), and secondary-limit refusals that name no time (a minute,
//! then doubling, as GitHub asks, then an error that says how long it waited).

use std::io::Read;
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use crate::common::{home, NoWait, TOKEN};
use github_client::{BaseUrlProblem, Client, ClientConfig, Credentials, Error};
use github_emulator::{Emulator, EmulatorConfig, Faults};

fn client(base: &str, waits: &Arc<NoWait>) -> Client {
    let config = ClientConfig::new(base, Credentials::token(TOKEN));
    Client::with_sleeper(config, waits.clone()).unwrap()
}

/// An emulator with `faults` on, and a client of it whose waits are recorded.
fn faulted(faults: Faults) -> (Emulator, Client, Arc<NoWait>) {
    let emu = Emulator::start(EmulatorConfig::default()).unwrap();
    let waits = Arc::new(NoWait::default());
    let c = client(&emu.base_url(), &waits);
    emu.set_faults(faults);
    (emu, c, waits)
}

/// A TLS server on loopback with a self-signed certificate for `localhost`; answers the
/// number of connections it accepted so far.
fn untrusted_tls_server() -> (u16, Arc<AtomicUsize>) {
    let made = rcgen::generate_simple_self_signed(vec!["localhost".to_string()]).unwrap();
    let key = rustls_pki_types::PrivatePkcs8KeyDer::from(made.signing_key.serialize_der());
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![made.cert.der().clone()], key.into())
        .unwrap();
    let config = Arc::new(config);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let accepted = Arc::new(AtomicUsize::new(0));
    let count = accepted.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            count.fetch_add(1, Ordering::SeqCst);
            let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
            let conn = rustls::ServerConnection::new(config.clone()).unwrap();
            let mut tls = rustls::StreamOwned::new(conn, stream);
            let _ = tls.read(&mut [0u8; 1]);
        }
    });
    (port, accepted)
}

#[tokio::test]
async fn an_untrusted_certificate_is_tried_once_and_named() {
    let (port, accepted) = untrusted_tls_server();
    let waits = Arc::new(NoWait::default());
    let c = client(&format!("https://localhost:{port}"), &waits);
    let err = c.list_secrets(&home()).await.unwrap_err();
    assert!(matches!(err, Error::Certificate { .. }), "{err}");
    let text = err.to_string();
    assert!(
        text.contains(&format!(
            "GET https://localhost:{port}/orgs/acme/codespaces/secrets:"
        )) && text.contains("UnknownIssuer")
            && text.contains("not retried"),
        "{text}"
    );
    assert_eq!(accepted.load(Ordering::SeqCst), 1, "one connection");
    assert_eq!(c.stats().requests, 1);
    assert!(waits.waits().is_empty(), "no backoff");
}

/// A loopback port nothing listens on.
fn dead_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

#[tokio::test]
async fn network_failures_name_the_url_without_its_query() {
    let port = dead_port();
    let waits = Arc::new(NoWait::default());
    let mut config = ClientConfig::new(
        format!("http://127.0.0.1:{port}"),
        Credentials::token(TOKEN),
    );
    config.max_retries = 1;
    let c = Client::with_sleeper(config, waits.clone()).unwrap();
    let err = c.list_secrets(&home()).await.unwrap_err();
    assert!(matches!(err, Error::Transport { attempts: 2, .. }), "{err}");
    let text = err.to_string();
    assert!(
        text.contains(&format!(
            "GET http://127.0.0.1:{port}/orgs/acme/codespaces/secrets: could not reach GitHub after 2 attempts"
        )),
        "{text}"
    );
    assert!(
        !text.contains("per_page") && !text.contains("url ()"),
        "{text}"
    );
}

#[tokio::test]
async fn a_host_that_never_answered_is_tried_three_times_and_then_no_more() {
    let port = dead_port();
    let waits = Arc::new(NoWait::default());
    let c = client(&format!("http://127.0.0.1:{port}"), &waits);
    let err = c.list_secrets(&home()).await.unwrap_err();
    assert!(matches!(err, Error::Transport { attempts: 3, .. }), "{err}");
    assert!(
        err.to_string().contains(
            "the host has not answered any request of this run, so it was not tried longer"
        ),
        "{err}"
    );
    assert_eq!((c.stats().requests, waits.waits().len()), (3, 2));
    assert!(waits.waits().iter().sum::<Duration>() < Duration::from_secs(2));
    // The run is over for every call: the same error, without another try.
    let again = c.get_public_key(&home()).await.unwrap_err();
    assert_eq!(again.to_string(), err.to_string());
    assert_eq!(c.stats().requests, 3);
}

#[tokio::test]
async fn refused_credentials_cost_one_request_per_run() {
    let emu = Emulator::start(EmulatorConfig::default()).unwrap();
    let waits = Arc::new(NoWait::default());
    let config = ClientConfig::new(emu.base_url(), Credentials::token("not-the-token"));
    let c = Client::with_sleeper(config, waits).unwrap();
    let first = c.list_secrets(&home()).await.unwrap_err();
    assert!(first.is_credentials_refused(), "{first}");
    for _ in 0..3 {
        let again = c.get_public_key(&home()).await.unwrap_err();
        assert_eq!(again.to_string(), first.to_string());
    }
    assert_eq!(emu.total_requests(), 1);
}

#[tokio::test]
async fn dropped_connections_are_retried() {
    let (emu, c, _) = faulted(Faults {
        hang_ups: 2,
        ..Faults::default()
    });
    c.list_secrets(&home()).await.unwrap();
    assert_eq!(emu.fault_stats().hang_ups, 2);
    assert_eq!(c.stats().retries, 2);
}

#[tokio::test]
async fn plain_http_is_refused_unless_the_host_is_this_machine() {
    let waits = Arc::new(NoWait::default());
    for far in ["http://example.com", "http://10.0.0.1:8080/api/v3"] {
        let config = ClientConfig::new(far, Credentials::token(TOKEN));
        let err = Client::with_sleeper(config, waits.clone())
            .map(|_| ())
            .unwrap_err();
        assert!(
            matches!(
                err,
                Error::BaseUrl {
                    problem: BaseUrlProblem::PlainHttp,
                    ..
                }
            ),
            "{far}: {err}"
        );
        assert!(err.to_string().contains("travel in clear"), "{err}");
    }
    for near in [
        "http://127.0.0.1:1",
        "http://localhost:1",
        "http://[::1]:1",
        "http://[::ffff:127.0.0.1]:1",
    ] {
        let config = ClientConfig::new(near, Credentials::token(TOKEN));
        assert!(
            Client::with_sleeper(config, waits.clone()).is_ok(),
            "{near}"
        );
    }
}

#[tokio::test]
async fn an_untimed_secondary_limit_waits_a_minute_then_doubles() {
    let (emu, c, waits) = faulted(Faults {
        secondary_limited: 2,
        no_retry_after: true,
        ..Faults::default()
    });
    c.list_secrets(&home()).await.unwrap();
    let minutes = |m: &[u64]| {
        m.iter()
            .map(|m| Duration::from_secs(m * 60))
            .collect::<Vec<_>>()
    };
    assert_eq!(waits.waits(), minutes(&[1, 2]));

    // Refused on and on: three waits (1, 2, 4 minutes), then an error saying so.
    waits.0.lock().unwrap().clear();
    emu.reset_counts();
    emu.set_faults(Faults {
        secondary_limited: 10,
        no_retry_after: true,
        ..Faults::default()
    });
    let err = c.list_secrets(&home()).await.unwrap_err();
    assert_eq!(waits.waits(), minutes(&[1, 2, 4]));
    assert_eq!(emu.total_requests(), 4);
    let text = err.to_string();
    assert!(
        text.contains("refused it 4 times for its secondary rate limit without saying how long")
            && text.contains("waited 3 times as GitHub asks (1 min, 2 min, 4 min: 7 min in all)"),
        "{text}"
    );
}

#[tokio::test]
async fn refusals_past_the_allowance_of_waits_say_how_many_and_how_long() {
    let (emu, c, waits) = faulted(Faults {
        rate_limited: 30,
        retry_after_secs: 2,
        ..Faults::default()
    });
    let text = c.list_secrets(&home()).await.unwrap_err().to_string();
    assert_eq!(waits.waits(), vec![Duration::from_secs(2); 20]);
    assert_eq!(emu.total_requests(), 21);
    assert!(
        text.contains("refused it 21 times for a rate limit")
            && text.contains("the client waited 20 times, 40s in all"),
        "{text}"
    );
}
