//! The emulator's GitHub Apps, driven with JWTs this test signs itself: what GitHub checks
//! in a JWT (signature, `iss`, lifetime), installation tokens that work until they expire,
//! the installation lookup, and 403 to an App without the Codespaces secrets permission.

use crate::common;

use crate::common::{Api, ORG};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use github_emulator::{AppInfo, AppSpec};
use rsa::pkcs1::DecodeRsaPrivateKey;
use rsa::sha2::Sha256;
use serde_json::json;

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// A JWT signed with `pem`, with the given claims.
fn jwt(pem: &str, iss: u64, iat: i64, exp: i64) -> String {
    let key = rsa::PrivateKey::from_pkcs1_pem(pem).unwrap();
    let head = URL_SAFE_NO_PAD.encode(json!({"alg": "RS256", "typ": "JWT"}).to_string());
    let claims = URL_SAFE_NO_PAD.encode(json!({"iat": iat, "exp": exp, "iss": iss}).to_string());
    let signed = format!("{head}.{claims}");
    let signature = key.pkcs1v15_sign::<Sha256>(signed.as_bytes()).unwrap();
    format!("{signed}.{}", URL_SAFE_NO_PAD.encode(signature))
}

fn good(app: &AppInfo) -> String {
    jwt(&app.private_key_pem, app.app_id, now() - 60, now() + 540)
}

async fn exchange(api: &Api, app: &AppInfo, jwt: &str) -> common::Reply {
    let path = format!(
        "/app/installations/{}/access_tokens",
        app.installation_id.unwrap()
    );
    api.call_with(
        "POST",
        &path,
        None,
        &[
            ("authorization", &format!("Bearer {jwt}")),
            ("user-agent", "tests"),
        ],
    )
    .await
}

async fn list_with(api: &Api, token: &str) -> u16 {
    let path = format!("/orgs/{ORG}/codespaces/secrets");
    let auth = format!("Bearer {token}");
    api.call_with(
        "GET",
        &path,
        None,
        &[("authorization", &auth), ("user-agent", "t")],
    )
    .await
    .status
}

#[tokio::test]
async fn jwts_are_checked_as_github_checks_them() {
    let api = Api::start();
    let app = api.emu.app().unwrap();
    let other = api.emu.register_app(AppSpec::not_installed()).unwrap();
    let pem = &app.private_key_pem;
    let cases = [
        (
            "another App's key",
            jwt(&other.private_key_pem, app.app_id, now() - 60, now() + 500),
            "could not be decoded",
        ),
        (
            "expired",
            jwt(pem, app.app_id, now() - 700, now() - 100),
            "'Expiration time'",
        ),
        (
            "too long",
            jwt(pem, app.app_id, now(), now() + 3600),
            "too far in the future",
        ),
        (
            "from the future",
            jwt(pem, app.app_id, now() + 300, now() + 500),
            "'Issued at'",
        ),
        (
            "unknown App",
            jwt(pem, 999, now() - 60, now() + 500),
            "Integration not found",
        ),
        ("not a JWT", "ghp_token".to_string(), "could not be decoded"),
    ];
    for (what, token, message) in cases {
        let r = exchange(&api, &app, &token).await;
        assert_eq!(r.status, 401, "{what}");
        let said = r.body["message"].as_str().unwrap_or_default();
        assert!(said.contains(message), "{what}: {said}");
    }
    assert_eq!(api.emu.installation_tokens_issued(), 0);
    let wrong_installation = format!("/app/installations/{}/access_tokens", 1);
    let r = api
        .call_with(
            "POST",
            &wrong_installation,
            None,
            &[
                ("authorization", &format!("Bearer {}", good(&app))),
                ("user-agent", "t"),
            ],
        )
        .await;
    assert_eq!(r.status, 404);
}

