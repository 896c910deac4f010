//! Building answers: JSON with a status, GitHub's error bodies, empty answers, headers, and
//! the mark that tells the request log a refusal came from a limit ([`crate::RefusedBy`]).
//! Every layer that answers (gate, routes, App endpoints) builds its answers here.

use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::Value as Json;

use crate::json;
use crate::requests::RefusedBy;
use crate::state::Refusal;

/// `value` with `status`.
pub(crate) fn answer(status: u16, value: Json) -> Response {
    let code = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (code, axum::Json(value)).into_response()
}

/// GitHub's error answer for `r`.
pub(crate) fn refused(r: &Refusal) -> Response {
    let mut resp = answer(r.status, json::error(r));
    for (name, value) in &r.headers {
        insert(resp.headers_mut(), name, value);
    }
    resp
}

/// GitHub's error answer for `status` and `message`.
pub(crate) fn refused_with(status: u16, message: &str) -> Response {
    refused(&Refusal::new(status, message))
}

/// 404 Not Found.
pub(crate) fn not_found() -> Response {
    refused(&Refusal::not_found())
}

/// An answer without a body.
pub(crate) fn no_content(status: u16) -> Response {
    StatusCode::from_u16(status)
        .unwrap_or(StatusCode::NO_CONTENT)
        .into_response()
}

/// Sets header `name` (ignored if `value` is not a valid header value).
pub(crate) fn insert(h: &mut HeaderMap, name: &'static str, value: &str) {
    if let Ok(v) = HeaderValue::from_str(value) {
        h.insert(name, v);
    }
}

/// A rate-limit refusal (`status`, GitHub's `message`), with `Retry-After` when given, marked
/// as refused by `by`.
pub(crate) fn rate_limited(
    status: u16,
    message: &str,
    retry_after_secs: Option<u64>,
    by: RefusedBy,
) -> Response {
    let mut r = refused_with(status, message);
    if let Some(secs) = retry_after_secs {
        insert(r.headers_mut(), "retry-after", &secs.to_string());
    }
    r.extensions_mut().insert(by);
    r
}

/// GitHub's secondary-limit refusal, with `Retry-After` when given.
pub(crate) fn secondary_limit(retry_after_secs: Option<u64>, by: RefusedBy) -> Response {
    rate_limited(
        403,
        "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
        retry_after_secs,
        by,
    )
}
