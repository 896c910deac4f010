//! The tries of one call, whatever it authenticates with: wait for the budget and the
//! call's turn, send, judge the answer, then finish, follow a redirect (GET only), renew the
//! bearer once after a 401, wait out a rate limit, or retry a failure that may pass. The one
//! retry policy of the client: the App's own calls go through here too.
//!
//! Each try is logged at debug when its answer (or its failure) is in: method, route
//! template, status, attempt and duration; never a header, a body or a query.

use std::time::Instant;

use reqwest::header::{HeaderMap, CONTENT_TYPE};
use reqwest::{Method, StatusCode};

use super::call::{Call, Verdict};
use super::{failure, Answer, Body, Http};
use crate::auth::Bearer;
use crate::clock::millis;
use crate::error::Error;
use crate::headers::headers;
use crate::urls::Route;

impl Http {
    /// Sends one request to `route`, authenticated by `auth`, retrying and waiting as
    /// needed; none when an earlier call ended the run (`http/host.rs`), whose error it
    /// answers again.
    pub(crate) async fn send(
        &self,
        auth: &dyn Bearer,
        method: Method,
        route: Route,
        body: Option<&Body>,
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
        body: Option<&Body>,
    ) -> Result<Answer, Error> {
        if let Some(ended) = self.host.ended() {
            return Err(ended);
        }
        // The bearer is asked for again before every try: a wait (a rate limit, pacing, a
        // backoff) can outlast a short-lived installation token, and the minter replaces a
        // token near its expiry before it is sent, not after GitHub refuses it.
        let (mut has_renewed, mut renewed) = (false, None);
        let mut call = Call::new(&method, route, auth);
        // After waiting out a refusal, the request goes at once: its turn has come.
        let mut waited_out = false;
        loop {
            if call.spends_the_budget() {
                self.respect_block(&mut call).await?;
            }
            let ticket = self
                .pace(&mut call, std::mem::take(&mut waited_out))
                .await?;
            let bearer = match renewed.take() {
                Some(fresh) => fresh,
                None => auth.bearer().await?,
            };
            call.start_try();
            let mut req = self
                .http
                .request(method.clone(), call.url().clone())
                .headers(headers(&bearer)?);
            if let Some(Body(json)) = body {
                req = req
                    .header(CONTENT_TYPE, "application/json")
                    .body(json.clone());
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
            self.pacing
                .answered(call.endpoint(), ticket, Instant::now());
            match verdict {
                Verdict::Done(a) => return Ok(a),
                Verdict::Redirect(to) => call.redirect(to),
                // An installation token can expire mid-run: renew it once and try again.
                Verdict::Fail(e) if !has_renewed && e.status() == Some(401) => {
                    match auth.renew(&bearer).await {
                        Some(next) => (has_renewed, renewed) = (true, Some(next?)),
                        None => return Err(e),
                    }
                }
                // Our own earlier try deleted it; its answer was lost on the way.
                Verdict::Fail(e)
                    if call.maybe_done() && method == Method::DELETE && e.is_not_found() =>
                {
                    tracing::debug!(
                        method = %method,
                        route = call.route(),
                        "a DELETE whose answer was lost is answered 404: it was done"
                    );
                    return Ok(Answer {
                        request: call.request(),
                        status: StatusCode::NO_CONTENT,
                        headers: HeaderMap::new(),
                        body: Vec::new(),
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
                        call.waited_untimed(wait);
                    }
                    waited_out = true;
                }
                Verdict::Retry(e) => {
                    call.lost_an_answer();
                    self.retry(&mut call, e).await?;
                }
            }
        }
    }
}

/// The debug line of one try: one per request sent.
fn log_try(call: &Call<'_>, status: Option<StatusCode>, sent: Instant, verdict: &Verdict) {
    tracing::debug!(
        method = %call.method(),
        route = call.route(),
        status = status.map(|s| s.as_u16()),
        attempt = call.attempts(),
        duration_ms = millis(sent.elapsed()),
        outcome = verdict.outcome(),
        "GitHub API call"
    );
}
