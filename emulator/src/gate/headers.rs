//! What the gate adds to an answer: GitHub's `X-RateLimit-*` headers, and an `ETag` with
//! the 304 of a matching `If-None-Match`.

use axum::body::{to_bytes, Body};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::Response;

use crate::reply::insert;
use crate::shared::RATE_LIMIT;

/// The primary limit's headers: `remaining` requests until `reset` (unix seconds).
pub(super) fn set_rate_headers(h: &mut HeaderMap, remaining: u64, reset: u64) {
    insert(h, "x-ratelimit-limit", &RATE_LIMIT.to_string());
    insert(h, "x-ratelimit-remaining", &remaining.to_string());
    insert(
        h,
        "x-ratelimit-used",
        &(RATE_LIMIT.saturating_sub(remaining)).to_string(),
    );
    insert(h, "x-ratelimit-reset", &reset.to_string());
    insert(h, "x-ratelimit-resource", "core");
}

/// `resp` with its `ETag`, or 304 without a body when the request already holds it.
pub(super) async fn with_etag(resp: Response, req_headers: &HeaderMap) -> Response {
    let (mut parts, b) = resp.into_parts();
    let bytes = to_bytes(b, usize::MAX).await.unwrap_or_default();
    let tag = format!("\"{:016x}\"", fnv(&bytes));
    insert(&mut parts.headers, "etag", &tag);
    let matches = req_headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == tag || t.trim() == "*"));
    if matches {
        parts.status = StatusCode::NOT_MODIFIED;
        parts.headers.remove(header::CONTENT_TYPE);
        parts.headers.remove(header::CONTENT_LENGTH);
        return Response::from_parts(parts, Body::empty());
    }
    Response::from_parts(parts, Body::from(bytes))
}

fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3)
    })
}
