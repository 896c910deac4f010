//! The provider block: the model against the schema, the declared checks, and settings
//! resolved against the environment (unknown values never fall back).

use secrecy::ExposeSecret;
use tfplugin::Value;

use super::*;

fn settings_of(
    config: Value,
    env: impl Fn(&str) -> Option<String>,
) -> Result<ProviderSettings, Diagnostics> {
    settings(
        &ConfigureRequest::new(config, "1.11.4").with_schema(&schema()),
        env,
    )
}

/// An object of `names`, null but for `fields`.
fn object(names: &[&'static str], fields: &[(&'static str, Value)]) -> Value {
    Value::object(names.iter().map(|name| {
        let set = fields.iter().find(|(k, _)| k == name);
        (*name, set.map_or(Value::Null, |(_, v)| v.clone()))
    }))
}

/// `fields` as the provider block, every other attribute null.
fn block(fields: &[(&'static str, Value)]) -> Value {
    object(
        &["owner", "token", "base_url", "max_retries", "app_auth"],
        fields,
    )
}

fn app(fields: &[(&'static str, Value)]) -> Value {
    object(&["id", "installation_id", "pem_file"], fields)
}

#[test]
fn the_model_matches_the_schema() {
    schema().check_model::<ProviderBlock>().unwrap();
}

#[test]
fn base_urls_need_tls_unless_loopback() {
    assert!(base_url_problem("https://api.github.com").is_none());
    assert!(base_url_problem("https://ghe.example.com/api/v3").is_none());
    assert!(base_url_problem("http://127.0.0.1:8080").is_none());
    assert!(base_url_problem("http://127.5.6.7").is_none());
    assert!(base_url_problem("http://[::1]:9").is_none());
    assert!(base_url_problem("http://localhost:1").is_none());
    assert!(
        base_url_problem("http://[::ffff:127.0.0.1]:8080").is_none(),
        "an IPv4-mapped loopback address, as the client accepts it"
    );
    assert!(base_url_problem("http://[::ffff:10.0.0.1]").is_some());
    let refused = base_url_problem("http://me:hunter2@example.com/?t=1").unwrap();
    assert!(
        refused.contains("\"http://example.com/\"") && refused.contains("travel in clear"),
        "{refused}"
    );
    assert!(!refused.contains("hunter2"), "{refused}");
    assert!(base_url_problem("http://example.com").is_some());
    assert!(base_url_problem("http://10.0.0.1").is_some());
    assert!(base_url_problem("ftp://x").is_some());
    assert!(base_url_problem("not a url").is_some());
}

#[test]
fn environment_fills_what_the_block_leaves_out() {
    let config = block(&[("owner", Value::string("acme"))]);
    let env = |k: &str| match k {
        "GITHUB_TOKEN" => Some("t0ken".to_string()),
        "GITHUB_OWNER" => Some("ignored".to_string()),
        _ => None,
    };
    let s = settings_of(config, env).unwrap();
    assert_eq!(s.owner.as_deref(), Some("acme"));
    let Some(Credentials::Token(token)) = &s.credentials else {
        panic!("GITHUB_TOKEN is the token")
    };
    assert_eq!(token.expose_secret(), "t0ken");
    assert_eq!(s.base_url, DEFAULT_BASE_URL);
    assert_eq!(s.max_retries, DEFAULT_MAX_RETRIES);
    assert!(!format!("{s:?}").contains("t0ken"));
}

#[test]
fn unknown_values_never_fall_back_to_the_environment() {
    let env = |k: &str| match k {
        "GITHUB_TOKEN" => Some("env-token".to_string()),
        "GITHUB_OWNER" => Some("env-owner".to_string()),
        "GITHUB_BASE_URL" => Some("http://10.0.0.1".to_string()),
        "GITHUB_APP_ID" => Some("7".to_string()),
        _ => None,
    };
    let config = block(&[
        ("owner", Value::Unknown),
        ("token", Value::Unknown),
        ("base_url", Value::Unknown),
    ]);
    let s = settings_of(config, env).unwrap();
    assert_eq!(s.unknown, ["owner", "token", "base_url"]);
    assert!(!s.is_known());
    assert!(s.owner.is_none() && s.credentials.is_none());
    let with_app = block(&[
        ("base_url", Value::string("https://ghe.example.com/api/v3")),
        (
            "app_auth",
            app(&[("id", Value::string("1")), ("pem_file", Value::Unknown)]),
        ),
    ]);
    let s = settings_of(with_app, env).unwrap();
    assert_eq!(s.unknown, ["app_auth.pem_file"]);
    assert!(s.credentials.is_none());
    let dynamic_block = block(&[
        ("base_url", Value::string("https://ghe.example.com/api/v3")),
        ("app_auth", Value::Unknown),
    ]);
    let s = settings_of(dynamic_block, env).unwrap();
    assert_eq!(s.unknown, ["app_auth"]);
    let known = settings_of(block(&[("owner", Value::string("acme"))]), env);
    assert!(known.is_err(), "GITHUB_BASE_URL is still checked when used");
}

#[test]
fn bad_values_point_at_their_attribute() {
    let config = block(&[
        ("base_url", Value::string("http://example.com")),
        ("max_retries", Value::int(99)),
        ("owner", Value::string("-x")),
    ]);
    let d = tfplugin::testing::validate_block(&schema().block, &config);
    let paths: Vec<String> = d
        .iter()
        .filter_map(|d| d.attribute.as_ref())
        .map(|p| p.to_string())
        .collect();
    assert_eq!(paths, ["owner", "base_url", "max_retries"]);
    let bad_env = settings_of(block(&[]), |k| {
        (k == "GITHUB_BASE_URL").then(|| "http://x.org".into())
    });
    assert_eq!(
        bad_env.unwrap_err().iter().next().unwrap().summary,
        "Invalid GITHUB_BASE_URL"
    );
}
