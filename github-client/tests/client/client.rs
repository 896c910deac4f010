//! The GitHub client against github-emulator: every endpoint, every error class, retries and
//! rate limits shown by attempt counts and the waits the client asked for, and caches.
//! (Sealed boxes against real libsodium: `libsodium_interop.rs`.)

use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::common::{home, put_sealed, put_value};
use github_client::{
    ApiErrorKind, Client, ClientConfig, Credentials, Error, Grants, PutOutcome, SecretValue,
    Sleeper, Visibility,
};
use github_emulator::{Emulator, EmulatorConfig, Faults};

const ORG: &str = "acme";

/// Records waits instead of waiting; `then` runs on each wait (e.g. "time passes": a fault
/// ends).
#[derive(Default)]
struct FakeClock {
    waits: Mutex<Vec<Duration>>,
    then: Mutex<Option<Box<dyn Fn() + Send>>>,
}

#[async_trait::async_trait]
impl Sleeper for FakeClock {
    async fn sleep(&self, d: Duration) {
        self.waits.lock().unwrap().push(d);
        if let Some(f) = self.then.lock().unwrap().as_ref() {
            f();
        }
    }
}

fn setup_with(config: EmulatorConfig, retries: u32) -> (Arc<Emulator>, Client, Arc<FakeClock>) {
    let emu = Arc::new(Emulator::start(config).unwrap());
    let clock = Arc::new(FakeClock::default());
    let mut cfg = ClientConfig::new(emu.base_url(), Credentials::token("test-token"));
    cfg.max_retries = retries;
    let client = Client::with_sleeper(cfg, clock.clone()).unwrap();
    (emu, client, clock)
}

fn setup() -> (Arc<Emulator>, Client, Arc<FakeClock>) {
    setup_with(EmulatorConfig::default(), 3)
}

#[tokio::test]
async fn every_endpoint_round_trips() {
    let (emu, c, _) = setup();
    let ids: Vec<i64> = emu.repositories(ORG).iter().map(|r| r.id).collect();
    let w = put_value(
        &c,
        "db_url",
        b"postgres://x",
        Visibility::Selected,
        Some(vec![ids[0]]),
    )
    .await
    .unwrap();
    assert_eq!(w.outcome, PutOutcome::Created);
    assert_eq!(w.key_id, Some(emu.public_key(ORG).unwrap().0));
    assert_eq!(
        emu.secret(ORG, "DB_URL").unwrap().plaintext,
        b"postgres://x"
    );
    let again = put_value(&c, "DB_URL", b"y", Visibility::Selected, Some(vec![ids[0]]))
        .await
        .unwrap();
    assert_eq!(again.outcome, PutOutcome::Updated);
    assert!(again.outcome.replaced_an_existing_secret());
    // A create whose first answer was lost is answered 204 when sent again: not a sign
    // that the secret existed before.
    let key = c.get_public_key(&home()).await.unwrap();
    emu.set_faults(github_emulator::Faults {
        lost_answers: 1,
        ..Default::default()
    });
    let retried = put_sealed(&c, &key, "FRESH", b"z", Visibility::All, None)
        .await
        .unwrap();
    assert_eq!(retried.outcome, PutOutcome::UpdatedAfterLostAnswer);
    assert!(!retried.outcome.replaced_an_existing_secret());

    let s = c.get_secret(&home(), "db_url").await.unwrap();
    assert_eq!(
        (s.name.as_str(), s.visibility),
        ("DB_URL", Some(Visibility::Selected))
    );
    assert_eq!(c.list_secrets(&home()).await.unwrap().len(), 2);

    c.set_selected_repositories(&home(), "DB_URL", &[ids[1], ids[2]])
        .await
        .unwrap();
    c.add_selected_repository(&home(), "DB_URL", ids[3])
        .await
        .unwrap();
    c.remove_selected_repository(&home(), "DB_URL", ids[1])
        .await
        .unwrap();
    let granted: Vec<i64> = c
        .list_selected_repositories(&home(), "DB_URL")
        .await
        .unwrap()
        .iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(granted, [ids[2], ids[3]]);

    let repo = c.get_repository(ORG, "API").await.unwrap();
    assert_eq!((repo.full_name.as_str(), repo.id), ("acme/api", ids[0]));
    assert_eq!(c.list_org_repositories(ORG).await.unwrap().len(), 12);

    let (key_id, key) = emu.public_key(ORG).unwrap();
    let sealed = github_client::crypto::seal(&key, b"pre-sealed").unwrap();
    let value = SecretValue::Sealed {
        encrypted_value: &sealed,
        key_id: &key_id,
    };
    c.write_secret(&home(), "SEALED", value, Some(Visibility::All), None)
        .await
        .unwrap();
    c.write_secret(
        &home(),
        "SEALED",
        SecretValue::Kept,
        Some(Visibility::Private),
        None,
    )
    .await
    .unwrap();
    let kept = emu.secret(ORG, "SEALED").unwrap();
    assert_eq!(
        (kept.plaintext.as_slice(), kept.visibility.as_str()),
        (&b"pre-sealed"[..], "private"),
        "a write without a value keeps the value"
    );
    assert_eq!(emu.secret(ORG, "SEALED").unwrap().plaintext, b"pre-sealed");

    c.delete_secret(&home(), "DB_URL").await.unwrap();
    assert!(c
        .delete_secret(&home(), "DB_URL")
        .await
        .unwrap_err()
        .is_not_found());
}