#[tokio::test]
async fn installation_tokens_work_until_they_expire() {
    let api = Api::start();
    let app = api.emu.app().unwrap();
    let r = exchange(&api, &app, &good(&app)).await;
    assert_eq!(r.status, 201);
    let token = r.body["token"].as_str().unwrap().to_string();
    assert!(token.starts_with("ghs_"));
    assert!(r.body["expires_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(list_with(&api, &token).await, 200);
    assert_eq!(list_with(&api, &good(&app)).await, 401, "a JWT is no token");

    api.emu
        .set_installation_token_lifetime(std::time::Duration::ZERO);
    let r = exchange(&api, &app, &good(&app)).await;
    let expired = r.body["token"].as_str().unwrap().to_string();
    assert_eq!(list_with(&api, &expired).await, 401);
    assert_eq!(api.emu.installation_tokens_issued(), 2);
    api.emu.revoke_installation_tokens();
    assert_eq!(list_with(&api, &token).await, 401);
}

#[tokio::test]
async fn the_installation_lookup_answers_for_installed_organizations_only() {
    let api = Api::start();
    let app = api.emu.app().unwrap();
    let lookup = |org: &str| format!("/orgs/{org}/installation");
    let auth = format!("Bearer {}", good(&app));
    let headers = [("authorization", auth.as_str()), ("user-agent", "t")];
    let r = api.call_with("GET", &lookup(ORG), None, &headers).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.body["id"], app.installation_id.unwrap());
    assert_eq!(r.body["app_id"], app.app_id);
    let r = api
        .call_with("GET", &lookup("elsewhere"), None, &headers)
        .await;
    assert_eq!(r.status, 404);
}

#[tokio::test]
async fn an_app_without_the_permission_gets_403_on_secrets() {
    let api = Api::start();
    let app = api
        .emu
        .register_app(AppSpec {
            installed_on: Some(ORG.into()),
            codespaces_secrets: false,
        })
        .unwrap();
    let r = exchange(&api, &app, &good(&app)).await;
    let token = r.body["token"].as_str().unwrap().to_string();
    assert_eq!(list_with(&api, &token).await, 403);
    let repos = format!("/orgs/{ORG}/repos");
    let auth = format!("Bearer {token}");
    let r = api
        .call_with(
            "GET",
            &repos,
            None,
            &[("authorization", &auth), ("user-agent", "t")],
        )
        .await;
    assert_eq!(r.status, 200, "other endpoints still answer");
}

#[tokio::test]
async fn an_installation_reaches_repository_secrets_but_is_refused_user_secrets() {
    let api = Api::start();
    let app = api.emu.app().unwrap();
    let r = exchange(&api, &app, &good(&app)).await;
    let token = r.body["token"].as_str().unwrap().to_string();
    let repo = crate::common::repo_home();
    let (value, key_id) = api.seal_for(&repo, b"from the app");
    let body = json!({"encrypted_value": value, "key_id": key_id});
    let path = format!("/repos/{ORG}/api/codespaces/secrets/APP_SECRET");
    let put = api.call_as(&token, "PUT", &path, Some(body)).await;
    assert_eq!(put.status, 201, "{}", put.body);
    assert_eq!(
        api.emu.secret(&repo, "app_secret").unwrap().plaintext,
        b"from the app"
    );
    api.emu.reset_counts();
    for (method, path) in [
        ("GET", "/user/codespaces/secrets"),
        ("GET", "/user/codespaces/secrets/public-key"),
        ("PUT", "/user/codespaces/secrets/X"),
        ("GET", "/user/codespaces/secrets/X/repositories"),
        ("DELETE", "/user/codespaces/secrets/X/repositories/1"),
    ] {
        let r = api.call_as(&token, method, path, Some(json!({}))).await;
        assert_eq!(r.status, 403, "{method} {path}");
        assert_eq!(r.body["message"], "Resource not accessible by integration");
        assert_eq!(
            r.body["documentation_url"],
            "https://docs.github.com/rest/codespaces/secrets"
        );
    }
    assert_eq!(
        api.emu.tally()["GET /user/codespaces/secrets"].requests,
        1,
        "logged"
    );
    assert!(api.emu.secrets(crate::common::user_home()).is_empty());
    let elsewhere = "/repos/octocat/dotfiles/codespaces/secrets";
    let r = api.call_as(&token, "GET", elsewhere, None).await;
    assert_eq!(r.status, 404, "outside the installation");
}

/// A fresh installation token of `app`.
pub async fn installation_token(api: &Api, app: &AppInfo) -> String {
    let r = exchange(api, app, &good(app)).await;
    r.body["token"].as_str().unwrap().to_string()
}
