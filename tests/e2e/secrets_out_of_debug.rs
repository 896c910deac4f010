//! A stray `{:?}` or `dbg!` must not leak a token or a secret value: every request and
//! response the provider traits carry, and the resolved provider settings, are formatted
//! (plain and pretty) while holding a known token and a known secret value, and neither
//! shows up. Nor does a log line: a real `terraform apply` and plan at `TF_LOG_PROVIDER=trace`
//! under injected faults (server errors, dropped connections, 429s), with a token and with a
//! GitHub App, write every kind of line the client has (calls, retries, waits, token
//! renewals) and none holds a token, a value, a JWT or a line of the key.

use std::fmt::Debug;
use std::time::Duration;

use crate::common::logs::lines;
use crate::common::{emulator_accepting, Tf, ORG};
use github_emulator::{Emulator, EmulatorConfig, Faults};

use github_client::Credentials;
use secrecy::ExposeSecret;
use terraform_provider_codespaces::provider::config::{schema, settings, ProviderSettings};
use tfplugin::{
    ApplyRequest, ApplyResponse, ClientCapabilities, CloseRequest, ConfigureRequest,
    DataSourceRequest, DataSourceResponse, ImportResponse, ImportedResource, MoveStateResponse,
    OpenResponse, PlanRequest, PlanResponse, Private, ReadRequest, ReadResponse, RenewRequest,
    RenewResponse, ValidateRequest, Value,
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
    // Bytes (private data) would print as numbers: the token's first bytes, "ghp_".
    let token_bytes = format!("{:?}", &TOKEN.as_bytes()[..4]).replace(' ', "");
    let token_bytes = token_bytes.trim_matches(['[', ']']);
    for text in [format!("{item:?}"), format!("{item:#?}")] {
        assert!(!text.contains(TOKEN), "{what} shows the token: {text}");
        let compact: String = text.split_whitespace().collect();
        assert!(
            !compact.contains(token_bytes),
            "{what} shows the token's bytes: {text}"
        );
        assert!(
            !text.contains(SECRET),
            "{what} shows the secret value: {text}"
        );
        let private_shown = format!("Private({} bytes)", TOKEN.len());
        assert!(
            text.contains("(sensitive)") || text.contains(&private_shown),
            "{what} does not say what it hides: {text}"
        );
    }
}

#[test]
fn no_request_response_or_settings_debug_output_shows_a_token_or_a_value() {
    let caps = ClientCapabilities::with_write_only(true);
    // Private data often holds what must not be shown: here, the token.
    let private = Private::from(TOKEN.as_bytes());
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
        &ReadResponse::from_state(secret_object(), private.clone()),
    );
    assert_hidden(
        "MoveStateResponse",
        &MoveStateResponse::from_state(secret_object()).with_private(private.clone()),
    );
    assert_hidden(
        "OpenResponse",
        &OpenResponse::from_result(secret_object()).with_private(private.clone()),
    );
    assert_hidden("RenewRequest", &RenewRequest::new(private.clone()));
    assert_hidden(
        "RenewResponse",
        &RenewResponse::done().with_private(private.clone()),
    );
    assert_hidden("CloseRequest", &CloseRequest::new(private.clone()));
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

/// Faults that make the client retry (a 5xx, a dropped connection, a lost answer) and wait
/// (429s), on every kind of call.
fn faults() -> Faults {
    Faults {
        server_error_per_mille: 150,
        lost_answer_per_mille: 50,
        rate_limited_per_mille: 80,
        hang_ups: 1,
        server_errors: 1,
        rate_limited: 1,
        retry_after_secs: 1,
        seed: 8,
        ..Faults::default()
    }
}

/// `terraform apply` then plan at trace level in `tf`, with a plain and a write-only value:
/// the log, with what Terraform printed.
fn traced_run(tf: Tf, provider: &str) -> String {
    let log_path = tf.path().join("trace.log");
    let tf = tf
        .env("TF_LOG_PROVIDER", "trace")
        .env("TF_LOG_PATH", &log_path.to_string_lossy())
        .env("TF_VAR_wo", SECRET);
    tf.config(&format!(
        "{provider}variable \"wo\" {{\n  type = string\n  sensitive = true\n  ephemeral = true\n}}\nresource \"codespaces_org_secret\" \"a\" {{\n  secret_name = \"A\"\n  value = \"{SECRET}\"\n  visibility = \"all\"\n}}\nresource \"codespaces_org_secret\" \"b\" {{\n  secret_name = \"B\"\n  value_wo = var.wo\n  visibility = \"all\"\n}}\n"
    ));
    let apply = tf.apply();
    let plan = tf.run(&["plan", "-no-color"]);
    let log = std::fs::read_to_string(&log_path).unwrap_or_default();
    for message in ["GitHub API call", "retrying GitHub API call", "waiting"] {
        assert!(
            !lines(&log, message).is_empty(),
            "no {message:?} line: was tracing on?"
        );
    }
    format!("{log}{}{}", apply.text(), plan.text())
}

#[test]
fn trace_logs_under_faults_hold_no_token_or_value() {
    let emu = emulator_accepting(TOKEN);
    emu.set_faults(faults());
    let all = traced_run(Tf::against_as(&emu, TOKEN), "");
    assert!(!lines(&all, "GitHub rate limit: waiting before trying again").is_empty());
    for leak in [TOKEN, SECRET] {
        assert!(!all.contains(leak), "{leak:?} appeared in the trace log");
    }
    assert_eq!(emu.secret(ORG, "B").unwrap().plaintext, SECRET.as_bytes());
}

#[test]
fn trace_logs_of_a_github_app_under_faults_hold_no_jwt_token_or_key() {
    let emu = Emulator::start(EmulatorConfig::default()).unwrap();
    let app = emu.app().unwrap();
    emu.set_installation_token_lifetime(Duration::from_secs(1));
    emu.set_faults(faults());
    let tf = Tf::new()
        .env("GITHUB_BASE_URL", &emu.base_url())
        .env("GITHUB_OWNER", ORG);
    tf.write("app.pem", &app.private_key_pem);
    let provider = format!(
        "provider \"codespaces\" {{\n  app_auth {{\n    id = {}\n    pem_file = file(\"app.pem\")\n  }}\n}}\n",
        app.app_id
    );
    let all = traced_run(tf, &provider);
    assert!(!lines(&all, "minted a GitHub App installation token").is_empty());
    // Every JWT the provider signs starts with this header; installation tokens with ghs_.
    assert!(
        !all.contains("eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9"),
        "a JWT was logged"
    );
    assert!(!all.contains("ghs_"), "an installation token was logged");
    assert!(!all.contains(SECRET), "a value was logged");
    for line in app
        .private_key_pem
        .lines()
        .filter(|l| !l.starts_with("-----"))
    {
        assert!(!all.contains(line), "a line of the key was logged");
    }
}
