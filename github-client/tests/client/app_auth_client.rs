//! The GitHub client as a GitHub App installation, against github-emulator (which verifies
//! the JWTs with its own RSA code): token exchange, the installation lookup, a new token
//! after a 401 (once, shared by concurrent callers), GitHub Enterprise's path prefix, the
//! same retries as every other call on those two endpoints, and errors that say what to fix
//! without showing a key, a JWT or a token.

use std::sync::Arc;

use crate::common::{home, NoWait};
use github_client::{
    ApiErrorKind, AppAuth, AppKey, Client, ClientConfig, Credentials, Error, Installation,
};
use github_emulator::{AppInfo, AppSpec, Emulator, EmulatorConfig, Faults};
use secrecy::SecretString;

const ORG: &str = "acme";
const TOKENS: &str = "POST /app/installations/{installation_id}/access_tokens";
const LOOKUP: &str = "GET /orgs/{org}/installation";

fn app_config(emu: &Emulator, app: &AppInfo, installation: Installation) -> ClientConfig {
    let key = AppKey::from_pem(&SecretString::from(app.private_key_pem.clone())).unwrap();
    ClientConfig::new(
        emu.base_url(),
        Credentials::App(AppAuth {
            app_id: app.app_id.to_string(),
            installation,
            key,
        }),
    )
}

fn app_client(emu: &Emulator, app: &AppInfo, installation: Installation) -> Client {
    let mut config = app_config(emu, app, installation);
    config.max_retries = 0;
    Client::new(config).unwrap()
}

fn by_id(app: &AppInfo) -> Installation {
    Installation::Id(app.installation_id.unwrap().to_string())
}

#[tokio::test]
async fn one_installation_token_serves_every_call_until_it_is_refused() {
    let emu = Emulator::start(EmulatorConfig::default()).unwrap();
    let app = emu.app().unwrap();
    let c = app_client(&emu, &app, by_id(&app));
    let home = home();
    let calls: Vec<_> = (0..8).map(|_| c.list_secrets(&home)).collect();
    for r in futures::future::join_all(calls).await {
        r.unwrap();
    }
    c.get_public_key(&home).await.unwrap();
    assert_eq!(emu.installation_tokens_issued(), 1, "single flight");
    assert_eq!(emu.count(LOOKUP), 0, "the installation id was given");

    // GitHub refuses the token: every concurrent caller gets a 401, one new token is minted
    // for all of them, and each call is tried once more.
    emu.revoke_installation_tokens();
    let calls: Vec<_> = (0..8).map(|_| c.list_secrets(&home)).collect();
    for r in futures::future::join_all(calls).await {
        r.unwrap();
    }
    assert_eq!(emu.installation_tokens_issued(), 2);
    assert_eq!(emu.count(TOKENS), 2);
}

#[tokio::test]
async fn a_token_refused_even_after_renewal_is_reported_once_renewed() {
    let emu = Emulator::start(EmulatorConfig::default()).unwrap();
    let app = emu.app().unwrap();
    emu.set_installation_token_lifetime(std::time::Duration::ZERO);
    let c = app_client(&emu, &app, by_id(&app));
    let err = c.list_secrets(&home()).await.unwrap_err();
    assert_eq!(err.api().map(|a| a.kind), Some(ApiErrorKind::Unauthorized));
    assert_eq!(
        emu.installation_tokens_issued(),
        2,
        "one renewal, not a loop"
    );
    let text = err.to_string();
    assert!(text.contains("a newly minted one too"), "{text}");
    assert!(!text.contains("ghs_"), "{text}");
}

/// A wait (here a 429 with `Retry-After: 1`, waited out in real time) can outlast a
/// short-lived installation token: the token is asked for again before each try, so a
/// stale one is replaced before it is sent instead of being refused by GitHub (a wasted
/// request, and a second refusal would end the run).
#[tokio::test]
async fn a_token_that_expires_while_a_call_waits_is_replaced_before_it_is_sent() {
    let emu = Emulator::start(EmulatorConfig::default()).unwrap();
    let app = emu.app().unwrap();
    emu.set_installation_token_lifetime(std::time::Duration::from_secs(1));
    let c = app_client(&emu, &app, by_id(&app));
    c.list_secrets(&home()).await.unwrap();
    emu.set_faults(Faults {
        rate_limited: 1,
        retry_after_secs: 1,
        ..Faults::default()
    });
    c.list_secrets(&home()).await.unwrap();
    let statuses: Vec<u16> = emu
        .requests()
        .into_iter()
        .filter(|r| r.route == "GET /orgs/{org}/codespaces/secrets")
        .map(|r| r.status)
        .collect();
    assert_eq!(statuses, [200, 429, 200], "a stale token was sent");
    assert_eq!(emu.installation_tokens_issued(), 2);
}

#[tokio::test]
async fn the_installation_is_looked_up_once_when_not_given() {
    let emu = Emulator::start(EmulatorConfig::default()).unwrap();
    let app = emu.app().unwrap();
    let c = app_client(&emu, &app, Installation::OnOrganization(ORG.into()));
    c.list_secrets(&home()).await.unwrap();
    emu.revoke_installation_tokens();
    c.list_secrets(&home()).await.unwrap();
    assert_eq!(emu.count(LOOKUP), 1);
    assert_eq!(emu.installation_tokens_issued(), 2);
    let lookup = emu
        .requests()
        .into_iter()
        .find(|r| r.route == LOOKUP)
        .unwrap();
    assert_eq!(lookup.path, "/orgs/acme/installation");
}

