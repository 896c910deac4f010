//! Error messages: what they name and what they advise.

use super::*;
use crate::clock::Wait;
use crate::crypto::CryptoError;

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

#[test]
fn every_message_ends_its_sentences_with_full_stops() {
    let s = String::from;
    let request = || {
        Request::new(
            "PUT",
            "/orgs/{org}/codespaces/secrets/{secret_name}",
            "/orgs/acme/codespaces/secrets/X",
            "https://api.github.com/orgs/acme/codespaces/secrets/X".into(),
        )
    };
    let api = |kind, message: &str| {
        let mut e = forbidden(None, None, Caller::Token);
        (e.kind, e.message) = (kind, message.into());
        Box::new(e)
    };
    let all = [
        Error::Api(api(ApiErrorKind::Other, "I'm a teapot")),
        Error::Api(api(ApiErrorKind::Validation, "Invalid request.")),
        Error::App(AppError::Failed {
            request: request(),
            status: 418,
            message: s("no"),
        }),
        Error::App(AppError::Key(KeyError::NotRsa)),
        Error::RateLimited {
            request: request(),
            resets_at: None,
            detail: s("run again later"),
        },
        Error::Transport {
            request: request(),
            attempts: 3,
            message: s("refused"),
        },
        Error::Certificate {
            request: request(),
            problem: s("expired"),
        },
        Error::Redirected {
            request: request(),
            status: 307,
            location: s("l"),
            reason: s("not followed"),
        },
        Error::Pagination {
            request: request(),
            problem: s("so the listing was stopped"),
        },
        Error::PathSegment {
            segment: s("a/b"),
            problem: "it holds a `/`",
        },
        Error::Decode {
            request: request(),
            message: s("not JSON"),
        },
        Error::Setup(s("no TLS")),
        Error::Crypto(CryptoError::Seal),
        Error::Stopped {
            request: request(),
            wait: Wait::Backoff {
                after_try: 1,
                failure: s("PUT https://h/x: could not reach GitHub after 1 attempt: refused."),
            },
        },
    ];
    for e in all {
        let text = e.to_string();
        assert!(text.ends_with('.') && !text.contains(".."), "{text}");
        assert!(!text.contains(".)"), "{text}");
        assert!(!text.contains("Enterprise Server"), "{text}");
    }
}

#[test]
fn an_answer_that_is_not_githubs_json_is_named_by_its_url() {
    let e = Error::Decode {
        request: Request::new(
            "GET",
            "/orgs/{org}/codespaces/secrets",
            "/orgs/acme/codespaces/secrets",
            "https://example.com/orgs/acme/codespaces/secrets".into(),
        ),
        message: "the answer was not GitHub's JSON (it looks like a web page)".into(),
    };
    assert!(
        e.to_string()
            .starts_with("GET https://example.com/orgs/acme/codespaces/secrets: the answer"),
        "{e}"
    );
}