#[tokio::test]
async fn lists_follow_link_headers_across_pages() {
    let (emu, c, _) = setup_with(
        EmulatorConfig {
            repos_per_org: 150,
            ..EmulatorConfig::default()
        },
        3,
    );
    assert_eq!(c.list_org_repositories(ORG).await.unwrap().len(), 150);
    assert_eq!(emu.count("GET /orgs/{org}/repos"), 2);
    let ids: Vec<i64> = emu.repositories(ORG).iter().map(|r| r.id).collect();
    put_value(
        &c,
        "MANY",
        b"v",
        Visibility::Selected,
        Some(ids[..120].to_vec()),
    )
    .await
    .unwrap();
    assert_eq!(
        c.list_selected_repositories(&home(), "MANY")
            .await
            .unwrap()
            .len(),
        120
    );
    assert_eq!(
        emu.count("GET /orgs/{org}/codespaces/secrets/{secret_name}/repositories"),
        2
    );
}

#[tokio::test]
async fn http_errors_are_typed_and_say_what_to_check() {
    let (emu, c, _) = setup();
    let missing = c.get_secret(&home(), "NOPE").await.unwrap_err();
    assert!(missing.is_not_found());
    let text = missing.to_string();
    assert!(
        text.contains("GET /orgs/acme/codespaces/secrets/NOPE")
            && text.contains("404")
            && text.contains("organization"),
        "{text}"
    );

    put_value(&c, "OPEN", b"v", Visibility::All, None)
        .await
        .unwrap();
    let id = emu.repositories(ORG)[0].id;
    let conflict = c
        .add_selected_repository(&home(), "OPEN", id)
        .await
        .unwrap_err();
    assert!(conflict.is_conflict(), "{conflict}");

    let invalid = put_value(&c, "GITHUB_NOPE", b"v", Visibility::All, None)
        .await
        .unwrap_err();
    let api = invalid.api().unwrap();
    assert_eq!((api.kind, api.status), (ApiErrorKind::Validation, 422));
    assert!(
        invalid.to_string().contains("GITHUB_"),
        "GitHub's errors are in the message: {invalid}"
    );

    let mut cfg = ClientConfig::new(emu.base_url(), Credentials::token("wrong-token"));
    cfg.max_retries = 0;
    let bad = Client::new(cfg)
        .unwrap()
        .list_secrets(&home())
        .await
        .unwrap_err();
    assert_eq!(bad.api().map(|a| a.kind), Some(ApiErrorKind::Unauthorized));
    assert!(
        bad.to_string().contains("valid, unexpired token")
            && !bad.to_string().contains("wrong-token")
    );
}