#[tokio::test]
async fn an_app_not_installed_on_the_organization_is_told_so() {
    let emu = Emulator::start(EmulatorConfig::default()).unwrap();
    let app = emu.register_app(AppSpec::not_installed()).unwrap();
    let c = app_client(&emu, &app, Installation::OnOrganization(ORG.into()));
    let err = c.list_secrets(&home()).await.unwrap_err();
    assert!(matches!(err, Error::App(_)), "{err:?}");
    let text = err.to_string();
    assert!(
        text.contains("the App is not installed on organization acme")
            && text.contains(&format!("App {}", app.app_id)),
        "{text}"
    );
    assert_eq!(emu.count("GET /orgs/{org}/codespaces/secrets"), 0);
}

#[tokio::test]
async fn another_apps_key_is_refused_with_advice_and_no_secrets() {
    let emu = Emulator::start(EmulatorConfig::default()).unwrap();
    let app = emu.app().unwrap();
    let other = emu.register_app(AppSpec::not_installed()).unwrap();
    let forged = AppInfo {
        private_key_pem: other.private_key_pem.clone(),
        ..app.clone()
    };
    let c = app_client(&emu, &forged, by_id(&app));
    let err = c.list_secrets(&home()).await.unwrap_err();
    let text = err.to_string();
    let installation = app.installation_id.unwrap();
    for expected in [
        "HTTP 401".to_string(),
        format!("App {}", app.app_id),
        format!("installation {installation}"),
        "check that the private key is this App's".into(),
        "the App is installed".into(),
    ] {
        assert!(text.contains(&expected), "{expected:?} missing from {text}");
    }
    assert!(!text.contains("eyJ"), "no JWT in {text}");
    let key_line = other.private_key_pem.lines().nth(1).unwrap();
    assert!(!text.contains(key_line) && !format!("{err:?}").contains(key_line));
    assert_eq!(emu.installation_tokens_issued(), 0);
}

#[tokio::test]
async fn an_app_without_the_permission_is_told_which_one_it_needs() {
    let emu = Emulator::start(EmulatorConfig::default()).unwrap();
    let app = emu
        .register_app(AppSpec {
            installed_on: Some(ORG.into()),
            codespaces_secrets: false,
        })
        .unwrap();
    let c = app_client(&emu, &app, by_id(&app));
    let err = c.list_secrets(&home()).await.unwrap_err();
    assert_eq!(err.api().map(|a| a.status), Some(403));
    let text = err.to_string();
    assert!(
        text.contains("Resource not accessible by integration")
            && text.contains(
                "The GitHub App needs the organization permission \"Codespaces secrets: read and write\""
            )
            && !text.contains("admin:org"),
        "{text}"
    );
}

#[tokio::test]
async fn enterprise_servers_serve_the_app_endpoints_under_the_api_prefix() {
    let emu = Emulator::start(EmulatorConfig {
        path_prefix: "/api/v3".into(),
        ..EmulatorConfig::default()
    })
    .unwrap();
    let app = emu.app().unwrap();
    let c = app_client(&emu, &app, Installation::OnOrganization(ORG.into()));
    c.list_secrets(&home()).await.unwrap();
    let paths: Vec<String> = emu.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(
        paths,
        [
            "/api/v3/orgs/acme/installation".to_string(),
            format!(
                "/api/v3/app/installations/{}/access_tokens",
                app.installation_id.unwrap()
            ),
            "/api/v3/orgs/acme/codespaces/secrets".into(),
        ]
    );
}

/// An App client with the default retries, waiting for nothing.
fn retrying_app_client(emu: &Emulator, app: &AppInfo, installation: Installation) -> Client {
    let config = app_config(emu, app, installation);
    Client::with_sleeper(config, Arc::new(NoWait::default())).unwrap()
}

#[tokio::test]
async fn the_token_exchange_and_the_lookup_are_retried_like_every_call() {
    let emu = Emulator::start(EmulatorConfig::default()).unwrap();
    let app = emu.app().unwrap();
    // The exchange meets a 502, a lost answer (a token minted, then 502) and a dropped
    // connection before it gets its token.
    emu.set_faults(Faults {
        server_errors: 1,
        lost_answers: 1,
        hang_ups: 1,
        ..Faults::default()
    });
    let c = retrying_app_client(&emu, &app, by_id(&app));
    c.list_secrets(&home()).await.unwrap();
    assert_eq!(emu.count(TOKENS), 4);
    assert_eq!(emu.installation_tokens_issued(), 2);
    assert_eq!(c.stats().retries, 3);

    // The lookup: two server errors, then found.
    emu.set_faults(Faults {
        server_errors: 2,
        ..Faults::default()
    });
    let c = retrying_app_client(&emu, &app, Installation::OnOrganization(ORG.into()));
    c.list_secrets(&home()).await.unwrap();
    assert_eq!(emu.count(LOOKUP), 3);
}

#[test]
fn app_credentials_are_redacted_in_debug() {
    let emu = Emulator::start(EmulatorConfig::default()).unwrap();
    let app = emu.app().unwrap();
    let key = AppKey::from_pem(&SecretString::from(app.private_key_pem.clone())).unwrap();
    let auth = AppAuth {
        app_id: "1".into(),
        installation: Installation::Id("2".into()),
        key,
    };
    let shown = format!("{auth:?}");
    assert!(shown.contains("AppKey(***)"), "{shown}");
    assert!(!shown.contains("BEGIN"), "{shown}");
}
