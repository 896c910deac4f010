//! The gate in front of every emulated route, doing what GitHub does to each request, alike
//! for every route and scope: log it (with the limit that refused it, if one did), require
//! a User-Agent and a token and find the caller (`auth.rs`: 401, and 403 where the token or
//! App may not use the scope), enforce the secondary and content-creation limits when
//! switched on (`limits.rs`), apply switched-on faults (a lost answer is carried out first),
//! rate limits and the misbehaviour of `hostile.rs` (redirects, huge bodies), tally
//! refusals, add `X-RateLimit-*` headers and ETags (`gate/headers.rs`), and hold the answer
//! back when a test asks (`hold.rs`). The App endpoints check their own JWT, and get the
//! counted and drawn faults too. As on GitHub, a request that arrived is carried out even if
//! the client hangs up before the answer. Handlers find the `auth::Caller` in the request's
//! extensions.

mod headers;

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{MatchedPath, OriginalUri, Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

use crate::faults::{Chosen, FaultStats, Faults};
use crate::home::Scope;
use crate::limits::Pacing;
use crate::reply::{insert, rate_limited, refused, refused_with, secondary_limit};
use crate::requests::{RefusedBy, RequestRecord};
use crate::shared::Shared;
use crate::sync::{lock, unix_now};
use crate::{apps, auth, hostile};

/// GitHub's words when the content-creation limit refuses.
const CONTENT_LIMITED: &str = "You have exceeded a secondary rate limit and have been temporarily blocked from content creation. Please retry your request again later.";

/// The middleware: admits, carries out and logs one request.
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
        let resp = admit(&shared, (method.as_str(), &template), req, next).await;
        shared.record(RequestRecord {
            method: method.to_string(),
            route: route.clone(),
            path,
            status: resp.status().as_u16(),
            refused: resp.extensions().get::<RefusedBy>().copied(),
        });
        shared.holds.wait(&route).await;
        resp
    });
    carried_out
        .await
        .unwrap_or_else(|_| refused_with(500, "Server Error"))
}

/// Holds a place among the requests in flight until the answer is built.
struct InFlight<'a>(&'a Shared);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        lock(&self.0.windows).done();
    }
}

/// The answer to a request that drew `chosen` (and was admitted by the limits).
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
            refused_with(status, "Server Error")
        }
        Chosen::RateLimited => {
            tally(|s| s.refused_429 += 1);
            rate_limited(429, "Too Many Requests", retry_after, RefusedBy::RateLimit)
        }
        Chosen::SecondaryLimited => {
            tally(|s| s.refused_403 += 1);
            secondary_limit(retry_after, RefusedBy::SecondaryLimit)
        }
        Chosen::LoseAnswer => {
            let _carried_out = next.run(req).await;
            tally(|s| s.lost_answers += 1);
            refused_with(502, "Server Error")
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

/// The refusal of a request a limit turned away.
fn limited(shared: &Shared, retry_after: u64, by: RefusedBy) -> Response {
    lock(&shared.faults).stats.refused_403 += 1;
    match by {
        RefusedBy::ContentCreation => rate_limited(403, CONTENT_LIMITED, Some(retry_after), by),
        _ => secondary_limit(Some(retry_after), by),
    }
}

async fn admit(
    shared: &Shared,
    (method, template): (&str, &str),
    mut req: Request,
    next: Next,
) -> Response {
    let route = format!("{method} {template}");
    let headers = req.headers().clone();
    if !headers.contains_key(header::USER_AGENT) {
        return refused_with(403, "Request forbidden by administrative rules. Please make sure your request has a User-Agent header (https://docs.github.com/en/rest/using-the-rest-api/getting-started-with-the-rest-api#user-agent).");
    }
    if apps::JWT_ROUTES.contains(&template) {
        let (chosen, retry_after) = {
            let mut f = lock(&shared.faults);
            (f.choose(), retry_after_of(&f.faults))
        };
        return with_fault(shared, chosen, retry_after, req, next).await;
    }
    let scope = Scope::of_route(template);
    let caller = match auth::caller(shared, &headers, scope) {
        Ok(c) => c,
        Err(r) => return refused(&r),
    };
    let oauth_scopes = caller.oauth_scopes();
    req.extensions_mut().insert(caller);
    if let Some(r) = redirected(shared, method, &req) {
        return r;
    }
    let (chosen, latency_ms, exhausted_until, retry_after, limits, content, huge) = {
        let mut f = lock(&shared.faults);
        let chosen = f.choose();
        let f = &f.faults;
        (
            chosen,
            f.latency_ms,
            f.exhausted_until.filter(|t| *t > unix_now()),
            retry_after_of(f),
            f.secondary_limits.clone(),
            f.content_creation.clone(),
            f.huge_body,
        )
    };
    let pacing = Pacing {
        secondary: limits.as_ref(),
        content: content.as_ref(),
    };
    let admitted = lock(&shared.windows).admit(pacing, method, &route, Instant::now());
    let _in_flight = matches!(admitted, Ok(true)).then_some(InFlight(shared));
    if latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(latency_ms)).await;
    }
    let (remaining, reset) = shared.spend();
    if let Some(until) = exhausted_until {
        let mut r = rate_limited(403, "API rate limit exceeded for user ID 1. If you reach out to GitHub Support for help, please include the request ID.", None, RefusedBy::PrimaryLimit);
        headers::set_rate_headers(r.headers_mut(), 0, until);
        return r;
    }
    let mut resp = match admitted {
        Err((secs, by)) => limited(shared, secs, by),
        Ok(_) => with_fault(shared, chosen, retry_after, req, next).await,
    };
    if let (Some(size), StatusCode::OK) = (huge, resp.status()) {
        resp = hostile::huge_body(StatusCode::OK, size);
    }
    headers::set_rate_headers(resp.headers_mut(), remaining, reset);
    if let Some(scopes) = oauth_scopes {
        insert(resp.headers_mut(), "x-oauth-scopes", scopes);
    }
    let accepted = scope.map_or("repo", Scope::accepted_oauth_scopes);
    insert(resp.headers_mut(), "x-accepted-oauth-scopes", accepted);
    if resp.status() == StatusCode::OK && huge.is_none() && chosen != Chosen::HangUp {
        return headers::with_etag(resp, &headers).await;
    }
    resp
}

/// The `Retry-After` of the 429 and 403 faults, unless switched off.
fn retry_after_of(f: &Faults) -> Option<u64> {
    (!f.no_retry_after).then_some(f.retry_after_secs)
}