#[tokio::test]
async fn server_errors_are_retried_with_backoff_then_reported() {
    let (emu, c, clock) = setup();
    emu.set_faults(Faults {
        server_errors: 2,
        ..Faults::default()
    });
    assert!(c.list_secrets(&home()).await.is_ok());
    assert_eq!(
        emu.count("GET /orgs/{org}/codespaces/secrets"),
        3,
        "two failures, then success"
    );
    assert_eq!(c.stats().retries, 2);
    assert_eq!(clock.waits.lock().unwrap().len(), 2);
    assert!(clock
        .waits
        .lock()
        .unwrap()
        .iter()
        .all(|d| *d <= Duration::from_secs(5)));

    emu.reset_counts();
    emu.set_faults(Faults {
        server_errors: 10,
        ..Faults::default()
    });
    let err = c.list_secrets(&home()).await.unwrap_err();
    assert_eq!(
        err.api().map(|a| (a.kind, a.attempts)),
        Some((ApiErrorKind::Server, 4))
    );
    assert_eq!(
        emu.count("GET /orgs/{org}/codespaces/secrets"),
        4,
        "1 try + max_retries 3"
    );
}

#[tokio::test]
async fn network_failures_are_retried_then_reported() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let clock = Arc::new(FakeClock::default());
    let mut cfg = ClientConfig::new(format!("http://127.0.0.1:{port}"), Credentials::token("t"));
    cfg.max_retries = 2;
    let c = Client::with_sleeper(cfg, clock.clone()).unwrap();
    let err = c.list_secrets(&home()).await.unwrap_err();
    assert!(matches!(err, Error::Transport { attempts: 3, .. }), "{err}");
    assert_eq!(c.stats().requests, 3);
    assert_eq!(clock.waits.lock().unwrap().len(), 2);
}

#[tokio::test]
async fn rate_limits_wait_as_github_asks() {
    let (emu, c, clock) = setup();
    emu.set_faults(Faults {
        rate_limited: 1,
        retry_after_secs: 7,
        ..Faults::default()
    });
    assert!(c.list_secrets(&home()).await.is_ok());
    emu.set_faults(Faults {
        secondary_limited: 1,
        retry_after_secs: 2,
        ..Faults::default()
    });
    assert!(c.list_secrets(&home()).await.is_ok());
    assert_eq!(
        *clock.waits.lock().unwrap(),
        [Duration::from_secs(7), Duration::from_secs(2)]
    );
    assert_eq!(emu.count("GET /orgs/{org}/codespaces/secrets"), 4);
    assert_eq!(
        c.stats().retries,
        0,
        "rate-limit waits do not use up retries"
    );
}

fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

#[tokio::test]
async fn an_exhausted_budget_waits_for_the_reset_when_near() {
    let (emu, c, clock) = setup();
    emu.set_faults(Faults {
        exhausted_until: Some(unix_now() + 20),
        ..Faults::default()
    });
    let e = emu.clone();
    *clock.then.lock().unwrap() = Some(Box::new(move || e.set_faults(Faults::default())));
    assert!(c.list_secrets(&home()).await.is_ok());
    let waits = clock.waits.lock().unwrap().clone();
    assert_eq!(waits.len(), 1);
    assert!(
        waits[0] >= Duration::from_secs(19) && waits[0] <= Duration::from_secs(22),
        "{waits:?}"
    );
}

#[tokio::test]
async fn an_exhausted_budget_fails_saying_when_it_resets_when_far() {
    let (emu, c, clock) = setup();
    emu.set_faults(Faults {
        exhausted_until: Some(unix_now() + 3600),
        ..Faults::default()
    });
    let err = c.list_secrets(&home()).await.unwrap_err();
    assert!(
        matches!(&err, Error::RateLimited { resets_at: Some(t), .. } if t.ends_with('Z')),
        "{err}"
    );
    assert!(
        clock.waits.lock().unwrap().is_empty(),
        "no wait longer than allowed"
    );
    assert_eq!(emu.count("GET /orgs/{org}/codespaces/secrets"), 1);
    let before = emu.total_requests();
    assert!(
        c.get_secret(&home(), "X").await.is_err(),
        "later calls fail fast too"
    );
    assert_eq!(emu.total_requests(), before, "without spending a request");
}

