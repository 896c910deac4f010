//! Every endpoint's answers in every scope, success and error, checked against GitHub's
//! published OpenAPI description of these operations (`data/openapi-codespaces-secrets.json`,
//! extracted from the npm package `@octokit/openapi` by `data/extract_openapi.py`, see
//! `data/README.md`): the status must be one GitHub documents and a JSON body must match
//! that status's schema; the few errors GitHub answers without documenting them (404 for
//! a missing repository or user secret, 403 to a GitHub App on user secrets) must match
//! GitHub's generic error schemas. The scenarios are in `conformance/scenarios.rs`.

mod scenarios;

use crate::common;

use crate::common::Api;
use github_emulator::EmulatorConfig;
use serde_json::Value;

fn spec() -> Value {
    serde_json::from_str(include_str!("data/openapi-codespaces-secrets.json")).unwrap()
}

/// Problems of `value` against `schema` (a subset of JSON Schema as OpenAPI uses it).
fn check(schema: &Value, value: &Value, at: &str, out: &mut Vec<String>) {
    if let Some(all) = schema.get("allOf").and_then(Value::as_array) {
        for s in all {
            check(s, value, at, out);
        }
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(options) = schema.get(key).and_then(Value::as_array) {
            let fits = options.iter().any(|s| {
                let mut probs = Vec::new();
                check(s, value, at, &mut probs);
                probs.is_empty()
            });
            if !fits {
                out.push(format!("{at}: matches none of {key}"));
            }
        }
    }
    let types: Vec<&str> = match schema.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    };
    let nullable = schema.get("nullable") == Some(&Value::Bool(true)) || types.contains(&"null");
    if value.is_null() {
        if !nullable && !types.is_empty() {
            out.push(format!("{at}: null where {types:?} is required"));
        }
        return;
    }
    let fits_type = types.is_empty()
        || types.iter().any(|t| match *t {
            "string" => value.is_string(),
            "integer" => value.is_i64() || value.is_u64(),
            "number" => value.is_number(),
            "boolean" => value.is_boolean(),
            "object" => value.is_object(),
            "array" => value.is_array(),
            _ => false,
        });
    if !fits_type {
        out.push(format!("{at}: {value} is not {types:?}"));
        return;
    }
    if let Some(options) = schema.get("enum").and_then(Value::as_array) {
        if !options.contains(value) {
            out.push(format!("{at}: {value} not in {options:?}"));
        }
    }
    if let Some(obj) = value.as_object() {
        for r in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let name = r.as_str().unwrap_or_default();
            if !obj.contains_key(name) {
                out.push(format!("{at}.{name}: required but missing"));
            }
        }
        if let Some(props) = schema.get("properties").and_then(Value::as_object) {
            for (name, sub) in props {
                if let Some(v) = obj.get(name) {
                    check(sub, v, &format!("{at}.{name}"), out);
                }
            }
        }
    }
    if let (Some(items), Some(list)) = (schema.get("items"), value.as_array()) {
        for (i, v) in list.iter().enumerate() {
            check(items, v, &format!("{at}[{i}]"), out);
        }
    }
}

pub struct Checker {
    spec: Value,
    seen: std::collections::BTreeSet<String>,
}

impl Checker {
    /// `reply` answers `operation` with a status GitHub documents for it, in its schema.
    pub fn conforms(&mut self, operation: &str, reply: &common::Reply) {
        let responses = &self.spec["operations"][operation]["responses"];
        let status = reply.status.to_string();
        let Some(schema) = responses.get(&status) else {
            panic!("{operation} answered {status}, which GitHub does not document ({responses})");
        };
        let schema = schema.clone();
        self.matches(operation, &schema, reply);
    }

    /// `reply` is an error GitHub answers on `operation` without documenting it there: its
    /// body matches GitHub's generic error schema (validation errors for 422).
    pub fn conforms_as_error(&mut self, operation: &str, reply: &common::Reply) {
        let responses = &self.spec["operations"][operation]["responses"];
        let status = reply.status.to_string();
        assert!(
            reply.status >= 400,
            "{operation} answered {status}, not an error"
        );
        assert!(
            responses.get(&status).is_none(),
            "{operation} documents {status}: use conforms"
        );
        let generic = if reply.status == 422 {
            "validation-error"
        } else {
            "basic-error"
        };
        let schema = self.spec["errors"][generic].clone();
        assert_eq!(reply.body["status"], status, "{operation}");
        self.matches(operation, &schema, reply);
    }

    fn matches(&mut self, operation: &str, schema: &Value, reply: &common::Reply) {
        if !schema.is_null() {
            let mut problems = Vec::new();
            check(schema, &reply.body, "$", &mut problems);
            assert!(
                problems.is_empty(),
                "{operation} {}: {problems:#?}",
                reply.status
            );
        }
        self.seen.insert(operation.to_string());
    }
}

#[tokio::test]
async fn every_endpoint_answers_as_github_documents() {
    let api = Api::with(EmulatorConfig::default());
    let app = api.emu.app().unwrap();
    let mut c = Checker {
        spec: spec(),
        seen: Default::default(),
    };
    scenarios::organization(&api, &mut c).await;
    scenarios::repository(&api, &mut c).await;
    scenarios::user(&api, &mut c, &app).await;
    let all: Vec<String> = c.spec["operations"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    let missed: Vec<&String> = all.iter().filter(|o| !c.seen.contains(*o)).collect();
    assert!(missed.is_empty(), "operations not exercised: {missed:?}");
}

#[test]
fn the_checker_catches_wrong_shapes() {
    let schema = serde_json::json!({
        "type": "object", "required": ["name", "visibility"],
        "properties": {"name": {"type": "string"}, "visibility": {"type": "string", "enum": ["all", "private", "selected"]}}
    });
    let mut p = Vec::new();
    check(
        &schema,
        &serde_json::json!({"name": 5, "visibility": "everyone"}),
        "$",
        &mut p,
    );
    assert_eq!(p.len(), 2, "{p:?}");
    p.clear();
    check(&schema, &serde_json::json!({"name": "X"}), "$", &mut p);
    assert_eq!(p, ["$.visibility: required but missing"]);
}
