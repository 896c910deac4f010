//! Error messages: what they name and what they advise.

use super::*;

fn forbidden(has: Option<&str>, accepts: Option<&str>, caller: Caller) -> ApiError {
    ApiError {
        kind: ApiErrorKind::Forbidden,
        request: Request::new(
            "PUT",
            "/orgs/{org}/codespaces/secrets/{secret_name}",
            "/orgs/acme/codespaces/secrets/X",
            "https://api.github.com/orgs/acme/codespaces/secrets/X".into(),
        ),
        status: 403,
        message: "Resource not accessible by personal access token".into(),
        errors: vec![],
        token_scopes: has.map(str::to_string),
        accepted_scopes: accepts.map(str::to_string),
        attempts: 1,
        caller,
    }
}

#[test]
fn forbidden_says_which_scopes_are_missing() {
    let text = forbidden(Some("repo"), Some("admin:org"), Caller::Token).to_string();
    assert!(
        text.starts_with("PUT /orgs/acme/codespaces/secrets/X: HTTP 403: Resource not accessible"),
        "{text}"
    );
    assert!(
        text.contains("The token has scopes [repo]; this endpoint accepts [admin:org]"),
        "{text}"
    );
    let without = forbidden(None, None, Caller::Token).to_string();
    assert!(without.contains("admin:org (classic)"), "{without}");
}

#[test]
fn an_app_is_told_which_permission_it_lacks_not_which_scope() {
    let text = forbidden(Some("repo"), Some("admin:org"), Caller::App).to_string();
    assert!(
        text.contains("The GitHub App needs the organization permission"),
        "{text}"
    );
    assert!(!text.contains("scopes"), "{text}");
}

#[test]
fn github_errors_arrays_are_summarised() {
    let errors = serde_json::json!([
        {"resource": "Secret", "field": "name", "code": "invalid"},
        {"message": "key_id does not match"},
        "plain text"
    ]);
    assert_eq!(
        summarise_errors(Some(&errors)),
        ["Secret name invalid", "key_id does not match", "plain text"]
    );
}

#[test]
fn a_stopped_wait_says_what_was_not_done() {
    let request = Request::new("GET", "/r", "/r", "http://127.0.0.1:1/r".into());
    let stopped = Error::Stopped {
        request,
        wait: Wait::ReadAfterWrite,
    };
    assert_eq!(
        stopped.to_string(),
        "GET /r: the client was asked to stop, so the secret just written was not read back. \
         Requests already sent were completed and their results kept."
    );
}
