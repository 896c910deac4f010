//! The gate in front of every emulated route, doing what GitHub does to each request: count
//! it, require a User-Agent and a token (tokens without admin:org get 403 on the secrets
//! endpoints), enforce the secondary limits when switched on, apply switched-on faults (a
//! lost answer is carried out first), rate limits and the misbehaviour of `hostile.rs`
//! (redirects, huge bodies), tally refusals, add `X-RateLimit-*` headers, answer
//! `If-None-Match` with 304, and hold the answer back when a test asks (`hold.rs`). The App
//! endpoints check their own JWT, and get the counted and drawn faults too. As on GitHub, a
//! request that arrived is carried out even if the client hangs up before the answer.

use std::time::{Duration, Instant};

use axum::body::{to_bytes, Body};
use axum::extract::{MatchedPath, OriginalUri, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use std::sync::Arc;

use crate::faults::{Chosen, FaultStats};
use crate::hostile;
use crate::routes::refused;
use crate::state::Refusal;
use crate::{lock, unix_now, RequestRecord, Shared};

pub(crate) async fn gate(
    State(shared): State<Arc<Shared>>,
    matched: Option<MatchedPath>,
    req: Request,
    next: Next,
) -> Response {
    let method = req.method().clone();
    let template = matched.map_or_else(
        || "unknown".to_string(),
        |m| {
            m.as_str()
                .strip_prefix(shared.prefix.as_str())
                .unwrap_or(m.as_str())
                .to_string()
        },
    );
    let path = req
        .extensions()
        .get::<OriginalUri>()
        .map_or_else(|| req.uri().path().to_string(), |u| u.path().to_string());
    let route = format!("{method} {template}");
    // Apart from the connection's task, so that a client going away cannot cancel it.
    let carried_out = tokio::spawn(async move {
        let resp = admit(&shared, (method.as_str(), &route), req, next).await;
        shared.record(RequestRecord {
            method: method.to_string(),
            route: route.clone(),
            path,
            status: resp.status().as_u16(),
        });
        shared.holds.wait(&route).await;
        resp
    });
    carried_out.await.unwrap_or_else(|_| {
        refused(&Refusal {
            status: 500,
            message: "Server Error".into(),
            errors: vec![],
        })
    })
}

/// Holds a place among the requests in flight until the answer is built.
struct InFlight<'a>(&'a Shared);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        lock(&self.0.windows).done();
    }
}

/// A rate-limit refusal (`status`, GitHub's `message`), with `Retry-After` when given.
fn rate_limited(status: u16, message: &str, retry_after_secs: Option<u64>) -> Response {
    let mut r = refused(&Refusal {
        status,
        message: message.into(),
        errors: vec![],
    });
    if let Some(secs) = retry_after_secs {
        insert(r.headers_mut(), "retry-after", &secs.to_string());
    }
    r
}

/// GitHub's secondary-limit refusal, with `Retry-After` when given.
fn secondary_limit(retry_after_secs: Option<u64>) -> Response {
    rate_limited(
        403,
        "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
        retry_after_secs,
    )
}

/// The answer to a request that drew `chosen` (and was admitted by the secondary limits).
async fn with_fault(
    shared: &Shared,
    chosen: Chosen,
    retry_after: Option<u64>,
    req: Request,
    next: Next,
) -> Response {
    let tally = |f: fn(&mut FaultStats)| f(&mut lock(&shared.faults).stats);
    match chosen {
        Chosen::ServerError(status) => {
            tally(|s| s.server_errors += 1);
            refused(&Refusal {
                status,
                message: "Server Error".into(),
                errors: vec![],
            })
        }
        Chosen::RateLimited => {
            tally(|s| s.refused_429 += 1);
            rate_limited(429, "Too Many Requests", retry_after)
        }
        Chosen::SecondaryLimited => {
            tally(|s| s.refused_403 += 1);
            secondary_limit(retry_after)
        }
        Chosen::LoseAnswer => {
            let _carried_out = next.run(req).await;
            tally(|s| s.lost_answers += 1);
            refused(&Refusal {
                status: 502,
                message: "Server Error".into(),
                errors: vec![],
            })
        }
        Chosen::HangUp => {
            tally(|s| s.hang_ups += 1);
            hostile::hang_up()
        }
        Chosen::None => next.run(req).await,
    }
}

/// The redirect switched on for this request, if any.
fn redirected(shared: &Shared, method: &str, req: &Request) -> Option<Response> {
    let (status, location) = lock(&shared.faults).redirect(method)?;
    let location = match location {
        Some(l) if l.starts_with("http://") || l.starts_with("https://") => l,
        Some(path) => format!("{}{path}", shared.prefix),
        None => req
            .extensions()
            .get::<OriginalUri>()
            .and_then(|u| u.path_and_query())
            .map_or_else(|| req.uri().to_string(), |p| p.as_str().to_string()),
    };
    Some(hostile::redirect(status, &location))
}

