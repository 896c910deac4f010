use super::*;

#[test]
fn repository_names_follow_githubs_rules() {
    for ok in [
        "api",
        "my.repo",
        "a-b_c",
        ".github",
        "x".repeat(100).as_str(),
    ] {
        assert_eq!(name_problem(ok), None, "{ok:?}");
    }
    for bad in [
        "", ".", "..", "a/b", "a b", "a\nb", "a\u{0}", "é", "%2e%2e", "x.wiki", "?x", "#x",
    ] {
        assert!(name_problem(bad).is_some(), "{bad:?} accepted");
    }
    assert!(name_problem(&"x".repeat(101)).is_some());
}

#[test]
fn full_names_check_both_parts() {
    assert_eq!(full_name_problem("acme/api"), None);
    for bad in [
        "acme/..", "acme/.", "../api", "acme", "acme/a/b", "/api", "acme/", "ac me/x",
    ] {
        assert!(full_name_problem(bad).is_some(), "{bad:?} accepted");
    }
}

#[test]
fn a_repository_is_owner_slash_name_or_a_name_under_the_providers_owner() {
    let full = RepositoryName::parse("acme/api").unwrap();
    assert_eq!(full.resolve(None), Some(("acme", "api")));
    assert_eq!(full.resolve(Some("other")), Some(("acme", "api")));
    let bare = RepositoryName::parse("api").unwrap();
    assert_eq!(bare.resolve(Some("acme")), Some(("acme", "api")));
    assert_eq!(bare.resolve(None), None);
    assert!(RepositoryName::parse("acme/../x").is_err());
    assert!(RepositoryName::parse("..")
        .unwrap_err()
        .contains("OWNER/NAME"));
}

#[test]
fn both_spellings_of_one_repository_are_the_same() {
    let owner = Some("Acme");
    assert!(same_repository("api", "acme/API", owner));
    assert!(same_repository("ACME/api", "acme/api", None));
    assert!(
        !same_repository("api", "acme/api", None),
        "no owner to stand in"
    );
    assert!(!same_repository("api", "other/api", owner));
    assert!(!same_repository("api", "web", owner));
    assert!(
        same_repository("a b", "A B", owner),
        "not names: compared as text"
    );
}
