//! The shared state: no client from unknown settings, and each scope's home resolved from
//! the settings.

use super::*;

#[test]
fn no_client_is_built_while_a_setting_is_unknown() {
    let state = ProviderState::default();
    state.configure(ProviderSettings {
        owner: Some("acme".into()),
        credentials: None,
        base_url: String::new(),
        max_retries: 0,
        unknown: vec!["base_url", "token"],
    });
    let Err(d) = state.api() else {
        panic!("a client was built from unknown settings");
    };
    assert_eq!(d.summary, "Provider configuration not known yet");
    assert!(
        d.detail
            .starts_with("The provider's `base_url` and `token` are not known yet"),
        "{}",
        d.detail
    );
    assert_eq!(state.unknown_settings(), ["base_url", "token"]);
}

fn configured(owner: Option<&str>, credentials: Option<Credentials>) -> ProviderState {
    let state = ProviderState::default();
    state.configure(ProviderSettings {
        owner: owner.map(str::to_string),
        credentials,
        base_url: "http://127.0.0.1:1".into(),
        max_retries: 0,
        unknown: Vec::new(),
    });
    state
}

#[test]
fn each_scope_finds_its_home_in_the_settings() {
    let state = configured(Some("acme"), Some(Credentials::token("t")));
    let home = |scope, repository| state.home(scope, repository);
    assert_eq!(
        home(Scope::Organization, None).unwrap(),
        SecretHome::organization("acme")
    );
    assert_eq!(
        home(Scope::Repository, Some("api")).unwrap(),
        SecretHome::repository("acme", "api")
    );
    assert_eq!(
        home(Scope::Repository, Some("other/api")).unwrap(),
        SecretHome::repository("other", "api")
    );
    assert_eq!(home(Scope::User, None).unwrap(), SecretHome::User);
    let bad = home(Scope::Repository, Some("acme/..")).unwrap_err();
    assert_eq!(bad.summary, "Invalid repository");

    let ownerless = configured(None, Some(Credentials::token("t")));
    let d = ownerless.home(Scope::Repository, Some("api")).unwrap_err();
    assert_eq!(d.summary, "Repository without an owner");
    assert_eq!(
        ownerless
            .home(Scope::Organization, None)
            .unwrap_err()
            .summary,
        "Missing organization"
    );
    assert!(ownerless.home(Scope::Repository, Some("o/api")).is_ok());
    assert!(ownerless.home(Scope::User, None).is_ok());
}