async fn admit(
    shared: &Shared,
    (method, route): (&str, &str),
    req: Request,
    next: Next,
) -> Response {
    let headers = req.headers().clone();
    if !headers.contains_key(header::USER_AGENT) {
        return refused(&Refusal {
            status: 403,
            message: "Request forbidden by administrative rules. Please make sure your request has a User-Agent header (https://docs.github.com/en/rest/using-the-rest-api/getting-started-with-the-rest-api#user-agent).".into(),
            errors: vec![],
        });
    }
    let auth = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    let token = auth.and_then(|a| {
        a.strip_prefix("Bearer ")
            .or_else(|| a.strip_prefix("token "))
    });
    let token = token.map(str::trim);
    if crate::apps::uses_jwt(&req, &shared.prefix) {
        let (chosen, retry_after) = {
            let mut f = lock(&shared.faults);
            (f.choose(), retry_after_of(&f.faults))
        };
        return with_fault(shared, chosen, retry_after, req, next).await;
    }
    if let Some(r) = token.and_then(|t| crate::apps::refusal(shared, t, req.uri().path())) {
        return r;
    }
    let limited = token.is_some_and(|t| shared.limited_tokens.iter().any(|k| k == t));
    match token {
        None => {
            return refused(&Refusal {
                status: 401,
                message: "Requires authentication".into(),
                errors: vec![],
            })
        }
        Some(t)
            if !limited
                && !shared.tokens.iter().any(|k| k == t)
                && !crate::apps::accepts(shared, t) =>
        {
            return refused(&Refusal {
                status: 401,
                message: "Bad credentials".into(),
                errors: vec![],
            })
        }
        Some(_) => {}
    }
    if limited && req.uri().path().contains("/codespaces/secrets") {
        let mut r = refused(&Refusal {
            status: 403,
            message: "Resource not accessible by personal access token".into(),
            errors: vec![],
        });
        insert(r.headers_mut(), "x-oauth-scopes", "repo");
        insert(r.headers_mut(), "x-accepted-oauth-scopes", "admin:org");
        return r;
    }
    if let Some(r) = redirected(shared, method, &req) {
        return r;
    }
    let (chosen, latency_ms, exhausted_until, retry_after, limits, huge) = {
        let mut f = lock(&shared.faults);
        let chosen = f.choose();
        let f = &f.faults;
        (
            chosen,
            f.latency_ms,
            f.exhausted_until.filter(|t| *t > unix_now()),
            retry_after_of(f),
            f.secondary_limits.clone(),
            f.huge_body,
        )
    };
    let admitted = match &limits {
        Some(l) => lock(&shared.windows).admit(l, method, route, Instant::now()),
        None => Ok(()),
    };
    let _in_flight = admitted.is_ok().then_some(InFlight(shared));
    if latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(latency_ms)).await;
    }
    let (remaining, reset) = shared.spend();
    if let Some(until) = exhausted_until {
        let mut r = refused(&Refusal { status: 403, message: "API rate limit exceeded for user ID 1. If you reach out to GitHub Support for help, please include the request ID.".into(), errors: vec![] });
        set_rate_headers(r.headers_mut(), 0, until);
        return r;
    }
    let mut resp = match admitted {
        Err(secs) => {
            lock(&shared.faults).stats.refused_403 += 1;
            secondary_limit(Some(secs))
        }
        Ok(()) => with_fault(shared, chosen, retry_after, req, next).await,
    };
    if let (Some(size), StatusCode::OK) = (huge, resp.status()) {
        resp = hostile::huge_body(StatusCode::OK, size);
    }
    set_rate_headers(resp.headers_mut(), remaining, reset);
    insert(resp.headers_mut(), "x-oauth-scopes", "admin:org, repo");
    insert(resp.headers_mut(), "x-accepted-oauth-scopes", "admin:org");
    if resp.status() == StatusCode::OK && huge.is_none() && chosen != Chosen::HangUp {
        return with_etag(resp, &headers).await;
    }
    resp
}

/// The `Retry-After` of the 429 and 403 faults, unless switched off.
fn retry_after_of(f: &crate::Faults) -> Option<u64> {
    (!f.no_retry_after).then_some(f.retry_after_secs)
}

pub(crate) fn insert(h: &mut HeaderMap, name: &'static str, value: &str) {
    if let Ok(v) = HeaderValue::from_str(value) {
        h.insert(name, v);
    }
}

fn set_rate_headers(h: &mut HeaderMap, remaining: u64, reset: u64) {
    insert(h, "x-ratelimit-limit", &crate::RATE_LIMIT.to_string());
    insert(h, "x-ratelimit-remaining", &remaining.to_string());
    insert(
        h,
        "x-ratelimit-used",
        &(crate::RATE_LIMIT.saturating_sub(remaining)).to_string(),
    );
    insert(h, "x-ratelimit-reset", &reset.to_string());
    insert(h, "x-ratelimit-resource", "core");
}

async fn with_etag(resp: Response, req_headers: &HeaderMap) -> Response {
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
