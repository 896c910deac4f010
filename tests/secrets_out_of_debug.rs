//! A stray `{:?}` or `dbg!` must not leak a token or a secret value: every request and
//! response the provider traits carry, and the resolved provider settings, are formatted
//! (plain and pretty) while holding a known token and a known secret value, and neither
//! shows up.

use std::fmt::Debug;

use secrecy::ExposeSecret;
use terraform_provider_codespaces::github::Credentials;
use terraform_provider_codespaces::provider::config::{schema, settings, ProviderSettings};
use tfplugin::{
    ApplyRequest, ApplyResponse, ClientCapabilities, ConfigureRequest, DataSourceRequest,
    DataSourceResponse, ImportResponse, ImportedResource, PlanRequest, PlanResponse, ReadRequest,
    ReadResponse, ValidateRequest, Value,
};

const TOKEN: &str = "ghp_KnownTokenThatMustNeverPrint";
const SECRET: &str = "known-secret-value-8675309";

fn provider_config() -> Value {
    Value::object([
        ("owner", Value::string("acme")),
        ("token", Value::string(TOKEN)),
        ("base_url", Value::Null),
        ("max_retries", Value::int(3)),
        ("app_auth", Value::Null),
    ])
}

/// The provider block `config` resolved against `env`.
fn resolve(config: Value, env: impl Fn(&str) -> Option<String>) -> ProviderSettings {
    let req = ConfigureRequest::new(config, "1.11.4").with_schema(&schema());
    settings(&req, env).expect("valid settings")
}

/// A `codespaces_org_secret` as config, plan and state carry it: every way to hold a value.
fn secret_object() -> Value {
    Value::object([
        ("secret_name", Value::string("DB_PASSWORD")),
        ("value", Value::string(SECRET)),
        ("value_wo", Value::string(SECRET)),
        ("value_wo_version", Value::int(1)),
        ("encrypted_value", Value::string(SECRET)),
        ("visibility", Value::string("selected")),
        (
            "selected_repository_ids",
            Value::Set(vec![Value::int(1), Value::Unknown]),
        ),
    ])
}

fn assert_hidden(what: &str, item: &dyn Debug) {
    for text in [format!("{item:?}"), format!("{item:#?}")] {
        assert!(!text.contains(TOKEN), "{what} shows the token: {text}");
        assert!(
            !text.contains(SECRET),
            "{what} shows the secret value: {text}"
        );
        assert!(
            text.contains("(sensitive)"),
            "{what} does not say what it hides: {text}"
        );
    }
}

#[test]
fn no_request_response_or_settings_debug_output_shows_a_token_or_a_value() {
    let caps = ClientCapabilities::with_write_only(true);
    let private = b"{}".to_vec();
    let mut configure = ConfigureRequest::new(provider_config(), "1.11.4");
    configure.capabilities = caps;
    assert_hidden("ConfigureRequest", &configure);
    assert_hidden(
        "ValidateRequest",
        &ValidateRequest::new(secret_object(), caps),
    );
    let mut plan = PlanRequest::new(secret_object(), secret_object(), secret_object());
    plan.prior_private = private.clone();
    plan.capabilities = caps;
    plan.prior_identity = Some(secret_object());
    assert_hidden("PlanRequest", &plan);
    assert_hidden("PlanResponse", &PlanResponse::from_state(secret_object()));
    let mut apply = ApplyRequest::new(secret_object(), secret_object(), secret_object());
    apply.planned_private = private.clone();
    assert_hidden("ApplyRequest", &apply);
    assert_hidden(
        "ApplyResponse",
        &ApplyResponse::from_state(secret_object()).with_private(private.clone()),
    );
    assert_hidden(
        "ReadRequest",
        &ReadRequest::new(secret_object(), private.clone()),
    );
    assert_hidden(
        "ReadResponse",
        &ReadResponse::from_state(secret_object(), Vec::new()),
    );
    assert_hidden(
        "ImportResponse",
        &ImportResponse::one(ImportedResource::new(secret_object(), private)),
    );
    assert_hidden(
        "DataSourceRequest",
        &DataSourceRequest::new(secret_object()),
    );
    assert_hidden(
        "DataSourceResponse",
        &DataSourceResponse::from_state(secret_object()),
    );
}

#[test]
fn provider_settings_hide_the_token_from_the_block_or_the_environment() {
    let from_block = resolve(provider_config(), |_| None);
    assert_hidden("ProviderSettings (token argument)", &from_block);
    let mut unset = provider_config();
    unset.set("token", Value::Null);
    let from_env = resolve(unset, |name| {
        (name == "GITHUB_TOKEN").then(|| TOKEN.to_string())
    });
    let Some(Credentials::Token(token)) = &from_env.credentials else {
        panic!("GITHUB_TOKEN gives a token")
    };
    assert_eq!(token.expose_secret(), TOKEN);
    assert_hidden("ProviderSettings (GITHUB_TOKEN)", &from_env);
    assert_hidden("Credentials", &Credentials::token(TOKEN));
}
