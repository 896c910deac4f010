//! The provider block through a real Terraform: schema, validate, plan, and configuration
//! errors on the attribute they concern.

use crate::common;

use crate::common::Tf;

/// Something that uses the provider: Terraform validates only providers in use.
const USE: &str = "data \"codespaces_org_public_key\" \"k\" {}\n";

fn config(tf: &Tf, provider_block: &str) {
    tf.config(&format!("{provider_block}{USE}"));
}

#[test]
fn providers_schema_lists_the_provider_block() {
    let tf = Tf::new();
    tf.config("provider \"codespaces\" {}\n");
    let r = tf.ok(&["providers", "schema", "-json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let p = &v["provider_schemas"][common::ADDRESS];
    let attrs = &p["provider"]["block"]["attributes"];
    for a in ["owner", "token", "base_url", "max_retries"] {
        assert!(
            attrs[a].is_object(),
            "provider attribute {a} missing: {attrs}"
        );
    }
    assert_eq!(attrs["token"]["sensitive"], true);
    let secret = &p["resource_schemas"]["codespaces_org_secret"]["block"]["attributes"];
    assert_eq!(secret["value_wo"]["write_only"], true);
    assert_eq!(secret["value"]["sensitive"], true);
    for ds in [
        "codespaces_org_public_key",
        "codespaces_org_secrets",
        "codespaces_org_secret_repositories",
        "codespaces_repository",
    ] {
        assert!(p["data_source_schemas"][ds].is_object(), "{ds} missing");
    }
}

#[test]
fn validate_accepts_a_valid_block_and_names_an_unknown_argument() {
    let tf = Tf::new();
    config(&tf, "provider \"codespaces\" {\n  owner       = \"acme\"\n  base_url    = \"https://ghe.example.com/api/v3\"\n  max_retries = 5\n}\n");
    tf.ok(&["validate", "-no-color"]);
    config(
        &tf,
        "provider \"codespaces\" {\n  owner  = \"acme\"\n  colour = \"blue\"\n}\n",
    );
    let r = tf.run(&["validate", "-no-color"]);
    assert!(!r.ok());
    assert!(
        r.text().contains("colour") && r.text().contains("Unsupported argument"),
        "{}",
        r.text()
    );
}

#[test]
fn plan_with_only_the_provider_block_succeeds() {
    let tf = Tf::new();
    tf.config("provider \"codespaces\" {\n  owner = \"acme\"\n}\n");
    let r = tf.ok(&["plan", "-no-color", "-input=false"]);
    assert!(r.stdout.contains("No changes"), "{}", r.stdout);
}

#[test]
fn plain_http_to_a_remote_host_is_refused_on_base_url() {
    let tf = Tf::new();
    config(
        &tf,
        "provider \"codespaces\" {\n  base_url = \"http://example.com\"\n}\n",
    );
    let r = tf.run(&["validate", "-no-color"]);
    assert!(!r.ok());
    let text = r.text();
    assert!(
        text.contains("Invalid base_url") && text.contains("in clear"),
        "{text}"
    );
    assert!(
        text.contains("base_url = \"http://example.com\""),
        "diagnostic points at the line: {text}"
    );
}

#[test]
fn max_retries_out_of_range_is_refused() {
    let tf = Tf::new();
    config(&tf, "provider \"codespaces\" {\n  max_retries = 50\n}\n");
    let r = tf.run(&["validate", "-no-color"]);
    assert!(!r.ok() && r.text().contains("max_retries"), "{}", r.text());
}
