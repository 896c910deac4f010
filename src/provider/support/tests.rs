//! Diagnostics from client errors (real ones, from a client against the emulator), the
//! sentences they are written in, the declared validators, and the private marker.

use std::sync::Arc;

use github_client::{Client, ClientConfig, Credentials, SecretHome};
use github_emulator::{Emulator, EmulatorConfig, Faults};
use tfplugin::{Number, Value};

use super::*;

fn client(emu: &Emulator, token: &str) -> Client {
    let mut config = ClientConfig::new(emu.base_url(), Credentials::token(token));
    config.max_retries = 1;
    Client::new(config).unwrap()
}

#[tokio::test]
async fn client_errors_gain_terraform_words_here() {
    let emu = Arc::new(Emulator::start(EmulatorConfig::default()).unwrap());
    let unauthorized = client(&emu, "not-the-token")
        .list_secrets(&SecretHome::organization("acme"))
        .await
        .unwrap_err();
    let d = api_error("list the secrets", &unauthorized);
    assert!(d.detail.contains("GITHUB_TOKEN") && d.detail.contains("`token`"));
    let plain = unauthorized.to_string();
    assert!(
        plain.contains("HTTP 401") && !plain.contains("GITHUB_TOKEN") && !plain.contains('`'),
        "{plain}"
    );
}

#[tokio::test]
async fn a_stopped_client_tells_the_user_to_apply_again() {
    let emu = Arc::new(Emulator::start(EmulatorConfig::default()).unwrap());
    emu.set_faults(Faults {
        server_errors: 1,
        ..Faults::default()
    });
    let c = client(&emu, "test-token");
    c.stop();
    let stopped = c
        .delete_secret(&SecretHome::organization("acme"), "A")
        .await
        .unwrap_err();
    assert!(matches!(stopped, Error::Stopped { .. }), "{stopped}");
    assert!(!stopped.to_string().contains("terraform"), "{stopped}");
    let d = api_error("write the secret", &stopped);
    assert!(
        d.detail.contains("Terraform asked the provider to stop")
            && d.detail.contains("terraform apply"),
        "{}",
        d.detail
    );
}

#[test]
fn lists_read_as_sentences() {
    let list = |items: &[&str]| and_list(items.iter().map(|s| s.to_string()));
    assert_eq!(list(&[]), "");
    assert_eq!(list(&["a"]), "a");
    assert_eq!(list(&["a", "b"]), "a and b");
    assert_eq!(list(&["a", "b", "c"]), "a, b and c");
}

#[test]
fn repository_ids_need_positive_whole_numbers() {
    let check = |v: Value| {
        let object = Value::object([("ids", v)]);
        repository_ids_rule(&ValidateContext::of_attribute(&object, "ids"))
            .iter()
            .count()
    };
    assert_eq!(check(Value::Set(vec![Value::int(3), Value::Unknown])), 0);
    assert_eq!(check(Value::Null), 0);
    assert_eq!(check(Value::Unknown), 0);
    let bad = [
        Value::Number(Number::Float(1.5)),
        Value::int(0),
        Value::int(-4),
    ];
    assert_eq!(
        check(Value::Set(bad.to_vec())),
        1,
        "one diagnostic for the set"
    );
    let one = Value::object([("repository_id", Value::int(-4))]);
    let cx = ValidateContext::of_attribute(&one, "repository_id");
    let d = repository_id_rule(&cx);
    assert_eq!(
        d.iter().next().map(|d| d.summary.as_str()),
        Some("Invalid repository ID")
    );
}

#[test]
fn marker_round_trips_and_tolerates_garbage() {
    let m = Marker {
        applied_updated_at: Some("2026-01-01T00:00:00Z".into()),
        planned_over: Some("DB".into()),
    };
    assert_eq!(Marker::decode(&m.encode()), m);
    assert_eq!(Marker::decode(b"not json"), Marker::default());
    assert_eq!(Marker::decode(b""), Marker::default());
}
