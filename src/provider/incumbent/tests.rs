use super::*;

#[test]
fn go_timestamps_become_github_s() {
    for (go, github) in [
        ("2023-06-27 12:34:56 +0000 UTC", "2023-06-27T12:34:56Z"),
        ("2023-06-27 14:34:56 +0200 CEST", "2023-06-27T12:34:56Z"),
        ("2024-01-01 00:00:00 -0500 EST", "2024-01-01T05:00:00Z"),
        ("2023-06-27 12:34:56.5 +0000 UTC", "2023-06-27T12:34:56.5Z"),
    ] {
        assert_eq!(rfc3339(go).as_deref(), Some(github), "{go}");
    }
    for not_go in [
        "",
        "2023-06-27T12:34:56Z",
        "yesterday",
        "2023-06-27 12:34:56",
    ] {
        assert_eq!(rfc3339(not_go), None, "{not_go:?}");
    }
}

#[test]
fn the_secret_model_reads_every_type_s_state() {
    full_secret_schema()
        .check_model::<IncumbentSecret>()
        .unwrap();
    let names = |scope| -> Vec<String> {
        let schema = secret_schema(scope);
        schema
            .block
            .attributes
            .iter()
            .map(|a| a.name().to_string())
            .collect()
    };
    let common = [
        "id",
        "secret_name",
        "encrypted_value",
        "plaintext_value",
        "created_at",
        "updated_at",
    ];
    for (scope, own) in [
        (
            Scope::Organization,
            &["visibility", "selected_repository_ids"][..],
        ),
        (Scope::Repository, &["repository"][..]),
        (Scope::User, &["selected_repository_ids"][..]),
    ] {
        let mut expected: Vec<&str> = common.iter().chain(own).copied().collect();
        expected.sort_unstable();
        let mut got = names(scope);
        got.sort_unstable();
        assert_eq!(got, expected, "{scope:?}");
    }
    // A repository secret's state, with the unset value stored as "" as SDKv2 does.
    let raw = RawState::Json(
        br#"{"id":"api:DB","repository":"api","secret_name":"DB","encrypted_value":"",
            "plaintext_value":"s3cret","created_at":"c","updated_at":"u"}"#
            .to_vec(),
    );
    let secret = IncumbentSecret::read(&raw).unwrap();
    assert_eq!(secret.repository.as_deref(), Some("api"));
    assert!(IncumbentSecret::value(&secret.encrypted_value).is_none());
    let plaintext = IncumbentSecret::value(&secret.plaintext_value).unwrap();
    assert_eq!(plaintext.expose_secret(), "s3cret");
    assert_eq!(secret.visibility, None);
}

#[test]
fn the_four_types_are_version_0_and_the_list_s_move_says_what_to_do() {
    let all = schemas();
    assert_eq!(all.len(), 4);
    assert!(all.iter().all(|(_, s)| s.version == 0));
    let text = list_move_refused("codespaces_org_secret").detail;
    for advice in [
        "removed",
        "destroy = false",
        "selected_repository_ids",
        "import",
    ] {
        assert!(text.contains(advice), "{text}");
    }
}
