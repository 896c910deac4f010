//! The gate in front of every emulated route, doing what GitHub does to each request: count
//! it, require a User-Agent and a token (tokens without admin:org get 403 on the secrets
//! endpoints), enforce the secondary limits when switched on, apply switched-on faults (a
//! lost answer is carried out first) and rate limits, tally refusals, add `X-RateLimit-*`
//! headers, answer `If-None-Match` with 304, and hold the answer back when a test asks
//! (`hold.rs`). As on GitHub, a request that arrived is carried out even if the client hangs
//! up before the answer.

use std::time::{Duration, Instant};

use axum::body::{to_bytes, Body};
use axum::extract::{MatchedPath, OriginalUri, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use std::sync::Arc;

use crate::faults::{Chosen, FaultStats};
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

/// GitHub's secondary-limit refusal.
fn secondary_limit(retry_after_secs: u64) -> Response {
    let mut r = refused(&Refusal {
        status: 403,
        message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.".into(),
        errors: vec![],
    });
    insert(
        r.headers_mut(),
        "retry-after",
        &retry_after_secs.to_string(),
    );
    r
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
        return next.run(req).await;
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
    let (chosen, latency_ms, exhausted_until, retry_after, limits) = {
        let mut f = lock(&shared.faults);
        let chosen = f.choose();
        let f = &f.faults;
        (
            chosen,
            f.latency_ms,
            f.exhausted_until.filter(|t| *t > unix_now()),
            f.retry_after_secs,
            f.secondary_limits.clone(),
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
    let tally = |f: fn(&mut FaultStats)| f(&mut lock(&shared.faults).stats);
    let mut resp = match (admitted, chosen) {
        (Err(secs), _) => {
            tally(|s| s.refused_403 += 1);
            secondary_limit(secs)
        }
        (Ok(()), Chosen::ServerError(status)) => {
            tally(|s| s.server_errors += 1);
            refused(&Refusal {
                status,
                message: "Server Error".into(),
                errors: vec![],
            })
        }
        (Ok(()), Chosen::RateLimited) => {
            tally(|s| s.refused_429 += 1);
            let mut r = refused(&Refusal {
                status: 429,
                message: "Too Many Requests".into(),
                errors: vec![],
            });
            insert(r.headers_mut(), "retry-after", &retry_after.to_string());
            r
        }
        (Ok(()), Chosen::SecondaryLimited) => {
            tally(|s| s.refused_403 += 1);
            secondary_limit(retry_after)
        }
        (Ok(()), Chosen::LoseAnswer) => {
            let _carried_out = next.run(req).await;
            tally(|s| s.lost_answers += 1);
            refused(&Refusal {
                status: 502,
                message: "Server Error".into(),
                errors: vec![],
            })
        }
        (Ok(()), Chosen::None) => next.run(req).await,
    };
    set_rate_headers(resp.headers_mut(), remaining, reset);
    insert(resp.headers_mut(), "x-oauth-scopes", "admin:org, repo");
    insert(resp.headers_mut(), "x-accepted-oauth-scopes", "admin:org");
    if resp.status() == StatusCode::OK {
        return with_etag(resp, &headers).await;
    }
    resp
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
