//! Every endpoint's answers, success and error, checked against GitHub's published OpenAPI
//! description of these operations (tests/emulator/data, extracted from @octokit/openapi): the status
//! must be one GitHub documents, and a JSON body must match that status's schema.

use crate::common;

use crate::common::{Api, ORG};
use serde_json::Value;

fn spec() -> Value {
    serde_json::from_str(include_str!("data/openapi-codespaces-org-secrets.json")).unwrap()
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

struct Checker {
    spec: Value,
    seen: std::collections::BTreeSet<String>,
}

impl Checker {
    fn conforms(&mut self, operation: &str, reply: &common::Reply) {
        let responses = &self.spec["operations"][operation]["responses"];
        let status = reply.status.to_string();
        let Some(schema) = responses.get(&status) else {
            panic!("{operation} answered {status}, which GitHub does not document ({responses})");
        };
        if !schema.is_null() {
            let mut problems = Vec::new();
            check(schema, &reply.body, "$", &mut problems);
            assert!(problems.is_empty(), "{operation} {status}: {problems:#?}");
        }
        self.seen.insert(operation.to_string());
    }
}

#[tokio::test]
async fn every_endpoint_answers_as_github_documents() {
    let api = Api::start();
    let mut c = Checker {
        spec: spec(),
        seen: Default::default(),
    };
    let ids = api.repo_ids();
    let secrets = format!("/orgs/{ORG}/codespaces/secrets");

    c.conforms(
        "PUT /orgs/{org}/codespaces/secrets/{secret_name}",
        &api.put("DB", b"v", "selected", Some(vec![ids[0]])).await,
    );
    c.conforms(
        "PUT /orgs/{org}/codespaces/secrets/{secret_name}",
        &api.put("DB", b"w", "selected", Some(vec![ids[0]])).await,
    );
    c.conforms(
        "PUT /orgs/{org}/codespaces/secrets/{secret_name}",
        &api.put("bad-name", b"w", "all", None).await,
    );
    api.put("OPEN", b"v", "all", None).await;
    c.conforms(
        "GET /orgs/{org}/codespaces/secrets",
        &api.call("GET", &secrets, None).await,
    );
    c.conforms(
        "GET /orgs/{org}/codespaces/secrets/public-key",
        &api.call("GET", &format!("{secrets}/public-key"), None)
            .await,
    );
    c.conforms(
        "GET /orgs/{org}/codespaces/secrets/{secret_name}",
        &api.call("GET", &format!("{secrets}/db"), None).await,
    );
    let repos = format!("{secrets}/DB/repositories");
    c.conforms(
        "GET /orgs/{org}/codespaces/secrets/{secret_name}/repositories",
        &api.call("GET", &repos, None).await,
    );
    c.conforms(
        "GET /orgs/{org}/codespaces/secrets/{secret_name}/repositories",
        &api.call("GET", &format!("{secrets}/NOPE/repositories"), None)
            .await,
    );
    let set = serde_json::json!({"selected_repository_ids": [ids[1], ids[2]]});
    c.conforms(
        "PUT /orgs/{org}/codespaces/secrets/{secret_name}/repositories",
        &api.call("PUT", &repos, Some(set.clone())).await,
    );
    c.conforms(
        "PUT /orgs/{org}/codespaces/secrets/{secret_name}/repositories",
        &api.call("PUT", &format!("{secrets}/OPEN/repositories"), Some(set))
            .await,
    );
    let one = format!("{repos}/{}", ids[3]);
    c.conforms(
        "PUT /orgs/{org}/codespaces/secrets/{secret_name}/repositories/{repository_id}",
        &api.call("PUT", &one, None).await,
    );
    c.conforms(
        "PUT /orgs/{org}/codespaces/secrets/{secret_name}/repositories/{repository_id}",
        &api.call("PUT", &format!("{repos}/1"), None).await,
    );
    c.conforms(
        "DELETE /orgs/{org}/codespaces/secrets/{secret_name}/repositories/{repository_id}",
        &api.call("DELETE", &one, None).await,
    );
    c.conforms(
        "DELETE /orgs/{org}/codespaces/secrets/{secret_name}/repositories/{repository_id}",
        &api.call(
            "DELETE",
            &format!("{secrets}/OPEN/repositories/{}", ids[0]),
            None,
        )
        .await,
    );
    c.conforms(
        "GET /repos/{owner}/{repo}",
        &api.call("GET", &format!("/repos/{ORG}/api"), None).await,
    );
    c.conforms(
        "GET /repos/{owner}/{repo}",
        &api.call("GET", &format!("/repos/{ORG}/missing"), None)
            .await,
    );
    c.conforms(
        "GET /orgs/{org}/repos",
        &api.call("GET", &format!("/orgs/{ORG}/repos"), None).await,
    );
    c.conforms(
        "DELETE /orgs/{org}/codespaces/secrets/{secret_name}",
        &api.call("DELETE", &format!("{secrets}/DB"), None).await,
    );
    c.conforms(
        "DELETE /orgs/{org}/codespaces/secrets/{secret_name}",
        &api.call("DELETE", &format!("{secrets}/DB"), None).await,
    );

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
