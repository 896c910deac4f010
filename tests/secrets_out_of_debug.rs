//! A stray `{:?}` or `dbg!` must not leak a token or a secret value: every request and
//! response the provider traits carry, and the resolved provider settings, are formatted
//! (plain and pretty) while holding a known token and a known secret value, and neither
//! shows up.

use std::fmt::Debug;

use terraform_provider_codespaces::provider::config::{resolve, Token};
use tfplugin::{
    ApplyRequest, ApplyResponse, ClientCapabilities, ConfigureRequest, DataSourceResponse,
    Diagnostics, ImportResponse, ImportedResource, PlanRequest, PlanResponse, ReadRequest,
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
    ])
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
    let caps = ClientCapabilities {
        deferral_allowed: false,
        write_only_attributes_allowed: true,
    };
    let private = b"{}".to_vec();
    assert_hidden(
        "ConfigureRequest",
        &ConfigureRequest {
            config: provider_config(),
            terraform_version: "1.11.4".into(),
            capabilities: caps,
        },
    );
    assert_hidden(
        "ValidateRequest",
        &ValidateRequest {
            config: secret_object(),
            capabilities: caps,
        },
    );
    assert_hidden(
        "PlanRequest",
        &PlanRequest {
            prior_state: secret_object(),
            proposed_new_state: secret_object(),
            config: secret_object(),
            prior_private: private.clone(),
            capabilities: caps,
        },
    );
    assert_hidden(
        "PlanResponse",
        &PlanResponse {
            planned_state: secret_object(),
            ..PlanResponse::default()
        },
    );
    assert_hidden(
        "ApplyRequest",
        &ApplyRequest {
            prior_state: secret_object(),
            planned_state: secret_object(),
            config: secret_object(),
            planned_private: private.clone(),
        },
    );
    assert_hidden(
        "ApplyResponse",
        &ApplyResponse {
            new_state: secret_object(),
            private: private.clone(),
            diagnostics: Diagnostics::new(),
        },
    );
    assert_hidden(
        "ReadRequest",
        &ReadRequest {
            current_state: secret_object(),
            private: private.clone(),
        },
    );
    assert_hidden(
        "ReadResponse",
        &ReadResponse {
            new_state: secret_object(),
            ..ReadResponse::default()
        },
    );
    assert_hidden(
        "ImportResponse",
        &ImportResponse {
            imported: vec![ImportedResource {
                state: secret_object(),
                private,
            }],
            diagnostics: Diagnostics::new(),
        },
    );
    assert_hidden(
        "DataSourceResponse",
        &DataSourceResponse {
            state: secret_object(),
            diagnostics: Diagnostics::new(),
        },
    );
}

#[test]
fn provider_settings_hide_the_token_from_the_block_or_the_environment() {
    let from_block = resolve(&provider_config(), |_| None).expect("a valid block");
    assert_hidden("ProviderSettings (token argument)", &from_block);
    let from_env = resolve(&Value::Null, |name| {
        (name == "GITHUB_TOKEN").then(|| TOKEN.to_string())
    })
    .expect("a valid environment");
    assert_eq!(from_env.token, Some(Token(TOKEN.into())));
    assert_hidden("ProviderSettings (GITHUB_TOKEN)", &from_env);
    assert_hidden("Token", &Token(TOKEN.into()));
}
