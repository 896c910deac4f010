//! URLs: the API root's policy, routes, and URLs as messages show them.

use super::*;

fn url(s: &str) -> Url {
    Url::parse(s).unwrap()
}

#[test]
fn plain_http_is_for_loopback_only() {
    for ok in [
        "https://api.github.com",
        "https://ghe.example.com/api/v3",
        "http://127.0.0.1:8080/",
        "http://127.5.6.7",
        "http://[::1]:9/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:7f00:1]:3",
        "http://localhost:1/",
        "http://LOCALHOST",
    ] {
        assert!(check_base_url(ok).is_ok(), "{ok}");
    }
    for bad in [
        "http://example.com/",
        "http://10.0.0.1/",
        "http://[::2]/",
        "http://[::ffff:10.0.0.1]/",
    ] {
        let err = check_base_url(bad).unwrap_err();
        assert!(
            matches!(
                &err,
                Error::BaseUrl {
                    problem: BaseUrlProblem::PlainHttp,
                    ..
                }
            ),
            "{bad}: {err}"
        );
        assert!(err.to_string().contains("travel in clear"), "{err}");
    }
    for bad in ["ftp://x/", "not a url", "mailto:x@example.com"] {
        assert!(
            matches!(check_base_url(bad), Err(Error::BaseUrl { .. })),
            "{bad}"
        );
    }
}

#[test]
fn a_base_url_is_shown_without_its_credentials() {
    let err = check_base_url("http://user:hunter2@example.com/api?token=x").unwrap_err();
    let text = err.to_string();
    assert!(text.contains("http://example.com/api"), "{text}");
    assert!(
        !text.contains("hunter2") && !text.contains("token=x"),
        "{text}"
    );
    let err = check_base_url("https://user:hunter2@exa mple.com/x?y").unwrap_err();
    let text = err.to_string();
    assert!(text.contains("https://exa mple.com/x"), "{text}");
    assert!(!text.contains("hunter2"), "{text}");
}

#[test]
fn routes_extend_the_base_path() {
    let base = parse_base("https://h/api/v3").unwrap();
    assert_eq!(base.as_str(), "https://h/api/v3/");
    let r = Route::expand(&base, "/orgs/{org}", &["acme"]).unwrap();
    assert_eq!(r.url.as_str(), "https://h/api/v3/orgs/acme");
    let request = r.request(&Method::GET);
    assert_eq!(request.to_string(), "GET /api/v3/orgs/acme");
    assert_eq!(request.tried(), "GET https://h/api/v3/orgs/acme");
}

#[test]
fn segments_cannot_climb_or_split() {
    let base = url("https://h/api/v3/");
    assert_eq!(
        join(&base, &["repos", "acme", "a b%"]).unwrap().as_str(),
        "https://h/api/v3/repos/acme/a%20b%25"
    );
    for bad in ["..", ".", "", "a/b", "x\ny", "\u{7f}", "tab\t"] {
        let err = join(&base, &["repos", "acme", bad]).unwrap_err();
        assert!(matches!(err, Error::PathSegment { .. }), "{bad:?}: {err}");
    }
}

#[test]
fn routes_expand_their_parameters_in_order() {
    let base = url("https://h/api/v3/");
    let r = Route::expand(
        &base,
        "/orgs/{org}/codespaces/secrets/{secret_name}",
        &["acme", "A B"],
    )
    .unwrap();
    assert_eq!(
        r.url.as_str(),
        "https://h/api/v3/orgs/acme/codespaces/secrets/A%20B"
    );
    assert_eq!(r.template, "/orgs/{org}/codespaces/secrets/{secret_name}");
    assert!(Route::expand(&base, "/repos/{owner}/{repo}", &["a"]).is_err());
    assert!(Route::expand(&base, "/orgs/{org}", &["a", "b"]).is_err());
    assert!(Route::expand(&base, "/orgs/{org}", &[".."]).is_err());
}

#[test]
fn shown_urls_hold_no_credentials_or_query() {
    assert_eq!(
        shown(&url("https://u:p@h:8443/x/y?token=s#f")),
        "https://h:8443/x/y"
    );
}
