//! The GitHub client against a misbehaving server (github-emulator's hostile switches):
//! redirects followed for GET only and on the API's origin, never in a loop; `next` links
//! that point back, leave the origin or never end; and names that would change a request's
//! path. Each case says what happened, after as few requests as it takes.

use std::sync::Arc;

use crate::common::{home, put_sealed, put_value, say, NoWait, ORG, TOKEN};
use github_client::{Client, ClientConfig, Credentials, Error, SecretHome, Visibility};
use github_emulator::{BadNext, Emulator, EmulatorConfig, Faults, Recorder, Redirect};

const SECRETS: &str = "GET /orgs/{org}/codespaces/secrets";

fn setup(tune: impl FnOnce(&mut ClientConfig)) -> (Emulator, Client) {
    let emu = Emulator::start(EmulatorConfig::default()).unwrap();
    let mut config = ClientConfig::new(emu.base_url(), Credentials::token(TOKEN));
    tune(&mut config);
    let client = Client::with_sleeper(config, Arc::new(NoWait::default())).unwrap();
    (emu, client)
}

fn redirect(status: u16, location: Option<String>, method: &str) -> Faults {
    Faults {
        redirect: Some(Redirect {
            status,
            location,
            methods: vec![method.into()],
            times: None,
        }),
        ..Faults::default()
    }
}

#[tokio::test]
async fn a_get_follows_a_redirect_on_the_same_origin() {
    let (emu, c) = setup(|_| {});
    // A renamed repository: GitHub answers 301 with the new address.
    let mut faults = redirect(301, Some("/repos/acme/api".into()), "GET");
    faults.redirect.as_mut().unwrap().times = Some(1);
    emu.set_faults(faults);
    let repo = c.get_repository(ORG, "old-name").await.unwrap();
    assert_eq!(repo.full_name, "acme/api");
    let paths: Vec<String> = emu.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(paths, ["/repos/acme/old-name", "/repos/acme/api"]);
}

#[tokio::test]
async fn a_redirected_write_is_an_error_and_changes_nothing() {
    let (emu, c) = setup(|_| {});
    put_value(&c, "KEPT", b"v1", Visibility::All, None)
        .await
        .unwrap();
    let key = c.get_public_key(&home()).await.unwrap();
    emu.reset_counts();
    // 303 asks for a GET: followed, it would read the key and report the PUT as done.
    emu.set_faults(redirect(
        303,
        Some("/orgs/acme/codespaces/secrets/public-key".into()),
        "PUT",
    ));
    let err = put_sealed(&c, &key, "KEPT", b"v2", Visibility::All, None)
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Redirected { status: 303, .. }),
        "{err}"
    );
    let text = err.to_string();
    for part in [
        "PUT ",
        "/orgs/acme/codespaces/secrets/KEPT",
        "HTTP 303",
        "/orgs/acme/codespaces/secrets/public-key",
        "nothing may have changed",
    ] {
        assert!(text.contains(part), "{part:?} in {text}");
    }
    assert_eq!(emu.secret(ORG, "KEPT").unwrap().plaintext, b"v1");
    let routes: Vec<String> = emu.requests().into_iter().map(|r| r.route).collect();
    assert_eq!(
        routes,
        ["PUT /orgs/{org}/codespaces/secrets/{secret_name}"],
        "sent once, not followed, not retried"
    );

    // 307 keeps the method: followed, this DELETE would delete another secret.
    emu.set_faults(Faults::default());
    put_value(&c, "OTHER", b"o", Visibility::All, None)
        .await
        .unwrap();
    emu.set_faults(redirect(
        307,
        Some("/orgs/acme/codespaces/secrets/OTHER".into()),
        "DELETE",
    ));
    let err = c.delete_secret(&home(), "KEPT").await.unwrap_err();
    assert!(
        matches!(err, Error::Redirected { status: 307, .. }),
        "{err}"
    );
    assert!(emu.secret(ORG, "OTHER").is_some() && emu.secret(ORG, "KEPT").is_some());
}

