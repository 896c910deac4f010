//! Reading headers: next links among others, and rate-limit refusals recognised.

use super::*;
use reqwest::header::HeaderMap;
use reqwest::header::HeaderValue;

#[test]
fn next_links_are_found_among_others() {
    let mut h = HeaderMap::new();
    h.insert(
        "link",
        HeaderValue::from_static(
            "<https://api.github.com/x?page=1>; rel=\"prev\", <https://api.github.com/x?page=3>; rel=\"next\", <https://api.github.com/x?page=9>; rel=\"last\"",
        ),
    );
    assert_eq!(
        next_link(&h).unwrap().as_str(),
        "https://api.github.com/x?page=3"
    );
    assert!(next_link(&HeaderMap::new()).is_none());
}

#[test]
fn rate_limits_are_recognised() {
    let mut h = HeaderMap::new();
    h.insert("retry-after", HeaderValue::from_static("7"));
    assert_eq!(
        rate_limit(StatusCode::TOO_MANY_REQUESTS, &h, "", None, None),
        Some(Limit::Named(Duration::from_secs(7)))
    );
    let none = HeaderMap::new();
    assert_eq!(
        rate_limit(
            StatusCode::FORBIDDEN,
            &none,
            "Must have admin rights",
            Some(10),
            None
        ),
        None
    );
    assert_eq!(
        rate_limit(
            StatusCode::FORBIDDEN,
            &none,
            "You have exceeded a secondary rate limit",
            None,
            None
        ),
        Some(Limit::Untimed)
    );
    let soon = now_secs() + 5;
    let limit = rate_limit(
        StatusCode::FORBIDDEN,
        &none,
        "API rate limit exceeded",
        Some(0),
        Some(soon),
    );
    assert!(matches!(limit, Some(Limit::Reset { wait, at })
        if at == soon && wait >= Duration::from_secs(5) && wait <= Duration::from_secs(7)));
}
