use super::*;

#[test]
fn identities_fit_their_schemas_in_every_scope() {
    let homes = [
        SecretHome::organization("acme"),
        SecretHome::repository("Acme", "API"),
        SecretHome::User,
    ];
    for home in &homes {
        let scope = Scope::of(home);
        let id = secret(home, "db");
        assert_eq!(
            id.implied_type(),
            secret_schema(scope).implied_type(),
            "{home}"
        );
        if scope.has_grants() {
            let g = grant(home, "db", 7);
            assert_eq!(
                g.implied_type(),
                grant_schema(scope).implied_type(),
                "{home}"
            );
        }
    }
}

#[test]
fn identities_use_the_upper_case_name_and_a_lower_case_repository() {
    let id = secret(&SecretHome::repository("Acme", "API"), "db");
    assert_eq!(id.get("owner").as_str(), Some("acme"));
    assert_eq!(id.get("repository").as_str(), Some("api"));
    assert_eq!(id.get("secret_name").as_str(), Some("DB"));
    let org = secret(&SecretHome::organization("acme"), "db");
    assert_eq!(org.get("owner").as_str(), Some("acme"));
    let user = grant(&SecretHome::User, "db", 7);
    assert_eq!(user.get("repository_id").as_i64(), Some(7));
    assert!(user.get("owner").is_null());
}

#[test]
fn imports_by_identity_must_name_the_configured_organization() {
    let id = secret(&SecretHome::organization("other"), "db");
    let org = Scope::Organization;
    assert!(imported(org, &id, Some("acme"), false).is_err());
    assert!(imported(org, &id, None, false).is_err());
    let named = imported(org, &id, Some("OTHER"), false).unwrap();
    assert_eq!((named.secret_name.as_str(), named.repository), ("DB", None));

    let g = grant(&SecretHome::organization("acme"), "db", 7);
    let named = imported(org, &g, Some("acme"), true).unwrap();
    assert_eq!(named.repository_id, Some(7));

    let repo = secret(&SecretHome::repository("acme", "api"), "db");
    let named = imported(Scope::Repository, &repo, None, false).unwrap();
    assert_eq!(named.repository.as_deref(), Some("acme/api"));

    let bad = Value::object([("secret_name", Value::string("1X"))]);
    assert!(imported(Scope::User, &bad, None, false).is_err());
}
