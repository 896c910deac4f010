//! The tries of one call, whatever it authenticates with: wait for the budget and the
//! call's turn, send, judge the answer, then finish, follow a redirect (GET only), renew the
//! bearer once after a 401, wait out a rate limit, or retry a failure that may pass. The one
//! retry policy of the client: the App's own calls go through here too.
//!
//! Each try is logged at debug when its answer (or its failure) is in: method, route
//! template, status, attempt and duration; never a header, a body or a query.

use std::time::{Duration, Instant};

use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode, Url};
use serde_json::Value as Json;

use super::judge::Verdict;
use super::pacing::endpoint;
use super::{failure, Answer, Http};
use crate::auth::Bearer;
use crate::error::Error;
use crate::request::headers;
use crate::urls::{shown, Route};

/// One call's progress through its tries.
pub(super) struct Call<'a> {
    pub(super) method: &'a Method,
    /// The route template GitHub's docs name the endpoint by.
    pub(super) route: &'static str,
    /// Where the next try goes (moved by redirects).
    pub(super) url: Url,
    /// The path first asked for, as API errors name it.
    pub(super) path: String,
    pub(super) endpoint: String,
    pub(super) started: Instant,
    pub(super) attempts: u32,
    pub(super) retries: u32,
    pub(super) rate_waits: u32,
    /// Time spent waiting for rate limits (not counted against the retry deadline).
    pub(super) rate_waited: Duration,
    /// The waits after secondary-limit refusals that named no time, in order.
    pub(super) untimed_waits: Vec<Duration>,
    /// A write was sent and its answer lost: it may have been carried out.
    pub(super) maybe_done: bool,
    /// The URLs this call was redirected from, in order.
    pub(super) redirected_from: Vec<Url>,
    /// Whether the answers' primary rate-limit headers are the client's budget.
    pub(super) spends_the_budget: bool,
}

impl Http {
    /// Sends one request to `route`, authenticated by `auth`, retrying and waiting as
    /// needed; none when an earlier call ended the run (`http/host.rs`), whose error it
    /// answers again.
    pub(crate) async fn send(
        &self,
        auth: &dyn Bearer,
        method: Method,
        route: Route,
        body: Option<&Json>,
    ) -> Result<Answer, Error> {
        let result = self.tries(auth, method, route, body).await;
        if let Err(e) = &result {
            self.host.note_failure(e);
        }
        result
    }

    async fn tries(
        &self,
        auth: &dyn Bearer,
        method: Method,
        route: Route,
        body: Option<&Json>,
    ) -> Result<Answer, Error> {
        let mut bearer = auth.bearer().await?;
        if let Some(ended) = self.host.ended() {
            return Err(ended);
        }
        let mut renewed = false;
        let mut call = Call {
            method: &method,
            route: route.template,
            endpoint: endpoint(&method, route.template),
            path: route.url.path().to_string(),
            url: route.url,
            started: Instant::now(),
            attempts: 0,
            retries: 0,
            rate_waits: 0,
            rate_waited: Duration::ZERO,
            untimed_waits: Vec::new(),
            maybe_done: false,
            redirected_from: Vec::new(),
            spends_the_budget: auth.spends_the_budget(),
        };
        // After waiting out a refusal, the request goes at once: its turn has come.
        let mut waited_out = false;
        loop {
            if call.spends_the_budget {
                self.respect_block(&mut call).await?;
            }
            let ticket = self
                .pace(&mut call, std::mem::take(&mut waited_out))
                .await?;
            call.attempts += 1;
            let mut req = self
                .http
                .request(method.clone(), call.url.clone())
                .headers(headers(&bearer)?);
            if let Some(b) = body {
                req = req.json(b);
            }
            self.note(|s| s.requests += 1);
            let sent = Instant::now();
            let verdict = match req.send().await {
                Err(e) => {
                    let verdict = failure::verdict(&call, &e, self.host.has_answered());
                    log_try(&call, None, sent, &verdict);
                    verdict
                }
                Ok(resp) => {
                    self.host.answered();
                    let status = resp.status();
                    let verdict = self.judge(&call, resp).await;
                    log_try(&call, Some(status), sent, &verdict);
                    verdict
                }
            };
            self.pacing.answered(&call.endpoint, ticket, Instant::now());
            match verdict {
                Verdict::Done(a) => return Ok(a),
                Verdict::Redirect(to) => {
                    let from = std::mem::replace(&mut call.url, to);
                    call.redirected_from.push(from);
                }
                // An installation token can expire mid-run: renew it once and try again.
                Verdict::Fail(e) if !renewed && e.status() == Some(401) => {
                    match auth.renew(&bearer).await {
                        Some(next) => (bearer, renewed) = (next?, true),
                        None => return Err(e),
                    }
                }
                // Our own earlier try deleted it; its answer was lost on the way.
                Verdict::Fail(e)
                    if call.maybe_done && method == Method::DELETE && e.is_not_found() =>
                {
                    tracing::debug!(
                        method = %method,
                        route = call.route,
                        "a DELETE whose answer was lost is answered 404: it was done"
                    );
                    return Ok(Answer {
                        status: StatusCode::NO_CONTENT,
                        headers: HeaderMap::new(),
                        body: Vec::new(),
                        url: shown(&call.url),
                        after_lost_answer: true,
                    });
                }
                Verdict::Fail(e) => return Err(e),
                Verdict::Wait {
                    wait,
                    primary,
                    untimed,
                } => {
                    self.wait_out_refusal(&mut call, wait, primary, untimed)
                        .await?;
                    if untimed {
                        call.untimed_waits.push(wait);
                    }
                    waited_out = true;
                }
                Verdict::Retry(e) => {
                    call.maybe_done |= method != Method::GET;
                    self.retry(&mut call, e).await?;
                }
            }
        }
    }
}

/// The debug line of one try: one per request sent.
fn log_try(call: &Call<'_>, status: Option<StatusCode>, sent: Instant, verdict: &Verdict) {
    let outcome = match verdict {
        Verdict::Done(_) => "done",
        Verdict::Redirect(_) => "redirected",
        Verdict::Wait { .. } => "rate limited",
        Verdict::Retry(_) => "may be retried",
        Verdict::Fail(_) => "failed",
    };
    tracing::debug!(
        method = %call.method,
        route = call.route,
        status = status.map(|s| s.as_u16()),
        attempt = call.attempts,
        duration_ms = millis(sent.elapsed()),
        outcome,
        "GitHub API call"
    );
}

/// `d` in whole milliseconds, for log fields.
pub(super) fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}
