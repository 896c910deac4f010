//! The list resources and identities through the provider's own traits, against the emulator:
//! what a list event carries when Terraform asks for the full object, `limit` stopping the
//! listing before calls it does not need (shown with grants: the emulator holds at most 100
//! secrets, a single page of the secrets listing), the generated configuration, a listing
//! whose `next` link loops or never ends stopping with an error, and
//! UpgradeResourceIdentity reading a stored version-0 identity.

use crate::common::{emulator, repo_id, ORG, TOKEN};
use github_emulator::{BadNext, Emulator, Faults};
use terraform_provider_codespaces::provider::CodespacesProvider;
use tfplugin::{ConfigureRequest, GenerateConfigRequest, ListEvent, ListRequest, Provider, Value};

async fn configured(emu: &Emulator) -> CodespacesProvider {
    let provider = CodespacesProvider::new();
    let config = Value::object([
        ("owner", Value::string(ORG)),
        ("token", Value::string(TOKEN)),
        ("base_url", Value::string(emu.base_url())),
        ("max_retries", Value::Null),
        ("app_auth", Value::Null),
    ]);
    let req = ConfigureRequest::new(config, "1.15.5").with_schema(&provider.schema());
    let d = provider.configure(req).await;
    assert!(d.is_empty(), "{d:?}");
    provider
}

async fn list(provider: &CodespacesProvider, ty: &str, req: ListRequest) -> Vec<ListEvent> {
    let lists = provider.list_resources();
    let list = lists.iter().find(|l| l.type_name() == ty).unwrap();
    let req = req.with_schema(&list.schema());
    tfplugin::testing::collect_list(list.as_ref(), req).await
}

#[tokio::test]
async fn full_objects_leave_the_value_null_and_identities_name_the_organization() {
    let emu = emulator();
    let api = repo_id(&emu, "api");
    emu.put_secret_outside(ORG, "shared", b"outside", "selected", &[api]);
    let provider = configured(&emu).await;
    let mut req = ListRequest::new(Value::Null, 100);
    req.include_resource_object = true;
    let events = list(&provider, "codespaces_org_secret", req.clone()).await;
    assert_eq!(events.len(), 1);
    let event = &events[0];
    assert_eq!(event.display_name, "SHARED");
    assert_eq!(event.identity.get("owner").as_str(), Some(ORG));
    assert_eq!(event.identity.get("secret_name").as_str(), Some("SHARED"));
    let object = event.resource_object.clone().unwrap();
    for name in ["value", "value_wo", "encrypted_value", "key_id"] {
        assert!(object.get(name).is_null(), "{name}");
    }
    assert_eq!(object.get("visibility").as_str(), Some("selected"));

    // The generated configuration: name and visibility, nothing else.
    let resources = provider.resources();
    let secret = resources
        .iter()
        .find(|r| r.type_name() == "codespaces_org_secret")
        .unwrap();
    let config = secret
        .as_generate_config()
        .unwrap()
        .generate_config(GenerateConfigRequest::new(object).with_schema(&secret.schema()))
        .await
        .unwrap();
    let Value::Object(attrs) = &config else {
        panic!("{config:?}")
    };
    let set: Vec<&str> = attrs
        .iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(k, _)| k.as_str())
        .collect();
    assert_eq!(set, ["secret_name", "visibility"]);

    let grants = list(&provider, "codespaces_org_secret_repository", req).await;
    assert_eq!(grants.len(), 1);
    assert_eq!(grants[0].display_name, "SHARED → acme/api");
    assert_eq!(grants[0].identity.get("repository_id").as_i64(), Some(api));
    let object = grants[0].resource_object.clone().unwrap();
    assert_eq!(
        object.get("id").as_str(),
        Some(format!("SHARED:{api}").as_str())
    );
}

#[tokio::test]
async fn a_limit_reached_stops_the_listing_before_the_next_call() {
    let emu = emulator();
    let repos: Vec<i64> = emu.repositories(ORG).iter().map(|r| r.id).collect();
    for i in 0..5 {
        emu.put_secret_outside(ORG, &format!("S_{i}"), b"x", "selected", &repos[i..i + 3]);
    }
    let provider = configured(&emu).await;
    let repositories = "GET /orgs/{org}/codespaces/secrets/{secret_name}/repositories";
    emu.reset_counts();
    let ty = "codespaces_org_secret_repository";
    let events = list(&provider, ty, ListRequest::new(Value::Null, 3)).await;
    assert_eq!(events.len(), 3);
    assert_eq!(
        emu.count(repositories),
        1,
        "the first secret's grants were enough"
    );
    emu.reset_counts();
    let all = list(&provider, ty, ListRequest::new(Value::Null, 100)).await;
    assert_eq!(all.len(), 15);
    assert_eq!(
        emu.count(repositories),
        4,
        "the first secret's grants were read once in this run"
    );
    let secrets = list(
        &provider,
        "codespaces_org_secret",
        ListRequest::new(Value::Null, 2),
    )
    .await;
    let names: Vec<&str> = secrets.iter().map(|e| e.display_name.as_str()).collect();
    assert_eq!(names, ["S_0", "S_1"]);
}

#[tokio::test]
async fn a_next_link_that_loops_or_never_ends_stops_the_listing_with_an_error() {
    let emu = emulator();
    emu.put_secret_outside(ORG, "LISTED", b"x", "selected", &[repo_id(&emu, "api")]);
    let provider = configured(&emu).await;
    // Requests made by each list: with an endless listing, the grants list reads the
    // secrets' first page, then the secret's repositories up to the cap.
    let cases = [
        (BadNext::Itself, "is a page already fetched", [1, 1]),
        (BadNext::Endless, "did not end within 300 pages", [300, 301]),
    ];
    for (bad, expected, counts) in cases {
        let types = ["codespaces_org_secret", "codespaces_org_secret_repository"];
        for (ty, requests) in types.into_iter().zip(counts) {
            emu.set_faults(Faults {
                bad_next: Some(bad.clone()),
                ..Faults::default()
            });
            emu.reset_counts();
            let events = list(&provider, ty, ListRequest::new(Value::Null, 0)).await;
            let last = events.last().unwrap();
            let error = last.diagnostics.iter().next().unwrap();
            assert!(
                error.summary.starts_with("Could not list") && error.detail.contains(expected),
                "{ty} {bad:?}: {error:?}"
            );
            assert_eq!(emu.total_requests(), requests, "{ty} {bad:?}");
        }
    }
}

#[test]
fn stored_identities_of_version_0_are_read_back() {
    let provider = CodespacesProvider::new();
    for resource in provider.resources() {
        let schema = resource.as_identity().unwrap().identity_schema();
        assert_eq!(schema.version, 0);
        let stored = br#"{"owner":"acme","secret_name":"DB","repository_id":7}"#;
        let stored: &[u8] = if resource.type_name() == "codespaces_org_secret" {
            br#"{"owner":"acme","secret_name":"DB"}"#
        } else {
            stored
        };
        let identity = schema.upgrade(0, stored).unwrap();
        assert_eq!(identity.get("secret_name").as_str(), Some("DB"));
        assert!(
            schema.upgrade(1, stored).is_err(),
            "a newer version is refused"
        );
    }
}