#[tokio::test]
async fn a_redirect_loop_is_an_error_after_one_request() {
    let (emu, c) = setup(|_| {});
    emu.set_faults(redirect(302, None, "GET"));
    let err = c.get_secret(&home(), "X").await.unwrap_err();
    say(&format!(
        "redirect loop: {} requests before the error",
        emu.total_requests()
    ));
    assert!(
        matches!(err, Error::Redirected { status: 302, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("redirect loop"), "{err}");
    assert_eq!(emu.total_requests(), 1, "not followed, not retried");
}

#[tokio::test]
async fn a_redirect_to_another_origin_is_not_followed() {
    let (emu, c) = setup(|_| {});
    let elsewhere = Recorder::start().unwrap();
    let target = format!("{}/orgs/acme/codespaces/secrets/X", elsewhere.origin());
    emu.set_faults(redirect(302, Some(target), "GET"));
    let err = c.get_secret(&home(), "X").await.unwrap_err();
    assert!(matches!(err, Error::Redirected { .. }), "{err}");
    assert!(err.to_string().contains("another origin") || err.to_string().contains("leads away"));
    assert!(elsewhere.lines().is_empty(), "{:?}", elsewhere.lines());
    assert_eq!(emu.total_requests(), 1);
}

#[tokio::test]
async fn a_next_link_back_to_a_page_read_is_an_error() {
    let (emu, c) = setup(|_| {});
    emu.put_secret_outside(ORG, "ONLY", b"v", "all", &[]);
    emu.set_faults(Faults {
        bad_next: Some(BadNext::Itself),
        ..Faults::default()
    });
    let result = c.list_secrets(&home()).await;
    say(&format!(
        "looping next link (full listing): {} requests",
        emu.count(SECRETS)
    ));
    let err = result.unwrap_err();
    assert!(matches!(err, Error::Pagination { .. }), "{err}");
    assert!(err.to_string().contains("page already fetched"), "{err}");
    assert_eq!(emu.count(SECRETS), 1);

    // Page by page, as list resources read: the same.
    let err = c.list_secrets_page(&home(), None).await.unwrap_err();
    assert!(matches!(err, Error::Pagination { .. }), "{err}");
    assert_eq!(emu.count(SECRETS), 2);
}

#[tokio::test]
async fn a_list_that_never_ends_stops_at_the_page_cap() {
    let (emu, c) = setup(|config| config.max_pages = 25);
    emu.set_faults(Faults {
        bad_next: Some(BadNext::Endless),
        ..Faults::default()
    });
    let err = c.list_secrets(&home()).await.unwrap_err();
    assert!(matches!(err, Error::Pagination { .. }), "{err}");
    assert!(
        err.to_string().contains("did not end within 25 pages"),
        "{err}"
    );
    assert_eq!(emu.count(SECRETS), 25);
}

#[tokio::test]
async fn a_next_link_to_another_origin_is_an_error() {
    let (emu, c) = setup(|_| {});
    let elsewhere = Recorder::start().unwrap();
    emu.set_faults(Faults {
        bad_next: Some(BadNext::Elsewhere(elsewhere.origin())),
        ..Faults::default()
    });
    let err = c.list_secrets(&home()).await.unwrap_err();
    assert!(matches!(err, Error::Pagination { .. }), "{err}");
    assert!(err.to_string().contains("another origin"), "{err}");
    assert!(elsewhere.lines().is_empty());
}

#[tokio::test]
async fn names_that_would_change_the_path_are_refused_before_any_request() {
    let (emu, c) = setup(|_| {});
    for bad in ["..", ".", "", "a/b", "line\nbreak", "\u{7f}"] {
        let err = c.get_repository(ORG, bad).await.unwrap_err();
        assert!(matches!(err, Error::PathSegment { .. }), "{bad:?}: {err}");
        let err = c.get_secret(&home(), bad).await.unwrap_err();
        assert!(matches!(err, Error::PathSegment { .. }), "{bad:?}: {err}");
        let err = c
            .list_secrets(&SecretHome::organization(bad))
            .await
            .unwrap_err();
        assert!(matches!(err, Error::PathSegment { .. }), "{bad:?}: {err}");
    }
    let err = c.get_repository(ORG, "..").await.unwrap_err().to_string();
    assert!(
        err.contains("\"..\"") && err.contains("dot segment"),
        "{err}"
    );
    assert_eq!(emu.total_requests(), 0);
}