#[tokio::test]
async fn a_rotated_key_is_refused_with_an_error_that_says_so() {
    let (emu, c, _) = setup();
    let old = c.get_public_key(&home()).await.unwrap();
    emu.rotate_public_key(ORG);
    let value = SecretValue::Plain {
        plaintext: b"1",
        key: &old,
    };
    let err = c
        .write_secret(&home(), "A", value, Some(Visibility::All), None)
        .await
        .unwrap_err();
    assert!(err.rejects_key(), "{err}");
    assert!(emu.secret(ORG, "A").is_none());
    let other = put_value(&c, "GITHUB_NOPE", b"v", Visibility::All, None)
        .await
        .unwrap_err();
    assert!(!other.rejects_key(), "{other}");
}

#[tokio::test]
async fn reads_after_writes_tolerate_lag() {
    let (emu, c, clock) = setup();
    emu.set_faults(Faults {
        read_after_write_lag: 2,
        ..Faults::default()
    });
    put_value(&c, "LAG", b"v", Visibility::All, None)
        .await
        .unwrap();
    let s = c.get_secret_after_write(&home(), "LAG").await.unwrap();
    assert_eq!(s.name, "LAG");
    assert_eq!(
        emu.count("GET /orgs/{org}/codespaces/secrets/{secret_name}"),
        3
    );
    assert_eq!(clock.waits.lock().unwrap().len(), 2);
}

#[tokio::test]
async fn a_base_url_with_a_path_prefix_is_kept() {
    let (emu, c, _) = setup_with(
        EmulatorConfig {
            path_prefix: "/api/v3".into(),
            ..EmulatorConfig::default()
        },
        0,
    );
    put_value(&c, "GHES", b"v", Visibility::Private, None)
        .await
        .unwrap();
    assert_eq!(emu.secret(ORG, "GHES").unwrap().visibility, "private");
    assert!(emu
        .requests()
        .iter()
        .all(|r| r.path.starts_with("/api/v3/")));
}

#[tokio::test]
async fn a_token_without_admin_org_is_told_which_scope_it_lacks() {
    let emu = Emulator::start(EmulatorConfig {
        limited_tokens: vec!["repo-only".into()],
        ..EmulatorConfig::default()
    })
    .unwrap();
    let mut cfg = ClientConfig::new(emu.base_url(), Credentials::token("repo-only"));
    cfg.max_retries = 0;
    let c = Client::new(cfg).unwrap();
    let err = c.list_secrets(&home()).await.unwrap_err();
    let api = err.api().unwrap();
    assert_eq!((api.kind, api.status), (ApiErrorKind::Forbidden, 403));
    let text = err.to_string();
    assert!(
        text.contains("The token has scopes [repo]; this endpoint accepts [admin:org]"),
        "{text}"
    );
    assert_eq!(
        emu.count("GET /orgs/{org}/codespaces/secrets"),
        1,
        "a permission 403 is not retried"
    );
    assert!(
        c.get_repository(ORG, "api").await.is_ok(),
        "repository look-ups need no admin:org"
    );
}

/// A PUT that keeps a secret's grants reads them and sends them back; a repository added
/// meanwhile (by another caller, in parallel) must not fall between the read and the PUT.
/// The emulator's latency makes the add still in flight when the PUT starts: without the
/// client's per-secret lock the PUT would carry the stale list and drop the new repository.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keeping_grants_does_not_lose_a_repository_added_concurrently() {
    let (emu, c, _) = setup();
    let repos = emu.repositories(ORG);
    let (a, b, d) = (repos[0].id, repos[1].id, repos[2].id);
    put_value(&c, "SHARED", b"1", Visibility::Selected, Some(vec![a]))
        .await
        .unwrap();
    emu.set_faults(Faults {
        latency_ms: 300,
        ..Faults::default()
    });
    let adds: Vec<_> = [b, d]
        .into_iter()
        .map(|id| {
            let c = c.clone();
            tokio::spawn(async move { c.add_selected_repository(&home(), "SHARED", id).await })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(50)).await;
    put_value(&c, "SHARED", b"2", Visibility::Selected, Grants::Keep)
        .await
        .unwrap();
    for add in adds {
        add.await.unwrap().unwrap();
    }
    let secret = emu.secret(ORG, "SHARED").unwrap();
    assert_eq!(secret.plaintext, b"2");
    assert_eq!(
        secret
            .selected_repository_ids
            .into_iter()
            .collect::<Vec<_>>(),
        {
            let mut all = vec![a, b, d];
            all.sort();
            all
        }
    );
}
