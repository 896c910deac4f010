//! Validation: the declared checks and the write-only one, as the server runs them.

use super::*;
use github_client::rules::MAX_PLAINTEXT_BYTES;
use tfplugin::testing::validate_block;
use tfplugin::{ClientCapabilities, Value};

fn caps(write_only: bool) -> ClientCapabilities {
    ClientCapabilities::with_write_only(write_only)
}

/// The declared validators, then the hand-written one, as the server runs them.
fn validate(config: &Value, caps: ClientCapabilities) -> Diagnostics {
    let schema = super::super::schema(Scope::Organization);
    let mut d = validate_block(&schema.block, config);
    d.extend(super::validate(
        Scope::Organization,
        &ValidateRequest::new(config.clone(), caps).with_schema(&schema),
    ));
    d
}

/// A configuration as Terraform sends it: every attribute, null unless given.
fn config(pairs: &[(&str, Value)]) -> Value {
    let schema = super::super::schema(Scope::Organization);
    let mut base = Value::object(
        schema
            .block
            .attributes
            .iter()
            .map(|a| (a.name().to_string(), Value::Null)),
    );
    base.set("secret_name", Value::string("DB"));
    base.set("visibility", Value::string("all"));
    for (k, v) in pairs {
        base.set(k, v.clone());
    }
    base
}

fn summaries(d: &Diagnostics) -> Vec<(String, Option<String>)> {
    d.iter()
        .map(|d| {
            (
                d.summary.clone(),
                d.attribute.as_ref().map(|p| p.to_string()),
            )
        })
        .collect()
}

#[test]
fn write_only_needs_a_client_that_announces_it() {
    let c = config(&[("value_wo", Value::string("x"))]);
    assert!(validate(&c, caps(true)).is_empty());
    let d = validate(&c, caps(false));
    assert_eq!(
        summaries(&d),
        [(
            "Write-only attributes are not supported by this Terraform".to_string(),
            Some("value_wo".to_string())
        )]
    );
}

#[test]
fn unknown_values_are_let_through() {
    let c = config(&[
        ("secret_name", Value::Unknown),
        ("value", Value::Unknown),
        ("visibility", Value::Unknown),
        ("selected_repository_ids", Value::Set(vec![Value::Unknown])),
    ]);
    assert!(
        validate(&c, caps(true)).is_empty(),
        "{:?}",
        validate(&c, caps(true))
    );
}

#[test]
fn sealed_values_are_checked_for_shape_and_size() {
    use base64::Engine;
    let b64 = |n: usize| base64::engine::general_purpose::STANDARD.encode(vec![1u8; n]);
    let with = |v: String| {
        config(&[
            ("encrypted_value", Value::String(v)),
            ("key_id", Value::string("k")),
        ])
    };
    assert!(validate(&with(b64(48 + 10)), caps(true)).is_empty());
    assert!(
        validate(&with(b64(40)), caps(true)).has_errors(),
        "shorter than a sealed box"
    );
    assert!(validate(&with(b64(48 + MAX_PLAINTEXT_BYTES + 1)), caps(true)).has_errors());
    assert!(validate(&with("%%%".into()), caps(true)).has_errors());
}

#[test]
fn conflicting_values_point_at_the_extra_one() {
    let c = config(&[
        ("value", Value::string("a")),
        ("encrypted_value", Value::string("b")),
    ]);
    let d = validate(&c, caps(true));
    assert!(summaries(&d).contains(&(
        "Conflicting secret values".to_string(),
        Some("encrypted_value".to_string())
    )));
}

#[test]
fn repository_ids_are_declared_checks() {
    let ids = |v: &[Value]| Value::Set(v.to_vec());
    let c = config(&[("selected_repository_ids", ids(&[Value::int(1)]))]);
    assert_eq!(
        summaries(&validate(&c, caps(true))),
        [(
            "Repository IDs need visibility \"selected\"".to_string(),
            Some("selected_repository_ids".to_string())
        )]
    );
    let c = config(&[
        ("visibility", Value::string("selected")),
        (
            "selected_repository_ids",
            ids(&[Value::int(-1), Value::Number(tfplugin::Number::Float(1.5))]),
        ),
    ]);
    assert_eq!(
        summaries(&validate(&c, caps(false))),
        [(
            "Invalid repository ID".to_string(),
            Some("selected_repository_ids".to_string())
        )],
        "one diagnostic, and nothing from the model it does not fit"
    );
}

#[test]
fn plaintext_values_are_limited_in_size() {
    let big = "x".repeat(MAX_PLAINTEXT_BYTES + 1);
    for name in ["value", "value_wo"] {
        let c = config(&[(name, Value::string(big.as_str()))]);
        let d = validate(&c, caps(true));
        assert_eq!(
            summaries(&d),
            [("Secret value too large".to_string(), Some(name.to_string()))]
        );
        let detail = &d.iter().next().unwrap().detail;
        assert!(!detail.contains("xxxx"), "the value is not quoted");
    }
}
