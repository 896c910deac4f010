//! The run's cache against the emulator: what each kind of question costs in requests,
//! single-flight under concurrency, and what a write changes.

use std::sync::Arc;

use github_client::{ClientConfig, Credentials, Grants};
use github_emulator::{Emulator, EmulatorConfig, Faults};

use super::*;

const ORG: &str = "acme";
const LIST: &str = "GET /orgs/{org}/codespaces/secrets";
const KEY: &str = "GET /orgs/{org}/codespaces/secrets/public-key";
const PUT: &str = "PUT /orgs/{org}/codespaces/secrets/{secret_name}";

fn setup(max_retries: u32) -> (Arc<Emulator>, Run) {
    let emu = Arc::new(Emulator::start(EmulatorConfig::default()).unwrap());
    let mut config = ClientConfig::new(emu.base_url(), Credentials::token("test-token"));
    config.max_retries = max_retries;
    (emu, Run::new(Client::new(config).unwrap()))
}

fn org() -> SecretHome {
    SecretHome::organization(ORG)
}

async fn write(run: &Run, name: &str, text: &str, visibility: Visibility, grants: Grants) {
    run.write_value(&org(), name, text.as_bytes(), Some(visibility), grants)
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_public_key_is_fetched_once_for_concurrent_writers() {
    let (emu, run) = setup(3);
    let run = Arc::new(run);
    let writes: Vec<_> = (0..10)
        .map(|i| {
            let run = run.clone();
            tokio::spawn(async move {
                let name = format!("S{i}");
                write(&run, &name, "v", Visibility::All, Grants::Omit).await;
            })
        })
        .collect();
    for w in writes {
        w.await.unwrap();
    }
    assert_eq!(emu.count(KEY), 1);
    assert_eq!(emu.secrets(ORG).len(), 10);
}

#[tokio::test]
async fn a_rotated_key_is_fetched_again_once() {
    let (emu, run) = setup(3);
    write(&run, "A", "1", Visibility::All, Grants::Omit).await;
    emu.rotate_public_key(ORG);
    let written = run
        .write_value(&org(), "A", b"2", Some(Visibility::All), Grants::Omit)
        .await
        .unwrap();
    assert_eq!(written.key_id, emu.public_key(ORG).map(|k| k.0));
    assert_eq!((emu.count(KEY), emu.count(PUT)), (2, 3));
    assert_eq!(emu.secret(ORG, "A").unwrap().plaintext, b"2");
}

#[tokio::test]
async fn reads_come_from_one_listing_until_a_write() {
    let (emu, run) = setup(3);
    let repos: Vec<i64> = emu.repositories(ORG).iter().map(|r| r.id).collect();
    emu.put_secret_outside(ORG, "A", b"1", "selected", &[repos[0]]);
    emu.put_secret_outside(ORG, "B", b"1", "all", &[]);
    assert!(run.secret(&org(), "a").await.unwrap().is_some());
    assert!(run.secret(&org(), "B").await.unwrap().is_some());
    assert!(run.secret(&org(), "C").await.unwrap().is_none());
    assert_eq!(run.repositories(&org(), "A").await.unwrap().len(), 1);
    assert_eq!(run.repositories(&org(), "a").await.unwrap().len(), 1);
    assert_eq!(
        emu.total_requests(),
        2,
        "one list of secrets, one list of A's repositories"
    );
    run.change_repositories(&org(), "A", RepositoryChange::Add(repos[1]))
        .await
        .unwrap();
    assert_eq!(
        run.repositories(&org(), "A").await.unwrap().len(),
        2,
        "a write of A drops A's repositories"
    );
    write(&run, "C", "1", Visibility::All, Grants::Omit).await;
    assert!(run.secret(&org(), "C").await.unwrap().is_some());
    assert!(run.secret(&org(), "C").await.unwrap().is_some());
    assert_eq!(emu.count(LIST), 2, "listed again once after the writes");
}

#[tokio::test]
async fn checks_know_names_from_one_listing_kept_by_our_writes() {
    let (emu, run) = setup(3);
    emu.put_secret_outside(ORG, "THEIRS", b"x", "all", &[]);
    let theirs = run.known(&org(), "theirs").await.unwrap();
    assert_eq!(
        theirs,
        Some(Known {
            name: "THEIRS".into(),
            visibility: Some(Visibility::All)
        })
    );
    assert!(run.known(&org(), "MINE").await.unwrap().is_none());
    write(
        &run,
        "mine",
        "v",
        Visibility::Selected,
        Grants::Exactly(vec![]),
    )
    .await;
    assert_eq!(
        run.known(&org(), "MINE").await.unwrap(),
        Some(Known {
            name: "MINE".into(),
            visibility: Some(Visibility::Selected)
        })
    );
    run.delete_secret(&org(), "THEIRS").await.unwrap();
    assert!(run.known(&org(), "THEIRS").await.unwrap().is_none());
    emu.put_secret_outside(ORG, "LATER", b"x", "all", &[]);
    assert!(
        run.known(&org(), "LATER").await.unwrap().is_none(),
        "the run's view, not GitHub's present"
    );
    assert_eq!(emu.count(LIST), 1);
}

#[tokio::test]
async fn a_failed_listing_is_kept_for_checks_and_tried_again_for_reads() {
    let (emu, run) = setup(0);
    emu.set_faults(Faults {
        server_errors: 1,
        ..Faults::default()
    });
    let failed = run.known(&org(), "A").await.unwrap_err();
    assert_eq!(failed.status(), Some(502), "{failed}");
    let again = run.known(&org(), "A").await.unwrap_err();
    assert_eq!(again.to_string(), failed.to_string());
    assert_eq!(emu.count(LIST), 1, "the failure is answered again");
    assert!(run.secrets(&org()).await.unwrap().is_empty());
    assert_eq!(emu.count(LIST), 2, "reads try again");
}
