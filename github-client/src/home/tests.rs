use super::*;

fn path(home: &SecretHome, endpoint: Endpoint<'_>) -> String {
    let base = Url::parse("https://h/api/v3/").unwrap();
    home.route(&base, endpoint).unwrap().url.path().to_string()
}

#[test]
fn every_endpoint_is_a_route_of_its_home() {
    let home = SecretHome::organization("acme");
    assert_eq!(
        path(&home, Endpoint::Secrets),
        "/api/v3/orgs/acme/codespaces/secrets"
    );
    assert_eq!(
        path(&home, Endpoint::PublicKey),
        "/api/v3/orgs/acme/codespaces/secrets/public-key"
    );
    assert_eq!(
        path(&home, Endpoint::Repository("DB", 7)),
        "/api/v3/orgs/acme/codespaces/secrets/DB/repositories/7"
    );
    let base = Url::parse("https://h/api/v3/").unwrap();
    let route = home.route(&base, Endpoint::Repositories("DB")).unwrap();
    assert_eq!(
        route.template,
        "/orgs/{org}/codespaces/secrets/{secret_name}/repositories"
    );
    assert!(home.route(&base, Endpoint::Secret("..")).is_err());
}

#[test]
fn repositories_and_users_have_their_own_routes() {
    let repo = SecretHome::repository("acme", "api");
    assert_eq!(
        path(&repo, Endpoint::Secret("DB")),
        "/api/v3/repos/acme/api/codespaces/secrets/DB"
    );
    assert_eq!(
        path(&repo, Endpoint::PublicKey),
        "/api/v3/repos/acme/api/codespaces/secrets/public-key"
    );
    let base = Url::parse("https://h/").unwrap();
    let refused = repo.route(&base, Endpoint::Repositories("DB")).unwrap_err();
    assert!(
        refused.to_string().contains("have no repositories"),
        "{refused}"
    );
    assert!(SecretHome::repository("acme", "..")
        .route(&base, Endpoint::Secrets)
        .is_err());

    let user = SecretHome::User;
    assert_eq!(
        path(&user, Endpoint::Secrets),
        "/api/v3/user/codespaces/secrets"
    );
    assert_eq!(
        path(&user, Endpoint::Repository("DB", 7)),
        "/api/v3/user/codespaces/secrets/DB/repositories/7"
    );
    assert_eq!(user.scope(), SecretScope::User);
}

#[test]
fn homes_compare_ignoring_the_case_of_logins() {
    let home = SecretHome::organization("Acme");
    assert_eq!(home, SecretHome::organization("acme"));
    assert_ne!(home, SecretHome::organization("other"));
    assert_eq!(home.to_string(), "organization Acme");
    let repo = SecretHome::repository("Acme", "API");
    assert_eq!(repo, SecretHome::repository("acme", "api"));
    assert_ne!(repo, SecretHome::organization("acme"));
    assert_ne!(
        SecretHome::repository("acme", "api"),
        SecretHome::repository("acme", "web")
    );
    assert_eq!(repo.to_string(), "repository Acme/API");
    assert_eq!(SecretHome::User, SecretHome::User);
}
